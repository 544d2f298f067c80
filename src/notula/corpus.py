"""The validated model: every document, resolved against the registries."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .registry import Registry
from .schema import Action, Decision, Document, FollowUp
from .sections import Segment


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
        return f"{self.id}/"

    @property
    def src_uri(self) -> str:
        """The virtual Markdown file MkDocs renders for this meeting."""
        return f"{self.id}.md"

    @property
    def year(self) -> int:
        return self.doc.date.year

    def action_ref(self, action: Action) -> str:
        """The id by which later minutes follow an action up: group/date/action."""
        return f"{self.id}/{action.id}"

    def decision_ref(self, decision: Decision) -> str:
        return f"{self.id}/{decision.id}"

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

    def __post_init__(self) -> None:
        self.meetings.sort(key=lambda m: (m.doc.date, m.id))
        self.by_id = {m.id: m for m in self.meetings}
        self.actions = {m.action_ref(a): (m, a) for m in self.meetings for a in m.doc.actions}

    def of_group(self, group_id: str) -> list[Meeting]:
        return [m for m in self.meetings if m.doc.group == group_id]
