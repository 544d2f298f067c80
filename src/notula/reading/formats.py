"""The text of an attached file as its program shows it to a reader: one reader per type.

PDF through pdfminer.six (kerned TJ arrays, escaped letters, compressed streams, the fonts'
Unicode maps), OpenDocument through odfpy, RTF through striprtf, text with its encoding
detected (a byte-order mark, UTF-16 without one, UTF-8, else charset-normalizer). Office Open
XML (.docx, .xlsx, .pptx) is read from the package's own XML: mammoth and python-docx skip
headers, footers, comments, text boxes and tracked deletions, all of which Word shows.

Every reader reads everything a reader could see, metadata included (author, comments),
and raises Unreadable where that cannot be done reliably: an encrypted or damaged file, a
page that is only pictures, letters without a Unicode map, an unknown encoding, a picture.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from notula.errors import NotulaError
from notula.i18n import N_, _

MAX_PART = 200_000_000  # bytes of one unpacked part: a larger one is not read (a zip bomb)
# A page mostly covered by pictures with only a few words on it (a scanned page with a stamp or
# a heading added) may hold a name in the picture; so may a photo slide with a title.
PICTURE_PAGE = 0.5  # of the page's area
FEW_LETTERS = 200
DRAWN_LETTERS = 20  # shapes on a page without text: perhaps letters drawn as outlines (a few are frames and lines)


class Unreadable(NotulaError):
    """The text of a file cannot be read reliably: why, and how the secretary can fix it."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message = message
        self.fix = fix


_RESAVE = N_("open it in its program and save it again, or save it as PDF")
_SCANNED = N_("run text recognition (OCR) on it, or save the original document as PDF from its program")


def _damaged(kind: str, error: Exception | str = "") -> Unreadable:
    detail = f" ({type(error).__name__})" if isinstance(error, Exception) else ""
    return Unreadable(_("the file cannot be read as {kind}; it may be damaged").format(kind=kind) + detail, _(_RESAVE))


def _letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


# ---------------------------------------------------------------- PDF


def read_pdf(data: bytes) -> str:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # a damaged file is reported here, not logged
    if b"%PDF-" not in data[:1024]:
        raise _damaged("PDF")
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
    except PDFPasswordIncorrect:
        document = None
    except Exception as exc:  # a damaged file makes pdfminer fail in many ways
        raise _damaged("PDF", exc) from None
    if document is None or document.encryption is not None:
        raise Unreadable(_("the PDF is encrypted (protected by a password or against copying)"),
                         _("save it again without password or protection (in Adobe Acrobat: File › Properties › Security: No Security)"))
    if _holds_files(document):
        raise Unreadable(_("the PDF holds attached files, which Notula does not read"),
                         _("remove the attached files from the PDF, or attach them to the minutes as files of their own"))
    parts = [value for info in document.info for value in _pdf_strings(info)]
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=LAParams(all_texts=True))
    interpreter = PDFPageInterpreter(manager, device)
    try:
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            interpreter.process_page(page)
            layout = device.get_result()
            text, pictures, shapes = _layout_text(layout)
            if "(cid:" in text:
                raise Unreadable(_("page {page} of the PDF has letters that cannot be read as text (a font without a "
                                   "Unicode map)").format(page=number), _(_RESAVE))
            if (pictures or shapes >= DRAWN_LETTERS) and not _letters(text):
                raise Unreadable(_("page {page} of the PDF has no text, only pictures (a scanned page?)").format(page=number),
                                 _(_SCANNED))
            if sum(c.isalpha() for c in text) < FEW_LETTERS and _picture_area(layout) >= PICTURE_PAGE * layout.width * layout.height:
                raise Unreadable(_("page {page} of the PDF is mostly a picture with little text (a scanned page?)").format(page=number),
                                 _(_SCANNED))
            parts.append(text)
            annotations = [a for a in _resolved(page.annots) if isinstance(a, dict)]
            if any(_name(a.get("Subtype")) == "FileAttachment" for a in annotations):
                raise Unreadable(_("the PDF holds attached files, which Notula does not read"),
                                 _("remove the attached files from the PDF, or attach them to the minutes as files of their own"))
            parts += [value for annotation in annotations for value in _pdf_strings(annotation, ("Contents", "T", "V", "TU"))]
    except Unreadable:
        raise
    except Exception as exc:
        raise _damaged("PDF", exc) from None
    return "\n".join(parts)


def _layout_text(item) -> tuple[str, int, int]:
    """The text of a laid-out page (or a part of one), and how many pictures and drawn shapes it has."""
    from pdfminer.layout import LTChar, LTCurve, LTImage, LTTextContainer

    if isinstance(item, (LTTextContainer, LTChar)):
        return item.get_text(), 0, 0
    if isinstance(item, LTImage):
        return "", 1, 0
    texts, pictures, shapes = [], 0, 1 if isinstance(item, LTCurve) else 0
    for child in item if hasattr(item, "__iter__") else ():
        text, found, drawn = _layout_text(child)
        texts.append(text)
        pictures, shapes = pictures + found, shapes + drawn
    return "".join(texts), pictures, shapes


def _holds_files(document) -> bool:
    """Whether a PDF has files attached to it as a whole (its catalog's EmbeddedFiles)."""
    from pdfminer.pdftypes import resolve1

    try:
        names = resolve1(document.catalog.get("Names"))
        return isinstance(names, dict) and resolve1(names.get("EmbeddedFiles")) is not None
    except Exception:  # a damaged catalog: the pages are read next, and fail there if they must
        return False


def _name(value) -> str:
    """A PDF name (/FileAttachment) as text."""
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    return str(getattr(value, "name", value))


def _picture_area(item) -> float:
    """The area of the pictures on a laid-out page (a picture inside a figure counted once)."""
    from pdfminer.layout import LTImage

    if isinstance(item, LTImage):
        return max(item.width, 0) * max(item.height, 0)
    return sum(_picture_area(child) for child in item) if hasattr(item, "__iter__") else 0.0


def _resolved(value) -> list:
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    return [resolve1(v) for v in value] if isinstance(value, list) else []


def _pdf_strings(mapping, keys: tuple[str, ...] | None = None) -> Iterator[str]:
    """The text values of a PDF dictionary (the document information, an annotation)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    if not isinstance(mapping, dict):
        return
    for key, value in mapping.items():
        value = resolve1(value)
        if (keys is None or key in keys) and isinstance(value, bytes):
            yield decode_text(value)
        elif (keys is None or key in keys) and isinstance(value, str):
            yield value


# ---------------------------------------------------------------- Office Open XML (.docx, .xlsx, .pptx)

_OOXML_MAIN = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml", ".pptx": "ppt/presentation.xml"}
_OOXML_KIND = {".docx": "Word", ".xlsx": "Excel", ".pptx": "PowerPoint"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted Office file, or one in the old binary format
_OOXML_TEXT = {"t", "delText", "instrText", "delInstrText", "text"}  # runs (w:t, a:t, a cell's t), deleted text, comments (p:text)
_OOXML_BREAKS = {"p", "br", "cr", "si", "tab", "tc", "c", "v", "comment", "text"}  # paragraphs, line breaks, tabs, cells: word ends
_OOXML_VALUES = re.compile(r"^xl/worksheets/|/charts/")
# Parts without text a reader sees: relations, printer settings, embedded fonts, the thumbnail.
_OOXML_NO_TEXT = re.compile(r"\.rels$|^\[content_types\]\.xml$|/printersettings/|/fonts/[^/]+\.odttf$|^docprops/thumbnail\.\w+$")
_OOXML_CHARACTERS = {"noBreakHyphen": "-", "softHyphen": ""}  # characters written as elements inside a word
_OOXML_SEEN = {"author", "descr", "title"}  # attributes shown to a reader: who made a comment or a change, alt text


def read_ooxml(data: bytes, suffix: str) -> str:
    kind = _OOXML_KIND[suffix]
    if data[:8] == _OLE:
        raise Unreadable(_("the {kind} file is encrypted (protected by a password), or in an older format").format(kind=kind),
                         _("save it again without password, as {suffix} or PDF").format(suffix=suffix))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise _damaged(kind, exc) from None
    with archive:
        names = {info.filename for info in archive.infolist()}
        if _OOXML_MAIN[suffix] not in names:
            raise _damaged(kind, "no " + _OOXML_MAIN[suffix])
        content, metadata, pictures = [], [], 0
        for info in archive.infolist():
            name = info.filename.lower()
            if info.is_dir():
                continue
            if info.file_size > MAX_PART:
                raise _damaged(kind, "a part too large")
            if name.startswith("docprops/") and name.endswith(".xml"):
                metadata.append(_xml_text(archive, info, kind, everything=True))
            elif name.endswith((".xml", ".vml")) and not _OOXML_NO_TEXT.search(name):
                # A worksheet's and a chart's values (v) may be text: a formula's result, a series' name.
                content.append(_xml_text(archive, info, kind, values=_OOXML_VALUES.search(name) is not None))
            elif "/embeddings/" in name or "/activex/" in name:
                content.append(_embedded(archive.read(info), name, kind))
            elif "/media/" in name:
                pictures += 1
            elif not _OOXML_NO_TEXT.search(name):  # an HTML or RTF chunk, a macro project …
                raise Unreadable(_("the {kind} file holds a part that Notula cannot read ({name})").format(
                    kind=kind, name=info.filename), _("save it as PDF"))
    text = "\n".join(content)
    _pictures_only(kind, pictures, text if suffix == ".docx" else "x" * FEW_LETTERS)  # slides' and sheets' own texts would count
    return text + "\n" + "\n".join(metadata)


def _pictures_only(kind: str, pictures: int, text: str) -> None:
    """Raise Unreadable for a document with pictures and no text, or hardly any (a scan pasted in)."""
    if pictures and not _letters(text):
        raise Unreadable(_("the {kind} file has no text, only pictures (a scanned page?)").format(kind=kind), _(_SCANNED))
    if pictures and sum(c.isalpha() for c in text) < FEW_LETTERS:
        raise Unreadable(_("the {kind} file is mostly pictures with little text (a scanned page?)").format(kind=kind), _(_SCANNED))


def _xml_text(archive: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str, everything: bool = False, values: bool = False) -> str:
    """The text of one XML part, in document order: the runs of text (all text with everything;
    the values (v) too with values), and the attributes a reader sees (who wrote a comment or a
    change, a picture's description). The runs of one paragraph are joined as they are, so a name
    split into runs stays one word."""
    out: list[str] = []
    text_elements = _OOXML_TEXT | {"v"} if values else _OOXML_TEXT
    names = info.filename.lower().endswith("commentauthors.xml")
    try:
        with archive.open(info) as stream:
            for _event, element in ElementTree.iterparse(stream, events=("end",)):
                local = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
                if element.text and (everything or local in text_elements):
                    out.append(element.text)
                elif local in _OOXML_CHARACTERS:
                    out.append(_OOXML_CHARACTERS[local])
                for attribute, value in element.attrib.items():
                    attribute = attribute.rsplit("}", 1)[-1]
                    if attribute in _OOXML_SEEN or (names and attribute == "name"):
                        out.append(f"\n{value}\n")
                if everything or local in _OOXML_BREAKS:
                    out.append("\n")
                element.clear()
    except (ElementTree.ParseError, zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
        raise _damaged(kind, exc) from None
    return "".join(out)


def _embedded(data: bytes, name: str, kind: str) -> str:
    """An object embedded in an office file: a document of a type Notula reads, else unreadable."""
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name.rsplit("/", 1)[-1] else ""
    if suffix in _OOXML_MAIN or suffix in _ODF_KINDS or suffix == ".pdf":
        return read(suffix, data)
    raise Unreadable(_("the {kind} file holds an embedded object that Notula cannot read ({name})").format(
        kind=kind, name=name.rsplit("/", 1)[-1]), _("remove the object, or save the document as PDF"))


# ---------------------------------------------------------------- OpenDocument (.odt, .ods, .odp)

_ODF_KINDS = {".odt": "OpenDocument", ".ods": "OpenDocument", ".odp": "OpenDocument"}


def read_odf(data: bytes) -> str:
    from odf import dc, meta, svg, teletype, text
    from odf.opendocument import load

    kind = "OpenDocument"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise _damaged(kind, exc) from None
    with archive:
        try:
            manifest = archive.read("META-INF/manifest.xml")
        except KeyError:
            manifest = b""
        if b"encryption-data" in manifest:
            raise Unreadable(_("the OpenDocument file is encrypted (protected by a password)"),
                             _("save it again without password"))
        pictures = sum(1 for info in archive.infolist() if info.filename.startswith("Pictures/") and not info.is_dir())
    try:
        documents = [load(io.BytesIO(data))]
        parts, metadata = [], []
        while documents:
            document = documents.pop()
            documents += getattr(document, "childobjects", [])  # embedded objects: charts, formulas, documents
            for kind_of in (text.H, text.P):
                parts += [teletype.extractText(element) for element in document.getElementsByType(kind_of)]
            for kind_of in (dc.Creator, dc.Title, dc.Subject, dc.Description, meta.InitialCreator, meta.Keyword, meta.UserDefined,
                            svg.Title, svg.Desc):  # and a picture's alternative text
                metadata += [teletype.extractText(element) for element in document.getElementsByType(kind_of)]
    except Exception as exc:  # a damaged file makes odfpy fail in many ways
        raise _damaged(kind, exc) from None
    content = "\n".join(parts)
    _pictures_only(kind, pictures, content)
    return content + "\n" + "\n".join(metadata)


# ---------------------------------------------------------------- text (.txt, .csv)

_BOMS = [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
# Where a detector might guess wrong between them, a Swedish letter is read in each of these.
_ONE_BYTE = ("cp1252", "cp850", "mac_roman")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_UNKNOWN_FIX = N_("save it as UTF-8 text (in Notepad: Save as, Encoding: UTF-8), or as PDF")


def read_plain(data: bytes) -> str:
    text = _decoded_text(data)
    if len(_CONTROL.findall(text)) > max(2, len(text) // 1000):
        raise Unreadable(_("the file is not text (it holds control characters)"), _(_UNKNOWN_FIX))
    return text


def _decoded_text(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise Unreadable(_("the text is not valid {encoding}, as its first bytes say").format(encoding=encoding.upper()),
                                 _(_UNKNOWN_FIX)) from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise Unreadable(_("the text's encoding cannot be told"), _(_UNKNOWN_FIX))
    return "\n".join([str(best), *(data.decode(encoding, errors="replace") for encoding in _ONE_BYTE if encoding != best.encoding)])


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 as Notepad and Windows tools save it without a byte-order mark: text in Latin
    letters has a zero byte in every other place."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd > pairs * 0.3 and even < pairs * 0.05:
        return "utf-16-le"
    if even > pairs * 0.3 and odd < pairs * 0.05:
        return "utf-16-be"
    return None


# ---------------------------------------------------------------- RTF

_RTF_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")
_RTF_CHARSETS = {b"\\mac": "mac_roman", b"\\pca": "cp850", b"\\pc": "cp437"}
_RTF_HEX = re.compile(r"\\'([0-9a-fA-F]{2})")
_RTF_UNICODE = re.compile(r"\\u(-?\d+) ?(?:\\'[0-9a-fA-F]{2}|[^\\{}])?")
_RTF_CONTROL = re.compile(r"\\[a-zA-Z]+-?\d* ?|\\[^a-zA-Z]|[{}]")


def read_rtf(data: bytes) -> str:
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise _damaged("RTF")
    encoding = _rtf_encoding(data)
    raw = data.decode("latin-1")  # RTF is 7-bit; a byte beyond that stands for itself
    try:
        text = rtf_to_text(raw, encoding=encoding, errors="replace")
    except Exception as exc:
        raise _damaged("RTF", exc) from None
    # striprtf leaves out the destinations a reader may still see (comments, the document's
    # properties): the whole file is also read with its control words dropped.
    return text + "\n" + _rtf_words(raw, encoding)


def _rtf_encoding(data: bytes) -> str:
    header = data[:2000]
    found = _RTF_CODEPAGE.search(header)
    if found:
        name = f"cp{int(found.group(1))}"
        try:
            codecs.lookup(name)
            return name
        except LookupError:
            return "cp1252"
    for word, encoding in _RTF_CHARSETS.items():
        if re.search(re.escape(word) + rb"(?![a-z])", header):
            return encoding
    return "cp1252"


def _rtf_words(raw: str, encoding: str) -> str:
    text = _RTF_UNICODE.sub(lambda m: chr(int(m.group(1)) % 0x10000), raw)
    text = _RTF_HEX.sub(lambda m: bytes([int(m.group(1), 16)]).decode(encoding, errors="replace"), text)
    # A group may split a word (Word's revision ids) or end a value (the author's name): both readings.
    return _RTF_CONTROL.sub("", text) + "\n" + _RTF_CONTROL.sub("\n", text)


# ---------------------------------------------------------------- dispatch

_PICTURE = Unreadable(N_("it is a picture: Notula cannot read text in pictures"),
                      N_("write what the picture says in the minutes, or attach the original document as PDF with text"))
_OLD_OFFICE = N_("Notula cannot read the text of {kind} files (the old Office format)")


def read(suffix: str, data: bytes) -> str:
    """The text of a file of this type (suffix: '.pdf', lower case). Raises Unreadable."""
    if suffix == ".pdf":
        return read_pdf(data)
    if suffix in _OOXML_MAIN:
        return read_ooxml(data, suffix)
    if suffix in _ODF_KINDS:
        return read_odf(data)
    if suffix == ".rtf":
        return read_rtf(data)
    if suffix in (".txt", ".csv"):
        return read_plain(data)
    if suffix in (".png", ".jpg", ".jpeg", ".gif", ".webp"):
        raise Unreadable(_(_PICTURE.message), _(_PICTURE.fix))
    if suffix in (".doc", ".xls", ".ppt"):
        raise Unreadable(_(_OLD_OFFICE).format(kind=suffix), _("save it as {suffix}x or as PDF").format(suffix=suffix))
    raise Unreadable(_("Notula cannot read the text of files of this type"), _(_RESAVE))


READABLE = (".pdf", *_OOXML_MAIN, *_ODF_KINDS, ".rtf", ".txt", ".csv")  # the types with a reader
