"""One page of each type in the demo site, for the browser, accessibility and privacy tests.

Pages that a branch not yet merged adds (organisations, topics, registers,
glossary: issue 3) are listed too; tests skip them while they are absent from
the build, so that they turn on by themselves after the merge.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DemoPage:
    kind: str  # what sort of page, for test ids and messages
    path: str  # site-relative address, as in the browser ("" is the start page)
    pending: str = ""  # where the page is being built, if it may be missing from the build

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
    DemoPage("organisation", "organisationer/halmstad/", pending="issue 3"),
    DemoPage("topic", "amnen/arbetsmarknad/", pending="issue 3"),
    DemoPage("decisions-register", "beslut/", pending="issue 3"),
    DemoPage("actions-register", "uppdrag/", pending="issue 3"),
    DemoPage("meetings-register", "moten/", pending="issue 3"),
    DemoPage("glossary", "ordlista/", pending="issue 3"),
]


def built_file(site: Path, path: str) -> Path:
    """The file a static host serves for the site-relative *path*."""
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def skip_unless_built(site: Path, page: DemoPage) -> None:
    """Skip the calling test when *page* is one still being built elsewhere and absent here.

    A page that is not pending must exist: its absence fails the test.
    """
    import pytest

    if built_file(site, page.path).is_file():
        return
    if page.pending:
        pytest.skip(f"{page.path} ({page.kind}) is not in the build yet; it comes with {page.pending}")
    pytest.fail(f"{page.path} ({page.kind}) is missing from the build")
