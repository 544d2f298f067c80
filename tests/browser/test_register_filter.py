"""The register filter (notula-filter.js in the plugin's theme): narrowing Beslut and Uppdrag in a browser."""

from __future__ import annotations

import pytest

from support.material import open_page

pytestmark = pytest.mark.browser

ITEMS = "ol.notula-register > li"


def visible_items(page) -> int:
    return page.locator(f"{ITEMS}:visible").count()


def test_filter_narrows_the_decisions(page, members_url) -> None:
    open_page(page, members_url, "beslut/")
    form = page.locator("form[data-notula-filter=beslut]")
    assert form.is_visible()  # hidden in the HTML; the script shows it
    assert visible_items(page) == 20
    # (decisions that name their own topics are filed under those only; sfi's decisions all do)
    form.locator("select[name=amne]").select_option("strategiska-riktlinjer")
    assert visible_items(page) == 6
    assert form.locator(".notula-filter-count").inner_text() == "Visar 6 av 20."
    assert page.url.endswith("/beslut/?amne=strategiska-riktlinjer")
    form.locator("select[name=grupp]").select_option("styrgrupp")
    assert visible_items(page) == 0
    assert not page.locator("h2#ar-2017").is_visible()
    form.locator("button[type=reset]").click()
    # A function, as in the other tests: the bare expression once failed on the page's CSP (unsafe-eval).
    page.wait_for_function(f"() => document.querySelectorAll('{ITEMS}[hidden]').length === 0")
    assert visible_items(page) == 20


def test_filter_from_the_address_and_on_actions(page, members_url) -> None:
    open_page(page, members_url, "uppdrag/?organisation=laholm")
    assert page.locator("select[name=organisation]").input_value() == "laholm"
    texts = page.locator(f"{ITEMS}:visible").all_inner_texts()
    assert len(texts) == 2 and all("Laholm" in t for t in texts)
    open_page(page, members_url, "beslut/?ar=2016&organisation=arbetsformedlingen")
    assert visible_items(page) == 1
