"""The search index (Pagefind) of the built sites: what is in it, what is not, and a failing
indexer failing the build. What a reader finds in the browser is in tests/browser/test_search.py."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from notula.publishing import search
from notula.rendering import searchable
from support.builds import BuildFailed, build_site
from support.outputs import REPO, view_of

PAGEFIND = "pagefind"
MEETING = "/sgi/2017-04-25/"


def fragments(site: Path) -> dict[str, dict]:
    """Every page in the site's search index, by its address: text, title, filters and anchors."""
    pages = {}
    for path in (site / PAGEFIND / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        pages[fragment["url"]] = fragment
    return pages


def index_text(site: Path) -> str:
    """Everything in the index folder that a browser may fetch, decompressed, as one text."""
    texts = []
    for path in (site / PAGEFIND).rglob("*"):
        if path.is_file() and path.suffix.startswith(".pf_"):
            data = path.read_bytes()
            texts.append(gzip.decompress(data).decode("utf-8", "replace") if data[:2] == b"\x1f\x8b" else "")
    return "\n".join(texts)


def pages_with(site: Path, words: str) -> set[str]:
    return {url for url, f in fragments(site).items() if words.casefold() in f["content"].casefold()}


# ------------------------------------------------------------------ the built index


@pytest.mark.build
@pytest.mark.parametrize("which", ["members", "public"])
def test_both_builds_have_a_swedish_index_and_no_lunr(which, demo_site, demo_public_site):
    site = demo_site if which == "members" else demo_public_site
    entry = json.loads((site / PAGEFIND / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"]
    assert entry["languages"]["sv"]["page_count"] > 20
    assert (site / PAGEFIND / "pagefind-component-ui.js").is_file()
    assert not (site / "search").exists(), "Material's Lunr index is still built"
    assert MEETING in fragments(site)


@pytest.mark.build
@pytest.mark.parametrize(("words", "page"), [
    ("Helena Strand", MEETING),  # an attendee
    ("Mirela Kovačević", MEETING),  # a guest
    ("Hyltebruk", MEETING),  # a place (from the facts: words stay apart)
    ("Länsstyrelsens lokaler", "/styrgrupp/2016-12-06/"),
    ("skicka utkastet till strategiska riktlinjer på remiss", MEETING),  # a decision
    ("Arbetsförmedlingen", "/organisationer/arbetsformedlingen/"),  # an organisation, by its page
    ("Svenska för invandrare", "/amnen/sfi/"),  # a topic, by its description
    ("Svenska för invandrare", "/ordlista/"),  # the glossary is its own content
])
def test_the_index_finds_the_right_page(demo_site, words, page):
    assert page in pages_with(demo_site, words)


@pytest.mark.build
def test_registers_and_lists_are_left_to_the_minutes(demo_site):
    indexed = set(fragments(demo_site))
    for page in ["/", "/beslut/", "/uppdrag/", "/moten/", "/organisationer/", "/amnen/", "/sgi/2017/", "/sok/",
                 "/404.html"]:
        assert page not in indexed, f"{page} is in the search index"
    # pages about one organisation, topic or group: their heading and introduction, not their lists
    assert {"/organisationer/halmstad/", "/amnen/tolkar/", "/sgi/"} <= indexed
    decision = "skicka utkastet till strategiska riktlinjer på remiss"
    assert pages_with(demo_site, decision) == {MEETING}
    assert "Tolkar och delade resurser" in fragments(demo_site)["/amnen/tolkar/"]["content"]
    assert "Helena Strand" not in fragments(demo_site)["/organisationer/halmstad/"]["content"]


@pytest.mark.build
def test_decisions_and_actions_are_sections_with_their_anchors(demo_site):
    anchors = {a["id"]: a for a in fragments(demo_site)[MEETING]["anchors"]}
    assert anchors["beslut-d1"]["element"] == "h3" and anchors["beslut-d1"]["text"] == "Beslut d1"
    assert anchors["uppdrag-a2"]["element"] == "h3" and anchors["uppdrag-a2"]["text"] == "Uppdrag a2"
    assert anchors["beslut-d1"]["location"] < anchors["beslut-d2"]["location"] < anchors["uppdrag-a1"]["location"]


@pytest.mark.build
def test_meeting_pages_carry_each_filter_value_once(demo_site):
    filters = fragments(demo_site)[MEETING]["filters"]
    assert filters["grupp"] == ["Strategisk grupp integration"]
    assert filters["typ"] == ["Minnesanteckningar"] and filters["år"] == ["2017"]
    assert {"Halmstad", "Hylte", "Arbetsförmedlingen", "In-Väst"} <= set(filters["organisation"])
    assert "Tolkar och delade resurser" in filters["ämne"]
    for values in filters.values():
        assert len(values) == len(set(values)), filters
    assert fragments(demo_site)["/sgi/2018-03-13-agenda/"]["filters"]["typ"] == ["Dagordning"]
    assert fragments(demo_site)["/om/"]["filters"] == {}


@pytest.mark.build
def test_the_public_index_holds_nothing_members_only(demo_public_site, demo_site):
    public = index_text(demo_public_site)
    for hidden in ["Lars-Göran Björk", "enskilt ärende", "Sadeghi", "Rasmus Nordin", "ensamstående"]:
        assert hidden.casefold() not in public.casefold(), hidden
    assert "styrgrupp/2018-02-14" not in public  # a members-only meeting
    # the check can fail: the members' index has them, the public one what is public
    members = index_text(demo_site)
    assert "Sadeghi".casefold() in members.casefold() and "styrgrupp/2018-02-14" in members
    assert "Helena Strand" in public


# ------------------------------------------------------------------ notula.publishing.search, unit


def test_scope_from_front_matter():
    assert searchable.scope({}) == searchable.PAGE and searchable.scope(None) == searchable.PAGE
    assert searchable.scope({"search": {"exclude": True}}) == searchable.NONE  # Material's spelling
    assert searchable.scope(searchable.meta(searchable.INTRO)) == searchable.INTRO
    assert searchable.scope({"search": "yes"}) == searchable.PAGE


def test_mark_puts_the_indexed_part_in_the_body():
    html = "<h1>T</h1><p>intro</p><h2>Lista</h2><ul><li>x</li></ul>"
    assert searchable.mark(html, searchable.PAGE) == f"<div data-pagefind-body>{html}</div>"
    assert searchable.mark(html, searchable.INTRO) == ("<div data-pagefind-body><h1>T</h1><p>intro</p></div>"
                                               "<h2>Lista</h2><ul><li>x</li></ul>")
    assert searchable.mark(html, searchable.NONE) == html


def test_meeting_filters_show_only_what_the_public_page_shows():
    view = view_of(REPO, "public")
    meeting = view.corpus.by_id["sgi/2017-04-25"]
    filters = searchable.meeting_filters(view, meeting)
    assert ("grupp", "Strategisk grupp integration") in filters and ("år", "2017") in filters
    assert len(filters) == len(set(filters))
    assert all(key in {"grupp", "typ", "år", "organisation", "ämne"} for key, _ in filters)


def test_a_missing_pagefind_is_a_clear_error(tmp_path):
    with pytest.raises(search.SearchIndexError, match="could not run Pagefind"):
        search.index_site(tmp_path, binary=tmp_path / "no-such-program")
    with pytest.raises(search.SearchIndexError, match="does not exist"):
        search.index_site(tmp_path / "missing")


@pytest.mark.build
def test_a_failing_pagefind_fails_the_build(project, tmp_path, monkeypatch):
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: something broke' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    with pytest.raises(BuildFailed, match=r"(?s)Notula could not build the search index.*exit code 3.*something broke") as failed:
        build_site(project, "public", today="2026-11-23")
    assert "Traceback" not in str(failed.value)


def test_the_header_override_is_materials_with_our_search_box():
    """The theme's partials/header.html is a copy of Material's: this fails when Material changes its header."""
    import material

    ours = (REPO / "src" / "notula" / "plugin" / "theme" / "partials" / "header.html").read_text(encoding="utf-8")
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    start = theirs.index('    {% if "material/search" in config.plugins %}')
    end = theirs.index("    {% if config.repo_url %}")
    expected = theirs[:start] + '    {% include "partials/notula-search.html" %}\n' + theirs[end:]
    strip_comment = lambda text: text[text.index("-#}") + 3:]
    assert strip_comment(ours) == strip_comment(expected)


HOOK = '''\
def on_page_content(html, page, **kwargs):
    if page.file.src_uri == "om/index.md":
        return html.replace("</h1>", "</h1><p>Tillagt av en krok: sjöfartsverket</p>", 1)
    return html
'''


@pytest.mark.build
def test_a_hook_that_changes_a_page_after_notula_is_found_in_search(project):
    """Pagefind reads the finished site: what a site's own hook adds to a page is searchable."""
    (project / "hooks").mkdir(exist_ok=True)
    (project / "hooks" / "extra.py").write_text(HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("\nhooks:\n", "\nhooks:\n  - hooks/extra.py\n", 1) if "\nhooks:\n" in config \
        else config + "\nhooks:\n  - hooks/extra.py\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = build_site(project, "members", today="2026-11-23")
    fragments = [gzip.decompress(p.read_bytes()).decode() for p in (site / "pagefind/fragment").iterdir()]
    assert any("sjöfartsverket" in f and '"url":"/om/"' in f for f in fragments)
    assert any('"url":"/sgi/2017-04-25/"' in f and "Helena Strand" in f for f in fragments)


@pytest.mark.parametrize("path, named", [
    ("/pagefind/pagefind.sv_3c3a60e13a.pf_meta", True), ("/medlemmar/pagefind/index/sv_b4d5769.pf_index", True),
    ("/pagefind/fragment/sv_e15c3fc.pf_fragment", True), ("/pagefind/filter/sv_1.pf_filter", True),
    ("/pagefind/pagefind-entry.json", False), ("/pagefind/wasm.sv.pagefind", False), ("/pagefind/pagefind.js", False),
    ("/pagefind/pagefind-worker.js", False), ("/sok/index/x", False)])
def test_only_pagefinds_files_named_by_their_content_may_be_kept_for_good(path, named) -> None:
    from notula.publishing import search

    assert search.content_named(path) is named
