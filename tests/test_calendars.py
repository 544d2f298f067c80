"""iCalendar files: coming and past meetings, stable UIDs, Stockholm time, links to the minutes."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from notula import urls
from notula.publishing import calendars
from support.outputs import SITE, view_of

BEFORE_MARCH_2018 = dt.date(2018, 2, 1)


def events_of(view, group_id=None) -> dict[str, object]:
    text = calendars.calendar(view, SITE, "Test", calendars.gatherings(view, group_id))
    cal = Calendar.from_ical(text)
    events = cal.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    return {uid: e for uid, e in zip(uids, events)}


def test_past_meetings_link_to_their_minutes_in_stockholm_time():
    events = events_of(view_of(), "sgi")
    event = events["sgi-2017-04-25@example.org"]
    assert str(event["URL"]) == "https://example.org/sgi/2017-04-25/"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == dt.datetime(2017, 4, 25, 9, tzinfo=start.tzinfo) and str(start.tzinfo) == "Europe/Stockholm"
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert end.hour == 13
    assert str(event["LOCATION"]) == "Kommunhuset, Hyltebruk"
    assert event["ORGANIZER"].params["CN"] == "Strategisk grupp integration"
    assert "https://example.org/sgi/2017-04-25/" in str(event["DESCRIPTION"])
    assert "Värd: Hylte kommun" in str(event["DESCRIPTION"])


def test_calendar_has_its_timezone_and_name():
    view = view_of()
    cal = Calendar.from_ical(calendars.calendar(view, SITE, "SGI", calendars.gatherings(view, "sgi")))
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert str(cal["X-WR-CALNAME"]) == "SGI"
    assert str(cal["VERSION"]) == "2.0"


def test_past_planned_meeting_without_minutes_is_left_out():
    events = events_of(view_of(), "sgi")
    assert "sgi-2016-11-22@example.org" not in events  # planned in 2016-10-04, then cancelled
    assert "sgi-2016-05-17@example.org" not in events  # a report is not a meeting


def test_coming_meetings_from_schedules_and_agendas():
    events = events_of(view_of(today=BEFORE_MARCH_2018), "sgi")
    agenda = events["sgi-2018-03-13@example.org"]  # planned on 2018-01-23, and an agenda
    assert str(agenda["URL"]) == "https://example.org/sgi/2018-03-13-agenda/"
    assert agenda["SEQUENCE"] == 1
    assert str(agenda["LOCATION"]) == "Högskolan i Halmstad, Kristian IV:s väg 3"
    planned = events["sgi-2018-05-29@example.org"]
    assert str(planned["URL"]) == "https://example.org/sgi/"
    assert planned["SEQUENCE"] == 0
    assert "Planerat möte enligt" in str(planned["DESCRIPTION"])
    assert "https://example.org/sgi/2018-01-23/" in str(planned["DESCRIPTION"])


def test_planned_meeting_and_its_minutes_share_the_uid(project):
    path = project / "minutes" / "sgi" / "2017" / "2017-04-25-sgi.md"
    path.write_text(path.read_text().replace("type: minutes\n", "type: minutes\naudience: draft\n", 1))
    planned = events_of(view_of(project, today=dt.date(2017, 4, 1)), "sgi")["sgi-2017-04-25@example.org"]
    held = events_of(view_of(), "sgi")["sgi-2017-04-25@example.org"]
    assert planned["SEQUENCE"] == 0 and held["SEQUENCE"] == 2
    assert str(planned["URL"]) == "https://example.org/sgi/"
    assert str(held["URL"]) == "https://example.org/sgi/2017-04-25/"


def test_latest_schedule_wins_and_notes_are_shown():
    events = events_of(view_of(today=dt.date(2017, 5, 1)), "sgi")
    assert "Anmärkning: Preliminärt" in str(events["sgi-2017-06-13@example.org"]["DESCRIPTION"])


def test_meeting_without_time_is_all_day(project):
    path = project / "minutes" / "styrgrupp" / "2018" / "2018-02-14-styrgrupp.md"
    path.write_text(path.read_text().replace('time: "13:00-16:00"\n', "", 1))
    event = events_of(view_of(project), "styrgrupp")["styrgrupp-2018-02-14@example.org"]
    assert event.decoded("DTSTART") == dt.date(2018, 2, 14)
    assert event.decoded("DTEND") == dt.date(2018, 2, 15)
    assert "TZID" not in event["DTSTART"].params


def test_time_missing_in_the_minutes_is_taken_from_the_schedule(project):
    path = project / "minutes" / "sgi" / "2017" / "2017-04-25-sgi.md"
    path.write_text(path.read_text().replace('time: "09:00-13:00"\n', "", 1))
    event = events_of(view_of(project), "sgi")["sgi-2017-04-25@example.org"]
    assert event.decoded("DTSTART").hour == 9  # from next_meetings in 2017-01-17


def test_site_calendar_has_every_group():
    uids = events_of(view_of())
    assert "styrgrupp-2018-02-14@example.org" in uids and "sgi-2018-01-23@example.org" in uids


@pytest.mark.build
def test_built_calendars_parse_and_link_to_pages(demo_site):
    for path in ["kalender/alla.ics", "kalender/grupp/sgi.ics", "kalender/grupp/styrgrupp.ics"]:
        cal = Calendar.from_ical((demo_site / path).read_text())
        events = cal.walk("VEVENT")
        assert events, path
        for event in events:
            assert str(event["UID"]).endswith("@example.org")
            url = str(event["URL"]).removeprefix("https://example.org/")
            assert (demo_site / url / "index.html").is_file(), url
    group_page = (demo_site / "sgi" / "index.html").read_text()
    assert 'type="text/calendar" title="Kalender: Strategisk grupp integration" href="../kalender/grupp/sgi.ics"' in group_page


def test_a_calendar_without_meetings_still_has_a_component(project):
    text = calendars.calendar(view_of(project), SITE, "Tom", [])
    cal = Calendar.from_ical(text)
    assert not cal.walk("VEVENT") and len(cal.walk("VTIMEZONE")) == 1  # RFC 5545 wants one component


def test_each_calendar_of_a_build_is_as_it_would_be_made_alone(project):
    """The build serialises each event once for all its calendars; a meeting with a paper another
    group wrote for it is described with that paper site-wide, without it in its group's calendar."""
    paper = project / "minutes/sgi/2018/2018-03-06-sgi-paper.md"
    moved = project / "minutes/styrgrupp/2018/2018-03-06-styrgrupp-paper.md"
    moved.parent.mkdir(parents=True, exist_ok=True)
    moved.write_text(paper.read_text(encoding="utf-8").replace("group: sgi", "group: styrgrupp"), encoding="utf-8")
    paper.unlink()
    view = view_of(project)
    made = {f.url: f.content for f in calendars.files(view, SITE)}  # in the build's order, sharing the events
    alone = {None: calendars.calendar(view, SITE, SITE.name, calendars.gatherings(view), calendars.dated_events(view))}
    alone |= {g: calendars.calendar(view, SITE, group.name, calendars.gatherings(view, g), calendars.dated_events(view, g))
              for g, group in view.registry.groups.items()}
    assert made == {urls.site_calendar(): alone[None]} | {urls.group_calendar(g): text for g, text in alone.items() if g}
    site_wide = Calendar.from_ical(made[urls.site_calendar()]).walk("VEVENT")
    in_group = Calendar.from_ical(made[urls.group_calendar("sgi")]).walk("VEVENT")
    described = [str(e["DESCRIPTION"]) for e in site_wide + in_group if str(e["UID"]) == "sgi-2018-03-13@example.org"]
    assert len(described) == 2 and ("indikatorer" in described[0]) and ("indikatorer" not in described[1])
