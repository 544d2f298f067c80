"""iCalendar files (RFC 5545): the groups' meetings, coming and past, site-wide and per group.

A meeting is one group's gathering on one day (and slug, when a group meets twice a day).
Its records (minutes, notes, agenda) and the schedules in earlier minutes (next_meetings)
all describe the same event, so they share one UID: re-importing a calendar, or a planned
meeting turning into minutes, updates the event instead of adding another. SEQUENCE rises
as the event gets better sources (planned 0, agenda 1, minutes or notes 2).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import partial

from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from . import labels, urls
from .corpus import Meeting
from .pages import title
from .published import OutputFile, Site
from .schema import Event as DatedEvent, PlannedMeeting
from .timespan import TZID, span
from .view import View

PRODID = "-//Notula//Minnesanteckningar//SV"
RECORDS = {"minutes": 2, "notes": 2, "agenda": 1}  # document types that record a meeting, by rank
CALENDAR_NOTE = "Möten från minnesanteckningarna: kommande möten och tidigare möten med länk till anteckningarna."


@dataclass
class Gathering:
    """One event: everything the visible documents say about one meeting of a group."""

    group: str
    date: dt.date
    slug: str | None = None
    records: list[Meeting] = field(default_factory=list)  # minutes, notes, agenda: best first
    related: list[Meeting] = field(default_factory=list)  # reports and presentations of the day
    planned: PlannedMeeting | None = None
    planned_in: Meeting | None = None  # the latest minutes that scheduled it

    @property
    def key(self) -> str:
        """group-date[-slug]: the same for the planned meeting and its later minutes."""
        return f"{self.group}-{self.date.isoformat()}" + (f"-{self.slug}" if self.slug else "")

    @property
    def record(self) -> Meeting | None:
        return self.records[0] if self.records else None

    @property
    def sequence(self) -> int:
        return RECORDS[self.record.doc.type] if self.record else 0

    def _first(self, attribute: str):
        """A fact from the best record that has it, else from the schedule."""
        for meeting in self.records:
            value = getattr(meeting.doc, attribute)
            if value:
                return value
        return getattr(self.planned, attribute) if self.planned else None

    @property
    def time(self) -> str | None:
        return self._first("time")

    @property
    def place(self) -> str | None:
        return self._first("place")

    @property
    def host(self) -> str | None:
        return self._first("host")


def gatherings(view: View, group_id: str | None = None) -> list[Gathering]:
    """The events of the visible documents: every meeting with a record, and planned meetings from today on."""
    found: dict[tuple, Gathering] = {}

    def at(group: str, date: dt.date, slug: str | None) -> Gathering:
        return found.setdefault((group, date, slug), Gathering(group, date, slug))

    meetings = [m for m in view.corpus.meetings if group_id in (None, m.doc.group)]
    for meeting in meetings:  # oldest first: a later schedule replaces an earlier one
        doc = meeting.doc
        if doc.type in RECORDS:
            at(doc.group, doc.date, doc.slug).records.append(meeting)
        for planned in doc.next_meetings:
            if not isinstance(planned.date, dt.date):  # a month: no day to put in a calendar yet
                continue
            gathering = at(doc.group, planned.date, None)
            gathering.planned, gathering.planned_in = planned, meeting
    for meeting in meetings:
        key = (meeting.doc.group, meeting.doc.date, meeting.doc.slug)
        target = view.corpus.meeting_for(meeting.doc.for_meeting) if meeting.doc.for_meeting else None
        if target is not None:  # a paper for a meeting: with that meeting, whatever its own date
            key = (target.doc.group, target.doc.date, target.doc.slug)
        if meeting.doc.type not in RECORDS and key in found:
            found[key].related.append(meeting)
    result = []
    for gathering in found.values():
        gathering.records.sort(key=lambda m: -RECORDS[m.doc.type])
        if gathering.records or gathering.date >= view.today:
            result.append(gathering)
    return sorted(result, key=lambda g: (g.date, g.key))


def uid(gathering: Gathering, site: Site) -> str:
    return f"{gathering.key}@{site.host}"


def event(view: View, site: Site, gathering: Gathering) -> Event:
    """The VEVENT of one meeting, in Stockholm time (all day when no time is known)."""
    group = view.registry.groups[gathering.group]
    when = span(gathering.date, gathering.time)
    item = Event()
    item.add("uid", uid(gathering, site))
    item.add("dtstamp", dt.datetime.combine(view.today, dt.time(0), tzinfo=dt.timezone.utc))
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
    if gathering.planned and gathering.planned.note and not gathering.records:
        lines.append(f"Anmärkning: {view.names.redact(gathering.planned_in, gathering.planned.note)}")
    lines.append(f"Grupp: {view.registry.groups[gathering.group].name} {site.absolute(urls.group(gathering.group))}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Dated:
    """An event the minutes announce that is not one of the group's meetings (a deadline, a theme day)."""

    meeting: Meeting  # the latest minutes that mention it
    event: DatedEvent

    @property
    def key(self) -> str:
        digest = hashlib.sha1(self.event.title.casefold().encode("utf-8")).hexdigest()[:10]
        return f"{self.meeting.doc.group}-{self.event.date.isoformat()}-event-{digest}"


def dated_events(view: View, group_id: str | None = None) -> list[Dated]:
    """The visible documents' events that have a day (months are left out), the latest mention of each."""
    found: dict[str, Dated] = {}
    for meeting in view.corpus.meetings:  # oldest first: a later mention wins
        if group_id not in (None, meeting.doc.group):
            continue
        for item in meeting.doc.events:
            if isinstance(item.date, dt.date):
                dated = Dated(meeting, item)
                found[dated.key] = dated
    return sorted(found.values(), key=lambda d: (d.event.date, d.event.time or "", d.key))


def dated_event(view: View, site: Site, dated: Dated) -> Event:
    """The VEVENT of an announced event: in Stockholm time, all day without a time."""
    group = view.registry.groups[dated.meeting.doc.group]
    when = span(dated.event.date, dated.event.time)
    item = Event()
    item.add("uid", f"{dated.key}@{site.host}")
    item.add("dtstamp", dt.datetime.combine(view.today, dt.time(0), tzinfo=dt.timezone.utc))
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


def calendar(view: View, site: Site, name: str, items: list[Gathering], events: list[Dated] = (),
             made: dict[tuple[str, str], str] | None = None) -> str:
    """A VCALENDAR with its VTIMEZONE, for subscribing or importing. made: the text of events
    already made, by key, shared by the calendars that have events in common (the site's and
    each group's), so that each event is made once."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", CALENDAR_NOTE)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(_timezone([g.date for g in items] + [d.event.date for d in events] + [view.today]))
    made = {} if made is None else made
    texts = [_made(made, ("meeting", g.key), partial(event, view, site, g)) for g in items]
    texts += [_made(made, ("event", d.key), partial(dated_event, view, site, d)) for d in events]
    head, end = cal.to_ical().decode("utf-8"), "END:VCALENDAR\r\n"
    return head.removesuffix(end) + "".join(texts) + end  # what the calendar with the events as components gives


def _made(made: dict[tuple[str, str], str], key: tuple[str, str], make) -> str:
    if key not in made:
        made[key] = make().to_ical().decode("utf-8")
    return made[key]


def _timezone(dates: list[dt.date]) -> Timezone:
    """Stockholm's VTIMEZONE for the years the calendar spans (always there: an empty calendar stays valid)."""
    first, last = min(dates), max(dates)
    return Timezone.from_tzid(TZID, first_date=dt.date(first.year, 1, 1), last_date=dt.date(last.year + 1, 12, 31))


def _group_calendar(view: View, site: Site, group_id: str, name: str, made: dict) -> str:
    return calendar(view, site, name, gatherings(view, group_id), dated_events(view, group_id), made)


def files(view: View, site: Site) -> list[OutputFile]:
    """The site-wide calendar and one per group."""
    made: dict[tuple[str, str], str] = {}  # each event is in the site's calendar and its group's
    result = [OutputFile(urls.site_calendar(),
                         lambda: calendar(view, site, site.name, gatherings(view), dated_events(view), made))]
    for group_id, group in view.registry.groups.items():
        result.append(OutputFile(urls.group_calendar(group_id),
                                 partial(_group_calendar, view, site, group_id, group.name, made)))
    return result
