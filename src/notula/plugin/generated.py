"""The files and pages Notula generates, and its sections of the navigation, through the
engine's public API (MkDocs 1.6 and ProperDocs alike).

- A generated file (GeneratedFile, made with `File.generated`) is made when something first
  reads it (`content_string`, `content_bytes`) or copies it into the site (`copy_file`): a full
  build reads every one, the preview (notula.plugin.preview) only those a browser asks for. A
  file that the build's worker (notula.plugin.ahead) writes itself is not written again.
- A generated page (GeneratedPage) reads its source from Notula's page (`read_source`, as the
  views of Material's blog do), and keeps its HTML compressed until MkDocs writes it
  (`content`). It is attached to its file in `on_files`, with the title the navigation gives
  it, so that MkDocs uses it rather than make a page of its own.
- The generated sections go into `config.nav` (with_generated), where mkdocs.yml has the
  placeholder NOTULA or after the site's own pages: MkDocs then builds the navigation and links
  its parents and neighbours itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key, set_exclusions
from mkdocs.structure.pages import Page
from mkdocs.utils import nest_paths
from mkdocs.utils.meta import get_data

from notula import heap
from notula.publishing.published import write_text


class GeneratedFile(File):
    """A file Notula generates, made by make() whenever it is read or copied."""

    make: Callable[[], str]
    writer: Callable[[str], None] | None = None  # writes make()'s text into a path without holding it whole
    writes_later: Callable[[], bool] | None = None  # whether the build writes it later itself (plugin.ahead)

    @classmethod
    def planned(cls, config: MkDocsConfig, src_uri: str, make: Callable[[], str],
                writer: Callable[[str], None] | None = None) -> GeneratedFile:
        """A generated file at src_uri whose text make() makes (and writer, if given, writes).
        Pages among them are reached from other pages, not all from the navigation."""
        file = cls.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)  # content: make()'s
        assert isinstance(file, cls)
        file.make, file.writer = make, writer
        return file

    @property
    def content_string(self) -> str:
        return self.make()

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.make, self.writer = (lambda: value), None

    @property
    def content_bytes(self) -> bytes:
        return self.make().encode("utf-8")

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.make, self.writer = (lambda: value.decode("utf-8")), None

    def is_modified(self) -> bool:
        return True

    def copy_file(self, dirty: bool = False) -> None:
        if self.writes_later is None or not self.writes_later():
            self.write()

    def write(self) -> None:
        """Write the file into the site (where copy_file would)."""
        if self.writer is not None:
            self.writer(self.abs_dest_path)
        else:
            write_text(self.abs_dest_path, self.make())


class GeneratedPage(Page):
    """A page Notula generates: its source made by make() when MkDocs reads it (its file gives
    any other reader the same text), its front matter known before (planned_meta, or None)."""

    def __init__(self, title: str | None, file: GeneratedFile, config: MkDocsConfig, planned_meta: dict | None) -> None:
        super().__init__(title, file, config)
        self.make = file.make
        self.nav_title = title  # the title the navigation gives it, if any
        self.planned_meta = planned_meta

    packed_html: bytes | None = None  # content, compressed

    @property
    def content(self) -> str | None:
        """The page's HTML. MkDocs renders every page before it writes any; meanwhile a page holds
        its HTML compressed (a meeting page's 26 kB as a string are 3 kB: 500 MB at 20,000 meetings)."""
        return None if self.packed_html is None else heap.unpacked(self.packed_html)

    @content.setter
    def content(self, value: str | None) -> None:
        self.packed_html = None if value is None else heap.packed(value)

    def read_source(self, config: MkDocsConfig) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)  # a hook may still replace it
        self.markdown, self.meta = get_data(self.make() if source is None else source)


def nav_paths(nav: list | dict | str) -> Iterator[tuple[str | None, str]]:
    """(title, path) for every path a navigation names, as mkdocs.yml writes one (a path,
    {title: path} or {title: [entries]}), in the order MkDocs reads them."""
    if isinstance(nav, dict):
        for title, value in nav.items():
            yield from [(title, value)] if isinstance(value, str) else nav_paths(value)
    elif isinstance(nav, list):
        for entry in nav:
            yield from nav_paths(entry)
    else:
        yield None, nav


def nav_titles(nav: list) -> dict[str, str | None]:
    """The title each path has where the navigation first names it: the one MkDocs would give
    the page it makes for that path (a page named again keeps its first title)."""
    titles: dict[str, str | None] = {}
    for title, path in nav_paths(nav):
        titles.setdefault(path, title)
    return titles


def site_nav(files: Files, config: MkDocsConfig) -> list[Any]:
    """The site's own navigation: mkdocs.yml's, or for a site without one, what MkDocs makes of
    its pages (in get_navigation, with these same calls)."""
    if config.nav is not None:
        return list(config.nav)
    set_exclusions(files, config)  # as MkDocs does after on_files, for the files plugins added
    pages = sorted(files.documentation_pages(), key=file_sort_key)
    return nest_paths(file.src_uri for file in pages if file.inclusion.is_in_nav())


def with_generated(nav: list, generated: list, at: int | None) -> list:
    """nav with the generated entries put at position at (None: after the rest)."""
    at = len(nav) if at is None else min(at, len(nav))
    return [*nav[:at], *generated, *nav[at:]]
