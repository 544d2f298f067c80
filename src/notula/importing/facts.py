"""What the recogniser found in a document, before it is fitted to the front-matter format.

Facts are kept as found (a second note-taker, an action without an owner, an attendee for one
item only), so that the writer can decide what the format can carry and report the rest.
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


@dataclass
class PlannedFact:
    text: str
    ref: Ref
    date: dt.date | None
    month_only: bool = False
    year_inferred: bool = False
    time: str | None = None
    place: str | None = None
    note: str | None = None


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
    absent: list[PersonFact] = field(default_factory=list)
    guests: list[PersonFact] = field(default_factory=list)
    secretaries: list[PersonFact] = field(default_factory=list)
    adjusters: list[PersonFact] = field(default_factory=list)
    decisions: list[Candidate] = field(default_factory=list)
    actions: list[Candidate] = field(default_factory=list)
    next_meetings: list[PlannedFact] = field(default_factory=list)
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
