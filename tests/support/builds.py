"""Real MkDocs builds of the demo project in tests, and a session cache of them.

Every test build goes through `mkdocs_build`: the one place that says how a site is built.
A build of the demo, or of a variant of it (the demo after a change function), is made once
per test session for each audience and date by `SiteCache`, also when pytest-xdist runs the
tests in several processes (they share the cache's folder; a lock file makes one of them build).
"""

from __future__ import annotations

import contextlib
import fcntl
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
    """A copy of the demo project (config, docs, minutes) at target."""
    return copy_site(REPO, target, SITE_PARTS + ("minutes",))


# The engine the builds run on: MkDocs, or ProperDocs in dev.py test's second run (notula.engine).
ENGINE = os.environ.get("NOTULA_ENGINE") or "mkdocs"


class BuildFailed(AssertionError):
    pass


def mkdocs_build(root: Path, audience: str, today: str | None, out: Path) -> subprocess.CompletedProcess:
    """Build root's site into out with MkDocs in a fresh process, as CI builds it: strict, so a
    warning fails the build. Never with -q: MkDocs counts only the warnings it shows, so a quiet
    strict build passes with warnings."""
    env = dict(os.environ, NOTULA_AUDIENCE=audience, NO_MKDOCS_2_WARNING="1")
    env.pop("NOTULA_TODAY", None)
    if today:
        env["NOTULA_TODAY"] = today
    command = [sys.executable, "-m", ENGINE, "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(out)]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=root)


def build_site(root: Path, audience: str = "members", today: str | None = None, out: Path | None = None) -> Path:
    """Build root's site (into out, else root/site/<audience>); BuildFailed if MkDocs fails."""
    out = out or root / "site" / audience
    result = mkdocs_build(root, audience, today, out)
    if result.returncode != 0:
        raise BuildFailed(f"{ENGINE} build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
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
    The folder may be shared by the processes of one session (pytest-xdist workers).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)

    @contextlib.contextmanager
    def _only_one(self, name: str):
        """Hold the lock called name (across processes) for the block."""
        with open(self.folder / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def once(self, name: str, make: Callable[[Path], None]) -> Path:
        """The folder name in the cache, which make(folder) fills the first time it is asked for."""
        folder, done = self.folder / name, self.folder / f"{name}.done"
        with self._only_one(name):
            if not done.exists():
                if folder.exists():
                    shutil.rmtree(folder)  # what a failed attempt left
                folder.mkdir()
                make(folder)
                done.touch()
        return folder

    def project(self, change: Change | None = None) -> Path:
        """The copy of the demo (after change) that the cached sites are built from."""
        def make(folder: Path) -> None:
            root = copy_project(folder / "project")
            if change is not None:
                change(root)

        return self.once(_key(change).replace(".", "-"), make) / "project"

    def site(self, audience: str = "members", today: str = TODAY, change: Change | None = None) -> Path:
        """The built site of the demo (after change) for audience on the date today."""
        root = self.project(change)
        name = f"{_key(change).replace('.', '-')}--{audience}-{today}"
        return self.once(name, lambda folder: build_site(root, audience, today, out=folder / "site")) / "site"


SEARCH_PART_PAGES = 10  # the demo marks about 50 pages for search: five or six parts


def index_in_parts(root: Path) -> None:
    """A change of the demo: its search index in parts of at most SEARCH_PART_PAGES pages (the
    plugin's search_part_pages), as a large archive's is (notula.publishing.search)."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - notula:\n" in text
    config.write_text(text.replace("  - notula:\n", f"  - notula:\n      search_part_pages: {SEARCH_PART_PAGES}\n", 1),
                      encoding="utf-8")
