"""Indexes of the visible minutes: per organisation, topic, group and year, built in one pass.

Every register and index page is rendered from these. They are derived from
`view.corpus` only (what this audience may see), in a single pass over its
meetings, so that generation stays linear in the number of minutes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from notula import urls
from notula.model.corpus import Meeting, newest_first
from notula.model.gatherings import Gathering, Happening, coming, gatherings, happenings
from notula.model.relations import item_topics, organisations_of, records_attendance, topics_of
from notula.model.schema import RECORD_TYPES, Action, Attendee, Decision, FollowUp, Group, Guest, Organisation, Topic, first_day
from notula.showing.view import ActionState, View

# Attendance of an organisation at a meeting, best first.
PRESENT, REMOTE, PARTIAL, APOLOGIES, ABSENT = "present", "remote", "partial", "apologies", "absent"
ATTENDANCE = (PRESENT, REMOTE, PARTIAL, APOLOGIES, ABSENT)
_RANK = {status: rank for rank, status in enumerate(reversed(ATTENDANCE))}
MATRIX_LATEST = 12  # meetings in the group page's attendance matrix


def _unique(*parts) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x for part in parts for x in part))


# ---------------------------------------------------------------- entries


@dataclass(frozen=True)
class DecisionEntry:
    """A decision with what the registers need: where it was taken, its topics and organisations.

    topics: its own topics when it names them (`topics: []` for none), else its meeting's.
    orgs: the organisations it concerns, as named in its `orgs`. Nothing is guessed from agenda
    items: one item often holds several unrelated decisions and actions.
    """

    meeting: Meeting
    decision: Decision
    topics: tuple[str, ...]
    orgs: tuple[str, ...]

    @property
    def url(self) -> str:
        return urls.decision(self.meeting.id, self.decision.id)

    @property
    def date(self) -> dt.date:
        return self.meeting.doc.date


@dataclass(frozen=True)
class FollowUpReport:
    """A follow-up of an action in later minutes."""

    meeting: Meeting
    follow_up: FollowUp

    @property
    def url(self) -> str:
        return urls.follow_up(self.meeting.id, self.meeting.follow_up_position(self.follow_up))


@dataclass(frozen=True)
class ActionEntry:
    """An action with its latest state and the minutes that reported on it (oldest first)."""

    meeting: Meeting
    action: Action
    state: ActionState
    topics: tuple[str, ...]
    orgs: tuple[str, ...]
    reports: tuple[FollowUpReport, ...]

    @property
    def ref(self) -> str:
        return self.meeting.action_ref(self.action)

    @property
    def url(self) -> str:
        return urls.action(self.meeting.id, self.action.id)

    @property
    def is_open(self) -> bool:
        """Still to be done (overdue or not)."""
        return self.state.status == "open"

    def kind(self, today: dt.date) -> str:
        """overdue, open, done or cancelled."""
        return "overdue" if self.state.overdue(today) else self.state.status


@dataclass
class Matrix:
    """Organisations × meetings: the attendance status of each, for a table."""

    meetings: list[Meeting]
    rows: list[str]
    cells: dict[tuple[str, str], str]  # (org id, meeting id) -> status

    def status(self, org_id: str, meeting: Meeting) -> str | None:
        return self.cells.get((org_id, meeting.id))


# ---------------------------------------------------------------- per organisation, topic, group


@dataclass
class PersonRecord:
    """Someone who represented an organisation: at how many meetings, first and last."""

    name: str
    titles: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # chair, secretary, adjunct (schema.Role)
    attended: int = 0
    as_guest: int = 0
    first: dt.date | None = None
    last: dt.date | None = None

    def add(self, date: dt.date, title: str | None, guest: bool, role: str | None = None) -> None:
        if role and role not in self.roles:
            self.roles.append(role)
        if guest:
            self.as_guest += 1
        else:
            self.attended += 1
        if title and title not in self.titles:
            self.titles.append(title)
        self.first = min(self.first or date, date)
        self.last = max(self.last or date, date)


@dataclass
class OrgIndex:
    """Everything the site knows about one organisation."""

    org: Organisation
    meetings: list[Meeting] = field(default_factory=list)  # all that concern it (as its feed), oldest first
    people: dict[str, PersonRecord] = field(default_factory=dict)
    attendance: dict[str, list[tuple[Meeting, str]]] = field(default_factory=dict)  # group -> oldest first
    hosted: list[Meeting] = field(default_factory=list)
    decisions: list[DecisionEntry] = field(default_factory=list)
    actions: list[ActionEntry] = field(default_factory=list)
    topics: Counter = field(default_factory=Counter)  # topic id -> decisions and actions tagged

    def attendance_counts(self, group_id: str) -> Counter:
        return Counter(status for _, status in self.attendance.get(group_id, []))


@dataclass
class TopicIndex:
    """One topic's meetings (those it or their decisions or actions are tagged with, as in the
    topic's feed), and the decisions and actions tagged with it or whose meeting is (oldest first)."""

    topic: Topic
    meetings: list[Meeting] = field(default_factory=list)
    decisions: list[DecisionEntry] = field(default_factory=list)
    actions: list[ActionEntry] = field(default_factory=list)


@dataclass
class GroupIndex:
    """One group's meetings by year, its attendance and its schedule."""

    group: Group
    meetings: list[Meeting] = field(default_factory=list)  # oldest first
    years: dict[int, list[Meeting]] = field(default_factory=dict)
    attendance: dict[str, dict[str, str]] = field(default_factory=dict)  # meeting id -> org id -> status
    gatherings: list[Gathering] = field(default_factory=list)  # its meetings, planned and held, by date
    happenings: list[Happening] = field(default_factory=list)  # the events it announced, by date

    def attendance_meetings(self, meetings: list[Meeting] | None = None) -> list[Meeting]:
        """Those of meetings (default: all of the group's) that record attendance."""
        return [m for m in (self.meetings if meetings is None else meetings) if m.id in self.attendance]

    def matrix(self, meetings: list[Meeting] | None = None, latest: int | None = None) -> Matrix:
        """Attendance of the given (default all) meetings, oldest first; the latest n only if latest
        is given. Rows: the group's members in registry order, then others who came, by id."""
        shown = sorted(self.attendance_meetings(meetings), key=lambda m: (m.doc.date, m.id))
        if latest is not None:
            shown = shown[-latest:]
        cells = {(org, m.id): status for m in shown for org, status in self.attendance[m.id].items()}
        members = list(self.group.members)
        others = sorted({org for org, _ in cells} - set(members))
        return Matrix(shown, members + others, cells)

    def coming(self, today: dt.date) -> list[Gathering]:
        """Its meetings from today on, planned or announced (notula.model.gatherings: as in the calendars)."""
        return coming(self.gatherings, today)

    def coming_events(self, today: dt.date) -> list[Happening]:
        """Events from today on (a month while it lasts), by date."""
        return [h for h in self.happenings if h.coming(today)]

    @property
    def latest(self) -> Meeting | None:
        """The latest minutes (or notes) of the group."""
        return next((m for m in reversed(self.meetings) if m.doc.type in RECORD_TYPES), None)


@dataclass
class Indexes:
    """All indexes of one build."""

    groups: dict[str, GroupIndex]
    organisations: dict[str, OrgIndex]
    topics: dict[str, TopicIndex]
    years: dict[int, list[Meeting]] = field(default_factory=dict)  # all groups, oldest first
    decisions: list[DecisionEntry] = field(default_factory=list)  # oldest first
    actions: list[ActionEntry] = field(default_factory=list)  # oldest first

    def coming(self, today: dt.date) -> list[Gathering]:
        """Every group's coming meetings, by date."""
        return sorted((c for g in self.groups.values() for c in g.coming(today)),
                      key=lambda c: (first_day(c.date), c.key))

    def coming_events(self, today: dt.date) -> list[Happening]:
        """Every group's coming events, by date."""
        return sorted((h for g in self.groups.values() for h in g.coming_events(today)),
                      key=lambda h: (first_day(h.date), h.time or "", h.meeting.doc.group))

    def latest_meetings(self, n: int) -> list[Meeting]:
        """The n latest minutes (or notes) of all groups, newest first."""
        return newest_first([m for year in self.years.values() for m in year if m.doc.type in RECORD_TYPES])[:n]

    def open_actions(self, today: dt.date) -> list[ActionEntry]:
        return [a for a in self.actions if a.is_open]

    def overdue_actions(self, today: dt.date) -> list[ActionEntry]:
        return [a for a in self.actions if a.kind(today) == "overdue"]


def by_urgency(entries: list[ActionEntry], today: dt.date) -> list[ActionEntry]:
    """Open actions first, by due date (so overdue ones lead, undated ones last);
    then done and cancelled ones, newest first."""
    def key(entry: ActionEntry):
        if entry.is_open:
            return (0, (entry.state.due or dt.date.max).toordinal(), entry.ref)
        return (1, -entry.meeting.doc.date.toordinal(), entry.ref)
    return sorted(entries, key=key)


# ---------------------------------------------------------------- building


def attendance(meeting: Meeting, members: list[str]) -> dict[str, str]:
    """Each organisation's attendance: its best status among its people; members not listed are absent."""
    status: dict[str, str] = {}

    def note(org: str, value: str) -> None:
        if org not in status or _RANK[value] > _RANK[status[org]]:
            status[org] = value

    for absentee in meeting.doc.absent:
        note(absentee.org, APOLOGIES if absentee.notified else ABSENT)
    for person in meeting.doc.attendees:
        note(person.org, PARTIAL if person.items else REMOTE if person.remote else PRESENT)
    for org in members:
        status.setdefault(org, ABSENT)
    return status


def build_indexes(view: View) -> Indexes:
    """Every index, in one pass over the audience's meetings (oldest first)."""
    registry = view.registry
    idx = Indexes(
        groups={g: GroupIndex(group) for g, group in registry.groups.items()},
        organisations={o: OrgIndex(org) for o, org in registry.organisations.items()},
        topics={t: TopicIndex(topic) for t, topic in registry.topics.items()},
    )
    for meeting in view.corpus.meetings:
        _add_meeting(view, idx, meeting)
    for gathering in gatherings(view.corpus):
        idx.groups[gathering.group].gatherings.append(gathering)
    for happening in happenings(view.corpus):
        idx.groups[happening.meeting.doc.group].happenings.append(happening)
    return idx


def _add_meeting(view: View, idx: Indexes, meeting: Meeting) -> None:
    doc = meeting.doc
    group = idx.groups[doc.group]
    group.meetings.append(meeting)
    group.years.setdefault(meeting.year, []).append(meeting)
    idx.years.setdefault(meeting.year, []).append(meeting)
    for org in organisations_of(meeting, view.registry):
        idx.organisations[org].meetings.append(meeting)
    if doc.host:
        idx.organisations[doc.host].hosted.append(meeting)
    for topic in topics_of(meeting):  # as the topic's feed: the meeting's topics and its items'
        idx.topics[topic].meetings.append(meeting)
    if records_attendance(meeting):
        status = attendance(meeting, group.group.members)
        group.attendance[meeting.id] = status
        for org, value in status.items():
            idx.organisations[org].attendance.setdefault(doc.group, []).append((meeting, value))
    _add_people(view, idx, meeting)
    for decision in doc.decisions:
        taken = DecisionEntry(meeting, decision, item_topics(meeting, decision), _unique(decision.orgs))
        idx.decisions.append(taken)
        _file(idx, taken, "decisions")
    for action in doc.actions:
        given = _action_entry(view, meeting, action)
        idx.actions.append(given)
        _file(idx, given, "actions")


def _action_entry(view: View, meeting: Meeting, action: Action) -> ActionEntry:
    ref = meeting.action_ref(action)
    reports = tuple(FollowUpReport(m, f) for m, f in view.follow_ups.get(ref, []))
    return ActionEntry(meeting, action, view.action_states[ref], item_topics(meeting, action),
                       _unique(o.org for o in action.owners), reports)


def _file(idx: Indexes, entry: DecisionEntry | ActionEntry, kind: str) -> None:
    """Put a decision or action entry on the pages of its organisations and topics."""
    for org_id in entry.orgs:
        org = idx.organisations[org_id]
        getattr(org, kind).append(entry)
        org.topics.update(entry.topics)
    for topic in entry.topics:
        getattr(idx.topics[topic], kind).append(entry)


def _add_people(view: View, idx: Indexes, meeting: Meeting) -> None:
    doc = meeting.doc
    people: list[tuple[Attendee | Guest, bool]] = [(p, False) for p in doc.attendees] + [(g, True) for g in doc.guests]
    for person, guest in people:
        if person.org and view.names.name(meeting, person.name):  # the group's public_names policy (notula.model.names)
            records = idx.organisations[person.org].people
            record = records.get(person.name) or records.setdefault(person.name, PersonRecord(person.name))
            record.add(doc.date, person.title, guest, getattr(person, "role", None))
