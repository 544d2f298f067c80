"""Printing a meeting page: the print stylesheet hides the chrome and prints attachment addresses."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

CSS = "stylesheets/notula.css"


def print_rules(site) -> str:
    css = (site / CSS).read_text()
    start = css.index("@media print")
    return css[start:]


@pytest.mark.build
def test_print_stylesheet_hides_navigation_and_shows_attachment_addresses(demo_site):
    rules = print_rules(demo_site)
    for selector in (".notula-prevnext", ".md-search", ".notula-subscribe"):
        assert selector in rules.split("display: none")[0]
    assert re.search(r'\.notula-attachments a\[data-url\]::after\s*\{\s*content: " \(" var\(--notula-site-url, ""\) attr\(data-url\) "\)"', rules)


@pytest.mark.build
def test_attachments_carry_their_site_address_and_the_page_the_site_url(demo_site):
    html = (demo_site / "sgi" / "2017-04-25" / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    links = soup.select(".notula-attachments a[data-url]")
    assert len(links) == 2
    for a in links:
        assert (demo_site / a["data-url"]).is_file()
        assert a["data-url"].startswith("sgi/2017-04-25/attachments/")
    assert '--notula-site-url: "https://example.org/"' in html
    facts = soup.select_one("dl.notula-facts").get_text(" ")
    assert "Strategisk grupp integration" in facts and "25 april 2017" in facts and "Hyltebruk" in facts


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs headless Chromium")
def test_printed_page_has_no_chrome_and_full_attachment_addresses(demo_site):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto((demo_site / "sgi" / "2017-04-25" / "index.html").as_uri())
            page.emulate_media(media="print")
            for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".notula-prevnext"):
                assert not page.locator(selector).first.is_visible(), selector
            assert page.locator(".notula-facts").is_visible() and page.locator("#beslut").is_visible()
            after = page.evaluate("() => [...document.querySelectorAll('.notula-attachments a')]"
                                  ".map(a => getComputedStyle(a, '::after').content)")
            assert after == ['" (https://example.org/sgi/2017-04-25/attachments/2017-04-25-arbetsformedlingen.pdf)"',
                             '" (https://example.org/sgi/2017-04-25/attachments/2017-04-25-in-vast.pdf)"']
            page.emulate_media(media="screen")
            assert page.locator(".md-header").is_visible()
            assert page.evaluate("() => getComputedStyle(document.querySelector('.notula-attachments a'), '::after').content") == "none"
        finally:
            browser.close()
