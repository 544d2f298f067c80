"""Where the time of a search goes: a Chromium performance trace of one cold search, read.

Opens `sok/?q=WORD` (or types into the header's box, --target header) on a profile of
scripts/bench_search.py (the phone by default), served as bench_search serves it, with
Chromium's tracing on (Playwright's browser.start_tracing). Prints the requests as a waterfall
(the chain: page, scripts, Pagefind's entry, metadata, WebAssembly, filters, index, fragments),
and, up to the first result drawn, how long the page's main thread and Pagefind's Web Worker
were busy, and each long task with what took its time (scripts by file, style, layout, paint,
parsing, garbage collection). Writes the trace itself (open it in
Chromium's DevTools, Performance panel) beside it when asked (--trace FILE).

    .venv/bin/python scripts/profile_search.py SITE [--profile phone] [--target page] [--query tolkar]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_search

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "v8", "blink.user_timing",
              "loading", "toplevel", "disabled-by-default-devtools.timeline.frame", "blink", "disabled-by-default-v8.compile"]
# Work worth naming inside a long task, by trace event name (those with a script named by it).
NAMED = ("FunctionCall", "EvaluateScript", "v8.evaluateModule", "ParseHTML", "Layout", "UpdateLayoutTree", "Paint",
         "PrePaint", "MajorGC", "MinorGC", "V8.CompileCode", "TimerFire", "EventDispatch", "FireAnimationFrame",
         "IntersectionObserverController::computeIntersections", "ParseAuthorStyleSheet", "RunMicrotasks")
BY_SCRIPT = ("FunctionCall", "EvaluateScript", "v8.evaluateModule", "EventDispatch", "TimerFire")


def read_trace(trace: dict, long_ms: float = 80) -> str:
    """From navigation to the first result drawn: how busy the page's main thread and Pagefind's
    Web Worker were, and each long task (over long_ms) with what took its time (nested times
    overlap: a script's time includes the layout it forced)."""
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e.get("ph") == "M" and e.get("name") == "thread_name"}
    first = next((e for e in events if e.get("name") == "notula-first-result"), None)
    if first is None:
        return "no first result in the trace"
    pid, end = first["pid"], first["ts"]
    start = next(e["ts"] for e in events if e.get("name") == "navigationStart" and e["pid"] == pid
                 and str(((e.get("args") or {}).get("data") or {}).get("documentLoaderURL") or "").startswith("http"))
    lines = [f"first result drawn {(end - start) / 1000:.0f} ms after navigation start"]
    for key, name in sorted(names.items()):
        if key[0] != pid or name not in ("CrRendererMain", "DedicatedWorker thread"):
            continue
        spans = [e for e in events if (e.get("pid"), e.get("tid")) == key and e.get("ph") == "X"]
        tasks = [e for e in spans if e["name"] == "RunTask" and start <= e["ts"] < end]
        lines.append(f"\n{name}: busy {sum(t['dur'] for t in tasks) / 1000:.0f} ms in {len(tasks)} tasks")
        for task in tasks:
            if task["dur"] < long_ms * 1000:
                continue
            work: dict[str, float] = defaultdict(float)
            for e in spans:
                if e is not task and e["name"] in NAMED and task["ts"] <= e["ts"] < task["ts"] + task["dur"]:
                    data = (e.get("args") or {}).get("data") or {}
                    about = str(data.get("url") or data.get("functionName") or data.get("type") or "").rsplit("/", 1)[-1]
                    work[f"{e['name']} {about}".strip() if e["name"] in BY_SCRIPT else e["name"]] += e["dur"]
            top = sorted(work.items(), key=lambda kv: -kv[1])[:5]
            lines.append(f"  at {(task['ts'] - start) / 1000:6.0f} ms a task of {task['dur'] / 1000:5.0f} ms: "
                         + "; ".join(f"{k} {v / 1000:.0f}" for k, v in top))
    return "\n".join(lines)


def profile(site: Path, profile_name: str, target: str, query: str, trace_file: Path | None) -> str:
    from playwright.sync_api import sync_playwright

    bench_search.check_index(site)
    profile = bench_search.PROFILES[profile_name]
    with bench_search.serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=bench_search.CHROMIUM, headless=True,
                                             args=bench_search.CHROMIUM_ARGS)
        try:
            recorded: dict = {}

            def traced(page):
                browser.start_tracing(page=page, categories=CATEGORIES)
                return lambda: recorded.setdefault("trace", browser.stop_tracing())

            run = bench_search._run(browser, site, base, target, profile, query, traced)
            trace = json.loads(recorded["trace"])
        finally:
            browser.close()
    if trace_file:
        trace_file.write_text(json.dumps(trace), encoding="utf-8")
    return f"{bench_search.chain(run)}\n\n{read_trace(trace)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--profile", default="phone", choices=list(bench_search.PROFILES))
    parser.add_argument("--target", default="page", choices=list(bench_search.TARGETS))
    parser.add_argument("--query", default=bench_search.QUERY)
    parser.add_argument("--trace", type=Path, help="write the trace (JSON) here")
    args = parser.parse_args(argv)
    print(profile(args.site, args.profile, args.target, args.query, args.trace))
    return 0


if __name__ == "__main__":
    sys.exit(main())
