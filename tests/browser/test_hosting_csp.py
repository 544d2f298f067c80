"""The Content-Security-Policy that `notula hosting nginx` sends (publishing.csp.server_policy)
lets the pages do all they do: the demo's both sites served by nginx with the generated
configuration, the members' site under /medlemmar/ behind its password, read in headless
Chromium. Loading pages and searching (Pagefind's script, worker and WebAssembly) must not
break one rule of the policy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from notula.cli import main
from notula.publishing.csp import server_policy
from support.builds import TODAY
from support.material import open_page
from support.members import with_members_under_public
from support.nginx import free_port, htpasswd, running
from support.search import search, wait_for_page_results

pytestmark = [pytest.mark.browser, pytest.mark.build]
USER, PASSWORD = "anna", "hemligt"
# Every violation of the page's policy, as the browser reports it (before any script of the page runs).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
    e => window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


@pytest.fixture(scope="module")
def base_url(demo_builds, tmp_path_factory) -> Iterator[str]:
    project = demo_builds.project(with_members_under_public)
    public = demo_builds.site("public", TODAY, change=with_members_under_public)
    members = demo_builds.site("members", TODAY, change=with_members_under_public)
    prefix: Path = tmp_path_factory.mktemp("nginx-csp")
    port = free_port()
    assert main(["--root", str(project), "hosting", "nginx", "--public", str(public), "--members", str(members),
                 "--listen", f"127.0.0.1:{port}", "--auth", "basic", "--htpasswd", str(htpasswd(prefix / "htpasswd", USER, PASSWORD)),
                 "--standalone", "-o", str(prefix / "nginx.conf")]) == 0
    with running(prefix / "nginx.conf", prefix, port):  # 127.0.0.1 is no server_name: the first server, the public host's
        yield f"http://127.0.0.1:{port}"


@pytest.fixture
def signed_in(chromium) -> Iterator:
    context = chromium.new_context(locale="sv-SE", viewport={"width": 1280, "height": 800},
                                   http_credentials={"username": USER, "password": PASSWORD})
    context.set_default_timeout(15_000)
    context.add_init_script(RECORD_VIOLATIONS)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("site", ["", "medlemmar/"], ids=["public", "members"])
def test_pages_and_search_keep_to_the_servers_policy(signed_in, base_url, site):
    page = signed_in
    response = page.goto(f"{base_url}/{site}sok/?q=tolkar")
    assert response is not None and response.ok
    assert response.header_value("content-security-policy") == server_policy()
    wait_for_page_results(page, "tolkar")
    open_page(page, base_url, f"{site}sgi/2017-04-25/")
    assert search(page, "tolkar")
    assert page.evaluate("window.__violations") == []
