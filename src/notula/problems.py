"""Problems found in the sources, and how they are reported."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from notula.errors import NotulaError
from notula.i18n import _, ngettext


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file: where, which field, what, and how to fix it."""

    path: str
    line: int | None
    field: str | None
    message: str
    fix: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        fix = f" — {self.fix}" if self.fix else ""
        return f"{where}:{field} {self.message}{fix}"


class ProblemsFound(NotulaError):
    """Raised when sources have problems; carries every problem found in the run."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=_sort_key)
        super().__init__(format_problems(self.problems))


def _sort_key(problem: Problem):
    return (problem.path, problem.line or 0, problem.field or "", problem.message)


def format_problems(problems: list[Problem]) -> str:
    """Render problems one per line, followed by a count."""
    problems = sorted(problems, key=_sort_key)
    lines = [str(p) for p in problems]
    files = len({p.path for p in problems})
    counted = ngettext("{count} problem", "{count} problems", len(problems)).format(count=len(problems))
    where = ngettext("in {count} file", "in {count} files", files).format(count=files)
    lines.append(_("{problems} {files}.").format(problems=counted, files=where))
    return "\n".join(lines)


def did_you_mean(word: str, candidates: Iterable[str], n: int = 3,
                 name: Callable[[str], str] | None = None) -> str | None:
    """A 'did you mean' hint for a misspelt word, comparing case-insensitively (and without the
    spaces around it). name: what to suggest for a candidate spelling (default: the spelling);
    several spellings of one thing (an organisation's name and its aliases) suggest it once."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(candidate.strip().casefold(), name(candidate) if name else candidate)
    matches = difflib.get_close_matches(str(word).strip().casefold(), list(by_key), n=2 * n, cutoff=0.6)
    names = list(dict.fromkeys(by_key[m] for m in matches))[:n]
    if not names:
        return None
    return _("did you mean {candidates}?").format(candidates=either(f"'{found}'" for found in names))


def either(words: Iterable[str]) -> str:
    """'a', 'a or b', 'a or b or c' in the secretary's language."""
    return (" " + _("or") + " ").join(words)


def format_path(loc: Iterable[str | int]) -> str:
    """('attendees', 2, 'org') -> 'attendees[2].org' (list positions counted from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out
