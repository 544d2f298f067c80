"""Attachments as the real writers make them, for the tests of reading attachments: Word files
from python-docx with a name split into runs (with the spelling checker's marks and a revision
mark between them), PDFs from fpdf2 (shaped and justified text: glyph ids, TJ arrays) and from
ReportLab (octal-escaped letters), OpenDocument from odfpy, text as Notepad saves it, RTF as
WordPad writes it."""

from __future__ import annotations

import copy
import io
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_split_name(first: str, last: str, where: str = "body") -> bytes:
    """A Word file whose text names first + last, split into runs as Word splits them: the
    spelling checker's proofErr marks and an inserted-text revision mark between the runs.
    where: body, table, header, footer, comment or deleted (a tracked deletion)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("Minnesanteckningar från mötet.")
    if where == "table":
        paragraph = document.add_table(rows=1, cols=2).cell(0, 1).paragraphs[0]
    elif where == "header":
        paragraph = document.sections[0].header.paragraphs[0]
    elif where == "footer":
        paragraph = document.sections[0].footer.paragraphs[0]
    else:
        paragraph = document.add_paragraph("Föredragande: ")
    half = len(first) // 2
    paragraph.add_run(first[:half])
    error = OxmlElement("w:proofErr")
    error.set(qn("w:type"), "spellStart")
    paragraph._p.append(error)
    paragraph.add_run(first[half:] + " " + last[:2])
    end = copy.deepcopy(error)
    end.set(qn("w:type"), "spellEnd")
    paragraph._p.append(end)
    last_run = paragraph.add_run(last[2:])._r
    revision = OxmlElement("w:ins")
    revision.set(qn("w:id"), "1")
    revision.set(qn("w:author"), "Sekreteraren")
    revision.set(qn("w:date"), "2017-04-25T10:00:00Z")
    last_run.addprevious(revision)
    revision.append(last_run)
    if where == "deleted":  # the name stands in a tracked deletion: Word shows it struck through
        for run in paragraph._p.findall(qn("w:r")) + revision.findall(qn("w:r")):
            for text in run.findall(qn("w:t")):
                text.tag = qn("w:delText")
    if where == "comment":
        document.add_comment(paragraph.runs[0], text=f"Fråga {first} {last}".strip(), author="Sekreteraren")
        for run in paragraph.runs:
            run.text = "x"
        for text in revision.iter(qn("w:t")):
            text.text = "y"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_shaped(text: str, compress: bool = True) -> bytes:
    """A PDF from fpdf2 with a TrueType font, text shaping (kerning) and justified lines: the
    text is glyph ids, placed glyph by glyph or in TJ arrays, read only through the font's map."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_compression(compress)
    pdf.add_page()
    pdf.add_font("dejavu", fname=str(FONT))
    pdf.set_font("dejavu", size=11)
    pdf.multi_cell(0, 6, text, align="J")
    pdf.add_page()
    pdf.set_text_shaping(True)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def pdf_octal(text: str) -> bytes:
    """A PDF from ReportLab with a standard font: each letter beyond ASCII written as an octal
    escape (\\345 for å)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pageCompression=0)
    page.setFont("Helvetica", 11)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def pdf_picture_only() -> bytes:
    """A PDF whose one page is a picture (a scanned page), from fpdf2."""
    from fpdf import FPDF

    from support.office import PNG

    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(PNG), x=10, y=10, w=180)
    return bytes(pdf.output())


def pdf_encrypted(text: str) -> bytes:
    """A PDF from fpdf2 that may be opened without a password, but is protected against copying."""
    from fpdf import FPDF
    from fpdf.enums import AccessPermission

    pdf = FPDF()
    pdf.set_encryption(owner_password="ägare", permissions=AccessPermission.PRINT_LOW_RES)
    pdf.add_page()
    pdf.add_font("dejavu", fname=str(FONT))
    pdf.set_font("dejavu", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def odt(text: str, span_at: int = 3) -> bytes:
    """An OpenDocument text from odfpy, the text split into a span at span_at, a run of
    spaces written as text:s."""
    from odf import text as odftext
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    paragraph = odftext.P()
    paragraph.addText("Föredragande:")
    paragraph.addElement(odftext.S(c=2))
    paragraph.addText(text[:span_at])
    span = odftext.Span()
    span.addText(text[span_at:])
    paragraph.addElement(span)
    document.text.addElement(paragraph)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def notepad_unicode(text: str, bom: bool = True) -> bytes:
    """Text as Windows Notepad saves it as 'Unicode': UTF-16 little-endian, CRLF line ends."""
    data = text.replace("\n", "\r\n").encode("utf-16-le")
    return (b"\xff\xfe" if bom else b"") + data


def wordpad_rtf(text: str) -> bytes:
    """RTF as WordPad writes it: letters beyond ASCII as \\'hh escapes of code page 1252."""
    escaped = "".join(c if ord(c) < 128 else f"\\'{c.encode('cp1252')[0]:02x}" for c in text)
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat{\\fonttbl{\\f0\\fnil\\fcharset0 Calibri;}}\r\n"
            "{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1 \r\n"
            "\\pard\\sa200\\sl276\\slmult1\\f0\\fs22\\lang1053 " + escaped + "\\par\r\n}\r\n\x00").encode("ascii")


def xlsx(cells: list[str]) -> bytes:
    """An Excel workbook from openpyxl: the cells' text in the shared strings, a comment on one."""
    import openpyxl
    from openpyxl.comments import Comment

    book = openpyxl.Workbook()
    sheet = book.active
    for row, value in enumerate(cells, start=1):
        sheet.cell(row=row, column=1, value=value)
    sheet.cell(row=1, column=2, value=3).comment = Comment("Kontrollerad", "Sekreteraren")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pptx(title: str, notes: str = "") -> bytes:
    """A PowerPoint presentation from python-pptx: a title split into two runs, speaker notes."""
    from pptx import Presentation

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    paragraph = slide.shapes.title.text_frame.paragraphs[0]
    half = len(title) // 2
    paragraph.add_run().text = title[:half]
    paragraph.add_run().text = title[half:]
    if notes:
        slide.notes_slide.notes_text_frame.text = notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def pdf_scanned_with_ocr(text: str) -> bytes:
    """A scanned page after text recognition, from fpdf2: the picture, and the text under it invisible."""
    from fpdf import FPDF
    from fpdf.enums import TextMode

    from support.office import PNG

    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(PNG), x=10, y=10, w=180)
    pdf.add_font("dejavu", fname=str(FONT))
    pdf.set_font("dejavu", size=11)
    pdf.text_mode = TextMode.INVISIBLE
    pdf.set_xy(10, 20)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def docx_no_break_hyphen(first: str, last: str) -> bytes:
    """A Word file with a double surname joined by a non-breaking hyphen (Ctrl+Shift+-), which Word
    writes as an element of its own, not as a character: Öberg<w:noBreakHyphen/>Lindqvist."""
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    before, after = last.split("-", 1)
    run = document.add_paragraph(f"Föredragande: {first} ").add_run(before)
    run._r.append(OxmlElement("w:noBreakHyphen"))
    text = OxmlElement("w:t")
    text.text = after
    run._r.append(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_formula_text(name: str) -> bytes:
    """An Excel workbook whose cell shows a name as a formula's result: Excel stores the result
    in the cell itself (t="str", <v>), not among the shared strings."""
    import zipfile

    data = xlsx(["Deltagare"])
    cell = f'<c r="A2" t="str"><f>CONCATENATE("{name[:3]}","{name[3:]}")</f><v>{name}</v></c>'.encode()
    row = b'<row r="2">' + cell + b"</row>"
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                end = part.index(b"</row>") + len(b"</row>")
                part = part[:end] + row + part[end:]
            target.writestr(info, part)
    return buffer.getvalue()


def pdf_picture_with_heading(heading: str, picture_width: float = 180) -> bytes:
    """A PDF page from fpdf2 with a picture picture_width mm wide (180: a scanned page) and a
    heading above it, as a PDF tool stamps one on a scan."""
    from fpdf import FPDF

    from support.office import PNG

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dejavu", fname=str(FONT))
    pdf.set_font("dejavu", size=11)
    pdf.cell(text=heading)
    pdf.image(io.BytesIO(PNG), x=15, y=20, w=picture_width)
    pdf.set_xy(10, 30 + picture_width)
    if picture_width < 100:
        pdf.multi_cell(0, 6, "Mötet leddes av ordföranden, som hälsade alla välkomna och gick igenom dagordningen. " * 4)
    return bytes(pdf.output())


def pdf_with_attached_file(name: str, data: bytes, as_annotation: bool = False) -> bytes:
    """A PDF from fpdf2 with a file attached to it: to the document, or as an annotation on a page."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dejavu", fname=str(FONT))
    pdf.set_font("dejavu", size=11)
    pdf.multi_cell(0, 6, "Mötet leddes av ordföranden, som hälsade alla välkomna och gick igenom dagordningen. " * 4)
    if not as_annotation:
        pdf.embed_file(bytes=data, basename=name)
        return bytes(pdf.output())
    pdf.set_compression(False)
    pdf.file_attachment_annotation(None, x=10, y=80, w=10, h=10, bytes=data, basename=name)
    # fpdf2 lists the file in the catalog's name tree as well; Acrobat's annotations do not: the
    # key is renamed (same length, so the cross-reference table stays right) to leave the annotation only.
    output = bytes(pdf.output())
    return output.replace(b"/Names <</EmbeddedFiles", b"/Xames <</EmbeddedFiles", 1)


def odt_in_header(text: str) -> bytes:
    """An OpenDocument text from odfpy with text in the page header (styles.xml, not content.xml)."""
    from odf import style
    from odf import text as odftext
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    layout = style.PageLayout(name="sida")
    document.automaticstyles.addElement(layout)
    master = style.MasterPage(name="Standard", pagelayoutname=layout)
    header = style.Header()
    header.addElement(odftext.P(text=text))
    master.addElement(header)
    document.masterstyles.addElement(master)
    document.text.addElement(odftext.P(text="Minnesanteckningar från mötet."))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()
