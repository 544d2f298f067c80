"""The register filter (docs/javascripts/notula-filter.js) in headless Chromium.

Needs only the system Chromium (tests/support/browser.py); skipped without it, failed under CI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from support import chromium_available, launch_chromium, serve_directory

pytestmark = [pytest.mark.browser, pytest.mark.build]


@pytest.fixture(scope="module")
def browser_page(demo_site) -> Iterator:
    if not chromium_available():
        reason = "no headless Chromium: run scripts/install-test-tools"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, serve_directory(demo_site) as base_url:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.set_default_timeout(10_000)
        page.base_url = base_url
        yield page
        browser.close()


def visible_items(page) -> int:
    return page.locator("ol.notula-register > li:visible").count()


def test_filter_narrows_the_decisions(browser_page):
    page = browser_page
    page.goto(f"{page.base_url}/beslut/")
    form = page.locator("form[data-notula-filter=beslut]")
    assert form.is_visible()
    assert visible_items(page) == 16
    form.locator("select[name=amne]").select_option("sfi")
    assert visible_items(page) == 5
    assert form.locator(".notula-filter-count").inner_text() == "Visar 5 av 16."
    assert page.url.endswith("/beslut/?amne=sfi")
    form.locator("select[name=grupp]").select_option("styrgrupp")
    assert visible_items(page) == 0
    assert not page.locator("h2#ar-2017").is_visible()
    form.locator("button[type=reset]").click()
    page.wait_for_function("document.querySelectorAll('ol.notula-register > li[hidden]').length === 0")
    assert visible_items(page) == 16


def test_filter_from_the_address_and_on_actions(browser_page):
    page = browser_page
    page.goto(f"{page.base_url}/uppdrag/?organisation=laholm")
    assert page.locator("select[name=organisation]").input_value() == "laholm"
    texts = page.locator("ol.notula-register > li:visible").all_inner_texts()
    assert len(texts) == 2 and all("Laholm" in t for t in texts)
    page.goto(f"{page.base_url}/beslut/?ar=2016&organisation=arbetsformedlingen")
    assert visible_items(page) == 1
