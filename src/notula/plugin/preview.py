"""The preview (`notula serve`): every save is visible in seconds, at any archive size.

`mkdocs serve` rebuilds the whole site on every save, which at 2,000 meetings takes most of a
minute. The preview does on every save only what every page depends on, and renders a page
when a browser asks for it:

- on a save (and at start): MkDocs' build up to the navigation, exactly as `mkdocs build` runs
  it (config, files, the plugin's `on_files`, navigation, `on_nav`, `on_env`). There the plugin
  validate every file, the unchanged ones from a cache (notula.model.validation_cache), and plan the
  pages and output files without making them (pages.Page, published.OutputFile);
- on a request: that one page, made and rendered with the same MkDocs calls a full build makes
  (`_populate_page` and `_build_page`, through notula.plugin.mkdocs_private), or that one file, made or copied. What the preview
  serves is therefore what a full build writes for the same files; while the minutes have
  problems, the start page lists them (plugin.py) and other pages are not found.

The browser reloads through MkDocs' livereload, as with `mkdocs serve`. The preview has no
search index: search needs every page rendered, which is what the preview avoids.
"""

from __future__ import annotations

import datetime as dt
import logging
import posixpath
import re
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from mkdocs.commands.build import get_navigation
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.pages import Page

from notula import heap
from notula.i18n import _
from notula.plugin import run
from notula.plugin.generated import GeneratedPage
from notula.plugin.mkdocs_private import ReloadingServer, StartResponse, build_page, build_theme_template, populate_page, serve_url
from notula.publishing import csp
from notula.rendering.render import front_matter

log = logging.getLogger("mkdocs.notula.preview")
INCLUSION = InclusionLevel.is_in_serve  # the pages `mkdocs serve` shows
_LIVERELOAD = re.compile(rb"<script>(\s*var livereload = function.*?)</script>", re.S)  # as MkDocs injects it


class PreviewSite:
    """The site as of the latest save: MkDocs' files and navigation; pages rendered on request
    into site_dir, each once per state of the sources."""

    def __init__(self, config_file: str, site_dir: str, audience: str, today: dt.date | None):
        self.config_file = config_file
        self.audience, self.today = audience, today
        self.site_dir = site_dir
        self.lock = threading.RLock()  # loading and rendering take turns (MkDocs keeps global state)
        self.loaded: MkDocsConfig | None = None  # the configuration of the latest load
        self.started = False
        self.frozen = False
        self.rendered: set[str] = set()  # dest paths written for the current state
        self.by_dest: dict[str, File] = {}

    def load(self) -> None:
        """Read the sources again: validation, navigation and the plan of every page."""
        with self.lock:
            config = run.load(Path(self.config_file), audience=self.audience, today=self.today, site_dir=self.site_dir)
            if not self.started:
                config.plugins.on_startup(command="serve", dirty=False)
                self.started = True
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            files = get_files(config)
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
            for file in files.documentation_pages(inclusion=INCLUSION):
                if file.page is None and file.inclusion.is_not_in_nav():
                    Page(None, file, config)
            self.loaded, self.files, self.nav = config, files, nav
            self._titles()
            self.env = config.plugins.on_env(env, config=config, files=files)
            self.doc_files = files.documentation_pages(inclusion=INCLUSION)
            self.by_dest = {f.dest_uri: f for f in files if INCLUSION(f.inclusion)}
            self.rendered = set()
            if not self.frozen:
                heap.kept_for_good()  # what the first load made lives on
                self.frozen = True

    @property
    def config(self) -> MkDocsConfig:
        """The configuration of the latest load (load() comes first)."""
        assert self.loaded is not None, "PreviewSite.load() first"
        return self.loaded

    def _titles(self) -> None:
        """Every page in the navigation lends its title (and menu icon, subtitle, status: its
        meta) to the menu and footer of other pages. A full build reads every page first; here the
        hand-written ones are read, the generated ones take the front matter Notula planned for
        them, and a generated page that is named in the navigation and planned without front
        matter (a register, made only when asked for) is left unread: Notula's pages set no menu
        icon, subtitle or status, so the menu shows the same."""
        for page in self.nav.pages:
            if page.markdown is not None:
                continue
            if isinstance(page, GeneratedPage) and page.planned_meta is not None:
                page.markdown, page.meta = "", front_matter(page.planned_meta)
            elif not (isinstance(page, GeneratedPage) and page.nav_title is not None):
                populate_page(page, self.config, self.files)

    def read(self, dest: str) -> bytes | None:
        """The file the site has at dest, or None if it has none. A page or theme template is
        rendered into site_dir once per state of the sources; any other file is read from
        its source (attachments, theme assets) or made (feeds, calendars, data)."""
        with self.lock:
            file = self.by_dest.get(dest)
            if file is not None and not file.is_documentation_page():
                return file.content_bytes
            template = "sitemap.xml" if dest == "sitemap.xml.gz" else dest
            if dest not in self.rendered:
                if file is None and template not in self.config.theme.static_templates:
                    return None
                Path(self.site_dir, dest).unlink(missing_ok=True)  # what an earlier state rendered
                if file is not None:
                    assert file.page is not None
                    populate_page(file.page, self.config, self.files)
                    build_page(file.page, self.config, self.doc_files, self.nav, self.env,
                                excluded=file.inclusion.is_excluded())
                else:
                    build_theme_template(template, self.env, self.files, self.config, self.nav)
                    self.rendered.add(template)
                self.rendered.add(dest)
            try:
                return Path(self.site_dir, dest).read_bytes()
            except OSError:  # a page or template that rendered to nothing
                return None

    def is_page_dir(self, dest: str) -> bool:
        return posixpath.join(dest, "index.html") in self.by_dest


class PreviewServer(ReloadingServer):
    """The engine's livereload server, serving from a PreviewSite instead of a built folder."""

    def __init__(self, site: PreviewSite, host: str, port: int, mount_path: str):
        super().__init__(builder=self._load, host=host, port=port, root=site.site_dir, mount_path=mount_path)
        self.site = site
        self.error_handler = lambda code: site.read("404.html") if code == 404 else None

    def _load(self) -> None:
        try:
            self.site.load()
        except MkDocsException as exc:  # e.g. a broken mkdocs.yml: a message, not a traceback
            raise SystemExit(f"notula serve: {exc}") from None

    def with_reload_script(self, content: bytes, epoch: int) -> bytes:
        """MkDocs' livereload script, allowed by the page's Content-Security-Policy (publishing.csp)."""
        injected = super().with_reload_script(content, epoch)
        script = _LIVERELOAD.search(injected)
        if script is None:
            return injected
        return csp.allow_script(injected.decode("utf-8"), script.group(1).decode("utf-8")).encode("utf-8")

    def serve_path(self, path: str, start_response: StartResponse) -> Iterable[bytes] | None:
        dest = path[len(self.mount_path):]
        if path.endswith("/"):
            dest += "index.html"
        dest = posixpath.normpath("/" + dest).lstrip("/")
        epoch = self.current_epoch()  # a page rendered during a rebuild carries the older epoch and reloads
        content = self.site.read(dest)
        if content is None:
            if not path.endswith("/") and self.site.is_page_dir(dest):
                start_response("302 Found", [("Location", quote(path) + "/")])
                return []
            return None
        if dest.endswith(".html"):
            content = self.with_reload_script(content, epoch)
        start_response("200 OK", [("Content-Type", self.content_type(dest)), ("Content-Length", str(len(content)))])
        return [content]


def serve(config_file: Path, address: str, audience: str = "members", today: dt.date | None = None) -> int:
    """Serve the site of config_file for audience on address (HOST:PORT) until interrupted;
    today: the build date (default: as a build takes it, see notula.settings)."""
    run.show_messages()
    host, _colon, port = address.rpartition(":")
    site_dir = tempfile.mkdtemp(prefix="notula-preview-")
    site = PreviewSite(str(config_file), site_dir, audience, today)
    server: LiveReloadServer | None = None
    try:
        try:
            site.load()
        except MkDocsException as exc:
            log.error(str(exc))
            return 1
        config = site.config
        mount_path = unquote(urlsplit(config.site_url or "/").path)  # as requests' paths are compared: decoded
        preview = PreviewServer(site, host or "127.0.0.1", int(port), mount_path)
        preview.watch(config.docs_dir)
        preview.watch(config.config_file_path)
        server = config.plugins.on_serve(preview, config=config, builder=preview._load)
        for item in config.watch:
            server.watch(item)
        log.info(_("Notula preview: pages are rendered when you open them ({address})")
                 .format(address=serve_url(host, int(port), mount_path)))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        return 0
    finally:
        if server is not None:
            server.shutdown()
        if site.loaded is not None:
            site.loaded.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
