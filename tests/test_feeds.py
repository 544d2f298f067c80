"""Atom feeds: one site-wide and one per group, organisation and topic, valid and linked from pages."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest

from notula import urls
from notula.publishing import feeds
from support.outputs import SITE, view_of


def parse(view, url):
    feed = next(f for f in feeds.feeds(view, SITE) if f.url == url)
    parsed = feedparser.parse(feeds.atom(view, SITE, feed))
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_group_feed_has_every_document_of_the_group_newest_first():
    view = view_of()
    parsed = parse(view, urls.group_feed("sgi"))
    links = [e.link for e in parsed.entries]
    expected = [SITE.absolute(m.url) for m in reversed(view.corpus.of_group("sgi"))]
    assert links == expected
    assert parsed.feed.title == "Strategisk grupp integration"
    assert parsed.feed.links[0].href == "https://example.org/feeds/grupp/sgi.xml"


def test_entry_has_title_date_summary_with_decisions_and_link():
    parsed = parse(view_of(), urls.site_feed())
    entry = next(e for e in parsed.entries if e.link == "https://example.org/sgi/2017-04-25/")
    assert entry.title == "Mötesanteckningar Strategisk grupp integration 25 april 2017"
    assert entry.id == "https://example.org/sgi/2017-04-25/"
    assert entry.updated == "2017-04-25T00:00:00+02:00"  # Stockholm summer time
    assert "Beslut:" in entry.summary
    assert "skicka utkastet till strategiska riktlinjer på remiss" in entry.summary
    assert entry.author == "Strategisk grupp integration"


def test_dates_carry_the_stockholm_offset_of_their_day():
    parsed = parse(view_of(), urls.site_feed())
    offsets = {e.updated[:10]: e.updated[-6:] for e in parsed.entries}
    assert offsets["2016-12-06"] == "+01:00"
    assert offsets["2017-06-07"] == "+02:00"
    assert parsed.feed.updated == max(e.updated for e in parsed.entries)


def test_public_feed_dates_a_released_document_by_its_release():
    view = view_of(audience="public")
    parsed = parse(view, urls.group_feed("sgi"))
    entry = next(e for e in parsed.entries if e.link.endswith("/sgi/2017-01-17/"))
    assert entry.published.startswith("2017-02-06")


def test_organisation_and_topic_feeds_select_related_meetings():
    view = view_of()
    hylte = [e.link for e in parse(view, urls.organisation_feed("hylte")).entries]
    assert "https://example.org/sgi/2017-04-25/" in hylte  # host and attendee
    assert "https://example.org/styrgrupp/2018-02-14/" not in hylte
    almi = [e.link for e in parse(view, urls.organisation_feed("almi-halland")).entries]
    assert almi == ["https://example.org/sgi/2018-03-13-agenda/"]  # a guest on the agenda
    sfi = [e.link for e in parse(view, urls.topic_feed("sfi")).entries]
    assert "https://example.org/sgi/2017-04-25/" in sfi and "https://example.org/styrgrupp/2016-12-06/" not in sfi


def test_every_registry_entry_has_a_feed_even_when_empty(project):
    (project / "minutes" / "topics.yml").write_text(
        (project / "minutes" / "topics.yml").read_text() + "- id: nytt\n  name: Nytt ämne\n")
    view = view_of(project)
    parsed = parse(view, urls.topic_feed("nytt"))
    assert parsed.entries == []
    assert parsed.feed.updated == "2018-05-29T00:00:00+02:00"  # the newest document, not the build time


def test_text_is_escaped(project):
    path = project / "minutes" / "sgi" / "2017" / "2017-04-25-sgi.md"
    path.write_text(path.read_text().replace("Gruppen beslutar att bjuda in", "Gruppen <b>&</b> beslutar att bjuda in"))
    parsed = parse(view_of(project), urls.group_feed("sgi"))
    entry = next(e for e in parsed.entries if e.link.endswith("/sgi/2017-04-25/"))
    assert "Gruppen &lt;b&gt;&amp;&lt;/b&gt; beslutar" in entry.summary


@pytest.mark.build
def test_built_feeds_parse_and_are_linked_from_pages(demo_site):
    for path in ["feeds/alla.xml", "feeds/grupp/sgi.xml", "feeds/organisation/halmstad.xml", "feeds/amne/sfi.xml"]:
        parsed = feedparser.parse((demo_site / path).read_bytes())
        assert not parsed.bozo, path
        assert parsed.entries, path
        for entry in parsed.entries:
            target = demo_site / entry.link.removeprefix("https://example.org/") / "index.html"
            assert target.is_file(), entry.link
            dt.datetime.fromisoformat(entry.updated)
    group_page = (demo_site / "sgi" / "index.html").read_text()
    # autodiscovery: rel has "alternate" (and "feed", which keeps Material from taking it for a language version)
    assert ('<link rel="alternate feed" type="application/atom+xml" title="Nyhetsflöde: Strategisk grupp integration" '
            'href="../feeds/grupp/sgi.xml">') in group_page
    start = (demo_site / "index.html").read_text()
    assert 'type="application/atom+xml" title="Nyhetsflöde: alla möten" href="feeds/alla.xml"' in start
