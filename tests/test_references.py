"""References to meetings (for_meeting) and to their actions (follow_up): one grammar
(notula.model.references), and for each way of writing one wrong a problem that names the file,
the line, the field, what is wrong and the reference that was most likely meant.

The wrong forms are the ones people produce: a date as they write it elsewhere (2017-4-4,
20170404, 4.4.2017), digits typed on a phone or copied from a PDF (full-width, Arabic-Indic),
capitals, the address of the page or of the action on it as a browser copies it (%-encoded,
with its #anchor), a trailing slash, a meeting where an action is wanted and the reverse.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from notula.model import references
from notula.model.references import BadReference, MeetingRef, meeting_ref, parse_action_ref
from support.validation import (
    FIELDS_BASE,
    VALID,
    fields_project,
    problems_for,
    replace,
    validation_project,
    write,
    write_front,
)

DAY = dt.date(2017, 4, 4)


# ---------------------------------------------------------------- the grammar


@pytest.mark.parametrize("text,expected", [
    ("sgi/2017-04-04", MeetingRef("sgi", DAY)),
    ("sgi/2017-04-04-em", MeetingRef("sgi", DAY, "em")),
    ("sgi/2017-04-04-agenda", MeetingRef("sgi", DAY, "agenda")),
    ("ag-2/2017-04-04-extra-mote-2", MeetingRef("ag-2", DAY, "extra-mote-2")),
])
def test_a_meeting_reference_is_read_and_written_back(text: str, expected: MeetingRef) -> None:
    assert meeting_ref(text) == expected
    assert str(meeting_ref(text)) == text == references.meeting_id(expected.group, expected.date, expected.suffix or "")


def test_an_action_reference_is_its_meeting_and_its_id() -> None:
    assert parse_action_ref("sgi/2017-04-04-em/a1") == (MeetingRef("sgi", DAY, "em"), "a1")
    ref = references.item_ref("sgi/2017-04-04-em", "a1")
    assert ref == "sgi/2017-04-04-em/a1"
    assert references.meeting_of_action(ref) == "sgi/2017-04-04-em" and references.action_of(ref) == "a1"


# (text, kind, a part of the message, the fix) for a meeting reference
MEETING_CASES = [
    ("sgi/2017-4-4", "reference_date", "the date '2017-4-4'", "write 'sgi/2017-04-04'"),
    ("sgi/20170404", "reference_date", "not written YYYY-MM-DD", "write 'sgi/2017-04-04'"),
    ("sgi/4.4.2017", "reference_date", "not written YYYY-MM-DD", "write 'sgi/2017-04-04'"),
    ("sgi/2017.04.04-em", "reference_date", "not written YYYY-MM-DD", "write 'sgi/2017-04-04-em'"),
    ("sgi/\uff12\uff10\uff11\uff17-\uff10\uff14-\uff10\uff14", "reference_date", "not written YYYY-MM-DD",
     "write 'sgi/2017-04-04'"),  # full-width digits
    ("sgi/\u0662\u0660\u0661\u0667-\u0660\u0664-\u0660\u0664", "reference_date", "not written YYYY-MM-DD",
     "write 'sgi/2017-04-04'"),  # Arabic-Indic digits: \d would take them
    ("sgi/2017-02-30", "reference_date", "'2017-02-30' in 'sgi/2017-02-30' is not a valid date", "an existing date"),
    ("SGI/2017-04-04", "reference_form", "is not written as a reference", "write 'sgi/2017-04-04'"),
    ("sgi / 2017-04-04", "reference_form", "is not written as a reference", "write 'sgi/2017-04-04'"),
    ("sgi/2017-04-04/", "reference_form", "ends with a slash", "write 'sgi/2017-04-04'"),
    ("sgi/2017-04-04/a1", "reference_action", "names an action, not a meeting", "write 'sgi/2017-04-04'"),
    ("https://example.org/sgi/2017-04-04/", "reference_address", "is a web address", "write 'sgi/2017-04-04'"),
    ("https://Example.org/protokoll/sgi/2017%2D04%2D04-em/index.html", "reference_address", "is a web address",
     "write 'sgi/2017-04-04-em'"),
    ("/sgi/2017-04-04/", "reference_address", "is a web address", "write 'sgi/2017-04-04'"),
    ("sgi/2017-04-04--em", "reference_form", "is not a reference to a meeting", "group/date of the meeting"),
    ("nästa möte", "reference_form", "is not a reference to a meeting", "group/date of the meeting"),
    ("sgi", "reference_form", "is not a reference to a meeting", "group/date of the meeting"),
]


def _says_what_it_meant(parse, text: str, kind: str, message: str, fix: str) -> None:
    with pytest.raises(BadReference) as raised:
        parse(text)
    assert (raised.value.kind, message in raised.value.message, fix in raised.value.fix) == (kind, True, True), \
        (raised.value.kind, raised.value.message, raised.value.fix)


@pytest.mark.parametrize("text,kind,message,fix", MEETING_CASES, ids=[c[0] for c in MEETING_CASES])
def test_a_wrong_meeting_reference_says_what_it_meant(text: str, kind: str, message: str, fix: str) -> None:
    _says_what_it_meant(meeting_ref, text, kind, message, fix)


ACTION_CASES = [
    ("sgi/2017-4-4/a1", "reference_date", "the date '2017-4-4'", "write 'sgi/2017-04-04/a1'"),
    ("sgi/20170404-em/a1", "reference_date", "not written YYYY-MM-DD", "write 'sgi/2017-04-04-em/a1'"),
    ("sgi/2017-02-30/a1", "reference_date", "'2017-02-30' in 'sgi/2017-02-30/a1' is not a valid date", "an existing date"),
    ("Sgi/2017-04-04/A1", "reference_form", "is not written as a reference", "write 'sgi/2017-04-04/a1'"),
    ("sgi/2017-04-04/a1/", "reference_form", "ends with a slash", "write 'sgi/2017-04-04/a1'"),
    ("sgi/2017-04-04", "reference_no_action", "names a meeting, not an action", "'sgi/2017-04-04/a1'"),
    ("https://example.org/sgi/2017-04-04/#uppdrag-a2", "reference_address", "is a web address",
     "write 'sgi/2017-04-04/a2'"),
    ("https://example.org/sgi/2017%2D04%2D04-em/#uppdrag%2Da2", "reference_address", "is a web address",
     "write 'sgi/2017-04-04-em/a2'"),  # as a browser copies it
    ("https://example.org/sgi/2017-04-04/", "reference_form", "is not a reference to an action", "group/date/id"),
    ("sgi/a1", "reference_form", "is not a reference to an action", "group/date/id of the action"),
    ("a1", "reference_form", "is not a reference to an action", "group/date/id of the action"),
]


@pytest.mark.parametrize("text,kind,message,fix", ACTION_CASES, ids=[c[0] for c in ACTION_CASES])
def test_a_wrong_action_reference_says_what_it_meant(text: str, kind: str, message: str, fix: str) -> None:
    _says_what_it_meant(parse_action_ref, text, kind, message, fix)


# ---------------------------------------------------------------- in a minutes file: file, line, field, fix

LATER = "minutes/sgi/2017/2017-05-09-sgi.md"


def _follow_up(root: Path, ref: str, first: str = VALID, first_name: str = "2017-04-04-sgi.md") -> None:
    """first (the minutes of 2017-04-04, action a1), and minutes of 2017-05-09 that follow up ref (line 15)."""
    write(root, first, first_name)
    write(root, replace("date: 2017-04-04", "date: 2017-05-09").replace(
        "---\n## 1", f"follow_up:\n  - {{action: '{ref}', status: done}}\n---\n## 1"), name="2017-05-09-sgi.md")


FOLLOW_UP_CASES = [
    # (id, the reference, the meeting's slug, parts of the message, a part of the fix)
    ("a date in another form", "sgi/2017-4-4/a1", None, ("the date '2017-4-4'", "YYYY-MM-DD"), "'sgi/2017-04-04/a1'"),
    ("full-width digits", "sgi/２０１７-０４-０４/a1", None, ("not written YYYY-MM-DD",), "'sgi/2017-04-04/a1'"),
    ("the action's address", "https://example.org/sgi/2017-04-04/#uppdrag-a1", None, ("web address",),
     "'sgi/2017-04-04/a1'"),
    ("a wrong group", "sgj/2017-04-04/a1", None, ("unknown group 'sgj'",), "did you mean 'sgi'"),
    ("a meeting that does not exist", "sgi/2017-04-05/a1", None,
     ("unknown action 'sgi/2017-04-05/a1'", "no meeting 'sgi/2017-04-05' is known", "did you mean 'sgi/2017-04-04/a1'"),
     "group/date/id"),
    ("an action its meeting does not give", "sgi/2017-04-04/a9", None,
     ("unknown action 'sgi/2017-04-04/a9'", "has no action 'a9'"), "write one of its actions: a1"),
    ("a meeting with a suffix named without it", "sgi/2017-04-04/a1", "em",
     ("no meeting 'sgi/2017-04-04' is known", "did you mean 'sgi/2017-04-04-em/a1'"), "group/date/id"),
    ("a meeting without a suffix named with one", "sgi/2017-04-04-em/a1", None,
     ("no meeting 'sgi/2017-04-04-em' is known", "did you mean 'sgi/2017-04-04/a1'"), "group/date/id"),
    ("a meeting where an action is wanted", "sgi/2017-04-04", None, ("names a meeting, not an action",),
     "'sgi/2017-04-04/a1'"),
]


@pytest.mark.parametrize("ref,slug,message,fix", [c[1:] for c in FOLLOW_UP_CASES], ids=[c[0] for c in FOLLOW_UP_CASES])
def test_a_wrong_follow_up_reference_is_one_clear_problem(tmp_path: Path, ref: str, slug: str | None,
                                                          message: tuple[str, ...], fix: str) -> None:
    root = validation_project(tmp_path)
    first = VALID if slug is None else replace("date: 2017-04-04", f"date: 2017-04-04\nslug: {slug}")
    _follow_up(root, ref, first, "2017-04-04-sgi.md" if slug is None else f"2017-04-04-sgi-{slug}.md")
    [problem] = problems_for(root)
    assert (problem.path, problem.line, problem.field) == (LATER, 15, "follow_up[1].action"), problem
    assert all(part in problem.message for part in message), problem.message
    assert fix in (problem.fix or ""), problem.fix


def test_a_follow_up_with_a_suffix_is_valid(tmp_path: Path) -> None:
    root = validation_project(tmp_path)
    _follow_up(root, "sgi/2017-04-04-em/a1", replace("date: 2017-04-04", "date: 2017-04-04\nslug: em"), "2017-04-04-sgi-em.md")
    assert problems_for(root) == []


def test_follow_ups_of_a_broken_file_with_a_suffix_are_not_reported_again(tmp_path: Path) -> None:
    """The broken file's own problem is the one to fix; its actions are not 'unknown' on top of it."""
    root = validation_project(tmp_path)
    broken = replace("date: 2017-04-04", "date: 2017-04-04\nslug: em").replace("place: Laxbutiken, Heberg",
                                                                                 "place: Laxbutiken,\n  Heberg")
    _follow_up(root, "sgi/2017-04-04-em/a1", broken, "2017-04-04-sgi-em.md")
    [problem] = problems_for(root)
    assert problem.path == "minutes/sgi/2017/2017-04-04-sgi-em.md", problem


PAPER = "type: paper\ngroup: sgi\ndate: 2017-04-01\nauthor: Halmstad\nfor_meeting: '{ref}'\n"
PAPER_FILE = "minutes/sgi/2017/2017-04-01-sgi-paper.md"

FOR_MEETING_CASES = [
    ("a date in another form", "sgi/4.4.2017", ("the date '4.4.2017'", "YYYY-MM-DD"), "write 'sgi/2017-04-04'"),
    ("the page's address", "https://example.org/sgi/2017-04-04/", ("web address",), "write 'sgi/2017-04-04'"),
    ("an action", "sgi/2017-04-04/a1", ("names an action",), "write 'sgi/2017-04-04'"),
    ("a wrong group", "sgj/2017-04-04", ("unknown group 'sgj' in 'sgj/2017-04-04'",), "did you mean 'sgi'"),
    ("a date that does not exist", "sgi/2017-02-29", ("'2017-02-29' in 'sgi/2017-02-29' is not a valid date",),
     "an existing date"),
    ("a meeting that does not exist", "sgi/2017-04-05", ("no meeting 'sgi/2017-04-05' is known",), "group/date"),
]


@pytest.mark.parametrize("ref,message,fix", [c[1:] for c in FOR_MEETING_CASES], ids=[c[0] for c in FOR_MEETING_CASES])
def test_a_wrong_for_meeting_is_one_clear_problem(tmp_path: Path, ref: str, message: tuple[str, ...], fix: str) -> None:
    root = fields_project(tmp_path)
    write_front(root, "")
    write_front(root, "", "2017-04-01-sgi-paper.md", base=PAPER.format(ref=ref))
    [problem] = problems_for(root)
    assert (problem.path, problem.line, problem.field) == (PAPER_FILE, 6, "for_meeting"), problem
    assert all(part in problem.message for part in message), problem.message
    assert fix in (problem.fix or ""), problem.fix


@pytest.mark.parametrize("name,base,ref", [
    ("2017-04-04-sgi-agenda.md", "type: agenda\ngroup: sgi\ndate: 2017-04-04\n", "sgi/2017-04-04"),
    ("2017-04-04-sgi-em.md", FIELDS_BASE + "slug: em\n", "sgi/2017-04-04-em"),
], ids=["an agenda", "minutes with a slug"])
def test_a_paper_for_a_broken_meeting_is_not_reported_again(tmp_path: Path, name: str, base: str, ref: str) -> None:
    root = fields_project(tmp_path)
    write_front(root, "topics: [okänt]", name, base=base)  # one problem of its own
    write_front(root, "", "2017-04-01-sgi-paper.md", base=PAPER.format(ref=ref))
    [problem] = problems_for(root)
    assert problem.path == f"minutes/sgi/2017/{name}", problem


def test_the_schema_for_editors_keeps_the_patterns() -> None:
    from notula.model.schema import Document
    schema = Document.model_json_schema()
    assert schema["properties"]["for_meeting"]["anyOf"][0]["pattern"] == references.MEETING_REF_PATTERN
    assert schema["$defs"]["FollowUp"]["properties"]["action"]["pattern"] == references.ACTION_REF_PATTERN

