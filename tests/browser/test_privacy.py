"""Visitors' browsers are sent to no one but the site itself (GDPR): no fonts, icons,
scripts or API calls from third parties, on any type of page or while searching.

Each test records the requests of a fresh browser context, which also sees those
of the search worker, and waits for the network to go quiet before it looks.
"""

from __future__ import annotations

import pytest

from support import record_foreign_requests
from support.demo_pages import PAGE_TYPES, DemoPage, require_built
from support.material import follow, open_page
from support.search import SEARCH_RESULT_LINKS, search

pytestmark = pytest.mark.browser


def settle(page) -> None:
    """Wait until the page has no requests in flight (late script requests included)."""
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("demo_page", PAGE_TYPES, ids=str)
def test_page_requests_nothing_from_other_hosts(context, members_url, demo_site, demo_page: DemoPage) -> None:
    require_built(demo_site, demo_page)
    foreign = record_foreign_requests(context, members_url)
    page = context.new_page()
    open_page(page, members_url, demo_page.path)
    settle(page)
    assert foreign == []


@pytest.mark.parametrize("site", ["members", "public"])
def test_searching_requests_nothing_from_other_hosts(context, members_url, public_url, site) -> None:
    base_url = members_url if site == "members" else public_url
    foreign = record_foreign_requests(context, base_url)
    page = context.new_page()
    open_page(page, base_url, "")
    assert search(page, "Halland"), "the search found nothing"
    follow(page, page.locator(SEARCH_RESULT_LINKS).first)
    settle(page)
    assert foreign == []
