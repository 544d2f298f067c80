"""Releases: one version, written in pyproject.toml and read from the installed distribution; a
changelog in Keep a Changelog form with that version at its top; a tag per release, checked and
published by .github/workflows/release.yml."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

import notula
from notula.cli import main

REPO = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]

spec = importlib.util.spec_from_file_location("release_check", REPO / "scripts" / "release_check.py")
assert spec and spec.loader
release_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(release_check)

GOOD = """\
# Changelog

All notable changes are listed here, newest first. The format follows
[Keep a Changelog](https://keepachangelog.com/en/1.1.0/); versions follow
[Semantic Versioning](https://semver.org/).

## [Unreleased]

## [1.2.0] - 2027-03-01

### Added

- `notula --version`.

Upgrading: write `notula~=1.2.0` in requirements.txt.

## [1.1.10] - 2027-01-15

### Fixed

- A typo.

**Upgrading:** nothing to do.
"""


def test_the_changelog_has_this_version_at_its_top():
    """CHANGELOG.md (written at each release) is in Keep a Changelog form, newest first, with the
    version of pyproject.toml as its newest release."""
    changelog = REPO / "CHANGELOG.md"
    assert changelog.is_file(), "CHANGELOG.md is missing"
    assert release_check.changelog_problems(changelog.read_text(encoding="utf-8"), VERSION) == []


def test_a_changelog_in_keep_a_changelog_form_passes():
    assert release_check.changelog_problems(GOOD, "1.2.0") == []


@pytest.mark.parametrize("change, problem", [
    (lambda t: t.replace("## [1.2.0] - 2027-03-01", "## [1.1.9] - 2027-03-01"), "the newest release is 1.1.9, not the package's version 1.2.0"),
    (lambda t: t, "the newest release is 1.2.0, not the package's version 1.3.0"),  # the version was raised, the changelog not
    (lambda t: t.replace("1.1.10", "1.10.0"), "1.2.0 is listed above 1.10.0: newest first"),  # compared as numbers
    (lambda t: t.replace("2027-01-15", "2027-04-01"), "1.2.0 is listed above 1.1.10: newest first"),
    (lambda t: t.replace("### Fixed", "### Bugfixes"), "1.1.10: '### Bugfixes' is not one of"),
    (lambda t: t.replace("### Fixed\n", ""), "1.1.10: no '### Added', '### Changed', '### Fixed' … section"),
    (lambda t: t.replace("**Upgrading:** nothing to do.", ""), "1.1.10: no line saying what a site must do on upgrade"),
    (lambda t: t.replace(" - 2027-01-15", ""), "1.1.10 has no date"),
    (lambda t: t.replace("[1.1.10]", "[1.1]"), "'1.1' is not a semantic version"),
    (lambda t: t.replace("# Changelog\n", "# Ändringar\n"), "the first line must be '# Changelog'"),
    (lambda t: t.replace("## [Unreleased]\n\n", "") + "\n## [Unreleased]\n", "'## [Unreleased]' must come first"),
    (lambda t: t.split("## [Unreleased]")[0], "no release is listed"),
])
def test_what_a_changelog_gets_wrong_is_named(change, problem):
    wanted = "1.3.0" if "1.3.0" in problem else "1.2.0"
    found = release_check.changelog_problems(change(GOOD), wanted)
    assert any(p.startswith(problem) for p in found), found


def test_a_release_tag_is_the_package_version():
    assert release_check.tag_problems(f"v{VERSION}", VERSION) == []
    for tag in (VERSION, f"v{VERSION}.1", "v9.9.9", f"release-{VERSION}"):
        assert release_check.tag_problems(tag, VERSION), tag


def test_the_version_is_read_from_the_installed_distribution(capsys):
    """pyproject.toml is the one place the version is written: `notula --version`, the pages'
    generator and the open data read it from the installation."""
    assert notula.__version__ == version("notula") == VERSION
    assert not re.search(r"""__version__\s*=\s*["']\d+\.""", (REPO / "src" / "notula" / "__init__.py").read_text(encoding="utf-8"))
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out == f"notula {VERSION}\n"


def test_the_release_workflow_checks_builds_and_publishes_by_trusted_publishing():
    flow = yaml.safe_load((REPO / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    on = flow.get("on", flow.get(True))
    assert on == {"push": {"tags": ["v*"]}}
    build, publish = flow["jobs"]["build"], flow["jobs"]["publish"]
    runs = "\n".join(step.get("run", "") for step in build["steps"])
    assert 'python scripts/release_check.py "$GITHUB_REF_NAME"' in runs
    assert runs.index("release_check.py") < runs.index("python -m build") < runs.index("twine check --strict dist/*")
    assert publish["needs"] == "build" and publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    (upload,) = [step for step in publish["steps"] if step.get("uses", "").startswith("pypa/gh-action-pypi-publish@")]
    assert "with" not in upload or not {"password", "user"} & set(upload["with"])  # no token: trusted publishing
    assert flow["permissions"] == {"contents": "read"}


def test_the_release_check_runs_as_the_workflow_runs_it():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "release_check.py"), "v0.0.0-nicht"],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "the tag 'v0.0.0-nicht' is not the package's version" in result.stderr
