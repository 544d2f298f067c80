"""notula import of files as Word (python-docx), OpenDocument (odfpy) and a PDF writer (fpdf2)
make them, with what the format holds since issue 21: partial attendance (with a unit), a
convener, two note-takers as a label and a paragraph of names, proposals, events, a month-only
coming meeting, and a paper with its author and its meeting. Word's non-breaking hyphen and space
stand where minutes have them. The written files pass check."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from notula.cli import main
from notula.model.validate import check_corpus
from notula.reading.source import read_source
from support.office import MAKERS

MINUTES = """Minnesanteckningar Strategisk grupp integration 2017-05-09

Tid: kl 13-16

Närvarande:
Åsa Berg, Halmstad (sammankallande)
Per Holm, Laholm (pkt 3)
Bo Ek, Region Halland, FoU i Väst (punkt 3\u20115)
Cia Dahl, Varberg (§\u00a03)

Antecknat av:

Åsa Berg och Bo Ek

1. Inledning

Arbetsgruppen föreslår att gruppen beslutar att bjuda in Arbetsförmedlingen.

2. Omvärld

Länsstyrelsen bjuder in till temadag om hälsa 15 maj 2017 kl 9-16.

3. Nästa möte

Kommande möten:

- 7 juni 2017 kl 9-12 Rådhuset
- September 2017 Varberg

4. Övrigt

Inga övriga frågor.

5. Avslutning

Ordföranden tackade för mötet.
"""

PAPER = """Underlag till mötet i Strategisk grupp integration den 7 juni 2017

Författare: Åsa Berg, Halmstad

Datum: 2017-05-20

Bakgrund

Behovet av tolkar har ökat i alla kommuner.

Förslag till beslut:

Gruppen ställer sig bakom en gemensam upphandling av tolkar.
"""


@pytest.fixture
def run_import(capsys):
    def run(project: Path, *args: str) -> tuple[int, str]:
        status = main(["--root", str(project), "import", *args])
        captured = capsys.readouterr()
        assert "internal error" not in captured.err
        return status, captured.out + captured.err

    return run


def written(text: str, suffix: str, folder: Path) -> Path:
    """The file as its writer makes it; Word and OpenDocument files get decomposed letters (as
    text pasted from a Mac), the PDF composed ones."""
    if suffix != ".pdf":
        text = unicodedata.normalize("NFD", text)
    return MAKERS[suffix](text, folder / f"source{suffix}")


@pytest.mark.parametrize("suffix", [".docx", ".odt", ".pdf"])
def test_minutes_as_office_files(project, run_import, tmp_path, suffix):
    status, output = run_import(project, str(written(MINUTES, suffix, tmp_path)), "--group", "sgi")
    assert status == 0, output
    target = project / "minutes/sgi/2017/2017-05-09-sgi.md"
    source = read_source(target, target.name)
    meta, body = source.meta, source.body
    assert meta["attendees"] == [
        {"name": "Åsa Berg", "org": "Halmstad", "role": "convener"},
        {"name": "Per Holm", "org": "Laholm", "items": [3]},
        {"name": "Bo Ek", "org": "Region Halland", "unit": "FoU i Väst", "items": [3, 4, 5]},
        {"name": "Cia Dahl", "org": "Varberg", "items": [3]},
    ]
    assert meta["secretary"] == [{"name": "Åsa Berg", "org": "Halmstad"}, {"name": "Bo Ek", "org": "Region Halland"}]
    assert meta["proposals"] == [{"id": "p1", "item": 1,
                                  "text": "Arbetsgruppen föreslår att gruppen beslutar att bjuda in Arbetsförmedlingen."}]
    assert "decisions" not in meta
    assert meta["events"] == [{"date": "2017-05-15", "time": "09:00-16:00",
                               "title": "Länsstyrelsen bjuder in till temadag om hälsa."}]
    assert meta["next_meetings"] == [{"date": "2017-06-07", "time": "09:00-12:00", "place": "Rådhuset"},
                                     {"date": "2017-09", "place": "Varberg"}]
    for gone in ("Närvarande", "Antecknat av", "Åsa Berg och Bo Ek", "(pkt 3)", "September 2017"):
        assert gone not in unicodedata.normalize("NFC", body)
    assert "which the format cannot hold" not in output
    _, problems = check_corpus(project)
    assert problems == []


@pytest.mark.parametrize("suffix", [".docx", ".odt", ".pdf"])
def test_a_paper_for_a_planned_meeting(project, run_import, tmp_path, suffix):
    # the minutes that plan the meeting of 7 June, which has neither minutes nor an agenda yet
    assert run_import(project, str(written(MINUTES, ".docx", tmp_path)), "--group", "sgi")[0] == 0
    status, output = run_import(project, str(written(PAPER, suffix, tmp_path)), "--group", "sgi")
    assert status == 0, output
    target = project / "minutes/sgi/2017/2017-05-20-sgi-paper.md"
    meta = read_source(target, target.name).meta
    assert meta["type"] == "paper" and meta["date"] == "2017-05-20"
    assert meta["author"] == {"name": "Åsa Berg", "org": "Halmstad"}
    assert meta["for_meeting"] == "sgi/2017-06-07"
    assert meta["proposals"] == [{"id": "p1", "text": "Gruppen ställer sig bakom en gemensam upphandling av tolkar."}]
    assert "attendees" not in meta and "secretary" not in meta and "time" not in meta
    assert "secretary: no note-taker found" not in output and "time: not found" not in output
    _, problems = check_corpus(project)
    assert problems == []
