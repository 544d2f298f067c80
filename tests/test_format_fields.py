"""Issue 13: the fields real minutes need, as tables of valid and invalid front-matter.

Each valid case is a piece of front-matter and what the validated document then holds; each
invalid case names the field, a part of the message and a part of the fix that `notula check`
prints.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from notula.model.schema import Month
from notula.model.validate import check_corpus
from support.registries import minutes_project

REGISTRIES = {
    "organisations.yml": """
        - {id: halmstad, name: Halmstads kommun, short: Halmstad, kind: municipality}
        - {id: region-halland, name: Region Halland, kind: region}
        - {id: lansstyrelsen, name: Länsstyrelsen i Hallands län, short: Länsstyrelsen, kind: county-board}
    """,
    "groups.yml": """
        - {id: sgi, name: Strategisk grupp integration, members: [halmstad, region-halland], audience: public,
           approval: required}
    """,
    "topics.yml": """
        - {id: sfi, name: SFI}
    """,
    "abbreviations.yml": "CGH: Chefsgruppen Halland\n",
}

BASE = """\
group: sgi
date: 2017-04-04
attendees:
  - Anna Andersson, Halmstad
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return minutes_project(tmp_path, REGISTRIES)


def write(root: Path, front: str, name: str = "2017-04-04-sgi.md", base: str = BASE) -> None:
    if front.startswith("attendees:"):  # the case's own attendees replace the base's
        base = base.split("attendees:")[0]
    text = "---\n" + base + textwrap.dedent(front).strip("\n") + "\n---\n\n## 1. Inledning\n"
    (root / "minutes" / "sgi" / "2017" / name).write_text(text, encoding="utf-8")


def check(root: Path):
    corpus, problems = check_corpus(root)
    return corpus, problems


VALID = [
    ("one secretary", "secretary: Bo Ek, Halmstad",
     lambda d: [p.name for p in d.secretary] == ["Bo Ek"]),
    ("several secretaries", 'secretary: ["Bo Ek, Halmstad", "Eva Lund, Region Halland"]',
     lambda d: [(p.name, p.org) for p in d.secretary] == [("Bo Ek", "halmstad"), ("Eva Lund", "region-halland")]),
    ("attendee for one item", "attendees: [{name: Bo Ek, org: Halmstad, items: [5]}]",
     lambda d: d.attendees[0].items == [5]),
    ("proposal by a person", "proposals: [{id: p1, text: Ett förslag., item: 2, by: 'Bo Ek, Halmstad'}]",
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
]


@pytest.mark.parametrize("front,expect", [case[1:] for case in VALID], ids=[case[0] for case in VALID])
def test_valid_front_matter(root: Path, front: str, expect) -> None:
    write(root, front)
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
    write(root, "")
    write(root, "", "2017-04-01-sgi-paper.md", base=PAPER.format(org=author, ref="sgi/2017-04-04"))
    corpus, problems = check(root)
    assert problems == []
    paper = corpus.by_id["sgi/2017-04-01-paper"]
    assert (paper.doc.author.name, paper.doc.author.org) == (name, "region-halland")
    assert [m.id for m in corpus.papers["sgi/2017-04-04"]] == ["sgi/2017-04-01-paper"]


def test_for_meeting_may_name_the_agenda_of_that_day(root: Path) -> None:
    write(root, "", "2017-04-04-sgi-agenda.md", base="type: agenda\ngroup: sgi\ndate: 2017-04-04\n")
    write(root, "", "2017-04-01-sgi-paper.md", base=PAPER.format(org="Halmstad", ref="sgi/2017-04-04"))
    corpus, problems = check(root)
    assert problems == []
    assert corpus.meeting_for("sgi/2017-04-04").id == "sgi/2017-04-04-agenda"


INVALID = [
    ("time as a number", "time: 9.00", "time", "was read as a number", 'write the time in quotes: "09:00"'),
    ("time 9.30 as a number", "time: 9.30", "time", "was read as a number", '"09:30"'),
    ("time as a whole number", "time: 13", "time", "was read as a number", '"13:00"'),
    ("event time as a number", "events: [{date: 2017-05-01, time: 10.15, title: Dag}]", "events[1].time",
     "was read as a number", '"10:15"'),
    ("not a time", "time: förmiddag", "time", "is not a time", "HH:MM"),
    ("bad month", "next_meetings: [{date: 2021-13}]", "next_meetings[1].date", "not a date or a month", "YYYY-MM"),
    ("bad event date", "events: [{date: hösten, title: Dag}]", "events[1].date", "not a date or a month", "YYYY-MM"),
    ("event without title", "events: [{date: 2017-05-01}]", "events[1].title", "required field 'title'", "title:"),
    ("attachment without file or url", "attachments: [{title: Rapport}]", "attachments[1]",
     "needs either 'file' or 'url'", "url: https://"),
    ("attachment with both", "attachments: [{file: a.pdf, url: 'https://example.org/a.pdf', title: R}]",
     "attachments[1].file", "is not a file in this folder's attachments/ folder", None),
    ("link without https", "links: [{title: Sida, url: www.example.org}]", "links[1].url", "wrong form", "https://"),
    ("proposal without id", "proposals: [{text: Ett förslag.}]", "proposals[1].id", "required field 'id'", None),
    ("proposal by nobody", "proposals: [{id: p1, text: T, by: {name: Bo Ek}}]", "proposals[1].by",
     "needs an organisation or a body", "Name, Organisation"),
    ("proposal by a bare name", "proposals: [{id: p1, text: T, by: Bo Ek}]", "proposals[1].by",
     "neither an organisation nor a body", "'Name, Organisation'"),
    ("proposal by an unknown body", "proposals: [{id: p1, text: T, by: {body: Okänd nämnd}}]", "proposals[1].by",
     "neither an organisation nor a body", "abbreviations.yml"),
    ("approved before the meeting", "approved: {date: 2017-03-01, by: ['Bo Ek, Halmstad']}", None,
     "approved (2017-03-01) before the meeting", "approval date"),
    ("approved by nobody", "approved: {date: 2017-04-18, by: []}", "approved.by", "at least one", None),
    ("approver without organisation", "approved: {date: 2017-04-18, by: [Bo Ek]}", "approved.by[1]",
     "should be written as 'Name, Organisation'", None),
    ("for_meeting on minutes", "for_meeting: sgi/2017-01-01", None, "'for_meeting' is for", "type: paper"),
    ("attendee items not numbers", "attendees: [{name: Bo Ek, org: Halmstad, items: [[1]]}]", "attendees[1].items[1]",
     None, None),
]


@pytest.mark.parametrize("front,field,message,fix", [c[1:] for c in INVALID], ids=[c[0] for c in INVALID])
def test_invalid_front_matter(root: Path, front: str, field: str | None, message: str | None, fix: str | None) -> None:
    write(root, front)
    _, problems = check(root)
    assert problems, "expected a problem"
    found = [p for p in problems if p.field == field]
    assert found, f"no problem on {field}: {problems}"
    problem = found[0]
    assert problem.path == "minutes/sgi/2017/2017-04-04-sgi.md" and problem.line
    if message:
        assert message in problem.message
    if fix:
        assert fix in (problem.fix or "")


def test_for_meeting_that_names_no_known_meeting(root: Path) -> None:
    write(root, "")
    write(root, "", "2017-04-01-sgi-paper.md", base=PAPER.format(org="Halmstad", ref="sgi/2017-04-05"))
    _, problems = check(root)
    [problem] = problems
    assert problem.path.endswith("2017-04-01-sgi-paper.md") and problem.field == "for_meeting"
    assert problem.line == 6  # the for_meeting line
    assert "no meeting 'sgi/2017-04-05' is known" in problem.message
    assert "did you mean 'sgi/2017-04-04'" in problem.message
    assert "group/date" in problem.fix


def test_minutes_awaiting_approval_are_listed_not_errors(root: Path) -> None:
    write(root, "")
    write(root, "approved: {date: 2017-05-02, by: ['Bo Ek, Halmstad']}", "2017-05-01-sgi.md",
          base=BASE.replace("2017-04-04", "2017-05-01"))
    corpus, problems = check(root)
    assert problems == []
    assert corpus.awaiting_approval == [("minutes/sgi/2017/2017-04-04-sgi.md", "sgi/2017-04-04")]


def test_check_prints_minutes_awaiting_approval(root: Path, capsys) -> None:
    from notula.cli import main

    write(root, "")
    assert main(["--root", str(root), "check"]) == 0
    out = capsys.readouterr().out
    assert "Awaiting approval" in out and "minutes/sgi/2017/2017-04-04-sgi.md: sgi/2017-04-04" in out
