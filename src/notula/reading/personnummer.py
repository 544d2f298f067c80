"""Swedish personal identity numbers (personnummer and samordningsnummer) in any text.

Swedish guidance is that they are never published on the web, so `notula check` reports one
in any text of a public document and the leak audit looks for them in every public output.
A number counts when it is written as one (YYMMDD-NNNC, YYYYMMDD-NNNC, with "+", a space or
nothing in place of the hyphen), its date exists (a samordningsnummer adds 60 to the day)
and its check digit is right (the Luhn algorithm over the ten digits).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

# Digits not preceded or followed by another digit (a longer number is something else); the
# separator may be a hyphen, a dash, a plus (a person over 100) or one space.
CANDIDATE = re.compile(r"(?<![0-9])([0-9]{2})?([0-9]{6}) ?[-‐‑–—−+]? ?([0-9]{4})(?![0-9])")


def luhn(digits: str) -> bool:
    """Whether the last digit of digits is the Luhn check digit of the others."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char) * (2 if i % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _date_exists(century: str | None, date: str) -> bool:
    year, month, day = int(date[:2]), int(date[2:4]), int(date[4:])
    if day > 60:
        day -= 60  # a samordningsnummer
    centuries = [int(century)] if century else [18, 19, 20]
    for hundreds in centuries:
        try:
            dt.date(hundreds * 100 + year, month, day)
        except ValueError:
            continue
        return hundreds in (18, 19, 20)
    return False


# Every digit as "0" and everything else as ".": six digits in a row are then a plain substring,
# found many times faster than by a regular expression over the text.
_DIGIT_MASK = bytes(48 if 48 <= i < 58 else 46 for i in range(256))


def has_candidate(text: str) -> bool:
    """Whether text has six digits in a row (a quick test before the exact one)."""
    return b"000000" in text.encode("utf-8", "replace").translate(_DIGIT_MASK)


def find(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, the number as written) of every valid personal identity number in text."""
    if not has_candidate(text):
        return
    for m in CANDIDATE.finditer(text):
        century, date, serial = m.groups()
        if luhn(date + serial) and _date_exists(century, date):
            yield m.start(), m.end(), m.group()


def first(text: str) -> str | None:
    """The first personal identity number in text, as written, or None."""
    return next((number for _, _, number in find(text)), None)
