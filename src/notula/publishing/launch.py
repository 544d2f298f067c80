"""Launch checks: what `notula init` left for the site to fill in before it is published.

Three kinds of placeholder: a «ÄNDRA: …» mark (the about pages, the accessibility statement,
the privacy page), an example address in site_url or in an e-mail address of a page (a domain
reserved for examples, RFC 2606 and RFC 6761, which no site can be published at or receive
mail at), and the example minutes of init (a file whose front matter still holds the line
`# EXEMPEL: …` the template starts with). A demo site (the plugin's `demo: true`) is never
published at its address: its example addresses are accepted, nothing else.
`notula check` lists them as warnings; a public build refuses while any is left.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from notula.i18n import _
from notula.reading.comments import strip_comments

# «ÄNDRA: …», also with the other Swedish quotation mark (»ÄNDRA«), in any case, composed or not.
CHANGE_MARK = re.compile(r"[«»‹›]\s*ändra\b", re.IGNORECASE)
# The first line of init's example minutes, and of any file copied from them.
EXAMPLE_MINUTES_MARK = re.compile(r"^\s*#\s*EXEMPEL\b")
# Domains reserved for examples and tests (nobody can publish a site there), and the one
# Notula's own help suggests (`notula init --url https://moten.example.se/`).
EXAMPLE_DOMAINS = ("example", "example.com", "example.net", "example.org", "test", "invalid", "localhost", "example.se")
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)*)")
MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".txt", ".yml", ".yaml", ".json", ".css", ".js"}


@dataclass(frozen=True)
class Placeholder:
    """One placeholder left in the site: where it is and what to do."""

    path: str  # relative to the site's folder
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def placeholders(root: Path, docs_dir: Path, minutes_dir: Path, site_url: str, demo: bool = False) -> list[Placeholder]:
    """Every placeholder left in the site at root (mkdocs.yml's folder): in mkdocs.yml and the
    pages of docs_dir, the example minutes in minutes_dir, and example addresses in site_url and
    in e-mail addresses (not for a demo site, which is never published at its address)."""
    found: list[Placeholder] = []
    if not demo and is_example_address(site_url):
        found.append(Placeholder("mkdocs.yml", _line_of(root / "mkdocs.yml", "site_url:"), _(
            "site_url '{url}' is an example address; write the public site's address, e.g. "
            "'site_url: https://moten.kommun.se/' (CI for GitHub or GitLab Pages sets it through SITE_URL)").format(url=site_url)))
    for path in [root / "mkdocs.yml", *_text_files(docs_dir)]:
        for number, line in _lines(path):
            for mark in CHANGE_MARK.finditer(line):
                found.append(Placeholder(_shown(path, root), number, _(
                    "the placeholder {mark} is left: write what it asks for in its place").format(mark=_whole(line, mark.start()))))
            if not CHANGE_MARK.search(line) and not demo and (address := _example_email(line)):
                found.append(Placeholder(_shown(path, root), number, _(
                    "'{address}' is an example address; write a real address, in the link too").format(address=address)))
    for path in sorted(minutes_dir.rglob("*.md")) if minutes_dir.is_dir() else []:
        for number, line in _front_matter(path):
            if EXAMPLE_MINUTES_MARK.match(line):
                found.append(Placeholder(_shown(path, root), number, _(
                    "these are the invented example minutes of 'notula init'; delete the file once the group's "
                    "own minutes are in (or, to keep it, remove the lines that start with '# EXEMPEL')")))
                break
    return found


def is_example_address(url: str) -> bool:
    """Whether url's host is a domain reserved for examples (example.org, x.example, localhost …)."""
    host = (urlparse(url.strip()).hostname or "").rstrip(".").lower()
    return any(host == domain or host.endswith("." + domain) for domain in EXAMPLE_DOMAINS)


def _whole(line: str, start: int) -> str:
    """The placeholder that starts at start: up to its closing quotation mark, or the end of the line."""
    end = min((i for i in (line.find(q, start + 1) for q in "«»‹›") if i != -1), default=len(line) - 1)
    return line[start:end + 1].strip()


def _example_email(line: str) -> str | None:
    """The first e-mail address in line at a domain reserved for examples."""
    for match in EMAIL.finditer(line):
        if is_example_address("mailto://" + match.group(1)):
            return match.group(0)
    return None


def _text_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())


def _lines(path: Path) -> list[tuple[int, str]]:
    """The lines of a text file, composed (NFC), numbered from 1; none for a file that cannot be
    read. A Markdown page's HTML comments are left out: they reach neither site (init's pages
    had one naming the «ÄNDRA: …» marks)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        text = strip_comments(text)[0]  # keeps the line breaks, so the lines stay right
    return [(number, unicodedata.normalize("NFC", line)) for number, line in enumerate(text.splitlines(), 1)]


def _front_matter(path: Path) -> list[tuple[int, str]]:
    lines = _lines(path)
    if not lines or lines[0][1].lstrip("\ufeff").strip() != "---":
        return []
    head = []
    for number, line in lines[1:]:
        if line.strip() == "---":
            break
        head.append((number, line))
    return head


def _line_of(path: Path, start: str) -> int:
    return next((number for number, line in _lines(path) if line.startswith(start)), 1)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
