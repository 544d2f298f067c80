"""Broken internal links and anchors in a built static site.

``check_links(site_dir)`` reads every HTML file under *site_dir* and checks
each ``href`` and ``src`` that stays on the site: the file it points to must
exist (a directory address means its ``index.html``, as on a static host),
and a ``#fragment`` must be an ``id`` (or ``<a name>``) on the target page.
Links with a scheme (``https:``, ``mailto:``…) and protocol-relative links
are not followed.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = ("href", "src")


@dataclass(frozen=True)
class BrokenLink:
    """A link on *page* (site-relative file) to *link* (as written) that does not resolve."""

    page: str
    link: str
    target: str  # the site-relative file the link resolves to
    problem: str  # "no such file" or "no such anchor"


def check_links(site_dir: str | Path, base_path: str = "/") -> list[BrokenLink]:
    """Every internal link or anchor under *site_dir* that leads nowhere.

    *base_path* is the path part of ``site_url`` (``/`` for the demo): links
    starting with ``/`` (MkDocs writes them on ``404.html``) are read below it.
    """
    site = Path(site_dir)
    if not site.is_dir():
        raise FileNotFoundError(f"cannot check links in {site}: no such directory (was the site built?)")
    links: dict[str, list[str]] = {}
    ids: dict[str, frozenset[str]] = {}
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        links[page], ids[page] = _links_and_ids(path)
    broken = []
    for page, hrefs in links.items():
        for link in hrefs:
            resolved = resolve_link(page, link, base_path)
            if resolved is None:
                continue
            target, fragment = resolved
            file = _existing_file(site, target)
            if file is None:
                broken.append(BrokenLink(page, link, target, "no such file"))
            elif fragment and fragment not in ids.get(file, ()):
                broken.append(BrokenLink(page, link, file, "no such anchor"))
    return broken


def format_broken_links(broken: Iterable[BrokenLink], limit: int = 40) -> str:
    """Readable list of broken links for an assertion message."""
    broken = list(broken)
    lines = [f"{b.page}: {b.link} -> {b.target}: {b.problem}" for b in broken[:limit]]
    if len(broken) > limit:
        lines.append(f"… and {len(broken) - limit} more")
    return "\n".join(lines) or "no broken links"


class _StartTags(HTMLParser):
    """Every start tag of a page and its attributes, read as BeautifulSoup's "html.parser" reads
    them (valueless attributes are "", a repeated attribute keeps its last value), without
    building a tree: several times faster, for tests that read every page of a site."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def start_tags(path: Path) -> list[tuple[str, dict[str, str]]]:
    """(tag name, attributes) of every element of the HTML file at path, in document order."""
    parser = _StartTags()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.tags


def _links_and_ids(path: Path) -> tuple[list[str], frozenset[str]]:
    """The href and src values of a page, and the ids (and <a name>s) it has."""
    tags = start_tags(path)
    links = [attrs[attr] for attr in LINK_ATTRIBUTES for _, attrs in tags if attr in attrs]
    names = [attrs["id"] for _, attrs in tags if "id" in attrs] + [
        attrs["name"] for tag, attrs in tags if tag == "a" and "name" in attrs]
    return links, frozenset(names)


def resolve_link(page: str, link: str, base_path: str = "/") -> tuple[str, str] | None:
    """(site-relative target, fragment) of *link* on *page* (a site-relative file); None if external.

    A target ending in "/" is a directory address, "" is the site's root, and one
    outside the site starts with "<outside the site>".
    """
    parts = urlsplit(link.strip())
    if parts.scheme or parts.netloc:
        return None
    fragment = unquote(parts.fragment)
    if not parts.path:  # "#anchor" or "?query": this page
        return page, fragment
    path = unquote(parts.path)
    if path.startswith("/"):
        base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        if not path.startswith(base):
            return "<outside the site>" + path, fragment
        target = path[len(base):]
    else:
        target = posixpath.join(posixpath.dirname(page), path)
    normal = posixpath.normpath(target) if target else "."
    if normal.startswith(".."):
        return "<outside the site>/" + path, fragment
    if normal == ".":
        return "", fragment  # the site's root
    directory = path.endswith(("/", "/.")) or path == "."
    return normal + ("/" if directory else ""), fragment


def _existing_file(site: Path, target: str) -> str | None:
    """The site-relative file a static host would serve for *target*, if it exists."""
    if target.startswith("<outside the site>"):
        return None
    path = site / target
    if target == "" or target.endswith("/") or path.is_dir():
        index = posixpath.join(target.rstrip("/"), "index.html").lstrip("/")
        return index if (site / index).is_file() else None
    return target if path.is_file() else None
