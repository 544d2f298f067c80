"""A build never succeeds with a broken search index, and never waits long for a Pagefind that
has failed: each way Pagefind can end or fail (exit, crash, stall, half-made files) fails the
build within seconds, with a message that says what happened (issue 22).

Each fault is a stand-in for Pagefind given to the build through PAGEFIND_BINARY_PATH; most put
the real Pagefind behind them and break one thing."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from notula.publishing import index_check, search
from support.builds import BuildFailed, build_site

# A stand-in for Pagefind's command line: runs the real one (real(), which returns its exit code)
# around the fault, with the output folder it was given as OUT.
STAND_IN = """#!{python}
import gzip, os, pathlib, signal, subprocess, sys, time
OUT = pathlib.Path(sys.argv[sys.argv.index("--output-path") + 1])
def real():
    return subprocess.call([{real!r}, *sys.argv[1:]])
{fault}
"""


def stand_in(tmp_path: Path, fault: str) -> Path:
    program = tmp_path / "pagefind"
    program.write_text(STAND_IN.format(python=sys.executable, real=str(search.executable()), fault=fault.strip()),
                       encoding="utf-8")
    program.chmod(0o755)
    return program


# What each stand-in breaks, and what the build must then say.
FAULTS = {
    "exits early": (
        'print("pagefind: out of memory", file=sys.stderr); sys.exit(3)',
        r"Pagefind could not index the site in .* \(exit code 3\):\s+pagefind: out of memory"),
    "dies while writing the index": (
        'p = subprocess.Popen([%(real)r, *sys.argv[1:]])\n'
        'while not (OUT / "fragment").is_dir(): time.sleep(0.01)\n'
        'p.kill(); os.kill(os.getpid(), signal.SIGKILL)',
        r"Pagefind could not index the site in .* \(exit code -9\)"),
    "stops answering": (
        "time.sleep(3600)",
        r"Pagefind stopped answering: it has done no work for 10 seconds"),
    "writes an empty entry file and exits 0": (
        'code = real(); (OUT / "pagefind-entry.json").write_bytes(b""); sys.exit(code)',
        r"the search index Pagefind wrote is broken: .*pagefind-entry.json is empty"),
    "writes half a fragment and exits 0": (
        'code = real(); f = sorted((OUT / "fragment").iterdir())[3]; f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])\n'
        'sys.exit(code)',
        r"the search index Pagefind wrote is broken: .*\.pf_fragment is not whole"),
    "leaves out an index chunk and exits 0": (
        'code = real(); next((OUT / "index").iterdir()).unlink(); sys.exit(code)',
        r"the search index Pagefind wrote is broken: .*\.pf_index is missing"),
    "leaves out a page and says so": (
        'os.rename(OUT.parent / "om/index.html", OUT.parent / "om.tmp")\n'
        'code = real(); os.rename(OUT.parent / "om.tmp", OUT.parent / "om/index.html"); sys.exit(code)',
        r"Pagefind indexed \d+ pages of the \d+ the site marks for search"),
    "says nothing of what it indexed": (
        'subprocess.call([%(real)r, *sys.argv[1:]], stdout=subprocess.DEVNULL)',
        r"Pagefind did not say how many pages it indexed"),
}


@pytest.mark.build
@pytest.mark.parametrize("fault", FAULTS)
def test_a_broken_pagefind_fails_the_build_within_seconds(fault, project, tmp_path, monkeypatch):
    behaviour, message = FAULTS[fault]
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path, behaviour % {"real": str(search.executable())})))
    started = time.monotonic()
    with pytest.raises(BuildFailed, match=r"(?s)Notula could not build the search index: " + message) as failed:
        build_site(project, "members", today="2026-11-23")
    assert "Traceback" not in str(failed.value)
    assert time.monotonic() - started < 60  # never the ten minutes of a timeout


def test_the_stand_in_without_a_fault_builds_a_working_index(project, tmp_path, monkeypatch):
    """The stand-in itself breaks nothing: the faults above are the faults."""
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path, "sys.exit(real())")))
    site = build_site(project, "members", today="2026-11-23")
    index_check.check(site / "pagefind", pages=_pages_indexed(site))


def _pages_indexed(site: Path) -> int:
    return sum(1 for page in site.rglob("*.html") if "data-pagefind-body" in page.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def indexed_site(tmp_path_factory, demo_site) -> Path:
    """A built demo site whose index the tests below may break (a copy of the shared build)."""
    site = tmp_path_factory.mktemp("indexed") / "site"
    shutil.copytree(demo_site, site)
    return site


def test_the_index_of_a_finished_site_is_checked_and_passes_whole(indexed_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(indexed_site, site, ignore=shutil.ignore_patterns("pagefind"))
    result = search.index_site(site)
    assert f"Indexed {_pages_indexed(site)} pages" in result.summary


@pytest.mark.parametrize("damage, message", [
    (lambda f: (f / "pagefind-entry.json").write_text('{"version":"1.5.2","languages":{}}'), "names no language"),
    (lambda f: (f / "pagefind-entry.json").write_text("{"), "does not parse as JSON"),
    (lambda f: next(f.glob("*.pf_meta")).write_bytes(b"\x1f\x8b\x08\x00garbage"), r"pf_meta is not whole"),
    (lambda f: next(f.glob("wasm.sv.pagefind")).unlink(), r"wasm.sv.pagefind is missing"),
    (lambda f: (f / "pagefind-component-ui.js").write_bytes(b""), r"pagefind-component-ui.js is empty"),
    (lambda f: next((f / "filter").iterdir()).write_bytes(b"\x1f\x8b" + b"\x00" * 30), r"pf_filter is not whole"),
])
def test_each_part_of_the_index_is_checked(indexed_site, tmp_path, damage, message):
    folder = tmp_path / "pagefind"
    shutil.copytree(indexed_site / "pagefind", folder)
    pages = _pages_indexed(indexed_site)
    index_check.check(folder, pages)  # whole
    damage(folder)
    with pytest.raises(index_check.BrokenIndex, match=message):
        index_check.check(folder, pages)
