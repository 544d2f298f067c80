"""One page of each type in the demo site, for the browser, accessibility and privacy tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DemoPage:
    kind: str  # what sort of page, for test ids and messages
    path: str  # site-relative address, as in the browser ("" is the start page)

    def __str__(self) -> str:
        return self.kind


PAGE_TYPES = [
    DemoPage("start", ""),
    DemoPage("minutes", "sgi/2017-04-25/"),  # attendance, guests, decisions, actions, follow-ups, members-only part
    DemoPage("members-only-minutes", "styrgrupp/2018-02-14/"),  # the "Endast för medlemmar" label
    DemoPage("agenda", "sgi/2018-03-13-agenda/"),  # guests without attendance
    DemoPage("group", "sgi/"),
    DemoPage("year", "sgi/2017/"),
    DemoPage("field-reference", "om/falt/"),
    DemoPage("about", "om/"),
    DemoPage("accessibility-statement", "om/tillganglighet/"),
    DemoPage("not-found", "404.html"),
    DemoPage("organisation", "organisationer/halmstad/"),
    DemoPage("topic", "amnen/arbetsmarknad/"),
    DemoPage("decisions-register", "beslut/"),
    DemoPage("actions-register", "uppdrag/"),
    DemoPage("meetings-register", "moten/"),
    DemoPage("glossary", "ordlista/"),
    DemoPage("search", "sok/"),  # before a search (with results: test_search.py, test_accessibility.py)
]


def built_file(site: Path, path: str) -> Path:
    """The file a static host serves for the site-relative *path*."""
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def require_built(site: Path, page: DemoPage) -> None:
    """Fail the calling test when *page* is missing from the build."""
    import pytest

    if not built_file(site, page.path).is_file():
        pytest.fail(f"{page.path} ({page.kind}) is missing from the build")
