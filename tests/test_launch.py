"""Launch checks: `notula check` warns and a public build refuses while a site still holds a
placeholder of `notula init` («ÄNDRA: …», an example address, init's example minutes); a new
site's privacy page; the version that built a site, visible in it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from notula import __version__
from notula.cli import main
from notula.cli.init import EXAMPLE_GROUP, SiteOptions, init_site
from notula.publishing.launch import is_example_address, placeholders
from support.launch import REAL_URL, fill_in_placeholders

TODAY = "2026-11-23"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A new site with every placeholder filled in, as its maintainer leaves it before launch."""
    root = tmp_path / "sajt"
    init_site(root, SiteOptions(name="Prov", organisation="Provkommunen"))
    fill_in_placeholders(root)
    return root


def found(root: Path) -> list[str]:
    return [str(p) for p in placeholders(root, root / "docs", root / "minutes", _site_url(root))]


def _site_url(root: Path) -> str:
    from notula.plugin.config import _load

    return str(_load(root)["site_url"])


def test_a_filled_in_site_has_no_placeholder(site):
    assert found(site) == []


def test_a_new_site_lists_every_kind(tmp_path, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    root = tmp_path / "ny"
    init_site(root, SiteOptions())
    left = found(root)
    assert left[0].startswith("mkdocs.yml:") and "site_url 'https://example.org/' is an example address" in left[0]
    for page in ("docs/om/tillganglighet.md", "docs/om/personuppgifter.md"):
        assert any(p.startswith(page + ":") and "the placeholder «ÄNDRA: " in p for p in left), page
    assert any(p.startswith(f"minutes/{EXAMPLE_GROUP}/") and "invented example minutes of 'notula init'" in p for p in left)


@pytest.mark.parametrize("text", [
    "Kontakt: «ÄNDRA: e-postadress»",
    "Kontakt: »ÄNDRA: e-postadress«",  # the other Swedish quotation marks
    "Kontakt: «ändra: e-postadress»",
    unicodedata.normalize("NFD", "Kontakt: «ÄNDRA: e-postadress»"),  # as some editors save it
    "<p>Kontakt: «ÄNDRA: e-postadress»</p>",  # in a hand-written HTML page
])
def test_a_change_mark_in_any_form_is_found(site, text):
    (site / "docs" / "om" / "kontakt.md").write_text(f"# Kontakt\n\n{text}\n", encoding="utf-8")
    (left,) = found(site)
    assert left.startswith("docs/om/kontakt.md:3: the placeholder ")


def test_a_mark_in_an_html_comment_is_not_a_placeholder(site):
    """A page's comments reach neither site: the comment of the accessibility statement of sites
    made by earlier versions of init named the marks, and stays after they are replaced."""
    page = site / "docs" / "om" / "tillganglighet.md"
    old = ("<!-- FÖRVALTARE: byt ut varje «ÄNDRA: …» på sidan innan webbplatsen publiceras, och se över\n"
           "     bedömningen när webbplatsen ändras. -->\n")
    page.write_text(old + page.read_text(encoding="utf-8") + "\nText «ÄNDRA: kvar»\n", encoding="utf-8")
    (left,) = found(site)
    assert left.startswith(f"docs/om/tillganglighet.md:{len(page.read_text(encoding='utf-8').splitlines())}: ")


@pytest.mark.parametrize("url", ["https://example.org/", "http://www.example.com/moten/", "https://EXAMPLE.NET",
                                 "https://moten.example.se/", "https://intranat.example/", "http://localhost:8000/",
                                 "https://moten.test/"])
def test_an_example_address_in_site_url_is_found(url):
    assert is_example_address(url)


@pytest.mark.parametrize("url", ["https://moten.kommun.se/", "https://example-kommun.se/", "https://org.github.io/moten/",
                                 "https://exampleorg.se/", "https://www.example.org.kommun.se/"])
def test_a_real_address_is_not(url):
    assert not is_example_address(url)


def test_an_example_mail_address_left_in_a_link_is_found(site):
    page = site / "docs" / "om" / "tillganglighet.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Skriv till oss](mailto:webb@example.org)\n", encoding="utf-8")
    (left,) = found(site)
    assert "'webb@example.org' is an example address" in left


def test_init_examples_minutes_are_found_by_their_mark_not_their_place(site):
    example = site / "minutes" / EXAMPLE_GROUP / "2026" / "2026-11-23-exempel.md"
    example.parent.mkdir(parents=True, exist_ok=True)
    init_text = (Path(__import__("notula").__file__).parent / "cli" / "site_template" / "example-minutes.md.j2").read_text(encoding="utf-8")
    head = init_text.split("---")[1]
    example.write_text("---" + head.replace("{{ date.isoformat() }}", "2026-11-23").replace("{{ due.isoformat() }}", "2026-12-21")
                       + "---\n\nText.\n", encoding="utf-8")
    assert [p.split(":")[0] for p in found(site)] == [example.relative_to(site).as_posix()]
    moved = site / "minutes" / "annan-plats.md"
    example.rename(moved)
    assert [p.split(":")[0] for p in found(site)] == ["minutes/annan-plats.md"]


def test_a_demo_site_keeps_its_example_addresses_not_its_other_placeholders(site):
    (site / "docs" / "om" / "kontakt.md").write_text("[Skriv](mailto:a@example.org) «ÄNDRA: namn»\n", encoding="utf-8")
    left = placeholders(site, site / "docs", site / "minutes", "https://example.org/", demo=True)
    assert [p.what.split(" ")[1] for p in left] == ["placeholder"]


# ----------------------------------------------------------------------------- check and build


def test_check_warns_and_passes(site, capsys):
    (site / "docs" / "om" / "kontakt.md").write_text("# Kontakt\n\n«ÄNDRA: e-postadress»\n", encoding="utf-8")
    assert main(["--root", str(site), "check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 1 document")
    assert "Warning: 1 placeholder is left; the public site is not built until it is replaced:\n" \
           "  docs/om/kontakt.md:3: the placeholder «ÄNDRA: e-postadress» is left" in out


def test_check_says_nothing_of_a_launched_site(site, capsys):
    assert main(["--root", str(site), "check"]) == 0
    assert "placeholder" not in capsys.readouterr().out


def _build(root: Path, audience: str, out: Path, *command: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "NOTULA_AUDIENCE")}
    env.update(NOTULA_TODAY=TODAY, NOTULA_AUDIENCE=audience)
    command = command or (sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(out))
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=root)


@pytest.mark.build
def test_a_public_build_refuses_and_says_why_the_members_build_does_not(site, tmp_path):
    page = site / "docs" / "om" / "personuppgifter.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Provkommunen är personuppgiftsansvarig",
                                                             "«ÄNDRA: organisationens namn» är personuppgiftsansvarig"), encoding="utf-8")
    refused = _build(site, "public", tmp_path / "public")
    assert refused.returncode == 1 and "Traceback" not in refused.stdout + refused.stderr
    assert "The public site is not built while the site still has placeholders of 'notula init'" in refused.stderr
    assert "  docs/om/personuppgifter.md:" in refused.stderr and "«ÄNDRA: organisationens namn»" in refused.stderr
    assert not (tmp_path / "public" / "index.html").exists()
    members = _build(site, "members", tmp_path / "members")
    assert members.returncode == 0, members.stderr
    cli = _build(site, "public", tmp_path, sys.executable, "-m", "notula", "--root", str(site), "build", "--audience", "public",
                 "--site-dir", str(tmp_path / "cli"))
    assert cli.returncode == 1 and "not built while the site still has placeholders" in cli.stderr
    assert not (tmp_path / "cli" / "public").exists()


@pytest.fixture(scope="module")
def launched(tmp_path_factory) -> dict[str, Path]:
    """Both sites of a new site whose placeholders are filled in."""
    root = tmp_path_factory.mktemp("launched") / "sajt"
    init_site(root, SiteOptions(name="Prov", organisation="Provkommunen"))
    fill_in_placeholders(root)
    out = root.parent / "site"
    for audience in ("members", "public"):
        result = _build(root, audience, out / audience)
        assert result.returncode == 0, result.stderr
    return {"root": root, "members": out / "members", "public": out / "public"}


@pytest.mark.build
@pytest.mark.parametrize("audience", ["members", "public"])
def test_every_page_links_the_privacy_page_beside_the_accessibility_statement(launched, audience):
    site = launched[audience]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        footer = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".md-copyright")
        if footer is None:  # Pagefind's own files
            continue
        links = [a.get_text(strip=True) for a in footer.select("a")]
        assert links[:2] == ["Tillgänglighetsredogörelse", "Personuppgifter"], page
        href = footer.select("a")[1]["href"]
        target = (site / href.lstrip("/") if href.startswith("/") else page.parent / href).resolve()  # 404.html: from the root
        assert target == (site / "om" / "personuppgifter").resolve(), page
    text = (site / "om" / "personuppgifter" / "index.html").read_text(encoding="utf-8")
    for part in ("Vilka personuppgifter publiceras?", "Provkommunen är personuppgiftsansvarig", "Integritetsskyddsmyndigheten"):
        assert part in text, part
    rows = [[cell.get_text(strip=True) for cell in row.select("td")]
            for row in BeautifulSoup(text, "html.parser").select("article table tbody tr")]
    assert rows == [["Exempelgruppen", "Deltagarnas namn (inte gästernas)"]]  # from groups.yml, as the build read it
    assert "notula: namnregler" not in text


def test_the_names_policies_are_the_registries_and_their_names_are_text():
    from notula.model.registry import Registry
    from notula.model.schema import Group
    from notula.rendering.policies import MARK, fill_names_policies

    registry = Registry(groups={
        "a": Group(id="a", name="Styrgruppen | <b>ny</b>", public_names="all"),
        "b": Group(id="b", name="Arbetsgrupp *B*", public_names="none"),
    })
    page = f"# Personuppgifter\n\n{MARK}\n\nText.\n"
    filled = fill_names_policies(page, registry)
    assert filled.split("\n")[2:6] == ["| Grupp | Namn på den offentliga webbplatsen |", "| --- | --- |",
                                       "| Styrgruppen \\| &lt;b&gt;ny&lt;/b&gt; | Alla namn |",
                                       "| Arbetsgrupp \\*B\\* | Inga namn, bara organisationerna |"]
    assert fill_names_policies("Ingen markering.\n", registry) == "Ingen markering.\n"


@pytest.mark.build
def test_a_site_without_a_privacy_page_links_none(launched, tmp_path):
    """A site made before the privacy page existed keeps working: no link to a page it lacks."""
    root = Path(__import__("shutil").copytree(launched["root"], tmp_path / "gammal", ignore=lambda *a: {"site"}))
    (root / "docs" / "om" / "personuppgifter.md").unlink()
    config = root / "mkdocs.yml"
    config.write_text("".join(line for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
                              if "personuppgifter" not in line), encoding="utf-8")
    result = _build(root, "public", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "Personuppgifter" not in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
@pytest.mark.parametrize("audience", ["members", "public"])
def test_the_version_that_built_the_site_is_in_every_page_its_feeds_and_open_data(launched, audience):
    site = launched[audience]
    for page in site.rglob("index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        generators = [meta["content"] for meta in soup.select('head meta[name="generator"]')]
        assert f"Notula {__version__}" in generators, page
    data = json.loads((site / "data" / "moten.json").read_text(encoding="utf-8"))
    assert data["generator"] == f"Notula {__version__}"
    assert f'<generator version="{__version__}">Notula</generator>' in (site / "feeds" / "alla.xml").read_text(encoding="utf-8")


def test_the_site_url_of_a_launched_site_is_its_own(launched):
    assert _site_url(launched["root"]) == REAL_URL
