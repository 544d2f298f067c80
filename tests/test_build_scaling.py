"""A build whose cost per meeting stays flat as the archive grows (issue 23): no step that
rescans the whole archive for each meeting, and nothing held longer than it is needed."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Sequence
from types import SimpleNamespace

import pytest

from notula.model.gatherings import in_force


class _Counted(Sequence):
    """A group's schedules that count how many of them are looked at."""

    def __init__(self, items: list) -> None:
        self.items, self.read = items, 0

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index):
        self.read += 1
        return self.items[index]


def _schedules(count: int) -> list:
    start = dt.date(2004, 1, 13)
    return [SimpleNamespace(doc=SimpleNamespace(date=start + dt.timedelta(days=30 * i))) for i in range(count)]


@pytest.mark.parametrize("day", [dt.date(2003, 1, 1), dt.date(2004, 1, 13), dt.date(2004, 1, 14), dt.date(2030, 6, 1),
                                 dt.date(2200, 1, 1)])
def test_the_schedule_in_force_is_found_without_reading_every_schedule(day):
    """gatherings() asks for the schedule in force once per planned day of every minutes: reading
    all of a group's schedules each time made the calendars and indexes grow with the square of
    the archive. The answer is still the latest schedule made before the day."""
    schedules = _schedules(4000)
    counted = _Counted(schedules)
    expected = ([s for s in schedules if s.doc.date < day] or [None])[-1]
    assert in_force(counted, day) is expected
    assert counted.read <= 2 * (len(schedules).bit_length() + 1)
