"""What makes a large build fast must not change what it makes: the worker that makes the
generated files ahead (plugin/ahead.py) and the navigation rendered once per key for the pages
outside it (plugin/navcache.py)."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import time
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils import get_relative_url

from notula.plugin import ahead as ahead_module
from notula.plugin import plugin, site
from notula.plugin.ahead import Ahead, Job
from notula.plugin.navcache import NavCache
from notula.publishing import outputs
from notula.publishing.published import Site
from notula.showing.audience import Audience
from support.builds import REPO

SITE = Site("https://example.org/", "Demo")


@pytest.fixture
def small_jobs_too(monkeypatch):
    monkeypatch.setattr(ahead_module, "WORKER_FROM", 1)


def _jobs(makers, settled):
    return [Job(make, lambda value, i=i: settled.append((i, value))) for i, make in enumerate(makers)]


def test_the_worker_makes_the_jobs_in_another_process_and_they_settle_in_order(small_jobs_too) -> None:
    settled: list = []
    jobs = _jobs([lambda i=i: (i, os.getpid()) for i in range(50)], settled)
    ahead = Ahead.start(jobs)
    assert ahead is not None
    ahead._process.join(30)  # the worker is done: the build takes its results (else it makes them itself)
    ahead.wait(9)
    assert [i for i, _ in settled] == list(range(10))
    ahead.wait(49)
    assert [value[0] for _, value in settled] == list(range(50))
    assert {value[1] for _, value in settled} != {os.getpid()}  # made elsewhere
    assert ahead._process is None  # done: the worker is gone


def test_what_the_worker_cannot_make_is_left_to_be_made_in_place(small_jobs_too) -> None:
    def fails():
        raise ValueError("made in place, this shows")

    settled: list = []
    jobs = _jobs([lambda: 1, fails, lambda: (lambda: "not picklable"), lambda: 4], settled)
    ahead = Ahead.start(jobs)
    assert ahead is not None
    ahead._process.join(30)
    ahead.wait(3)
    assert settled == [(0, 1), (3, 4)]


def test_a_worker_that_dies_leaves_the_rest_to_be_made_in_place(small_jobs_too) -> None:
    settled: list = []
    jobs = _jobs([lambda: 1, lambda: 2, lambda: os._exit(3), lambda: 4], settled)
    ahead = Ahead.start(jobs)
    assert ahead is not None
    ahead._process.join(30)
    started = time.monotonic()
    ahead.wait(3)
    assert settled == [(0, 1), (1, 2)]
    assert time.monotonic() - started < 10


def test_without_waiting_a_job_not_made_yet_is_left_to_its_owner(small_jobs_too) -> None:
    """The build takes over a job the worker has not reached (it makes it itself, not waiting),
    and the worker then leaves it."""
    settled: list = []
    jobs = _jobs([lambda: time.sleep(3) or 1, lambda: 2, lambda: 3], settled)
    ahead = Ahead.start(jobs)
    assert ahead is not None
    started = time.monotonic()
    ahead.wait(1)  # the worker is still at job 0
    assert settled == [] and time.monotonic() - started < 1
    ahead._process.join(30)
    ahead.wait(2)
    assert settled == [(0, 1), (2, 3)]  # job 1 was the build's to make


def test_the_build_waits_for_a_job_the_worker_is_making(small_jobs_too) -> None:
    settled: list = []
    jobs = _jobs([lambda: time.sleep(2) or os.getpid()], settled)
    ahead = Ahead.start(jobs)
    assert ahead is not None
    time.sleep(0.5)  # the worker has started the job
    ahead.wait(0)
    assert len(settled) == 1 and settled[0][1] != os.getpid()


def test_a_build_that_stops_half_way_stops_the_worker(small_jobs_too) -> None:
    settled: list = []
    jobs = _jobs([lambda: 1] + [lambda: time.sleep(30)] * 3, settled)
    ahead = Ahead.start(jobs)
    assert ahead is not None
    time.sleep(0.5)  # the worker is in job 1
    ahead.wait(0)
    process = ahead._process
    started = time.monotonic()
    ahead.close()
    assert not process.is_alive() and time.monotonic() - started < 10
    assert settled == [(0, 1)]


@pytest.mark.parametrize("audience", ["members", "public"])
def test_pages_and_files_made_ahead_are_those_made_in_place(small_jobs_too, audience, tmp_path) -> None:
    """The demo's generated pages, made by the worker and settled, and its other files, made and
    written by the worker (as the plugin has it do), against the same made in place."""
    def plan():
        build = site.prepare(REPO, {}, Audience(audience, today=dt.date(2026, 11, 23)))
        return build, outputs.generate(build.view, SITE)

    build, files = plan()
    written: list[str] = []
    heads: dict[str, dict] = {}
    site_dir = tmp_path / "site"
    page_files = [SimpleNamespace(abs_dest_path=str(site_dir / page.url / "index.html"))
                  for page in build.pages]
    jobs = [Job(partial(plugin._page_ahead, page, file, build.view, SITE),
                lambda made, page=page: (page.settle(made[0]), heads.setdefault(page.url, made[1])))
            for page, file in zip(build.pages, page_files)]
    jobs += [Job(partial(plugin._write, str(tmp_path / file.url), file), lambda _, url=file.url: written.append(url))
             for file in files]
    ahead = Ahead.start(jobs)
    assert ahead is not None
    ahead._process.join(60)
    ahead.wait(len(jobs) - 1)
    assert all(page.made for page in build.pages)  # settled, not made here
    assert written == [file.url for file in files] and all(callable(file._content) for file in files)

    in_place, in_place_files = plan()
    assert [(p.url, p.source, p.meta) for p in build.pages] == [(p.url, p.source, p.meta) for p in in_place.pages]
    assert heads == {p.url: outputs.page_meta(in_place.view, SITE, p.url) for p in in_place.pages}
    assert any("jsonld" in head for head in heads.values())
    assert all(Path(file.abs_dest_path).parent.is_dir() for file in page_files)  # folders made for MkDocs
    for file in in_place_files:
        assert (tmp_path / file.url).read_bytes() == file.content.encode("utf-8"), file.url


# --- the navigation ------------------------------------------------------------------------

class _Page:
    def __init__(self, url: str) -> None:
        self.url = url
        self.children = None


class _Nav:
    def __init__(self, pages: list[_Page]) -> None:
        self.items = self.pages = pages


_segment = st.sampled_from(["sgi", "2017", "2017-04-25", "amnen", "halsa", "om", "beslut", "x"])
_url = st.lists(_segment, max_size=3).map(lambda parts: "".join(p + "/" for p in parts))


@settings(max_examples=300, deadline=None)
@given(st.lists(_url, min_size=1, max_size=8, unique=True), st.lists(_url, min_size=2, max_size=8))
def test_pages_with_the_same_key_link_to_the_navigation_alike(nav_urls, page_urls) -> None:
    """The navigation's links are relative: two pages outside it with the same key must have the
    same relative address for every address in it (else the cache would give a page wrong links)."""
    nav = _Nav([_Page(url) for url in nav_urls])
    cache = NavCache()
    cache.reset(nav)  # type: ignore[arg-type]
    by_key: dict = {}
    for url in page_urls:
        if url in nav_urls:
            continue
        links = tuple(get_relative_url(target or ".", url or ".") for target in nav_urls)
        assert by_key.setdefault(cache.key(_Page(url)), links) == links, (url, nav_urls)
    assert all(cache.key(page) is None for page in nav.pages)  # a page in the navigation has its own


_html_text = st.text(alphabet=st.sampled_from(list("<li>a/ \t\n\r\f\u00a0\u2003x")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(_html_text)
def test_the_kept_navigation_reads_as_rendered(html) -> None:
    """The navigation kept for the pages outside it has its blank lines and indentation taken
    out: a browser collapses each run of white space alike, and no other character changes
    (a no-break or em space counts: it is not HTML's white space)."""
    kept = str(NavCache().put((0, ()), html))
    assert "\n\n" not in kept and "\n " not in kept and " \n" not in kept
    words = re.compile(r"[ \t\n\r\f]+")
    assert words.split(kept.strip(" \t\n\r\f")) == words.split(html.strip(" \t\n\r\f"))


def test_a_meeting_page_has_no_blank_lines_in_its_navigation(demo_site) -> None:
    page = next(demo_site.glob("*/20??-??-??/index.html")).read_text(encoding="utf-8")
    start = page.index('<nav class="md-nav md-nav--primary"')
    navigation = page[start:page.rindex("</nav>", start, page.index("md-sidebar--secondary"))]
    assert "data-md-level" in navigation and "\n\n" not in navigation and "\n  " not in navigation


# --- the islands' placeholders -------------------------------------------------------------

def test_island_placeholders_are_put_back_and_text_like_them_is_left_alone() -> None:
    """Islands skip Markdown behind a placeholder paragraph; a text that looks like one (a
    secretary cannot know the real ones) stays as written."""
    from notula.rendering.render import Islands, fill_islands

    islands = Islands(searchable=True)
    placeholder = islands("<table><tr><td>Närvaro</td></tr></table>")
    html = f"<p>{placeholder}</p>\n<p>Ett ord: notula-text-0-end, och {placeholder} i text.</p>"
    filled = fill_islands(html, tuple(islands.parts), searchable=True)
    assert filled == ("<table><tr><td>Närvaro</td></tr></table>\n<p>Ett ord: notula-text-0-end, och "
                      "<table><tr><td>Närvaro</td></tr></table> i text.</p>")
    assert fill_islands(html, tuple(islands.parts)) == html  # the other kind is not touched


def test_a_worker_that_stalls_is_stopped_and_the_rest_made_in_place(small_jobs_too, monkeypatch) -> None:
    """A worker that does no work (a lock it inherited and never gets, say) while the build waits
    for it is stopped after STALLED_SECONDS; the build makes that job and the rest itself."""
    monkeypatch.setattr(ahead_module, "STALLED_SECONDS", 1)
    settled: list = []
    jobs = _jobs([lambda: 1, lambda: time.sleep(3600), lambda: 3], settled)
    ahead = Ahead.start(jobs)
    assert ahead is not None
    time.sleep(0.5)  # the worker is in job 1
    process = ahead._process
    started = time.monotonic()
    ahead.wait(1)  # the job the worker is making: the build waits, until it sees the worker do nothing
    assert time.monotonic() - started < 5
    assert settled == [(0, 1)] and not process.is_alive() and ahead._process is None  # 1 and 2 are the build's


def test_a_worker_that_dies_half_way_through_writing_a_result_leaves_it_to_the_build(small_jobs_too, monkeypatch) -> None:
    def write_half(self) -> None:  # the worker: claims job 0, writes half its result, and dies
        self._claim(0, ahead_module._WORKER)
        record = pickle.dumps((0, True, "made"), pickle.HIGHEST_PROTOCOL)
        with self._path.open("ab") as results:
            results.write(ahead_module._LENGTH.pack(len(record)) + record[: len(record) // 2])
        os._exit(1)

    monkeypatch.setattr(Ahead, "_work", write_half)
    settled: list = []
    ahead = Ahead.start(_jobs([lambda: "made", lambda: 2], settled))
    assert ahead is not None
    ahead._process.join(30)
    started = time.monotonic()
    ahead.wait(1)
    assert settled == [] and ahead._process is None and time.monotonic() - started < 5
