"""Benchmark: how Notula's check and build scale, against a bare MkDocs + Material baseline.

    python3 dev.py bench                 # N = 2000, 5000, 10000
    python3 dev.py bench --sizes 500     # a quick run

For each N it generates a deterministic synthetic corpus (support.synthetic), then measures
`notula check`, the full build of the Notula site (members, its search index included), search in
headless Chromium (scripts/bench_search.py: the header's box and the search page sok/?q=, on the
desktop and on Lighthouse's mid-range phone, served compressed), and the baseline: the same
minutes bodies as plain Markdown pages in a bare MkDocs + Material site with a short nav and
no hooks; and (scripts/bench_preview.py) the preview against plain `mkdocs serve`. The build and its
baseline are timed in turn, --rounds times (the machine's speed drifts from minute to minute: a
ratio is of a build and the baseline timed next to it), with nothing else watching them: each
timed run gives its wall time and the peak RSS of its largest process (from wait4, free). The
peak of all the build's processes together is taken in one more build, untimed, that a sampler
watches: reading a large process's memory map from /proc several times a second took 5–8 % of
a build of 10,000 meetings on two cores, which timed runs would have counted as the build's.
It prints a table and
writes it to bench-results/results.md (and .json). Not part of the test run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))  # support.synthetic, the corpus generator

from notula.model.validate import minutes_files  # noqa: E402
from notula.reading.source import read_source  # noqa: E402
from support.synthetic import copy_site, write_corpus  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
import bench_search  # noqa: E402

OUT = ROOT / "bench-results"


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float  # the largest resident size of any one process of the command
    peak_total_mb: float  # the largest sum of the resident sizes of all its processes at once
    peak_pss_mb: float = 0.0  # the same of their proportional sizes: a page two processes share
    #                           (a forked worker and its parent) counted once, as the machine holds it


@dataclass
class Row:
    n: int
    pages: int
    check: Run
    notula: list[Run]  # one a round, each timed just before baseline's of the same round
    baseline: list[Run]
    memory: Run  # one more build of Notula, untimed, with all its processes' memory sampled
    search: list[bench_search.SearchFigures]

    def ratios(self) -> list[float]:
        """Each round's build time over its baseline's."""
        return [build.seconds / base.seconds for build, base in zip(self.notula, self.baseline, strict=True)]


def measure(command: list[str], cwd: Path, env: dict | None = None, sampled: bool = False) -> Run:
    """Wall time and memory of a command: the peak RSS of its largest process (from wait4, so
    every process it waited for counts); if sampled, also the peak of all its processes together
    (sampled every 0.1 s from /proc: the build, its workers and Pagefind side by side), as
    resident sizes and, every 0.5 s (reading it costs more), as proportional ones (PSS: shared
    pages once). The sampler takes the machine's time too: a sampled run's seconds are not the
    command's own."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        total = proportional = samples = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG if sampled else 0)  # unsampled: wait for the end
            if pid:
                break
            total = max(total, _tree_kb(process.pid, _rss_kb))
            if samples % 5 == 0:
                proportional = max(proportional, _tree_kb(process.pid, _pss_kb))
            samples += 1
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            raise SystemExit(f"bench: {' '.join(command)} failed:\n{output.read().decode(errors='replace')[-6000:]}")
    peak = usage.ru_maxrss
    return Run(round(seconds, 2), round(peak / 1024, 1), round(max(total, peak) / 1024, 1), round(proportional / 1024, 1))


def _rss_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)


def _pss_kb(pid: int) -> int:
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    return next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)


def _tree_kb(root: int, size) -> int:
    """The size (size(pid), in KB) of process root and all its descendants now, added up."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            total += size(pid)
        except OSError:  # it has ended
            continue
    return total


def notula_project(n: int) -> Path:
    """A Notula site (the repo's config and docs) with a synthetic corpus of n minutes."""
    target = OUT / "corpora" / f"notula-{n}"
    if not (target / "minutes").is_dir():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        write_corpus(target, n, seed=1)
    return copy_site(ROOT, target)  # always the current config and docs


def baseline_project(n: int, notula: Path) -> Path:
    """The same minutes bodies as plain Markdown pages, in a bare MkDocs + Material site."""
    target = OUT / "corpora" / f"baseline-{n}"
    if (target / "docs").is_dir():
        return target
    shutil.rmtree(target, ignore_errors=True)
    docs = target / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    for path in minutes_files(notula / "minutes"):
        source = read_source(path, str(path))
        page = docs / path.relative_to(notula / "minutes")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# {source.meta.get('title') or path.stem}\n\n{source.body}\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        "site_name: Baseline\nsite_url: https://example.org/\n"
        "theme: {name: material, language: sv, font: false}\n"
        "plugins:\n  - search: {lang: sv, pipeline: [stemmer, stopWordFilter, trimmer]}\n"
        "nav:\n  - index.md\n"
        "validation: {nav: {omitted_files: ignore, not_found: ignore}, links: {not_found: ignore}}\n",
        encoding="utf-8")
    return target


def bench(n: int, rounds: int = 2) -> Row:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NOTULA_AUDIENCE="members", NOTULA_TODAY="2026-11-23")
    project = notula_project(n)
    baseline = baseline_project(n, project)
    pages = len(minutes_files(project / "minutes"))
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-d"]
    check = measure([sys.executable, "-m", "notula.cli", "check"], project, env)
    notula, base = [], []
    for _ in range(rounds):
        notula.append(measure(mkdocs + [str(project / "site")], project, env))
        base.append(measure(mkdocs + [str(baseline / "site")], baseline, env))
    memory = measure(mkdocs + [str(project / "site")], project, env, sampled=True)
    return Row(n, pages, check, notula, base, memory, bench_search.measure(project / "site"))


def table(rows: list[Row]) -> str:
    lines = [
        "| N | pages | check s | build s | baseline s | build/baseline | s/page | RSS MB | all processes MB (PSS) | baseline RSS MB "
        "| search: first result s (header, desktop) | search page: first result s (desktop · phone) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.n} | {r.pages} | {r.check.seconds:.2f} | {_each(r.notula, 'seconds', '.1f')} | {_each(r.baseline, 'seconds', '.1f')} | "
            f"{' / '.join(f'{ratio:.2f}' for ratio in r.ratios())} | "
            f"{' / '.join(f'{run.seconds / r.pages * 1000:.1f}' for run in r.notula)} ms | {_each(r.notula, 'peak_rss_mb', '.0f')} | "
            f"{r.memory.peak_total_mb:.0f} ({r.memory.peak_pss_mb:.0f}) | {_each(r.baseline, 'peak_rss_mb', '.0f')} | "
            f"{_seconds(r, 'header', 'desktop')} | {_seconds(r, 'page', 'desktop')} · {_seconds(r, 'page', 'phone')} |")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        per_first = min(run.seconds for run in first.notula) / first.pages
        per_last = min(run.seconds for run in last.notula) / last.pages
        lines.append(f"\nPer-page build time at N={last.n} is {per_last / per_first:.2f}× that at N={first.n} (the faster round of each).")
    return "\n".join(lines)


def _each(runs: list[Run], figure: str, spec: str) -> str:
    return " / ".join(format(getattr(run, figure), spec) for run in runs)


def _seconds(row: Row, target: str, profile: str) -> str:
    return next((f.seconds() for f in row.search if f.target == target and f.profile == profile), "–")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 5000, 10000])
    parser.add_argument("--fresh", action="store_true", help="regenerate the corpora")
    parser.add_argument("--no-preview", action="store_true", help="skip the preview figures (scripts/bench_preview.py)")
    parser.add_argument("--no-audit", action="store_true", help="skip the leak audit's share (scripts/bench_audit.py)")
    parser.add_argument("--rounds", type=int, default=2, help="builds of Notula and the baseline, in turn, at each size")
    args = parser.parse_args(argv)
    import bench_preview
    if args.fresh:
        shutil.rmtree(OUT / "corpora", ignore_errors=True)
    rows, previews = [], []
    for n in args.sizes:
        print(f"bench: N={n}…", file=sys.stderr, flush=True)
        rows.append(bench(n, args.rounds))
        print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
        if not args.no_preview:
            previews.append(bench_preview.measure(notula_project(n), n))
            print(bench_preview.table(previews[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}"
    from bench_audit import main as bench_audit  # the leak audit's share of a public build

    searches = bench_search.table([(f"{r.n:,}", r.search) for r in rows])
    report = (f"# Notula benchmark\n\n{machine}\n\n{table(rows)}\n\n## Search\n\n{bench_search.__doc__.splitlines()[0]}\n\n"
              f"{searches}\n")
    if not args.no_audit:
        report += f"\n## Leak audit\n\n{bench_audit(['--sizes', *map(str, args.sizes)])}\n"
    if previews:
        report += f"\n## Preview\n\n{bench_preview.table(previews)}\n"
    OUT.mkdir(exist_ok=True)
    (OUT / "results.md").write_text(report, encoding="utf-8")
    (OUT / "results.json").write_text(json.dumps([asdict(r) for r in rows], indent=2), encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
