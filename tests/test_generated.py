"""Notula's generated files and pages, and its sections of the navigation
(notula.plugin.generated): the files and pages are made when the engine reads them; the
sections go into mkdocs.yml's navigation where it has the placeholder NOTULA, or after the
site's own pages, and MkDocs builds and links that navigation itself; every generated page is
Notula's (GeneratedPage), one per file, with the title the navigation gives it."""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, PluginCollection
from mkdocs.structure.files import File, Files, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, Section, get_navigation
from mkdocs.structure.pages import Page

from notula.plugin import run
from notula.plugin.generated import GeneratedFile, GeneratedPage
from notula.plugin.plugin import NotulaPlugin, plugin_of
from notula.rendering import registers
from support.builds import REPO, TODAY
from support.sitecheck import page as demo_page

OMITTED = "not included in the \"nav\""  # MkDocs' message for a page its navigation leaves out


class _Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(record.getMessage())


def navigation(root: Path) -> tuple[Navigation, NotulaPlugin, list[str]]:
    """MkDocs' navigation of root's members' site, made in this process as `mkdocs build` makes
    it (without the worker), the plugin, and what MkDocs logged about the navigation."""
    config = run.load(root / "mkdocs.yml", audience="members", today=dt.date.fromisoformat(TODAY),
                      site_dir=str(root / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    logger = logging.getLogger(get_navigation.__module__)
    messages = _Messages()
    logger.addHandler(messages)
    try:
        config = config.plugins.on_config(config)
        files = get_files(config)
        files.add_files_from_theme(config.theme.get_env(), config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        for file in files.documentation_pages():
            assert file.page is not None
            if file.generated_by == "notula":
                assert isinstance(file, GeneratedFile) and isinstance(file.page, GeneratedPage), file.src_uri
        return nav, plugin_of(config), messages.texts
    finally:
        logger.removeHandler(messages)
        config.plugins.on_shutdown()


def _items(items: list) -> Iterator:
    for item in items:
        yield item
        yield from _items(item.children or [])


def assert_linked(nav: Navigation) -> None:
    """As MkDocs links a navigation: its pages in order, each once and the page of its file,
    previous and next along them, every item's parent its section."""
    pages = [item for item in _items(nav.items) if isinstance(item, Page)]
    assert [id(page) for page in nav.pages] == [id(page) for page in pages]
    assert len({id(page) for page in pages}) == len({page.file.src_uri for page in pages}) == len(pages)
    assert all(page.file.page is page for page in pages)
    for before, page, after in zip([None, *pages], pages, [*pages[1:], None]):
        assert (page.previous_page, page.next_page) == (before, after), page
    for item in nav.items:
        assert item.parent is None
    for section in (item for item in _items(nav.items) if isinstance(item, Section)):
        assert all(child.parent is section for child in section.children)


def generated_titles(plugin: NotulaPlugin) -> list[str]:
    """The generated sections' titles: each group's name (as MkDocs prints titles, raw), then each register."""
    assert plugin.build is not None
    return [html.escape(group.name) for group in plugin.build.view.registry.groups.values()] + \
           [title for title, _url in registers.NAV_ENTRIES]


def set_nav(root: Path, nav: str | None) -> None:
    """Replace the demo's nav: in mkdocs.yml (None: no nav at all)."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    replaced = re.sub(r"\nnav:\n(?:  .*\n)+", "\n" if nav is None else f"\nnav:\n{nav}", text)
    assert replaced != text
    config.write_text(replaced, encoding="utf-8")


def test_the_generated_sections_go_where_mkdocs_yml_has_the_placeholder(project):
    nav, plugin, messages = navigation(project)
    assert [item.title for item in nav.items] == ["Start", *generated_titles(plugin), "Om webbplatsen"]
    assert_linked(nav)
    start = nav.items[0]
    assert isinstance(start, GeneratedPage) and start.title == "Start" and nav.homepage is start  # its title from mkdocs.yml
    assert not [text for text in messages if OMITTED in text]


def test_a_group_section_has_its_page_then_its_years_newest_first(project):
    nav, plugin, _ = navigation(project)
    assert plugin.build is not None
    for group_id, group in plugin.build.view.registry.groups.items():
        section = next(item for item in nav.items if item.title == html.escape(group.name))
        years = sorted({m.year for m in plugin.build.view.corpus.of_group(group_id)}, reverse=True)
        assert [child.url for child in section.children] == [f"{group_id}/"] + [f"{group_id}/{y}/" for y in years]
        assert [child.title for child in section.children[1:]] == [str(y) for y in years]
        assert all(isinstance(child, GeneratedPage) for child in section.children)


@pytest.mark.parametrize("where", ["first", "last"])
def test_the_placeholder_anywhere_in_the_nav(project, where):
    own = "  - Start: index.md\n  - Om webbplatsen:\n      - om/index.md\n"
    set_nav(project, "  - NOTULA\n" + own if where == "first" else own + "  - NOTULA\n")
    nav, plugin, _ = navigation(project)
    generated = generated_titles(plugin)
    titles = [item.title for item in nav.items]
    assert titles == ([*generated, "Start", "Om webbplatsen"] if where == "first" else ["Start", "Om webbplatsen", *generated])
    assert_linked(nav)


def test_a_site_without_a_nav_has_its_own_pages_first_as_mkdocs_makes_them(project):
    set_nav(project, None)
    nav, plugin, messages = navigation(project)
    generated = generated_titles(plugin)
    assert [item.title for item in nav.items[-len(generated):]] == generated
    own = [item for item in _items(nav.items[:-len(generated)]) if isinstance(item, Page)]
    written = sorted(p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.md"))
    assert sorted(page.file.src_uri for page in own) == written  # every hand-written page, none generated
    assert [item.title for item in nav.items[:-len(generated)]] == ["Om"]  # MkDocs' section of docs/om/
    assert_linked(nav)
    assert not [text for text in messages if OMITTED in text]


HOOK = '''
from mkdocs.structure.files import File


def on_files(files, config):
    files.append(File.generated(config, "tillagd.md", content="# Tillagd av en hook\\n"))
    return files
'''


def test_a_page_a_hook_adds_is_in_the_nav_of_a_site_without_one(project):
    """The sections are placed after every plugin's and hook's on_files: a page a hook adds is
    in MkDocs' navigation of the site's own pages, as it would be without Notula."""
    set_nav(project, None)
    (project / "hooks" / "tillagd.py").write_text(HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - hooks/tillagd.py\n"),
                      encoding="utf-8")
    nav, plugin, messages = navigation(project)
    generated = generated_titles(plugin)
    own = [item for item in nav.items[:-len(generated)] if isinstance(item, Page)]
    assert [page.file.src_uri for page in own] == ["tillagd.md"]
    assert type(own[0]) is Page and isinstance(own[0].file, File)
    assert not [text for text in messages if OMITTED in text]
    assert_linked(nav)


def test_the_footer_links_the_neighbours_in_the_navigation(demo_site):
    """Material's footer links each page's previous and next pages, as MkDocs linked them: from
    the start page to the first group, from the last register to the site's own pages."""
    start = demo_page(demo_site, "").select_one("a.md-footer__link--next")
    assert start is not None and start["href"] == "sgi/"
    about = demo_page(demo_site, "om/").select_one("a.md-footer__link--prev")
    assert about is not None and about["href"] == "../" + registers.NAV_ENTRIES[-1][1]


# --- the generated files and pages themselves ------------------------------------------------

@pytest.fixture
def config(tmp_path):
    """The demo's configuration with one plugin of the test's own, which plans files (planned)."""
    config = run.load(REPO / "mkdocs.yml", site_dir=str(tmp_path / "site"))
    config.plugins = PluginCollection()
    config.plugins["planning"] = _Planning()
    return config


class _Planning(BasePlugin):
    planning: tuple = ()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        files.append(GeneratedFile.planned(config, *self.planning))
        return files


def planned(config, src_uri: str, make) -> GeneratedFile:
    """GeneratedFile.planned called as the plugin calls it: in an on_files event."""
    config.plugins["planning"].planning = (src_uri, make)
    file = config.plugins.on_files(Files([]), config=config).get_file_from_path(src_uri)
    assert isinstance(file, GeneratedFile) and file.generated_by == "planning"
    return file


def test_a_generated_file_is_made_when_read_or_written_and_not_before(config):
    made: list[str] = []

    def make() -> str:
        made.append("made")
        return "Å ett flöde\n"

    file = planned(config, "data/flode.json", make)
    assert made == [] and file.is_modified() and file.inclusion.is_not_in_nav()
    assert file.content_string == "Å ett flöde\n" and file.content_bytes == "Å ett flöde\n".encode()
    file.copy_file()
    assert Path(file.abs_dest_path).read_bytes() == "Å ett flöde\n".encode() and len(made) == 3
    file.content_string = "ersatt"  # as MkDocs' own File: setting the content replaces it
    assert file.content_bytes == b"ersatt" and len(made) == 3


def test_a_generated_file_the_build_writes_later_is_not_written_when_copied(config):
    file = planned(config, "kalender.ics", lambda: "BEGIN:VCALENDAR\n")
    file.writes_later = lambda: True
    file.copy_file()
    assert not Path(file.abs_dest_path).exists()
    file.write()
    assert Path(file.abs_dest_path).read_text(encoding="utf-8") == "BEGIN:VCALENDAR\n"


def test_a_generated_page_reads_its_source_from_notula_once_asked(config):
    made: list[str] = []
    source = "---\ntitle: Ett möte\ndate: 2017-04-25\n---\n\n# Ett möte\n\nText.\n"
    file = planned(config, "sgi/2017-04-25.md", lambda: made.append("made") or source)
    page = GeneratedPage(None, file, config, {"title": "Ett möte"})
    assert file.page is page and page.markdown is None and made == []
    page.read_source(config)
    assert made == ["made"]
    assert page.markdown == "# Ett möte\n\nText.\n"
    assert page.meta == {"title": "Ett möte", "date": dt.date(2017, 4, 25)}  # as MkDocs reads front matter
    assert page.title == "Ett möte" and page.planned_meta == {"title": "Ett möte"}


def test_a_generated_file_with_a_writer_is_written_by_it_until_its_content_is_replaced(config, tmp_path):
    written: list[str] = []

    def writer(path: str) -> None:
        written.append(path)
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text("i bitar\n", encoding="utf-8")

    config.plugins["planning"].planning = ("data/moten.json", lambda: "hela\n", writer)
    file = config.plugins.on_files(Files([]), config=config).get_file_from_path("data/moten.json")
    file.copy_file()
    assert written == [file.abs_dest_path] and Path(file.abs_dest_path).read_text(encoding="utf-8") == "i bitar\n"
    assert file.content_string == "hela\n"
    file.content_string = "ersatt"  # a hook's content wins over the writer's
    file.copy_file()
    assert len(written) == 1 and Path(file.abs_dest_path).read_text(encoding="utf-8") == "ersatt"


def test_a_generated_page_keeps_its_html_compressed_between_render_and_write(config):
    file = planned(config, "sgi/2017-04-25.md", lambda: "# Ett möte\n")
    page = GeneratedPage(None, file, config, None)
    assert page.content is None
    html = "<p>Beslut om åtgärder för Göteborg.</p>\n" * 400
    page.content = html
    assert page.content == html and page.content is not page.content  # each reader gets the text back
    held = page.packed_html
    assert isinstance(held, bytes) and len(held) < len(html) // 10
    page.content = None
    assert page.content is None and page.packed_html is None
