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
from notula.plugin import mkdocs_private

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


def _engine_privates() -> set[str]:
    """The private attributes and methods of the engine's objects that Notula handles (files,
    pages, navigation, plugins, configuration, the livereload server), as installed."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.plugins import BasePlugin, PluginCollection
    from mkdocs.structure import StructureItem
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Link, Navigation, Section
    from mkdocs.structure.pages import Page
    from mkdocs.theme import Theme

    file = File("a.md", None, "/tmp", True)
    page = Page(None, file, {"site_url": "https://example.org/"})  # type: ignore[arg-type]
    objects = [file, page, Files([file]), Section("S", [page]), Link("L", "https://example.org/"), Navigation([page], [page])]
    classes = [File, Files, Page, Section, Link, Navigation, StructureItem, BasePlugin, PluginCollection, MkDocsConfig,
               Theme, LiveReloadServer]
    names = {name for cls in classes for name in dir(cls)} | {name for obj in objects for name in vars(obj)}
    return {name for name in names if name.startswith("_") and not name.endswith("__")} | set(mkdocs_private.SERVER_PRIVATES)


def _engine_private_uses(path: Path, privates: set[str]) -> list[str]:
    """Where a module reaches the engine's private names: an attribute of another object, or of
    its own (self) in a class made from an engine class, which also must not override one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    engine_names = {alias.asname or alias.name for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mkdocs") for alias in node.names}

    def from_engine(cls: ast.ClassDef) -> bool:
        bases = [base.value if isinstance(base, ast.Subscript) else base for base in cls.bases]
        return any((base.id if isinstance(base, ast.Name) else getattr(base, "attr", None)) in engine_names
                   for base in bases)

    found: list[str] = []

    def visit(node: ast.AST, engine_class: bool | None) -> None:
        if isinstance(node, ast.ClassDef):
            engine_class = from_engine(node)
            for statement in node.body:
                targets = [t for t in getattr(statement, "targets", [getattr(statement, "target", None)]) if t is not None]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                    names.append(statement.name)
                found.extend(f"{node.name}.{name} (line {statement.lineno})" for name in names
                             if engine_class and name in privates)
        elif isinstance(node, ast.Attribute) and node.attr in privates:
            own = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls") and engine_class is False
            if not own:
                found.append(f"{ast.unparse(node)} (line {node.lineno})")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) > 1
              and isinstance(node.args[1], ast.Constant) and node.args[1].value in privates):
            found.append(f"{ast.unparse(node)} (line {node.lineno})")
        for child in ast.iter_child_nodes(node):
            visit(child, engine_class)

    visit(tree, None)
    return found


def test_no_private_attribute_of_the_engine_is_used_outside_the_boundary():
    """Files, pages and the navigation go through the engine's public API (notula.plugin.generated):
    no module reads, sets or overrides a private attribute of a File, Page, ... (such as
    File._content), except notula.plugin.mkdocs_private, which the test above checks."""
    privates = _engine_privates()
    assert {"_content", "_set_canonical_url", "_src_uris", "_epoch_cond"} <= privates  # what this test looks for
    elsewhere = {str(p.relative_to(SRC)): uses for p in SRC.rglob("*.py")
                 if p != BOUNDARY and (uses := _engine_private_uses(p, privates))}
    assert elsewhere == {}


GENERATED_FILE_CHECK = """
import inspect, json, sys
if sys.argv[1] == "properdocs":
    import properdocs.replacement
from mkdocs.structure.files import File
from notula.plugin.generated import GeneratedFile

def reads_content(member):
    parts = [member.fget, member.fset] if isinstance(member, property) else [getattr(member, "__func__", member)]
    return any(callable(part) and "_content" in inspect.getsource(part) for part in parts)

readers = sorted(name for name, member in vars(File).items()
                 if name not in ("generated", "__init__") and (callable(member) or isinstance(member, property))
                 and reads_content(member))
print(json.dumps({"engine": File.__module__, "readers": readers,
                  "not_overridden": [name for name in readers if name not in vars(GeneratedFile)]}))
"""


@pytest.mark.parametrize("name", engine.ENGINES)
def test_a_generated_file_answers_every_way_the_engine_reads_a_file(name):
    """GeneratedFile makes its text when read: every method of the engine's File that reads the
    stored content (File._content, which File.generated sets) is one GeneratedFile overrides, so
    that an upgrade adding another fails here rather than publish an empty file."""
    import json

    done = subprocess.run([sys.executable, "-c", GENERATED_FILE_CHECK, name], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["engine"].startswith(f"{name}.")
    assert {"content_bytes", "content_string", "copy_file"} <= set(result["readers"])  # what the check finds
    assert result["not_overridden"] == []


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
