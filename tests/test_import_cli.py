"""notula import from the command line: dry run, folders, unknown organisations, errors,
and a Word file with a picture, a table, bold text and a link, through to the built site."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from notula.cli import main
from notula.model.validate import check_corpus
from notula.reading.source import read_source
from support.builds import build_site
from support.office import PNG, make_docx, make_odt

MINUTES = """Protokoll Strategisk grupp integration den 9 maj 2017

Tid: kl 13-16

Plats: Rådhuset

Närvarande:
Anna Berg, Halmstad
Bo Ek, Hallands bildningsförbund

Antecknat av: Anna Berg, Halmstad

1. Inledning

Gruppen beslutar att **anta** planen.

[image]

2. Nästa möte

Nästa möte: 7 juni 2017 kl 9-12 i Stadshuset
"""


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys):
    """`notula import ARGS` in this process (the fuzz tests also run it as a command)."""

    def run_import(project: Path, *args: str) -> Result:
        status = main(["--root", str(project), "import", *args])
        captured = capsys.readouterr()
        assert "internal error" not in captured.err
        return Result(status, captured.out, captured.err)

    return run_import


def files(project: Path) -> list[Path]:
    return sorted(p for p in project.rglob("*") if p.is_file())


def test_dry_run_prints_the_file_and_writes_nothing(project, run, tmp_path):
    source = make_docx(MINUTES, tmp_path / "protokoll.docx")
    before = files(project)
    result = run(project, str(source), "--group", "sgi", "--dry-run")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("--- minutes/sgi/2017/2017-05-09-sgi.md (would be written; nothing is saved with --dry-run)\n---\n")
    assert 'date: 2017-05-09\ntime: "13:00-16:00"\nplace: "Rådhuset"\naudience: draft' in out
    assert "## 1. Inledning" in out and "Gruppen beslutar att **anta** planen." in out
    assert "--- would save minutes/sgi/2017/attachments/2017-05-09-sgi-bild-1.png" in out
    assert "Unknown organisations" in out and '- id: hallands-bildningsforbund\n  name: "Hallands bildningsförbund"' in out
    assert files(project) == before


def test_unknown_organisations_get_a_registry_entry_or_are_added(project, run, tmp_path):
    source = make_odt(MINUTES, tmp_path / "protokoll.odt")
    result = run(project, str(source), "--group", "sgi")
    assert result.returncode == 0, result.stderr
    entry = '- id: hallands-bildningsforbund\n  name: "Hallands bildningsförbund"\n  kind: other'
    assert "add them to minutes/organisations.yml (or import again with --add-organisations)" in result.stdout
    assert entry in result.stdout
    assert "notula check will report" in result.stdout and "unknown organisation 'Hallands bildningsförbund'" in result.stdout
    _, problems = check_corpus(project)
    assert [p.message for p in problems] == ["unknown organisation 'Hallands bildningsförbund'"]
    # pasting the entry into the registry is all it takes
    registry = project / "minutes" / "organisations.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + entry + "\n", encoding="utf-8")
    _, problems = check_corpus(project)
    assert problems == []


def test_add_organisations(project, run, tmp_path):
    source = make_docx(MINUTES, tmp_path / "protokoll.docx")
    registry = project / "minutes" / "organisations.yml"
    original = registry.read_text(encoding="utf-8")
    result = run(project, str(source), "--group", "sgi", "--add-organisations")
    assert result.returncode == 0, result.stderr
    assert "Added 1 organisation(s) to minutes/organisations.yml" in result.stdout
    text = registry.read_text(encoding="utf-8")
    assert text.startswith(original) and 'name: "Hallands bildningsförbund"' in text
    assert "notula check will report" not in result.stdout
    _, problems = check_corpus(project)
    assert problems == []


def test_a_word_file_through_to_the_built_site(project, run, tmp_path):
    source = make_docx(MINUTES, tmp_path / "protokoll.docx")
    assert run(project, str(source), "--group", "sgi", "--add-organisations").returncode == 0
    written = project / "minutes" / "sgi" / "2017" / "2017-05-09-sgi.md"
    doc = read_source(written, written.name)
    assert doc.meta["attachments"] == [{"file": "attachments/2017-05-09-sgi-bild-1.png", "title": "Bild 1 ur protokoll.docx"}]
    assert "![](attachments/2017-05-09-sgi-bild-1.png)" in doc.body
    assert (written.parent / "attachments" / "2017-05-09-sgi-bild-1.png").read_bytes().startswith(b"\x89PNG")
    assert doc.meta["secretary"] == {"name": "Anna Berg", "org": "Halmstad"}
    assert doc.meta["decisions"] == [{"id": "d1", "text": "Gruppen beslutar att anta planen.", "item": 1}]
    assert doc.meta["next_meetings"] == [{"date": "2017-06-07", "time": "09:00-12:00", "place": "Stadshuset"}]
    # the secretary has reviewed it and releases it to the members
    written.write_text(written.read_text(encoding="utf-8").replace("audience: draft", "audience: members"), encoding="utf-8")
    site = build_site(project, "members", today="2026-11-23")  # strict: a link MkDocs cannot find fails it
    page = (site / "sgi" / "2017-05-09" / "index.html").read_text(encoding="utf-8")
    assert "<strong>anta</strong>" in page and "2017-05-09-sgi-bild-1.png" in page
    assert (site / "sgi" / "2017-05-09" / "attachments" / "2017-05-09-sgi-bild-1.png").is_file()
    [src] = re.findall(r'<img [^>]*src="([^"]*bild-1[^"]*)"', page)  # the picture in the text
    shown = urlsplit(urljoin("https://example.org/sgi/2017-05-09/", src)).path
    assert (site / unquote(shown).lstrip("/")).read_bytes() == PNG, f"the picture's {src} leads to {shown}"


def test_word_structure_is_kept(project, run, tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Minnesanteckningar 2017-03-01", 1)
    document.add_paragraph("Närvarande: Anna Berg, Halmstad")
    document.add_heading("1. Ekonomi", 2)
    paragraph = document.add_paragraph("Se ")
    run_ = paragraph.add_run("budgeten")
    run_.italic = True
    paragraph.add_run(" och *inte* [annat] <b>.")
    document.add_paragraph("Punkt ett", style="List Number")
    document.add_paragraph("Punkt två", style="List Number")
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(table._cells, ("Organisation", "Belopp", "Halmstad", "10 | 20")):
        cell.text = text
    document.add_paragraph("::: medlemmar")
    path = tmp_path / "ekonomi.docx"
    document.save(path)
    result = run(project, str(path), "--group", "sgi")
    assert result.returncode == 0, result.stderr
    body = read_source(project / "minutes/sgi/2017/2017-03-01-sgi.md", "x").body
    assert "## 1. Ekonomi" in body
    assert r"Se *budgeten* och \*inte\* \[annat\] \<b>." in body
    assert "1. Punkt ett\n2. Punkt två" in body
    assert "| Organisation | Belopp |\n| --- | --- |\n| Halmstad | 10 \\| 20 |" in body
    assert "\\::: medlemmar" in body  # kept as text, not turned into a members-only block …
    _, problems = check_corpus(project)
    # … which check, failing closed, asks the secretary to decide on: a section, or no colons.
    assert [(p.line, p.field) for p in problems] == [(23, "body")]
    assert "looks like a members-only marker" in problems[0].message


def test_no_date_is_an_error_and_nothing_is_written(project, run, tmp_path):
    source = tmp_path / "utan-datum.txt"
    source.write_text("Anteckningar\n\nNärvarande: Anna Berg, Halmstad\n", encoding="utf-8")
    before = files(project)
    result = run(project, str(source), "--group", "sgi")
    assert result.returncode == 1
    assert f"{source}: no meeting date found in the text; nothing was written — give the date with --date YYYY-MM-DD" \
        in result.stderr
    assert files(project) == before
    result = run(project, str(source), "--group", "sgi", "--date", "2017-02-02")
    assert result.returncode == 0 and (project / "minutes/sgi/2017/2017-02-02-sgi.md").is_file()


def test_folder_import_with_summary(project, run, tmp_path):
    folder = tmp_path / "arkiv"
    folder.mkdir()
    (folder / "a.txt").write_text("Protokoll 2017-02-02\n\nNärvarande: Anna Berg, Halmstad; Bo Ek, Hylte\n\n"
                                  "1. Start\n\nGruppen beslutar att börja.\n", encoding="utf-8")
    make_docx("Protokoll 3 mars 2017\n\nNärvarande:\nAnna Berg, Halmstad\nCia Dahl\n", folder / "b.docx")
    (folder / "c.md").write_text("# Utan datum\n\nText.\n", encoding="utf-8")
    (folder / "notes.xlsx").write_text("ignored", encoding="utf-8")
    result = run(project, str(folder), "--group", "sgi")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("file ")))
    assert lines[start].split() == ["file", "date", "found", "people", "decisions", "needs", "review"]
    assert lines[start + 2].split() == ["a.txt", "2017-02-02", "2", "1", "1"]
    assert lines[start + 3].split() == ["b.docx", "2017-03-03", "1", "0", "1"]
    assert lines[start + 4].split()[:4] == ["c.md", "none", "-", "-"] and "no meeting date" in lines[start + 4]
    assert "2 of 3 file(s) written; 1 failed." in result.stdout
    assert "c.md: no meeting date found" in result.stderr


def test_clear_errors(project, run, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("Protokoll 2017-04-25\n\nNärvarande: Anna Berg, Halmstad\n", encoding="utf-8")
    result = run(project, str(source), "--group", "sgi")
    assert result.returncode == 1
    assert "minutes/sgi/2017/2017-04-25-sgi.md already exists; nothing was written — edit that file" in result.stderr
    result = run(project, str(source), "--group", "nope")
    assert result.returncode == 1 and "unknown group 'nope' — use one of: sgi, styrgrupp" in result.stderr
    result = run(project, str(tmp_path / "missing.docx"), "--group", "sgi")
    assert result.returncode == 1 and "missing.docx: no such file — check the name" in result.stderr
    twin = tmp_path / "kopia.txt"
    twin.write_text("Protokoll 2017-09-09\n\nNärvarande: Anna Berg, Halmstad\n", encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text("Protokoll 2017-09-09\n\nNärvarande: Bo Ek, Hylte\n", encoding="utf-8")
    result = run(project, str(twin), str(other), "--group", "sgi")
    assert result.returncode == 1
    assert f"{other}: kopia.txt in this import is also of 2017-09-09; nothing was written for this one" in result.stderr
    notula_file = tmp_path / "klar.md"
    notula_file.write_text("---\ngroup: sgi\n---\n\nText.\n", encoding="utf-8")
    result = run(project, str(notula_file), "--group", "sgi")
    assert result.returncode == 1 and "already starts with front-matter" in result.stderr
    spreadsheet = tmp_path / "budget.xlsx"
    spreadsheet.write_bytes(b"PK\x03\x04")
    result = run(project, str(spreadsheet), "--group", "sgi")
    assert result.returncode == 1 and "'.xlsx' files cannot be imported — save it as .docx, .odt, .pdf or .txt" in result.stderr


def test_a_table_of_attendees_and_an_embedded_file(project, run, tmp_path):
    import zipfile

    import docx

    document = docx.Document()
    document.add_paragraph("Protokoll 2017-03-01")
    document.add_paragraph("Närvarande:")
    table = document.add_table(rows=3, cols=2)
    for cell, text in zip(table._cells, ("Namn", "Organisation", "Anna Berg", "Halmstad", "Bo Ek", "Hylte")):
        cell.text = text
    document.add_paragraph("1. Inledning")
    path = tmp_path / "tabell.docx"
    document.save(path)
    with zipfile.ZipFile(path, "a") as archive:  # what Word stores for an embedded spreadsheet
        archive.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", b"PK-embedded")
    result = run(project, str(path), "--group", "sgi")
    assert result.returncode == 0, result.stderr
    written = project / "minutes/sgi/2017/2017-03-01-sgi.md"
    doc = read_source(written, written.name)
    assert doc.meta["attendees"] == [{"name": "Anna Berg", "org": "Halmstad"}, {"name": "Bo Ek", "org": "Hylte"}]
    assert "| Namn" not in doc.body and "Närvarande" not in doc.body  # carried in full: out of the body
    saved = "attachments/2017-03-01-sgi-Microsoft_Excel_Worksheet.xlsx"
    assert doc.meta["attachments"] == [{"file": saved, "title": "Bifogad fil 1 ur tabell.docx"}]
    assert (written.parent / saved).read_bytes() == b"PK-embedded"
    _, problems = check_corpus(project)
    assert problems == []
