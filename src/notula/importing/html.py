"""HTML (as mammoth makes it from Word) -> neutral blocks, keeping headings, lists, bold,
italics, links, tables and images."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from notula.importing.document import Block, Image, Line, escape, escape_line_start

_SPACE = re.compile(r"[ \t\r\n\u00a0]+")
_EMPHASIS = {"strong": "**", "b": "**", "em": "*", "i": "*"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
IMAGE_SRC = "notula-image:"


class _Inline:
    """The text of one block being read: Markdown and plain, with line breaks."""

    def __init__(self):
        self.md: list[str] = []
        self.plain: list[str] = []
        self.open_marks: list[tuple[str, int]] = []  # (marker, position in md)
        self.link: tuple[str, int] | None = None

    def text(self, data: str) -> None:
        data = _SPACE.sub(" ", data)
        if not data:
            return
        if (not self.plain or self.plain[-1].endswith((" ", "\n"))) and data.startswith(" "):
            data = data.lstrip(" ")
        if data and self.md and self.open_marks and self.open_marks[-1][1] == len(self.md) and data.startswith(" "):
            # "** text" is not emphasis in Markdown: move the space before the marker
            marker, pos = self.open_marks[-1]
            self.md.insert(pos - 1, " ")
            self.open_marks[-1] = (marker, pos + 1)
            data = data.lstrip(" ")
        self.md.append(escape(data))
        self.plain.append(data)

    def open(self, marker: str) -> None:
        self.md.append(marker)
        self.open_marks.append((marker, len(self.md)))

    def close(self, marker: str) -> None:
        if not self.open_marks or self.open_marks[-1][0] != marker:
            return
        _, pos = self.open_marks.pop()
        inner = "".join(self.md[pos:])
        if not inner.strip():
            del self.md[pos - 1]  # emphasis around nothing: drop the marker
            return
        trailing = inner[len(inner.rstrip()):]
        if trailing:
            self.md[pos:] = [inner.rstrip()]
        self.md.append(marker + trailing)

    def linebreak(self) -> None:
        self.md.append("\n")
        self.plain.append("\n")

    def lines(self) -> list[Line]:
        md_lines = "".join(self.md).split("\n")
        plain_lines = "".join(self.plain).split("\n")
        result = []
        for md, text in zip(md_lines, plain_lines):
            if text.strip():
                result.append(Line(escape_line_start(md.strip()), text.strip()))
        return result

    def empty(self) -> bool:
        return not "".join(self.plain).strip()


class _Parser(HTMLParser):
    def __init__(self, images: list[Image]):
        super().__init__(convert_charrefs=True)
        self.images = images
        self.blocks: list[Block] = []
        self.inline: _Inline | None = None
        self.kind = "paragraph"
        self.level = 0
        self.lists: list[Block] = []  # open lists, innermost last
        self.table: list[list[str]] | None = None
        self.cell: list[str] | None = None

    # -- blocks
    def _start(self, kind: str, level: int = 0) -> _Inline:
        """Begin a block of kind: its text goes to the returned (and current) inline."""
        self._flush()
        inline = _Inline()
        self.inline, self.kind, self.level = inline, kind, level
        return inline

    def _flush(self) -> None:
        inline, self.inline = self.inline, None
        if inline is None or inline.empty():
            return
        lines = inline.lines()
        if self.cell is not None:
            self.cell.append(" ".join(line.md.replace("|", "\\|") for line in lines))
        elif self.kind == "item" and self.lists:
            current = self.lists[-1]
            depth = len(self.lists) - 1
            text = " ".join(line.md for line in lines)
            current.lines.append(Line(text, " ".join(line.plain for line in lines), depth))
        elif self.kind == "heading":
            text = " ".join(line.md for line in lines)
            self.blocks.append(Block("heading", [Line(text, " ".join(line.plain for line in lines))], level=self.level))
        else:
            self.blocks.append(Block("paragraph", lines, hard_breaks=True))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p" or tag in _HEADINGS:
            if self.lists and self.cell is None:
                if self.inline is None or self.inline.empty():
                    self._start("item")
                return  # a second paragraph in a list item continues it
            self._start("heading" if tag in _HEADINGS else "paragraph", _HEADINGS.get(tag, 0))
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.append(self.lists[-1])  # a nested list continues the outer block, one deeper
            else:
                block = Block("list", ordered=tag == "ol")
                self.lists.append(block)
        elif tag == "li":
            self._start("item")
        elif tag == "table":
            self._flush()
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th") and self.table is not None:
            self._flush()
            self.cell = []
        elif tag in _EMPHASIS and self.inline is not None:
            self.inline.open(_EMPHASIS[tag])
        elif tag == "a" and self.inline is not None:
            href = attrs.get("href") or ""
            if href.startswith(("http://", "https://", "mailto:")):
                self.inline.md.append("[")
                self.inline.link = (href, len(self.inline.md))
        elif tag == "br":
            (self.inline if self.inline is not None else self._start("paragraph")).linebreak()
        elif tag == "img":
            self._image(attrs)

    def handle_endtag(self, tag):
        if tag == "p" or tag in _HEADINGS:
            if self.kind != "item":
                self._flush()
        elif tag == "li":
            self._flush()
            self.kind = "item"
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                block = self.lists.pop()
                if not self.lists and block.lines:
                    self.blocks.append(block)
            self.kind = "item" if self.lists else "paragraph"
        elif tag in ("td", "th") and self.cell is not None and self.table is not None:
            self._flush()
            if self.table:
                self.table[-1].append(" ".join(self.cell))
            self.cell = None
        elif tag == "table" and self.table is not None:
            rows = [row for row in self.table if any(cell.strip() for cell in row)]
            if rows:
                self.blocks.append(Block("table", rows=rows))
            self.table = None
        elif tag in _EMPHASIS and self.inline is not None:
            self.inline.close(_EMPHASIS[tag])
        elif tag == "a" and self.inline is not None and self.inline.link:
            href, pos = self.inline.link
            self.inline.link = None
            if "".join(self.inline.md[pos:]).strip():
                self.inline.md.append(f"]({href})")
            else:
                del self.inline.md[pos - 1]

    def handle_data(self, data):
        inline = self.inline
        if inline is None:
            if not data.strip():
                return
            inline = self._start("item" if self.lists else "paragraph")
        inline.text(data)

    def _image(self, attrs: dict) -> None:
        src = attrs.get("src") or ""
        if not src.startswith(IMAGE_SRC):
            return
        index = int(src[len(IMAGE_SRC):])
        if self.cell is not None or self.lists:
            return  # images inside tables and lists: reported by the caller as not placed
        kind = self.kind
        self._flush()
        image = self.images[index]
        image.alt = attrs.get("alt") or ""
        self.blocks.append(Block("image", image=image))
        self.inline, self.kind = _Inline(), kind

    def close(self):
        super().close()
        self._flush()
        while self.lists:
            block = self.lists.pop()
            if not self.lists and block.lines:
                self.blocks.append(block)


def html_blocks(html: str, images: list[Image]) -> list[Block]:
    """Blocks of an HTML fragment; <img src="notula-image:N"> refers to images[N]."""
    parser = _Parser(images)
    parser.feed(html)
    parser.close()
    return parser.blocks
