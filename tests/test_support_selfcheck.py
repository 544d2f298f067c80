"""Self-check of tests/support: server, Chromium, axe, vnu, foreign requests.

Each test uses tiny pages written to tmp_path, so a failure here points at
the tooling, not at the Notula site.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import (
    format_axe,
    format_vnu,
    record_foreign_requests,
    require_test_tools,
    run_axe,
    serve_directory,
)
from support.quality import run_vnu_sites, without

pytestmark = pytest.mark.browser

GOOD_PAGE = """<!DOCTYPE html>
<html lang="sv">
<head><meta charset="utf-8"><title>Bra sida</title></head>
<body><main><h1>Protokoll</h1><p>Allt är väl.</p><img src="dot.svg" alt="Punkt"></main></body>
</html>
"""

NO_ALT_PAGE = GOOD_PAGE.replace('alt="Punkt"', "")

INVALID_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"></head>
<body><div><p>Ingen titel</span></body></html>
"""

FOREIGN_PAGE = GOOD_PAGE.replace(
    "</main>",
    '<img src="http://192.0.2.1/x.png" alt="Extern">'
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Inbäddad"></main>',
)

DOT_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'


@pytest.fixture(scope="module")
def selfcheck_browser(chromium):
    """The session's Chromium (Playwright's sync API runs once per process)."""
    return chromium


@pytest.fixture
def selfcheck_page(selfcheck_browser) -> Iterator:
    page = selfcheck_browser.new_page()
    page.set_default_timeout(10_000)
    yield page
    page.close()


def write_site(root: Path, pages: dict[str, str]) -> Path:
    """Write *pages* (name → text) plus dot.svg under *root*."""
    for name, text in {"dot.svg": DOT_SVG, **pages}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_server_serves_files_with_static_host_mime_types(tmp_path: Path) -> None:
    expected = {
        "index.html": "text/html; charset=utf-8",
        "search.json": "application/json",
        "feed.xml": "application/xml",
        "moten.ics": "text/calendar; charset=utf-8",
        "app.js": "text/javascript; charset=utf-8",
        "style.css": "text/css; charset=utf-8",
        "dot.svg": "image/svg+xml",
        "font.woff2": "font/woff2",
    }
    site = write_site(tmp_path, {name: f"content of {name}" for name in expected if name != "dot.svg"})
    with serve_directory(site) as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        for name, mime in expected.items():
            status, content_type, body = fetch(f"{base_url}/{name}")
            assert (status, content_type) == (200, mime), name
            assert body == (site / name).read_bytes(), name
        assert fetch(f"{base_url}/")[2] == (site / "index.html").read_bytes()
        assert fetch(f"{base_url}/saknas.html")[0] == 404
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(base_url, timeout=2)


def test_server_uses_the_sites_own_404_page(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"404.html": "<p>Sidan finns inte</p>"})
    with serve_directory(site) as base_url:
        status, content_type, body = fetch(f"{base_url}/saknas/")
    assert (status, content_type) == (404, "text/html; charset=utf-8")
    assert body == b"<p>Sidan finns inte</p>"


def test_chromium_loads_a_served_page(tmp_path: Path, selfcheck_page) -> None:
    site = write_site(tmp_path, {"index.html": GOOD_PAGE})
    with serve_directory(site) as base_url:
        response = selfcheck_page.goto(f"{base_url}/")
        assert response is not None and response.status == 200
        assert selfcheck_page.title() == "Bra sida"
        assert selfcheck_page.inner_text("main p") == "Allt är väl."
        assert selfcheck_page.evaluate("document.querySelector('img').naturalWidth") == 1


def test_axe_reports_image_without_alt(tmp_path: Path, selfcheck_page) -> None:
    site = write_site(tmp_path, {"bad.html": NO_ALT_PAGE})
    with serve_directory(site) as base_url:
        selfcheck_page.goto(f"{base_url}/bad.html")
        violations = run_axe(selfcheck_page)
    assert [v["id"] for v in violations] == ["image-alt"], format_axe(violations)
    assert violations[0]["nodes"][0]["target"] == ["img"]
    assert "image-alt" in format_axe(violations)


def test_axe_passes_a_good_page(tmp_path: Path, selfcheck_page) -> None:
    site = write_site(tmp_path, {"good.html": GOOD_PAGE})
    with serve_directory(site) as base_url:
        selfcheck_page.goto(f"{base_url}/good.html")
        violations = run_axe(selfcheck_page)
    assert violations == [], format_axe(violations)


def test_vnu_flags_only_the_invalid_page(tmp_path: Path) -> None:
    require_test_tools()
    site = write_site(tmp_path / "one", {"valid.html": GOOD_PAGE, "sub/invalid.html": INVALID_PAGE})
    other = write_site(tmp_path / "two", {"bad.html": INVALID_PAGE})
    found = run_vnu_sites({"one": site, "two": other})  # one run of the checker, its messages by site
    messages = found["one"]
    assert {m["path"] for m in found["two"]} == {"bad.html"}, format_vnu(found["two"])
    assert {m["path"] for m in messages} == {"sub/invalid.html"}, format_vnu(messages)
    texts = " ".join(m["message"] for m in messages)
    assert "title" in texts and "Stray end tag" in texts, format_vnu(messages)
    assert "sub/invalid.html:3" in format_vnu(messages)
    assert without(messages, ignore=["title", "Stray", "[Uu]nclosed"]) == []  # what run_vnu(ignore=…) keeps


def test_foreign_requests_are_recorded(tmp_path: Path, selfcheck_page) -> None:
    site = write_site(tmp_path, {"index.html": FOREIGN_PAGE})
    with serve_directory(site) as base_url:
        foreign = record_foreign_requests(selfcheck_page, base_url)
        with selfcheck_page.expect_request("http://192.0.2.1/x.png", timeout=5_000):
            selfcheck_page.goto(f"{base_url}/", wait_until="domcontentloaded")
        selfcheck_page.wait_for_function("document.images[0].complete")  # same-origin dot.svg
    assert foreign == ["http://192.0.2.1/x.png"]


def test_foreign_request_filter_ignores_local_schemes() -> None:
    class FakePage:
        def on(self, event: str, handler) -> None:
            self.event, self.handler = event, handler

    page = FakePage()
    foreign = record_foreign_requests(page, "http://127.0.0.1:8000/")
    for url in [
        "http://127.0.0.1:8000/assets/app.js",
        "data:image/png;base64,AAAA",
        "blob:http://127.0.0.1:8000/1234",
        "http://127.0.0.1:8001/other-port.js",
        "https://fonts.gstatic.com/s/roboto.woff2",
    ]:
        page.handler(type("Request", (), {"url": url})())
    assert page.event == "request"
    assert foreign == ["http://127.0.0.1:8001/other-port.js", "https://fonts.gstatic.com/s/roboto.woff2"]
