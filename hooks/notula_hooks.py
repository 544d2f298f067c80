"""MkDocs hooks: thin calls into the notula package (all logic lives there).

MkDocs loads this file once per process, so `mkdocs serve` does not reload
changes to it; edits to minutes/ and docs/ are picked up on every rebuild.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
from pathlib import Path
from typing import Callable

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from notula import audit, outputs, search, site
from notula.audience import DEFAULT_TIME_ZONE, source_date_epoch
from notula.problems import ProblemsFound
from notula.published import Site
from notula.validation_cache import ValidationCache

log = logging.getLogger("mkdocs.hooks.notula")
_build: site.Build | None = None
_site: Site | None = None
_files: Files | None = None
_audience = None
_ENVIRONMENT = dict(os.environ)  # as the build was started, before on_config sets SOURCE_DATE_EPOCH
_preview = False
_cache = ValidationCache()  # the preview's: a rebuild validates only the files that changed
_staging: search.Staging | None = None  # a build's pages for the search index (not the preview's)
_dirty = False  # --dirty (and serve): not every page is rendered each time, so Pagefind reads the whole site


class _LazyFile(File):
    """A file Notula generates, made when MkDocs first reads it: a build reads every one, the
    preview (notula.preview) only those a browser asks for."""

    _make: Callable[[], str]

    @property
    def _content(self) -> str:
        return self._make()

    @_content.setter
    def _content(self, value) -> None:
        self._make = lambda: value

    def is_modified(self) -> bool:
        return True


def _generated(config, src_uri: str, make: Callable[[], str], meta: dict | None = None) -> File:
    file = _LazyFile.generated(config, src_uri, content="")
    file._make = make
    file.notula_meta = meta  # the page's front matter, known before it is made (notula.preview)
    return file


def on_startup(command: str, dirty: bool) -> None:
    global _preview, _dirty
    _preview = command == "serve"
    _dirty = dirty


def on_config(config):
    global _site, _audience
    if not config.use_directory_urls:
        raise PluginError("Notula needs 'use_directory_urls: true' in mkdocs.yml")
    options = (config.extra or {}).get("notula") or {}
    try:
        _site = Site(config.site_url or "", config.site_name)
        _audience = site.audience_from_env(_preview, options.get("time_zone", DEFAULT_TIME_ZONE), _ENVIRONMENT)
    except ValueError as exc:  # a bad NOTULA_AUDIENCE, NOTULA_TODAY, SOURCE_DATE_EPOCH or time zone
        raise PluginError(str(exc)) from None
    if "SOURCE_DATE_EPOCH" not in _ENVIRONMENT:  # the sitemap and its .gz are dated by the build date
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(_audience.today)
    return config


def on_files(files: Files, config) -> Files:
    global _build, _files
    _files = files
    root = Path(config.config_file_path).parent
    docs = {f.src_uri: f"docs/{f.src_uri}" for f in files.documentation_pages()}
    try:
        text = site.SiteText(config.site_name, config.site_description)
        _build = site.prepare(root, docs, _audience, text, cache=_cache if _preview else None)
    except ProblemsFound as exc:
        if not _preview:
            raise PluginError("Notula found problems in the minutes:\n" + str(exc)) from None
        # In the preview, show the problems in the browser and keep serving (no traceback).
        _build = None
        log.error("Notula found problems in the minutes:\n%s", exc)
        for page in list(files.documentation_pages()):
            files.remove(page)
        files.append(File.generated(config, "index.md", content=site.problems_page(exc.problems)))
        config.nav = ["index.md"]
        return files
    for page in _build.pages:
        files.append(_generated(config, page.src_uri, lambda page=page: page.content, page.meta))
    for attachment in _build.attachments:
        file = File.generated(config, attachment.url, abs_src_path=attachment.abs_path)
        if file.is_documentation_page():  # validation refuses these; never render one
            raise PluginError(f"the attachment {attachment.url} would be rendered as a page")
        files.append(file)
    for output in outputs.generate(_build.view, _site):  # feeds, calendars, open data
        if files.get_file_from_path(output.url):
            raise PluginError(f"docs/{output.url} has the address of a file Notula generates; move it")
        files.append(_generated(config, output.url, lambda output=output: output.content))
    config.nav = site.navigation(config.nav, _build, sorted(docs))
    return files


def on_page_context(context, page, config, nav):
    """Feed, calendar and data links and JSON-LD for the <head> (read by overrides/main.html)."""
    if _build:
        for key, value in outputs.page_meta(_build.view, _site, page.url).items():
            page.meta.setdefault(key, value)  # a page's own front matter wins
    return context


def on_pre_build(config) -> None:
    global _staging
    _close_staging()
    _staging = None if _dirty or _preview else search.Staging()


def on_build_error(error) -> None:
    _close_staging()


def _close_staging() -> None:
    global _staging
    if _staging is not None:
        _staging.close()
    _staging = None


def on_page_markdown(markdown: str, page, config, files) -> str:
    return site.page_markdown(_build, markdown, page.file.src_uri) if _build else markdown


def on_page_content(html: str, page, config, files) -> str:
    if _build:
        html = site.fill_islands(_build, page.file.src_uri, html, searchable=True)
    page_scope = search.scope(page.meta)
    html = search.mark(html, page_scope)
    if _staging is not None:
        _staging.content(page.file.dest_path, html, page_scope)
    return html


def on_post_page(output: str, page, config) -> str:
    finished = site.fill_islands(_build, page.file.src_uri, output) if _build else output
    if _staging is not None:
        _staging.page(page.file.dest_path, output, finished)
    return finished


@event_priority(-100)  # last: after any hook of the site's own
def on_post_build(config) -> None:
    """The search index of the finished site (Pagefind reads the indexed part of its pages, see
    search.Staging); then, in every public build, the leak audit (see notula.audit): a hidden
    document, section or name found in any output file, the search index included, fails the build."""
    try:
        result = search.index_site(config.site_dir, pages=_staging.folder if _staging else None)
    except search.SearchIndexError as exc:
        raise PluginError(f"Notula could not build the search index: {exc}") from None
    finally:
        _close_staging()
    log.debug("Search index: %s", result.summary.replace("\n", ", "))
    if not _build or not _build.audience.public:
        return
    pages, copied = _public_sources()
    copied += [hashlib.sha256(p.read_bytes()).hexdigest() for p in search.tool_files(config.site_dir)]
    theme = (p.read_text(encoding="utf-8", errors="replace") for d in config.theme.dirs for p in Path(d).rglob("*.html"))
    try:
        report = site.audit_public_site(_build, Path(config.site_dir), config.site_url or "",
                                        itertools.chain(pages, theme), copied)
    except audit.LeakFound as exc:
        raise PluginError(str(exc)) from None
    log.info("Notula %s", report)


def _public_sources() -> tuple[list[str], list[str]]:
    """The site's hand-written pages (their text), and the sha256 of the files it copies unchanged."""
    pages, copied = [], []
    for file in _files or ():
        if file.generated_by is not None or not file.abs_src_path:
            continue
        data = Path(file.abs_src_path).read_bytes()
        if file.is_documentation_page():
            pages.append(data.decode("utf-8", errors="replace"))
        else:
            copied.append(hashlib.sha256(data).hexdigest())
    return pages, copied
