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
}
ROLE_LABELS = {"chair": "ordförande", "secretary": "sekreterare", "adjunct": "adjungerad"}
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
    "apologies": "Anmält förhinder",
    "absent": "Frånvarande",
}
ATTENDANCE_SYMBOLS = {"present": "●", "remote": "◐", "apologies": "○", "absent": "–"}
AUDIENCE_LABELS = {"public": "Offentlig", "members": "Endast för medlemmar", "draft": "UTKAST"}
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
