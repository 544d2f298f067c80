"""When a meeting takes place: its date and "HH:MM-HH:MM" as Europe/Stockholm times."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

TZID = "Europe/Stockholm"
TZ = ZoneInfo(TZID)


@dataclass(frozen=True)
class Span:
    """A meeting's start and end: aware datetimes, or a date alone (all day) when no time is given."""

    start: dt.datetime | dt.date
    end: dt.datetime | dt.date | None

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)


def span(date: dt.date, time: str | None) -> Span:
    """The span of a meeting on date at time ("HH:MM" or "HH:MM-HH:MM", as the schema normalises it).

    Without a time the meeting is all day (end is the next day, exclusive, as in iCalendar);
    with a start time only, the end is unknown (None).
    """
    if not time:
        return Span(date, date + dt.timedelta(days=1))
    start, _, end = time.partition("-")
    return Span(_at(date, start), _at(date, end) if end else None)


def start_of_day(date: dt.date) -> dt.datetime:
    """Midnight in Stockholm: the time given to things that have a date only (feed entries)."""
    return dt.datetime.combine(date, dt.time(0), tzinfo=TZ)


def iso(value: dt.date | dt.datetime) -> str:
    """ISO 8601: 2017-04-25, or 2017-04-25T09:00:00+02:00 with Stockholm's offset on that day."""
    return value.isoformat()


def _at(date: dt.date, hhmm: str) -> dt.datetime:
    hours, minutes = hhmm.split(":")
    return dt.datetime.combine(date, dt.time(int(hours), int(minutes)), tzinfo=TZ)
