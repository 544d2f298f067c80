"""Driving a Material for MkDocs site in a Playwright page: pages, search, drawer.

Every wait here is for a state of the page (an element, a checked toggle),
never for a length of time.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Page

SEARCH_INPUT = "input.md-search__input"
SEARCH_RESULT_LINKS = "a.md-search-result__link"
SEARCH_RESULT_COUNT = ".md-search-result__meta"
DRAWER_BUTTON = "label.md-header__button[for='__drawer']"
# The result line of a search box that is ready and empty, and once a search has run
# ("Inga sökresultat", "1 sökresultat", "12 sökresultat").
SEARCH_READY = "Skriv sökord"
SEARCH_DONE = re.compile(r"^(Inga|\d+) sökresultat$")


def open_page(page: Page, base_url: str, path: str) -> None:
    """Load *path* of the site at *base_url* and wait until Material's script has set it up."""
    response = page.goto(f"{base_url}/{path}")
    assert response is not None and response.ok, f"/{path}: HTTP {response.status if response else 'no response'}"
    page.wait_for_function("() => window.component$ !== undefined")


def follow(page: Page, link) -> None:
    """Click the link (a Locator) and wait until the browser is at its address."""
    from playwright.sync_api import expect

    href = link.evaluate("a => a.href")
    link.click()
    expect(page).to_have_url(href)


def site_path(url: str) -> str:
    """The site-relative address of an absolute URL on the local server: 'sgi/2017-04-25/'."""
    return urlsplit(url).path.lstrip("/")


def search(page: Page, query: str, shortcut: str = "/") -> list[str]:
    """Search the loaded page's site for *query*; return the pages found (site-relative, best first).

    Opens the search with one of Material's keyboard shortcuts ("/", "s", "f").
    Material shows each result with the query typed last, even a result that
    belongs to an earlier query; so this waits until the empty query of the
    fresh search box is answered ("Skriv sökord"), then fills in the whole
    query at once, so that exactly one more search runs (Material searches on
    key-up) and the next result shown is its result.
    """
    from playwright.sync_api import expect

    page.keyboard.press(shortcut)
    box = page.locator(SEARCH_INPUT)
    expect(box).to_be_focused()
    count = page.locator(SEARCH_RESULT_COUNT)
    expect(count).to_have_text(SEARCH_READY)
    box.fill(query)
    box.press("End")
    expect(count).to_have_text(SEARCH_DONE)
    return search_result_pages(page)


def search_result_pages(page: Page) -> list[str]:
    """The pages the shown search results lead to, without duplicates, in order.

    Material shows the first ten results at once and more only as the list is scrolled.
    """
    hrefs = page.locator(SEARCH_RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")
    return list(dict.fromkeys(site_path(href) for href in hrefs))


def toggle_checked(page: Page, toggle: str) -> bool:
    """Whether Material's toggle ('drawer', 'search') is on."""
    return page.evaluate("id => document.getElementById(id).checked", f"__{toggle}")


def open_drawer(page: Page) -> None:
    """Open the navigation drawer of a phone-sized page with its menu button."""
    page.locator(DRAWER_BUTTON).click()
    page.wait_for_function("() => document.getElementById('__drawer').checked")


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when it fits)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
