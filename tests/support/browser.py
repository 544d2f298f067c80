"""Headless Chromium for the browser tests (Debian's /usr/bin/chromium).

Playwright's own browser download cannot work here, so Playwright always
drives the system Chromium installed by ``scripts/install-test-tools``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

CHROMIUM_PATH = "/usr/bin/chromium"

CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
)

# Schemes that never leave the browser.
_LOCAL_SCHEMES = ("data:", "blob:", "about:")


def chromium_available() -> bool:
    """True when the system Chromium is installed and executable."""
    return os.access(CHROMIUM_PATH, os.X_OK)


def launch_chromium(playwright: Playwright, **options: Any) -> Browser:
    """Launch headless system Chromium; *options* go to ``chromium.launch``."""
    if not chromium_available():
        raise RuntimeError(f"{CHROMIUM_PATH} not found: run scripts/install-test-tools")
    return playwright.chromium.launch(
        executable_path=CHROMIUM_PATH, headless=True, args=list(CHROMIUM_ARGS), **options
    )


def origin(url: str) -> str:
    """``scheme://host[:port]`` of *url*, lower-cased."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def record_foreign_requests(page: Page, allowed_origin: str) -> list[str]:
    """Collect the URL of every request *page* makes outside *allowed_origin*.

    Returns a list that fills up as the page loads; ``data:``, ``blob:`` and
    ``about:`` URLs are ignored.  Passing a BrowserContext instead of a Page
    also catches service-worker requests.
    """
    allowed = origin(allowed_origin)
    foreign: list[str] = []

    def on_request(request: Any) -> None:
        url = request.url
        if not url.startswith(_LOCAL_SCHEMES) and origin(url) != allowed:
            foreign.append(url)

    page.on("request", on_request)
    return foreign
