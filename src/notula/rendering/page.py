"""One generated page: its address, front matter and source, made when first asked for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from notula import heap, labels, urls
from notula.model.corpus import Meeting
from notula.model.schema import RECORD_TYPES
from notula.rendering.render import Islands, page_source, render
from notula.showing.view import View


@dataclass(frozen=True)
class Source:
    """A page's Markdown source, and its HTML islands (render.Islands)."""

    content: str
    islands: tuple[str, ...] | None = ()  # HTML put in after MkDocs has rendered the page
    text_islands: tuple[str, ...] | None = ()  # HTML put in before search indexes the page
    # (None: put in, and let go since: Page.used)


class Page:
    """A generated page: its address and front-matter at once, its source when first asked for.

    A full build asks for every page's source; the preview only for the pages a browser
    requests, so that an edit costs one page, not the whole site (see notula.plugin.preview)."""

    __slots__ = ("url", "meta", "_source")

    def __init__(self, url: str, meta: dict | None, make: Callable[[], Source]):
        self.url = url
        self.meta = meta  # None: known only once made (Page.deferred)
        # made when first asked for; once finished (used), only its text, compressed (bytes)
        self._source: Source | bytes | Callable[[], Source] = make

    @classmethod
    def deferred(cls, url: str, make: Callable[[], Page], meta: dict | None = None) -> Page:
        """A page whose template context too is computed only when it is made: make() returns
        the page. meta, if given, must be the one it has (checked when made)."""
        page = cls(url, meta, lambda: Source(""))
        page._source = partial(page._made, make)
        return page

    def _made(self, make: Callable[[], Page]) -> Source:
        made = make()
        if made.url != self.url or (self.meta is not None and made.meta != self.meta):
            raise RuntimeError(f"page '{self.url}' was planned as {self.meta}, made as '{made.url}' {made.meta}")
        self.meta = made.meta
        return made.source

    @property
    def source(self) -> Source:
        if callable(self._source):
            self._source = self._source()  # and lets go of the context it was made from
        if isinstance(self._source, bytes):
            return Source(heap.unpacked(self._source), None, None)
        return self._source

    @property
    def content(self) -> str:
        return self.source.content

    def outcome(self, keep: bool = True) -> tuple[Source, dict | None]:
        """The source and front matter, made if they are not yet: what settle takes (from a
        copy of this page in another process, see notula.plugin.ahead). Without keep, a source
        made here is not kept: the worker makes each page once and hands it over, and would
        otherwise hold every page of the site by the end."""
        if keep or not callable(self._source):
            return self.source, self.meta
        source = self._source()
        return source, self.meta

    def settle(self, made: tuple[Source, dict | None]) -> None:
        """Take the source and front matter outcome() returned, unless made here already."""
        if not self.made:
            self._source, self.meta = made

    @property
    def islands(self) -> tuple[str, ...]:
        return self._still_there(self.source.islands)

    @property
    def text_islands(self) -> tuple[str, ...]:
        return self._still_there(self.source.text_islands)

    def _still_there(self, islands: tuple[str, ...] | None) -> tuple[str, ...]:
        if islands is None:
            raise RuntimeError(f"page '{self.url}': its islands were let go once they had been put in")
        return islands

    def used(self, *, finished: bool = False) -> None:
        """A full build has put the text islands into the page's HTML (and, once finished, the
        other islands into its finished page): let go of them, as a build of thousands of pages
        would otherwise hold each page's HTML twice to its end. The source itself stays (its
        file may still be read), compressed once the page is finished; asking for an island let
        go raises."""
        source = self.source
        if finished:
            self._source = heap.packed(source.content)
        else:
            self._source = Source(source.content, source.islands, None)

    @property
    def made(self) -> bool:
        """Whether the source has been made (a test aid for the preview)."""
        return not callable(self._source)

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


def title(view: View, meeting: Meeting) -> str:
    """The meeting's title: as written (with the date added when it does not name the year),
    or type, group and date."""
    doc = meeting.doc
    if doc.title:
        text = doc.title if str(doc.date.year) in doc.title else f"{doc.title} {labels.long_date(doc.date)}"
        return view.names.redact(meeting, text)
    group = view.registry.groups[doc.group]
    base = f"{group.name} {labels.long_date(doc.date)}"
    return base if doc.type in RECORD_TYPES else f"{labels.TYPE_LABELS[doc.type]}: {base}"


def linker(view: View, page_url: str) -> dict:
    """Template helpers bound to the page being rendered."""
    return {
        "link": urls.LinksFrom(page_url),
        "title": lambda m: title(view, m),
        "registry": view.registry,
        "today": view.today,
        "group_labels": {g: group.short or group.name for g, group in view.registry.groups.items()},
        "names": view.names,  # names.name(meeting, name) and names.redact(meeting, text): the names policy
    }


def make_page(view: View, url: str, template: str, meta: dict, **context) -> Page:
    """A generated page from a template, with the link helpers and island() for long HTML."""

    def make() -> Source:
        islands = Islands(abbreviations=view.registry.abbreviations)
        content = render(template, **context, island=islands, **linker(view, url))
        return Source(page_source(meta, content), tuple(islands.parts))

    return Page(url, meta, make)
