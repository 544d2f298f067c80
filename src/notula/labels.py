"""Swedish words and formats shown on the site (the UI is Swedish; code is English)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date

SWEDISH = Locale("sv")

TYPE_LABELS = {
    "minutes": "Minnesanteckningar",
    "notes": "Anteckningar",
    "agenda": "Dagordning",
    "report": "Rapport",
    "presentation": "Presentation",
    "paper": "Möteshandling",
}
ROLE_LABELS = {"chair": "ordförande", "convener": "sammankallande", "secretary": "sekreterare", "adjunct": "adjungerad"}
STATUS_LABELS = {"open": "Pågår", "done": "Klart", "cancelled": "Avskrivet", "overdue": "Försenat"}
ORG_KIND_LABELS = {
    "municipality": "Kommun",
    "region": "Region",
    "county-board": "Länsstyrelse",
    "agency": "Myndighet",
    "university": "Lärosäte",
    "project": "Projekt",
    "company": "Företag",
    "association": "Förening",
    "other": "Övrigt",
}
ORG_KIND_PLURALS = {
    "municipality": "Kommuner",
    "region": "Regioner",
    "county-board": "Länsstyrelser",
    "agency": "Myndigheter",
    "university": "Lärosäten",
    "project": "Projekt",
    "company": "Företag",
    "association": "Föreningar",
    "other": "Övriga",
}
# Attendance of an organisation at a meeting: label and the symbol shown in tables.
ATTENDANCE_LABELS = {
    "present": "Närvarande",
    "remote": "På distans",
    "partial": "Del av mötet",
    "apologies": "Anmält förhinder",
    "absent": "Frånvarande",
}
ATTENDANCE_SYMBOLS = {"present": "●", "remote": "◐", "partial": "◔", "apologies": "○", "absent": "–"}
AUDIENCE_LABELS = {"public": "Offentlig", "members": "Endast för medlemmar", "draft": "UTKAST"}  # the one table: pages, lists, feeds
MEMBERS_SITE = "Medlemmarnas webbplats"  # on every page of the members' site
FILE_KINDS = {
    ".pdf": "PDF",
    ".ppt": "PowerPoint",
    ".pptx": "PowerPoint",
    ".doc": "Word",
    ".docx": "Word",
    ".xls": "Excel",
    ".xlsx": "Excel",
    ".odt": "OpenDocument-text",
    ".odp": "OpenDocument-presentation",
    ".ods": "OpenDocument-kalkylblad",
    ".png": "Bild",
    ".jpg": "Bild",
    ".jpeg": "Bild",
    ".gif": "Bild",
    ".webp": "Bild",
    ".rtf": "RTF",
    ".txt": "Text",
    ".csv": "CSV",
}


@lru_cache(maxsize=8192)  # babel is slow, and pages repeat the same dates
def long_date(value: dt.date) -> str:
    """4 april 2017"""
    return format_date(value, "d MMMM y", locale=SWEDISH)


@lru_cache(maxsize=8192)
def weekday_date(value: dt.date) -> str:
    """tisdag 4 april 2017"""
    return format_date(value, "EEEE d MMMM y", locale=SWEDISH)


UNDECIDED_DAY = "datum ej bestämt"


@lru_cache(maxsize=1024)
def month_name(value) -> str:
    """september 2021 (a schema.Month)"""
    return format_date(value.first, "LLLL y", locale=SWEDISH)


def when(value) -> str:
    """A date with its weekday, or a month whose day is not decided: 'september 2021 (datum ej bestämt)'."""
    if isinstance(value, dt.date):
        return weekday_date(value)
    return f"{month_name(value)} ({UNDECIDED_DAY})"


# Swedish nouns as counted: (singular, plural). "1 möte", "2 möten"; "det senaste mötet", "de 3 senaste mötena".
NOUNS = {
    "möte": ("möte", "möten"),
    "mötet": ("mötet", "mötena"),
    "beslut": ("beslut", "beslut"),
    "uppdrag": ("uppdrag", "uppdrag"),
    "deltagare": ("deltagare", "deltagare"),
    "öppet": ("öppet", "öppna"),
    "försenat": ("försenat", "försenade"),
    "pågående": ("pågående", "pågående"),
    "dokument": ("dokument", "dokument"),
}


def plural(n: int, noun: str) -> str:
    """The form of noun (a key of NOUNS) that agrees with n: plural(1, "möte") == "möte"."""
    singular, many = NOUNS[noun]
    return singular if n == 1 else many


def count(n: int, noun: str) -> str:
    """n and the noun in agreement: count(1, "möte") == "1 möte", count(2, "möte") == "2 möten"."""
    return f"{n} {plural(n, noun)}"


def latest(n: int, noun: str = "mötet") -> str:
    """'det senaste mötet' for one, 'de 5 senaste mötena' for more."""
    return f"det senaste {plural(1, noun)}" if n == 1 else f"de {n} senaste {plural(n, noun)}"


def time_range(value: str) -> str:
    """'09:00-13:00' -> '09.00–13.00' (Swedish style)."""
    return value.replace(":", ".").replace("-", "–")


def file_size(size: int) -> str:
    """Swedish file size: 980 byte, 12 kB, 3,4 MB."""
    if size < 1000:
        return f"{size} byte"
    if size < 1_000_000:
        return f"{round(size / 1000)} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def file_kind(filename: str) -> str:
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return FILE_KINDS.get(suffix, suffix.lstrip(".").upper() or "Fil")


@lru_cache(maxsize=8192)
def short_date(value: dt.date) -> str:
    """4 apr. 2017 (for table headers)"""
    return format_date(value, "d MMM y", locale=SWEDISH)
