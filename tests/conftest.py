"""Shared fixtures: a copy of the demo project to change, and real MkDocs builds of it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# The tests assert the English messages (the msgids); tests of the Swedish ones set NOTULA_LANG
# themselves. Set before anything else runs, so that every subprocess (MkDocs builds, the CLI)
# inherits it too.
os.environ["NOTULA_LANG"] = "en"

from support.synthetic import SITE_PARTS, copy_site

REPO = Path(__file__).resolve().parent.parent
def copy_project(target: Path) -> Path:
    """A copy of the demo project (config, docs, minutes) at target."""
    return copy_site(REPO, target, SITE_PARTS + ("minutes",))


class BuildFailed(AssertionError):
    pass


def build_site(root: Path, audience: str = "members", today: str | None = None, out: Path | None = None) -> Path:
    """Build root's site with MkDocs in a fresh process, as CI would."""
    out = out or root / "site" / audience
    env = dict(os.environ, NOTULA_AUDIENCE=audience, NO_MKDOCS_2_WARNING="1")
    env.pop("NOTULA_TODAY", None)
    if today:
        env["NOTULA_TODAY"] = today
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(out)],
        capture_output=True, text=True, env=env, cwd=root,
    )
    if result.returncode != 0:
        raise BuildFailed(f"mkdocs build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return out


def run_build(root: Path, audience: str = "members", today: str | None = None) -> subprocess.CompletedProcess:
    """Like build_site, but returns the finished process whether it failed or not."""
    env = dict(os.environ, NOTULA_AUDIENCE=audience, NO_MKDOCS_2_WARNING="1")
    if today:
        env["NOTULA_TODAY"] = today
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")],
        capture_output=True, text=True, env=env, cwd=root,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the demo project that a test may change."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo project's members' site, built once per test session."""
    root = copy_project(tmp_path_factory.mktemp("demo") / "project")
    return build_site(root, "members", today="2026-11-23")


@pytest.fixture(scope="session")
def demo_public_site(tmp_path_factory) -> Path:
    """The demo project's public site, built once per test session."""
    root = copy_project(tmp_path_factory.mktemp("demo-public") / "project")
    return build_site(root, "public", today="2026-11-23")


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
def public_url(demo_public_site):
    """Base URL (no trailing slash) of the demo public site on a local server."""
    from support import serve_directory

    with serve_directory(demo_public_site) as url:
        yield url


# ------------------------------------------------------------------ end of browser fixtures
