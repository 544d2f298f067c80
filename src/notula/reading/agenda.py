"""Agenda item numbers: how a reference to an item is written, and which items a body numbers.

An item is a number (3), a sub-item (3.2) or a range of items (4–5). The front-matter may write
it as minutes do in prose ("pkt 5", "punkt 5", "§ 5", "p. 5", "5."); item_number() reads each of
these as the number. The body numbers its items in headings: '## 3. Title', '## 3) Title',
'## § 3 Title', '## Punkt 3: Title'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"\d{1,3}(?:\.\d{1,2})*"
_PREFIX = r"(?:(?:pkt|punkt|punkterna|p|§)\s*\.?\s*)?"
_REFERENCE = re.compile(rf"^{_PREFIX}(?P<first>{_NUMBER})\.?(?:\s*[-–—]\s*{_PREFIX}(?P<last>{_NUMBER})\.?)?$", re.IGNORECASE)
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*)$", re.MULTILINE)
# How a heading numbers its item: after '§' or 'Punkt', or a number followed by '.', ')' or ':'
# (or a sub-item number such as 3.2) and a space: '## 2017 års budget' numbers nothing.
_NUMBERED = re.compile(rf"^(?:(?:§|punkt|pkt\.?)[ \t]*(?P<a>{_NUMBER})(?![\d])|(?P<b>{_NUMBER})(?:[.):](?:\s|$)|(?<=\d\.\d)\s|(?<=\d\.\d\d)\s))",
                       re.IGNORECASE)


@dataclass(frozen=True)
class ItemRef:
    """An item reference read from what was written: first and last item (the same for one item)."""

    first: str
    last: str

    @property
    def value(self) -> int | str:
        """How the reference is kept: a whole number as a number, else '3.2' or '4–5'."""
        if self.first != self.last:
            return f"{self.first}–{self.last}"
        return int(self.first) if self.first.isdigit() else self.first


def item_number(text: str) -> ItemRef | None:
    """The item a reference names ('5', 'pkt 5', '§ 5', '3.2', '4-5', 'punkt 4–5'), or None when
    the text is not an item number. A range must go upwards."""
    match = _REFERENCE.match(text.strip())
    if not match:
        return None
    first, last = _canonical(match["first"]), _canonical(match["last"] or match["first"])
    if _key(last) < _key(first):
        return None
    return ItemRef(first, last)


def _canonical(number: str) -> str:
    return ".".join(str(int(part)) for part in number.split("."))


def _key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def numbered_items(body: str) -> dict[str, int]:
    """The item numbers the body's headings give, each with its offset (in lines) in the body."""
    found: dict[str, int] = {}
    for heading in _HEADING.finditer(body):
        match = _NUMBERED.match(heading[1].strip())
        if match:
            found.setdefault(_canonical(match["a"] or match["b"]), body.count("\n", 0, heading.start()))
    return found


def covers(ref: ItemRef, numbered: dict[str, int]) -> list[str]:
    """The numbers of ref that the body does not number (a sub-item counts when its item is there)."""
    first, last = _key(ref.first), _key(ref.last)
    wanted = (list(dict.fromkeys([ref.first, ref.last])) if len(first) > 1 or len(last) > 1
              else [str(n) for n in range(first[0], last[0] + 1)])
    present = set(numbered)
    return [number for number in wanted if number not in present and number.split(".")[0] not in present]
