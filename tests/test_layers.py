"""The package's layers follow the data, and no module imports one above its own layer.

files → parsed documents (reading) → validated model (model) → what one build shows (showing)
→ pages (rendering) → output files (publishing) → MkDocs, the command line and import (plugin,
cli, importing). The top-level modules (problems, labels, …) are shared by every layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import notula

PACKAGE = Path(notula.__file__).parent
LAYERS = {"": 0, "reading": 1, "model": 2, "showing": 3, "rendering": 4, "publishing": 5,
          "plugin": 6, "cli": 6, "importing": 6, "__main__": 6}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(("notula", *(parts[:-1] if parts[-1] == "__init__" else parts)))
        found[name] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The notula modules this module imports, anywhere in it (function-level imports too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                target = f"{base}.{alias.name}"
                out.add(target if target in MODULES else base)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return {m for m in out if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(name: str) -> int:
    parts = name.split(".")
    return LAYERS[parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else ""]


def test_every_subpackage_has_a_layer():
    subpackages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert subpackages <= set(LAYERS), subpackages - set(LAYERS)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_import_from_a_higher_layer(name):
    upward = sorted(t for t in GRAPH[name] if _layer(t) > _layer(name))
    assert not upward, f"{name} (layer {_layer(name)}) imports {upward}"


def test_no_import_cycle():
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(GRAPH[node]):
            if state.get(target) == 1:
                cycle = path[path.index(target):] + [target]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)


def test_the_checks_see_imports():
    """The checks above rest on the graph: it must hold the imports it is meant to judge."""
    assert "notula.model.corpus" in GRAPH["notula.showing.view"]
    assert "notula.rendering.registers" in GRAPH["notula.rendering.pages"]
    assert _layer("notula.problems") == 0 and _layer("notula.cli") == 6 and _layer("notula.model.schema") == 2
