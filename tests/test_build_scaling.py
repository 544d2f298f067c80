"""A build whose cost per meeting stays flat as the archive grows (issue 23): no step that
rescans the whole archive for each meeting, and nothing held longer than it is needed."""

from __future__ import annotations

import datetime as dt
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


# --- what the worker holds ----------------------------------------------------------------

def test_the_worker_hands_each_page_over_without_keeping_it(tmp_path):
    """The worker (plugin.ahead) makes every generated page once and hands it to the build: kept
    in the worker too, every page of the site would be held twice by the end of a build. What it
    hands over is what the page makes in place."""
    from notula.plugin import plugin, site
    from notula.publishing.published import Site
    from notula.showing.audience import Audience
    from support.builds import REPO

    published = Site("https://example.org/", "Demo")
    build = site.prepare(REPO, {}, Audience("members", today=dt.date(2026, 11, 23)))
    in_place = site.prepare(REPO, {}, Audience("members", today=dt.date(2026, 11, 23)))
    for page, same in zip(build.pages, in_place.pages, strict=True):
        file = SimpleNamespace(abs_dest_path=str(tmp_path / page.url / "index.html"))
        (source, meta), _head = plugin._page_ahead(page, file, build.view, published)
        assert not page.made, page.url
        assert (source, meta) == (same.source, same.meta), page.url
