#!/usr/bin/env python3
"""Before a release: the version tag names the package's version, and CHANGELOG.md is in
Keep a Changelog form (https://keepachangelog.com/en/1.1.0/) with that version at its top.

    python scripts/release_check.py v1.2.0     # in the release workflow, with the pushed tag
    python scripts/release_check.py            # the changelog only

The version is written in one place, pyproject.toml; the installed package reads it from there
(importlib.metadata). Exits 1 with one line per problem.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")
HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?\s*$")
SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?$")
UPGRADE = re.compile(r"^\s*(?:[-*]\s*)?\**(?:upgrad(?:e|ing)|on upgrade|uppgradera)\b", re.IGNORECASE | re.MULTILINE)


def version_of(pyproject: str) -> str:
    """The package's version, as pyproject.toml writes it."""
    return str(tomllib.loads(pyproject)["project"]["version"])


def tag_problems(tag: str, version: str) -> list[str]:
    """A release tag is 'v' and the package's version: v1.2.0 for 1.2.0."""
    if tag != f"v{version}":
        return [f"the tag '{tag}' is not the package's version: tag v{version}, or set version = \"{tag.removeprefix('v')}\" "
                "in pyproject.toml"]
    return []


def changelog_problems(text: str, version: str) -> list[str]:
    """What keeps text from being a Keep a Changelog file whose newest release is version:
    '# Changelog', an optional '## [Unreleased]', then '## [X.Y.Z] - YYYY-MM-DD' newest first, each
    with '### Added|Changed|Deprecated|Removed|Fixed|Security' sections and a line saying what a
    site must do on upgrade ('Upgrading: …', or 'Upgrading: nothing to do')."""
    lines = text.splitlines()
    problems = []
    if not lines or lines[0].strip() != "# Changelog":
        problems.append("the first line must be '# Changelog'")
    if "keepachangelog.com" not in text or "semver.org" not in text:
        problems.append("the introduction must link Keep a Changelog (keepachangelog.com) and Semantic Versioning (semver.org)")
    sections = _sections(lines)
    releases = [(name, date, body) for name, date, body in sections if name.lower() != "unreleased"]
    if [name for name, _date, _body in sections].count("Unreleased") and sections[0][0] != "Unreleased":
        problems.append("'## [Unreleased]' must come first, above the releases")
    if not releases:
        return problems + [f"no release is listed: add '## [{version}] - YYYY-MM-DD' at the top"]
    if releases[0][0] != version:
        problems.append(f"the newest release is {releases[0][0]}, not the package's version {version}: "
                        f"add '## [{version}] - YYYY-MM-DD' at the top")
    for (newer, newer_date, _), (older, older_date, _) in zip(releases, releases[1:]):
        if _key(newer) <= _key(older) or (newer_date or "") < (older_date or ""):
            problems.append(f"{newer} is listed above {older}: newest first")
    for name, date, body in sections:
        if name.lower() != "unreleased" and not SEMVER.match(name):
            problems.append(f"'{name}' is not a semantic version (X.Y.Z)")
        if name.lower() != "unreleased" and not date:
            problems.append(f"{name} has no date: '## [{name}] - YYYY-MM-DD'")
        categories = re.findall(r"^### (.+?)\s*$", body, re.MULTILINE)
        for category in categories:
            if category not in CATEGORIES:
                problems.append(f"{name}: '### {category}' is not one of {', '.join(CATEGORIES)}")
        if name.lower() != "unreleased" and not categories:
            problems.append(f"{name}: no '### Added', '### Changed', '### Fixed' … section")
        if name.lower() != "unreleased" and not UPGRADE.search(body):
            problems.append(f"{name}: no line saying what a site must do on upgrade ('Upgrading: …', or 'Upgrading: nothing to do')")
    return problems


def _sections(lines: list[str]) -> list[tuple[str, str | None, str]]:
    """(version, date, text) of each '## [...]' section, in the file's order."""
    found: list[tuple[str, str | None, list[str]]] = []
    for line in lines:
        match = HEADING.match(line)
        if match:
            found.append((match["version"], match["date"], []))
        elif line.startswith("## "):
            found.append((line[3:].strip(), None, []))
        elif found:
            found[-1][2].append(line)
    return [(name, date, "\n".join(body)) for name, date, body in found]


def _key(version: str) -> tuple[int, ...]:
    match = SEMVER.match(version)
    return tuple(int(part) for part in match.groups()) if match else (-1,)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    version = version_of((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    problems = tag_problems(argv[0], version) if argv else []
    changelog = ROOT / "CHANGELOG.md"
    if changelog.is_file():
        problems += [f"CHANGELOG.md: {p}" for p in changelog_problems(changelog.read_text(encoding="utf-8"), version)]
    else:
        problems.append("CHANGELOG.md is missing")
    for problem in problems:
        print(f"release_check: {problem}", file=sys.stderr)
    if not problems:
        print(f"release_check: {version} is ready" + (f" (tag {argv[0]})" if argv else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
