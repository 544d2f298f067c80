"""Builds under CPU load, each checked for a working search index (issue 22's done criterion).

    python3 scripts/stress_search_index.py --size 2000 --builds 20 --busy 2

Starts --busy processes that only spin (beside whatever else the machine runs), then builds the
benchmark's synthetic corpus (scripts/bench.py makes it) --builds times into a fresh folder. After
each build that exits 0 it checks the index independently of the build's own check: the entry
file parses and names the language, index_check finds every file whole, the number of pages
Pagefind reports equals the pages the site marks for search, and a real query in headless
Chromium (scripts/bench_search.py) draws a result. Any failure stops the run with what it saw.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_search
from bench import notula_project
from notula.publishing import search


def _spin() -> None:
    while True:
        pass


def verify(site: Path) -> str:
    """What the index of a finished build holds; raises SystemExit if it does not work."""
    marked = sum(1 for page in site.rglob("*.html") if "data-pagefind-body" in page.read_text(encoding="utf-8"))
    try:
        pages = search.check_index(site, marked)
    except search.SearchIndexError as exc:
        raise SystemExit(f"{site}: {exc}") from None
    figures = bench_search.measure(site, runs=1)
    return f"{pages} pages, first result in {figures.seconds()} s"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--builds", type=int, default=20)
    parser.add_argument("--busy", type=int, default=2, help="processes spinning beside the builds")
    args = parser.parse_args(argv)
    project = notula_project(args.size)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NOTULA_AUDIENCE="members", NOTULA_TODAY="2026-11-23")
    spinners = [mp.Process(target=_spin, daemon=True) for _ in range(args.busy)]
    for spinner in spinners:
        spinner.start()
    try:
        for build in range(1, args.builds + 1):
            site = project / "site-stress"
            shutil.rmtree(site, ignore_errors=True)
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                                    cwd=project, env=env, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            if result.returncode != 0:
                print(f"build {build}: failed in {seconds:.0f} s (exit {result.returncode}):\n"
                      f"{(result.stdout + result.stderr)[-2000:]}", flush=True)
                continue  # a build that fails says so: only one that exits 0 must have a working index
            print(f"build {build}: {seconds:.0f} s, {verify(site)}", flush=True)
    finally:
        for spinner in spinners:
            spinner.terminate()


if __name__ == "__main__":
    main()
