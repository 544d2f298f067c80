"""Which organisations and topics a meeting concerns: one definition for feeds and register pages."""

from __future__ import annotations

from notula.model.corpus import Meeting
from notula.model.registry import Registry


def records_attendance(meeting: Meeting) -> bool:
    """Minutes and notes list who came; agendas, reports and presentations do not."""
    return bool(meeting.doc.attendees or meeting.doc.absent)


def organisations_of(meeting: Meeting, registry: Registry) -> set[str]:
    """The organisations a meeting concerns, on their pages and in their feeds: those that hosted,
    took part (also as guests), were absent (a member of the group not in minutes that record
    attendance is absent), wrote, proposed, or were named in a decision or action."""
    doc = meeting.doc
    people = [*doc.attendees, *doc.absent, *doc.guests, *doc.secretary, doc.author]
    found = {p.org for p in people if p is not None and p.org}
    if records_attendance(meeting):
        found.update(registry.groups[doc.group].members)
    found.update(org for decision in doc.decisions for org in decision.orgs)
    found.update(owner.org for action in doc.actions for owner in action.owners)
    found.update(p.by.org for p in doc.proposals if p.by and p.by.org)
    if doc.host:
        found.add(doc.host)
    return found


def topics_of(meeting: Meeting) -> set[str]:
    """The meeting's topics and those of its decisions and actions."""
    doc = meeting.doc
    return {*doc.topics, *(t for d in doc.decisions for t in d.topics or ()),
            *(t for a in doc.actions for t in a.topics or ())}


def item_topics(meeting: Meeting, item) -> tuple[str, ...]:
    """A decision's or action's topics: its own when it names them (also none, `topics: []`),
    else its meeting's. A procedural decision (an agenda change) thus stays off the topic pages."""
    return tuple(item.topics) if item.topics is not None else tuple(meeting.doc.topics)
