"""Benchmark of the preview: `notula serve` against the old `mkdocs serve`, on one corpus.

    .venv/bin/python scripts/bench_preview.py --sizes 500 2000    # on bench.py's corpora
    python3 dev.py bench                                          # bench.py calls measure() per size

For each server: start, the seconds until the first page ("/") is served; edit, the seconds
from saving a change to one minutes file (a line added to its body) until its page, polled
every 0.1 s as the browser's livereload would reload it, shows the change (median of
--edits saves; the old server is edited once, each save costs it a full build), with the CPU
time the server spent on it (on a shared machine wall times grow with the load, CPU times
hardly); and the server's peak memory. Not part of the test run.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))  # support.synthetic, the corpus generator

from notula.model.registry import load_registry  # noqa: E402
from notula.model.validate import minutes_files, validate_file  # noqa: E402

TODAY = "2026-11-23"
TIMEOUT = 900  # s, for one start or one edit


@dataclass
class Server:
    start_s: float
    edit_s: float
    edit_cpu_s: float  # CPU time the server spent per save: what a shared machine's load does not inflate
    peak_rss_mb: float


@dataclass
class PreviewRow:
    n: int
    preview: Server
    mkdocs_serve: Server | None


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.read()
    except (urllib.error.URLError, OSError):
        return None


def _until(check, process: subprocess.Popen) -> float:
    start = time.perf_counter()
    while not check():
        if process.poll() is not None:
            raise SystemExit(f"bench: the server exited with {process.returncode}")
        if time.perf_counter() - start > TIMEOUT:
            raise SystemExit("bench: the server did not answer in time")
        time.sleep(0.1)
    return time.perf_counter() - start


def _peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return float("nan")


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def edited_file(project: Path) -> tuple[Path, str]:
    """A minutes file from the middle of the archive, and its page address."""
    registry, _ = load_registry(project / "minutes", project)
    paths = minutes_files(project / "minutes")
    path = paths[len(paths) // 2]
    meeting, problems = validate_file(path, project, registry)
    if meeting is None:
        raise SystemExit(f"bench: {path} does not validate: {problems}")
    return path, meeting.url


def serve_once(project: Path, command: list[str], edits: int) -> Server:
    """Start a server with command (ADDRESS in it is replaced), time its start and edits."""
    port = _port()
    address = f"127.0.0.1:{port}"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NOTULA_AUDIENCE="members", NOTULA_TODAY=TODAY)
    path, url = edited_file(project)
    base = f"http://{address}/"
    original = path.read_text(encoding="utf-8")
    started = time.perf_counter()
    process = subprocess.Popen([a.replace("ADDRESS", address) for a in command], cwd=project, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _until(lambda: _get(base) is not None, process)
        start = time.perf_counter() - started
        _get(base + url)  # the page is open in the browser
        times, cpu = [], []
        for _i in range(edits):
            marker = f"Benchmarkmarkör {time.time_ns()}"
            time.sleep(1)  # the server idle
            cpu_before, saved = _cpu_s(process.pid), time.perf_counter()
            path.write_text(original + f"\n{marker}\n", encoding="utf-8")
            _until(lambda marker=marker: marker.encode() in (_get(base + url) or b""), process)
            times.append(time.perf_counter() - saved)
            cpu.append(_cpu_s(process.pid) - cpu_before)
        return Server(round(start, 2), round(statistics.median(times), 2), round(statistics.median(cpu), 2),
                      _peak_rss_mb(process.pid))
    finally:
        path.write_text(original, encoding="utf-8")
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def measure(project: Path, n: int, edits: int = 5, old: bool = True) -> PreviewRow:
    """The preview's figures on project, and (with old) those of plain `mkdocs serve`."""
    preview = serve_once(project, [sys.executable, "-m", "notula.cli", "serve", "--address", "ADDRESS"], edits)
    mkdocs = serve_once(project, [sys.executable, "-m", "mkdocs", "serve", "-a", "ADDRESS"], 1) if old else None
    return PreviewRow(n, preview, mkdocs)


def table(rows: list[PreviewRow]) -> str:
    lines = ["| N | preview start | preview edit → visible | (CPU per save) | preview RSS MB | mkdocs serve start | "
             "mkdocs serve edit → visible | (CPU per save) | mkdocs serve RSS MB |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        new, old = r.preview, r.mkdocs_serve
        olds = (f"{old.start_s:.1f} s | {old.edit_s:.1f} s | {old.edit_cpu_s:.1f} s | {old.peak_rss_mb:.0f}"
                if old else "– | – | – | –")
        lines.append(f"| {r.n} | {new.start_s:.1f} s | {new.edit_s:.2f} s | {new.edit_cpu_s:.2f} s | "
                     f"{new.peak_rss_mb:.0f} | {olds} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench import OUT, notula_project

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--edits", type=int, default=5, help="saves to time on the preview (median)")
    parser.add_argument("--no-old", action="store_true", help="do not measure plain `mkdocs serve`")
    args = parser.parse_args(argv)
    rows = []
    for n in args.sizes:
        print(f"bench_preview: N={n}…", file=sys.stderr, flush=True)
        rows.append(measure(notula_project(n), n, args.edits, old=not args.no_old))
        print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    OUT.mkdir(exist_ok=True)
    (OUT / "preview.md").write_text(f"# Notula preview benchmark\n\n{table(rows)}\n", encoding="utf-8")
    (OUT / "preview.json").write_text(json.dumps([asdict(r) for r in rows], indent=2), encoding="utf-8")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
