"""Reading a built site in tests: pages as soup, which pages no link leads to, and a scan of every file.

Broken links and anchors are found by tests/support/links.py (check_links).
"""

from __future__ import annotations

import gzip
from pathlib import Path

from bs4 import BeautifulSoup

from support.links import resolve_link, start_tags


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url: str) -> BeautifulSoup:
    """The parsed page at a site-relative url ('organisationer/halmstad/')."""
    return soup(site / url / "index.html")


def article(site: Path, url: str):
    """The page's main content (without the navigation)."""
    return page(site, url).select_one("article")


def _page_file(site: Path, target: str) -> str | None:
    """The site-relative HTML file a static host serves for target, if there is one."""
    file = target + "index.html" if target == "" or target.endswith("/") else target
    return file if file.endswith(".html") and (site / file).is_file() else None


def unreachable(site: Path, start: str = "index.html") -> list[str]:
    """HTML pages that no chain of links from the start page leads to (404.html aside)."""
    seen, todo = {start}, [start]
    while todo:
        current = todo.pop()
        for href in (attrs["href"] for tag, attrs in start_tags(site / current) if tag == "a" and "href" in attrs):
            resolved = resolve_link(current, href)
            target = resolved and _page_file(site, resolved[0])
            if target and target not in seen:
                seen.add(target)
                todo.append(target)
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    return sorted(pages - seen - {"404.html"})


def scan(site: Path, needles: list[str]) -> dict[str, list[str]]:
    """Every file of the built site (decompressing gzip: .gz and Pagefind's index files) searched
    for each needle, case-insensitively."""
    hits: dict[str, list[str]] = {n: [] for n in needles}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # gzip
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace").lower() + " " + path.relative_to(site).as_posix().lower()
        for needle in needles:
            if needle.lower() in text:
                hits[needle].append(path.relative_to(site).as_posix())
    return {n: files for n, files in hits.items() if files}
