"""Who may see what: the members' site, the public site, and local preview."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from notula.model.approval import awaiting_approval
from notula.model.corpus import Corpus, Meeting
from notula.model.schema import declared_audience, own_audience
from notula.settings import Settings, local_today


@dataclass(frozen=True)
class Audience:
    """The build being made: for members or the public, as of a date, with or without drafts."""

    name: str = "members"
    today: dt.date = field(default_factory=local_today)
    drafts: bool = False

    @property
    def public(self) -> bool:
        return self.name == "public"


def for_settings(settings: Settings) -> Audience:
    """The audience of a build with these settings."""
    return Audience(settings.audience, settings.build_date, settings.drafts)


def _declared(meeting: Meeting, corpus: Corpus) -> str:
    doc = meeting.doc
    return declared_audience(own_audience(doc.audience, doc.release), corpus.registry.groups.get(doc.group))


def state(meeting: Meeting, corpus: Corpus, today: dt.date) -> str:
    """The document's own audience on the day today: its 'audience' field, else its group's
    default; minutes and notes still awaiting a required approval (none, or one dated after
    today) are for members only, whatever they say."""
    declared = _declared(meeting, corpus)
    if declared == "public" and awaiting_approval(meeting, corpus, today):
        return "members"
    return declared


def is_public(meeting: Meeting, corpus: Corpus, today: dt.date) -> bool:
    """Public now: public by audience, and released if it has a release date."""
    if state(meeting, corpus, today) != "public":
        return False
    return meeting.doc.release is None or meeting.doc.release <= today


def visible(meeting: Meeting, corpus: Corpus, audience: Audience) -> bool:
    if audience.public:
        return is_public(meeting, corpus, audience.today)
    return state(meeting, corpus, audience.today) != "draft" or audience.drafts


def restricted_label(meeting: Meeting, corpus: Corpus, today: dt.date) -> str | None:
    """Why a document is not public (shown on the members' site), or None when it is."""
    from notula.labels import AUDIENCE_LABELS, long_date  # late: labels loads Babel

    members, own = AUDIENCE_LABELS["members"], state(meeting, corpus, today)
    if own == "draft":
        return AUDIENCE_LABELS["draft"]
    if awaiting_approval(meeting, corpus, today):
        approved = meeting.doc.approved
        if approved is not None:  # dated after the build: approved only from that day
            until = f"justeras {long_date(approved.date)}"
            if _declared(meeting, corpus) == "public":
                return f"Ej justerat: {until}, endast för medlemmar till dess"
            return f"{members} · Ej justerat: {until}"
        if _declared(meeting, corpus) == "public":
            return "Ej justerat: endast för medlemmar tills anteckningarna är justerade"
        return f"{members} · Ej justerat"
    if own == "members":
        return members
    if meeting.doc.release and meeting.doc.release > today:
        return f"Offentlig från {long_date(meeting.doc.release)}"
    return None


def for_audience(corpus: Corpus, audience: Audience) -> Corpus:
    """The corpus as this audience may see it. Everything generated is built from this."""
    return Corpus(corpus.registry, [m for m in corpus.meetings if visible(m, corpus, audience)])
