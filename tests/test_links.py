"""No broken internal link or anchor in any build of the demo (checker: tests/support/links.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.links import check_links, format_broken_links


@pytest.mark.build
@pytest.mark.parametrize("audience", ["members", "public"])
def test_no_broken_internal_links(request, audience) -> None:
    site = request.getfixturevalue("demo_site" if audience == "members" else "demo_public_site")
    broken = check_links(site)
    assert broken == [], format_broken_links(broken)


# ---------------------------------------------------------------- the checker itself


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def page(body: str) -> str:
    return f'<!DOCTYPE html><html lang="sv"><head><title>T</title><link rel="stylesheet" href="/style.css"></head><body>{body}</body></html>'


def test_checker_accepts_links_that_resolve(tmp_path: Path) -> None:
    site = write(tmp_path, {
        "style.css": "",
        "index.html": page('<a href="a/">A</a> <a href="./">Hem</a> <a href="a/#d1">D1</a> <a href="#">Upp</a>'
                           '<a href="a/?h=beslut#d1">Sök</a> <img src="bild%20ett.svg" alt="">'
                           '<a href="https://example.org/saknas/">Ute</a> <a href="mailto:x@example.org">Post</a>'),
        "bild ett.svg": "<svg/>",
        "a/index.html": page('<li id="d1">Beslut</li><a href="../">Hem</a><a href="../a">A</a><a href="#d1">Här</a>'
                             '<a href="/a/#d1">Rot</a><a name="gammal"></a><a href="#gammal">Namn</a>'),
    })
    assert check_links(site) == []


def test_checker_finds_missing_files_and_anchors(tmp_path: Path) -> None:
    site = write(tmp_path, {
        "index.html": page('<a href="b/">B</a> <a href="a/#d2">D2</a> <img src="saknas.png" alt="">'),
        "a/index.html": page('<li id="d1">Beslut</li><a href="#d3">D3</a><a href="../../utanfor/">Ut</a>'),
    })
    problems = {(b.page, b.link, b.problem) for b in check_links(site)}
    assert problems == {
        ("index.html", "/style.css", "no such file"),
        ("index.html", "b/", "no such file"),
        ("index.html", "a/#d2", "no such anchor"),
        ("index.html", "saknas.png", "no such file"),
        ("a/index.html", "/style.css", "no such file"),
        ("a/index.html", "#d3", "no such anchor"),
        ("a/index.html", "../../utanfor/", "no such file"),
    }
    assert "a/#d2 -> a/index.html: no such anchor" in format_broken_links(check_links(site))


def test_checker_reads_root_links_below_the_site_path(tmp_path: Path) -> None:
    site = write(tmp_path, {"style.css": "", "index.html": page('<a href="/notula/">Hem</a>').replace("/style.css", "/notula/style.css")})
    assert check_links(site, base_path="/notula/") == []
    assert [b.link for b in check_links(site)] == ["/notula/style.css", "/notula/"]
