"""Where the site is published, and the files a build publishes besides its pages."""

from __future__ import annotations

import json
from collections.abc import Callable
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
    made when first asked for (the preview makes only the files a browser requests)."""

    __slots__ = ("url", "_content")

    def __init__(self, url: str, content: str | Callable[[], str]):
        self.url = url
        self._content = content  # a callable until first asked for

    @property
    def content(self) -> str:
        if callable(self._content):
            self._content = self._content()
        return self._content

    def __repr__(self) -> str:
        return f"OutputFile({self.url!r})"


def json_text(data: Any) -> str:
    """Compact JSON (the C encoder) with < > & written as \\u escapes: the same data, but no
    string in it can end a <script> element or be taken for markup, wherever the JSON goes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
