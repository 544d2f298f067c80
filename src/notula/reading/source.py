"""Reading a Markdown file with YAML front-matter into a parsed document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notula.errors import NotulaError
from notula.i18n import _
from notula.problems import Problem, format_path
from notula.reading import yamlsafe

FENCE = "---"
FENCE_ENDS = ("---", "...")


@dataclass
class SourceDoc:
    """A file split into front-matter (parsed, with line numbers) and Markdown body."""

    path: Path
    display: str
    meta: dict[str, Any]
    lines: yamlsafe.Loaded
    body: str
    body_line: int

    def line_of(self, loc) -> int | None:
        """File line of the front-matter value at loc (a path of keys and list positions)."""
        return self.lines.line_of(tuple(loc))


class SourceError(NotulaError):
    """A file could not be read into a SourceDoc; carries the problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 file (a BOM and CRLF line endings are accepted) as text with '\\n' lines."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError([
            Problem(display, line, None, _("the file is not UTF-8 text (byte 0x{byte:02x})").format(byte=raw[exc.start]),
                    _("save the file with UTF-8 encoding (in most editors: 'Save with encoding' → UTF-8)"))
        ]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_yaml(path: Path, display: str) -> yamlsafe.Loaded:
    """Read a whole YAML file strictly (for the registries)."""
    text = read_text(path, display)
    if not text.strip():
        raise SourceError([Problem(display, None, None, _("the file is empty"), _("add the entries, see the docs"))])
    return _load_yaml(text, display, first_line=1)


def read_source(path: Path, display: str) -> SourceDoc:
    """Read a minutes file: front-matter between '---' lines, then the Markdown body."""
    text = read_text(path, display)
    if not text.strip():
        raise SourceError([Problem(display, None, None, _("the file is empty"),
                                   _("start it with a front-matter block; `notula new` writes one for you"))])
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        raise SourceError([Problem(display, 1, None, _("the file does not start with front-matter"),
                                   _("make the first line '---', then the fields, then another '---' line"))])
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in FENCE_ENDS), None)
    if end is None:
        raise SourceError([Problem(display, 1, None, _("the front-matter is never closed"),
                                   _("add a line with only '---' after the last field"))])
    front = "\n".join(lines[1:end])
    loaded = _load_yaml(front, display, first_line=2)
    body = "\n".join(lines[end + 1:])
    control = yamlsafe.CONTROL.search(body)
    if control:
        raise SourceError([Problem(display, end + 2 + body.count("\n", 0, control.start()), "body",
                                   yamlsafe.control_message(control.group()), _(yamlsafe.CONTROL_FIX))])
    if loaded.data is None:
        raise SourceError([Problem(display, 1, None, _("the front-matter is empty"),
                                   _("add the fields between the '---' lines; `notula new` writes them for you"))])
    if not isinstance(loaded.data, dict):
        raise SourceError([Problem(display, 2, None, _("the front-matter must be a list of 'field: value' lines"),
                                   _("write one 'field: value' per line"))])
    return SourceDoc(path=path, display=display, meta=loaded.data, lines=loaded, body=body, body_line=end + 2)


def _load_yaml(text: str, display: str, first_line: int) -> yamlsafe.Loaded:
    """Parse YAML that starts at first_line of the file; YAML problems become Problems."""
    try:
        loaded = yamlsafe.load(text, first_line)
    except yamlsafe.YamlError as exc:
        raise SourceError([Problem(display, exc.line, _field(exc.path), exc.message, exc.fix)]) from None
    if loaded.duplicates:
        raise SourceError([Problem(display, d.line, _field(d.path), d.message, d.fix) for d in loaded.duplicates])
    return loaded


def _field(path) -> str | None:
    return format_path(path) or None
