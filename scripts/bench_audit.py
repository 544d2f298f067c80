"""Benchmark of the leak audit (issue 9): its share of a public build.

    python3 scripts/bench_audit.py --sizes 500 2000

Builds the public site of the benchmark's synthetic corpus (scripts/bench.py makes it) and
reads the time the audit reports in the build's log, so that both figures come from the same
run on the same (noisy) machine. Called by bench.py after its own table.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import notula_project

AUDIT_LINE = re.compile(r"leak audit: (\d+) files \(([\d.]+) MB\) searched for (\d+) hidden items .* in ([\d.]+) s")


def measure(n: int) -> dict:
    """Public build wall time, and what the audit in it reported."""
    project = notula_project(n)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NOTULA_AUDIENCE="public", NOTULA_TODAY="2026-11-23",
               NOTULA_LANG="en")  # the audit line is read in English
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(project / "site-public")],
                            cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    match = AUDIT_LINE.search(result.stdout + result.stderr)
    if result.returncode != 0 or not match:
        raise SystemExit(f"bench_audit: the public build of N={n} failed or printed no audit line:\n"
                         f"{(result.stdout + result.stderr)[-3000:]}")
    files, megabytes, items, audit = match.groups()
    return {"n": n, "build": seconds, "audit": float(audit), "files": int(files), "mb": float(megabytes),
            "items": int(items)}


def table(rows: list[dict]) -> str:
    lines = ["| N | public build s | leak audit s | audit share | files | MB read | hidden items |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['n']} | {r['build']:.1f} | {r['audit']:.1f} | {r['audit'] / r['build']:.0%} | {r['files']} | "
              f"{r['mb']:.0f} | {r['items']} |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    args = parser.parse_args(argv)
    rows = []
    for n in args.sizes:
        print(f"bench_audit: N={n}…", file=sys.stderr, flush=True)
        rows.append(measure(n))
    report = table(rows)
    print(report)
    return report


if __name__ == "__main__":
    main()
