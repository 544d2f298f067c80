"""The validated model: every document, resolved against the registries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from pathlib import Path

from notula import urls
from notula.model.references import item_ref
from notula.model.registry import Registry
from notula.model.schema import Action, Decision, Document, FollowUp
from notula.reading.sections import Segment


@dataclass
class Meeting:
    """One validated minutes file (or notes, agenda, report, presentation)."""

    doc: Document
    path: Path
    display: str
    segments: list[Segment]

    @cached_property
    def id(self) -> str:
        return self.doc.doc_id  # asked for on every link to the meeting; the document never changes

    @property
    def url(self) -> str:
        """Site-relative address of the page, with a trailing slash."""
        return urls.meeting(self.id)

    @property
    def src_uri(self) -> str:
        """The virtual Markdown file MkDocs renders for this meeting."""
        return urls.src_uri(self.url)

    @property
    def year(self) -> int:
        return self.doc.date.year

    def action_ref(self, action: Action) -> str:
        """The id by which later minutes follow an action up: group/date/action."""
        return item_ref(self.id, action.id)

    def decision_ref(self, decision: Decision) -> str:
        return item_ref(self.id, decision.id)

    def follow_up_position(self, follow: FollowUp) -> int:
        """1-based place of follow in this document's follow_up list (its anchor on the page)."""
        return next(i for i, f in enumerate(self.doc.follow_up, 1) if f is follow)


@dataclass
class Corpus:
    """All meetings, oldest first, with the registry and lookup tables."""

    registry: Registry
    meetings: list[Meeting]
    by_id: dict[str, Meeting] = field(default_factory=dict)
    actions: dict[str, tuple[Meeting, Action]] = field(default_factory=dict)
    groups: dict[str, list[Meeting]] = field(default_factory=dict)
    papers: dict[str, list[Meeting]] = field(default_factory=dict)  # meeting id -> documents for it
    awaiting_approval: list[tuple[str, str, dt.date | None]] = field(default_factory=list)  # (path, id, approved), set by validate

    def __post_init__(self) -> None:
        self.meetings.sort(key=lambda m: (m.doc.date, m.id))
        self.by_id = {m.id: m for m in self.meetings}
        self.actions = {m.action_ref(a): (m, a) for m in self.meetings for a in m.doc.actions}
        self.groups = {}
        for meeting in self.meetings:
            self.groups.setdefault(meeting.doc.group, []).append(meeting)
        for meeting in self.meetings:
            target = self.meeting_for(meeting.doc.for_meeting) if meeting.doc.for_meeting else None
            if target is not None:
                self.papers.setdefault(target.id, []).append(meeting)

    def meeting_for(self, ref: str) -> Meeting | None:
        """The meeting a paper's for_meeting names: its minutes (or notes), else its agenda."""
        return next((self.by_id[i] for i in meeting_ids(ref) if i in self.by_id), None)

    def of_group(self, group_id: str) -> list[Meeting]:
        """The group's meetings, oldest first."""
        return self.groups.get(group_id, [])


def meeting_ids(ref: str) -> tuple[str, ...]:
    """The ids a meeting reference (group/date[-slug]) may name, best first: the record itself, else
    the agenda of that day (a paper may be for a meeting that has no minutes yet)."""
    return (ref, f"{ref}-agenda")


def meeting_of(item) -> Meeting:
    """The meeting of a list item: a meeting, a decision or action entry, or a (meeting, …) row."""
    if isinstance(item, Meeting):
        return item
    return item[0] if isinstance(item, tuple) else item.meeting


def newest_first(items: list) -> list:
    """Items (oldest first) by meeting, newest first; those of one meeting stay in their order."""
    return sorted(items, key=lambda item: (meeting_of(item).doc.date, meeting_of(item).id), reverse=True)


def by_year(items: list) -> list[tuple[int, list]]:
    """Items as (year, newest first) groups, newest year first."""
    return [(year, list(group)) for year, group in groupby(newest_first(items), key=lambda i: meeting_of(i).year)]
