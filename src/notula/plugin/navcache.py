"""Material's navigation rendered once for all the pages outside it, instead of once per page.

Most of a Notula site is outside the navigation (meetings, organisations, topics). Such a page
has nothing in the navigation marked as its own, so the navigation's HTML differs between them
only in its links, which are relative: the same for pages at the same folder depth whose
addresses share the same leading folders with the navigation's. theme/partials/nav.html keeps
the first rendering per such key here and gives it to the others: the HTML is the same, and
Material's navigation, half of its template's time per page, is rendered a few times per build.

Material's template leaves a line of indentation for every item it considers, shown or not
(with navigation.prune, every year of every group): at 10,000 meetings, of a meeting page's
48,000 characters its navigation took 26,000, 18,000 of them such white space. The HTML kept
here has each run of white space that holds a line break made one line break, as a browser
shows it anyway (the navigation has no <pre> or <textarea>): every page outside the navigation
is that much smaller to write, for Pagefind to read and for a reader to download.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from markupsafe import Markup
from mkdocs.structure.nav import Navigation

Key = tuple[int, tuple[str, ...]]


class NavCache:
    """The navigation's HTML for the pages outside it, per key (see key); one build's."""

    def __init__(self) -> None:
        self._html: dict[Key, Markup] = {}
        self._in_nav: set[int] = set()
        self._folders: set[tuple[str, ...]] = set()  # the leading folders of the navigation's addresses

    def reset(self, nav: Navigation) -> None:
        """Start a build with this navigation."""
        self._html.clear()
        self._in_nav = {id(page) for page in nav.pages}
        self._folders = {()} | {folders[:n] for item in _items(nav.items) if isinstance(getattr(item, "url", None), str)
                         for folders in [_folders(item.url)] for n in range(len(folders) + 1)}

    def key(self, page: object) -> Key | None:
        """What page's navigation depends on: its folder depth and the leading folders it shares
        with the navigation's addresses; None for a page in the navigation (or no page), whose
        navigation is its own."""
        url = getattr(page, "url", None)
        if not isinstance(url, str) or id(page) in self._in_nav:
            return None
        folders = _folders(url)
        shared = max(n for n in range(len(folders) + 1) if folders[:n] in self._folders)
        return url.count("/"), folders[:shared]

    def get(self, key: Key) -> Markup | None:
        return self._html.get(key)

    def put(self, key: Key, html: str) -> Markup:
        """Keep the navigation rendered for key (its blank lines and indentation taken out); returns it."""
        self._html[key] = Markup(without_blank_lines(html))
        return self._html[key]


_LINE_BREAK_IN_WHITE_SPACE = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")  # HTML's white space: ASCII only


def without_blank_lines(html: str) -> str:
    """html with each run of white space that holds a line break made one line break (for HTML
    without <pre> or <textarea>, whose white space would count)."""
    return _LINE_BREAK_IN_WHITE_SPACE.sub("\n", html)


def _folders(url: str) -> tuple[str, ...]:
    return tuple(part for part in url.split("/") if part)


def _items(items: Iterable) -> Iterator:
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or ())
