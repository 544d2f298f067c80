"""Serve a built static site over HTTP on a random local port."""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Content types a static host should send for the files Notula produces.
MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".ics": "text/calendar; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".webmanifest": "application/manifest+json",
}


#: How long a held path waits for its release before the server answers 503 (no test hangs).
HOLD_AT_MOST = 30.0


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static file handler: right MIME types, no caching, no logging,
    and the site's own 404.html for missing pages (like a static host)."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    extra_headers: dict[str, str] = {}  # sent with every answer (serve_directory's headers)
    cache_control: Callable[[str], str] = staticmethod(lambda path: "no-store")  # by the path asked for
    sent: list[tuple[str, int]] | None = None  # serve_directory's record of what it answered
    held: dict[str, threading.Event] | None = None  # serve_directory's paths answered only once their event is set

    def do_GET(self) -> None:
        release = (self.held or {}).get(unquote(urlsplit(self.path).path))
        if release is not None and not release.wait(timeout=HOLD_AT_MOST):
            self.send_error(503, "held too long")
            return
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", self.cache_control(urlsplit(self.path).path))
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory, "404.html")
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", MIME_TYPES[".html"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.sent is not None:
            self.sent.append((unquote(urlsplit(self.path).path), int(code)))

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """Threaded server that does not print tracebacks when a browser
    drops a connection (common when a page is closed mid-load)."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_directory(path: str | Path, headers: dict[str, str] | None = None,
                    cache_control: Callable[[str], str] | None = None,
                    sent: list[tuple[str, int]] | None = None,
                    held: dict[str, threading.Event] | None = None) -> Iterator[str]:
    """Serve *path* on 127.0.0.1 at a free port, sending *headers* with every answer (as a web
    server configured for the site would) and the Cache-Control *cache_control* gives for the
    path asked for (default: no-store, so that every test fetches afresh); yield the base URL.
    *sent*, if given, gets the path and status of every answer. A GET of a path in *held* is
    answered once its event is set (a slow link for one file, without the browser's cache
    turned off as Playwright's routing turns it off).

    The URL has no trailing slash, e.g. ``http://127.0.0.1:41234``, so it
    is also the page origin.  The server stops when the block exits.
    """
    root = Path(path)
    if not root.is_dir():
        raise FileNotFoundError(f"cannot serve {root}: no such directory (was the site built?)")
    attributes: dict = {"extra_headers": dict(headers or {}), "sent": sent, "held": held}
    if cache_control is not None:
        attributes["cache_control"] = staticmethod(cache_control)
    handler_class = type("_Handler", (_SiteHandler,), attributes)
    handler = functools.partial(handler_class, directory=str(root))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class HostedSite:
    url: str  # no trailing slash
    sent: list[tuple[str, int]]  # the path and status of every answer the server gave, in order
    held: dict[str, threading.Event]  # paths answered only once their event is set (serve_directory)

    @contextlib.contextmanager
    def holding(self, path: str) -> Iterator[threading.Event]:
        """Answer path (e.g. "/pagefind/pagefind-worker.js") only once the event yielded is set;
        set at the latest when the block exits."""
        release = self.held[path] = threading.Event()
        try:
            yield release
        finally:
            release.set()
            del self.held[path]


@contextlib.contextmanager
def hosted(path: str | Path) -> Iterator[HostedSite]:
    """Serve the site at path as `notula hosting` has a host serve it: Pagefind's files named by
    their content kept for good, everything else revalidated on each visit; with a record of
    what the server sent, and paths that can be held back."""
    from notula.publishing import search

    sent: list[tuple[str, int]] = []
    held: dict[str, threading.Event] = {}
    with serve_directory(path, cache_control=lambda asked: "max-age=31536000, immutable" if search.content_named(asked) else "no-cache",
                         sent=sent, held=held) as url:
        yield HostedSite(url, sent, held)
