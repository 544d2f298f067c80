"""Which personal names a build may show, by the group's `public_names` policy.

The members' site always shows names. On the public site a group shows
all names, attendees' names but not guests' (guests are often private
persons), or no names at all (organisations only). A name hidden in one
of a group's documents is hidden in all of them, in the lists and in the
free text (replaced with NN, also the first name on its own, as minutes
often say "Ahmed presenterade"). Every page, index and export asks here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from .corpus import Corpus, Meeting

KINDS = ("attendee", "absent", "guest", "secretary", "author", "owner", "approver", "proposer")
ANONYMOUS = "NN"


def shown_kinds(rule: str) -> set[str]:
    """The kinds of person a policy (all | attendees | none) names."""
    return {"all": set(KINDS), "attendees": set(KINDS) - {"guest"}, "none": set()}[rule]


def people(meeting: "Meeting") -> list[tuple[str, str]]:
    """(kind, name) of everyone the meeting's lists name."""
    doc = meeting.doc
    found = [("attendee", p.name) for p in doc.attendees] + [("absent", p.name) for p in doc.absent]
    found += [("guest", p.name) for p in doc.guests] + [("owner", o.name) for a in doc.actions for o in a.owners]
    found += [("secretary", p.name) for p in doc.secretary] + [("author", a.name) for a in [doc.author] if a]
    found += [("approver", p.name) for p in (doc.approved.by if doc.approved else [])]
    found += [("proposer", p.by.name) for p in doc.proposals if p.by]
    return [(kind, name) for kind, name in found if name]


@dataclass
class NamePolicy:
    """The names one build hides, per group (empty for the members' site)."""

    hidden: dict[str, set[str]] = field(default_factory=dict)
    _redactors: dict[str, Callable[[str], str]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, corpus: "Corpus", public: bool) -> "NamePolicy":
        """One pass over the visible meetings."""
        policy = cls()
        if not public:
            return policy
        for meeting in corpus.meetings:
            group = corpus.registry.groups.get(meeting.doc.group)
            shown = shown_kinds(group.public_names if group else "none")
            hidden = policy.hidden.setdefault(meeting.doc.group, set())
            hidden.update(name for kind, name in people(meeting) if kind not in shown)
        return policy

    def name(self, meeting: "Meeting", name: str | None) -> str | None:
        """The name to print, or None when the policy hides it."""
        return None if not name or name in self.hidden.get(meeting.doc.group, ()) else name

    def redact(self, meeting: "Meeting", text: str | None) -> str | None:
        """Free text with the hidden names replaced by NN."""
        group = meeting.doc.group
        if group not in self._redactors:
            self._redactors[group] = _redactor(self.hidden.get(group, set()))
        return self._redactors[group](text) if text else text


def _redactor(names: set[str]) -> Callable[[str], str]:
    if not names:
        return lambda text: text
    firsts = {n.split()[0] for n in names if len(n.split()) > 1 and len(n.split()[0]) > 2}
    words = sorted(names | firsts, key=len, reverse=True)  # full names before first names
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
    return lambda text: pattern.sub(ANONYMOUS, text)
