"""The pages written on both cores (plugin/writing.py): a worker writes pages from the last one
backwards while MkDocs writes them from the first; every page is written once and whole, by
one or the other, whatever the worker does (fails, logs, dies half-way through a file, stalls),
and a build comes out byte for byte as one written on one core."""

from __future__ import annotations

import filecmp
import gc
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import mkdocs.commands.build
import pytest

from notula import memory
from notula.plugin import mkdocs_private, writing
from notula.plugin.writing import SharedWriting, handlers_allow
from support.builds import ENGINE, REPO, copy_project

PARENT = os.getpid()


@pytest.fixture
def small_sites_too(monkeypatch):
    monkeypatch.setattr(writing, "WORKER_FROM", 1)
    yield
    gc.unfreeze()  # SharedWriting.start froze this process's objects for the fork (a build hands them back at its end)


def _writer(folder: Path, worker_does=None):
    """write(page): the page's file, with who wrote it; worker_does(page) runs first in the worker."""
    def write(page: int) -> None:
        if os.getpid() != PARENT and worker_does is not None:
            worker_does(page, folder)
        (folder / f"{page}.html").write_text(f"page {page} by {os.getpid()}\n" * 100)
    return write


def _mkdocs_loop(shared: SharedWriting, pages: list[int], write, pause: float = 0.0) -> None:
    """What MkDocs does with mkdocs_private.pages_skipped in place: each page in order, unless the worker takes it."""
    for page in pages:
        if not shared.takes(page):
            write(page)
        time.sleep(pause)


def _written(folder: Path, pages: list[int]) -> dict[int, str]:
    """Each page's writer ("build" or "worker"), checking that each file is whole."""
    found = {}
    for page in pages:
        lines = (folder / f"{page}.html").read_text().splitlines()
        assert len(lines) == 100 and len(set(lines)) == 1, f"page {page} is not whole"
        found[page] = "build" if lines[0].endswith(f"by {PARENT}") else "worker"
    return found


def test_each_page_is_written_once_by_the_build_or_the_worker(small_sites_too, tmp_path) -> None:
    pages = list(range(200))
    write = _writer(tmp_path, lambda page, folder: time.sleep(0.002))
    shared = SharedWriting.start(pages, write)
    assert shared is not None
    _mkdocs_loop(shared, pages, write, pause=0.002)
    written_by_worker = shared.finish()
    who = _written(tmp_path, pages)
    assert written_by_worker == [page for page in pages if who[page] == "worker"] != []
    assert "build" in who.values()
    # The build from the first page on, the worker from the last one back: they meet once.
    order = [who[page] for page in pages]
    assert order == sorted(order)


def test_a_page_the_worker_fails_to_write_is_written_by_the_build(small_sites_too, tmp_path) -> None:
    def fails(page, folder):
        if page == 190:
            raise ValueError("written in the build, where this shows")

    pages = list(range(200))
    write = _writer(tmp_path, fails)
    shared = SharedWriting.start(pages, write)
    assert shared is not None
    time.sleep(1)  # the worker is past page 190
    _mkdocs_loop(shared, pages, write)
    shared.finish()
    who = _written(tmp_path, pages)
    assert who[190] == "build" and who[199] == "worker"


def test_a_page_whose_writing_logs_is_written_again_where_the_message_shows_once(small_sites_too, tmp_path) -> None:
    """A warning while the worker writes a page is not shown there (nor counted for strict):
    the build writes the page again, and the warning shows and counts there, once."""
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(record.getMessage())

    logger = logging.getLogger("mkdocs.test_shared_writing")
    keep = Keep(logging.INFO)
    logger.addHandler(keep)
    try:
        def warns(page, folder):
            if page in (195, 0):
                logger.warning("page %s has a problem", page)

        pages = list(range(200))
        write = _writer(tmp_path, warns)

        def write_and_warn(page):
            if page == 195:
                logger.warning("page %s has a problem", page)
            write(page)

        shared = SharedWriting.start(pages, write_and_warn)
        assert shared is not None
        time.sleep(1)
        _mkdocs_loop(shared, pages, write_and_warn)
        shared.finish()
    finally:
        logger.removeHandler(keep)
    who = _written(tmp_path, pages)
    assert who[195] == "build" and who[196] == "worker"
    assert seen == ["page 195 has a problem"]


def test_a_worker_that_dies_half_way_through_a_file_leaves_its_pages_to_the_build(small_sites_too, tmp_path) -> None:
    def dies(page, folder):
        if page == 180:
            (folder / f"{page}.html").write_text("half")
            os._exit(3)

    pages = list(range(200))
    write = _writer(tmp_path, dies)
    shared = SharedWriting.start(pages, write)
    assert shared is not None
    time.sleep(1)  # the worker has died
    _mkdocs_loop(shared, pages, write)
    started = time.monotonic()
    shared.finish()
    assert time.monotonic() - started < 5
    who = _written(tmp_path, pages)  # whole, every one
    assert who[180] == "build" and who[181] == "worker"


def test_a_worker_that_stalls_is_stopped_and_its_pages_written_by_the_build(small_sites_too, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(writing, "STALLED_SECONDS", 1)

    def stalls(page, folder):
        if page == 197:
            time.sleep(60)

    pages = list(range(200))
    write = _writer(tmp_path, stalls)
    shared = SharedWriting.start(pages, write)
    assert shared is not None
    process = shared._process
    _mkdocs_loop(shared, pages, write)
    started = time.monotonic()
    shared.finish()
    assert time.monotonic() - started < 10 and not process.is_alive()
    assert _written(tmp_path, pages)[197] == "build"


def test_a_build_that_stops_half_way_stops_the_worker(small_sites_too, tmp_path) -> None:
    pages = list(range(200))
    shared = SharedWriting.start(pages, _writer(tmp_path, lambda page, folder: time.sleep(30)))
    assert shared is not None
    process = shared._process
    started = time.monotonic()
    shared.close()
    assert not process.is_alive() and time.monotonic() - started < 10


def test_only_handlers_that_keep_nothing_may_run_in_the_worker() -> None:
    class Plugin:
        def on_post_page(self, output, **kwargs):
            return output

    own, other = Plugin(), Plugin()
    declared: dict = {}
    exec("NOTULA_SAME_IN_ANY_PROCESS = True\ndef on_post_page(output, **kwargs):\n    return output", declared)
    undeclared: dict = {}
    exec("def on_post_page(output, **kwargs):\n    return output", undeclared)
    assert handlers_allow([own.on_post_page, declared["on_post_page"]], own)
    assert not handlers_allow([own.on_post_page, other.on_post_page], own)
    assert not handlers_allow([undeclared["on_post_page"]], own)


# ------------------------------------------------------------------ whole builds

BUILD_AND_COUNT = """
import sys
if sys.argv[4] == "properdocs":
    import properdocs.replacement
import mkdocs.commands.build as engine
from mkdocs.__main__ import cli
from notula.plugin import plugin, writing
writing.WORKER_FROM = int(sys.argv[3])
built = engine._build_page
finish = plugin.NotulaPlugin._finish_writing
def counted(self, **kwargs):
    try:
        finish(self, **kwargs)
    finally:
        print("written by the worker:", self.written_by_worker)
plugin.NotulaPlugin._finish_writing = counted
plugin.NotulaPlugin.on_post_build = plugin.CombinedEvent(counted, plugin.NotulaPlugin._index_and_audit)
try:
    cli.main(["build", "-f", sys.argv[1] + "/mkdocs.yml", "-d", sys.argv[2]], standalone_mode=False)
finally:
    print("engine restored:", engine._build_page is built)
"""


def _build(root: Path, out: Path, worker_from: int = 1, audience: str = "members") -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NOTULA_AUDIENCE=audience, NOTULA_TODAY="2026-11-23")
    return subprocess.run([sys.executable, "-c", BUILD_AND_COUNT, str(root), str(out), str(worker_from), ENGINE],
                          capture_output=True, text=True, env=env, timeout=600)


def _same_files(one: Path, other: Path) -> list[str]:
    """The files (outside the search index, whose file names depend on the order Pagefind found
    the pages in) that differ between two sites or are in one only."""
    different = []
    for path in sorted(p for p in one.rglob("*") if p.is_file() and "pagefind" not in p.parts):
        twin = other / path.relative_to(one)
        if not twin.is_file() or not filecmp.cmp(path, twin, shallow=False):
            different.append(str(path.relative_to(one)))
    different += [str(p.relative_to(other)) for p in other.rglob("*")
                  if p.is_file() and "pagefind" not in p.parts and not (one / p.relative_to(other)).exists()]
    return different


@pytest.mark.parametrize("audience", ["members", "public"])
def test_a_site_written_on_both_cores_is_the_site_written_on_one(audience, tmp_path) -> None:
    both = _build(REPO, tmp_path / "both", audience=audience)
    one = _build(REPO, tmp_path / "one", worker_from=10**9, audience=audience)
    assert both.returncode == 0 and one.returncode == 0, both.stderr + one.stderr
    assert "written by the worker: 0" in one.stdout
    assert "written by the worker: 0" not in both.stdout and "engine restored: True" in both.stdout
    assert _same_files(tmp_path / "one", tmp_path / "both") == []
    said = [[re.sub(r"\d+\.\d+ s", "N s", line.replace(str(tmp_path / name), "SITE")) for line in done.stderr.splitlines()]
            for done, name in ((both, "both"), (one, "one"))]  # times apart
    assert said[0] == said[1]  # what the build says, said once


def test_a_hook_that_may_keep_something_has_the_pages_written_on_one_core(tmp_path) -> None:
    root = copy_project(tmp_path / "project")
    hook = root / "hooks" / "delning.py"
    hook.write_text(hook.read_text(encoding="utf-8").replace("NOTULA_SAME_IN_ANY_PROCESS = True", ""), encoding="utf-8")
    done = _build(root, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    assert "written by the worker: 0" in done.stdout


def test_a_warning_while_the_worker_writes_a_page_still_fails_a_strict_build(tmp_path) -> None:
    """The worker's messages are not lost: a page it writes with a warning is written again in
    the build, where the warning counts, and `strict` fails the build."""
    root = copy_project(tmp_path / "project")
    (root / "hooks" / "varning.py").write_text(
        "import logging\n"
        "NOTULA_SAME_IN_ANY_PROCESS = True\n"
        "log = logging.getLogger('mkdocs.hooks.varning')\n"
        "def on_post_page(output, *, page, config):\n"
        "    if page.file.src_uri == config.plugins['notula'].files.documentation_pages()[-1].src_uri:\n"
        "        log.warning('en varning om %s', page.file.src_uri)\n"
        "    return output\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("strict: false", "strict: true")
    config.write_text(text.replace("  - hooks/delning.py\n", "  - hooks/delning.py\n  - hooks/varning.py\n"), encoding="utf-8")
    done = _build(root, tmp_path / "site")
    assert done.returncode != 0
    assert done.stderr.count("en varning om") == 1, done.stderr
    assert "engine restored: True" in done.stdout


def test_the_engine_is_restored_after_a_build(tmp_path) -> None:
    assert mkdocs.commands.build._build_page is mkdocs_private.build_page
    restore = mkdocs_private.pages_skipped(lambda page: True)
    assert mkdocs.commands.build._build_page is not mkdocs_private.build_page
    restore()
    assert mkdocs.commands.build._build_page is mkdocs_private.build_page


def test_the_worker_is_forked_only_where_the_memory_it_comes_to_hold_fits() -> None:
    gb = 2**30
    assert writing.memory_allows(gb, 8 * gb)  # 10,000 meetings: about 1 GB before the fork
    assert not writing.memory_allows(int(1.7 * gb), 8 * gb)  # 20,000: 1.7 GB, 2.8 GB with the worker
    assert not writing.memory_allows(gb, gb // 2)  # the machine has not got it
    assert not writing.memory_allows(None, 8 * gb) and not writing.memory_allows(gb, None)


def test_a_build_too_large_for_the_ceiling_writes_on_one_core(small_sites_too, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(memory, "resident", lambda: memory.MEMORY_CEILING)
    assert SharedWriting.start(list(range(200)), _writer(tmp_path)) is None
    monkeypatch.undo()
    assert memory.resident() and memory.available()  # read on this machine (Linux)
