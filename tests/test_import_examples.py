"""notula import on the real minutes in ../shared/examples, as text and as .docx, .odt and .pdf
made from them; the written files pass notula check in a copy of the demo site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from notula.cli import main
from notula.model.validate import check_corpus
from notula.reading import yamlsafe
from notula.reading.source import read_source
from support.importing import examples_dir
from support.office import MAKERS

FORMATS = (".txt", ".docx", ".odt", ".pdf")
APRIL, JANUARY, REPORT = "001_23de4b236db9a8d1", "000_284cc4fb1885e6a9", "002_c00576fc9d50e674"


@pytest.fixture(scope="session")
def example_files(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every example as .txt (the original) and as .docx, .odt and .pdf made from it."""
    source = examples_dir()
    folder = tmp_path_factory.mktemp("examples")
    files = {}
    for name in (JANUARY, APRIL, REPORT):
        text = (source / f"{name}.txt").read_text(encoding="utf-8")
        files[(name, ".txt")] = source / f"{name}.txt"
        for suffix, make in MAKERS.items():
            files[(name, suffix)] = make(text, folder / f"{name}{suffix}")
    return files


@pytest.fixture
def run_import(capsys):
    """`notula import ARGS` in this process (the CLI tests run it as a command)."""

    def run(project: Path, *args: str) -> tuple[int, str]:
        status = main(["--root", str(project), "import", *args])
        captured = capsys.readouterr()
        assert "internal error" not in captured.err
        return status, captured.out + captured.err

    return run


def front_matter(path: Path) -> tuple[dict, str]:
    source = read_source(path, path.name)
    return source.meta, source.body


def imported(run_import, project: Path, example: Path, target: str) -> tuple[dict, str, str]:
    status, output = run_import(project, str(example), "--group", "sgi")
    assert status == 0, output
    meta, body = front_matter(project / target)
    return meta, body, output


@pytest.mark.parametrize("suffix", FORMATS)
def test_april_meeting(project, run_import, example_files, suffix):
    source_text = (examples_dir() / f"{APRIL}.txt").read_text(encoding="utf-8")
    meta, body, output = imported(run_import, project, example_files[(APRIL, suffix)], "minutes/sgi/2017/2017-04-04-sgi.md")
    assert meta["date"] == "2017-04-04" and meta["audience"] == "draft" and meta["type"] == "minutes"
    assert meta["time"] == "09:00-13:00" and meta["place"] == "Laxbutiken, Heberg"
    assert meta["title"] == "Mötesanteckningar Strategisk grupp integration"
    assert [a["org"] for a in meta["attendees"]] == [
        "Falkenberg", "Länsstyrelsen", "Halmstad", "Hylte", "Kungsbacka", "Region Halland", "Laholm", "Region Halland"]
    for person in meta["attendees"][:7]:  # each name is written beside its organisation in the minutes
        assert re.search(rf"{person['org']}: {re.escape(person['name'])}", source_text)
    # the last is listed without one, and named with her organisation as the note-taker
    assert meta["attendees"][7]["name"] == meta["secretary"]["name"]
    assert "is taken from where the text names the person again" in output
    assert [(a["org"], a["notified"]) for a in meta["absent"]] == [("Varberg", True), ("Region Halland", True)]
    assert [g.get("org") for g in meta["guests"]] == ["Varbergs kommun", "Arbetsförmedlingen", "Region Halland"] + \
        ["Halmstads kommun"] * 3
    assert meta["guests"][0]["affiliation"].startswith("Projektet")
    assert meta["secretary"]["org"] == "Region Halland" and meta["secretary"]["name"] in source_text
    assert re.findall(r"^## (\d+)\. ", body, re.M) == ["1", "2", "3", "4", "5"]
    assert "## 1. Inledning" in body and "## 5. Nästa möte" in body
    assert [m["date"] for m in meta["next_meetings"]] == [
        "2017-05-09", "2017-06-07", "2017-08-16", "2017-09-14", "2017-10-20", "2017-11-17", "2017-12-15", "2018-01"]
    assert meta["next_meetings"][0]["time"] == "13:00-16:00"
    # a month without a day is a coming meeting too (issue 21); it leaves the text
    assert meta["next_meetings"][-1]["place"].startswith("Varberg") and "Januari 2018" not in body
    assert "which the format cannot hold" not in output
    assert "Deltagare:" not in body
    assert "Tid:" not in body and "Anmält förhinder" not in body and "Vid tangenterna" not in body
    assert "attachment" in output  # 'Bifogar PPT'
    assert len([a for a in meta["actions"] if a.get("owners")]) == 4
    # a proposal: like decisions, a candidate whose line stays in the text (issue 21)
    assert meta["proposals"][0] == {"id": "p1", "text": "Bjuda in In-Väst till Regionala Kompetensmässan.", "item": 4}
    dialog = [e for e in meta["events"] if e["date"] == "2017-05-11"]  # 'bjuder in till etableringsdialog 11 maj'
    assert dialog and dialog[0]["time"] == "10:00-15:00" and "etableringsdialog" in dialog[0]["title"]
    _, problems = check_corpus(project)
    assert problems == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_january_meeting(project, run_import, example_files, suffix):
    meta, body, output = imported(run_import, project, example_files[(JANUARY, suffix)], "minutes/sgi/2017/2017-01-11-sgi.md")
    assert meta["date"] == "2017-01-11"
    assert len(meta["attendees"]) == 8 and len(meta["absent"]) == 1
    assert [a["org"] for a in meta["attendees"] if a.get("remote")] == ["Kungsbacka"]
    assert meta["absent"][0]["org"] == "Falkenberg" and "notified" not in meta["absent"][0]
    assert meta["place"] == "Region Halland lokal Fataburen"
    assert len(meta["decisions"]) == 4 and {d["by"] for d in meta["decisions"]} == {"CGH"}
    assert [a["owners"] for a in meta["actions"] if a.get("owners")] == [["Länsstyrelsen"]]
    # the proposed handling of each measure is a proposal, not a decision (issue 21)
    assert sum(1 for p in meta["proposals"] if p["text"].startswith(("ge ett mandat", "Föreslå CGH", "Sköts i KB"))) == 3
    assert "Åtgärdsförslag 6" in body and "Deltagare" not in body
    assert "secretary: no note-taker found" in output and "time: not found" in output
    _, problems = check_corpus(project)
    assert problems == []


def test_every_format_gives_the_same_front_matter(project, run_import, example_files):
    for name, _target in ((APRIL, "2017-04-04"), (JANUARY, "2017-01-11")):
        metas = []
        for suffix in FORMATS:
            status, output = run_import(project, str(example_files[(name, suffix)]), "--group", "sgi", "--dry-run")
            assert status == 0, output
            front = output.split("---\n")[1]
            metas.append(yamlsafe.load(front).data)
        assert all(meta == metas[0] for meta in metas[1:]), name


def test_the_report_without_a_date_is_an_error_and_nothing_is_written(project, run_import, example_files):
    before = sorted(p for p in (project / "minutes").rglob("*"))
    for suffix in FORMATS:
        status, output = run_import(project, str(example_files[(REPORT, suffix)]), "--group", "sgi")
        assert status == 1
        assert "no meeting date found in the text (only 'maj 2016', a month without a day)" in output
        assert "--date YYYY-MM-DD" in output
    assert sorted(p for p in (project / "minutes").rglob("*")) == before
    status, output = run_import(project, str(example_files[(REPORT, ".docx")]), "--group", "sgi", "--date", "2016-05-20")
    assert status == 0, output
    meta, body = front_matter(project / "minutes/sgi/2016/2016-05-20-sgi.md")
    assert meta["type"] == "notes" and "no attendance list found" in output
    assert "Nästa steg" in body
    _, problems = check_corpus(project)
    assert problems == []


def test_the_imported_draft_shows_in_the_preview_only(project, run_import, example_files):
    """The secretary reviews the import in the preview, where it is marked as a draft."""
    import datetime as dt

    from notula.plugin.site import prepare
    from notula.showing.audience import Audience, restricted_label

    status, output = run_import(project, str(example_files[(APRIL, ".docx")]), "--group", "sgi")
    assert status == 0, output
    today = dt.date(2026, 11, 23)
    preview = prepare(project, {}, Audience("members", today, drafts=True))
    assert any(p.src_uri.startswith("sgi/2017-04-04") for p in preview.pages)
    meeting = preview.view.corpus.by_id["sgi/2017-04-04"]
    assert restricted_label(meeting, preview.view.corpus, today) == "UTKAST"
    for audience in ("members", "public"):
        built = prepare(project, {}, Audience(audience, today))
        assert not any(p.src_uri.startswith("sgi/2017-04-04") for p in built.pages)


def test_a_folder_of_examples(project, run_import, example_files, tmp_path):
    folder = tmp_path / "arkiv"
    folder.mkdir()
    for name in (JANUARY, APRIL, REPORT):
        shutil.copy(example_files[(name, ".docx")], folder)
    status, output = run_import(project, str(folder), "--group", "sgi")
    assert status == 1  # the report has no date
    table = output[output.index("file "):]
    assert re.search(r"^file\s+date found\s+people\s+decisions\s+needs review$", table, re.M)
    assert re.search(rf"^{JANUARY}\.docx\s+2017-01-11\s+9\s+4\s+\d+$", table, re.M)
    assert re.search(rf"^{APRIL}\.docx\s+2017-04-04\s+16\s+0\s+\d+$", table, re.M)
    assert re.search(rf"^{REPORT}\.docx\s+none\s+-\s+-\s+error: no meeting date", table, re.M)
    assert "2 of 3 file(s) written; 1 failed." in output
    assert main(["--root", str(project), "check"]) == 0
