"""What a site written for an older Notula still holds and must change: retired options of
mkdocs.yml and retired front-matter fields, each with its fix.

When a release retires an option or a field, it gets an entry here (and a line in the
changelog): `notula check` and the build then name it and say what to write instead, rather
than failing on something unknown or silently ignoring it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from notula.i18n import N_, _


@dataclass(frozen=True)
class RetiredOption:
    """An option of mkdocs.yml that Notula no longer reads, or a file a site no longer needs."""

    key: tuple[str, ...]  # where in mkdocs.yml: ("extra", "notula")
    fix: str  # what to do instead (translated when shown)
    applies: Callable[[Any], bool] = lambda value: True  # whether the value found there is the retired one
    since: str = ""  # the release that retired it


def _lists(name: str) -> Callable[[Any], bool]:
    """Whether a list option names a path ending in name."""
    def applies(value: Any) -> bool:
        return isinstance(value, list) and any(str(item).replace("\\", "/").endswith(name) for item in value)
    return applies


RETIRED_OPTIONS: tuple[RetiredOption, ...] = (
    RetiredOption(("extra", "notula"), N_("move Notula's options to the plugin: 'plugins: - notula: {time_zone: …}', "
                                          "and remove 'notula:' under 'extra:'"), since="0.1.0"),
    RetiredOption(("hooks",), N_("remove '- hooks/notula_hooks.py' under 'hooks:' and delete that file: the notula plugin "
                                 "('plugins: - notula') does its work"), _lists("notula_hooks.py"), since="0.1.0"),
    RetiredOption(("extra_css",), N_("remove 'stylesheets/notula.css' from 'extra_css' and delete docs/stylesheets/notula.css: "
                                     "the plugin adds Notula's styles"), _lists("stylesheets/notula.css"), since="0.1.0"),
    RetiredOption(("extra_javascript",), N_("remove 'javascripts/notula-filter.js' from 'extra_javascript' and delete "
                                            "docs/javascripts/notula-filter.js: the plugin adds Notula's scripts"),
                  _lists("javascripts/notula-filter.js"), since="0.1.0"),
)

# Retired front-matter fields: the field's name → the fix. (None yet: fields are added, never renamed.)
RETIRED_FIELDS: dict[str, str] = {}


@dataclass(frozen=True)
class OldOption:
    """A retired option found in a site's mkdocs.yml."""

    key: str  # as written in messages: extra.notula
    fix: str

    def __str__(self) -> str:
        return _("'{key}' is an option of an older Notula: {fix}").format(key=self.key, fix=self.fix)


def old_options(settings: dict) -> list[OldOption]:
    """The retired options in mkdocs.yml's settings (as MkDocs loads them), with their fixes."""
    found = []
    for option in RETIRED_OPTIONS:
        value: Any = settings
        for part in option.key:
            value = value.get(part) if isinstance(value, dict) else None
        if value is not None and option.applies(value):
            found.append(OldOption(".".join(option.key), _(option.fix)))
    return found


def field_fix(name: str) -> str | None:
    """The fix for a retired front-matter field, or None when name was never one."""
    fix = RETIRED_FIELDS.get(name)
    return _(fix) if fix else None
