"""What one build is for, settled in one place: the audience, the build date and the time zone.

The MkDocs plugin's options (mkdocs.yml) come first; where an option is not set, the
environment decides, as the command line and CI set it: NOTULA_AUDIENCE (members|public),
and for the date NOTULA_TODAY (YYYY-MM-DD), else SOURCE_DATE_EPOCH (the reproducible-builds
convention), else today in the site's time zone. Nothing else in Notula reads these variables.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from notula.errors import ConfigError
from notula.i18n import _

AUDIENCES = ("members", "public")
DEFAULT_TIME_ZONE = "Europe/Stockholm"


class SettingsError(ConfigError):
    """A setting that cannot be used; the message names it and says what to write."""


@dataclass(frozen=True)
class Settings:
    """One build's settings, checked."""

    audience: str = "members"
    today: dt.date | None = None  # None: today in time_zone, when asked
    time_zone: str = DEFAULT_TIME_ZONE
    preview: bool = False  # `notula serve`: the members' preview shows drafts too

    @classmethod
    def resolve(cls, *, audience: str | None = None, today: dt.date | str | None = None,
                time_zone: str = DEFAULT_TIME_ZONE, preview: bool = False,
                env: Mapping[str, str] | None = None) -> Settings:
        """The settings from options (None: not set) and, for what they leave open, the environment.
        Raises SettingsError naming the option or variable that is wrong."""
        env = os.environ if env is None else env
        zone(time_zone)
        if audience is None:
            audience = env.get("NOTULA_AUDIENCE", "").strip() or "members"
            if audience not in AUDIENCES:
                raise SettingsError(_("NOTULA_AUDIENCE must be one of {choices}, not '{value}'")
                                    .format(choices=", ".join(AUDIENCES), value=audience))
        elif audience not in AUDIENCES:
            raise SettingsError(_("audience must be one of {choices}, not '{value}'").format(choices=", ".join(AUDIENCES), value=audience))
        if isinstance(today, str):
            today = _date(today, "today")
        return cls(audience, today or today_from_env(time_zone, env), time_zone, preview)

    @property
    def build_date(self) -> dt.date:
        return self.today or local_today(self.time_zone)

    @property
    def drafts(self) -> bool:
        """Whether drafts are shown: only in the members' preview."""
        return self.preview and self.audience == "members"


def zone(name: str) -> ZoneInfo:
    """The site's time zone by its IANA name; a clear SettingsError for an unknown one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(_("unknown time zone '{name}'; write an IANA name such as {example}")
                            .format(name=name, example=DEFAULT_TIME_ZONE)) from None


def local_today(time_zone: str = DEFAULT_TIME_ZONE) -> dt.date:
    """Today's date where the site is (not where the build happens to run)."""
    return dt.datetime.now(zone(time_zone)).date()


def today_from_env(time_zone: str = DEFAULT_TIME_ZONE, env: Mapping[str, str] | None = None) -> dt.date:
    """The build date from the environment: NOTULA_TODAY, else the date of SOURCE_DATE_EPOCH,
    else today, each in the site's time zone."""
    env = os.environ if env is None else env
    value = env.get("NOTULA_TODAY", "").strip()
    if value:
        return _date(value, "NOTULA_TODAY")
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), zone(time_zone)).date()
        except (ValueError, OverflowError, OSError):
            raise SettingsError(_("SOURCE_DATE_EPOCH must be whole seconds since 1970, not '{value}'").format(value=epoch)) from None
    return local_today(time_zone)


def source_date_epoch(today: dt.date) -> str:
    """SOURCE_DATE_EPOCH for a build dated today: noon UTC, the same date in every time zone
    within twelve hours of UTC (MkDocs dates the sitemap and its .gz by it)."""
    return str(int(dt.datetime(today.year, today.month, today.day, 12, tzinfo=dt.UTC).timestamp()))


def _date(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise SettingsError(_("{name} must be a date as YYYY-MM-DD, not '{value}'").format(name=name, value=value)) from None
