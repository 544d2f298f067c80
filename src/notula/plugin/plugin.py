"""The `notula` MkDocs plugin: validates the minutes, adds the pages, outputs and theme files.

Every event is a thin call into the package (plugin/site.py and below); what the plugin holds
is one build's state, on the instance. MkDocs keeps one instance per process (it has
`on_startup`), so the preview reuses its validation cache across saves, and `on_config`
starts each build afresh.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import material
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from notula import heap, labels, retired
from notula.errors import ConfigError
from notula.i18n import _
from notula.model.validation_cache import ValidationCache
from notula.plugin import mkdocs_private, site
from notula.plugin.ahead import Ahead, Job
from notula.plugin.config import NotulaConfig, settings_of, site_addresses
from notula.plugin.generated import GeneratedFile, GeneratedPage, nav_paths, nav_titles, site_nav, with_generated
from notula.plugin.navcache import NavCache
from notula.plugin.writing import EVENTS, SharedWriting, handlers_allow
from notula.problems import ProblemsFound
from notula.publishing import audit, csp, launch, outputs, robots, search
from notula.publishing.published import OutputFile, Site, generator
from notula.reading.filing import attachable
from notula.rendering import body, searchable
from notula.rendering.page import Page as PlannedPage
from notula.settings import Settings, source_date_epoch
from notula.showing.audience import for_settings
from notula.showing.view import View

log = logging.getLogger("mkdocs.plugins.notula")
THEME_DIR = Path(__file__).parent / "theme"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"  # also reachable as material/…
CSS = "assets/stylesheets/notula.css"  # in THEME_DIR; first, so that a site's own CSS can override it
JAVASCRIPT = "assets/javascripts/notula-filter.js"  # narrows the Beslut and Uppdrag registers
PRIVACY_PAGE = "om/personuppgifter.md"  # the site's privacy page (notula init writes one), linked from every footer

# What Notula's pages are written in, added where a site's mkdocs.yml leaves them out.
MARKDOWN_EXTENSIONS: dict[str, dict[str, Any]] = {
    "abbr": {},
    "admonition": {},
    "attr_list": {},
    "def_list": {},  # "Term" then ": explanation", as minutes explain abbreviations and terms
    "footnotes": {"PLACE_MARKER": body.FOOTNOTES},  # inside the minutes body, right after it
    "md_in_html": {},
    "tables": {},
    "mdx_truly_sane_lists": {"nested_indent": 2, "truly_sane": True},  # lists indented by two spaces
    "toc": {"permalink": True, "permalink_title": "Länk till det här avsnittet"},
    "notula.rendering.body": {},  # a minutes body's raw HTML stays inside the body
}


class NotulaPlugin(BasePlugin[NotulaConfig]):
    """Meeting minutes as pages, registers, feeds, calendars, open data and a search index."""

    def __init__(self) -> None:
        self.preview = False
        self.dirty = False  # --dirty (and serve): not every page is rendered
        self.marked: list[str] = []  # the pages of this build marked for search (their paths in the site)
        self.cache = ValidationCache()  # the preview's: a save validates only the files that changed
        self.nav_cache = NavCache()  # Material's navigation, rendered once for the pages outside it
        self._reset()

    def _reset(self) -> None:
        self.epoch_set: str | None = None  # SOURCE_DATE_EPOCH as this plugin set it
        self.settings = Settings()
        self.build: site.Build | None = None
        self.published: Site | None = None
        self.files: Files | None = None
        self.nav_position: int | None = None  # where the generated navigation goes
        self.nav_entries: list = []  # the generated navigation, as mkdocs.yml entries
        self.ahead: Ahead | None = None  # a full build's worker making the generated files
        self.written_ahead: set[str] = set()  # the files it has written into the site (src_uri)
        self.later: list[tuple[int, GeneratedFile]] = []  # the files it is making, written by on_post_build
        self.head: dict[str, dict] = {}  # by src_uri: what the worker found a page's <head> links to
        self.kept = False  # whether this build keeps what it planned out of the garbage collector's way
        self.nav: Navigation | None = None
        self.writing: SharedWriting | None = None  # a full build's worker writing pages beside MkDocs
        self.written_by_worker = 0  # how many pages it wrote
        self.restore_engine: Callable[[], None] | None = None  # undoes mkdocs_private.pages_skipped

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.preview, self.dirty = command == "serve", dirty

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.marked = []

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_ahead()
        self._stop_writing()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._forget_epoch()
        self._stop_ahead()
        self._stop_writing()
        self._let_go()
        self._reset()
        if not config.use_directory_urls:
            raise PluginError(_("Notula needs 'use_directory_urls: true' in mkdocs.yml"))
        old = retired.old_options(_as_written(config))
        if old:  # what a site made for an older Notula must change
            raise PluginError("\n".join(f"mkdocs.yml: {option}" for option in old))
        try:
            self.settings = settings_of(self.config, Path(config.config_file_path).parent, config.docs_dir,
                                        config.site_dir, self.preview)
            # The members' site is a site of its own: MkDocs' canonical links and sitemap, and
            # Notula's feeds, calendars and data, name its address (members_url) in its build.
            config.site_url = self.settings.own_url(config.site_url or "") or None
            self.published = Site(config.site_url or "", config.site_name)
        except ConfigError as exc:  # a bad setting, or no site_url
            raise PluginError(f"notula: {exc}") from None
        self._check_launch(config)
        if "SOURCE_DATE_EPOCH" not in os.environ:  # the sitemap and its .gz are dated by the build date
            os.environ["SOURCE_DATE_EPOCH"] = self.epoch_set = source_date_epoch(self.settings.build_date)
        _add_theme(config)
        _add_markdown_extensions(config)
        minutes = str(Path(config.config_file_path).parent / self.settings.minutes_dir)
        if minutes not in config.watch:  # the preview reloads on a save in the minutes folder
            config.watch.append(minutes)
        if config.nav and site.NAV_PLACEHOLDER in config.nav:
            self.nav_position = config.nav.index(site.NAV_PLACEHOLDER)
            config.nav = [entry for entry in config.nav if entry != site.NAV_PLACEHOLDER]
        return config

    def _check_launch(self, config: MkDocsConfig) -> None:
        """A public build refuses while init's placeholders are left (notula.publishing.launch);
        the preview of the public site only warns."""
        if self.settings.audience != "public":
            return
        root = Path(config.config_file_path).parent
        left = launch.placeholders(root, Path(config.docs_dir), root / self.settings.minutes_dir,
                                   config.site_url or "", self.config.demo)
        if not left:
            return
        listed = "\n".join(f"  {placeholder}" for placeholder in left)
        if self.preview:
            log.warning("%s\n%s", _("The site still has placeholders; a public build refuses until they are replaced:"), listed)
            return
        raise PluginError(_("The public site is not built while the site still has placeholders of 'notula init'; "
                            "replace them first:") + "\n" + listed)

    def _add_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Validate the minutes and plan the generated pages and files (made when read, or by
        a worker ahead of MkDocs), with the attachments."""
        if self.preview:  # the preview makes only what a browser asks for, and keeps its own heap
            return self._plan(files, config)[0]
        with heap.kept_to_the_end():
            files, jobs = self._plan(files, config)
        self.kept = True
        self.ahead = Ahead.start(jobs)
        return files

    def _plan(self, files: Files, config: MkDocsConfig) -> tuple[Files, list[Job]]:
        """files with the generated pages and files added, and the jobs that make them (in the
        order MkDocs reads them: the pages, then the other files)."""
        self.files = files
        root = Path(config.config_file_path).parent
        docs_dir = Path(config.docs_dir).relative_to(root).as_posix() if Path(config.docs_dir).is_relative_to(root) else config.docs_dir
        docs = {f.src_uri: f"{docs_dir}/{f.src_uri}" for f in files.documentation_pages()}
        try:
            text = site.SiteText(config.site_name, config.site_description)
            self.build = site.prepare(root, docs, for_settings(self.settings), text,
                                      cache=self.cache if self.preview else None,
                                      minutes_dir=self.settings.minutes_dir, public_names=self.settings.public_names,
                                      site_addresses=site_addresses(config.site_url, self.config))
        except ProblemsFound as exc:
            if not self.preview:
                raise PluginError(_("Notula found problems in the minutes:") + "\n" + str(exc)) from None
            return self._problems_only(files, config, exc), []
        assert self.published is not None
        for url, why in sorted(self.build.view.withheld.items()):
            log.info(_("Notula: the attachment {url} is left out of the public site ({why}); "
                       "'notula check' says why and how to fix it").format(url=url, why=why))
        self.nav_entries = site.generated_nav(self.build)
        titles = nav_titles([*(config.nav or []), *self.nav_entries])
        jobs: list[Job] = []
        for page in self.build.pages:
            page_file = GeneratedFile.planned(config, page.src_uri, self._made(len(jobs), page))
            GeneratedPage(titles.get(page.src_uri), page_file, config, page.meta)
            files.append(page_file)
            jobs.append(Job(partial(_page_ahead, page, page_file, self.build.view, self.published),
                            partial(self._settle_page, page)))
        for attachment in self.build.attachments:
            file = File.generated(config, attachment.url, abs_src_path=attachment.abs_path)
            if file.is_documentation_page():  # validation refuses these; never render one
                raise PluginError(_("the attachment {url} would be rendered as a page").format(url=attachment.url))
            if not attachable(attachment.url):  # nor copy a type a browser might run
                raise PluginError(_("the attachment {url} is of a type that is never published").format(url=attachment.url))
            files.append(file)
        for output in outputs.generate(self.build.view, self.published):  # feeds, calendars, open data, robots.txt
            own = files.get_file_from_path(output.url)
            if own is not None and output.url == robots.URL:  # the site's own is for its public site
                files.remove(own)
                log.info(_("docs/{url} is left out of the members' site, whose robots.txt keeps every search engine out")
                         .format(url=output.url))
            elif own is not None:
                raise PluginError(_("docs/{url} has the address of a file Notula generates; move it").format(url=output.url))
            file = GeneratedFile.planned(config, output.url, partial(getattr, output, "content"), output.write)
            file.writes_later = partial(self._writes_later, len(jobs), file)
            files.append(file)
            jobs.append(Job(partial(_write, file.abs_dest_path, output), partial(self._mark_written, file.src_uri)))
        return files, jobs

    def _made(self, job: int, page: PlannedPage) -> Callable[[], str]:
        """What reads a page's source: the worker's, if it has made or is making it, else made here."""
        def make() -> str:
            if self.ahead is not None:
                self.ahead.wait(job)
            return page.content
        return make

    def _writes_later(self, job: int, file: GeneratedFile) -> bool:
        """Whether MkDocs should leave file (job) alone: with a worker, it is written at the end
        of the build (_write_later), so that MkDocs renders the pages meanwhile rather than
        wait for the worker to make it."""
        if self.ahead is None:
            return False
        self.later.append((job, file))
        return True

    def _write_later(self) -> None:
        """Write the files the worker was to make: those it did not make are made here."""
        for job, file in self.later:
            if self.ahead is not None:
                self.ahead.wait(job)
            if file.src_uri not in self.written_ahead:
                file.write()
        self.later = []

    def _settle_page(self, page: PlannedPage, made: tuple) -> None:
        outcome, self.head[page.src_uri] = made
        page.settle(outcome)

    def _mark_written(self, src_uri: str, _: bool) -> None:
        self.written_ahead.add(src_uri)

    def _stop_ahead(self) -> None:
        if self.ahead is not None:
            self.ahead.close()
        self.ahead = None

    def on_shutdown(self) -> None:
        self._forget_epoch()
        self._stop_ahead()
        self._stop_writing()
        self._let_go()

    def _let_go(self) -> None:
        """The build is over (MkDocs ends every build, failed or not, with on_shutdown): what it
        kept to its end may be freed (notula.heap)."""
        if self.kept:
            heap.build_over()
            self.kept = False

    def _forget_epoch(self) -> None:
        """Remove the SOURCE_DATE_EPOCH this plugin set for an earlier build in this process."""
        if self.epoch_set is not None and os.environ.get("SOURCE_DATE_EPOCH") == self.epoch_set:
            del os.environ["SOURCE_DATE_EPOCH"]
        self.epoch_set = None

    def _problems_only(self, files: Files, config: MkDocsConfig, exc: ProblemsFound) -> Files:
        """The preview while the minutes have problems: a start page that lists them, nothing else
        (no traceback, and the server keeps watching)."""
        log.error("%s\n%s", _("Notula found problems in the minutes:"), exc)
        for page in list(files.documentation_pages()):
            files.remove(page)
        files.append(File.generated(config, "index.md", content=site.problems_page(exc.problems)))
        config.nav = ["index.md"]
        self.nav_position = None
        return files

    @event_priority(-100)  # after every plugin's and hook's on_files: the site's own pages are all there
    def _place_nav(self, files: Files, *, config: MkDocsConfig) -> Files:
        """The generated sections (groups and their years, the registers) in config.nav, where
        mkdocs.yml's nav has the placeholder NOTULA, or after the site's own pages: MkDocs
        builds the navigation from it."""
        if self.build is None:  # the preview's problems only (_problems_only)
            return files
        for _title, path in nav_paths(self.nav_entries):
            if files.get_file_from_path(path) is None:
                raise PluginError(_("Notula's navigation names '{path}', which no file has").format(path=path))
        config.nav = with_generated(site_nav(files, config), self.nav_entries, self.nav_position)
        return files

    on_files = CombinedEvent(_add_files, _place_nav)

    @event_priority(-100)  # after every plugin's and hook's on_nav: the navigation the pages get
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """The navigation MkDocs built (with Notula's sections, _place_nav), for the navigation cache."""
        self.nav_cache.reset(nav)
        self.nav = nav
        return nav

    def _extend_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Material's templates also under material/ (theme/partials/nav.html includes its own
        from there) and Notula's under notula/ (a site's own main.html extends notula/main.html
        rather than copy it), and the navigation cache for this build."""
        loaders = [env.loader] if env.loader is not None else []
        env.loader = ChoiceLoader([*loaders, PrefixLoader({"material": FileSystemLoader(MATERIAL_TEMPLATES),
                                                           "notula": FileSystemLoader(THEME_DIR)})])
        env.globals["notula_nav"] = self.nav_cache
        env.globals["notula_members_site"] = labels.MEMBERS_SITE if self.settings.audience == "members" else ""
        env.globals["notula_generator"] = generator()
        env.globals["notula_privacy"] = files.get_file_from_path(PRIVACY_PAGE) is not None  # linked from the footer
        return env

    @event_priority(-100)  # after every plugin's and hook's on_env: the environment the pages are written with
    def _share_writing(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """In a full build, a worker writes pages beside MkDocs (notula.plugin.writing), where
        nothing that runs as a page is written keeps anything for later."""
        if self.preview or self.dirty or self.nav is None:
            return env
        handlers = [handler for event in EVENTS for handler in config.plugins.events[event]]
        if not handlers_allow(handlers, self):
            log.debug("Pages written on one core: a plugin or hook handles %s", " or ".join(EVENTS))
            return env
        doc_files, nav = files.documentation_pages(inclusion=InclusionLevel.is_included), self.nav  # as MkDocs writes them
        self.writing = SharedWriting.start([file.page for file in doc_files],
                                           lambda page: mkdocs_private.build_page(page, config, doc_files, nav, env))
        if self.writing is not None:
            self.restore_engine = mkdocs_private.pages_skipped(self._written_by_worker)
        return env

    on_env = CombinedEvent(_extend_env, _share_writing)

    def _written_by_worker(self, page: Page) -> bool:
        """Whether the worker writes page, which MkDocs then skips."""
        return self.writing is not None and self.writing.takes(page)

    @event_priority(100)  # before any plugin or hook reads the site
    def _finish_writing(self, *, config: MkDocsConfig) -> None:
        """The pages the worker claimed and did not write, written here."""
        if self.writing is None:
            return
        try:
            written = self.writing.finish()
        finally:
            self._stop_writing()
        self.written_by_worker = len(written)
        for page in written:  # what a page lets go of once written (on_page_context, on_post_page)
            self.head.pop(page.file.src_uri, None)
            if self.build is not None:
                site.written_elsewhere(self.build, page.file.src_uri)

    def _stop_writing(self) -> None:
        if self.restore_engine is not None:
            self.restore_engine()
        self.restore_engine = None
        if self.writing is not None:
            self.writing.close()
        self.writing = None

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        """Feed, calendar and data links and JSON-LD for the <head> (read by theme/main.html)."""
        if self.build and self.published:
            head = self.head.pop(page.file.src_uri, None)
            if head is None:
                head = outputs.page_meta(self.build.view, self.published, page.url)
            for key, value in head.items():
                page.meta.setdefault(key, value)  # a page's own front matter wins
        return context

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return site.page_markdown(self.build, markdown, page.file.src_uri) if self.build else markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.build:
            try:
                html = site.page_content(self.build, page.file.src_uri, html, let_go=not self.preview)
            except site.BodyNotFound as exc:
                raise PluginError(str(exc)) from None
        page_scope = searchable.scope(page.meta)
        if page_scope != searchable.NONE:
            self.marked.append(page.file.dest_uri)
        return searchable.mark(html, page_scope)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = _with_policy(output, page.content or "", page.file.src_uri)
        return site.finished_page(self.build, page.file.src_uri, output, let_go=not self.preview) if self.build else output

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The theme's own pages (404.html) carry the policy too."""
        return _with_policy(output_content, "", template_name) if template_name.endswith(".html") else output_content

    @event_priority(-100)  # last: after any hook or plugin of the site's own
    def _index_and_audit(self, *, config: MkDocsConfig) -> None:
        """The search index of the finished site (Pagefind reads its pages, checked whole before
        the build may succeed; see search.index_site); then, in every public build, the leak
        audit (see notula.publishing.audit): a hidden document, section or name found in any
        output file, the search index included, fails the build."""
        self._write_later()
        self._stop_ahead()
        if not self.preview:  # a full build (as for the islands above)
            self._let_go_of_pages()
        try:
            result = search.index_site(config.site_dir, pages=None if self.dirty or self.preview else self.marked,
                                       part_pages=self.config.search_part_pages)
        except search.SearchIndexError as exc:
            raise _search_failed(exc) from None
        log.debug("Search index: %s", result.summary)
        if not self.build or not self.build.audience.public:
            return
        pages, copied = self._public_sources()
        copied += [hashlib.sha256(p.read_bytes()).hexdigest() for p in search.tool_files(config.site_dir)]
        theme = (p.read_text(encoding="utf-8", errors="replace") for d in config.theme.dirs for p in Path(d).rglob("*.html"))
        try:
            report = site.audit_public_site(self.build, Path(config.site_dir), config.site_url or "",
                                            itertools.chain(pages, theme), copied)
        except audit.LeakFound as exc:
            raise PluginError(str(exc)) from None
        log.info("Notula %s", report)

    on_post_build = CombinedEvent(_finish_writing, _index_and_audit)

    def _let_go_of_pages(self) -> None:
        """Every hook and plugin is done with the generated pages (this is the last on_post_build,
        and MkDocs has checked their anchors): let go of their Markdown and HTML, and hand the
        memory back before Pagefind needs as much again (notula.heap)."""
        for file in self.files or ():
            if isinstance(file.page, GeneratedPage):
                file.page.markdown = file.page.content = None
        heap.give_back()

    def _public_sources(self) -> tuple[list[str], list[str]]:
        """The site's hand-written pages (their text), and the sha256 of the files it copies unchanged."""
        pages, copied = [], []
        for file in self.files or ():
            if file.generated_by is not None or not file.abs_src_path:
                continue
            data = Path(file.abs_src_path).read_bytes()
            if file.is_documentation_page():
                pages.append(data.decode("utf-8", errors="replace"))
            else:
                copied.append(hashlib.sha256(data).hexdigest())
        return pages, copied


def _page_ahead(page: PlannedPage, file: File, view: View, published: Site) -> tuple:
    """What the worker makes for a generated page: its source and front matter, what its <head>
    links to (on_page_context), and the folder MkDocs will write it into (which takes the build
    about a third of a millisecond a page, on the other core here)."""
    os.makedirs(os.path.dirname(file.abs_dest_path), exist_ok=True)
    return page.outcome(keep=False), outputs.page_meta(view, published, page.url)


def _write(path: str, output: OutputFile) -> bool:
    """Write output where MkDocs would (GeneratedFile.copy_file), in the worker that made it."""
    output.write(path)
    return True


def _with_policy(output: str, content: str, name: str) -> str:
    """A finished page with its Content-Security-Policy (publishing.csp)."""
    try:
        return csp.with_policy(output, content)
    except csp.NoHead as exc:
        raise PluginError(f"{name}: {exc}") from None


def _search_failed(error: search.SearchIndexError) -> PluginError:
    return PluginError(_("Notula could not build the search index: {error}").format(error=error))


def _as_written(config: MkDocsConfig) -> dict:
    """The options notula.retired looks at, as mkdocs.yml writes them."""
    return {"extra": dict(config.extra or {}), "hooks": list(config.hooks or {}),
            "extra_css": list(config.extra_css), "extra_javascript": [str(script) for script in config.extra_javascript]}


def _add_theme(config: MkDocsConfig) -> None:
    """Notula's templates and assets, between the site's own custom_dir and Material."""
    dirs = config.theme.dirs
    if str(THEME_DIR) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
    if CSS not in config.extra_css:
        config.extra_css.insert(0, CSS)
    if JAVASCRIPT not in [str(script) for script in config.extra_javascript]:
        config.extra_javascript.insert(0, JAVASCRIPT)


def _add_markdown_extensions(config: MkDocsConfig) -> None:
    for name, options in MARKDOWN_EXTENSIONS.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
            config.mdx_configs.setdefault(name, dict(options))
        elif options and name == "toc":
            for key, value in options.items():
                config.mdx_configs.setdefault(name, {}).setdefault(key, value)
        elif name == "footnotes":  # a body's footnotes are cleaned with it only where they are put
            config.mdx_configs.setdefault(name, {}).update(options)


def plugin_of(config: MkDocsConfig) -> NotulaPlugin:
    """The site's Notula plugin; a PluginError when mkdocs.yml does not use it."""
    plugin = config.plugins.get("notula")
    if not isinstance(plugin, NotulaPlugin):
        raise PluginError(_("mkdocs.yml does not use the Notula plugin: add it under 'plugins:' as '- notula'"))
    return plugin
