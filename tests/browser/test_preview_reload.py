"""The secretary's loop in a real browser: the page open in the preview follows each save."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from support.builds import copy_project
from support.preview import preview

pytestmark = pytest.mark.browser

FILE = "minutes/sgi/2017/2017-04-25-sgi.md"
RELOAD_MS = 90_000  # a loaded test machine; the preview itself takes about a second


def test_the_open_page_reloads_with_the_saved_change_and_with_the_problems(page, tmp_path):
    root = copy_project(tmp_path / "project")
    path = root / FILE
    original = path.read_text(encoding="utf-8")
    with preview(root) as base:
        page.goto(f"{base}/sgi/2017-04-25/")
        expect(page.locator("h1")).to_contain_text("Mötesanteckningar Strategisk grupp integration")
        path.write_text(original.replace("title: Mötesanteckningar Strategisk grupp integration",
                                         "title: Rättade anteckningar"), encoding="utf-8")
        expect(page.locator("h1")).to_contain_text("Rättade anteckningar", timeout=RELOAD_MS)
        # A save with a problem: the start page lists it; the open page is no longer found.
        path.write_text(original.replace("date: 2017-04-25", "date: 2017-04-31"), encoding="utf-8")
        page.goto(f"{base}/")
        expect(page.locator("article")).to_contain_text(FILE, timeout=RELOAD_MS)
        path.write_text(original, encoding="utf-8")
        expect(page.locator("article")).not_to_contain_text(FILE, timeout=RELOAD_MS)
