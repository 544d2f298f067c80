"""The plugin's options in mkdocs.yml (`plugins: - notula: …`), checked by MkDocs when it loads them."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import base
from mkdocs.config import config_options as c

from notula.i18n import _
from notula.settings import AUDIENCES, DEFAULT_TIME_ZONE, SettingsError, zone


class _Date(c.BaseConfigOption[dt.date | None]):
    """A date, written YYYY-MM-DD (YAML reads it as a date; !ENV gives a string)."""

    def run_validation(self, value: object) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise base.ValidationError(_("write a date as YYYY-MM-DD, not '{value}'").format(value=value)) from None


class _TimeZone(c.Type[str]):
    """An IANA time zone name, such as Europe/Stockholm."""

    def __init__(self) -> None:
        super().__init__(str, default=DEFAULT_TIME_ZONE)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        try:
            zone(name)
        except SettingsError as exc:
            raise base.ValidationError(str(exc)) from None
        return name


class NotulaConfig(base.Config):
    """Notula's options. Left out, audience and today come from the environment (notula.settings)."""

    audience = c.Optional(c.Choice(AUDIENCES))
    today = _Date()
    time_zone = _TimeZone()
