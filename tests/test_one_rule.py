"""Each rule in one place (issue 10): outputs that show the same thing agree.

The start page's coming meetings and events are the calendar's events from the build date on; an
organisation's feed lists exactly the meetings its page links to; a meeting's address is urls.py's;
every 'did you mean' comes from one function.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar

from notula import urls
from notula.model.registry import Registry
from notula.model.schema import Organisation
from notula.problems import did_you_mean
from notula.publishing import calendars, feeds
from notula.rendering.indexes import build_indexes
from notula.rendering.registers import SiteText, organisation_page, start_page
from support.outputs import SITE, view_of

# Build dates around the demo's schedules: before the first, between them, with an agenda ahead, after all.
DATES = [dt.date(2016, 10, 5), dt.date(2017, 1, 1), dt.date(2017, 5, 1), dt.date(2018, 3, 1),
         dt.date(2018, 3, 13), dt.date(2018, 6, 1), dt.date(2026, 11, 23)]
DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _html(page) -> str:
    return page.source.content + "".join(page.source.islands)


def _links(page) -> list[str]:
    """Every link of a generated page, as a site-relative address without its anchor."""
    found = re.findall(r'href="([^"#]*)[^"]*"', _html(page))
    return [posixpath.normpath(posixpath.join(page.url, href)) + "/" for href in found if href]


def _section(html: str, css_class: str) -> str:
    match = re.search(rf'<ul class="{css_class}">(.*?)</ul>', html, re.S)
    return match.group(1) if match else ""


def _calendar_from(view, today: dt.date) -> tuple[set, set]:
    """(group, day) of the site calendar's meetings and its announced events from today on."""
    text = calendars.calendar(view, SITE, "Test", calendars.gatherings(view), calendars.dated_events(view))
    meetings, events = set(), set()
    for event in Calendar.from_ical(text).walk("VEVENT"):
        start = event.decoded("DTSTART")
        day = start.date() if isinstance(start, dt.datetime) else start
        if day >= today:
            group = str(event["UID"]).split("-")[0]
            (events if "CATEGORIES" in event else meetings).add((group, day.isoformat()))
    return meetings, events


@pytest.mark.parametrize("audience", ["members", "public"])
@pytest.mark.parametrize("today", DATES, ids=str)
def test_start_page_coming_meetings_and_events_are_the_calendars_future(today, audience):
    view = view_of(audience=audience, today=today)
    html = _html(start_page(view, build_indexes(view), SiteText()))
    coming = set()
    for item in _section(html, "notula-coming").split("<li>")[1:]:
        date = re.search(r'datetime="([^"]+)"', item).group(1)
        group = re.search(r'href="([^"/]+)/"', item).group(1)  # the group's page
        if DAY.fullmatch(date):  # a month has no day to put in a calendar
            coming.add((group, date))
    events = set()
    for item in _section(html, "notula-events").split("<li>")[1:]:
        date = re.search(r'datetime="([^"]+)"', item).group(1)
        group = re.search(r'enligt <a href="([^"/]+)/', item).group(1)  # the minutes that announce it
        if DAY.fullmatch(date):
            events.add((group, date))
    assert (coming, events) == _calendar_from(view, today)


def test_the_rule_for_coming_meetings_is_met_by_the_demo():
    """The comparison above is not empty: a planned meeting, an agenda, a month and an event are coming."""
    view = view_of(today=dt.date(2018, 3, 1))
    coming = build_indexes(view).coming(view.today)
    assert {c.sequence for c in coming} == {0, 1, 2}  # planned, agenda, minutes dated after the build
    assert any(not c.has_day for c in coming)
    assert build_indexes(view).coming_events(view.today)


def test_a_day_the_newer_schedule_drops_is_cancelled_on_the_page_and_in_the_calendar(project):
    """sgi's 2017-01-17 minutes plan 2017-04-25; a schedule made in between that no longer lists it
    cancels it everywhere (before: the calendar kept it, the start page did not)."""
    notes = project / "minutes" / "sgi" / "2017" / "2017-03-07-sgi-notes.md"
    text = notes.read_text()
    notes.write_text(text.replace("\n---\n", "\nnext_meetings:\n  - {date: 2017-05-02, place: Rådhuset}\n---\n", 1))
    minutes = project / "minutes" / "sgi" / "2017" / "2017-04-25-sgi.md"  # a draft: the meeting rests on the schedules
    minutes.write_text(minutes.read_text().replace("type: minutes\n", "type: minutes\naudience: draft\n", 1))
    view = view_of(project, today=dt.date(2017, 4, 1))
    coming = {(c.group, c.date.isoformat()) for c in build_indexes(view).coming(view.today)}
    in_calendar = {(g.group, g.date.isoformat()) for g in calendars.gatherings(view, "sgi")}
    assert ("sgi", "2017-05-02") in coming and ("sgi", "2017-05-02") in in_calendar
    assert ("sgi", "2017-04-25") not in coming and ("sgi", "2017-04-25") not in in_calendar


@pytest.mark.parametrize("audience", ["members", "public"])
def test_an_organisations_feed_lists_exactly_the_meetings_of_its_page(audience):
    view = view_of(audience=audience)
    idx = build_indexes(view)
    by_feed = {feed.url: feed for feed in feeds.feeds(view, SITE)}
    extra = 0
    for org_id, org in idx.organisations.items():
        page = organisation_page(view, org)
        on_page = {url for url in _links(page) if url.rstrip("/") in view.corpus.by_id}
        feed = by_feed[urls.organisation_feed(org_id)]
        in_feed = {m.url for m in feed.meetings}
        assert on_page == in_feed, org_id
        atom = ET.fromstring(feeds.atom(view, SITE, feed))
        links = {e.find("{http://www.w3.org/2005/Atom}link").get("href") for e in atom.iter("{http://www.w3.org/2005/Atom}entry")}
        assert links == {SITE.absolute(url) for url in in_feed}
        extra += bool(re.search("andra-moten", _html(page)))
    assert extra  # some organisation is only a guest or writer somewhere: listed apart on its page


def test_a_meetings_address_is_the_one_urls_gives():
    for meeting in view_of().corpus.meetings:
        assert meeting.url == urls.meeting(meeting.id)
        assert meeting.src_uri == urls.src_uri(urls.meeting(meeting.id))


def test_one_did_you_mean_for_fields_and_registries():
    registry = Registry(organisations={
        "halmstad": Organisation(id="halmstad", name="Halmstads kommun", short="Halmstad", kind="municipality",
                                 aliases=["Halmstad kommun"])})
    registry.index()
    # several spellings of one organisation: it is suggested once, by its usual name
    assert registry.suggest("organisation", "Halmstadt") == did_you_mean("Halmstadt", ["Halmstad"])
    assert did_you_mean("  Atendees ", ["attendees", "absent"]) == "did you mean 'attendees'?"
    assert did_you_mean("xyz", ["attendees"]) is None


def test_notula_new_fills_in_the_plan_the_calendar_shows(project):
    from notula.cli.scaffold import new_minutes
    from notula.model.validate import load_corpus

    view = view_of(project, today=dt.date(2018, 3, 1))
    planned = next(g for g in calendars.gatherings(view, "sgi") if g.date == dt.date(2018, 5, 29))
    assert planned.planned_in is not None and not planned.records
    text = new_minutes(project, load_corpus(project).registry, "sgi", planned.date).read_text(encoding="utf-8")
    assert f'time: "{planned.time}"' in text and f'place: "{planned.place}"' in text
