"""Straightforward recounts from the validated corpus, to check the indexes against.

Deliberately naive: each question is answered by scanning every meeting, the way a
reader would check the minutes by hand, and shares no code with notula.rendering.indexes.
"""

from __future__ import annotations

import datetime as dt

from notula.model.corpus import Corpus


def attendance_of(corpus: Corpus, org_id: str, group_id: str) -> dict[str, str]:
    """meeting id -> present | remote | partial | apologies | absent, for the group's meetings that list people."""
    members = corpus.registry.groups[group_id].members
    result = {}
    for meeting in corpus.meetings:
        doc = meeting.doc
        if doc.group != group_id or not (doc.attendees or doc.absent):
            continue
        came = [p for p in doc.attendees if p.org == org_id]
        away = [p for p in doc.absent if p.org == org_id]
        whole = [p for p in came if not p.items]  # items: there for some agenda items only
        if any(not p.remote for p in whole):
            result[meeting.id] = "present"
        elif whole:
            result[meeting.id] = "remote"
        elif came:
            result[meeting.id] = "partial"
        elif any(p.notified for p in away):
            result[meeting.id] = "apologies"
        elif away or org_id in members:
            result[meeting.id] = "absent"
    return result


def decisions_concerning(corpus: Corpus, org_id: str) -> list[str]:
    return [m.decision_ref(d) for m in corpus.meetings for d in m.doc.decisions if org_id in d.orgs]


def actions_owned(corpus: Corpus, org_id: str) -> list[str]:
    return [m.action_ref(a) for m in corpus.meetings for a in m.doc.actions
            if any(o.org == org_id for o in a.owners)]


def hosted(corpus: Corpus, org_id: str) -> list[str]:
    return [m.id for m in corpus.meetings if m.doc.host == org_id]


def tagged(corpus: Corpus, topic_id: str) -> tuple[list[str], list[str], list[str]]:
    """Meetings tagged with the topic (or with a decision or action that is), and decisions and
    actions tagged with it: their own topics when they name any (`topics: []` names none), else
    their meeting's."""
    meetings = [m.id for m in corpus.meetings if topic_id in m.doc.topics
                or any(topic_id in (item.topics or []) for item in [*m.doc.decisions, *m.doc.actions])]
    decisions = [m.decision_ref(d) for m in corpus.meetings for d in m.doc.decisions
                 if topic_id in (m.doc.topics if d.topics is None else d.topics)]
    actions = [m.action_ref(a) for m in corpus.meetings for a in m.doc.actions
               if topic_id in (m.doc.topics if a.topics is None else a.topics)]
    return meetings, decisions, actions


def action_status(corpus: Corpus, today: dt.date) -> dict[str, str]:
    """action ref -> overdue | open | done | cancelled, replaying every follow-up by date."""
    status, due = {}, {}
    for meeting in corpus.meetings:
        for action in meeting.doc.actions:
            status[meeting.action_ref(action)] = "open"
            due[meeting.action_ref(action)] = action.due
    for meeting in sorted(corpus.meetings, key=lambda m: (m.doc.date, m.id)):
        for follow in meeting.doc.follow_up:
            if follow.action in status:
                status[follow.action] = follow.status
                due[follow.action] = follow.due or due[follow.action]
    return {ref: "overdue" if s == "open" and due[ref] and due[ref] < today else s for ref, s in status.items()}
