"""Members-only sections in a Markdown body.

A secretary marks a section for members only with a fenced block::

    ::: medlemmar
    Text only members may read.
    :::

Any other line starting with ':::' is an error, and so is a block left open,
so that a typo can never publish a members-only section by accident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .problems import Problem

MEMBERS_MARKER = "medlemmar"
_MARKER = re.compile(r"^\s*:::(.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Segment:
    """A run of body text; members_only says whether it sits inside a ::: medlemmar block."""

    text: str
    members_only: bool
    line: int


def split_sections(body: str, first_line: int, display: str) -> tuple[list[Segment], list[Problem]]:
    """Split a body into public and members-only segments, reporting malformed markers."""
    segments: list[Segment] = []
    problems: list[Problem] = []
    current: list[str] = []
    start, opened_at, fence = first_line, None, None

    def flush(members_only: bool, next_start: int) -> None:
        nonlocal current, start
        if current:
            segments.append(Segment("\n".join(current), members_only, start))
        current, start = [], next_start

    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        fence_match = _FENCE.match(line)
        if fence_match:
            fence = None if fence == fence_match.group(1) else (fence or fence_match.group(1))
        marker = None if fence else _MARKER.match(line)
        if not marker:
            current.append(line)
            continue
        word = marker.group(1).strip().casefold()
        if word == MEMBERS_MARKER and opened_at is None:
            flush(False, number + 1)
            opened_at = number
        elif word == "" and opened_at is not None:
            flush(True, number + 1)
            opened_at = None
        elif word == MEMBERS_MARKER:
            problems.append(Problem(display, number, "body", f"a '::: {MEMBERS_MARKER}' block is opened again before the one on line {opened_at} is closed",
                                    "close the first block with a line ':::' before opening another"))
        elif word == "":
            problems.append(Problem(display, number, "body", "':::' closes a block that was never opened",
                                    f"open the block with '::: {MEMBERS_MARKER}', or remove this line"))
        else:
            problems.append(Problem(display, number, "body", f"unknown block marker '::: {marker.group(1).strip()}'",
                                    f"write '::: {MEMBERS_MARKER}' to start a members-only section"))
    if opened_at is not None:
        problems.append(Problem(display, opened_at, "body", f"the '::: {MEMBERS_MARKER}' block is never closed",
                                "add a line with only ':::' where the members-only section ends"))
        flush(True, 0)
    flush(False, 0)
    return segments, problems
