"""Issue 19, item 6: every page carries a Content-Security-Policy that its own scripts keep, on
every kind of page and while search runs; and a script put into a page does not run.

The site is the demo's members' site with two additions: a hand-written page holding an inline
script and an event handler (the site's own pages are not cleaned, so the policy alone stops
them), and a minutes body holding the same (cleaned away before the browser sees it). It is
served with the header `server_policy()` gives a web server, so that both policies are enforced
together, as behind a configured server."""

from __future__ import annotations

from pathlib import Path

import pytest

from notula.publishing.csp import server_policy
from support import serve_directory
from support.demo_pages import PAGE_TYPES
from support.material import open_page
from support.search import PAGE_DONE, PAGE_SUMMARY, search

pytestmark = pytest.mark.browser

SCRIPT_PAGE = "om/skript/"
BODY_PAGE = "sgi/2017-04-25/"
INJECTED = ('<script>window.notulaInjected = true;</script>\n\n'
            '<img alt="bild" src="data:," onerror="window.notulaHandler = true">\n')
# Every kind of page (the start, a meeting, registers, an organisation, a topic, a group, a year,
# the about pages, 404), the search page with a query that has results, and the page with a script.
PAGES = [p.path for p in PAGE_TYPES] + ["om/format/", "om/prenumerera/", "om/data/", "sok/?q=tolkar"]
RECORD = """() => {
  window.notulaViolations = [];
  document.addEventListener("securitypolicyviolation", event =>
    window.notulaViolations.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
}"""


def with_injected_scripts(root: Path) -> None:
    """The demo with a script in a hand-written page and in a minutes body."""
    (root / "docs" / "om" / "skript.md").write_text(f"# Skript\n\nText före.\n\n{INJECTED}\nText efter.\n", encoding="utf-8")
    minutes = root / "minutes" / "sgi" / "2017" / "2017-04-25-sgi.md"
    minutes.write_text(minutes.read_text(encoding="utf-8") + "\n\nSLUTORD\n\n" + INJECTED.replace("notula", "notulaBody"),
                       encoding="utf-8")


@pytest.fixture(scope="module")
def site_url(demo_builds):
    site = demo_builds.site("members", change=with_injected_scripts)
    with serve_directory(site, headers={"Content-Security-Policy": server_policy()}) as url:
        yield url


@pytest.fixture
def watched(page):
    """The page, recording policy violations (in the page) and console errors (here)."""
    page.add_init_script(f"({RECORD})()")
    page.notula_errors = []
    page.on("console", lambda message: page.notula_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.notula_errors.append(str(error)))
    return page


def _open(page, url: str, path: str) -> None:
    if path.endswith(".html"):
        page.goto(f"{url}/{path}")
        page.wait_for_function("() => window.component$ !== undefined")
    else:
        open_page(page, url, path)
    if "?q=" in path:  # the search runs: Pagefind's script, worker, WebAssembly and index
        page.locator(PAGE_SUMMARY).filter(has_text=PAGE_DONE).wait_for()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path or "start")
def test_no_page_breaks_its_policy(watched, site_url, path):
    _open(watched, site_url, path)
    assert watched.evaluate("window.notulaViolations") == []
    assert watched.notula_errors == []
    policy = watched.locator('meta[http-equiv="Content-Security-Policy"]')
    assert policy.count() == 1 and "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in policy.get_attribute("content")


def test_searching_from_the_header_breaks_no_policy(watched, site_url):
    _open(watched, site_url, BODY_PAGE)
    assert search(watched, "tolkar")  # Pagefind's worker and WebAssembly in the header's box
    watched.wait_for_load_state("networkidle")
    assert watched.evaluate("window.notulaViolations") == [] and watched.notula_errors == []


def test_a_script_put_into_a_page_does_not_run(watched, site_url):
    _open(watched, site_url, SCRIPT_PAGE)
    assert watched.locator("article").get_by_text("Text efter.").count() == 1  # the page is there
    assert watched.evaluate("[window.notulaInjected, window.notulaHandler]") == [None, None]
    violations = watched.evaluate("window.notulaViolations")
    assert any(v.startswith("script-src-elem inline") for v in violations), violations
    assert any(v.startswith("script-src-attr inline") for v in violations), violations


def test_a_script_in_a_minutes_body_never_reaches_the_page(watched, site_url):
    _open(watched, site_url, BODY_PAGE)
    assert watched.locator("article").get_by_text("SLUTORD").count() == 1
    assert watched.evaluate("[window.notulaBodyInjected, window.notulaBodyHandler]") == [None, None]
    article = watched.locator("article")
    assert article.locator("script").count() == 0 and article.locator("[onerror]").count() == 0
    assert watched.evaluate("window.notulaViolations") == []  # cleaned away: nothing left to block
