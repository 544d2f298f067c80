"""A page load makes no request that fails: no 4xx or 5xx answer and no broken request, on
every type of page. (Material fetched a sitemap.xml beside every feed and calendar link in the
<head>, taking them for language versions of the site: two 404s on every page.)"""

from __future__ import annotations

import pytest

from support.demo_pages import PAGE_TYPES, DemoPage, require_built
from support.material import open_page

pytestmark = pytest.mark.browser


def record_failures(page) -> list[str]:
    """Every request of the page that fails or is answered with an error, as 'STATUS URL'; fills up as it loads."""
    failures: list[str] = []
    page.on("response", lambda response: failures.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.on("requestfailed", lambda request: failures.append(f"failed ({request.failure}) {request.url}"))
    return failures


@pytest.mark.parametrize("demo_page", [p for p in PAGE_TYPES if p.kind != "not-found"], ids=str)
def test_a_page_load_makes_no_failing_request(page, members_url, demo_site, demo_page: DemoPage) -> None:
    require_built(demo_site, demo_page)
    failures = record_failures(page)
    open_page(page, members_url, demo_page.path)
    page.wait_for_load_state("networkidle")
    assert failures == []


@pytest.mark.parametrize("path", ["", "sok/?q=riktlinjer"])
def test_the_public_site_makes_no_failing_request(page, public_url, path) -> None:
    failures = record_failures(page)
    open_page(page, public_url, path)
    if "?q=" in path:  # the search runs and fetches its part of the index
        page.locator(".notula-search .pf-summary").filter(has_text="träff").wait_for()
    page.wait_for_load_state("networkidle")
    assert failures == []
