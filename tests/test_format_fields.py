"""Issue 13: the fields real minutes need, as tables of valid and invalid front-matter.

Each valid case is a piece of front-matter and what the validated document then holds; the
invalid cases (the field, a part of the message and of the fix that `notula check` prints) are
in the table of test_validation_cases.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from notula.model.schema import Month
from notula.model.validate import check_corpus
from support.validation import FIELDS_BASE, fields_project, write_front


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return fields_project(tmp_path)


def check(root: Path):
    corpus, problems = check_corpus(root)
    return corpus, problems


VALID = [
    ("one secretary", "secretary: Bo Ek, Halmstad",
     lambda d: [p.name for p in d.secretary] == ["Bo Ek"]),
    ("several secretaries", 'secretary: ["Bo Ek, Halmstad", "Eva Lund, Region Halland"]',
     lambda d: [(p.name, p.org) for p in d.secretary] == [("Bo Ek", "halmstad"), ("Eva Lund", "region-halland")]),
    ("attendee for one item", "attendees: [{name: Bo Ek, org: Halmstad, items: [1]}]",
     lambda d: d.attendees[0].items == [1]),
    ("proposal by a person", "proposals: [{id: p1, text: Ett förslag., item: 1, by: 'Bo Ek, Halmstad'}]",
     lambda d: (d.proposals[0].by.name, d.proposals[0].by.org) == ("Bo Ek", "halmstad")),
    ("proposal by an organisation", "proposals: [{id: p1, text: Ett förslag., by: Länsstyrelsen}]",
     lambda d: d.proposals[0].by.org == "lansstyrelsen" and d.proposals[0].by.body is None),
    ("proposal by another body", "proposals: [{id: p1, text: Ett förslag., by: CGH}]",
     lambda d: d.proposals[0].by.body == "CGH" and d.proposals[0].by.org is None),
    ("proposal by a body's full name", "proposals: [{id: p1, text: Ett förslag., by: {body: Chefsgruppen Halland}}]",
     lambda d: d.proposals[0].by.body == "Chefsgruppen Halland"),
    ("action without owners", "actions: [{id: a1, text: Gör något.}]",
     lambda d: d.actions[0].owners == []),
    ("links", "links: [{title: En sida, url: 'https://www.example.org/a'}]",
     lambda d: d.links[0].url == "https://www.example.org/a"),
    ("attachment at a url", "attachments: [{url: 'https://www.example.org/a.pdf', title: Rapport}]",
     lambda d: d.attachments[0].url.endswith("a.pdf") and d.attachments[0].file is None),
    ("event with a date", "events: [{date: 2017-05-15, time: '9-16', title: Temadag, place: Halmstad}]",
     lambda d: d.events[0].date == dt.date(2017, 5, 15) and d.events[0].time == "09:00-16:00"),
    ("event in a month", "events: [{date: 2021-09, title: Konferens}]",
     lambda d: d.events[0].date == Month(2021, 9)),
    ("next meeting in a month", "next_meetings: [{date: 2021-09, host: Halmstad}]",
     lambda d: isinstance(d.next_meetings[0].date, Month) and d.next_meetings[0].date.isoformat() == "2021-09"),
    ("time 9-12", "time: 9-12", lambda d: d.time == "09:00-12:00"),
    ("time kl. 10–12", "time: kl. 10–12", lambda d: d.time == "10:00-12:00"),
    ("time 10.00-12.00", "time: 10.00-12.00", lambda d: d.time == "10:00-12:00"),
    ("time kl. 16", "time: kl. 16", lambda d: d.time == "16:00"),
    ("decision with no topics", "decisions: [{id: d1, text: Dagordningen fastställs., topics: []}]",
     lambda d: d.decisions[0].topics == []),
    ("decision without topics", "decisions: [{id: d1, text: Beslut.}]",
     lambda d: d.decisions[0].topics is None),
    ("approved", "approved: {date: 2017-04-18, by: 'Bo Ek, Halmstad'}",
     lambda d: d.approved.date == dt.date(2017, 4, 18) and d.approved.by[0].name == "Bo Ek"),
    # Items as minutes write them are read as the number; 1.10 unquoted stays 1.10 (not 1.1).
    ("items as minutes write them", "attendees: [{name: Bo Ek, org: Halmstad, items: [pkt 1, '§ 1', Punkt 1., 1.10, "
     "1.2, 'p. 1-1']}]", lambda d: d.attendees[0].items == [1, 1, 1, "1.10", "1.2", 1]),
    ("a decision's item as '§ 1'", "decisions: [{id: d1, text: Beslut., item: '§1'}]", lambda d: d.decisions[0].item == 1),
    ("the secretary also takes part", "secretary: Anna Andersson, Halmstad", lambda d: d.secretary[0].name == "Anna Andersson"),
    ("two people of one name at two organisations", "absent: ['Anna Andersson, Region Halland']",
     lambda d: d.absent[0].org == "region-halland"),
    ("an action due on the day of the meeting", "actions: [{id: a1, text: T, owners: [Halmstad], due: 2017-04-04}]",
     lambda d: d.actions[0].due == dt.date(2017, 4, 4)),
    ("a coming meeting later in the month", "next_meetings: [{date: 2017-04}]",
     lambda d: d.next_meetings[0].date.isoformat() == "2017-04"),
]


@pytest.mark.parametrize("front,expect", [case[1:] for case in VALID], ids=[case[0] for case in VALID])
def test_valid_front_matter(root: Path, front: str, expect) -> None:
    write_front(root, front)
    corpus, problems = check(root)
    assert problems == []
    assert expect(corpus.meetings[0].doc)


PAPER = """\
type: paper
group: sgi
date: 2017-04-01
author: {org}
for_meeting: {ref}
"""


@pytest.mark.parametrize("author,name", [("Region Halland", None), ("'Eva Lund, Region Halland'", "Eva Lund")])
def test_paper_for_a_meeting_with_an_author(root: Path, author: str, name: str | None) -> None:
    write_front(root, "")
    write_front(root, "", "2017-04-01-sgi-paper.md", base=PAPER.format(org=author, ref="sgi/2017-04-04"))
    corpus, problems = check(root)
    assert problems == []
    paper = corpus.by_id["sgi/2017-04-01-paper"]
    assert (paper.doc.author.name, paper.doc.author.org) == (name, "region-halland")
    assert [m.id for m in corpus.papers["sgi/2017-04-04"]] == ["sgi/2017-04-01-paper"]


def test_for_meeting_may_name_the_agenda_of_that_day(root: Path) -> None:
    write_front(root, "", "2017-04-04-sgi-agenda.md", base="type: agenda\ngroup: sgi\ndate: 2017-04-04\n")
    write_front(root, "", "2017-04-01-sgi-paper.md", base=PAPER.format(org="Halmstad", ref="sgi/2017-04-04"))
    corpus, problems = check(root)
    assert problems == []
    assert corpus.meeting_for("sgi/2017-04-04").id == "sgi/2017-04-04-agenda"


# The invalid cases (one field, one problem) are the table in test_validation_cases.py.


def test_for_meeting_that_names_no_known_meeting(root: Path) -> None:
    write_front(root, "")
    write_front(root, "", "2017-04-01-sgi-paper.md", base=PAPER.format(org="Halmstad", ref="sgi/2017-04-05"))
    _, problems = check(root)
    [problem] = problems
    assert problem.path.endswith("2017-04-01-sgi-paper.md") and problem.field == "for_meeting"
    assert problem.line == 6  # the for_meeting line
    assert "no meeting 'sgi/2017-04-05' is known" in problem.message
    assert "did you mean 'sgi/2017-04-04'" in problem.message
    assert "group/date" in problem.fix


def test_minutes_awaiting_approval_are_listed_not_errors(root: Path) -> None:
    write_front(root, "")
    write_front(root, "approved: {date: 2017-05-02, by: ['Bo Ek, Halmstad']}", "2017-05-01-sgi.md",
          base=FIELDS_BASE.replace("2017-04-04", "2017-05-01"))
    corpus, problems = check(root)
    assert problems == []
    assert corpus.awaiting_approval == [("minutes/sgi/2017/2017-04-04-sgi.md", "sgi/2017-04-04", None)]


def test_check_prints_minutes_awaiting_approval(root: Path, capsys) -> None:
    from notula.cli import main

    write_front(root, "")
    assert main(["--root", str(root), "check"]) == 0
    out = capsys.readouterr().out
    assert "Awaiting approval" in out and "minutes/sgi/2017/2017-04-04-sgi.md: sgi/2017-04-04" in out
