"""Search figures for the benchmark (scripts/bench.py): how long a reader waits for the first
search result, and how many bytes cross the network for it, as a reader meets it.

Two ways to search:

- *header*: a meeting page's search box in the header (wide screens), the query typed as soon
  as the box is there;
- *page*: the search page opened at `sok/?q=WORD`, which is how a phone searches (its header
  has only a link to the search page) and what a shared search link opens.

Two profiles: *desktop* (Chromium at 1280×800, no throttling) and *phone*, the mid-range phone
Lighthouse uses (412×823, a mobile user agent, the processor slowed 4×, 150 ms round trips,
1.6 Mbit/s down and 750 kbit/s up, through the DevTools protocol). The header's box is measured
on the desktop only: on a phone it is hidden.

Headless Chromium (Debian's, as in the tests), a fresh browser context each run (a cold cache).
The site is served as a real host serves it (`serve`): gzip for text (HTML, CSS, JavaScript,
JSON, SVG …), ETag and Last-Modified, and the Cache-Control of `notula hosting nginx` (Pagefind's
content-named files immutable, everything else revalidated). The clock runs from opening the
page to the first result link drawn (the first animation frame after it is in the page), read
in the page itself. Bytes are as transferred (headers and compressed bodies of everything
fetched meanwhile, the Web Worker's fetches included; the bodies as the server counted them, so
a revalidation answered "not modified" and an answer from the browser's cache bring none)
beside the uncompressed size of the files whose bodies came, for everything and for the search
folder (pagefind/) alone.

A build that exited 0 but has no working search fails here loudly: the index is checked on disk
first (notula.publishing.index_check), and a run that draws no result within a bounded time,
logs an error from Pagefind or fails to fetch a file of the search stops the benchmark with
what it saw.

    .venv/bin/python scripts/bench_search.py SITE [SITE ...] [--runs 3] [--query tolkar]
        [--profiles desktop phone] [--targets header page] [--chain]

Several sites (the same corpus built two ways) are measured alternately, run by run.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import http.server
import json
import statistics
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from notula.publishing import search

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-quic", "--disable-sync"]
QUERY = "tolkar"  # a word of the synthetic corpus (support.synthetic) found in many minutes
INDEX = "/pagefind/"


@dataclass(frozen=True)
class Profile:
    name: str
    context: dict  # Playwright's new_context options
    cpu_slowdown: float = 1
    network: dict | None = None  # Network.emulateNetworkConditions
    timeout_s: float = 30  # the longest a run may wait for its first result before the benchmark fails


# Lighthouse's mobile profile (its "moto g power" screen, user agent and slow-4G figures).
PHONE_UA = ("Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
            "(KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36")
PROFILES = {
    "desktop": Profile("desktop", {"viewport": {"width": 1280, "height": 800}}),
    "phone": Profile("phone", {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75,
                               "is_mobile": True, "has_touch": True, "user_agent": PHONE_UA},
                     cpu_slowdown=4, timeout_s=60,
                     network={"offline": False, "latency": 150,
                              "downloadThroughput": 1.6 * 1024 * 1024 / 8, "uploadThroughput": 750 * 1024 / 8}),
}

# What counts as the first result drawn, and where a run starts.
TARGETS = {
    "header": ".notula-header-search a.pf-searchbox-result[href]",
    "page": ".notula-search a.pf-result-link[href]",
}
HEADER_INPUT = ".notula-header-search input.pf-searchbox-input"

# Before any script of the page: note when the first result link is in the page, at the next frame.
# Pagefind draws a result only once it is scrolled into view: where the first result's place is
# out of view (below the filters on a narrow screen), it is scrolled to, as a reader would.
_WATCH = """selector => {
  window.__notulaFirstResult = null;
  let asked = false, placed = false;
  const inView = () => {  // once, a frame after the results' places are there: no layout forced meanwhile
    const place = document.querySelector(".notula-search .pf-result");
    if (place && place.getBoundingClientRect().top > window.innerHeight) place.scrollIntoView({block: "start"});
  };
  const seen = () => {
    if (!placed && document.querySelector(".notula-search .pf-result")) {
      placed = true;
      requestAnimationFrame(inView);
    }
    if (asked || !document.querySelector(selector)) return false;
    asked = true;
    requestAnimationFrame(() => {
      window.__notulaFirstResult = performance.now();
      performance.mark("notula-first-result");
    });
    return true;
  };
  new MutationObserver((_, observer) => { if (seen()) observer.disconnect() })
    .observe(document, {childList: true, subtree: true, attributes: true, attributeFilter: ["href"]});
}"""


@dataclass
class Fetched:
    url: str
    transferred: int  # headers and body as they came over the network (compressed)
    uncompressed: int  # the file's own size, where its body came over the network (else 0)
    start_ms: float  # from opening the page
    end_ms: float
    status: int


@dataclass
class Run:
    first_result_s: float
    fetched: list[Fetched]

    def total(self, attribute: str, search_only: bool = False) -> int:
        """Bytes of what had arrived when the first result was drawn (what came after, such as the
        search page's filters, is not counted)."""
        until = self.first_result_s * 1000
        return sum(getattr(f, attribute) for f in self.fetched
                   if f.end_ms <= until and (not search_only or INDEX in f.url))


@dataclass
class SearchFigures:
    """The runs of one way to search (target) on one profile."""

    target: str
    profile: str
    runs: list[Run] = field(default_factory=list)
    index_bytes: int = 0  # the whole index folder on disk, for comparison

    def seconds(self) -> str:
        return spread([r.first_result_s for r in self.runs], "{:.2f}")

    def kb(self, attribute: str, search_only: bool) -> str:
        return spread([r.total(attribute, search_only) / 1000 for r in self.runs], "{:.0f}")

    def bytes_cell(self, search_only: bool) -> str:
        """'120 (110–125) of 450' : KB transferred, of KB uncompressed."""
        return f"{self.kb('transferred', search_only)} of {self.kb('uncompressed', search_only)}"

    @property
    def first_result_s(self) -> list[float]:
        return [r.first_result_s for r in self.runs]


def spread(values: list[float], fmt: str) -> str:
    """The median, with the range when the runs differ: '1.21 (1.10–1.40)'."""
    low, mid, high = min(values), statistics.median(values), max(values)
    return fmt.format(mid) if fmt.format(low) == fmt.format(high) else \
        f"{fmt.format(mid)} ({fmt.format(low)}–{fmt.format(high)})"


class SearchBroken(SystemExit):
    """The site's search does not work; the message says what the benchmark saw."""


# ------------------------------------------------------------------ a host that compresses

# nginx's gzip_types in `notula hosting nginx` (text/html is always compressed); Pagefind's own
# files (.pf_*, .pagefind) are compressed already and go as application/octet-stream.
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
         ".json": "application/json", ".xml": "application/xml", ".ics": "text/calendar; charset=utf-8",
         ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".wasm": "application/wasm",
         ".png": "image/png", ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff"}
COMPRESSED = ("text/", "application/json", "application/xml", "application/javascript", "image/svg+xml")
GZIP_LEVEL = 6


@dataclass(frozen=True)
class _File:
    body: bytes
    gzipped: bytes | None
    etag: str
    modified: str
    type: str


class _Host(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host
    root: Path
    files: dict[Path, _File]
    lock: threading.Lock
    sent: list[tuple[str, int]]  # each answer's path and query, and the bytes of its body

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if not target.is_relative_to(self.root):
            return self._answer(404, None)
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            target = target / "index.html"
        if not target.is_file():
            return self._answer(404, self._file(self.root / "404.html") if (self.root / "404.html").is_file() else None)
        file = self._file(target)
        if self.headers.get("If-None-Match") == file.etag:
            return self._answer(304, file, path)
        return self._answer(200, file, path)

    def _file(self, path: Path) -> _File:
        with self.lock:
            known = self.files.get(path)
        if known is None:
            body = path.read_bytes()
            kind = TYPES.get(path.suffix, "application/octet-stream")
            stat = path.stat()
            known = _File(body, gzip.compress(body, GZIP_LEVEL, mtime=0) if kind.startswith(COMPRESSED) else None,
                          f'"{hashlib.md5(body).hexdigest()[:16]}"', email.utils.formatdate(stat.st_mtime, usegmt=True), kind)
            with self.lock:
                self.files[path] = known
        return known

    def _answer(self, code: int, file: _File | None, path: str = "") -> None:
        self.send_response(code)
        body = b""
        if file is not None:
            self.send_header("Content-Type", file.type)
            self.send_header("ETag", file.etag)
            self.send_header("Last-Modified", file.modified)
            self.send_header("Cache-Control", "max-age=31536000, immutable" if search.content_named(path) else "no-cache")
            body = file.body
            if file.gzipped is not None:
                self.send_header("Vary", "Accept-Encoding")
                if "gzip" in self.headers.get("Accept-Encoding", ""):
                    self.send_header("Content-Encoding", "gzip")
                    body = file.gzipped
        if code == 304:
            body = b""
        with self.lock:  # before it is sent: the browser may have it before this thread goes on
            self.sent.append((unquote(self.path), len(body) if self.command != "HEAD" else 0))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


# What each server (by its address) has sent: (path and query, bytes of the body), in order.
_SENT: dict[str, list[tuple[str, int]]] = {}


@contextmanager
def serve(site: Path):
    """Serve the built site on a free local port as a compressing static host; yield its address."""
    sent: list[tuple[str, int]] = []
    handler = type("Host", (_Host,), {"root": site.resolve(), "files": {}, "lock": threading.Lock(), "sent": sent})
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    _SENT[base] = sent
    try:
        yield base
    finally:
        del _SENT[base]
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------------ the site


def check_index(site: Path) -> int:
    """The search index of the built site is whole (else SearchBroken); return its size on disk."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from notula.publishing import search

    folder = site / INDEX.strip("/")
    try:
        pages = search.check_index(site)
    except search.SearchIndexError as exc:
        raise SearchBroken(f"bench: the search index of {site} is broken: {exc}") from None
    if not pages:
        raise SearchBroken(f"bench: the search index of {site} holds no pages")
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def meeting_page(site: Path) -> str:
    """The address of a meeting page of the site (the newest of the first group)."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.glob("*/[0-9][0-9][0-9][0-9]-*/index.html"))
    if not pages:
        raise SearchBroken(f"bench: no meeting page in {site}")
    return pages[-1] + "/"


def _file(site: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path).lstrip("/")
    file = site / path
    return file / "index.html" if file.is_dir() or path == "" or path.endswith("/") else file


def _bodies_sent(base: str, fetched: list) -> list[int]:
    """The bytes of body the server at base sent for each of fetched (Playwright's requests, in
    the order they finished), as the server counted them. Chromium's own figures leave out a Web
    Worker's script and report a request revalidated "not modified" as the whole file; a request
    answered from the browser's cache never reached the server and sent nothing."""
    waiting: dict[str, list[int]] = {}
    for path, size in _SENT.get(base, []):
        waiting.setdefault(path, []).append(size)
    sent: dict[int, int] = {}
    for request in sorted(fetched, key=lambda r: r.timing["startTime"]):  # the server's answers came in this order
        parts = urlsplit(request.url)
        answers = waiting.get(unquote(parts.path + (f"?{parts.query}" if parts.query else "")), [])
        sent[id(request)] = answers.pop(0) if answers else 0
    return [sent[id(request)] for request in fetched]


# ------------------------------------------------------------------ one run


def _run(browser, site: Path, base: str, target: str, profile: Profile, query: str, traced=None) -> Run:
    """One cold run; traced(page) is called with the new page (to start tracing) and returns
    what to call before its context closes."""
    context = browser.new_context(locale="sv-SE", **profile.context)
    stop = None
    try:
        page = context.new_page()
        stop = traced(page) if traced else None
        page.set_default_timeout(profile.timeout_s * 1000)
        if profile.cpu_slowdown != 1 or profile.network:
            cdp = context.new_cdp_session(page)
            if profile.cpu_slowdown != 1:
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": profile.cpu_slowdown})
            if profile.network:
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", profile.network)
        page.add_init_script(f"({_WATCH})({json.dumps(TARGETS[target])})")
        finished: list = []
        problems: list[str] = []
        _SENT[base].clear()

        def keep(request) -> None:
            finished.append(request)

        context.on("requestfinished", keep)
        context.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} ({r.failure})"))
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        url = f"{base}/sok/?q={query}" if target == "page" else f"{base}/{meeting_page(site)}"
        page.goto(url, wait_until="commit")
        try:
            if target == "header":
                page.locator(HEADER_INPUT).fill(query)
            page.wait_for_function("() => window.__notulaFirstResult !== null", polling=50)
        except Exception as exc:  # Playwright's TimeoutError and the like: say what was seen
            seen = page.locator(TARGETS[target].split(" ")[0]).first.inner_text(timeout=1000) \
                if page.locator(TARGETS[target].split(" ")[0]).count() else "(no search element)"
            raise SearchBroken(
                f"bench: no search result for {query!r} on {url} ({profile.name}) within {profile.timeout_s:.0f} s: "
                f"{type(exc).__name__}\n  search element shows: {seen[:300]!r}\n  "
                + "\n  ".join(problems[:20] or ["no console error, no failed request"])) from None
        first = page.evaluate("() => window.__notulaFirstResult") / 1000
        origin = page.evaluate("() => performance.timeOrigin")
        context.remove_listener("requestfinished", keep)
        fetched = []
        requests = list(finished)
        for request, body in zip(requests, _bodies_sent(base, requests)):
            response = request.response()
            sizes, timing = request.sizes(), request.timing
            start = timing["startTime"] - origin
            status = response.status if response else 0
            file = _file(site, request.url)
            size = file.stat().st_size if file.is_file() and body else 0  # what came: nothing from a cache
            fetched.append(Fetched(request.url, sizes["responseHeadersSize"] + body, size, start,
                                   start + max(timing["responseEnd"], 0), status))
        broken = [f"{f.url}: HTTP {f.status}" for f in fetched if f.status >= 400 and INDEX in f.url]
        pagefind_errors = [p for p in problems if "pagefind" in p.lower()]
        if broken or pagefind_errors:
            raise SearchBroken(f"bench: the search of {url} ({profile.name}) is broken:\n  " + "\n  ".join(broken + pagefind_errors))
        return Run(first, fetched)
    finally:
        if stop:
            stop()
        context.close()


def measure(site: Path, query: str = QUERY, runs: int = 3, targets: tuple[str, ...] = ("header", "page"),
            profiles: tuple[str, ...] = ("desktop", "phone")) -> list[SearchFigures]:
    """The search figures of a built site, over a few cold runs of each target on each profile
    (the header's box on the desktop profile only)."""
    return measure_alternately({"": site}, query, runs, targets, profiles)[""]


def measure_alternately(sites: dict[str, Path], query: str = QUERY, runs: int = 3,
                        targets: tuple[str, ...] = ("header", "page"),
                        profiles: tuple[str, ...] = ("desktop", "phone")) -> dict[str, list[SearchFigures]]:
    """The search figures of several built sites ({label: site}), measured alternately run by
    run (so that each sees the same machine), by label."""
    from playwright.sync_api import sync_playwright

    pairs = [(t, p) for p in profiles for t in targets if not (t == "header" and p != "desktop")]
    figures = {label: [SearchFigures(t, p, index_bytes=check_index(path)) for t, p in pairs] for label, path in sites.items()}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            with _servers(sites) as bases:
                for _ in range(runs):
                    for i, (target, profile) in enumerate(pairs):
                        for label, path in sites.items():
                            figures[label][i].runs.append(_run(browser, path, bases[label], target, PROFILES[profile], query))
        finally:
            browser.close()
    return figures


@contextmanager
def _servers(sites: dict[str, Path]):
    from contextlib import ExitStack

    with ExitStack() as stack:
        yield {label: stack.enter_context(serve(path)) for label, path in sites.items()}


def chain(run: Run) -> str:
    """The requests of a run as a waterfall: when each started and ended, from opening the page."""
    lines = []
    for f in sorted(run.fetched, key=lambda f: f.start_ms):
        path = urlsplit(f.url).path
        lines.append(f"{f.start_ms:8.0f} {f.end_ms:8.0f} ms {f.transferred / 1000:7.1f} KB sent "
                     f"{f.uncompressed / 1000:7.1f} KB  {path}")
    lines.append(f"first result drawn at {run.first_result_s * 1000:.0f} ms")
    return "\n".join(lines)


def table(rows: list[tuple[str, list[SearchFigures]]]) -> str:
    """A table of search figures: one row per label (N, or a build) and way to search."""
    lines = ["| N | search | profile | first result s | search KB sent of uncompressed | all KB sent of uncompressed |",
             "|---|---|---|---|---|---|"]
    for label, figures in rows:
        for f in figures:
            where = "header box" if f.target == "header" else "sok/?q="
            lines.append(f"| {label} | {where} | {f.profile} | {f.seconds()} | {f.bytes_cell(True)} | {f.bytes_cell(False)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sites", nargs="+", type=Path, help="built sites (label=path to name them)")
    parser.add_argument("--query", default=QUERY)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--targets", nargs="+", default=["header", "page"], choices=list(TARGETS))
    parser.add_argument("--profiles", nargs="+", default=["desktop", "phone"], choices=list(PROFILES))
    parser.add_argument("--chain", action="store_true", help="print each run's requests as a waterfall")
    args = parser.parse_args(argv)
    sites = {}
    for given in args.sites:
        label, _, path = str(given).rpartition("=")
        sites[label or path] = Path(path)
    figures = measure_alternately(sites, args.query, args.runs, tuple(args.targets), tuple(args.profiles))
    if args.chain:
        for label, by_target in figures.items():
            for f in by_target:
                for i, run in enumerate(f.runs):
                    print(f"\n## {label} {f.target} {f.profile} run {i + 1}\n{chain(run)}")
    print(table(list(figures.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
