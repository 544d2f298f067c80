"""Notula installs as a package: the wheel carries everything of Notula's, and a site needs no copy of it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "notula"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """The wheel built from a clean copy of the sources (an in-tree build/ would hide what is missing)."""
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    shutil.copytree(PACKAGE, source / "src" / "notula", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (path,) = out.glob("notula-*.whl")
    return zipfile.ZipFile(path)


def test_the_wheel_carries_every_file_of_the_package(wheel):
    """Code, page templates, theme overrides, CSS and JavaScript, catalogs: all of src/notula."""
    ours = {p.relative_to(PACKAGE.parent).as_posix() for p in PACKAGE.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    packed = {name for name in wheel.namelist() if name.startswith("notula/")}
    assert ours - packed == set()
    assert {"notula/plugin/theme/main.html", "notula/plugin/theme/assets/stylesheets/notula.css",
            "notula/plugin/theme/assets/javascripts/notula-filter.js", "notula/rendering/templates/meeting.md.j2"} <= packed


def test_the_wheel_registers_the_plugin_and_the_command(wheel):
    (entry_points,) = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = wheel.read(entry_points).decode()
    assert "[mkdocs.plugins]\nnotula = notula.plugin.plugin:NotulaPlugin" in text
    assert "[console_scripts]\nnotula = notula.cli:main" in text


def test_the_demo_site_holds_no_copy_of_notula():
    """The demo is a site like any other: its theme, hooks and assets come from the package. Its
    own hooks/ and overrides/ hold its own small changes, none a copy of a file of Notula's."""
    site_files = [p for p in (REPO / "docs").rglob("*") if p.is_file()]
    assert not [p for p in site_files if p.suffix in (".py", ".html", ".j2", ".css", ".js")]
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - notula:" in config and "omitted_files" not in config and "notula_hooks" not in config
    ours = {p.read_bytes() for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    own = [p for folder in ("hooks", "overrides") for p in (REPO / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert own and not [p for p in own if p.read_bytes() in ours]
    main = (REPO / "overrides" / "main.html").read_text(encoding="utf-8")
    assert '{% extends "notula/main.html" %}' in main and "{{ super() }}" in main
