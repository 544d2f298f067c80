"""A large archive's index in parts (notula.publishing.search, issue 23), searched in the browser
as one: the demo indexed in parts of ten pages answers every search as the demo in one index
does, with the same results, counts, filters and highlighting, and asks each part for its
metadata once."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from playwright.sync_api import expect

from support.builds import TODAY, index_in_parts
from support.material import open_page
from support.search import PAGE_RESULT_LINKS, result_count, search, wait_for_page_results

pytestmark = pytest.mark.browser

QUERIES = ["tolkar", "beslut", "halland", "Kovačević", "remiss"]


@pytest.fixture(scope="module")
def parted(demo_builds):
    """The demo's members' site indexed in parts, served as a host serves it, with a record of what was sent."""
    from notula.publishing import search as index
    from support import hosted

    site = demo_builds.site("members", TODAY, change=index_in_parts)
    assert len(index.index_folders(site)) > 2
    with hosted(site) as served:
        yield served


# Every page the page's one Pagefind (notula-pagefind.js, as the components use it) finds for a query.
_EVERY_PAGE_FOUND = """async query => {
  const { pagefind } = await import(document.querySelector("link[rel=modulepreload][href*='notula-pagefind.js']").href)
  const found = await (await pagefind()).search(query)
  return Promise.all(found.results.map(result => result.data().then(data => data.url)))
}"""


def answer(page, base_url: str, query: str) -> tuple[int, list[str], list[str]]:
    """The search page's answer to query: its count, every page found (by the page's Pagefind)
    and each filter's values with their counts."""
    open_page(page, base_url, f"sok/?q={query}")
    count = result_count(wait_for_page_results(page, query))
    page.wait_for_function("() => document.querySelectorAll('.notula-search details[data-filter-name] label').length > 0")
    filters = page.locator(".notula-search details[data-filter-name] label").evaluate_all(
        "labels => labels.map(label => label.closest('details').dataset.filterName + ': ' + label.textContent.trim().replace(/\\s+/g, ' '))")
    return count, sorted(page.evaluate(_EVERY_PAGE_FOUND, query)), sorted(filters)


@pytest.mark.parametrize("query", QUERIES)
def test_a_search_in_parts_answers_as_one_index_does(page, members_url, parted, query) -> None:
    url = parted.url
    one_count, one_found, one_filters = answer(page, members_url, query)
    assert one_count > 0
    count, found, filters = answer(page, url, query)
    assert count == one_count
    assert found == one_found and len(found) == count  # the same pages (each part ranks by its own words' rarity)
    assert filters == one_filters
    expect(page.locator(".notula-search .pf-result-excerpt mark").first).to_be_visible()


def test_the_header_box_finds_a_page_in_any_part(page, members_url, parted) -> None:
    url = parted.url
    open_page(page, members_url, "om/")
    expected = search(page, "Kovačević")
    open_page(page, url, "om/")
    assert search(page, "Kovačević") == expected


def test_the_search_page_asks_for_every_parts_metadata_at_once_and_each_is_sent_once(page, parted) -> None:
    # Pagefind asks for a later part's metadata only once its Web Worker (or, after 5 s without
    # it, the page itself) has the WebAssembly: the worker's script is held back at the server
    # here (not by Playwright's routing, which turns the browser's cache off) until the search
    # page's own requests have brought every part's metadata. Served as a host serves it, each
    # is then sent once.
    parted.sent.clear()
    parts = len(json.loads(urlopen(f"{parted.url}/pagefind/notula-parts.json").read())["parts"]) + 1
    asked: list[str] = []
    page.context.on("request", lambda request: asked.append(urlsplit(request.url).path))
    with parted.holding("/pagefind/pagefind-worker.js") as release:
        page.goto(f"{parted.url}/sok/?q=tolkar")
        page.wait_for_function("n => performance.getEntriesByType('resource').filter(e => e.name.endsWith('.pf_meta')).length >= n", arg=parts)
        assert not any(path.endswith("/pagefind-worker.js") for path, _ in parted.sent), "the worker was not held"
        release.set()
    wait_for_page_results(page, "tolkar")
    expect(page.locator(PAGE_RESULT_LINKS).first).to_be_attached()
    # Pagefind's, once its worker has come: the last (the search page asks for it first, notula-pagefind.js fetchAhead)
    webassembly = max(i for i, path in enumerate(asked) if "/wasm." in path)
    assert len({re.sub(r"pagefind\.[^/]+\.pf_meta$", "", path) for path in asked[:webassembly] if path.endswith(".pf_meta")}) == parts > 2, asked
    metas = [(path, status) for path, status in parted.sent if path.endswith(".pf_meta")]
    assert len(metas) == parts and {status for _, status in metas} == {200}, metas
