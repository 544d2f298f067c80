"""Office files for the import tests, made from a small Markdown-like text: '#' headings,
'- ' bullets, '**bold**', blank lines between paragraphs, single newlines as line breaks."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

# A 2x2 PNG, to check that embedded pictures are saved under attachments/.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==")
# A Unicode TrueType font for the PDFs (the PDF core fonts know Latin-1 only: no – ” •).
FONTS = [(Path(f"/usr/share/fonts/truetype/{folder}/{name}.ttf"), Path(f"/usr/share/fonts/truetype/{folder}/{bold}.ttf"))
         for folder, name, bold in (("dejavu", "DejaVuSans", "DejaVuSans-Bold"),
                                    ("liberation", "LiberationSans-Regular", "LiberationSans-Bold"),
                                    ("noto", "NotoSans-Regular", "NotoSans-Bold"))]


def blocks(text: str) -> list[tuple[str, object]]:
    """('heading', (level, text)), ('bullet', text), ('para', [lines]), ('image', None) in order."""
    out: list[tuple[str, object]] = []
    for chunk in re.split(r"\n\s*\n", text.strip("\n")):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if lines == ["[image]"]:
            out.append(("image", None))
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", lines[0])
        if heading and len(lines) == 1:
            out.append(("heading", (len(heading.group(1)), heading.group(2))))
        elif all(re.match(r"^\s*[-*]\s+", line) for line in lines):
            out += [("bullet", re.sub(r"^\s*[-*]\s+", "", line)) for line in lines]
        else:
            out.append(("para", [line.strip() for line in lines]))
    return out


def runs(line: str) -> list[tuple[str, bool]]:
    """'a **b** c' -> [('a ', False), ('b', True), (' c', False)]."""
    parts = re.split(r"\*\*", line)
    return [(part, index % 2 == 1) for index, part in enumerate(parts) if part]


def make_docx(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for kind, value in blocks(text):
        if kind == "heading":
            level, title = value
            document.add_heading(title.replace("**", ""), level=min(level, 9))
        elif kind == "bullet":
            paragraph = document.add_paragraph(style="List Bullet")
            for part, bold in runs(value):
                paragraph.add_run(part).bold = bold or None
        elif kind == "image":
            document.add_picture(io.BytesIO(PNG))
        else:
            paragraph = document.add_paragraph()
            for number, line in enumerate(value):
                for part, bold in runs(line):
                    paragraph.add_run(part).bold = bold or None
                if number < len(value) - 1:
                    paragraph.add_run().add_break()
    document.save(path)
    return path


def make_odt(text: str, path: Path) -> Path:
    from odf import style
    from odf import text as odftext
    from odf.draw import Frame
    from odf.draw import Image as DrawImage
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    bold_style = style.Style(name="Bold", family="text")
    bold_style.addElement(style.TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold_style)

    def fill(element, line: str) -> None:
        for part, bold in runs(line):
            if bold:
                span = odftext.Span(stylename=bold_style)
                span.addText(part)
                element.addElement(span)
            else:
                element.addText(part)

    current_list = None
    for kind, value in blocks(text):
        if kind != "bullet":
            current_list = None
        if kind == "heading":
            level, title = value
            heading = odftext.H(outlinelevel=level)
            fill(heading, title)
            document.text.addElement(heading)
        elif kind == "bullet":
            if current_list is None:
                current_list = odftext.List()
                document.text.addElement(current_list)
            item = odftext.ListItem()
            paragraph = odftext.P()
            fill(paragraph, value)
            item.addElement(paragraph)
            current_list.addElement(item)
        elif kind == "image":
            href = document.addPicture("Pictures/picture.png", "image/png", PNG)
            frame = Frame(width="2cm", height="2cm", anchortype="as-char")
            frame.addElement(DrawImage(href=href))
            paragraph = odftext.P()
            paragraph.addElement(frame)
            document.text.addElement(paragraph)
        else:
            paragraph = odftext.P()
            for number, line in enumerate(value):
                fill(paragraph, line)
                if number < len(value) - 1:
                    paragraph.addElement(odftext.LineBreak())
            document.text.addElement(paragraph)
    document.save(str(path))
    return path


def make_pdf(text: str, path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    fonts = next(((r, b) for r, b in FONTS if r.is_file() and b.is_file()), None)
    if fonts is None:
        import pytest

        pytest.skip("no Unicode TrueType font to make the PDF test files: apt-get install fonts-dejavu-core")
    pdf.add_font("body", "", str(fonts[0]))
    pdf.add_font("body", "B", str(fonts[1]))
    family = "body"
    width = pdf.epw
    previous = None
    for kind, value in blocks(text):
        if previous == "bullet" and kind != "bullet":
            pdf.ln(5)
        previous = kind
        if kind == "heading":
            pdf.set_font(family, "B", 14)
            pdf.multi_cell(width, 8, value[1].replace("**", ""), new_x="LMARGIN", new_y="NEXT")
        elif kind == "bullet":
            pdf.set_font(family, "", 11)
            pdf.multi_cell(width, 6, "• " + value.replace("**", ""), new_x="LMARGIN", new_y="NEXT")
            continue
        elif kind == "image":
            continue
        else:
            pdf.set_font(family, "", 11)
            for line in value:
                pdf.multi_cell(width, 6, line.replace("**", ""), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5)
    pdf.output(str(path))
    return path


MAKERS = {".docx": make_docx, ".odt": make_odt, ".pdf": make_pdf}
