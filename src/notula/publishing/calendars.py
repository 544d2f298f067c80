"""iCalendar files (RFC 5545): the groups' meetings, coming and past, site-wide and per group.

A meeting is one group's gathering on one day (and slug, when a group meets twice a day).
Its records (minutes, notes, agenda) and the schedules in earlier minutes (next_meetings)
all describe the same event, so they share one UID: re-importing a calendar, or a planned
meeting turning into minutes, updates the event instead of adding another. SEQUENCE rises
as the event gets better sources (planned 0, agenda 1, minutes or notes 2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial

from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from notula import labels, urls
from notula.model.gatherings import Gathering, Happening, happenings
from notula.model.gatherings import gatherings as model_gatherings
from notula.model.schema import first_day
from notula.model.timespan import TZID, span
from notula.publishing.published import OutputFile, Site
from notula.rendering.pages import title
from notula.showing.view import View

PRODID = "-//Notula//Minnesanteckningar//SV"
CALENDAR_NOTE = "Möten från minnesanteckningarna: kommande möten och tidigare möten med länk till anteckningarna."


def gatherings(view: View, group_id: str | None = None) -> list[Gathering]:
    """The calendar's meetings: every meeting with a record, and those still to come (with a day:
    a month has none to put in a calendar yet). The same coming meetings as the pages show."""
    return [g for g in model_gatherings(view.corpus, group_id)
            if g.has_day and (g.records or g.coming(view.today))]


def uid(gathering: Gathering, site: Site) -> str:
    return f"{gathering.key}@{site.host}"


def event(view: View, site: Site, gathering: Gathering) -> Event:
    """The VEVENT of one meeting, in Stockholm time (all day when no time is known)."""
    group = view.registry.groups[gathering.group]
    when = span(first_day(gathering.date), gathering.time)  # a day: the calendar has no months
    item = Event()
    item.add("uid", uid(gathering, site))
    item.add("dtstamp", dt.datetime.combine(view.today, dt.time(0), tzinfo=dt.UTC))
    item.add("sequence", gathering.sequence)
    item.add("dtstart", when.start)
    if when.end is not None:
        item.add("dtend", when.end)
    item.add("summary", group.name)
    if gathering.place:
        item.add("location", gathering.place)
    item.add("url", site.absolute(gathering.record.url if gathering.record else urls.group(gathering.group)))
    item.add("description", description(view, site, gathering))
    organizer = vCalAddress(site.absolute(urls.group(gathering.group)))
    organizer.params["cn"] = vText(group.name)
    item.add("organizer", organizer)
    return item


def description(view: View, site: Site, gathering: Gathering) -> str:
    """Plain text: the summary, links to the documents, host and the schedule's note."""
    lines = []
    if gathering.record and gathering.record.doc.summary:
        lines += [view.names.redact(gathering.record, gathering.record.doc.summary), ""]
    for meeting in gathering.records + gathering.related:
        lines.append(f"{labels.TYPE_LABELS[meeting.doc.type]}: {title(view, meeting)} {site.absolute(meeting.url)}")
    if not gathering.records and gathering.planned_in:
        lines.append(f"Planerat möte enligt {title(view, gathering.planned_in)}, "
                     f"{labels.long_date(gathering.planned_in.doc.date)}: {site.absolute(gathering.planned_in.url)}")
    if gathering.host:
        lines.append(f"Värd: {view.registry.org(gathering.host).name}")
    if gathering.planned_in and gathering.planned and gathering.planned.note and not gathering.records:
        lines.append(f"Anmärkning: {view.names.redact(gathering.planned_in, gathering.planned.note)}")
    lines.append(f"Grupp: {view.registry.groups[gathering.group].name} {site.absolute(urls.group(gathering.group))}")
    return "\n".join(lines)


def dated_events(view: View, group_id: str | None = None) -> list[Happening]:
    """The announced events that have a day (months are left out), past and coming."""
    return [h for h in happenings(view.corpus, group_id) if h.has_day]


def dated_event(view: View, site: Site, dated: Happening) -> Event:
    """The VEVENT of an announced event: in Stockholm time, all day without a time."""
    group = view.registry.groups[dated.meeting.doc.group]
    when = span(first_day(dated.event.date), dated.event.time)  # a day: the calendar has no months
    item = Event()
    item.add("uid", f"{dated.key}@{site.host}")
    item.add("dtstamp", dt.datetime.combine(view.today, dt.time(0), tzinfo=dt.UTC))
    item.add("dtstart", when.start)
    if when.end is not None:
        item.add("dtend", when.end)
    item.add("summary", view.names.redact(dated.meeting, dated.event.title))
    if dated.event.place:
        item.add("location", dated.event.place)
    item.add("url", site.absolute(dated.meeting.url))
    item.add("description", f"Enligt {title(view, dated.meeting)}: {site.absolute(dated.meeting.url)}\n"
                            f"Grupp: {group.name} {site.absolute(urls.group(group.id))}")
    item.add("categories", "Händelse")
    return item


def calendar(view: View, site: Site, name: str, items: list[Gathering], events: Sequence[Happening] = (),
             serialised: Events | None = None) -> str:
    """A VCALENDAR with its VTIMEZONE, for subscribing or importing. serialised: the build's
    events, each serialised once (a meeting is in the site's calendar and its group's)."""
    serialised = serialised or Events(view, site)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", CALENDAR_NOTE)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(_timezone([first_day(g.date) for g in items] + [first_day(d.date) for d in events] + [view.today]))
    # A component is its lines, those of its components in order, then its END line: the
    # events go before that, as add_component would have put them.
    head = cal.to_ical()
    assert head.endswith(_END)
    body = [serialised.meeting(g) for g in items] + [serialised.announced(d) for d in events]
    return b"".join([head[:-len(_END)], *body, _END]).decode("utf-8")


_END = b"END:VCALENDAR\r\n"


class Events:
    """The VEVENTs of one build, each serialised once, by what it is made of."""

    def __init__(self, view: View, site: Site) -> None:
        self.view, self.site = view, site
        self._done: dict[tuple, bytes] = {}

    def meeting(self, gathering: Gathering) -> bytes:
        # what event() reads; the documents by identity (a group's calendar leaves out the
        # papers other groups wrote for its meeting, so the same meeting can differ)
        key = ("meeting", gathering.key, tuple(map(id, gathering.records)), tuple(map(id, gathering.related)),
               id(gathering.planned), id(gathering.planned_in))
        if key not in self._done:
            self._done[key] = event(self.view, self.site, gathering).to_ical()
        return self._done[key]

    def announced(self, dated: Happening) -> bytes:
        key = ("announced", dated.key, id(dated.meeting), id(dated.event))
        if key not in self._done:
            self._done[key] = dated_event(self.view, self.site, dated).to_ical()
        return self._done[key]


def _timezone(dates: list[dt.date]) -> Timezone:
    """Stockholm's VTIMEZONE for the years the calendar spans (always there: an empty calendar stays valid)."""
    first, last = min(dates), max(dates)
    return Timezone.from_tzid(TZID, first_date=dt.date(first.year, 1, 1), last_date=dt.date(last.year + 1, 12, 31))


def _group_calendar(view: View, site: Site, group_id: str, name: str, serialised: Events) -> str:
    return calendar(view, site, name, gatherings(view, group_id), dated_events(view, group_id), serialised)


def files(view: View, site: Site) -> list[OutputFile]:
    """The site-wide calendar and one per group."""
    serialised = Events(view, site)
    result = [OutputFile(urls.site_calendar(),
                         lambda: calendar(view, site, site.name, gatherings(view), dated_events(view), serialised))]
    for group_id, group in view.registry.groups.items():
        result.append(OutputFile(urls.group_calendar(group_id),
                                 partial(_group_calendar, view, site, group_id, group.name, serialised)))
    return result
