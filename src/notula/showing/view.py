"""What one build shows: the visible meetings and what is derived from them in one pass."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from notula.model.corpus import Corpus, Meeting
from notula.model.gatherings import planned_for
from notula.model.names import NamePolicy
from notula.model.schema import FollowUp
from notula.showing.audience import Audience, for_audience, restricted_label
from notula.showing.withheld import withheld_attachments


@dataclass(frozen=True)
class ActionState:
    """An action's latest status, carried across meetings by follow-ups."""

    status: str  # open | done | cancelled
    due: dt.date | None
    note: str | None
    reported_in: Meeting | None  # the minutes with the latest follow-up, if any

    def overdue(self, today: dt.date) -> bool:
        return self.status == "open" and self.due is not None and self.due < today


@dataclass
class View:
    """The audience's corpus plus lookups every page needs (built once per build)."""

    corpus: Corpus
    audience: Audience
    labels: dict[str, str] = field(default_factory=dict)
    previous: dict[str, Meeting] = field(default_factory=dict)
    following: dict[str, Meeting] = field(default_factory=dict)
    action_states: dict[str, ActionState] = field(default_factory=dict)
    follow_ups: dict[str, list[tuple[Meeting, FollowUp]]] = field(default_factory=dict)
    names: NamePolicy = field(default_factory=NamePolicy)
    withheld: dict[str, str] = field(default_factory=dict)  # attachment address -> why it is not published

    @property
    def registry(self):
        return self.corpus.registry

    @property
    def today(self) -> dt.date:
        return self.audience.today


def build_view(corpus: Corpus, audience: Audience) -> View:
    """Filter the corpus for the audience, then derive neighbours and action states in one pass."""
    names = NamePolicy.build(corpus, audience.public)  # every meeting: hidden once, hidden in all
    visible = without_hidden_references(for_audience(corpus, audience))
    if audience.public:  # every free-text field and body redacted once, before anything renders them
        visible = Corpus(visible.registry, [names.redacted(m) for m in visible.meetings])
    view = View(corpus=visible, audience=audience, names=names,
                withheld=withheld_attachments(visible, names) if audience.public else {})
    last_in_group: dict[str, Meeting] = {}
    for meeting in visible.meetings:  # oldest first
        label = None if audience.public else restricted_label(meeting, corpus, audience.today)
        if label:
            view.labels[meeting.id] = label
        before = last_in_group.get(meeting.doc.group)
        if before is not None:
            view.previous[meeting.id] = before
            view.following[before.id] = meeting
        last_in_group[meeting.doc.group] = meeting
        for action in meeting.doc.actions:
            view.action_states[meeting.action_ref(action)] = ActionState("open", action.due, None, None)
        for follow in meeting.doc.follow_up:
            _apply(view, meeting, follow)
    return view


def without_hidden_references(visible: Corpus) -> Corpus:
    """The audience's corpus without what its documents say of documents it does not see: each
    follow-up of a hidden action (it would tell that the action exists, and its status; its note
    and new date say more) and a paper's for_meeting naming a hidden meeting (not one that a visible schedule plans). So no page,
    register, feed, calendar, data file or search index made from the view can show them."""
    meetings, changed = [], False
    for meeting in visible.meetings:
        doc = meeting.doc
        updates: dict = {}
        kept = [f for f in doc.follow_up if f.action in visible.actions]
        if len(kept) != len(doc.follow_up):
            updates["follow_up"] = kept
        if doc.for_meeting and visible.meeting_for(doc.for_meeting) is None and planned_for(visible, doc.for_meeting) is None:
            updates["for_meeting"] = None
        if updates:
            meeting, changed = replace(meeting, doc=doc.model_copy(update=updates)), True
        meetings.append(meeting)
    return Corpus(visible.registry, meetings) if changed else visible


def _apply(view: View, meeting: Meeting, follow: FollowUp) -> None:
    current = view.action_states.get(follow.action)
    if current is None:  # not reached: the view keeps follow-ups of visible (and earlier) actions only
        return
    view.follow_ups.setdefault(follow.action, []).append((meeting, follow))
    view.action_states[follow.action] = ActionState(
        follow.status, follow.due or current.due, follow.note, meeting)

