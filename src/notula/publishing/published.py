"""Where the site is published, and the files a build publishes besides its pages."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from notula import __version__, urls
from notula.errors import ConfigError
from notula.i18n import _

GENERATOR = "Notula"  # what built the site: the pages (<meta name="generator">), feeds and open data name it


def generator() -> str:
    """The software and version that built the site, as the pages and the open data name it."""
    return f"{GENERATOR} {__version__}"


@dataclass(frozen=True)
class Site:
    """mkdocs.yml's site_url and site_name: feeds, calendars and data link with absolute addresses."""

    url: str
    name: str

    def __post_init__(self) -> None:
        if not self.url or not urlparse(self.url).hostname:
            raise ConfigError(_("Notula needs 'site_url' in mkdocs.yml (e.g. https://example.org/): "
                                "feeds and calendars link to the site with absolute addresses"))

    @property
    def host(self) -> str:
        return urlparse(self.url).hostname or ""

    def absolute(self, url: str) -> str:
        return urls.absolute(self.url, url)


class OutputFile:
    """A generated file that is not a page: its site-relative address and its content, given or
    made when first asked for (the preview makes only the files a browser requests). A content
    made in pieces (an iterable of strings, as the whole open dataset is) is written piece by
    piece, never held whole."""

    __slots__ = ("url", "_content")

    def __init__(self, url: str, content: str | Callable[[], str | Iterable[str]]):
        self.url = url
        self._content = content  # a callable until first asked for

    @property
    def content(self) -> str:
        if callable(self._content):
            made = self._content()
            self._content = made if isinstance(made, str) else "".join(made)
        return self._content

    def write(self, path: str) -> None:
        """Write the content into path (UTF-8), making it if it is not made yet, without keeping
        it: a full build writes each file once (a worker writes thousands)."""
        write_text(path, self._content() if callable(self._content) else self._content)

    def __repr__(self) -> str:
        return f"OutputFile({self.url!r})"


def write_text(path: str, text: str | Iterable[str]) -> None:
    """A generated file written into the site as MkDocs writes a file's text (UTF-8, its folder
    made); text given in pieces is written piece by piece."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as stream:
        stream.writelines([text] if isinstance(text, str) else text)


def json_text(data: Any) -> str:
    """Compact JSON (the C encoder) with < > & written as \\u escapes: the same data, but no
    string in it can end a <script> element or be taken for markup, wherever the JSON goes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
