"""Search in a real browser: Swedish word forms, people's names, and what the public site must not find."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect
from support.demo_pages import built_file
from support.material import SEARCH_RESULT_LINKS, follow, open_page, search, site_path

pytestmark = pytest.mark.browser

MEETING_PAGE = re.compile(r"[^/]+/\d{4}-\d{2}-\d{2}(-[^/]+)?/")


def content_text(site: Path, path: str) -> str:
    """The lower-cased text of the article on the built page at *path*."""
    soup = BeautifulSoup(built_file(site, path).read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article").get_text(" ").lower()


def meeting_pages(paths: list[str]) -> list[str]:
    """The meeting pages among site-relative *paths* ('sgi/2017-04-25/', 'sgi/2018-03-13-agenda/')."""
    return [path for path in paths if MEETING_PAGE.fullmatch(path)]


# "besluten" occurs nowhere in the demo, so only stemming can find "beslut";
# "kommunerna" occurs, but pages with only "kommun", "kommuner"… must be found too.
@pytest.mark.parametrize(("query", "base_form"), [("besluten", "beslut"), ("kommunerna", "kommun")])
def test_an_inflected_word_finds_pages_with_its_base_form(page, members_url, demo_site, query, base_form) -> None:
    open_page(page, members_url, "")
    found = search(page, query)
    assert meeting_pages(found), f"no minutes among {found}"
    texts = {path: content_text(demo_site, path) for path in found}
    assert [path for path, text in texts.items() if base_form not in text] == []
    assert [path for path, text in texts.items() if query not in text], f"every page found contains '{query}' itself"


@pytest.mark.parametrize(
    ("name", "meeting"),
    [
        ("Mirela Kovačević", "sgi/2017-04-25/"),  # a guest at one meeting of a public group
        ("Amir Sadeghi", "styrgrupp/2018-02-14/"),  # a guest at one meeting of a members-only group
    ],
)
def test_a_name_finds_the_one_meeting_it_occurs_in(page, members_url, name, meeting) -> None:
    open_page(page, members_url, "")
    assert meeting_pages(search(page, name)) == [meeting]  # (an organisation's page may list the name too)
    follow(page, page.locator(f"{SEARCH_RESULT_LINKS}[href*='/{meeting}']").first)
    assert site_path(page.url) == meeting
    expect(page.locator("article")).to_contain_text(name)


def test_the_public_site_finds_public_minutes(page, public_url) -> None:
    open_page(page, public_url, "")
    assert "sgi/2017-04-25/" in meeting_pages(search(page, "Ahmed Haddad"))  # an attendee: named
    open_page(page, public_url, "")
    assert search(page, "Mirela") == []  # a guest: sgi's public_names policy hides guests' names


@pytest.mark.parametrize(
    "query",
    [
        "Sadeghi",  # a guest of the members-only steering group
        "ensamstående",  # a word from a members-only part of public minutes
    ],
)
def test_the_public_site_finds_nothing_members_only(page, public_url, query) -> None:
    open_page(page, public_url, "")
    assert search(page, query) == []
