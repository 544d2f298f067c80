"""Shared fixtures: a copy of the demo project to change, and real MkDocs builds of it (made by
tests/support/builds.py, the one place that says how a test builds a site)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from notula import engine

# The tests assert the English messages (the msgids); tests of the Swedish ones set NOTULA_LANG
# themselves. Set before anything else runs, so that every subprocess (MkDocs builds, the CLI)
# inherits it too.
os.environ["NOTULA_LANG"] = "en"

# Re-exported for test modules written before the helpers moved to tests/support/builds.py.
from support.builds import REPO, TODAY, BuildFailed, SiteCache, build_site, copy_project, run_build  # noqa: F401


def pytest_configure(config):
    """The engine of this run (NOTULA_ENGINE, see notula.engine), for in-process builds too:
    chosen before any test module imports MkDocs."""
    engine.choose()


@pytest.fixture(autouse=True, scope="session")
def _notula_as_if_from_an_index():
    """The checkout is installed editable, which `notula init` refuses to pin in a site's
    requirements.txt (a site's CI cannot install it): in the tests, init pins this version as an
    install from an index would. tests/test_install.py installs Notula for real, in processes
    of their own, where this does not reach."""
    from notula import __version__
    from notula.cli import init

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(init, "installed_requirement", lambda: f"notula~={init.release(__version__)}")
        yield


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the demo project that a test may change."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def demo_builds(tmp_path_factory) -> SiteCache:
    """The session's builds of the demo and its variants, each (variant, audience, date) built once:
    `demo_builds.site("public", "2030-01-01")`, `demo_builds.site("members", change=add_x)`."""
    base = tmp_path_factory.getbasetemp()
    # Under pytest-xdist each worker has its own base folder in the session's: share that one.
    return SiteCache((base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "builds")


@pytest.fixture(scope="session")
def demo_site(demo_builds) -> Path:
    """The demo project's members' site on the demo date, built once per test session."""
    return demo_builds.site("members", TODAY)


@pytest.fixture(scope="session")
def demo_public_site(demo_builds) -> Path:
    """The demo project's public site on the demo date, built once per test session."""
    return demo_builds.site("public", TODAY)


@pytest.fixture(scope="session")
def demo_cli_build(demo_builds) -> tuple[int, Path]:
    """`notula build` (both audiences) of a copy of the demo on the demo date, run once:
    its exit status and the site folder (members/ and public/)."""
    from notula.cli import main

    def make(folder: Path) -> None:
        root = copy_project(folder / "project")
        status = main(["--root", str(root), "build", "--site-dir", str(folder / "site"), "--today", TODAY])
        (folder / "status").write_text(str(status))

    folder = demo_builds.once("notula-build", make)
    return int((folder / "status").read_text()), folder / "site"


# ---------------------------------------------------------------------------------------------
# Browser fixtures (issue 5): one headless Chromium for the whole session, and one local
# server per built demo site. Playwright's sync API runs once per process, so every test
# that needs a browser takes `chromium` rather than starting Playwright itself. Per-test
# pages (desktop, phone) are in tests/browser/conftest.py.
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    """Headless system Chromium (skips, or fails under CI, when the test tools are missing)."""
    from support import launch_chromium, require_test_tools

    require_test_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def members_url(demo_site):
    """Base URL (no trailing slash) of the demo members' site on a local server."""
    from support import serve_directory

    with serve_directory(demo_site) as url:
        yield url


@pytest.fixture(scope="session")
def hosted_members_site(demo_site):
    """The demo members' site served as `notula hosting` has a host serve it (support.hosted)."""
    from support import hosted

    with hosted(demo_site) as site:
        yield site


@pytest.fixture(scope="session")
def public_url(demo_public_site):
    """Base URL (no trailing slash) of the demo public site on a local server."""
    from support import serve_directory

    with serve_directory(demo_public_site) as url:
        yield url


# ------------------------------------------------------------------ end of browser fixtures
