"""WCAG 2.1 A and AA, as axe-core checks it, on every type of page, the search and the phone menu.

axe finds about a third of accessibility problems; the keyboard and phone tests
in test_navigation.py and a person's judgement cover more.
"""

from __future__ import annotations

import pytest

from support import format_axe, run_axe
from support.demo_pages import PAGE_TYPES, DemoPage, require_built
from support.material import open_drawer, open_page
from support.search import page_result_pages, search, wait_for_page_results

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("demo_page", PAGE_TYPES, ids=str)
def test_page_has_no_wcag_violations(page, members_url, demo_site, demo_page: DemoPage) -> None:
    require_built(demo_site, demo_page)
    open_page(page, members_url, demo_page.path)
    violations = run_axe(page)
    assert violations == [], f"/{demo_page.path}:\n{format_axe(violations)}"


@pytest.mark.parametrize("demo_page", PAGE_TYPES, ids=str)
def test_page_at_phone_width_has_no_wcag_violations(phone, members_url, demo_site, demo_page: DemoPage) -> None:
    """At 375 px wide tables scroll sideways: the scrolling box must be reachable by keyboard
    (axe scrollable-region-focusable), as must everything else."""
    require_built(demo_site, demo_page)
    open_page(phone, members_url, demo_page.path)
    violations = run_axe(phone)
    assert violations == [], f"/{demo_page.path} at phone width:\n{format_axe(violations)}"


def test_search_with_results_has_no_wcag_violations(page, members_url) -> None:
    open_page(page, members_url, "")
    assert search(page, "beslut"), "the search found nothing to check"
    violations = run_axe(page)
    assert violations == [], format_axe(violations)


@pytest.mark.parametrize("viewport", ["page", "phone"])
def test_search_page_with_results_and_filters_has_no_wcag_violations(request, members_url, viewport) -> None:
    page = request.getfixturevalue(viewport)
    open_page(page, members_url, "sok/?q=beslut")
    wait_for_page_results(page, "beslut")
    filters = page.locator(".notula-search [data-notula-filters]")  # on a phone one closed line, "Filtrera"
    if not filters.evaluate("details => details.open"):
        filters.locator(":scope > summary").click()
    page.locator(".notula-search details[data-filter-name='organisation'] summary").click()  # a filter group opened
    page_result_pages(page)  # the first results, loaded
    violations = run_axe(page)
    assert violations == [], format_axe(violations)


def test_open_phone_menu_has_no_wcag_violations(phone, members_url) -> None:
    open_page(phone, members_url, "sgi/2017-04-25/")
    open_drawer(phone)
    violations = run_axe(phone)
    assert violations == [], format_axe(violations)


def test_public_start_page_has_no_wcag_violations(page, public_url) -> None:
    open_page(page, public_url, "")
    violations = run_axe(page)
    assert violations == [], format_axe(violations)
