"""Search figures for the benchmark (scripts/bench.py): how long a reader waits from opening a
page to the first search result, and how many bytes the browser fetches for that first query.

Headless Chromium (Debian's, as in the tests) with a fresh context each run, so the cache is
cold; the built site is served from a local HTTP server that neither compresses nor caches
(a real host compresses the JavaScript and CSS further). The reader opens a meeting page and
types the query into the header's search box as soon as it is there; the clock stops when the
first result is shown, loaded. Bytes are the response bodies of everything fetched meanwhile,
and separately those from the search index folder (pagefind/).
"""

from __future__ import annotations

import functools
import http.server
import statistics
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
QUERY = "tolkar"  # a word of the synthetic corpus (support.synthetic) found in many minutes
INDEX = "/pagefind/"
_FIRST_RESULT = """query => {
  const box = document.querySelector(".notula-header-search pagefind-searchbox");
  const input = box && box.querySelector("input.pf-searchbox-input");
  if (!input || input.value !== query) return false;
  const first = box.querySelector(".pf-searchbox-results > *");
  return Boolean(first && !first.matches(".pf-searchbox-placeholder") && first.querySelector("a[href]"));
}"""


@dataclass
class SearchFigures:
    first_result_s: list[float]  # one per run
    search_bytes: list[int]  # fetched from pagefind/ for the first query, per run
    page_bytes: list[int]  # everything fetched from opening the page to the first result, per run
    index_bytes: int  # the whole index folder on disk, for comparison

    def seconds(self) -> str:
        return _spread([round(s, 2) for s in self.first_result_s], "{:.2f}")

    def search_kb(self) -> str:
        return _spread([b / 1000 for b in self.search_bytes], "{:.0f}")

    def page_kb(self) -> str:
        return _spread([b / 1000 for b in self.page_bytes], "{:.0f}")


def _spread(values: list[float], fmt: str) -> str:
    """The median, with the range when the runs differ: '1.21 (1.10–1.40)'."""
    low, mid, high = min(values), statistics.median(values), max(values)
    return fmt.format(mid) if fmt.format(low) == fmt.format(high) else \
        f"{fmt.format(mid)} ({fmt.format(low)}–{fmt.format(high)})"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


@contextmanager
def _serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _meeting_page(site: Path) -> str:
    """The address of a meeting page of the site (the newest of the first group)."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.glob("*/[0-9][0-9][0-9][0-9]-*/index.html"))
    if not pages:
        raise SystemExit(f"bench: no meeting page in {site}")
    return pages[-1] + "/"


def measure(site: Path, query: str = QUERY, runs: int = 3) -> SearchFigures:
    """The search figures of a built site (with its pagefind/ index), over a few cold runs."""
    from playwright.sync_api import sync_playwright

    index_bytes = sum(p.stat().st_size for p in (site / INDEX.strip("/")).rglob("*") if p.is_file())
    seconds, search_bytes, page_bytes = [], [], []
    with _serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="sv-SE")
                page = context.new_page()
                page.set_default_timeout(120_000)
                finished: list = []
                def keep(request, finished=finished) -> None:
                    finished.append(request)
                page.on("requestfinished", keep)
                start = time.perf_counter()
                page.goto(f"{base}/{_meeting_page(site)}", wait_until="commit")
                page.locator(".notula-header-search input.pf-searchbox-input").fill(query)
                page.wait_for_function(_FIRST_RESULT, arg=query, polling=20)
                seconds.append(time.perf_counter() - start)
                page.remove_listener("requestfinished", keep)  # the requests made until the first result
                fetched = [(request.url, request.sizes()["responseBodySize"]) for request in list(finished)]
                search_bytes.append(sum(size for url, size in fetched if INDEX in url))
                page_bytes.append(sum(size for _, size in fetched))
                context.close()
        finally:
            browser.close()
    return SearchFigures(seconds, search_bytes, page_bytes, index_bytes)


if __name__ == "__main__":
    import sys

    figures = measure(Path(sys.argv[1]), *(sys.argv[2:3] or [QUERY]))
    print(f"first result {figures.seconds()} s, search {figures.search_kb()} KB, "
          f"page {figures.page_kb()} KB, index {figures.index_bytes / 1e6:.1f} MB on disk")
