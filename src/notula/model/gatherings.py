"""The groups' meetings and announced events as the documents tell of them: one rule for the
calendars and for the coming meetings and events on the start and group pages.

A meeting (a gathering) is one group's meeting on one day (and slug, when a group meets twice a
day). Its records (minutes, notes, agenda) and the schedules in minutes (next_meetings) all
describe it. For a day, the schedule in force is the latest one made before it: a day an earlier
schedule planned and that one no longer lists was cancelled or moved, unless a record shows
that the meeting took place (then the schedule that planned it still gives what the record lacks).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from dataclasses import dataclass, field

from notula.model.corpus import Corpus, Meeting
from notula.model.references import meeting_ref
from notula.model.schema import RECORD_TYPES, Event, Month, PlannedMeeting, first_day, last_day

RECORDS = {**dict.fromkeys(RECORD_TYPES, 2), "agenda": 1}  # document types that tell of a meeting, by rank


@dataclass
class Gathering:
    """One meeting of a group: everything the visible documents say about it."""

    group: str
    date: dt.date | Month  # a month: planned, the day not decided yet
    slug: str | None = None
    records: list[Meeting] = field(default_factory=list)  # minutes, notes, agenda: best first
    related: list[Meeting] = field(default_factory=list)  # reports and papers of the day or for it
    planned: PlannedMeeting | None = None
    planned_in: Meeting | None = None  # the latest document that scheduled it

    @property
    def key(self) -> str:
        """group-date[-slug]: the same for the planned meeting and its later minutes."""
        return f"{self.group}-{self.date.isoformat()}" + (f"-{self.slug}" if self.slug else "")

    @property
    def record(self) -> Meeting | None:
        """The best record: the minutes or notes, else the agenda."""
        return self.records[0] if self.records else None

    @property
    def sequence(self) -> int:
        """How well it is known: planned 0, agenda 1, minutes or notes 2 (a calendar's SEQUENCE)."""
        return RECORDS[self.records[0].doc.type] if self.records else 0

    def coming(self, today: dt.date) -> bool:
        """Still to come on today (a month while it lasts)."""
        return last_day(self.date) >= today

    @property
    def has_day(self) -> bool:
        return not isinstance(self.date, Month)

    def _first(self, attribute: str) -> str | None:
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

    @property
    def note(self) -> str | None:
        """The schedule's note on it ("preliminary", "the day is set in May")."""
        return self.planned.note if self.planned else None


def gatherings(corpus: Corpus, group_id: str | None = None) -> list[Gathering]:
    """The meetings of every group (or of one), by date: each that has a record, and each that the
    schedule in force for its day plans (past ones too: callers ask `coming(today)`)."""
    found: dict[tuple[str, dt.date | Month, str | None], Gathering] = {}
    schedules: dict[str, list[Meeting]] = {}

    def at(group: str, date: dt.date | Month, slug: str | None) -> Gathering:
        return found.setdefault((group, date, slug), Gathering(group, date, slug))

    meetings = [m for m in corpus.meetings if group_id in (None, m.doc.group)]
    for meeting in meetings:  # oldest first
        doc = meeting.doc
        if doc.type in RECORDS:
            at(doc.group, doc.date, doc.slug).records.append(meeting)
        if doc.next_meetings:
            schedules.setdefault(doc.group, []).append(meeting)
    for meeting in meetings:  # a later schedule replaces what an earlier one said of a day
        for planned in meeting.doc.next_meetings:
            planned_key = (meeting.doc.group, planned.date, None)
            if planned_key in found or in_force(schedules[meeting.doc.group], planned.date) in (meeting, None):
                gathering = at(*planned_key)
                gathering.planned, gathering.planned_in = planned, meeting
    for meeting in meetings:
        doc = meeting.doc
        key = (doc.group, doc.date, doc.slug)
        target = corpus.meeting_for(doc.for_meeting) if doc.for_meeting else None
        if target is not None:  # a paper for a meeting: with that meeting, whatever its own date
            key = (target.doc.group, target.doc.date, target.doc.slug)
        elif doc.for_meeting:  # for a meeting that is only planned so far
            key = meeting_key(doc.for_meeting)
        if doc.type not in RECORDS and key in found:
            found[key].related.append(meeting)
    for gathering in found.values():
        gathering.records.sort(key=lambda m: -RECORDS[m.doc.type])
    return sorted(found.values(), key=lambda g: (first_day(g.date), g.key))


def meeting_key(ref: str) -> tuple[str, dt.date, str | None]:
    """(group, date, slug) of a meeting reference group/date[-slug] (notula.model.references)."""
    meeting = meeting_ref(ref)
    return meeting.group, meeting.date, meeting.suffix


def planned_for(corpus: Corpus, ref: str) -> Gathering | None:
    """The planned meeting a paper's for_meeting names, when it has no record (yet)."""
    group, date, slug = meeting_key(ref)
    return next((g for g in gatherings(corpus, group) if g.date == date and g.slug == slug and g.planned), None)


def in_force(schedules: list[Meeting], date: dt.date | Month) -> Meeting | None:
    """The schedule (of those, oldest first) in force for a meeting on date: the latest one made
    before it. A day it does not list was cancelled or moved; one made later than the day does not
    list it because it is past, which does not cancel it (a build dated in the past sees such)."""
    # By key, not on a list of the dates made per call: a group's schedules grow with its archive.
    index = bisect.bisect_left(schedules, last_day(date), key=lambda s: s.doc.date)
    return schedules[index - 1] if index else None


def coming(found: list[Gathering], today: dt.date) -> list[Gathering]:
    """Those of found still to come on today: what the pages list as coming meetings."""
    return [g for g in found if g.coming(today)]


@dataclass(frozen=True)
class Happening:
    """An event the minutes announce that is not one of the group's meetings (a deadline, a theme
    day), as the latest document that mentions it gives it."""

    meeting: Meeting
    event: Event

    @property
    def date(self) -> dt.date | Month:
        return self.event.date

    @property
    def time(self) -> str | None:
        return self.event.time

    @property
    def has_day(self) -> bool:
        return not isinstance(self.event.date, Month)

    @property
    def key(self) -> str:
        """group-date-event-<digest of the title>: one event however often it is mentioned."""
        digest = hashlib.sha1(self.event.title.casefold().encode("utf-8")).hexdigest()[:10]
        return f"{self.meeting.doc.group}-{self.event.date.isoformat()}-event-{digest}"

    def coming(self, today: dt.date) -> bool:
        """Still to come on today (a month while it lasts)."""
        return last_day(self.event.date) >= today


def happenings(corpus: Corpus, group_id: str | None = None) -> list[Happening]:
    """The events the documents of every group (or of one) announce, the latest mention of each,
    by date and time."""
    found: dict[str, Happening] = {}
    for meeting in corpus.meetings:  # oldest first: a later mention wins
        if group_id in (None, meeting.doc.group):
            for event in meeting.doc.events:
                happening = Happening(meeting, event)
                found[happening.key] = happening
    return sorted(found.values(), key=lambda h: (first_day(h.date), h.time or "", h.meeting.doc.group, h.event.title))
