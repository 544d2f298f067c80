#!/usr/bin/env python3
"""Benchmark: what the index and register pages cost on a large corpus.

Writes a synthetic project (notula.synthetic, N minutes files) and builds it with
MkDocs twice: with the index pages, and with NOTULA_INDEXES=0, which leaves out
only the pages made from the indexes (validation and the minutes, group and year
pages are the same). Prints both build times and the overhead in per cent.

    .venv/bin/python scripts/bench_indexes.py [--n 2000] [--seed 1] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-01-15"


def make_project(target: Path, n: int, seed: int) -> None:
    from notula.synthetic import copy_site, write_corpus

    copy_site(REPO, target)
    write_corpus(target, n, seed)


def build(root: Path, with_indexes: bool) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one strict MkDocs build of root, in a fresh
    process (hooks load once per process). CPU time is steadier when other work shares the machine."""
    env = dict(os.environ, NOTULA_AUDIENCE="members", NOTULA_TODAY=TODAY, NO_MKDOCS_2_WARNING="1",
               NOTULA_INDEXES="1" if with_indexes else "0")
    out = root / ("site-with" if with_indexes else "site-without")
    shutil.rmtree(out, ignore_errors=True)
    before = os.times()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"),
                    "-d", str(out)], env=env, cwd=root, check=True)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return time.perf_counter() - started, cpu


def breakdown(root: Path) -> dict[str, float]:
    """In-process seconds of the steps Notula adds: the indexes and rendering their pages."""
    import datetime as dt

    from notula import registers
    from notula.audience import Audience
    from notula.indexes import build_indexes
    from notula.validate import load_corpus
    from notula.view import build_view

    times = {}
    started = time.perf_counter()
    view = build_view(load_corpus(root), Audience("members", dt.date.fromisoformat(TODAY)))
    times["validate and view"] = time.perf_counter() - started
    started = time.perf_counter()
    idx = build_indexes(view)
    times["build indexes"] = time.perf_counter() - started
    started = time.perf_counter()
    pages = registers.index_pages(view, idx)
    times["render index pages"] = time.perf_counter() - started
    times["index pages (count)"] = len(pages)
    times["index pages (MB of Markdown)"] = sum(len(p.content) for p in pages) / 1e6
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="minutes files (default 2000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="builds of each kind; the fastest counts")
    parser.add_argument("--keep", type=Path, help="write the project here and keep it")
    args = parser.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="notula-bench-"))
    try:
        started = time.perf_counter()
        make_project(root, args.n, args.seed)
        print(f"project: {root} ({args.n} documents, written in {time.perf_counter() - started:.1f} s)")
        for step, value in breakdown(root).items():
            print(f"  {step:32} {value:.2f}")
        runs: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
        for _ in range(args.repeat):  # interleaved, so that a busy machine hurts both alike
            for with_indexes in (False, True):
                wall, cpu = build(root, with_indexes)
                runs[with_indexes].append((wall, cpu))
                print(f"  build {'with   ' if with_indexes else 'without'} index pages: "
                      f"{wall:6.1f} s wall, {cpu:6.1f} s CPU", flush=True)
        for i, measure in enumerate(("wall", "CPU")):
            without = min(run[i] for run in runs[False])
            with_ = min(run[i] for run in runs[True])
            print(f"{measure:>4}: without index pages {without:6.1f} s, with {with_:6.1f} s "
                  f"(fastest of {args.repeat}): overhead {100 * (with_ - without) / without:+.1f} %")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
