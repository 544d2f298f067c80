"""A search page asks for the index's metadata with its first requests (search.preload_metadata):
its name is known only once Pagefind has written the index, so the build puts the link in then."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from notula.publishing.search import PRELOAD_MARK, preload_metadata

PAGE = f'<!doctype html>\n<html lang="{{lang}}" class="no-js">\n<head>\n  {PRELOAD_MARK}\n  <link rel="stylesheet" href="x.css">\n</head>\n</html>\n'


def _site(tmp_path: Path, languages: dict[str, str]) -> Path:
    index = tmp_path / "pagefind"
    index.mkdir()
    entry = {"version": "1.5.2", "languages": {lang: {"hash": h, "wasm": lang, "page_count": 1} for lang, h in languages.items()}}
    (index / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    return tmp_path


def _page(site: Path, path: str, lang: str, text: str = PAGE) -> Path:
    page = site / path
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(text.format(lang=lang), encoding="utf-8")
    return page


@pytest.mark.parametrize("path, href", [("sok/index.html", "../pagefind/pagefind.en_2.pf_meta"),
                                        ("sok.html", "pagefind/pagefind.en_2.pf_meta"),
                                        ("medlemmar/sok/index.html", "../../pagefind/pagefind.en_2.pf_meta")])
def test_the_page_links_to_the_metadata_of_its_language_from_where_it_is(tmp_path, path, href) -> None:
    site = _site(tmp_path, {"sv": "sv_1", "en": "en_2"})
    page = _page(site, path, "en")
    preload_metadata(site, [page])
    html = page.read_text(encoding="utf-8")
    assert f'<link rel="preload" href="{href}" as="fetch" crossorigin>\n  <link rel="stylesheet"' in html
    assert PRELOAD_MARK not in html


def test_a_site_of_one_language_preloads_it_whatever_the_page_says(tmp_path) -> None:
    site = _site(tmp_path, {"sv": "sv_1"})
    page = _page(site, "sok/index.html", "sv-SE")
    preload_metadata(site, [page])
    assert 'href="../pagefind/pagefind.sv_1.pf_meta"' in page.read_text(encoding="utf-8")


def test_a_page_of_a_language_the_index_lacks_or_without_the_mark_is_left_alone(tmp_path) -> None:
    site = _site(tmp_path, {"sv": "sv_1", "en": "en_2"})
    other = _page(site, "sok/index.html", "de")
    unmarked = _page(site, "en/sok/index.html", "en", PAGE.replace(PRELOAD_MARK, ""))
    before = {p: p.read_text(encoding="utf-8") for p in (other, unmarked)}
    preload_metadata(site, [other, unmarked])
    assert {p: p.read_text(encoding="utf-8") for p in before} == before
    assert not list(site.rglob("*.notula-tmp"))
