"""One boundary to the engine (issue 22): the private MkDocs names Notula uses are all in
notula.plugin.mkdocs_private, and each is still there, with the parameters Notula passes, in
both engines (MkDocs and ProperDocs); the `notula` command runs on either."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from notula import engine
from notula.errors import NotulaError

SRC = Path(__file__).resolve().parent.parent / "src" / "notula"
BOUNDARY = SRC / "plugin" / "mkdocs_private.py"

# Each private function and the parameters Notula passes it (by name or position).
PRIVATE_CALLS = {
    "mkdocs.commands.build._build_page": ["page", "config", "doc_files", "nav", "env", "excluded"],
    "mkdocs.commands.build._populate_page": ["page", "config", "files"],
    "mkdocs.commands.build._build_theme_template": ["template_name", "env", "files", "config", "nav"],
    "mkdocs.livereload._serve_url": ["host", "port", "path"],
}

CHECK = """
import importlib, inspect, json, sys
if sys.argv[1] == "properdocs":
    import properdocs.replacement
from notula.plugin import mkdocs_private
calls = json.loads(sys.argv[2])
missing = []
for name, wanted in calls.items():
    module, _, function = name.rpartition(".")
    found = getattr(importlib.import_module(module), function, None)
    if found is None:
        missing.append(name)
    else:
        missing += [f"{name}({p})" for p in wanted if p not in inspect.signature(found).parameters]
server = mkdocs_private.ReloadingServer(lambda: None, "127.0.0.1", 0, "/tmp", "/")
missing += [f"LiveReloadServer.{a}" for a in mkdocs_private.SERVER_PRIVATES if not hasattr(server, a)]
print(json.dumps({"engine": mkdocs_private.LiveReloadServer.__module__, "missing": missing}))
"""


@pytest.mark.parametrize("name", engine.ENGINES)
def test_every_private_name_the_preview_uses_is_in_the_installed_engine(name):
    import json

    done = subprocess.run([sys.executable, "-c", CHECK, name, json.dumps(PRIVATE_CALLS)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["engine"].startswith(f"{name}.")  # the engine asked for answered
    assert result["missing"] == []


def _private_uses(path: Path) -> list[str]:
    """The engine's private names a module imports or reaches through an attribute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mkdocs"):
            found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
        elif isinstance(node, ast.Attribute) and node.attr in {"_epoch_cond", "_visible_epoch", "_wanted_epoch",
                                                                 "_watched_paths", "_inject_js_into_html", "_guess_type"}:
            found.append(node.attr)
    return found


def test_the_private_names_live_in_one_module():
    elsewhere = {str(p.relative_to(SRC)): uses for p in SRC.rglob("*.py") if p != BOUNDARY and (uses := _private_uses(p))}
    assert elsewhere == {}
    imported = {name for name in _private_uses(BOUNDARY) if name.startswith("mkdocs")}
    assert imported == set(PRIVATE_CALLS)  # and this test knows each of them


def test_an_unknown_engine_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("NOTULA_ENGINE", "zensical")
    with pytest.raises(NotulaError, match="NOTULA_ENGINE=zensical: the engine must be one of mkdocs, properdocs"):
        engine.choose()


@pytest.mark.build
@pytest.mark.parametrize("name", engine.ENGINES)
def test_notula_build_runs_on_either_engine(name, project):
    env = {**__import__("os").environ, "NOTULA_ENGINE": name, "NOTULA_TODAY": "2026-11-23"}
    probe = ("import runpy, sys; import notula.cli as c; sys.argv=['notula','build','--audience','members'];"
             "code = c.main(); import mkdocs; print('ENGINE', mkdocs.__name__); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=project, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    assert f"ENGINE {name}" in done.stdout
    assert (project / "site" / "members" / "sgi" / "2017-04-25" / "index.html").is_file()
