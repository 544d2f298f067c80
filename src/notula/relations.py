"""Which organisations and topics a meeting concerns: one definition for feeds and register pages."""

from __future__ import annotations

from .corpus import Meeting


def organisations_of(meeting: Meeting) -> set[str]:
    """Organisations that hosted, took part, were absent, wrote, or were named in a decision or action."""
    doc = meeting.doc
    people = [*doc.attendees, *doc.absent, *doc.guests, doc.secretary, doc.author]
    found = {p.org for p in people if p is not None and p.org}
    found.update(org for decision in doc.decisions for org in decision.orgs)
    found.update(owner.org for action in doc.actions for owner in action.owners)
    if doc.host:
        found.add(doc.host)
    return found


def topics_of(meeting: Meeting) -> set[str]:
    """The meeting's topics and those of its decisions and actions."""
    doc = meeting.doc
    return {*doc.topics, *(t for d in doc.decisions for t in d.topics), *(t for a in doc.actions for t in a.topics)}
