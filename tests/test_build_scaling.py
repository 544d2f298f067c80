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


# --- the garbage collector ----------------------------------------------------------------

@pytest.fixture
def _environment():
    """on_config sets SOURCE_DATE_EPOCH for the build it starts; later builds must not inherit it.
    The process starts with nothing frozen (the preview's tests freeze what their first load made)."""
    import os

    saved = os.environ.get("SOURCE_DATE_EPOCH")
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    yield
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    if saved is not None:
        os.environ["SOURCE_DATE_EPOCH"] = saved
    if frozen:
        gc.freeze()


def _frozen_while_building(project, monkeypatch, fail: bool = False) -> list[tuple[str, int]]:
    """Build project in this process; (event, objects frozen) as the pages were read and written."""
    from notula.plugin import plugin, run

    seen: list[tuple[str, int]] = []
    content, post_page = plugin.NotulaPlugin.on_page_content, plugin.NotulaPlugin.on_post_page

    def on_page_content(self, html, **kwargs):
        seen.append(("read", gc.get_freeze_count()))
        return content(self, html, **kwargs)

    def on_post_page(self, output, **kwargs):
        seen.append(("written", gc.get_freeze_count()))
        if fail:
            raise RuntimeError("a hook fails")
        return post_page(self, output, **kwargs)

    monkeypatch.setattr(plugin.NotulaPlugin, "on_page_content", on_page_content)
    monkeypatch.setattr(plugin.NotulaPlugin, "on_post_page", on_post_page)
    run.build_site(project / "mkdocs.yml", project / "site", "members", dt.date(2026, 11, 23))
    return seen


def test_a_full_build_keeps_what_it_holds_out_of_the_collectors_passes_and_gives_it_back(tmp_path, monkeypatch, _environment):
    """What a build plans, then every page MkDocs has read, lives until the build ends: frozen
    (gc.freeze), full collections do not rescan it while the heap grows with the archive. After
    the build, or a failed one, nothing is left frozen (a process may build again: the tests,
    the preview)."""
    from support.builds import copy_project

    project = copy_project(tmp_path / "project")
    before = gc.get_freeze_count()
    seen = _frozen_while_building(project, monkeypatch)
    read = [count for event, count in seen if event == "read"]
    written = [count for event, count in seen if event == "written"]
    assert read and written and min(read) > before and min(written) > max(read)
    assert gc.get_freeze_count() == before

    with pytest.raises(RuntimeError):
        _frozen_while_building(project, monkeypatch, fail=True)
    assert gc.get_freeze_count() == before


def test_a_build_leaves_alone_what_the_process_had_frozen(tmp_path, monkeypatch, _environment):
    """gc.unfreeze gives back every frozen object: a build in a process that froze some before
    it (as the preview does) neither freezes nor thaws."""
    from support.builds import copy_project

    project = copy_project(tmp_path / "project")
    gc.freeze()  # the modules and functions loaded so far, as the preview freezes its first load
    before = gc.get_freeze_count()
    try:
        seen = _frozen_while_building(project, monkeypatch)
        assert {count for _event, count in seen} <= set(range(before + 1)) and gc.get_freeze_count() <= before
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_the_preview_does_not_freeze_on_every_save():
    """The preview builds again on every save: what one save froze would never be collected
    (plugin.preview freezes what its first load made, once)."""
    from notula.plugin.plugin import NotulaPlugin

    before = gc.get_freeze_count()
    plugin = NotulaPlugin()
    plugin.on_startup(command="serve", dirty=False)
    plugin._freeze()
    assert gc.get_freeze_count() == before and not plugin.frozen


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
