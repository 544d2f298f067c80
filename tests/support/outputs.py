"""Shared helpers for the tests of feeds, calendars and exports: a View of the demo without MkDocs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from notula.model.validate import load_corpus
from notula.publishing.published import Site
from notula.showing.audience import Audience
from notula.showing.view import View, build_view

REPO = Path(__file__).resolve().parents[2]
SITE = Site("https://example.org/", "Samverkan i Halland")
LATE = dt.date(2026, 11, 23)


def view_of(root: Path = REPO, audience: str = "members", today: dt.date = LATE) -> View:
    return build_view(load_corpus(root), Audience(name=audience, today=today))


def text_files(site: Path) -> dict[str, str]:
    """Every text file of a built site by its site-relative path."""
    found = {}
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".ics", ".json", ".txt", ".js"}:
            found[path.relative_to(site).as_posix()] = path.read_text(encoding="utf-8", errors="replace")
    return found
