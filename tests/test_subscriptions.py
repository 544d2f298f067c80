"""Feed and calendar links: in each page's <head> and as a visible "Prenumerera" section."""

from __future__ import annotations

import posixpath

import pytest
from bs4 import BeautifulSoup

from notula import urls
from notula.publishing import outputs
from notula.rendering import subscriptions
from support.outputs import SITE, view_of


def hrefs(view, page_url):
    return [(f["type"], f["href"]) for f in outputs.page_meta(view, SITE, page_url)["feeds"]]


def test_head_links_by_page():
    view = view_of()
    site = [("application/atom+xml", "feeds/alla.xml"), ("text/calendar", "kalender/alla.ics")]
    assert hrefs(view, "") == site
    group = [("application/atom+xml", "feeds/grupp/sgi.xml"), ("text/calendar", "kalender/grupp/sgi.ics")]
    assert hrefs(view, "sgi/") == group + site
    assert hrefs(view, "sgi/2017/") == group + site
    assert hrefs(view, "sgi/2017-04-25/") == group + [("application/json", "data/moten/sgi/2017-04-25.json")] + site
    # pages a colleague builds: organisation and topic pages get their feeds from their address
    assert hrefs(view, urls.organisation("halmstad")) == [("application/atom+xml", "feeds/organisation/halmstad.xml")] + site
    assert hrefs(view, urls.topic("sfi")) == [("application/atom+xml", "feeds/amne/sfi.xml")] + site
    assert hrefs(view, "om/") == site


def test_json_ld_only_on_meeting_pages():
    view = view_of()
    assert "jsonld" in outputs.page_meta(view, SITE, "sgi/2017-04-25/")
    assert "jsonld" not in outputs.page_meta(view, SITE, "sgi/")


def test_visible_markup_for_the_start_page():
    text = str(subscriptions.markup(view_of(), ""))
    assert "## Prenumerera" in text
    assert 'href="feeds/alla.xml"' in text and 'href="kalender/alla.ics"' in text
    assert str(subscriptions.markup(view_of(), "om/")) == ""


@pytest.mark.build
def test_group_page_has_working_subscribe_links(demo_site):
    soup = BeautifulSoup((demo_site / "sgi" / "index.html").read_text(), "html.parser")
    links = soup.select("ul.notula-subscribe a")
    assert [a.get_text() for a in links] == ["Nyhetsflöde (Atom)", "Kalender (iCalendar)"]
    for a in links:
        assert (demo_site / posixpath.normpath(posixpath.join("sgi", a["href"]))).is_file()
    start = BeautifulSoup((demo_site / "index.html").read_text(), "html.parser")
    for a in start.select("#prenumerera ~ ul a"):
        assert (demo_site / a["href"]).is_file()
    assert start.select('a[href="feeds/alla.xml"]') and start.select('a[href="kalender/alla.ics"]')
