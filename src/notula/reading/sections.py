"""Members-only sections in a Markdown body.

A secretary marks a section for members only with two lines of their own::

    ::: medlemmar
    Text only members may read.
    :::

The syntax is exact and fails closed: the opening line is `::: medlemmar` and the closing
line is `:::`, each at the very start of a line (spaces after them are ignored). Any other
line that looks like a marker (two colons, four colons, capitals, a missing space, full-width
colons, an indented marker, a marker in a list or a quote, text after the colons ...) is an
error, and so is a block left open. Markers are found on every line, whatever surrounds them:
a code block cannot hide one. A marker inside a code block, and a code block left open, are
errors too. So a typo can never publish a members-only section.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from notula.i18n import N_, _
from notula.problems import Problem

MEMBERS_MARKER = "medlemmar"
OPEN = f"::: {MEMBERS_MARKER}"
CLOSE = ":::"
_EXACT_FIX = N_("write exactly '{open}' to open and '{close}' to close, each on a line of its own at the start of the line "
                "(if it is not meant as a marker, remove the colons)")

# Characters that look like a colon; NFKC already folds the full-width and small forms.
_COLON_LIKES_CHARS = "\u2236\ua789\u02d0\u02f8\u05c3\u0703\u0704\u1804\u205a\ufe30"
_COLON_LIKES = str.maketrans({c: ":" for c in _COLON_LIKES_CHARS})
_COLON_LIKE_SET = frozenset(_COLON_LIKES_CHARS)
# Every character whose compatibility form holds a colon (NFKC), and the look-alikes above.
_COLONISH = re.compile("[:\u2a74\ufe13\ufe55\uff1a" + "".join(_COLON_LIKES_CHARS) + "]")
_PREFIX = re.compile(r"^(?:[^\w:]|\d+[.)](?=\s))+")  # indentation, quotes, bullets, list numbers, emphasis
# Two colons or more, or one straight before a word; ':' and a space start a definition (def_list),
# which looks_like_marker accepts unless its words resemble the marker's.
_STARTS_AS_MARKER = re.compile(r"^(?::{2,}\s*(?:[\w:]|$)|:(?:[\w:]|$))")
_ENDS_AS_MARKER = re.compile(r"::\W*$")
_WORD = re.compile(r"[^\W\d_]+")
_COLONS_THEN_WORD = re.compile(r":{2,}\W*([^\W\d_]+)")
_CONTAINER = re.compile(r"^(?:\s+|>|[-*+](?=\s)|\d{1,9}[.)](?=\s))*")  # before a code fence
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")


@dataclass(frozen=True)
class Segment:
    """A run of body text; members_only says whether it sits inside a ::: medlemmar block."""

    text: str
    members_only: bool
    line: int


def _normalise(line: str) -> str:
    """The line as a reader sees it: compatibility forms folded, invisible characters removed."""
    if line.isascii():
        return line  # already in NFKC, and without format characters
    if not unicodedata.is_normalized("NFKC", line):
        line = unicodedata.normalize("NFKC", line)
    if not _COLON_LIKE_SET.isdisjoint(line):
        line = line.translate(_COLON_LIKES)
    invisible = _format_characters()
    return line if invisible.isdisjoint(line) else "".join(c for c in line if c not in invisible)


@cache
def _format_characters() -> frozenset[str]:
    """Unicode's format characters (category Cf: zero-width, direction marks …), in the planes that have them."""
    return frozenset(chr(c) for c in (*range(0x20000), *range(0xE0000, 0xE0100)) if unicodedata.category(chr(c)) == "Cf")


def _content(normal: str) -> str:
    """A normalised line without what may stand before a marker (indentation, '>', '-', '1.')."""
    return _PREFIX.sub("", normal)


def _members_like(word: str) -> bool:
    word = word.casefold()
    return word.startswith(("medlem", "member")) or difflib.SequenceMatcher(None, word, MEMBERS_MARKER).ratio() >= 0.7


def may_hold_marker(text: str) -> bool:
    """Whether text holds a colon or a character like one: without one, no line of it can look like a marker."""
    return _COLONISH.search(text) is not None


def looks_like_marker(line: str) -> bool:
    """Whether a line is, or resembles, a members-only marker (the exact ones included)."""
    if not may_hold_marker(line):
        return False  # the common case, quickly: no marker without a colon
    normal = _normalise(line)
    content = _content(normal).rstrip()
    if _STARTS_AS_MARKER.match(content) or _ENDS_AS_MARKER.search(content):
        return True
    if content.startswith(":") and (content[:4].count(":") >= 2 or any(map(_members_like, _WORD.findall(content)))):
        return True  # ':>: medlemmar', ':x:'
    return any(_members_like(m.group(1)) for m in _COLONS_THEN_WORD.finditer(normal))


def _fence(line: str) -> tuple[str, str] | None:
    """(fence, info) when the line opens or closes a code fence (``` or ~~~), read generously:
    also indented, in a list or a quote, so that a code block is never missed."""
    if "``" not in line and "~~" not in line:
        return None
    match = _FENCE.fullmatch(_CONTAINER.sub("", line))
    if not match:
        return None
    fence, info = match.groups()
    if fence[0] == "`" and "`" in info:
        return None  # ```code``` on one line is inline code, not a fence (as in CommonMark)
    return fence, info


def split_sections(body: str, first_line: int, display: str) -> tuple[list[Segment], list[Problem]]:
    """Split a body into public and members-only segments, reporting every line that looks like
    a marker but is not an exact one in its place, and open blocks and code fences."""
    segments: list[Segment] = []
    problems: list[Problem] = []
    current: list[str] = []
    start, opened_at = first_line, None
    fence: tuple[str, int] | None = None  # (fence characters, line) of an open code block

    def flush(members_only: bool, next_start: int) -> None:
        nonlocal current, start
        if current:
            segments.append(Segment("\n".join(current), members_only, start))
        current, start = [], next_start

    def problem(number: int, message: str, fix: str) -> None:
        problems.append(Problem(display, number, "body", message, fix))

    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        fenced = _fence(line)
        if fenced and fence is None:
            fence = (fenced[0], number)
        elif fenced and fence and fenced[0][0] == fence[0][0] and len(fenced[0]) >= len(fence[0]) and not fenced[1].strip():
            fence = None
        if not looks_like_marker(line):
            current.append(line)
            continue
        exact = line.rstrip(" \t")
        if fence is not None:
            problem(number, _("a members-only marker '{marker}' inside the code block opened on line {line}").format(
                        marker=line.strip(), line=fence[1]),
                    _("close the code block (a line with only {fence}) before the marker; a code block cannot hold a "
                      "members-only section").format(fence=fence[0]))
            current.append(line)
        elif exact == OPEN and opened_at is None:
            flush(False, number + 1)
            opened_at = number
        elif exact == CLOSE and opened_at is not None:
            flush(True, number + 1)
            opened_at = None
        elif exact == OPEN:
            problem(number, _("a '{open}' block is opened again before the one on line {line} is closed").format(
                        open=OPEN, line=opened_at),
                    _("close the first block with a line '{close}' before opening another").format(close=CLOSE))
        elif exact == CLOSE:
            problem(number, _("'{close}' closes a block that was never opened").format(close=CLOSE),
                    _("open the block with '{open}', or remove this line").format(open=OPEN))
        else:
            problem(number, _("'{line}' looks like a members-only marker but is not one").format(line=line.strip()) + _why(line),
                    _(_EXACT_FIX).format(open=OPEN, close=CLOSE))
            current.append(line)
    if fence is not None:
        problem(fence[1], _("the code block opened with {fence} is never closed").format(fence=fence[0]),
                _("add a line with only {fence} where the code ends (or remove this line)").format(fence=fence[0]))
    if opened_at is not None:
        problem(opened_at, _("the '{open}' block is never closed").format(open=OPEN),
                _("add a line with only '{close}' where the members-only section ends").format(close=CLOSE))
        flush(True, 0)
    flush(False, 0)
    return segments, problems


def _why(line: str) -> str:
    """What is wrong with a near-marker, when it is one of the usual slips."""
    if line[:1].isspace():
        return _(": a marker must start at the beginning of the line")
    if _content(_normalise(line)) != _normalise(line).lstrip():
        return _(": a marker cannot stand in a list, a quote or other formatting")
    normal = _normalise(line).strip()
    if normal != line.strip():
        return _(": it contains full-width colons, invisible or other special characters")
    if normal.casefold() == OPEN:
        return _(": write 'medlemmar' in lower case")
    return ""
