"""Issue 23: how search loads (theme/assets/javascripts/notula-pagefind.js, notula-search.js and
notula-search-start.js). The search page starts its search from its <head>, before Pagefind's
components; what it preloads exists and is used once; one Pagefind serves the page and the
header's box; the filters come after the first results, with the counts of the search shown,
and the header's box, which has no filters, never loads them."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from support.material import open_page
from support.search import PAGE_RESULT_LINKS, search, wait_for_page_results

pytestmark = pytest.mark.browser

MEETING = "sgi/2017-04-25/"
GROUP = "Strategisk grupp integration"  # sgi's name


def record_requests(page) -> list[str]:
    """The path of every request the page and its Web Worker make from now on."""
    paths: list[str] = []
    page.context.on("request", lambda request: paths.append(urlsplit(request.url).path))
    return paths


def fetched(paths: list[str], pattern: str) -> list[str]:
    return [path for path in paths if re.search(pattern, path)]


def test_the_search_page_searches_before_pagefinds_components_are_there(page, members_url) -> None:
    page.route("**/pagefind/pagefind-component-ui.js", lambda route: route.abort())
    paths = record_requests(page)
    with page.context.expect_event("request", lambda request: "/pagefind/fragment/" in request.url):
        page.goto(f"{members_url}/sok/?q=tolkar")
    assert fetched(paths, r"/pagefind/index/"), paths  # the index's part for the word, then the first results' text
    assert not fetched(paths, r"/pagefind/filter/"), "the filters came before the first results"


def sent_from_now(site) -> list[tuple[str, int]]:
    """What the server of site (hosted_members_site) sends from now on: its path and status."""
    site.sent.clear()
    return site.sent


def test_what_the_search_page_preloads_exists_and_is_sent_once(page, hosted_members_site) -> None:
    # Served as a host serves it (support: hosted_members_site): a preload that Pagefind then asks
    # for again (its Web Worker's fetch did not match it, or the host would not let it be kept)
    # would be sent twice, each time in full on a phone's slow link.
    sent = sent_from_now(hosted_members_site)
    open_page(page, hosted_members_site.url, "sok/?q=tolkar")
    wait_for_page_results(page, "tolkar")
    expect(page.locator(PAGE_RESULT_LINKS).first).to_be_attached()
    preloaded = page.locator("head link[rel=modulepreload], head link[rel=preload]").evaluate_all(
        "links => links.map(link => new URL(link.href).pathname)")
    for path in preloaded:
        answers = [status for sent_path, status in sent if sent_path == path]
        assert answers == [200], f"preloaded {path}: sent {answers}"


def test_the_search_page_asks_for_its_search_before_its_stylesheets(page, members_url) -> None:
    """A browser asks for what it finds in the head in order: Pagefind first, so that on a slow
    phone it is not queued behind the stylesheets."""
    paths = record_requests(page)
    open_page(page, members_url, "sok/?q=tolkar")
    wait_for_page_results(page, "tolkar")
    first_stylesheet = next(i for i, path in enumerate(paths) if path.endswith(".css"))
    for module in ("/pagefind/pagefind.js", "/assets/javascripts/notula-pagefind.js", "/pagefind/pagefind-component-ui.js"):
        assert any(path.endswith(module) for path in paths[:first_stylesheet]), (module, paths[:first_stylesheet + 1])


def test_the_search_page_asks_for_the_index_metadata_before_pagefind_does(page, hosted_members_site) -> None:
    # Pagefind asks for the metadata (after its entry file, asked for with ?ts=) once its Web
    # Worker's script has come, or on the page when the worker is slow. The worker is held back
    # at the server here (not by Playwright's routing, which turns the browser's cache off) until
    # the page's own request has finished; served as a host serves it, Pagefind's request is then
    # answered from the browser's cache.
    sent = sent_from_now(hosted_members_site)
    asked: list[str] = []
    page.context.on("request", lambda request: asked.append(request.url))
    with hosted_members_site.holding("/pagefind/pagefind-worker.js") as release:
        with page.expect_event("requestfinished", lambda request: request.url.endswith(".pf_meta"), timeout=15_000):
            page.goto(f"{hosted_members_site.url}/sok/?q=tolkar")
        assert not any(path.endswith("/pagefind-worker.js") for path, _ in sent), "the worker was not held"
        release.set()
    wait_for_page_results(page, "tolkar")
    metadata = next(i for i, url in enumerate(asked) if url.endswith(".pf_meta"))
    pagefinds_entry = next(i for i, url in enumerate(asked) if "/pagefind-entry.json?ts=" in url)  # Pagefind's own
    assert metadata < pagefinds_entry, asked
    assert [status for path, status in sent if path.endswith(".pf_meta")] == [200]


def test_the_search_page_fetches_pagefinds_worker_and_webassembly_ahead_and_once(page, hosted_members_site) -> None:
    # Pagefind's Web Worker asks for its own script, then (after its entry file) the WebAssembly.
    # The search page asks for both first (notula-pagefind.js, fetchAhead); their names are
    # fixed, so a host has them revalidated, and the worker's requests are to be answered "not
    # modified": each sent in full once. Without the page's own request each is asked for once
    # (200 alone); had the worker's request missed the browser's cache, it would be sent twice.
    sent = sent_from_now(hosted_members_site)
    open_page(page, hosted_members_site.url, "sok/?q=tolkar")
    wait_for_page_results(page, "tolkar")
    for name in (r"/pagefind/pagefind-worker\.js$", r"/pagefind/wasm\.[^/]+\.pagefind$"):
        answers = sorted(status for path, status in sent if re.search(name, path))
        assert answers == [200, 304], (name, answers)


def test_one_pagefind_serves_the_search_page_and_the_header(page, hosted_members_site) -> None:
    sent = sent_from_now(hosted_members_site)
    open_page(page, hosted_members_site.url, "sok/?q=tolkar")
    wait_for_page_results(page, "tolkar")
    assert MEETING in search(page, "Kovačević")  # the header's box, on the same page
    paths = [path for path, status in sent if status == 200]
    for name in (r"/pagefind/pagefind\.js$", r"/pagefind/wasm\.[^/]+\.pagefind$", r"\.pf_meta$"):
        assert len(fetched(paths, name)) == 1, (name, fetched(paths, name))


def test_the_header_box_never_loads_the_filters(page, members_url) -> None:
    paths = record_requests(page)
    open_page(page, members_url, MEETING)
    assert MEETING in search(page, "Kovačević")
    assert fetched(paths, r"\.pf_meta$"), "Pagefind was not loaded: the test could not fail"
    assert not fetched(paths, r"/pagefind/filter/"), "the header's box, which has no filters, loaded them"


def test_the_filters_show_the_counts_of_the_search_shown(page, members_url) -> None:
    # "Kovačević" is in one minutes of sgi; sgi has more indexed pages than that, so counts of
    # the whole index instead of the search's would show more than one.
    open_page(page, members_url, "sok/?q=Kovačević")
    wait_for_page_results(page, "Kovačević")
    count = page.locator(f".notula-search details[data-filter-name='grupp'] label:has-text('{GROUP}') .pf-filter-checkbox-count")
    expect(count).to_have_text("1")
    page.goto(f"{members_url}/sok/")
    expect(count).to_have_text(re.compile(r"^[2-9]|^\d\d"))  # the test could fail: sgi has more pages than one


def test_every_result_of_a_long_list_stays_in_reach(page, members_url) -> None:
    # The list is given 20 results at first, then 20 more whenever its end comes near the view.
    summary = page.locator(".notula-search .pf-summary")
    open_page(page, members_url, "sok/?q=och")
    total = int(re.search(r"gav (\d+) träff", wait_for_page_results(page, "och")).group(1))
    assert total > 20, f"'och' gave {total} results: too few for the test to fail"
    places = page.locator(".notula-search pagefind-results li.pf-result")
    expect(places).to_have_count(20)
    for shown in range(40, total + 20, 20):
        places.last.scroll_into_view_if_needed()
        expect(places).to_have_count(min(shown, total))
    expect(page.locator("[data-notula-more]")).to_be_hidden()
    places.last.scroll_into_view_if_needed()
    expect(places.last.locator("a.pf-result-link")).to_have_attribute("href", re.compile("."))  # drawn, as the first ones
    expect(summary).to_contain_text(f"gav {total} träff")


def test_on_a_phone_the_results_stay_put_when_the_filters_come(phone, members_url) -> None:
    open_page(phone, members_url, "sok/?q=tolkar")
    wait_for_page_results(phone, "tolkar")
    first = phone.locator(PAGE_RESULT_LINKS).first
    expect(first).to_be_attached()
    before = first.bounding_box()
    expect(phone.locator(".notula-search details[data-filter-name='grupp']")).to_be_attached()  # the filters have come
    assert first.bounding_box() == before, "the results moved when the filters came"
    assert before and before["y"] < phone.viewport_size["height"], "the first result is out of view"
    toggle = phone.locator(".notula-search [data-notula-filters] > summary")
    toggle.click()  # the filters stay in reach
    group = phone.locator(".notula-search details[data-filter-name='grupp']")
    expect(group.locator("label:not([data-pf-hidden])").first).to_be_visible()
