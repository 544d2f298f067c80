"""Checks on a built site: internal links and anchors resolve, and every page can be reached."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

LINKING = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url: str) -> BeautifulSoup:
    """The parsed page at a site-relative url ('organisationer/halmstad/')."""
    return soup(site / url / "index.html")


def article(site: Path, url: str):
    """The page's main content (without the navigation)."""
    return page(site, url).select_one("article")


def page_url(site: Path, path: Path) -> str:
    """'/sgi/2017/' for site/sgi/2017/index.html."""
    rel = path.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def _target(site: Path, url_path: str) -> Path:
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


class Site:
    """A built site: its pages, their internal links, and the ids on each page."""

    def __init__(self, root: Path):
        self.root = root
        self.pages = sorted(root.rglob("*.html"))
        self._soups: dict[Path, BeautifulSoup] = {}

    def soup(self, path: Path) -> BeautifulSoup:
        if path not in self._soups:
            self._soups[path] = soup(path)
        return self._soups[path]

    @lru_cache(maxsize=None)
    def ids(self, path: Path) -> frozenset[str]:
        found = self.soup(path).find_all(attrs={"id": True}) + self.soup(path).find_all("a", attrs={"name": True})
        return frozenset(el.get("id") or el.get("name") for el in found)

    def links(self, path: Path):
        """(url as written, target file, fragment) of every internal link on a page."""
        base = page_url(self.root, path)
        for tag, attr in LINKING:
            for el in self.soup(path).find_all(tag, attrs={attr: True}):
                href = el[attr]
                parts = urlsplit(href)
                if parts.scheme or parts.netloc or href.startswith(("mailto:", "data:")):
                    continue
                resolved = urlsplit(urljoin(base, href))
                yield href, _target(self.root, resolved.path), resolved.fragment

    def broken_links(self) -> list[str]:
        problems = []
        for path in self.pages:
            for href, target, fragment in self.links(path):
                shown = f"{page_url(self.root, path)}: {href}"
                if not target.is_file():
                    problems.append(f"{shown} (no file {target.relative_to(self.root)})")
                elif fragment and target.suffix == ".html" and unquote(fragment) not in self.ids(target):
                    problems.append(f"{shown} (no anchor #{fragment})")
        return problems

    def unreachable(self, start: str = "index.html") -> list[str]:
        """HTML pages that no chain of links from the start page leads to (404.html aside)."""
        seen = {self.root / start}
        todo = [self.root / start]
        while todo:
            path = todo.pop()
            for _, target, _ in self.links(path):
                if target.suffix == ".html" and target not in seen and target.is_file():
                    seen.add(target)
                    todo.append(target)
        return [page_url(self.root, p) for p in self.pages if p not in seen and p.name != "404.html"]
