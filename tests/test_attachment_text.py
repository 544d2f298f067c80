"""Attachments read the way a reader reads them (issue 19, item 2): withholding and the leak
audit read each file with the reader of its type, from files the real writers make; a file
whose text cannot be read reliably is withheld where the group hides names, and `check` says
which and why; only the types on the list can be attached."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from notula.publishing.audit import Probes, Secret
from notula.reading import filing, formats
from notula.reading.filetext import Text, decoded, file_text, name_words
from support import attachment_files as made
from support.builds import TODAY, copy_project, mkdocs_build
from support.office import PNG

NAME = "Åsa Öberg-Lindqvist"
WORDS = name_words(NAME)
LONG = ("Mötet leddes av {name} som hälsade alla välkomna och gick igenom dagordningen för dagen tillsammans med "
        "deltagarna från kommunerna och regionen.")


def _names(name: str, data: bytes) -> bool:
    return Text(file_text(name, data).text).names(WORDS)


# Each as its writer makes it; the comment says what a byte-level reading misses.
NAMED = {
    "docx, runs split by proofErr and a revision mark": ("a.docx", lambda: made.docx_split_name("Åsa", "Öberg-Lindqvist")),
    "docx, in a table": ("a.docx", lambda: made.docx_split_name("Åsa", "Öberg-Lindqvist", "table")),
    "docx, in the header": ("a.docx", lambda: made.docx_split_name("Åsa", "Öberg-Lindqvist", "header")),
    "docx, in the footer": ("a.docx", lambda: made.docx_split_name("Åsa", "Öberg-Lindqvist", "footer")),
    "docx, in a comment": ("a.docx", lambda: made.docx_split_name("Åsa", "Öberg-Lindqvist", "comment")),
    "docx, in a tracked deletion": ("a.docx", lambda: made.docx_split_name("Åsa", "Öberg-Lindqvist", "deleted")),
    "docx, a non-breaking hyphen in the name": ("a.docx", lambda: made.docx_no_break_hyphen("Åsa", "Öberg-Lindqvist")),
    "xlsx, a formula's result": ("a.xlsx", lambda: made.xlsx_formula_text(NAME)),
    "pdf, fpdf2 shaped and justified (glyph ids, TJ)": ("a.pdf", lambda: made.pdf_shaped(LONG.format(name=NAME))),
    "pdf, ReportLab (octal escapes)": ("a.pdf", lambda: made.pdf_octal(LONG.format(name=NAME))),
    "docx, text with a picture": ("a.docx", lambda: _docx_with_a_picture(" ".join([LONG.format(name=NAME)] * 2))),
    "pdf, text with a logo": ("a.pdf", lambda: made.pdf_picture_with_heading(f"Föredragande: {NAME}", picture_width=30)),
    "pdf, a scanned page after text recognition": ("a.pdf", lambda: made.pdf_scanned_with_ocr(" ".join([LONG.format(name=NAME)] * 4))),
    "odt, odfpy (a span inside the name)": ("a.odt", lambda: made.odt(NAME)),
    "odt, in the page header": ("a.odt", lambda: made.odt_in_header(f"Föredragande: {NAME}")),
    "txt, Notepad 'Unicode' (UTF-16 with BOM)": ("a.txt", lambda: made.notepad_unicode(f"Föredragande: {NAME}\n")),
    "txt, UTF-16 without BOM": ("a.txt", lambda: made.notepad_unicode(f"Föredragande: {NAME}\n", bom=False)),
    "rtf, WordPad (\\'e5 escapes)": ("a.rtf", lambda: made.wordpad_rtf(f"Föredragande: {NAME}")),
    "rtf, the author in the document's properties": ("a.rtf", lambda: made.wordpad_rtf("Program").replace(
        b"\\deff0", b"\\deff0{\\info{\\author \\'c5sa \\'d6berg-Lindqvist}}", 1)),
    "rtf, a group inside the name (Word's revision ids)": ("a.rtf", lambda: made.wordpad_rtf(NAME).replace(
        b"\\'d6berg-Lind", b"\\'d6{\\rtlch\\fcs1 \\af0 \\insrsid7 berg-}Lind", 1)),
    "xlsx, openpyxl (shared strings)": ("a.xlsx", lambda: made.xlsx(["Deltagare", f"{NAME}, Halmstad"])),
    "pptx, python-pptx (a title in two runs)": ("a.pptx", lambda: made.pptx(f"Presentation av {NAME}")),
    "pptx, in the speaker notes": ("a.pptx", lambda: made.pptx("Presentation", notes=f"Tala med {NAME}")),
    "csv, Excel 'ANSI' (cp1252)": ("a.csv", lambda: f"namn;org\n{NAME};Halmstad\n".encode("cp1252")),
    "txt, NFD (as macOS writes names)": ("a.txt", lambda: unicodedata.normalize("NFD", f"Föredragande: {NAME}").encode("utf-8")),
    "PDF, uppercase type": ("BILAGA.PDF", lambda: made.pdf_shaped(LONG.format(name=NAME))),
}


@pytest.mark.parametrize("case", NAMED)
def test_a_name_is_read_as_the_file_shows_it(case):
    name, make = NAMED[case]
    data = make()
    read = file_text(name, data)
    assert read.unreadable is None, read.unreadable
    assert Text(read.text).names(WORDS), f"{case}: the name was not read"


@pytest.mark.parametrize("case", ["docx, runs split by proofErr and a revision mark", "pdf, fpdf2 shaped and justified (glyph ids, TJ)",
                                  "pdf, ReportLab (octal escapes)", "txt, Notepad 'Unicode' (UTF-16 with BOM)",
                                  "rtf, WordPad (\\'e5 escapes)"])
def test_the_fixtures_are_ones_a_byte_reading_misses(case):
    """The writers' files are the hard form: reading their bytes does not find the name."""
    name, make = NAMED[case]
    assert not Text(decoded(make())).names(WORDS)


@pytest.mark.parametrize("name, data", [
    ("a.docx", lambda: made.docx_split_name("Karin", "Berg")),
    ("a.pdf", lambda: made.pdf_shaped(LONG.format(name="Karin Berg"))),
    ("a.odt", lambda: made.odt("Karin Berg")),
    ("a.rtf", lambda: made.wordpad_rtf("Karin Berg")),
    ("a.txt", lambda: made.notepad_unicode("Karin Berg")),
], ids=["docx", "pdf", "odt", "rtf", "txt"])
def test_another_name_is_not_taken_for_the_hidden_one(name, data):
    read = file_text(name, data())
    assert read.unreadable is None and not Text(read.text).names(WORDS) and Text(read.text).names(("karin", "berg"))


def _docx_with_only_a_picture() -> bytes:
    import docx

    document = docx.Document()
    document.add_picture(io.BytesIO(PNG))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_with_a_picture(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    document.add_picture(io.BytesIO(PNG))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip_without(data: bytes, part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            if info.filename != part:
                target.writestr(info, source.read(info))
    return buffer.getvalue()


def _zip_with(data: bytes, part: str, content: bytes) -> bytes:
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(part, content)
    return buffer.getvalue()


UNREADABLE = {
    "docx with an HTML chunk (altChunk)": ("a.docx", lambda: _zip_with(made.docx_split_name("Karin", "Berg"), "word/afchunk.mht",
                                                                       f"<p>{NAME}</p>".encode()), "holds a part"),
    "encrypted pdf": ("a.pdf", lambda: made.pdf_encrypted(NAME), "encrypted"),
    "scanned pdf": ("a.pdf", made.pdf_picture_only, "no text, only pictures"),
    "pdf with a file attached": ("a.pdf", lambda: made.pdf_with_attached_file("namn.txt", NAME.encode()), "attached files"),
    "pdf with a file attached on a page": ("a.pdf", lambda: made.pdf_with_attached_file("namn.txt", NAME.encode(), as_annotation=True),
                                           "attached files"),
    "scanned pdf with a heading stamped on": ("a.pdf", lambda: made.pdf_picture_with_heading("Bilaga 3"), "mostly a picture"),
    "truncated docx": ("a.docx", lambda: made.docx_split_name("Åsa", "Öberg-Lindqvist")[:3000], "damaged"),
    "docx without its document": ("a.docx", lambda: _zip_without(made.docx_split_name("Åsa", "Öberg-Lindqvist"), "word/document.xml"),
                                  "damaged"),
    "password-protected Word (a compound file)": ("a.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "encrypted"),
    "docx of a scanned page": ("a.docx", _docx_with_only_a_picture, "no text, only pictures"),
    "docx of a scanned page with a heading": ("a.docx", lambda: _docx_with_a_picture("Bilaga 3"), "mostly pictures with little text"),
    "pdf that is not one": ("a.pdf", lambda: b"<html><script>alert(1)</script></html>", "damaged"),
    "unknown encoding": ("a.txt", lambda: bytes(range(256)) * 8, "encoding"),
    "binary named .csv": ("a.csv", lambda: b"\x01\x02\x03\x04 data \x05\x06" * 40, "not text"),
    "picture": ("a.png", lambda: PNG, "picture"),
    "old Word format": ("a.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old Office format"),
    "rtf that is not one": ("a.rtf", lambda: b"Plain text named .rtf", "damaged"),
    "odt that is not a zip": ("a.odt", lambda: b"not a zip at all", "damaged"),
}


@pytest.mark.parametrize("case", UNREADABLE)
def test_a_file_that_cannot_be_read_reliably_says_why(case):
    name, make, why = UNREADABLE[case]
    read = file_text(name, make())
    assert read.unreadable and why in read.unreadable, read.unreadable
    assert read.fix


def test_every_type_that_may_be_attached_has_a_reading():
    """The list of what may be attached and the readers agree: each type is read, or said to be
    unreadable for a reason of its own (never 'Notula cannot read files of this type')."""
    generic = "files of this type"
    for suffix in filing.ATTACHMENT_SUFFIXES:
        try:
            formats.read(suffix, b"")
        except formats.Unreadable as exc:
            assert generic not in exc.message, suffix
    with pytest.raises(formats.Unreadable, match=generic):
        formats.read(".xht", b"<html/>")


@pytest.mark.parametrize("name, allowed", [
    ("Bilaga.PDF", True), ("a.docx", True), ("a.odp", True), ("a.jpeg", True), ("a.csv", True),
    ("a.xht", False), ("a.xhtml", False), ("a.html", False), ("a.svg", False), ("a.pdf.html", False), ("a.js", False),
    ("a.md", False), ("a.zip", False), ("a.exe", False), ("pdf", False), ("a.pdf ", False), (".pdf", False),
])
def test_attachments_are_allowed_by_a_list(name, allowed):
    assert filing.attachable(name) is allowed


@pytest.mark.parametrize("rel, data", [
    ("g/2019-03-01/attachments/a.pdf", lambda: made.pdf_shaped(LONG.format(name=NAME))),
    ("g/2019-03-01/attachments/a.docx", lambda: made.docx_split_name("Åsa", "Öberg-Lindqvist")),
    ("g/2019-03-01/attachments/a.txt", lambda: made.notepad_unicode(NAME)),
    ("g/2019-03-01/attachments/a.rtf", lambda: made.wordpad_rtf(NAME)),
], ids=["pdf", "docx", "txt", "rtf"])
def test_the_audit_reads_a_copied_attachment_as_its_program_shows_it(rel, data):
    secret = Secret("name", "minutes/g", f"hidden name '{NAME}'", name=NAME)
    assert [leak.evidence for leak in Probes.of([secret]).scan_file(rel, data())] == ["the name"]


# ------------------------------------------------------------------ in a real build, and in check

MINUTES = "minutes/sgi/2017/2017-04-25-sgi.md"
FOLDER = "minutes/sgi/2017/attachments"
HIDDEN = "Rasmus Nordin"  # a guest of sgi/2017-04-25: the group shows attendees' names only
ADDED = {  # file -> (title, withheld: the reason check gives, or None when it is published)
    "namnlista.docx": ("Namnlista", "the file names Rasmus Nordin"),
    "presentation.pdf": ("Presentation med namn", "the file names Rasmus Nordin"),
    "deltagare.txt": ("Deltagare", "the file names Rasmus Nordin"),
    "inskannad.pdf": ("Inskannat protokoll", "only pictures"),
    "skyddad.pdf": ("Skyddad rapport", "encrypted"),
    "foto.jpg": ("Foto", "a picture"),
    "program.pdf": ("Program", None),
    "program.rtf": ("Program i RTF", None),
}


def _contents() -> dict[str, bytes]:
    return {
        "namnlista.docx": made.docx_split_name("Rasmus", "Nordin"),
        "presentation.pdf": made.pdf_shaped(LONG.format(name=HIDDEN)),
        "deltagare.txt": made.notepad_unicode(f"Deltagare\n{HIDDEN}, Arbetsförmedlingen\n"),
        "inskannad.pdf": made.pdf_picture_only(),
        "skyddad.pdf": made.pdf_encrypted("Rapport om etablering"),
        "foto.jpg": PNG,
        # A word that is also in a members-only document: published here, so no evidence of a leak.
        "program.pdf": made.pdf_shaped(LONG.format(name="ordföranden") + " Återrapporteringen sker i slutet av mars."),
        "program.rtf": made.wordpad_rtf("Program för dagen: välkomna till Hyltebruk"),
    }


@pytest.fixture(scope="module")
def attached(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("attached") / "project")
    for file, data in _contents().items():
        (root / FOLDER / file).write_bytes(data)
    minutes = root / MINUTES
    listed = "".join(f"  - {{file: attachments/{file}, title: {title}}}\n" for file, (title, _) in ADDED.items())
    text = minutes.read_text(encoding="utf-8").replace("next_meetings:\n", listed + "next_meetings:\n", 1)
    minutes.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def attached_public(attached) -> Path:
    out = attached / "site" / "public"
    result = mkdocs_build(attached, "public", TODAY, out)
    assert result.returncode == 0, result.stderr
    return out


def test_the_public_site_leaves_out_what_names_a_hidden_person_or_cannot_be_read(attached_public):
    folder = attached_public / "sgi/2017-04-25/attachments"
    for file, (_title, withheld) in ADDED.items():
        assert (folder / file).exists() is (withheld is None), file
    page = BeautifulSoup((attached_public / "sgi/2017-04-25/index.html").read_text(encoding="utf-8"), "html.parser")
    items = {li.get_text(" ", strip=True): li.find("a") for li in page.select(".notula-attachments li")}
    for title, withheld in ADDED.values():
        text = next(t for t in items if t.startswith(title + " ("))
        assert (items[text] is None) is (withheld is not None), text
        assert ("bara på medlemmarnas webbplats" in text) is (withheld is not None), text
    data = json.loads((attached_public / "data/moten/sgi/2017-04-25.json").read_text(encoding="utf-8"))
    listed = " ".join(d["url"] for d in data["documents"])
    for file, (_title, withheld) in ADDED.items():
        assert (file in listed) is (withheld is None), file


def test_check_says_which_attachments_are_withheld_and_why(attached):
    result = subprocess.run([sys.executable, "-m", "notula.cli", "check"], cwd=attached, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    listed = (attached / MINUTES).read_text(encoding="utf-8").splitlines()
    for file, (_title, withheld) in ADDED.items():
        found = [line for line in lines if f"'attachments/{file}'" in line]
        if withheld is None:
            assert not found, file
            continue
        assert len(found) == 1, (file, result.stdout)
        line_no = next(i for i, line in enumerate(listed, start=1) if f"attachments/{file}" in line)
        index = next(i for i, line in enumerate(_attachment_lines(listed), start=1) if f"attachments/{file}" in line)
        assert found[0].strip().startswith(f"{MINUTES}:{line_no}: attachments[{index}].file: 'attachments/{file}': "), found[0]
        assert withheld in found[0] and " — " in found[0], found[0]


def _attachment_lines(lines: list[str]) -> list[str]:
    start = lines.index("attachments:") + 1
    return [line for line in lines[start:] if line.startswith("  - {file:") or line.startswith("  - {url:")][:20]


def test_check_says_it_in_swedish(attached):
    import os

    env = dict(os.environ, NOTULA_LANG="sv")
    result = subprocess.run([sys.executable, "-m", "notula.cli", "check"], cwd=attached, capture_output=True, text=True, env=env)
    assert "Bilagor som bara finns på medlemmarnas webbplats" in result.stdout
    assert "'attachments/skyddad.pdf': den offentliga webbplatsen utelämnar den" in result.stdout
    assert "PDF-filen är krypterad" in result.stdout and "spara den igen utan lösenord" in result.stdout


def test_import_leaves_out_embedded_files_that_cannot_be_attached(project, tmp_path, capsys):
    """Word stores an embedded object it cannot name as oleObject1.bin: the draft does not list it
    (check would refuse it), and the import says so."""
    import docx

    from notula.cli import main
    from notula.model.validate import check_corpus
    from notula.reading.source import read_source

    document = docx.Document()
    document.add_paragraph("Protokoll 2017-03-01")
    document.add_paragraph("Närvarande: Anna Berg, Halmstad")
    path = tmp_path / "inbaddat.docx"
    document.save(path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0 an OLE object")
        archive.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", made.xlsx(["Budget"]))
    assert main(["--root", str(project), "import", str(path), "--group", "sgi"]) == 0
    out = capsys.readouterr()
    written = project / "minutes/sgi/2017/2017-03-01-sgi.md"
    files = [a["file"] for a in read_source(written, written.name).meta["attachments"]]
    assert files == ["attachments/2017-03-01-sgi-Microsoft_Excel_Worksheet.xlsx"]
    assert "the embedded file 'oleObject1.bin' was left out: its type cannot be attached" in out.out + out.err
    assert check_corpus(project)[1] == []


@pytest.fixture(scope="module")
def real_files() -> dict[str, bytes]:
    return {"a.docx": made.docx_split_name("Åsa", "Öberg-Lindqvist"), "a.pdf": made.pdf_shaped(LONG.format(name=NAME)),
            "a.odt": made.odt(NAME), "a.rtf": made.wordpad_rtf(NAME), "a.xlsx": made.xlsx([NAME]), "a.pptx": made.pptx(NAME),
            "a.txt": made.notepad_unicode(NAME)}


def test_a_damaged_file_never_fails_the_reading(real_files):
    """Every file cut short or with bytes changed is read or said to be unreadable: never an exception."""
    import random

    chance = random.Random(19)
    for name, whole in sorted(real_files.items()):
        for _ in range(40):
            length = len(whole) if chance.random() < 0.7 else chance.randrange(len(whole) // 2, len(whole))  # most whole: read deeper
            data = bytearray(whole[:length])
            for _ in range(chance.randrange(1, 6)):
                data[chance.randrange(len(data))] = chance.randrange(256)
            read = file_text(name, bytes(data))
            assert isinstance(read.text, str) and (read.unreadable is None or read.fix), name


def test_a_file_is_read_once_per_content(monkeypatch):
    """Withholding and the audit read the same attachment, and the preview reads all after each
    change: a content already read is not read again, whatever the file is called."""
    calls = []
    real = formats.read
    monkeypatch.setattr(formats, "read", lambda kind, data: calls.append(kind) or real(kind, data))
    data = made.wordpad_rtf(f"Program för dagen {len(calls)} {id(calls)}")  # content no other test reads
    first = file_text("a/program.rtf", data)
    assert file_text("b/kopia.RTF", data) is first and calls == [".rtf"]
    file_text("a/program.rtf", data + b" ")
    assert calls == [".rtf", ".rtf"]


def test_only_groups_that_hide_names_withhold_what_cannot_be_read(attached):
    """Fail closed where names are hidden; elsewhere a picture or a protected PDF is published."""
    from notula.model.names import NamePolicy
    from notula.model.validate import load_corpus
    from notula.showing.withheld import to_be_withheld, withheld

    corpus = load_corpus(attached)
    assert list(withheld(corpus, NamePolicy())) == []  # the members' site, or a group that shows every name
    assert {w.file for w in to_be_withheld(corpus)} == {f"attachments/{file}" for file, (_, why) in ADDED.items() if why} | {
        "attachments/2017-04-25-arbetsformedlingen.pdf"}
