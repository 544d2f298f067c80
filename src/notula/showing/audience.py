"""Who may see what: the members' site, the public site, and local preview."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from notula.errors import ConfigError
from notula.model.approval import awaiting_approval
from notula.model.corpus import Corpus, Meeting
from notula.model.schema import declared_audience, own_audience

AUDIENCES = ("members", "public")
DEFAULT_TIME_ZONE = "Europe/Stockholm"


def time_zone(name: str) -> ZoneInfo:
    """The site's time zone by its IANA name; a clear ConfigError (a ValueError) for an unknown one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown time zone '{name}'; write an IANA name such as {DEFAULT_TIME_ZONE}") from None


def local_today(zone: str = DEFAULT_TIME_ZONE) -> dt.date:
    """Today's date where the site is (not where the build happens to run)."""
    return dt.datetime.now(time_zone(zone)).date()


@dataclass(frozen=True)
class Audience:
    """The build being made: for members or the public, as of a date, with or without drafts."""

    name: str = "members"
    today: dt.date = field(default_factory=local_today)
    drafts: bool = False

    @property
    def public(self) -> bool:
        return self.name == "public"


def audience_from_env(preview: bool = False, zone: str = DEFAULT_TIME_ZONE,
                      env: Mapping[str, str] | None = None) -> Audience:
    """NOTULA_AUDIENCE (members|public) and the build date (see today_from_env) from the environment."""
    env = os.environ if env is None else env
    name = env.get("NOTULA_AUDIENCE", "members").strip() or "members"
    if name not in AUDIENCES:
        raise ConfigError(f"NOTULA_AUDIENCE must be one of {', '.join(AUDIENCES)}, not '{name}'")
    return Audience(name=name, today=today_from_env(zone, env), drafts=preview and name == "members")


def today_from_env(zone: str = DEFAULT_TIME_ZONE, env: Mapping[str, str] | None = None) -> dt.date:
    """The build date: NOTULA_TODAY (YYYY-MM-DD), else the date of SOURCE_DATE_EPOCH (the
    reproducible-builds convention), else today, each in the site's time zone."""
    env = os.environ if env is None else env
    value = env.get("NOTULA_TODAY", "").strip()
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ConfigError(f"NOTULA_TODAY must be a date as YYYY-MM-DD, not '{value}'") from None
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), time_zone(zone)).date()
        except (ValueError, OverflowError, OSError):
            raise ConfigError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not '{epoch}'") from None
    return local_today(zone)


def source_date_epoch(today: dt.date) -> str:
    """SOURCE_DATE_EPOCH for a build dated today: noon UTC, the same date in every time zone
    within twelve hours of UTC (MkDocs dates the sitemap and its .gz by it)."""
    return str(int(dt.datetime(today.year, today.month, today.day, 12, tzinfo=dt.UTC).timestamp()))


def _declared(meeting: Meeting, corpus: Corpus) -> str:
    doc = meeting.doc
    return declared_audience(own_audience(doc.audience, doc.release), corpus.registry.groups.get(doc.group))


def state(meeting: Meeting, corpus: Corpus) -> str:
    """The document's own audience: its 'audience' field, else its group's default; minutes
    still awaiting a required approval are for members only, whatever they say."""
    declared = _declared(meeting, corpus)
    if declared == "public" and awaiting_approval(meeting, corpus):
        return "members"
    return declared


def is_public(meeting: Meeting, corpus: Corpus, today: dt.date) -> bool:
    """Public now: public by audience, and released if it has a release date."""
    if state(meeting, corpus) != "public":
        return False
    return meeting.doc.release is None or meeting.doc.release <= today


def visible(meeting: Meeting, corpus: Corpus, audience: Audience) -> bool:
    if audience.public:
        return is_public(meeting, corpus, audience.today)
    return state(meeting, corpus) != "draft" or audience.drafts


def restricted_label(meeting: Meeting, corpus: Corpus, today: dt.date) -> str | None:
    """Why a document is not public (shown on the members' site), or None when it is."""
    own = state(meeting, corpus)
    if own == "draft":
        return "UTKAST"
    if awaiting_approval(meeting, corpus):
        if _declared(meeting, corpus) == "public":
            return "Ej justerat: endast för medlemmar tills anteckningarna är justerade"
        return "Endast för medlemmar · Ej justerat"
    if own == "members":
        return "Endast för medlemmar"
    if meeting.doc.release and meeting.doc.release > today:
        from notula.labels import long_date

        return f"Offentlig från {long_date(meeting.doc.release)}"
    return None


def for_audience(corpus: Corpus, audience: Audience) -> Corpus:
    """The corpus as this audience may see it. Everything generated is built from this."""
    return Corpus(corpus.registry, [m for m in corpus.meetings if visible(m, corpus, audience)])
