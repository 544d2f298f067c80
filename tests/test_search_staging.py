"""What Pagefind is given to read (search.Staging): the indexed part of the indexed pages only,
each in a small page at its own path, not the finished site whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from notula.publishing import search
from notula.rendering import searchable
from support.builds import build_site

PAGE = ('<!doctype html>\n<html lang="sv" class="no-js"><head><title>Möte - Sajt</title></head><body>'
        '<header class="md-header">Sök</header><article>{content}</article><footer>Sidfot</footer></body></html>')


def staged(staging: search.Staging, dest: str) -> str:
    return (staging.folder / dest).read_text(encoding="utf-8")


def test_a_page_gives_its_body_in_a_page_of_its_own(tmp_path):
    staging = search.Staging()
    try:
        marked = searchable.mark('<h1>Möte</h1><div data-notula-island="0"></div>', searchable.PAGE)
        rendered = PAGE.format(content=marked)
        finished = rendered.replace('<div data-notula-island="0"></div>', "<p>Beslut om tolkar</p>")
        staging.content("sgi/2017-04-25/index.html", marked, searchable.PAGE)
        staging.page("sgi/2017-04-25/index.html", rendered, finished)
        text = staged(staging, "sgi/2017-04-25/index.html")
        assert '<html lang="sv">' in text and "<title>Möte - Sajt</title>" in text
        assert "<div data-pagefind-body><h1>Möte</h1><p>Beslut om tolkar</p></div>" in text  # islands filled
        assert "md-header" not in text and "Sidfot" not in text
    finally:
        staging.close()
    assert not staging.folder.exists()


def test_intro_pages_give_their_intro_and_unindexed_pages_nothing():
    staging = search.Staging()
    try:
        marked = searchable.mark("<h1>Halmstad</h1><p>Kommun</p><h2>Möten</h2><ul><li>lång lista</li></ul>", searchable.INTRO)
        staging.content("organisationer/halmstad/index.html", marked, searchable.INTRO)
        staging.page("organisationer/halmstad/index.html", PAGE.format(content=marked), PAGE.format(content=marked))
        text = staged(staging, "organisationer/halmstad/index.html")
        assert "<div data-pagefind-body><h1>Halmstad</h1><p>Kommun</p></div>" in text and "lång lista" not in text
        register = searchable.mark("<h1>Beslut</h1>", searchable.NONE)
        staging.content("beslut/index.html", register, searchable.NONE)
        staging.page("beslut/index.html", PAGE.format(content=register), PAGE.format(content=register))
        assert not (staging.folder / "beslut/index.html").exists()
    finally:
        staging.close()


def test_a_page_whose_content_cannot_be_found_is_given_whole():
    staging = search.Staging()
    try:
        marked = searchable.mark("<h1>Om</h1>", searchable.PAGE)
        finished = PAGE.format(content="<div data-pagefind-body><h1>Om</h1> (changed by another plugin)</div>")
        staging.content("om/index.html", marked, searchable.PAGE)
        staging.page("om/index.html", finished, finished)
        assert staged(staging, "om/index.html") == finished
    finally:
        staging.close()


@pytest.mark.build
def test_the_build_gives_pagefind_the_indexed_pages_only(project, tmp_path, monkeypatch):
    log = tmp_path / "given"
    fake = tmp_path / "pagefind"
    fake.write_text(f"""#!/bin/sh
while [ $# -gt 0 ]; do case "$1" in --site) site=$2; shift;; --output-path) out=$2; shift;; esac; shift; done
echo "$site" > {log}.folder
(cd "$site" && find . -name '*.html' | sort) > {log}
cp "$site/sgi/2017-04-25/index.html" {log}.meeting
mkdir -p "$out" && echo '{{}}' > "$out/pagefind-entry.json"
echo "Indexed 1 page"
""", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    site = build_site(project, "members", today="2026-11-23")
    given = set(log.read_text(encoding="utf-8").split())
    assert {"./sgi/2017-04-25/index.html", "./organisationer/halmstad/index.html", "./om/index.html"} <= given
    for page in ["./beslut/index.html", "./uppdrag/index.html", "./sgi/2017/index.html", "./index.html"]:
        assert page not in given, page
    meeting = Path(f"{log}.meeting").read_text(encoding="utf-8")
    assert "data-pagefind-body" in meeting and "Helena Strand" in meeting and "md-header" not in meeting
    assert "md-header" in (site / "sgi/2017-04-25/index.html").read_text(encoding="utf-8")
    assert not Path(Path(f"{log}.folder").read_text(encoding="utf-8").strip()).exists(), "the staged pages are left behind"


@pytest.mark.build
def test_the_preview_stages_nothing(project, tmp_path, monkeypatch):
    """The preview renders pages on request and never indexes: it keeps no pages for Pagefind."""
    from support.preview import get, preview

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    with preview(project) as url:
        assert get(f"{url}/sgi/2017-04-25/")[0] == 200
    assert not list(temp.glob("notula-search-*"))
