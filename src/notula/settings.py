"""What one build is for, settled in one place: the audience, the build date, the time zone,
the minutes folder, the site's default names policy and the members' site's address.

The MkDocs plugin's options (mkdocs.yml) come first; where an option is not set, the
environment decides, as the command line and CI set it: NOTULA_AUDIENCE (members|public),
and for the date NOTULA_TODAY (YYYY-MM-DD), else SOURCE_DATE_EPOCH (the reproducible-builds
convention), else today in the site's time zone. Nothing else in Notula reads these variables.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import Literal, cast, get_args
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from notula.errors import ConfigError
from notula.i18n import N_, _

AUDIENCES = ("members", "public")
DEFAULT_TIME_ZONE = "Europe/Stockholm"
DEFAULT_MINUTES_DIR = "minutes"  # next to mkdocs.yml
PublicNames = Literal["all", "attendees", "none"]  # which personal names the public site shows
PUBLIC_NAMES: tuple[str, ...] = get_args(PublicNames)
DEFAULT_PUBLIC_NAMES: PublicNames = "none"  # the safe one: a group that says nothing shows no names


class SettingsError(ConfigError):
    """A setting that cannot be used; the message names it and says what to write."""


@dataclass(frozen=True)
class Settings:
    """One build's settings, checked."""

    audience: str = "members"
    today: dt.date | None = None  # None: today in time_zone, when asked
    time_zone: str = DEFAULT_TIME_ZONE
    preview: bool = False  # `notula serve`: the members' preview shows drafts too
    minutes_dir: str = DEFAULT_MINUTES_DIR  # relative to the site's folder (mkdocs.yml's), as written in messages
    public_names: PublicNames = DEFAULT_PUBLIC_NAMES  # for the groups whose groups.yml entry does not say
    members_url: str | None = None  # the members' site's address (None: not set; site_url is the public site's)

    @classmethod
    def resolve(cls, *, audience: str | None = None, today: dt.date | str | None = None,
                time_zone: str = DEFAULT_TIME_ZONE, preview: bool = False,
                minutes_dir: str = DEFAULT_MINUTES_DIR, public_names: str = DEFAULT_PUBLIC_NAMES,
                docs_dir: str | None = None, site_dir: str | None = None, members_url: str | None = None,
                env: Mapping[str, str] | None = None) -> Settings:
        """The settings from options (None: not set) and, for what they leave open, the environment.
        docs_dir, site_dir: MkDocs' folders relative to the site's folder, which the minutes folder
        must stay out of (None: not checked). Raises SettingsError naming the option or variable
        that is wrong."""
        env = os.environ if env is None else env
        zone(time_zone)
        minutes_dir = minutes_folder(minutes_dir, docs_dir, site_dir)
        policy = names_policy(public_names)
        members = site_address(members_url, "members_url") if members_url else None
        if audience is None:
            audience = env.get("NOTULA_AUDIENCE", "").strip() or "members"
            if audience not in AUDIENCES:
                raise SettingsError(_("NOTULA_AUDIENCE must be one of {choices}, not '{value}'")
                                    .format(choices=", ".join(AUDIENCES), value=audience))
        elif audience not in AUDIENCES:
            raise SettingsError(_("audience must be one of {choices}, not '{value}'").format(choices=", ".join(AUDIENCES), value=audience))
        if isinstance(today, str):
            today = _date(today, "today")
        return cls(audience, today or today_from_env(time_zone, env), time_zone, preview, minutes_dir, policy, members)

    @property
    def build_date(self) -> dt.date:
        return self.today or local_today(self.time_zone)

    @property
    def drafts(self) -> bool:
        """Whether drafts are shown: only in the members' preview."""
        return self.preview and self.audience == "members"

    def own_url(self, site_url: str) -> str:
        """The address of the site this build makes: members_url in a members' build that has
        one, else site_url (mkdocs.yml's, the public site's). Raises SettingsError when both are
        set to the same address (one site would replace the other)."""
        if self.members_url and same_address(self.members_url, site_url):
            raise SettingsError(_("members_url '{members}' is the public site's address (site_url); give the members' "
                                  "site an address of its own, e.g. {example}").format(members=self.members_url, example=MEMBERS_URL_EXAMPLE))
        return self.members_url if self.members_url and self.audience == "members" else site_url


MEMBERS_URL_EXAMPLE = "https://medlemmar.example.se/"


def site_address(value: object, option: str) -> str:
    """An absolute http(s) address of a site, checked, written with the scheme and host in lower
    case and a trailing /: a host, no user name or password, no query or fragment. Raises
    SettingsError naming the option."""
    text = value.strip() if isinstance(value, str) else ""
    parts = urlsplit(text)
    try:
        host, _port = parts.hostname, parts.port
    except ValueError:
        host = None
    if (parts.scheme.lower() not in ("http", "https") or not host or parts.username is not None or parts.password is not None
            or parts.query or parts.fragment or any(c.isspace() or ord(c) < 32 for c in text)):
        raise SettingsError(_("{option} must be a web address such as {example}, not '{value}'")
                            .format(option=option, example=MEMBERS_URL_EXAMPLE, value=value))
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}"


def same_address(a: str, b: str) -> bool:
    """Whether two site addresses name the same place (case of scheme and host, %-encoding and a
    trailing / aside)."""
    def key(url: str) -> tuple:
        parts = urlsplit(url.strip())
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
        return parts.scheme.lower(), (parts.hostname or "").lower(), port, unquote(parts.path).rstrip("/")
    try:
        return key(a) == key(b)
    except ValueError:
        return False


def zone(name: str) -> ZoneInfo:
    """The site's time zone by its IANA name; a clear SettingsError for an unknown one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(_("unknown time zone '{name}'; write an IANA name such as {example}")
                            .format(name=name, example=DEFAULT_TIME_ZONE)) from None


def minutes_folder(value: object, docs_dir: str | None = None, site_dir: str | None = None) -> str:
    """The minutes_dir option checked and written plainly (posix, no ./ or trailing /): a folder
    inside the site's folder, apart from MkDocs' docs_dir, whose files MkDocs publishes as they
    are, and site_dir, which a build empties (both relative to the site's folder; None: not checked)."""
    text = value.strip() if isinstance(value, str) else ""
    folder = posixpath.normpath(text.replace("\\", "/")) if text else ""
    if (not folder or folder == "." or folder == ".." or folder.startswith("../")
            or PurePosixPath(text).is_absolute() or PureWindowsPath(text).is_absolute() or PureWindowsPath(text).drive):
        raise SettingsError(_("minutes_dir must be a folder inside the site's folder (where mkdocs.yml is), "
                              "such as {example}, not '{value}'").format(example=DEFAULT_MINUTES_DIR, value=value))
    for option, other, why in (("docs_dir", docs_dir, N_("whose files MkDocs publishes as they are")),
                               ("site_dir", site_dir, N_("which every build empties"))):
        if other is not None and _overlap(folder, posixpath.normpath(other.replace("\\", "/"))):
            raise SettingsError(_("minutes_dir '{value}' overlaps {option} '{other}', {why}; keep the minutes in a "
                                  "folder of their own next to it").format(value=value, option=option, other=other, why=_(why)))
    return folder


def _overlap(folder: str, other: str) -> bool:
    """Whether two folders relative to the same one are one inside the other (or the same)."""
    return other == "." or folder == other or folder.startswith(other + "/") or other.startswith(folder + "/")


def names_policy(value: object) -> PublicNames:
    """The public_names option checked: all, attendees or none."""
    if isinstance(value, str) and value in PUBLIC_NAMES:
        return cast(PublicNames, value)
    raise SettingsError(_("public_names must be one of {choices}, not '{value}'")
                        .format(choices=", ".join(PUBLIC_NAMES), value=value))


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
