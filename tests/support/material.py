"""Driving a Material for MkDocs site in a Playwright page: pages and the drawer (search: support/search.py).

Every wait here is for a state of the page (an element, a checked toggle),
never for a length of time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Page

DRAWER_BUTTON = "label.md-header__button[for='__drawer']"


def open_page(page: Page, base_url: str, path: str) -> None:
    """Load *path* of the site at *base_url* and wait until Material's script has set it up."""
    response = page.goto(f"{base_url}/{path}")
    assert response is not None and response.ok, f"/{path}: HTTP {response.status if response else 'no response'}"
    page.wait_for_function("() => window.component$ !== undefined")


def follow(page: Page, link) -> None:
    """Click the link (a Locator) and wait until the browser is at its address and has its page
    (the address changes before the new document is parsed)."""
    from playwright.sync_api import expect

    href = link.evaluate("a => a.href")
    link.click()
    expect(page).to_have_url(href)
    page.wait_for_load_state("domcontentloaded")


def site_path(url: str) -> str:
    """The site-relative address of an absolute URL on the local server: 'sgi/2017-04-25/'."""
    return urlsplit(url).path.lstrip("/")


def toggle_checked(page: Page, toggle: str) -> bool:
    """Whether Material's toggle ('drawer') is on."""
    return page.evaluate("id => document.getElementById(id).checked", f"__{toggle}")


def open_drawer(page: Page) -> None:
    """Open the navigation drawer of a phone-sized page with its menu button."""
    page.locator(DRAWER_BUTTON).click()
    page.wait_for_function("() => document.getElementById('__drawer').checked")


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when it fits)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
