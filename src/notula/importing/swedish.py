"""How Swedish minutes write dates, times and agenda items (each rule in one place)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name: number for number, names in enumerate([
    ("januari", "jan"), ("februari", "feb"), ("mars", "mar"), ("april", "apr"), ("maj",), ("juni", "jun"),
    ("juli", "jul"), ("augusti", "aug"), ("september", "sep", "sept"), ("oktober", "okt"),
    ("november", "nov"), ("december", "dec")], start=1) for name in names}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))


@dataclass(frozen=True)
class DateFound:
    """A date in the text: complete, without its year, or a month only."""

    text: str
    start: int
    year: int | None
    month: int
    day: int | None

    def date(self) -> dt.date | None:
        if self.year is None or self.day is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None

    def after(self, reference: dt.date) -> dt.date | None:
        """The date, with a missing year read as the first such day after reference."""
        if self.day is None:
            return None
        if self.year is not None:
            return self.date()
        for year in (reference.year, reference.year + 1):
            try:
                candidate = dt.date(year, self.month, self.day)
            except ValueError:
                continue
            if candidate > reference:
                return candidate
        return None


_DATE_PATTERNS = [
    # 2017-04-04, 2017.04.04
    (re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d\d)[-.](?P<m>[01]?\d)[-.](?P<d>[0-3]?\d)(?![\d])"), "iso"),
    # den 4 april 2017, 4:e april, 4 apr. 2017, måndag 4 april
    (re.compile(rf"(?<![\d\w])(?P<d>[0-3]?\d)(?::[ae])?\s+(?P<mn>{_MONTH})\.?(?:\s+(?P<y>(?:19|20)\d\d))?(?![\w])",
                re.IGNORECASE), "words"),
    # 4/4 2017, 4/4-2017, 16/11
    (re.compile(r"(?<![\d/])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?:\s*[-–]?\s*(?P<y>(?:19|20)\d\d))?(?![\d/])"), "slash"),
    # maj 2016 (a month only)
    (re.compile(rf"(?<![\d\w])(?P<mn>{_MONTH})\s+(?P<y>(?:19|20)\d\d)(?![\d])", re.IGNORECASE), "month"),
]


def find_dates(text: str) -> list[DateFound]:
    """Every date in text, in order; overlapping readings keep the first pattern's."""
    found: list[DateFound] = []
    taken: list[tuple[int, int]] = []
    for pattern, _kind in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            groups = match.groupdict()
            month = MONTHS[groups["mn"].lower()] if groups.get("mn") else int(groups["m"])
            day = int(groups["d"]) if groups.get("d") else None
            year = int(groups["y"]) if groups.get("y") else None
            if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                continue
            taken.append(span)
            found.append(DateFound(match.group(0), span[0], year, month, day))
    return sorted(found, key=lambda d: d.start)


_TIME_RANGE = re.compile(
    r"(?:\bkl(?:ockan)?\.?\s*)?(?<![\d/])(?P<h1>[0-2]?\d)(?:[:.](?P<m1>[0-5]\d))?\s*(?:-|–|—|till)\s*"
    r"(?:kl\.?\s*)?(?P<h2>[0-2]?\d)(?:[:.](?P<m2>[0-5]\d))?(?![\d/])")
_TIME_BARE = re.compile(r"(?<![\d/.-])(?P<h1>[0-2]?\d)[:.](?P<m1>[0-5]\d)(?![\d.])")
_TIME_ONE = re.compile(r"(?:\bkl(?:ockan)?\.?\s*)(?P<h1>[0-2]?\d)(?:[:.](?P<m1>[0-5]\d))?(?![\d])")


@dataclass(frozen=True)
class TimeFound:
    text: str
    value: str  # HH:MM or HH:MM-HH:MM


def find_time(text: str, bare_hours: bool = False) -> TimeFound | None:
    """The first time or time range ('kl 09.00-13.00', '9:00 -12:00'); hours without minutes
    ('9-12') only after 'kl' or when bare_hours (a 'Tid:' line)."""
    for match in _TIME_RANGE.finditer(text):
        g = match.groupdict()
        has_kl = match.group(0).lstrip().lower().startswith("kl")
        if (g["m1"] is None or g["m2"] is None) and not (bare_hours or has_kl):
            continue
        start, end = _hhmm(g["h1"], g["m1"]), _hhmm(g["h2"], g["m2"])
        if start and end and end > start:
            return TimeFound(match.group(0).strip(), f"{start}-{end}")
    one = _TIME_ONE.search(text) or (_TIME_BARE.search(text) if bare_hours else None)
    start = _hhmm(one.group("h1"), one.group("m1")) if one else None
    if one and start:
        return TimeFound(one.group(0).strip(), start)
    return None


def _hhmm(hours: str, minutes: str | None) -> str | None:
    h, m = int(hours), int(minutes or 0)
    return f"{h:02d}:{m:02d}" if h <= 23 and m <= 59 else None


_AGENDA = re.compile(r"^(?:§\s*)?(?P<n>\d{1,2})\s*[.):]?\s+(?P<title>\S.{0,150})$")


def agenda_item(text: str) -> tuple[int, str] | None:
    """'3. Title', '3) Title', '§ 3 Title' -> (3, 'Title')."""
    match = _AGENDA.match(text.strip())
    if not match or (not text.lstrip().startswith("§") and not re.match(r"^\d{1,2}\s*[.):]", text.strip())):
        return None
    title = match.group("title").strip()
    if find_dates(text.strip()[:12]) and find_dates(text.strip()[:12])[0].start == 0:
        return None  # '9 maj ...' is a date, not item 9
    return int(match.group("n")), title


# Item references in parentheses: "(pkt 5)", "(punkt 3 och 4)", "(§ 5-6)", "(punkt 3–4)"
_ITEMS = re.compile(r"\(\s*(?:(?:endast|bara|enbart|under|vid)\s+)?(?:pkt\.?|punkt|punkterna|p\.?|§§?)\s*"
                    r"([\d\s,och&\-–—‐‑−]+)\)", re.IGNORECASE)


def item_refs(text: str) -> tuple[list[int], str]:
    """The agenda items a '(pkt 5)' note names, and the text without it; 'pkt 5' alone is such a note too."""
    if not text.lstrip().startswith("("):
        alone = _ITEMS.fullmatch(f"({text.strip()})")
        if alone:
            return item_refs(f"({text.strip()})")
    match = _ITEMS.search(text)
    if not match:
        return [], text
    items: list[int] = []
    for part in re.split(r",|och|&", match.group(1)):
        bounds = [int(n) for n in re.findall(r"\d+", part)]
        if len(bounds) == 2 and any(dash in part for dash in "-–—‐‑−"):  # hyphen, dashes, Word's non-breaking hyphen, minus
            items += list(range(bounds[0], bounds[1] + 1))
        else:
            items += bounds
    return items, (text[: match.start()] + text[match.end():]).strip()


_REMOTE = re.compile(r"\(?\s*(?:via\s+(?:länk|teams|zoom|skype|video|telefon)|på distans|digitalt)\s*\)?", re.IGNORECASE)


def remote_note(text: str) -> tuple[bool, str]:
    """Whether text says '(via länk)', and the text without it."""
    match = _REMOTE.search(text)
    if not match:
        return False, text
    return True, (text[: match.start()] + text[match.end():]).strip(" ,;")


# A role written beside a name: "(ordförande)", "(sammankallande)"; the keys are schema.Role's values.
ROLE_WORDS = {"chair": r"ordf(?:örande|\.)?|mötesordförande", "convener": r"sammankallande|sammankallare",
              "secretary": r"sekreterare|mötessekreterare|sekr\.?", "adjunct": r"adjungerad|adj\."}
_ROLE = re.compile(r"\(\s*(" + "|".join(ROLE_WORDS.values()) + r")\s*\)", re.IGNORECASE)


def role_note(text: str) -> tuple[str | None, str]:
    """The role a '(sammankallande)' note gives, and the text without it."""
    match = _ROLE.search(text)
    if not match:
        return None, text
    role = next(key for key, words in ROLE_WORDS.items() if re.fullmatch(words, match.group(1), re.IGNORECASE))
    return role, (text[: match.start()] + text[match.end():]).strip(" ,;")
