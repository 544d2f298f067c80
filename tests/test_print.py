"""Printing a meeting page: the print stylesheet hides the chrome and prints attachment addresses."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

CSS = "assets/stylesheets/notula.css"


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
