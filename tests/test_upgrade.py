"""Upgrading: a site written for an older Notula is told what to change (an old option of
mkdocs.yml, an old front-matter field), by `notula check` and by the build, never with a
traceback (notula.retired)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from notula import retired
from support.builds import copy_project
from support.validation import VALID, only, validation_project, write

# mkdocs.yml of a site copied from this repository before the plugin existed (before 0.1.0).
OLD_CONFIG = """\
site_name: Gammal webbplats
site_url: https://moten.provkommunen.se/
docs_dir: docs
use_directory_urls: true
theme:
  name: material
  language: sv
  custom_dir: overrides
  font: false
extra_css:
  - stylesheets/notula.css
extra_javascript:
  - javascripts/notula-filter.js
plugins: []
hooks:
  - hooks/notula_hooks.py
extra:
  notula:
    time_zone: Europe/Stockholm
nav:
  - Start: index.md
"""

OLD_HOOK = "from notula.hooks import on_files  # the module of Notula's that the old hook imported, long gone\n"
EXPECTED = ["extra.notula", "hooks", "extra_css", "extra_javascript"]


@pytest.fixture
def old_site(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "gammal")
    (root / "mkdocs.yml").write_text(OLD_CONFIG, encoding="utf-8")
    (root / "hooks").mkdir(exist_ok=True)
    (root / "hooks" / "notula_hooks.py").write_text(OLD_HOOK, encoding="utf-8")
    (root / "docs" / "stylesheets").mkdir()
    (root / "docs" / "stylesheets" / "notula.css").write_text("/* Notula's old styles */\n", encoding="utf-8")
    return root


def notula(root: Path, *args: str, language: str = "en") -> subprocess.CompletedProcess:
    env = dict(os.environ, NOTULA_LANG=language)
    return subprocess.run([sys.executable, "-m", "notula", "--root", str(root), *args], capture_output=True, text=True, env=env)


def old_options_named(stderr: str) -> list[str]:
    return [line.split("'")[1] for line in stderr.splitlines() if line.startswith("mkdocs.yml: '")]


@pytest.mark.parametrize("command", [["check"], ["build", "--audience", "members"]])
def test_an_old_site_is_told_each_change_by_check_and_build(old_site, tmp_path, command):
    result = notula(old_site, *command, *(["--site-dir", str(tmp_path / "site")] if command[0] == "build" else []))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert old_options_named(result.stderr) == EXPECTED
    assert ("mkdocs.yml: 'extra.notula' is an option of an older Notula: move Notula's options to the plugin: "
            "'plugins: - notula: {time_zone: …}', and remove 'notula:' under 'extra:'") in result.stderr
    assert "remove '- hooks/notula_hooks.py' under 'hooks:' and delete that file" in result.stderr
    assert not (tmp_path / "site" / "members").exists()


def test_the_fixes_are_in_swedish(old_site):
    result = notula(old_site, "check", language="sv")
    assert "mkdocs.yml: 'extra.notula' är en inställning från en äldre version av Notula: flytta Notulas inställningar" in result.stderr
    assert "ta bort 'stylesheets/notula.css' från 'extra_css'" in result.stderr


@pytest.mark.parametrize("settings, named", [
    ({"extra": {"notula": {"time_zone": "Europe/Stockholm"}}}, ["extra.notula"]),
    ({"hooks": ["hooks\\notula_hooks.py"]}, ["hooks"]),  # written with Windows' separator
    ({"extra_css": ["stylesheets/egen.css", "stylesheets/notula.css"]}, ["extra_css"]),
    ({"extra_javascript": ["javascripts/notula-filter.js"]}, ["extra_javascript"]),
    ({"extra": {"notula_demo": True, "generator": False}, "hooks": ["hooks/delning.py"], "extra_css": ["stylesheets/egen.css"],
      "extra_javascript": ["javascripts/egen.js"]}, []),  # a site's own: nothing retired
])
def test_each_retired_option_is_found_and_only_it(settings, named):
    assert [option.key for option in retired.old_options(settings)] == named


@pytest.mark.build
def test_a_build_with_the_plugin_names_an_old_option_too(tmp_path):
    """`mkdocs build` (not `notula build`): the plugin finds them."""
    root = copy_project(tmp_path / "sajt")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nextra_css:\n  - stylesheets/notula.css\n", encoding="utf-8")
    (root / "docs" / "stylesheets").mkdir()
    (root / "docs" / "stylesheets" / "notula.css").write_text("/* old */\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "out")],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "mkdocs.yml: 'extra_css' is an option of an older Notula: remove 'stylesheets/notula.css' from 'extra_css'" in result.stderr


def test_a_retired_field_is_named_with_its_fix(tmp_path, monkeypatch):
    """A field that a release retires goes into retired.RETIRED_FIELDS with its fix; check then
    says what to write instead of only 'unknown field'."""
    monkeypatch.setitem(retired.RETIRED_FIELDS, "protokollforare", "write 'secretary: Name, Organisation' instead")
    root = validation_project(tmp_path)
    write(root, VALID.replace("topics: [sfi]\n", "topics: [sfi]\nprotokollforare: Anna Andersson\n"))
    problem = only(root)
    assert (problem.field, problem.message) == ("protokollforare", "unknown field 'protokollforare'")
    assert problem.fix == "write 'secretary: Name, Organisation' instead"
    monkeypatch.delitem(retired.RETIRED_FIELDS, "protokollforare")
    assert only(root).fix == "remove it; the docs list every field"
