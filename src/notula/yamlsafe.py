"""A strict YAML reader for hand-written front-matter and registries.

PyYAML implements YAML 1.1, whose implicit types surprise people: ``9:00``
becomes 540, ``no`` becomes false, ``010`` becomes 8, and a repeated key
silently wins. This reader resolves plain scalars the YAML 1.2 "core" way
(only true/false, null, decimal/0x/0o integers and floats; everything else
is text), refuses duplicate keys, anchors, aliases and custom tags, and
records the line of every value so that errors can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

_CORE_SCALARS = [
    (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    (_INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (
        _FLOAT,
        re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$"),
        "-+.0123456789",
    ),
]


class YamlError(Exception):
    """A YAML problem at a 1-based line (relative to the parsed text)."""

    def __init__(self, line: int | None, message: str, fix: str | None = None, path: Path = ()):
        super().__init__(message)
        self.line = line
        self.message = message
        self.fix = fix
        self.path = path


class _CoreResolver(yaml.resolver.BaseResolver):
    yaml_implicit_resolvers: dict = {}


for _tag, _regexp, _first in _CORE_SCALARS:
    _CoreResolver.add_implicit_resolver(_tag, _regexp, list(_first))


if yaml.__with_libyaml__:  # libyaml parses about twenty times faster than pure Python

    class _Loader(yaml.cyaml.CParser, _CoreResolver):
        """Composes a node tree with the core-schema resolver (values are built by _construct)."""

        def __init__(self, stream: str):
            yaml.cyaml.CParser.__init__(self, stream)
            _CoreResolver.__init__(self)

else:

    class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _CoreResolver):
        """Composes a node tree with the core-schema resolver (values are built by _construct)."""

        def __init__(self, stream: str):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _CoreResolver.__init__(self)


@dataclass
class Loaded:
    """Parsed YAML data and the 1-based line of every value by its path."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    duplicates: list[YamlError] = field(default_factory=list)
    seen: set[int] = field(default_factory=set, repr=False)

    def line_of(self, path: Path) -> int | None:
        """The line of the value at path, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


def load(text: str, first_line: int = 1) -> Loaded:
    """Parse one YAML document strictly; lines are counted from first_line (the text's line
    in its file). Raises YamlError for anything unsafe or unreadable."""
    _refuse_tab_indentation(text, first_line)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _explain(exc, first_line) from None
    except yaml.YAMLError as exc:
        raise YamlError(None, f"unreadable YAML: {exc}") from None
    finally:
        loader.dispose()
    loaded = Loaded(data=None)
    if root is not None:
        loaded.data = _construct(root, (), loaded, first_line)
    return loaded


def _refuse_tab_indentation(text: str, first_line: int) -> None:
    for number, line in enumerate(text.split("\n"), start=first_line):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise YamlError(number, "a tab is used for indentation", "indent with spaces only")


_HINTS = {
    "mapping values are not allowed": "put the value in quotes if it contains ': '",
    "found character '\\t' that cannot start any token": "use spaces instead of tabs",
    "found undefined alias": "write the value out in full",
    "expected <block end>, but found '-'": "check the indentation of the list",
    "could not find expected ':'": "every field needs 'name: value'; quote values containing ':'",
    "found unexpected end of stream": "close the quote or bracket that is left open",
    "did not find expected ',' or ']'": "close the list with ']' or put values containing ',' in quotes",
    "did not find expected key": "check the indentation; quote values that start with a special character",
}


def _explain(exc: yaml.MarkedYAMLError, first_line: int) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "unreadable YAML"
    fix = next((hint for key, hint in _HINTS.items() if key in problem), None)
    return YamlError(mark.line + first_line if mark else None, f"YAML syntax error: {problem}", fix or "check the quoting and indentation")


def _construct(node: Node, path: Path, loaded: Loaded, first: int) -> Any:
    # An alias makes the composer reuse the anchored node; refusing the second visit
    # also bounds the work a small file can cause ("billion laughs").
    if id(node) in loaded.seen:
        raise YamlError(
            node.start_mark.line + first,
            "YAML anchors and aliases ('&name' and '*name') are not allowed",
            "write every value out in full",
            path=path,
        )
    loaded.seen.add(id(node))
    loaded.lines.setdefault(path, node.start_mark.line + first)
    if isinstance(node, MappingNode):
        _require_tag(node, _MAP, path, first)
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlError(key_node.start_mark.line + first, "a field name must be plain text", path=path)
            key = key_node.value
            key_line = key_node.start_mark.line + first
            if key in first_line:
                loaded.duplicates.append(
                    YamlError(
                        key_line,
                        f"duplicate field '{key}' (first given on line {first_line[key]})",
                        "keep only one of them",
                        path=path + (key,),
                    )
                )
                continue
            first_line[key] = key_line
            loaded.lines[path + (key,)] = key_line
            result[key] = _construct(value_node, path + (key,), loaded, first)
        return result
    if isinstance(node, SequenceNode):
        _require_tag(node, _SEQ, path, first)
        return [_construct(item, path + (i,), loaded, first) for i, item in enumerate(node.value)]
    return _scalar(node, path, first)


def _require_tag(node: Node, tag: str, path: Path, first: int) -> None:
    if node.tag != tag:
        raise YamlError(node.start_mark.line + first, f"YAML tag '{node.tag}' is not allowed", "remove the '!' tag", path=path)


def _scalar(node: ScalarNode, path: Path, first: int) -> Any:
    value, tag = node.value, node.tag
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        if value.startswith(("0o", "0x")):  # YAML 1.2 octal and hex
            return int(value, 0)
        return int(value)
    if tag == _FLOAT:
        return float(value)
    raise YamlError(node.start_mark.line + first, f"YAML tag '{tag}' is not allowed", "remove the '!' tag", path=path)
