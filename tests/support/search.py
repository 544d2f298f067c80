"""Driving Notula's search (Pagefind's components) in a Playwright page: the search box in the
header and the search page sok/. Every wait is for a state of the page, never for a time."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .material import site_path

if TYPE_CHECKING:
    from playwright.sync_api import Page

HEADER_INPUT = ".notula-header-search input.pf-searchbox-input"
SEARCH_RESULT_LINKS = ".notula-header-search a.pf-searchbox-result"  # pages and their sections
PAGE_INPUT = ".notula-search input.pf-input"
PAGE_SUMMARY = ".notula-search .pf-summary"
PAGE_RESULT_LINKS = ".notula-search a.pf-result-link"
PAGE_SECTION_LINKS = ".notula-search a.pf-heading-link"
# The search page's summary once a search has run: "tolkar gav 7 träffar", "x gav inga träffar".
PAGE_DONE = re.compile(r"gav (inga|\d+) träff")

# True once the header box shows the finished answer to the query in it: its first result
# loaded (results further down load as they scroll into view), or the line that nothing was found.
_HEADER_DONE = """query => {
  const box = document.querySelector(".notula-header-search pagefind-searchbox");
  const input = box && box.querySelector("input.pf-searchbox-input");
  if (!input || input.value !== query) return false;
  const status = box.querySelector(".pf-searchbox-status");
  if (status && !status.hidden && status.classList.contains("pf-searchbox-empty")) return status.textContent.includes(query);
  const first = box.querySelector(".pf-searchbox-results > *");
  return Boolean(first && !first.matches(".pf-searchbox-placeholder") && (!status || status.hidden));
}"""


def search(page: Page, query: str, shortcut: str = "/") -> list[str]:
    """Search with the header's box, opened by its keyboard shortcut; return the pages found
    (site-relative, best first, without duplicates; sections of a page count as the page),
    as far as they are loaded: the first few."""
    from playwright.sync_api import expect

    page.keyboard.press(shortcut)
    box = page.locator(HEADER_INPUT)
    expect(box).to_be_focused()
    box.fill(query)
    page.wait_for_function(_HEADER_DONE, arg=query)
    return result_pages(page, SEARCH_RESULT_LINKS)


def result_pages(page: Page, selector: str) -> list[str]:
    """The pages that the links matching selector lead to, in order, without #fragments or duplicates."""
    hrefs = page.locator(selector).evaluate_all("links => links.map(a => a.href)")
    return list(dict.fromkeys(site_path(href.split("#")[0]) for href in hrefs))


def result_links(page: Page, selector: str) -> list[str]:
    """The site-relative addresses (with #fragment) of the links matching selector."""
    hrefs = page.locator(selector).evaluate_all("links => links.map(a => a.href)")
    return [site_path(href) + (f"#{href.split('#', 1)[1]}" if "#" in href else "") for href in hrefs]


def wait_for_page_results(page: Page, query: str) -> str:
    """Wait until the search page shows its answer to query; return the summary line."""
    from playwright.sync_api import expect

    summary = page.locator(PAGE_SUMMARY)
    expect(summary).to_have_text(PAGE_DONE)
    expect(summary).to_contain_text(query)
    return summary.inner_text()


def result_count(summary: str) -> int:
    """The number of results a summary line reports (0 for "inga")."""
    match = PAGE_DONE.search(summary)
    assert match, f"not a summary of a finished search: {summary!r}"
    return 0 if match.group(1) == "inga" else int(match.group(1))


def page_result_pages(page: Page) -> list[str]:
    """The pages the search page lists, once its first results are loaded (they load as they
    scroll into view, so the list is scrolled to first)."""
    from playwright.sync_api import expect

    page.locator(".notula-search pagefind-results").scroll_into_view_if_needed()
    expect(page.locator(PAGE_RESULT_LINKS).first).to_be_attached()
    return result_pages(page, PAGE_RESULT_LINKS)


def highlighted(page: Page, selector: str = ".notula-header-search") -> list[str]:
    """The words highlighted as matches in the results shown inside selector, lower-cased.

    Pagefind answers a word it does not know with the longest known word that begins it
    ("Sadeghi" finds "så"), so "nothing found" shows in what is highlighted, not in a count."""
    return [text.lower() for text in page.locator(f"{selector} mark").all_inner_texts()]
