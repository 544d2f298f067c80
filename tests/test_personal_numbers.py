"""Personal identity numbers (issue 19, item 7): a personnummer or samordningsnummer with a valid
check digit, however it is written, is an error in any text of a public document, and the leak
audit looks for one in every public output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notula.model.validate import check_corpus
from notula.publishing.audit import Probes, Secret
from notula.reading.personnummer import find
from support.registries import minutes_project


def check_digit(nine: str) -> str:
    """The Luhn check digit, computed here as Skatteverket describes it (weights 2, 1, 2, …)."""
    products = "".join(str(int(d) * w) for d, w in zip(nine, [2, 1] * 5))
    return str((10 - sum(map(int, products)) % 10) % 10)


@st.composite
def numbers(draw) -> tuple[str, str]:
    """(a valid number as written, its ten digits)."""
    born = draw(st.dates(dt.date(1890, 1, 1), dt.date(2025, 12, 31)))
    day = born.day + (60 if draw(st.booleans()) else 0)  # a samordningsnummer
    nine = f"{born:%y%m}{day:02d}{draw(st.integers(0, 999)):03d}"
    ten = nine + check_digit(nine)
    century = f"{born.year // 100}" if draw(st.booleans()) else ""
    separator = draw(st.sampled_from(["-", "", "+", " ", " - ", "–"]))
    return f"{century}{ten[:6]}{separator}{ten[6:]}", ten


@settings(max_examples=300, deadline=None)
@given(number=numbers(), before=st.sampled_from(["", "pnr ", "(", "nr: ", "\n"]), after=st.sampled_from(["", ".", ")", " och"]))
def test_a_valid_number_is_found_however_it_is_written(number, before, after):
    written, _ = number
    assert [found for _, _, found in find(f"{before}{written}{after}")] == [written]


@settings(max_examples=300, deadline=None)
@given(number=numbers(), wrong=st.integers(1, 9))
def test_a_wrong_check_digit_is_no_number(number, wrong):
    written, _ = number
    changed = written[:-1] + str((int(written[-1]) + wrong) % 10)
    assert list(find(changed)) == []


@pytest.mark.parametrize("text", [
    "811218-9876",  # Skatteverket's own example
    "19811218-9876", "8112189876", "198112189876", "811218+9876", "811278-9873",
])
def test_known_examples(text):
    assert [found for _, _, found in find(f"Personnumret {text} skrevs in.")] == [text]


@pytest.mark.parametrize("text", [
    "811318-9876",  # no thirteenth month
    "810230-9876",  # no 30 February (nor a samordningsnummer's 90 February)
    "4811218-9876", "811218-98761",  # part of a longer number
    "2017-04-04", "kl. 09.00-13.00", "070-123 45 67", "212000-1355",  # a date, times, a phone and an organisation number
])
def test_what_is_not_a_number(text):
    assert list(find(text)) == []


# ---------------------------------------------------------------- check

REGISTRIES = {
    "organisations.yml": "- {id: halmstad, name: Halmstads kommun, short: Halmstad, kind: municipality}\n",
    "groups.yml": "- {id: sgi, name: Strategisk grupp integration, members: [halmstad], audience: public, public_names: all}\n",
    "topics.yml": "- {id: sfi, name: SFI}\n",
}

DOC = """\
---
group: sgi
date: 2017-04-04
audience: {audience}
attendees:
  - Anna Berg, Halmstad
summary: "{summary}"
{attachments}---
Inledning.

{body}
"""


def check(tmp_path: Path, summary: str = "Ett möte.", body: str = "Text.", audience: str = "public",
          attachment: tuple[str, bytes] | None = None) -> list[str]:
    root = minutes_project(tmp_path, REGISTRIES)
    folder = root / "minutes" / "sgi" / "2017"
    attachments = ""
    if attachment:
        (folder / "attachments").mkdir()
        (folder / "attachments" / attachment[0]).write_bytes(attachment[1])
        attachments = f"attachments:\n  - {{file: attachments/{attachment[0]}, title: Bilaga}}\n"
    (folder / "2017-04-04-sgi.md").write_text(DOC.format(audience=audience, summary=summary, body=body,
                                                         attachments=attachments), encoding="utf-8")
    return [str(p) for p in check_corpus(root)[1]]


def test_check_reports_a_number_in_the_front_matter(tmp_path):
    found = check(tmp_path, summary="Anna (19811218-9876) berättade.")
    assert len(found) == 1 and found[0].startswith(
        "minutes/sgi/2017/2017-04-04-sgi.md:7: summary: '19811218-9876' is a personal identity number")


def test_check_reports_a_number_in_the_body(tmp_path):
    found = check(tmp_path, body="Samordningsnummer 811278-9873 ska användas.")
    assert len(found) == 1 and found[0].startswith(
        "minutes/sgi/2017/2017-04-04-sgi.md:11: '811278-9873' is a personal identity number")


def test_a_document_that_is_never_public_is_not_checked(tmp_path):
    assert check(tmp_path, body="811218-9876", audience="members") == []


def _docx(*runs: str) -> bytes:
    """A Word file (python-docx) whose second paragraph is these runs: Word splits a number into
    runs where the spelling checker or a revision marks it."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Kontaktuppgifter")
    paragraph = document.add_paragraph()
    for run in runs:
        paragraph.add_run(run)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _utf16(text: str) -> bytes:
    return text.encode("utf-16")  # as Notepad saves "Unicode" text: a byte-order mark, two bytes a letter


@pytest.mark.parametrize("name, data", [
    ("lista.txt", b"Deltagare: Anna Berg, 811218-9876\n"),
    ("lista.docx", _docx("Anna Berg, personnummer 198112189876")),
    ("split.docx", _docx("Anna Berg, personnummer 8112", "18-98", "76")),
    ("unicode.txt", _utf16("Deltagare: Anna Berg, 811218-9876\n")),
])
def test_check_reports_a_number_in_an_attachment(tmp_path, name, data):
    found = check(tmp_path, attachment=(name, data))
    assert len(found) == 1 and f"attachments[1].file: the attachment 'attachments/{name}' holds a personal identity number" in found[0]


def test_an_attachment_without_a_number_passes(tmp_path):
    assert check(tmp_path, attachment=("lista.txt", b"Telefon 070-123 45 67, 2017-04-04")) == []


# ---------------------------------------------------------------- the leak audit

NUMBER = Secret("number", "minutes", "personal identity number")


@pytest.mark.parametrize("content", [
    "<p>Anna, 811218-9876</p>", '{"text": "19811218\\u20139876"}', "<td>8112189876</td>",
])
def test_the_audit_finds_a_number_in_any_output(content):
    found = Probes.of([NUMBER]).scan_file("x/index.html", content.encode("utf-8"))
    assert [leak.evidence for leak in found] and "9876" not in str(found[0])  # the log does not repeat it whole
