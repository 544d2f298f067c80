"""One reader per format: Word (.docx), OpenDocument (.odt), PDF, text and Markdown -> Document."""

from __future__ import annotations

import io
import itertools
import logging
import re
import zipfile
from pathlib import Path

from notula.errors import NotulaError
from notula.i18n import _
from notula.importing.document import Block, Document, Image, Line, escape, escape_line_start, plain, text_block
from notula.importing.html import IMAGE_SRC, html_blocks

SUFFIXES = (".docx", ".odt", ".pdf", ".txt", ".md", ".markdown")


class ReadError(NotulaError):
    """The file cannot be read; message and fix are for the secretary."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message = message
        self.fix = fix


def read_document(path: Path) -> Document:
    """The neutral document of a file, or a ReadError saying why it cannot be read."""
    suffix = path.suffix.lower()
    reader = {".docx": read_docx, ".odt": read_odt, ".pdf": read_pdf}.get(suffix, read_text)
    if suffix not in SUFFIXES:
        raise ReadError(_("'{kind}' files cannot be imported").format(kind=suffix or path.name),
                        _("save it as .docx, .odt, .pdf or .txt (in Word: Save as)"))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(_("cannot read the file ({error})").format(error=exc.strerror), _("check that it exists and is readable")) from None
    if not data.strip():
        raise ReadError(_("the file is empty"), _("check that it is the right file"))
    try:
        document = reader(data)
    except ReadError:
        raise
    except Exception as exc:  # a damaged file makes the libraries fail in many ways
        message = {".docx": _("cannot read it as a Word document ({error})"),
                   ".odt": _("cannot read it as an OpenDocument document ({error})"),
                   ".pdf": _("cannot read it as a PDF document ({error})")}.get(suffix, _("cannot read it as a text document ({error})"))
        raise ReadError(message.format(error=f"{type(exc).__name__}: {str(exc)[:120]}"),
                        _("open it in its program and save it again, or save it as another format")) from None
    if not any(line.plain.strip() for block in document.blocks for line in block.lines):
        raise ReadError(_("no text found in the file"), _("for a scanned PDF, run text recognition (OCR) on it first"))
    return document


# ---------------------------------------------------------------- Word


def read_docx(data: bytes) -> Document:
    import mammoth

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError(_("this is not a Word (.docx) file"), _("open it in Word and save it as .docx"))
    images: list[Image] = []

    def keep_image(image):
        with image.open() as stream:
            payload = stream.read()
        ext = (image.content_type or "image/png").split("/")[-1].replace("jpeg", "jpg").replace("x-emf", "emf")
        images.append(Image(payload, re.sub(r"[^a-z0-9]", "", ext.lower()) or "bin"))
        return {"src": f"{IMAGE_SRC}{len(images) - 1}"}

    result = mammoth.convert_to_html(io.BytesIO(data), convert_image=mammoth.images.img_element(keep_image))
    document = Document(html_blocks(result.value, images))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # embedded files (a spreadsheet, a presentation)
        for info in archive.infolist():
            if info.filename.startswith("word/embeddings/") and not info.is_dir():
                document.files.append((info.filename.rsplit("/", 1)[-1], archive.read(info)))
    placed = {id(b.image) for b in document.blocks if b.image}
    lost = sum(1 for image in images if id(image) not in placed)
    if lost:
        document.notes.append(_("{count} picture(s) inside tables or lists were not placed in the text").format(count=lost))
    return document


# ---------------------------------------------------------------- OpenDocument


def read_odt(data: bytes) -> Document:
    from odf import opendocument

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError(_("this is not an OpenDocument (.odt) file"), _("open it in LibreOffice and save it as .odt"))
    doc = opendocument.load(io.BytesIO(data))
    return Document(_OdtWalker(doc).blocks())


_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_DRAW_NS = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE_NS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_FO_NS = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
_XLINK_NS = "http://www.w3.org/1999/xlink"


class _OdtWalker:
    """Walks an odfpy document into blocks; bold and italics come from the automatic styles."""

    def __init__(self, doc):
        self.doc = doc
        self.emphasis = self._emphasis_styles()

    def _emphasis_styles(self) -> dict[str, str]:
        marks: dict[str, str] = {}
        for container in (self.doc.automaticstyles, self.doc.styles):
            for style in container.childNodes:
                if getattr(style, "qname", None) != (_STYLE_NS, "style"):
                    continue
                name = style.getAttrNS(_STYLE_NS, "name")
                for props in style.childNodes:
                    if getattr(props, "qname", None) != (_STYLE_NS, "text-properties"):
                        continue
                    bold = props.getAttrNS(_FO_NS, "font-weight") in ("bold", "700", "800", "900")
                    italic = props.getAttrNS(_FO_NS, "font-style") == "italic"
                    if bold or italic:
                        marks[name] = ("**" if bold else "") + ("*" if italic else "")
        return marks

    def blocks(self) -> list[Block]:
        out: list[Block] = []
        for node in self.doc.text.childNodes:
            self._block(node, out)
        return out

    def _block(self, node, out: list[Block], depth: int = 0, into: Block | None = None) -> None:
        qname = getattr(node, "qname", None)
        if qname == (_TEXT_NS, "h"):
            level = int(node.getAttrNS(_TEXT_NS, "outline-level") or 1)
            md, text = self._inline(node, out)
            if text.strip():
                out.append(Block("heading", [Line(escape_line_start(md.strip()), text.strip())], level=min(level, 6)))
        elif qname == (_TEXT_NS, "p"):
            md, text = self._inline(node, out)
            lines = [Line(escape_line_start(m.strip()), t.strip())
                     for m, t in zip(md.split("\n"), text.split("\n")) if t.strip()]
            if lines:
                out.append(Block("paragraph", lines, hard_breaks=True))
        elif qname == (_TEXT_NS, "list"):
            block = into or Block("list")
            for item in node.childNodes:
                for child in getattr(item, "childNodes", []):
                    if getattr(child, "qname", None) == (_TEXT_NS, "list"):
                        self._block(child, out, depth + 1, block)
                    elif getattr(child, "qname", None) in ((_TEXT_NS, "p"), (_TEXT_NS, "h")):
                        md, text = self._inline(child, out)
                        if text.strip():
                            block.lines.append(Line(md.strip().replace("\n", " "), text.strip().replace("\n", " "), depth))
            if into is None and block.lines:
                out.append(block)
        elif qname == (_TABLE_NS, "table"):
            rows = []
            for row in _descendants(node, (_TABLE_NS, "table-row")):
                cells = []
                for cell in row.childNodes:
                    if getattr(cell, "qname", None) != (_TABLE_NS, "table-cell"):
                        continue
                    parts = [self._inline(p, [])[0].replace("\n", " ").strip() for p in cell.childNodes
                             if getattr(p, "qname", None) == (_TEXT_NS, "p")]
                    cells.append(" ".join(p for p in parts if p).replace("|", "\\|"))
                if any(cells):
                    rows.append(cells)
            if rows:
                out.append(Block("table", rows=rows))
        elif qname == (_TEXT_NS, "section"):
            for child in node.childNodes:
                self._block(child, out, depth, into)

    def _inline(self, node, out: list[Block]) -> tuple[str, str]:
        md: list[str] = []
        text: list[str] = []
        for child in node.childNodes:
            if child.nodeType == child.TEXT_NODE:
                md.append(escape(str(child)))
                text.append(str(child))
                continue
            qname = getattr(child, "qname", None)
            if qname == (_TEXT_NS, "s"):
                count = int(child.getAttrNS(_TEXT_NS, "c") or 1)
                md.append(" " * count)
                text.append(" " * count)
            elif qname == (_TEXT_NS, "tab"):
                md.append(" ")
                text.append(" ")
            elif qname == (_TEXT_NS, "line-break"):
                md.append("\n")
                text.append("\n")
            elif qname == (_DRAW_NS, "frame"):
                for image in _descendants(child, (_DRAW_NS, "image")):
                    href = image.getAttrNS(_XLINK_NS, "href") or ""
                    picture = self.doc.Pictures.get(href)
                    if picture:
                        ext = href.rsplit(".", 1)[-1].lower() if "." in href else "png"
                        out.append(Block("image", image=Image(picture[1], re.sub(r"[^a-z0-9]", "", ext) or "bin")))
            else:
                inner_md, inner_text = self._inline(child, out)
                mark = self.emphasis.get(child.getAttrNS(_TEXT_NS, "style-name") or "", "") if qname == (_TEXT_NS, "span") else ""
                if qname == (_TEXT_NS, "a"):
                    href = child.getAttrNS(_XLINK_NS, "href") or ""
                    if href.startswith(("http://", "https://", "mailto:")) and inner_text.strip():
                        inner_md = f"[{inner_md}]({href})"
                if mark and inner_text.strip():
                    core = inner_md.strip()
                    lead = inner_md[: len(inner_md) - len(inner_md.lstrip())]
                    trail = inner_md[len(inner_md.rstrip()):]
                    inner_md = f"{lead}{mark}{core}{mark[::-1]}{trail}"
                md.append(inner_md)
                text.append(inner_text)
        return re.sub(r"[ \t]+", " ", "".join(md)), re.sub(r"[ \t]+", " ", "".join(text))


def _descendants(node, qname):
    for child in getattr(node, "childNodes", []):
        if getattr(child, "qname", None) == qname:
            yield child
        else:
            yield from _descendants(child, qname)


# ---------------------------------------------------------------- PDF


_BULLET = re.compile(r"^\s*[•●▪◦·\-–]\s+")


def read_pdf(data: bytes) -> Document:
    """Text lines by position: a larger gap starts a paragraph, a line that reaches the right
    margin wrapped and continues on the next line."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer, LTTextLine

    if not data.lstrip().startswith(b"%PDF"):
        raise ReadError(_("this is not a PDF file"), _("check that it is the right file"))
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    found: list[tuple[int, float, float, float, float, str]] = []  # (page, top, bottom, left, right, text)
    for number, layout in enumerate(extract_pages(io.BytesIO(data))):
        for element in layout:
            if not isinstance(element, LTTextContainer):
                continue
            for line in element:
                if isinstance(line, LTTextLine):
                    text = re.sub(r"\s+", " ", line.get_text()).strip()
                    if text:
                        found.append((number, line.y1, line.y0, line.x0, line.x1, text))
    found.sort(key=lambda f: (f[0], -round(f[1]), f[3]))
    merged: list[tuple] = []
    for item in found:  # pieces of one line (wide justified spacing splits them): one line
        last = merged[-1] if merged else None
        if last and last[0] == item[0] and abs(last[1] - item[1]) < 2 and item[3] >= last[4] - 1:
            merged[-1] = (last[0], last[1], min(last[2], item[2]), last[3], item[4], f"{last[5]} {item[5]}")
        else:
            merged.append(item)
    found = merged
    right = max((f[4] for f in found), default=0)
    paragraphs: list[list[str]] = []
    previous: tuple[int, float, float, float, float] | None = None
    for page, top, bottom, left, line_right, text in found:
        height = max(top - bottom, previous[1] - previous[2] if previous else 0, 1)
        # lines of a paragraph are at most ~1.6 line heights apart (top to top); paragraphs further
        new = previous is None or page != previous[0] or previous[1] - top > 1.8 * height
        if new:
            paragraphs.append([text])
        elif previous is not None and previous[4] >= 0.85 * right and not _BULLET.match(text) and not paragraphs[-1][-1].endswith(":"):
            paragraphs[-1][-1] += " " + text  # the previous line wrapped
        else:
            paragraphs[-1].append(text)
        previous = (page, top, bottom, left, line_right)
    blocks: list[Block] = []
    for lines in paragraphs:
        for bullet, group in itertools.groupby(lines, key=lambda line: bool(_BULLET.match(line))):
            texts = list(group)
            if bullet:
                blocks.append(Block("list", [Line(escape(_BULLET.sub("", text)), _BULLET.sub("", text)) for text in texts]))
            else:
                blocks.append(Block("paragraph", [Line(escape_line_start(escape(text)), text) for text in texts],
                                    hard_breaks=True))
    return Document(blocks)


# ---------------------------------------------------------------- text and Markdown


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(\s*)(?:[-*+•]|(\d{1,3})[.)])\s+(.*)$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as older Word text exports are."""
    if b"\x00" in data:
        raise ReadError(_("this is not a text file (it holds binary data)"), _("save the document as .txt or .docx"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ReadError(_("the text is neither UTF-8 nor Windows-1252"), _("save it again as UTF-8 text")) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(data: bytes) -> Document:
    """Text and Markdown as they are: Markdown structure is recognised, the text is kept."""
    text = decode_text(data)
    if re.match(r"^\ufeff?---[ \t]*\n", text):
        raise ReadError(_("the file already starts with front-matter (it is a Notula minutes file)"),
                        _("copy it into the minutes folder instead of importing it"))
    return text_document(text)


def text_document(text: str) -> Document:
    blocks: list[Block] = []
    current: Block | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        if not line.strip():
            current = None
            continue
        heading = _HEADING.match(line)
        item = _ITEM.match(line)
        if heading:
            blocks.append(text_block("heading", [heading.group(2)], level=len(heading.group(1)), source_line=number))
            current = None
        elif _TABLE_ROW.match(line):
            if current is None or current.kind != "table":
                current = Block("table", source_line=number)
                blocks.append(current)
            if not _TABLE_RULE.match(line):
                current.rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]])
        elif item:
            indent, numbered, content = item.groups()
            if current is None or current.kind != "list" or current.ordered != bool(numbered):
                current = Block("list", ordered=bool(numbered), source_line=number)
                blocks.append(current)
            current.lines.append(Line(content, plain(content), len(indent.expandtabs(4)) // 2,
                                      int(numbered) if numbered else None))
        elif current is not None and current.kind == "list" and raw[:1].isspace():
            last = current.lines[-1]  # a continuation line of a list item
            current.lines[-1] = Line(f"{last.md} {line.strip()}", plain(f"{last.md} {line.strip()}"), last.depth, last.number)
        else:
            if current is None or current.kind != "paragraph":
                current = Block("paragraph", source_line=number)
                blocks.append(current)
            current.lines.append(Line(line.strip() + ("  " if raw.endswith("  ") else ""), plain(line.strip())))
    return Document([b for b in blocks if b.lines or b.rows])


