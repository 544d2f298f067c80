"""The engine's private names that the preview and the shared writing need, and only here.

MkDocs (and ProperDocs, which keeps them) has no public API for building one page on request
or for serving pages that are not in a folder: `mkdocs serve` rebuilds the whole site on every
save. The preview (notula.plugin.preview) renders a page when a browser asks for it, with the
same calls a full build makes for that page, and serves it through the engine's livereload
server, whose request handling and rebuild bookkeeping it extends. Nor is there one for
leaving a page's writing to another process: a full build shares the writing of the pages with
a worker (notula.plugin.writing), which writes a page with the same `_build_page`, and
`pages_skipped` has the build's own loop pass over those pages.

Everything private that Notula touches is named in this module; tests/test_engine_boundary.py
checks each name, signature and attribute against the installed engine, so that an upgrade
that changes one fails there, not in a secretary's preview.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import mkdocs.commands.build
from mkdocs.commands.build import _build_page as build_page
from mkdocs.commands.build import _build_theme_template as build_theme_template
from mkdocs.commands.build import _populate_page as populate_page
from mkdocs.livereload import LiveReloadServer
from mkdocs.livereload import _serve_url as serve_url

StartResponse = Callable[..., object]  # WSGI's start_response

__all__ = ["ReloadingServer", "StartResponse", "build_page", "build_theme_template", "pages_skipped", "populate_page",
           "serve_url"]


def pages_skipped(skip: Callable[[Any], bool]) -> Callable[[], None]:
    """Have the build's loop over the pages (the engine's `build`, which calls `_build_page` by
    its module name) pass over each page for which skip(page) is true, until the returned
    function is called."""

    def build_unless_skipped(page: Any, *args: Any, **kwargs: Any) -> None:
        if not skip(page):
            build_page(page, *args, **kwargs)

    mkdocs.commands.build._build_page = build_unless_skipped

    def restore() -> None:
        mkdocs.commands.build._build_page = build_page

    return restore


# The livereload server's private attributes and methods that ReloadingServer uses.
SERVER_PRIVATES = ("_epoch_cond", "_visible_epoch", "_wanted_epoch", "_watched_paths",
                   "_inject_js_into_html", "_guess_type", "_serve_request")


class ReloadingServer(LiveReloadServer):
    """The engine's livereload server with its private parts behind plain methods: a subclass
    answers each request under mount_path in serve_path (None: not found, the server's 404)."""

    def __init__(self, builder: Callable[[], None], host: str, port: int, root: str, mount_path: str) -> None:
        super().__init__(builder=builder, host=host, port=port, root=root, mount_path=mount_path)

    def serve_path(self, path: str, start_response: StartResponse) -> Iterable[bytes] | None:
        """The response to a request for path (decoded, under mount_path), or None: not found."""
        raise NotImplementedError

    def _serve_request(self, environ: dict, start_response: StartResponse) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path.startswith("/livereload/") or not (path + "/").startswith(self.mount_path):
            return super()._serve_request(environ, start_response)
        return self.serve_path(path, start_response)

    def current_epoch(self) -> int:
        """The build epoch pages are served for, once a rebuild under way has finished."""
        with self._epoch_cond:
            self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            return self._visible_epoch

    def with_reload_script(self, content: bytes, epoch: int) -> bytes:
        """An HTML page with the script that reloads it on the next save (as `mkdocs serve`)."""
        return self._inject_js_into_html(content, epoch) if self._watched_paths else content

    def content_type(self, path: str) -> str:
        return self._guess_type(path)
