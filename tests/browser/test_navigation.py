"""Getting around in a real browser: anchors, the phone-sized drawer, and the keyboard alone."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from support.demo_pages import PAGE_TYPES, DemoPage, require_built
from support.material import follow, horizontal_overflow, open_drawer, open_page, site_path, toggle_checked
from support.search import search

pytestmark = pytest.mark.browser

MEETING = "sgi/2017-04-25/"
ORGANISATION = next(p for p in PAGE_TYPES if p.kind == "organisation")


def assert_target_shown(page: Page) -> str:
    """The URL's #fragment names an element of the page, scrolled into view below the sticky header."""
    fragment = unquote(urlsplit(page.url).fragment)
    assert fragment, f"{page.url} has no #fragment"
    target = page.locator(f"[id='{fragment}']")
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()
    header = page.locator(".md-header").bounding_box()
    assert target.bounding_box()["y"] >= header["y"] + header["height"] - 1, f"#{fragment} is hidden under the header"
    return fragment


# ---------------------------------------------------------------- anchors


def test_a_decisions_own_link_goes_to_the_decision(page, members_url) -> None:
    open_page(page, members_url, MEETING)
    follow(page, page.locator("a.notula-anchor[href='#beslut-d1']"))
    assert assert_target_shown(page) == "beslut-d1"
    expect(page.locator("li:has(> #beslut-d1)")).to_contain_text("Gruppen beslutar att skicka utkastet")


def test_a_follow_up_link_goes_to_the_action_in_earlier_minutes(page, members_url) -> None:
    open_page(page, members_url, "sgi/2018-01-23/")
    link = page.locator(".notula-follow-ups a[href*='#uppdrag-']").first
    text = link.inner_text()
    follow(page, link)
    assert site_path(page.url) != "sgi/2018-01-23/"
    fragment = assert_target_shown(page)
    assert fragment.startswith("uppdrag-")
    expect(page.locator(f"li:has(> [id='{fragment}'])")).to_contain_text(text)  # the action's heading is in its item


def test_an_organisation_page_links_to_its_decisions(page, members_url, demo_site) -> None:
    require_built(demo_site, ORGANISATION)
    open_page(page, members_url, ORGANISATION.path)
    links = page.locator("article a[href*='#beslut-']")
    assert links.count() > 0, f"{ORGANISATION.path} links to no decision"
    follow(page, links.first)
    assert re.fullmatch(r"beslut-.+", assert_target_shown(page))
    assert site_path(page.url) != ORGANISATION.path


# ---------------------------------------------------------------- phone


def test_the_phone_drawer_opens_and_its_links_work(phone, members_url) -> None:
    open_page(phone, members_url, "")
    expect(phone.locator("nav.md-nav--primary")).not_to_be_in_viewport()
    open_drawer(phone)
    drawer = phone.locator("nav.md-nav--primary")
    expect(drawer).to_be_in_viewport()
    # The nav is pruned (navigation.prune): a group is a link to its page, where its years open.
    follow(phone, drawer.locator("a.md-nav__link[href='sgi/']"))
    assert site_path(phone.url) == "sgi/"
    open_drawer(phone)
    follow(phone, drawer.locator("a.md-nav__link[href='2017/']"))
    assert site_path(phone.url) == "sgi/2017/"
    assert not toggle_checked(phone, "drawer")
    expect(phone.locator("article h1")).to_have_text(re.compile("Strategisk grupp integration 2017"))


@pytest.mark.parametrize("demo_page", PAGE_TYPES, ids=str)
def test_no_page_is_wider_than_a_phone(phone, members_url, demo_site, demo_page: DemoPage) -> None:
    require_built(demo_site, demo_page)
    open_page(phone, members_url, demo_page.path)
    assert horizontal_overflow(phone) == 0


# ---------------------------------------------------------------- keyboard


def focused(page: Page) -> dict:
    """What has the keyboard focus: tag, classes, href, text, whether it is in the content and can be seen."""
    return page.evaluate(
        """() => {
          const e = document.activeElement, box = e.getBoundingClientRect(), style = getComputedStyle(e);
          return {tag: e.tagName.toLowerCase(), classes: [...e.classList], href: e.getAttribute("href"),
                  text: (e.innerText || e.getAttribute("aria-label") || "").trim(),
                  inMain: !!e.closest(".md-content"),
                  visible: box.width > 0 && box.height > 0 && style.visibility === "visible"};
        }"""
    )


def tab_until(page: Page, wanted, limit: int = 40) -> list[dict]:
    """Press Tab until the focused element satisfies *wanted*; return every stop on the way."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(focused(page))
        if wanted(stops[-1]):
            return stops
    raise AssertionError(f"not reached in {limit} Tab presses; stops: {[s['text'] or s['classes'] for s in stops]}")


@pytest.mark.parametrize("path", ["", MEETING, "sgi/", "sgi/2017/", "om/falt/"])
def test_the_first_tab_stop_is_a_skip_link_to_the_page_title(page, members_url, path) -> None:
    open_page(page, members_url, path)
    page.keyboard.press("Tab")
    skip = focused(page)
    assert "md-skip" in skip["classes"] and skip["visible"], skip
    assert skip["text"] == "Gå till innehållet"
    title_id = page.locator("article h1").get_attribute("id")
    assert skip["href"] == f"#{title_id}", "the skip link must lead to the page title, not past it"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"#{re.escape(title_id)}$"))
    page.keyboard.press("Tab")
    assert focused(page)["inMain"], "Tab after the skip link must go on in the page content"


def test_the_main_navigation_works_by_keyboard(page, members_url) -> None:
    open_page(page, members_url, "")
    stops = tab_until(page, lambda f: f["text"] == "Strategisk grupp integration")
    assert [s for s in stops if not s["visible"]] == [], "Tab stopped on something invisible"
    page.keyboard.press("Enter")  # the nav is pruned: a group is a link to its page, where its years open
    expect(page).to_have_url(f"{members_url}/sgi/")
    page.wait_for_function("() => window.component$ !== undefined")
    stops = tab_until(page, lambda f: f["href"] == "2018/")
    assert all(s["visible"] for s in stops)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{members_url}/sgi/2018/")


def test_search_works_by_keyboard(page, members_url) -> None:
    open_page(page, members_url, "")
    found = search(page, "Kovačević")  # "/" focuses the search box
    assert MEETING in found
    box = page.locator(".notula-header-search input")
    first = box.get_attribute("aria-activedescendant")  # the first result is chosen at once
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") not in (None, first), "↓ chooses the next result"
    page.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == first
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/{re.escape(found[0])}$"))


def test_the_search_box_is_reached_by_tab(page, members_url) -> None:
    open_page(page, members_url, MEETING)
    stops = tab_until(page, lambda f: "pf-searchbox-input" in f["classes"])
    assert [s for s in stops if not s["visible"]] == [], "Tab stopped on something invisible"
    assert len(stops) <= 3, "the search box should come right after the skip link and the logo"
