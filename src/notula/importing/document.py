"""The neutral document every reader produces: headings, paragraphs, lists, tables and images.

Each line keeps its Markdown (what goes into the body) and its plain text (what the recogniser
reads), so that recognising a line can remove exactly that line from the body.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass
class Line:
    """One line of text: Markdown for the body, plain text for recognising."""

    md: str
    plain: str
    depth: int = 0  # list nesting
    number: int | None = None  # the number of an ordered list item, when the source gives it

    def __post_init__(self) -> None:
        # Decomposed letters (a + ring for å, as macOS writes) read as the composed ones.
        self.md, self.plain = unicodedata.normalize("NFC", self.md), unicodedata.normalize("NFC", self.plain)


@dataclass
class Image:
    """An embedded picture: its bytes and file extension (without the dot)."""

    data: bytes
    ext: str
    alt: str = ""


@dataclass
class Block:
    """A heading, paragraph, list, table or image."""

    kind: str  # "heading" | "paragraph" | "list" | "table" | "image"
    lines: list[Line] = field(default_factory=list)
    level: int = 0  # heading level
    ordered: bool = False  # list
    rows: list[list[str]] = field(default_factory=list)  # table cells, Markdown
    image: Image | None = None
    source_line: int | None = None  # line in the source file, for text formats
    hard_breaks: bool = False  # the lines were separate lines in the source (Word, PDF), not wrapped text


@dataclass
class Document:
    """What a reader made of a file."""

    blocks: list[Block]
    notes: list[str] = field(default_factory=list)  # things the reader could not carry over
    files: list[tuple[str, bytes]] = field(default_factory=list)  # embedded files: (name, data)


_MARKUP = re.compile(r"\*\*|__|(?<![\w\\])[*_](?=\S)|(?<=\S)[*_](?![\w])|\\(?=[\\`*_{}\[\]()#+\-.!|<>:])")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def plain(md: str) -> str:
    """The text of a line of Markdown, without emphasis, link targets or escapes."""
    return _MARKUP.sub("", _LINK.sub(r"\1", md)).strip()


_ESCAPE_INLINE = re.compile(r"([\\`*_\[\]<])")
_LINE_START = re.compile(r"^(\s*)(#|>|[-+*](?=\s)|:::|\|)")
_NUMBERED = re.compile(r"^(\s*\d+)([.)])(?=\s)")


def escape(text: str) -> str:
    """Plain text as Markdown that shows the same text (for text from Word or OpenDocument)."""
    return _ESCAPE_INLINE.sub(r"\\\1", text)


def escape_line_start(md: str) -> str:
    """Escape what would make a paragraph line a heading, list, quote, table or members block."""
    md = _NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), md)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), md)


def text_block(kind: str, md_lines: list[str], **extra) -> Block:
    """A block from lines of Markdown (plain text derived)."""
    return Block(kind, [Line(md, plain(md)) for md in md_lines], **extra)
