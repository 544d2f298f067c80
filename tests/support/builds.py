"""Real MkDocs builds of the demo project in tests, and a session cache of them.

Every test build goes through `mkdocs_build`: the one place that says how a site is built.
A build of the demo, or of a variant of it (the demo after a change function), is made once
per test session for each audience and date by `SiteCache`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from support.synthetic import SITE_PARTS, copy_site

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"  # the demo's build date in tests

Change = Callable[[Path], None]


def copy_project(target: Path) -> Path:
    """A copy of the demo project (config, docs, hooks, templates, minutes) at target."""
    return copy_site(REPO, target, SITE_PARTS + ("minutes",))


class BuildFailed(AssertionError):
    pass


def mkdocs_build(root: Path, audience: str, today: str | None, out: Path, quiet: bool = False) -> subprocess.CompletedProcess:
    """Build root's site into out with MkDocs in a fresh process (hooks load once per process)."""
    env = dict(os.environ, NOTULA_AUDIENCE=audience, NO_MKDOCS_2_WARNING="1")
    env.pop("NOTULA_TODAY", None)
    if today:
        env["NOTULA_TODAY"] = today
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", *(["-q"] if quiet else []),
               "-f", str(root / "mkdocs.yml"), "-d", str(out)]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=root)


def build_site(root: Path, audience: str = "members", today: str | None = None, out: Path | None = None) -> Path:
    """Build root's site (into out, else root/site/<audience>); BuildFailed if MkDocs fails."""
    out = out or root / "site" / audience
    result = mkdocs_build(root, audience, today, out, quiet=True)
    if result.returncode != 0:
        raise BuildFailed(f"mkdocs build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return out


def run_build(root: Path, audience: str = "members", today: str | None = None) -> subprocess.CompletedProcess:
    """Like build_site into root/site, but returns the finished process whether it failed or not."""
    return mkdocs_build(root, audience, today, root / "site")


def _key(change: Change | None) -> str:
    if change is None:
        return "demo"
    assert "<" not in change.__qualname__, "a variant's change is a named function (its name is the cache key)"
    return f"{change.__module__}.{change.__qualname__}"


class SiteCache:
    """The demo's builds for one test session: each (change, audience, date) is built once.

    `change` is a function that edits a fresh copy of the demo project (a variant that several
    tests share); None is the demo unchanged. Tests must not change a cached project or site.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._projects: dict[str, Path] = {}
        self._sites: dict[tuple[str, str, str], Path] = {}
        self.built: list[tuple[str, str, str]] = []  # in build order, for the record

    def project(self, change: Change | None = None) -> Path:
        """The copy of the demo (after change) that the cached sites are built from."""
        key = _key(change)
        if key not in self._projects:
            target = self.folder / key.replace(".", "-")
            if target.exists():
                shutil.rmtree(target)
            root = copy_project(target / "project")
            if change is not None:
                change(root)
            self._projects[key] = root
        return self._projects[key]

    def site(self, audience: str = "members", today: str = TODAY, change: Change | None = None) -> Path:
        """The built site of the demo (after change) for audience on the date today."""
        key = (_key(change), audience, today)
        if key not in self._sites:
            root = self.project(change)
            self._sites[key] = build_site(root, audience, today, out=root.parent / "sites" / f"{audience}-{today}")
            self.built.append(key)
        return self._sites[key]
