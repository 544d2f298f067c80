"""What each piece of the build's cleverness buys: alternated builds with it on and off.

    python3 scripts/bench_cleverness.py --sizes 2000 5000 --rounds 3

Each round builds the benchmark's synthetic corpus (scripts/bench.py makes it) once as the
code stands and once with each piece switched off, in that order, so that every "off" build has
an "on" build of the same round beside it on the same (noisy) machine. A piece is switched off by
patching it in the build's own process (nothing in the package reads a switch):

- ahead: the forked worker making the generated pages ahead (plugin.ahead);
- navcache: Material's navigation rendered once for the pages outside it (plugin.navcache);
- islands: generated HTML kept out of Markdown behind nonce placeholders (rendering.render.Islands);
- heap: what the build plans kept out of the garbage collector's passes, and no collection as
  the process exits (notula.heap);
- writing: a forked worker writing pages beside MkDocs once every page is rendered (plugin.writing).

(A fourth piece, Pagefind's indexing service fed while the build ran, against Pagefind's command
line over the finished site, saved 1–25 %, median 7 %, and was removed in 0.3.0.)

Prints each build's seconds and, per piece, the saving of each pair and their range.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import notula_project

PATCHES = {
    "on": "",
    "ahead": "import notula.plugin.ahead as m; m.WORKER_FROM = 10**9",
    "navcache": "import notula.plugin.navcache as m; m.NavCache.key = lambda self, page: None",
    "islands": ("import notula.rendering.render as m; from markupsafe import Markup;"
                "m.Islands.__call__ = lambda self, html: Markup('\\n\\n' + m.abbr.mark(str(html), self.abbreviations) + '\\n\\n')"),
    "heap": ("import atexit, contextlib, notula.heap as m; atexit.unregister(m._exiting);"
             "m.kept_to_the_end = contextlib.nullcontext"),
    "writing": "import notula.plugin.writing as m; m.WORKER_FROM = 10**9",
}
RUN = "import sys; {patch}; from mkdocs.__main__ import cli; sys.argv = ['mkdocs', 'build', '-q', '-d', sys.argv[1]]; cli()"


def build(project: Path, piece: str, env: dict) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", RUN.format(patch=PATCHES[piece] or "pass"), str(project / f"site-{piece}")],
                            cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"bench_cleverness: the build with {piece} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 5000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pieces", nargs="+", default=[p for p in PATCHES if p != "on"])
    args = parser.parse_args(argv)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NOTULA_AUDIENCE="members", NOTULA_TODAY="2026-11-23")
    for n in args.sizes:
        project = notula_project(n)
        times: dict[str, list[float]] = {piece: [] for piece in ["on", *args.pieces]}
        for round_ in range(args.rounds):
            for piece in times:
                times[piece].append(build(project, piece, env))
                print(f"N={n} round {round_ + 1} {piece}: {times[piece][-1]:.1f} s", file=sys.stderr, flush=True)
        print(f"\n## N = {n}\n\n| piece off | on s | off s | saved by the piece |\n|---|---|---|---|")
        for piece in args.pieces:
            saved = [(off - on) / off for on, off in zip(times["on"], times[piece])]
            print(f"| {piece} | {' / '.join(f'{s:.1f}' for s in times['on'])} | "
                  f"{' / '.join(f'{s:.1f}' for s in times[piece])} | "
                  f"{min(saved):.0%} to {max(saved):.0%} |", flush=True)


if __name__ == "__main__":
    main()
