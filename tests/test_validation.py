"""Every bad-input case fails with a message naming the file, the line and the field.

The cases of one broken input and one problem are the table in test_validation_cases.py; here
are valid inputs and the cases with more than one problem or more to check."""

from __future__ import annotations

from pathlib import Path

import pytest

from notula.model.validate import check_corpus
from notula.problems import Problem
from support.validation import VALID, only, problems_for, replace, validation_project, write


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return validation_project(tmp_path)


def test_valid_file_has_no_problems(root):
    write(root, VALID)
    corpus, problems = check_corpus(root)
    assert problems == []
    meeting = corpus.meetings[0]
    assert meeting.id == "sgi/2017-04-04"
    assert [a.org for a in meeting.doc.attendees] == ["halmstad", "region-halland"]
    assert meeting.doc.time == "09:00-13:00"


def test_problem_format_names_file_line_field_and_fix():
    problem = Problem("minutes/a.md", 7, "attendees[2].org", "unknown organisation 'X'", "did you mean 'Y'?")
    assert str(problem) == "minutes/a.md:7: attendees[2].org: unknown organisation 'X' — did you mean 'Y'?"


def test_missing_required_field(root):
    path = write(root, replace("date: 2017-04-04\n", ""))
    p = only(root)
    assert (p.path, p.field) == (path, "date") and "required" in p.message and "YYYY" not in p.message
    assert p.fix.startswith("add 'date:")
    assert p.line == 2  # the start of the front-matter


def test_yaml11_sexagesimal_time_is_read_as_time(root):
    """PyYAML reads `9:00` as 540 (base 60); Notula reads it as the time it is."""
    write(root, replace('time: "09:00-13:00"', "time: 9:00"))
    corpus, problems = check_corpus(root)
    assert problems == [] and corpus.meetings[0].doc.time == "09:00"


def test_yaml11_no_is_text_not_false(root):
    """PyYAML reads `no` as false; here `place: no` stays the text 'no', and remote: no is false."""
    write(root, replace("place: Laxbutiken, Heberg", "place: no").replace("remote: true", "remote: no"))
    corpus, problems = check_corpus(root)
    assert problems == []
    doc = corpus.meetings[0].doc
    assert doc.place == "no" and doc.attendees[1].remote is False


def test_organisation_by_alias_and_case(root):
    write(root, replace("Anna Andersson, Halmstad", "Anna Andersson, HALMSTAD KOMMUN"))
    corpus, problems = check_corpus(root)
    assert problems == [] and corpus.meetings[0].doc.attendees[0].org == "halmstad"


def test_two_files_with_the_same_meeting_id(root):
    first = write(root, VALID)
    second = write(root, VALID, name="2017-04-04-sgi-minutes.md")
    p = only(root)
    assert p.line == 3 and p.field == "date" and "'sgi/2017-04-04'" in p.message and "slug" in p.fix
    assert {p.path, p.message.rsplit(" ", 1)[-1]} == {first, second}


def test_slug_separates_two_meetings_on_one_day(root):
    write(root, VALID)
    write(root, replace("group: sgi", "group: sgi\nslug: em"), name="2017-04-04-sgi-em.md")
    corpus, problems = check_corpus(root)
    assert problems == [] and {m.id for m in corpus.meetings} == {"sgi/2017-04-04", "sgi/2017-04-04-em"}


def test_bom_and_crlf_are_accepted(root):
    write(root, b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode("utf-8"))
    corpus, problems = check_corpus(root)
    assert problems == [] and corpus.meetings[0].doc.place == "Laxbutiken, Heberg"


def test_misspelt_section_marker(root):
    write(root, VALID + "\n::: medlemar\nHemligt.\n:::\n")
    problems = problems_for(root)
    assert any("looks like a members-only marker but is not one" in p.message for p in problems)


def test_every_problem_in_every_file_in_one_run(root):
    write(root, replace("Anna Andersson, Halmstad", "Anna Andersson, Halmstadt").replace("date: 2017-04-04", "date: 2017-04-31"))
    write(root, "", name="2017-05-09-sgi.md")
    problems = problems_for(root)
    assert len(problems) == 3 and len({p.path for p in problems}) == 2


def test_registry_problems_are_reported_with_lines(root):
    (root / "minutes" / "groups.yml").write_text(
        "- {id: sgi, name: SGI, members: [halmstad, varbreg]}\n- {id: x, name: X}\n- {id: x, name: Igen}\n",
        encoding="utf-8")
    write(root, VALID)
    problems = problems_for(root)
    messages = "\n".join(map(str, problems))
    assert "minutes/groups.yml:1: [1].members[2]: unknown organisation 'varbreg'" in messages
    assert "did you mean 'Varberg'" not in messages  # no such organisation in this registry
    assert "minutes/groups.yml:3: [3].id: the id 'x' is used twice" in messages
