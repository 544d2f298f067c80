"""What the recogniser found in a document, before it is fitted to the front-matter format.

Facts are kept as found (several note-takers, an action without an owner, an attendee for one
item only, a unit, a month without a day), so that the writer can ask the schema what the format
can carry (notula.importing.shape) and report the rest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from notula.importing.organisations import OrgMatch

Ref = tuple[int, int]  # (block index, line index) in the neutral document


@dataclass
class PersonFact:
    name: str
    org: OrgMatch | None = None
    unit: str | None = None
    affiliation: str | None = None
    remote: bool = False
    notified: bool = False
    items: list[int] = field(default_factory=list)
    role: str | None = None  # from a note such as '(ordförande)' or '(sammankallande)'
    unread: list[str] = field(default_factory=list)  # notes in brackets not understood: '(från pkt 3)'
    ref: Ref | None = None

    def label(self) -> str:
        return f"{self.name}, {self.org.label}" if self.org else self.name


@dataclass
class Candidate:
    """A sentence that looks like a decision or an action."""

    text: str
    item: int | None
    ref: Ref
    by: str | None = None  # decisions of another body
    owners: list[PersonFact | OrgMatch] = field(default_factory=list)
    due: dt.date | None = None
    due_inferred: bool = False
    owner_text: str | None = None  # from an 'Ansvarig:' line below it
    due_text: str | None = None  # from a 'Klart:' line below it
    proposer: PersonFact | OrgMatch | str | None = None  # proposals: who proposed (a body as text)


@dataclass
class PlannedFact:
    text: str
    ref: Ref
    date: dt.date | None
    month_only: bool = False
    month: str | None = None  # YYYY-MM, when the text gives a month and its year but no day
    year_inferred: bool = False
    time: str | None = None
    place: str | None = None
    note: str | None = None


@dataclass
class EventFact:
    """A dated event that is not one of the group's meetings (a theme day, a deadline)."""

    title: str
    ref: Ref
    date: dt.date | str  # a day, or YYYY-MM
    year_inferred: bool = False
    time: str | None = None
    place: str | None = None
    candidate: bool = False  # read from running text: the line stays there


@dataclass
class PaperFact:
    """That the document is a paper for a meeting (möteshandling, underlag), and what it says of it."""

    ref: Ref | None = None  # the line that says so
    meeting_date: dt.date | None = None
    meeting_group: str | None = None
    meeting_text: str | None = None


@dataclass
class Note:
    """One line of the report: what needs the secretary's review, or what was not found."""

    kind: str  # "review" | "missing"
    field: str
    message: str
    fix: str = ""
    ref: Ref | None = None


@dataclass
class Section:
    """A labelled part ('Deltagare:', 'Vid tangenterna') and the lines it covers."""

    kind: str
    label: Ref
    members: list[Ref] = field(default_factory=list)


@dataclass
class Facts:
    title: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    date_ref: Ref | None = None
    month_only: str | None = None  # 'maj 2016' when no full date was found
    other_dates: list[str] = field(default_factory=list)
    time: str | None = None
    place: str | None = None
    host: OrgMatch | None = None
    attendees: list[PersonFact] = field(default_factory=list)
    chairs: list[PersonFact] = field(default_factory=list)
    conveners: list[PersonFact] = field(default_factory=list)
    absent: list[PersonFact] = field(default_factory=list)
    guests: list[PersonFact] = field(default_factory=list)
    secretaries: list[PersonFact] = field(default_factory=list)
    adjusters: list[PersonFact] = field(default_factory=list)
    decisions: list[Candidate] = field(default_factory=list)
    proposals: list[Candidate] = field(default_factory=list)
    actions: list[Candidate] = field(default_factory=list)
    next_meetings: list[PlannedFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    paper: PaperFact | None = None
    authors: list[PersonFact | OrgMatch] = field(default_factory=list)
    agenda: dict[int, tuple[int, str]] = field(default_factory=dict)  # block index -> (number, title)
    sections: list[Section] = field(default_factory=list)
    parsed: set[Ref] = field(default_factory=set)  # lines turned into facts in full
    blocked: set[Ref] = field(default_factory=set)  # lines with a fact the format cannot carry
    notes: list[Note] = field(default_factory=list)
    unknown_orgs: list[str] = field(default_factory=list)

    def review(self, field_name: str, message: str, fix: str = "", ref: Ref | None = None) -> None:
        self.notes.append(Note("review", field_name, message, fix, ref))

    def missing(self, field_name: str, message: str, fix: str = "") -> None:
        self.notes.append(Note("missing", field_name, message, fix))
