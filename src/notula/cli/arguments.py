"""argparse's own words (usage, errors, the -h line) in the secretary's language.

argparse translates its texts with the stdlib's gettext.gettext; while the command line is
read, its _() and ngettext() are Notula's, which know these texts (listed here so that the
catalog keeps them)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from notula.i18n import N_, _, ngettext

ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
)


@contextmanager
def in_language() -> Iterator[None]:
    """While inside, argparse speaks the secretary's language."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
