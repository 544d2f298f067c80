"""The language of every message the secretary sees: Swedish, or English with NOTULA_LANG=en.

Messages are written in English in the code (the msgid) and translated through the gettext
catalog src/notula/locale/<language>/LC_MESSAGES/notula.po (compiled to .mo; refresh both with
scripts/update-messages). A message with values is a constant with named placeholders::

    _("the file '{name}' does not exist").format(name=name)

Module-level texts are marked with N_() (so that they are extracted) and translated with _()
where they are used, so that they follow the language in force at that moment.
"""

from __future__ import annotations

import gettext
import os
import sys
from functools import cache
from pathlib import Path

DOMAIN = "notula"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("sv", "en")  # en is the language of the code: it needs no catalog
DEFAULT = "sv"
ENV = "NOTULA_LANG"


def language() -> str:
    """The language of the messages, from NOTULA_LANG (sv or en; sv_SE, en-GB, en_US.UTF-8 are
    read as sv and en). Unset or empty means Swedish; anything else also means Swedish, with a
    warning on stderr (once), so that a typo never stops a build."""
    value = os.environ.get(ENV, "").strip()
    code = value.replace("-", "_").split("_", 1)[0].split(".", 1)[0].lower()
    if not value:
        return DEFAULT
    if code in LANGUAGES:
        return code
    _warn_unknown(value)
    return DEFAULT


@cache
def _warn_unknown(value: str) -> None:
    print(f"notula: NOTULA_LANG={value!r}: okänt språk, meddelandena blir på svenska (sv eller en går att välja) / "
          "unknown language, messages are in Swedish (choose sv or en)", file=sys.stderr)


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of a language (English: the msgids themselves)."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    """message in the secretary's language."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for the count n, in the secretary's language."""
    return translations(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a module-level text for translation; translate it with _() where it is used."""
    return message
