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

from notula.errors import NotulaError
from notula.i18n import N_, _

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
    (_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),  # "" : value[:1] of an empty scalar
    (_INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (
        _FLOAT,
        re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$"),
        "-+.0123456789",
    ),
]


class YamlError(NotulaError):
    """A YAML problem at a 1-based line (relative to the parsed text)."""

    def __init__(self, line: int | None, message: str, fix: str | None = None, path: Path = ()):
        super().__init__(message)
        self.line = line
        self.message = message
        self.fix = fix
        self.path = path
        self.node: Node | None = None


_FIRST_CHAR: dict[str, list[tuple[str, re.Pattern]]] = {}
for _tag, _regexp, _first in _CORE_SCALARS:
    for _char in _first:
        _FIRST_CHAR.setdefault(_char, []).append((_tag, _regexp))


class _CoreResolver:
    """YAML 1.2 core-schema tags for plain scalars; a lean resolve(), called for every node."""

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if implicit[0] and value[:1] in _FIRST_CHAR:
                for tag, regexp in _FIRST_CHAR[value[:1]]:
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP


if yaml.__with_libyaml__:  # libyaml parses about twenty times faster than pure Python
    from yaml._yaml import CParser

    class _Loader(CParser, _CoreResolver):
        """Composes a node tree with the core-schema resolver (values are built by _construct)."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)

else:

    class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,  # type: ignore[no-redef]  # one of two definitions
                  _CoreResolver):
        """Composes a node tree with the core-schema resolver (values are built by _construct)."""

        def __init__(self, stream: str):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)


@dataclass
class Loaded:
    """Parsed YAML data; the node tree is kept to find the line of any value when needed."""

    data: Any
    root: Node | None = None
    first: int = 1
    duplicates: list[YamlError] = field(default_factory=list)
    seen: set[int] | None = field(default=None, repr=False)  # node ids, when aliases are possible
    text: str = field(default="", repr=False)  # the text parsed (to point at a line inside a value)

    def line_of(self, path: Path) -> int | None:
        """The line of the value at path (of its key, for a field), or of its nearest parent."""
        node = self.root
        if node is None:
            return None
        line = node.start_mark.line
        for part in path:
            child = None
            if isinstance(node, MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == part:
                        line, child = key_node.start_mark.line, value_node
                        break
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                child = node.value[part]
                line = child.start_mark.line
            if child is None:
                break
            node = child
        return line + self.first

    def strings(self) -> list[tuple[Path, ScalarNode]]:
        """(path, node) of every text value, in the order of the text."""
        found: list[tuple[Path, ScalarNode]] = []
        stack: list[tuple[Node, Path]] = [(self.root, ())] if self.root is not None else []
        while stack:
            node, path = stack.pop()
            if type(node) is ScalarNode:
                if node.tag == _STR:
                    found.append((path, node))
            elif type(node) is MappingNode:
                stack += [(child, path + (key.value,)) for key, child in reversed(node.value)]
            elif type(node) is SequenceNode:
                stack += [(child, path + (index,)) for index, child in reversed(list(enumerate(node.value)))]
        return found

    def path_of(self, target: Node) -> Path:
        """The path of a node in the tree (for messages about it)."""
        def walk(node: Node, path: Path) -> Path | None:
            if node is target:
                return path
            children = node.value if isinstance(node, MappingNode) else (
                [(i, n) for i, n in enumerate(node.value)] if isinstance(node, SequenceNode) else [])
            for key, child in children:
                part = key.value if isinstance(key, Node) else key
                if isinstance(key, Node) and key is target:
                    return path + (part,)
                found = walk(child, path + (part,))
                if found is not None:
                    return found
            return None

        return walk(self.root, ()) or () if self.root is not None else ()


# Characters that must not be in any text: C0 controls but tab and newline, DEL and C1
# controls, non-characters and lone surrogates. They are invisible, and make HTML, iCalendar
# and Atom (XML) output invalid.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
                     "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0010fffe\U0010ffff]")
CONTROL_FIX = N_("delete it (such characters are invisible; they often come with text copied from another program)")
MAX_DEPTH = 24  # lists and mappings inside each other; minutes need 5


def control_message(char: str) -> str:
    return _("the text holds the control character U+{code:04X}, which is not allowed").format(code=ord(char))


def load(text: str, first_line: int = 1) -> Loaded:
    """Parse one YAML document strictly; lines are counted from first_line (the text's line
    in its file). Raises YamlError for anything unsafe or unreadable."""
    _refuse_tab_indentation(text, first_line)
    control = CONTROL.search(text)
    if control:  # found again in the value (with its field) below; YAML's own reader would only refuse it
        text = CONTROL.sub("\ufffd", text)
    _refuse_deep_nesting(text, first_line)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _explain(exc, first_line, text) from None
    except yaml.YAMLError as exc:
        raise YamlError(None, _("the text cannot be read ({error})").format(error=exc),
                        _("check the indentation, the colon after each field name and the quotation marks")) from None
    finally:
        loader.dispose()
    # Without a '*' there can be no alias, and no need to watch for reused nodes.
    loaded = Loaded(data=None, root=root, first=first_line, seen=set() if "*" in text else None, text=text)
    if root is not None:
        try:
            if control:
                raise _control_error(root, loaded, control, first_line)
            loaded.data = _construct(root, loaded)
        except YamlError as exc:
            exc.path = loaded.path_of(exc.node) if exc.node is not None else ()
            raise
    elif control:
        raise YamlError(text.count("\n", 0, control.start()) + first_line, control_message(control.group()), _(CONTROL_FIX))
    return loaded


def _control_error(root: Node, loaded: Loaded, control: re.Match, first_line: int) -> YamlError:
    """The control character found in the raw text, at its line and with the field whose value holds it."""
    error = YamlError(control.string.count("\n", 0, control.start()) + first_line,
                      control_message(control.group()), _(CONTROL_FIX))
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode):
            if node.start_mark.index <= control.start() < max(node.end_mark.index, node.start_mark.index + 1):
                error.node = node
                break
        elif isinstance(node, MappingNode):
            stack += [n for pair in node.value for n in pair]
        elif isinstance(node, SequenceNode):
            stack += node.value
    return error


_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_PAIR = re.compile(r"[\[{][\]}]")


def _refuse_deep_nesting(text: str, first_line: int) -> None:
    """Lists and mappings nested more than MAX_DEPTH deep are refused before anything recurses
    into them. Depth needs an opening bracket or an indentation (or '- ') per level, so most
    texts are cleared without parsing."""
    brackets = _NOT_BRACKET.sub("", text)  # an upper bound: brackets in quotes count too
    flow = 0
    while flow < MAX_DEPTH:  # each pass takes away the innermost pairs: one level
        inner = _PAIR.sub("", brackets)
        if inner == brackets:
            break
        brackets, flow = inner, flow + 1
    flow += brackets.count("[") + brackets.count("{")  # left open
    if flow < MAX_DEPTH and not re.search(rf"^[ ?:-]{{{MAX_DEPTH - flow},}}", text, re.MULTILINE):
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlError(event.start_mark.line + first_line if event.start_mark else None,
                                    _("lists and fields are nested more than {depth} levels deep").format(depth=MAX_DEPTH),
                                    _("check the brackets and the indentation"))
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # reported by the parse that follows


def _refuse_tab_indentation(text: str, first_line: int) -> None:
    if "\t" not in text:
        return
    for number, line in enumerate(text.split("\n"), start=first_line):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise YamlError(number, _("a tab is used for indentation"), _("indent with spaces only"))


_INDENTATION = ("did not find expected key", "expected <block end>")
_MISPLACED_COLON = ("mapping values are not allowed",)
_NO_COLON = (N_("a field name is not followed by a colon (:)"),
             N_("write each field as 'name: value', with a colon and a space; if the line goes on with the value of the line "
                "above, put that value in quotes"))

# The parser's errors, in the secretary's words: (words of PyYAML's or libyaml's problem or
# context, whether the line is where the context starts (an opening quote or bracket) rather
# than where the parser gave up, message, fix). The first rule that matches wins.
_SYNTAX = [
    (("while scanning a quoted scalar",), True,
     N_("a quotation mark (\" or ') opens a value here but is never closed"),
     N_("end the value with the same quotation mark it starts with, on the same line")),
    (("unknown escape character",), False,
     N_("a backslash (\\) inside double quotes must be followed by a known special character"),
     N_("put the value in single quotes ('…') instead of double quotes, or write the backslash twice (\\\\)")),
    (("expected ',' or ']'",), True,
     N_("a list in square brackets [ … ] is not closed, or two of its values have no comma between them"),
     N_("end the list with ']' on the same line, put a comma between the values, and put a value that holds ',' or ':' in quotes")),
    (("expected ',' or '}'",), True,
     N_("a group of fields in curly brackets { … } is not closed, or two of its fields have no comma between them"),
     N_("end the group with '}' on the same line, put a comma between the fields, and put a value that holds ',' or ':' in quotes")),
    (("node content",), False,
     N_("a value inside brackets [ … ] or { … } is missing or starts with a special character"),
     N_("check the commas between the values, and put a value that starts with '-', '#', '*' or '&' in quotes")),
    (_MISPLACED_COLON, False,
     N_("a colon (:) stands where no new field can start"),
     N_("if the value holds ': ', put the whole value in quotes (\"…\"); otherwise give this line the same indentation "
        "(spaces at the start) as the fields around it, and check that the line above has its colon")),
    (("could not find expected ':'",), True, *_NO_COLON),
    (("expected '-' indicator", "while parsing a block collection"), False,
     N_("this line is not indented like the list entries above it"),
     N_("start every entry of the list with '- ' at the same indentation, and indent the fields of an entry exactly like "
        "its first field after the '- '")),
    (_INDENTATION, False,
     N_("this line is not indented like the fields above it, or a value goes on after its closing quotation mark"),
     N_("give the fields at the same level the same indentation (the same number of spaces at the start of the line); "
        "if a value starts with a quotation mark but goes on after it, put the whole value in quotes")),
    (("while scanning an alias", "undefined alias", "while scanning an anchor"), False,
     N_("a value that starts with '*' or '&' is read as a reference to another value"),
     N_("put the whole value in quotes, e.g. \"*viktigt*\"")),
    (("while scanning a tag", "while parsing a tag"), False,
     N_("a value that starts with '!' is read as a type marker"),
     N_("put the whole value in quotes, e.g. \"!viktigt\"")),
    (("while scanning a block scalar",), False,
     N_("after '|' or '>' at the start of a value, nothing else may stand on the line"),
     N_("put the whole value in quotes, or write the text on the lines below, indented")),
    (("another document",), False,
     N_("a line '---' in the middle starts a second document"),
     N_("remove the line '---' (a file holds one list of fields)")),
    (("end of stream",), False,
     N_("the text ends in the middle of a value"),
     N_("close the quotation mark or bracket that is left open")),
]


_QUOTE_START = re.compile(r"""(?:^|:\s|^\s*-\s|[\[{])\s*(["'])""")  # where a value starts: not inside plain text
_AFTER_QUOTE = re.compile(r"""(?:^|:\s|-\s)\s*("[^"]*"|'[^']*')\s*[^\s#,\]}]""")


def _unclosed_quote(lines: list[str], before: int) -> int | None:
    """The first line (from 0) up to line before whose value opens a quote that runs on over the
    next lines and closes only inside another value (a forgotten closing quote), if any. A value
    that YAML lets span lines on purpose ends with its quote, with nothing after it."""
    before = min(before, len(lines) - 1)  # YAML may place an error on the line after the text
    number = 0
    while number <= before:
        match = _QUOTE_START.search(lines[number])
        if match is None:
            number += 1
            continue
        quote = match.group(1)
        closing = re.compile(r'(?<!\\)"' if quote == '"' else r"'(?!')")
        rest, at = lines[number][match.end():].replace("''", "  "), number
        found = closing.search(rest)
        while found is None and at < before:
            at += 1
            rest = lines[at].replace("''", "  ")
            found = closing.search(rest)
        if found is None:
            return number
        if at > number and rest[found.end():].strip()[:1] not in ("", "#", ",", "]", "}"):
            return number
        number = at + 1
    return None


def _explain(exc: yaml.MarkedYAMLError, first_line: int, text: str) -> YamlError:
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    lines = text.split("\n")
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    message, fix = _("the text cannot be read here"), _("check the indentation, the colon after each field name and the quotation marks")
    if "cannot start any token" in problem:
        char = text[mark.index] if mark is not None and mark.index < len(text) else ""
        if char == "\t":
            message, fix = _("a tab stands here"), _("use spaces instead of tabs")
        else:
            message = _("a value cannot start with '{char}'").format(char=char)
            fix = _("put the whole value in quotes, e.g. \"{char}…\"").format(char=char)
    else:
        for words, at_context, rule_message, rule_fix in _SYNTAX:
            if any(word in problem or word in context for word in words):
                message, fix = _(rule_message), _(rule_fix)
                if at_context and exc.context_mark is not None:
                    mark = exc.context_mark
                if words == _INDENTATION:  # the line itself often says what is wrong with it
                    message, fix = _what_is_wrong(line, message, fix)
                elif words == _MISPLACED_COLON and mark is not None and _lacks_colon(lines, mark.line - 1):
                    # 'title Möte' and 'date: …' below it are read as one field name 'title Möte date'
                    message, fix = _no_colon(lines[mark.line - 1])
                    return YamlError(mark.line - 1 + first_line, _("YAML syntax error: {explanation}").format(explanation=message), fix)
                elif rule_message == _NO_COLON[0] and mark is not None and mark.line < len(lines):
                    message, fix = _no_colon(lines[mark.line])
                break
    opened = _unclosed_quote(lines, mark.line) if mark is not None and "quoted scalar" not in context else None
    if opened is not None:
        # A quote left open runs on over the next lines (YAML lets a quoted value span lines), and
        # the parser stumbles only later, at a line that is fine: point at the open quote instead.
        return YamlError(opened + first_line, _("YAML syntax error: {explanation}").format(
            explanation=_("a quotation mark (\" or ') opens a value on this line but does not close it")),
            _("end the value with the same quotation mark it starts with, on the same line"))
    return YamlError(mark.line + first_line if mark else None, _("YAML syntax error: {explanation}").format(explanation=message), fix)


_SPACELESS = re.compile(r"^\s*(?:-\s+)?([^\s:#\[{\-\"'][^\s:]*):(?=\S)")


def _no_colon(line: str) -> tuple[str, str]:
    """What is wrong with a line the parser found no field in: its colon, or the space after it
    ('summary:"…"' is one word to YAML, not a field)."""
    spaceless = _SPACELESS.match(line)
    if spaceless:
        return (_("the field name '{name}' is followed by a colon without a space after it").format(name=spaceless[1]),
                _("write a space after the colon: '{name}: …'").format(name=spaceless[1]))
    return _(_NO_COLON[0]), _(_NO_COLON[1])


def _lacks_colon(lines: list[str], number: int) -> bool:
    """Whether line number (from 0) is a field without its colon: text, no colon, no list dash."""
    if number < 0:
        return False
    text = lines[number].strip()
    return bool(text) and ":" not in text and not text.startswith(("-", "#", '"', "'", "[", "{"))


def _what_is_wrong(line: str, message: str, fix: str) -> tuple[str, str]:
    """A closer explanation of a line the parser found no field in, from what the line holds."""
    if line.lstrip().startswith("- "):
        return (_("a list entry ('- …') stands where no list can start"),
                _("put the list under a field name such as 'attendees:', and indent all its entries by the same number of spaces"))
    if line.count("[") != line.count("]") or line.count("{") != line.count("}"):
        return (_("the brackets [ ] or { } on this line do not pair up"),
                _("give every '[' its ']' and every '{' its '}'; put a value that holds brackets in quotes"))
    if _AFTER_QUOTE.search(line):
        return (_("the value goes on after its closing quotation mark"),
                _("put the whole value in quotes of the other kind, e.g. '\"Möte\" igen', or remove the quotation marks"))
    if line.lstrip().startswith(":"):
        return _("the line starts with a colon (:), without a field name"), _("write the field name before the colon")
    return message, fix


def _construct(node: Node, loaded: Loaded, flow: bool = False) -> Any:
    # An alias makes the composer reuse the anchored node; refusing the second visit
    # also bounds the work a small file can cause ("billion laughs").
    if loaded.seen is not None:
        if id(node) in loaded.seen:
            raise _error(node, loaded, _("YAML anchors and aliases ('&name' and '*name') are not allowed"),
                         _("write every value out in full; put a value that starts with '*' or '&' in quotes"))
        loaded.seen.add(id(node))
    if type(node) is MappingNode:
        _require_tag(node, _MAP, loaded)
        result: dict[str, Any] = {}
        key_nodes: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise _error(key_node, loaded, _("a field name must be plain text"),
                             _("write the field name as a word followed by a colon, e.g. 'title:'"))
            key = key_node.value
            if key in key_nodes:
                duplicate = _error(key_node, loaded, _("duplicate field '{key}' (first given on line {line})").format(
                    key=key, line=key_nodes[key].start_mark.line + loaded.first), _("keep only one of them"))
                duplicate.path = loaded.path_of(key_node)
                loaded.duplicates.append(duplicate)
                continue
            key_nodes[key] = key_node
            result[key] = _construct(value_node, loaded, flow or bool(node.flow_style))
        return result
    if type(node) is SequenceNode:
        _require_tag(node, _SEQ, loaded)
        inner = flow or bool(node.flow_style)
        return [_construct(item, loaded, inner) for item in node.value]
    assert isinstance(node, ScalarNode)  # the composer makes only these three
    if not flow and not node.style and node.end_mark.line > node.start_mark.line:  # plain: None, or "" (libyaml)
        error = _error(node, loaded, _("this line continues the text '{text}' of the line above "
                                       "(YAML joins them into one value)").format(text=_first_line(node)), _(_CONTINUED_FIX))
        error.line = node.start_mark.line + 1 + loaded.first
        raise error
    return _scalar(node, loaded)


_CONTINUED_FIX = N_("if the line is a new entry, indent it exactly like the entries above it; to write one "
                    "text on several lines, put '>' after the colon and indent the text on the lines below")


def _first_line(node: ScalarNode) -> str:
    return node.value[: 60] if len(node.value) <= 60 else node.value[:57] + "…"


def _error(node: Node, loaded: Loaded, message: str, fix: str | None = None) -> YamlError:
    error = YamlError(node.start_mark.line + loaded.first, message, fix)
    error.node = node
    return error


def _require_tag(node: Node, tag: str, loaded: Loaded) -> None:
    if node.tag != tag:
        raise _error(node, loaded, _("YAML tag '{tag}' is not allowed").format(tag=node.tag), _("remove the '!' tag"))


class WrittenInt(int):
    """A whole number written in another form than its digits (0900, 0x10): messages quote what was written."""

    written: str

    @classmethod
    def of(cls, number: int, written: str) -> WrittenInt:
        made = cls(number)
        made.written = written
        return made


class WrittenFloat(float):
    """A decimal number as written (9.00, 3.10): a time or an item number read as a number is
    quoted, and read, as the secretary wrote it."""

    written: str

    @classmethod
    def of(cls, number: float, written: str) -> WrittenFloat:
        made = cls(number)
        made.written = written
        return made


def written(value: Any) -> str:
    """How a value read from YAML was written (a number as in the file)."""
    return getattr(value, "written", None) or str(value)


def _scalar(node: ScalarNode, loaded: Loaded) -> Any:
    value, tag = node.value, node.tag
    if tag == _STR:
        control = node.style == '"' and CONTROL.search(value)  # from an escape such as "\\0" or "\\x07"
        if control:
            raise _error(node, loaded, control_message(control.group()), _(CONTROL_FIX))
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        number = int(value, 0) if value.startswith(("0o", "0x")) else int(value)  # YAML 1.2 octal and hex
        return number if str(number) == value else WrittenInt.of(number, value)
    if tag == _FLOAT:
        return WrittenFloat.of(float(value), value)
    raise _error(node, loaded, _("YAML tag '{tag}' is not allowed").format(tag=tag), _("remove the '!' tag"))
