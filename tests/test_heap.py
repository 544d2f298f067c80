"""A full build keeps what it planned out of the garbage collector's way, and hands it back when it
ends, whether it succeeds or fails (heap.py); an exiting process leaves its garbage to the
exit."""

from __future__ import annotations

import datetime as dt
import gc
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mkdocs.exceptions import MkDocsException

from notula import heap
from notula.plugin.run import build_site

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def no_frozen_objects():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_what_is_made_inside_is_frozen_once_made_with_no_collection_meanwhile(no_frozen_objects) -> None:
    with heap.kept_to_the_end():
        assert not gc.isenabled()
        made = [[index] for index in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(made)
    heap.build_over()
    assert gc.get_freeze_count() == 0


def test_what_fails_to_be_made_is_not_frozen_and_the_collector_runs_again(no_frozen_objects) -> None:
    with pytest.raises(ValueError), heap.kept_to_the_end():
        raise ValueError("the minutes have problems")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_collector_switched_off_before_stays_off(no_frozen_objects) -> None:
    gc.disable()
    try:
        with heap.kept_to_the_end():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def _build_recording_freezes(project: Path, out: Path, monkeypatch) -> list[int]:
    """Build project in this process; what was frozen each time the build let go."""
    frozen: list[int] = []
    let_go = heap.build_over
    monkeypatch.setattr(heap, "build_over", lambda: (frozen.append(gc.get_freeze_count()), let_go()))
    build_site(project / "mkdocs.yml", out, "members", TODAY)
    return frozen


def test_a_build_keeps_its_plan_frozen_while_it_runs_and_lets_go_at_its_end(project, tmp_path, monkeypatch,
                                                                             no_frozen_objects) -> None:
    frozen = _build_recording_freezes(project, tmp_path / "site", monkeypatch)
    assert len(frozen) == 1 and frozen[0] > 10_000  # the demo's validated minutes and planned pages
    assert gc.get_freeze_count() == 0  # a process running build after build frees each
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()


def test_a_build_that_fails_after_planning_lets_go_too(project, tmp_path, monkeypatch, no_frozen_objects) -> None:
    (project / "hooks" / "fails.py").write_text(
        "def on_post_page(output, page, config):\n    raise RuntimeError('a hook of the site fails')\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - hooks/fails.py\n", 1),
                      encoding="utf-8")
    with pytest.raises((MkDocsException, RuntimeError)):
        _build_recording_freezes(project, tmp_path / "site", monkeypatch)
    assert gc.get_freeze_count() == 0


EXITING = textwrap.dedent("""
    import sys
    if sys.argv[1] == "notula":
        import notula.heap
    class Node:
        def __del__(self):
            print("collected at exit")
    node = Node()
    node.itself = node
    del node
""")


@pytest.mark.parametrize("imported, collected", [("notula", False), ("nothing", True)])
def test_an_exiting_process_leaves_its_garbage_cycles_to_the_exit(imported, collected) -> None:
    result = subprocess.run([sys.executable, "-c", EXITING, imported], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert ("collected at exit" in result.stdout) is collected


def _rss_kb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1])


@pytest.mark.skipif(heap._trim is None, reason="the C library keeps what is freed (not glibc)")
def test_what_a_build_has_let_go_goes_back_to_the_system() -> None:
    # pages' HTML, each with something that stays made after it (as a build's pages are made
    # among what it keeps): freed, the C library keeps them for reuse, as its heap can't shrink
    pages, kept = [], []
    for index in range(4_000):
        pages.append("é" * 10_000 + str(index))
        kept.append(str(index) * 600)
    del pages
    before = _rss_kb()
    heap.give_back()
    assert before - _rss_kb() > 20_000, "less than 20 of the 40 MB freed went back"
    assert len(kept) == 4_000


def test_a_page_lets_go_of_its_islands_once_they_are_put_in() -> None:
    from notula.rendering.page import Page, Source

    page = Page("grupp/2026-01-01/", {"title": "Möte"}, lambda: Source("# Möte", ("<ul>…</ul>",), ("<p>…</p>",)))
    assert page.text_islands == ("<p>…</p>",)
    page.used()
    assert (page.content, page.islands) == ("# Möte", ("<ul>…</ul>",))
    with pytest.raises(RuntimeError, match="let go"):
        page.text_islands
    page.used(finished=True)
    assert page.content == "# Möte"
    with pytest.raises(RuntimeError, match="let go"):
        page.islands
    assert page.made and page.outcome() == (Source("# Möte", None, None), {"title": "Möte"})


def test_a_finished_page_keeps_its_source_compressed() -> None:
    from notula.rendering.page import Page, Source

    text = "---\ntitle: Möte\n---\n\n" + "Beslut om åtgärder i Göteborg.\n" * 200
    page = Page("grupp/2026-01-01/", {"title": "Möte"}, lambda: Source(text, ("<ul>…</ul>",), ()))
    page.used(finished=True)
    assert page.content == text  # the file can still be read, whole
    kept = page._source
    assert isinstance(kept, bytes) and len(kept) < len(text.encode()) // 10


def test_a_full_build_lets_go_of_its_pages_html_before_search_indexes_the_site(project, tmp_path, monkeypatch,
                                                                               no_frozen_objects) -> None:
    from notula.plugin.generated import GeneratedPage
    from notula.plugin.plugin import NotulaPlugin

    seen: list = []
    let_go = NotulaPlugin._let_go_of_pages

    def read_all(self, env, **kwargs):  # MkDocs has read every page, and renders none yet
        for planned in self.build.pages:
            with pytest.raises(RuntimeError, match="let go"):
                planned.text_islands
            assert isinstance(planned.islands, tuple)
        return NotulaPlugin._share_writing(self, NotulaPlugin._extend_env(self, env, **kwargs), **kwargs)

    monkeypatch.setattr(NotulaPlugin, "on_env", read_all)
    monkeypatch.setattr(NotulaPlugin, "_let_go_of_pages", lambda self: (seen.append(self), let_go(self)))
    build_site(project / "mkdocs.yml", tmp_path / "site", "members", TODAY)
    [plugin] = seen
    generated = [f.page for f in plugin.files if isinstance(f.page, GeneratedPage)]
    assert len(generated) > 50 and all(p.content is None and p.markdown is None for p in generated)
    for planned in plugin.build.pages:
        for what in ("islands", "text_islands"):
            with pytest.raises(RuntimeError, match="let go"):
                getattr(planned, what)
    left = [p for p in (tmp_path / "site").rglob("*.html") if re.search(r"notula-(island|text)-", p.read_text(encoding="utf-8"))]
    assert not left, "islands let go before they were put in"
