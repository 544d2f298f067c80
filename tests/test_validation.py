"""Every bad-input case fails with a message naming the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from notula.model.validate import check_corpus
from notula.problems import Problem
from support.registries import minutes_project

REGISTRIES = {
    "organisations.yml": """
        - {id: halmstad, name: Halmstads kommun, short: Halmstad, kind: municipality, aliases: [Halmstad kommun]}
        - {id: region-halland, name: Region Halland, kind: region}
        - {id: lansstyrelsen, name: Länsstyrelsen i Hallands län, short: Länsstyrelsen, kind: county-board}
    """,
    "groups.yml": """
        - {id: sgi, name: Strategisk grupp integration, members: [halmstad, region-halland], audience: public}
    """,
    "topics.yml": """
        - {id: sfi, name: SFI}
        - {id: arbetsmarknad, name: Arbetsmarknad}
    """,
    "abbreviations.yml": "CGH: Chefsgruppen Halland\n",
}

VALID = """\
---
group: sgi
date: 2017-04-04
time: "09:00-13:00"
place: Laxbutiken, Heberg
attendees:
  - Anna Andersson, Halmstad
  - {name: Karin Berg, org: Region Halland, remote: true}
topics: [sfi]
decisions:
  - {id: d1, text: Gruppen beslutar att gå vidare., item: 3}
actions:
  - {id: a1, text: Sammanställ behovet., owners: [Halmstad], due: 2017-05-09}
---
## 1. Inledning

Text.
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return minutes_project(tmp_path, REGISTRIES)


def write(root: Path, text: str | bytes, name: str = "2017-04-04-sgi.md") -> str:
    path = root / "minutes" / "sgi" / "2017" / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return f"minutes/sgi/2017/{name}"


def problems_for(root: Path) -> list[Problem]:
    _, problems = check_corpus(root)
    return problems


def only(root: Path) -> Problem:
    problems = problems_for(root)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def replace(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new)


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


def test_no_front_matter(root):
    path = write(root, "# Möte\n\nText\n")
    p = only(root)
    assert (p.path, p.line) == (path, 1)
    assert "does not start with front-matter" in p.message and "---" in p.fix


def test_unterminated_front_matter(root):
    path = write(root, "---\ngroup: sgi\ndate: 2017-04-04\n\nText\n")
    p = only(root)
    assert (p.path, p.line) == (path, 1) and "never closed" in p.message


def test_unparseable_yaml(root):
    path = write(root, replace('place: Laxbutiken, Heberg', 'place: "Laxbutiken, Heberg'))
    p = only(root)
    assert p.path == path and p.line is not None and p.line >= 5 and "YAML syntax error" in p.message


def test_colon_in_value_gets_quoting_hint(root):
    write(root, replace("place: Laxbutiken, Heberg", "place: Rådhuset: sal 2"))
    p = only(root)
    assert p.line == 5 and "quotes" in p.fix


def test_tab_indentation(root):
    path = write(root, replace("  - Anna Andersson, Halmstad", "\t- Anna Andersson, Halmstad"))
    p = only(root)
    assert (p.path, p.line) == (path, 7) and "tab" in p.message


def test_duplicate_keys(root):
    path = write(root, replace("place: Laxbutiken, Heberg\n", "place: Laxbutiken, Heberg\nplace: Rådhuset\n"))
    p = only(root)
    assert (p.path, p.line, p.field) == (path, 6, "place")
    assert "duplicate field 'place'" in p.message and "line 5" in p.message


def test_unknown_field_with_did_you_mean(root):
    path = write(root, replace("attendees:", "atendees:\n  - Per Ek, Halmstad\nattendees:"))
    p = only(root)
    assert (p.path, p.line, p.field) == (path, 6, "atendees")
    assert "did you mean 'attendees'" in p.fix


def test_missing_required_field(root):
    path = write(root, replace("date: 2017-04-04\n", ""))
    p = only(root)
    assert (p.path, p.field) == (path, "date") and "required" in p.message and "YYYY" not in p.message
    assert p.fix.startswith("add 'date:")
    assert p.line == 2  # the start of the front-matter


def test_list_where_text_expected(root):
    path = write(root, replace("place: Laxbutiken, Heberg", "place: [Laxbutiken, Heberg]"))
    p = only(root)
    assert (p.path, p.line, p.field) == (path, 5, "place") and "expected text, got a list" in p.message


def test_number_where_date_expected(root):
    path = write(root, replace("due: 2017-05-09", "due: 20170509"))
    p = only(root)
    assert (p.path, p.line, p.field) == (path, 13, "actions[1].due")
    assert "not a valid date" in p.message and "YYYY-MM-DD" in p.fix


def test_invalid_date(root):
    path = write(root, replace("date: 2017-04-04", "date: 2017-02-30"))
    p = only(root)
    assert (p.path, p.line, p.field) == (path, 3, "date") and "'2017-02-30' is not a valid date" in p.message


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


def test_number_given_as_time_is_an_error(root):
    path = write(root, replace('time: "09:00-13:00"', "time: 540"))
    p = only(root)
    assert (p.path, p.line, p.field) == (path, 4, "time") and "was read as a number" in p.message
    assert 'write the time in quotes: "05:40"' in p.fix


def test_malformed_time(root):
    path = write(root, replace('time: "09:00-13:00"', 'time: "25:00"'))
    p = only(root)
    assert (p.path, p.line, p.field) == (path, 4, "time") and "HH:MM" in p.fix


def test_unknown_organisation_did_you_mean(root):
    path = write(root, replace("Anna Andersson, Halmstad", "Anna Andersson, Halmstadt"))
    p = only(root)
    assert (p.path, p.line, p.field) == (path, 7, "attendees[1]")
    assert "unknown organisation 'Halmstadt'" in p.message and "did you mean 'Halmstad'" in p.fix


def test_organisation_by_alias_and_case(root):
    write(root, replace("Anna Andersson, Halmstad", "Anna Andersson, HALMSTAD KOMMUN"))
    corpus, problems = check_corpus(root)
    assert problems == [] and corpus.meetings[0].doc.attendees[0].org == "halmstad"


def test_unknown_topic_did_you_mean(root):
    path = write(root, replace("topics: [sfi]", "topics: [sfi, arbetsmarknadd]"))
    p = only(root)
    assert (p.path, p.line, p.field) == (path, 9, "topics[2]") and "did you mean 'arbetsmarknad'" in p.fix


def test_unknown_group_did_you_mean(root):
    path = write(root, replace("group: sgi", "group: sgj"))
    p = only(root)
    assert (p.path, p.line, p.field) == (path, 2, "group") and "did you mean 'sgi'" in p.fix


def test_duplicate_decision_ids(root):
    path = write(root, replace("decisions:\n", "decisions:\n  - {id: d1, text: Ett annat beslut.}\n"))
    p = only(root)
    assert (p.path, p.line, p.field) == (path, 12, "decisions[2].id") and "already used" in p.message


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


def test_missing_attachment(root):
    path = write(root, VALID.replace("---\n## 1", "attachments:\n  - {file: attachments/af.pdf, title: AF}\n---\n## 1"))
    p = only(root)
    assert (p.path, p.line, p.field) == (path, 15, "attachments[1].file") and "does not exist" in p.message


def test_attachment_outside_minutes(root):
    (root / "secret.txt").write_text("x")
    write(root, VALID.replace("---\n## 1", "attachments:\n  - {file: ../../../secret.txt, title: X}\n---\n## 1"))
    p = only(root)
    assert "not a file in this folder's attachments/ folder" in p.message


def test_not_utf8(root):
    path = write(root, VALID.replace("Text.", "Möte i Växjö.").encode("latin-1"))
    p = only(root)
    assert (p.path, p.line) == (path, 11) and "not UTF-8" in p.message  # the first non-ASCII byte: "gå"


def test_bom_and_crlf_are_accepted(root):
    write(root, b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode("utf-8"))
    corpus, problems = check_corpus(root)
    assert problems == [] and corpus.meetings[0].doc.place == "Laxbutiken, Heberg"


def test_alias_is_refused(root):
    path = write(root, replace("place: Laxbutiken, Heberg", "place: &p Laxbutiken\ntitle: *p"))
    p = only(root)
    assert p.path == path and p.line == 5 and "aliases" in p.message


def test_alias_bomb_is_refused_quickly(root):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
    write(root, "---\n" + bomb + "---\n")
    p = only(root)
    assert "aliases" in p.message


def test_empty_file(root):
    path = write(root, "")
    p = only(root)
    assert p.path == path and "empty" in p.message


def test_empty_front_matter(root):
    write(root, "---\n---\nText\n")
    assert "empty" in only(root).message


def test_custom_tag_is_refused(root):
    write(root, replace("place: Laxbutiken, Heberg", "place: !!python/object:os.system x"))
    p = only(root)
    assert p.line == 5 and "tag" in p.message


def test_unknown_follow_up_action(root):
    write(root, VALID)
    later = replace("date: 2017-04-04", "date: 2017-05-09").replace(
        "---\n## 1", "follow_up:\n  - {action: sgi/2017-04-04/a9, status: done}\n---\n## 1")
    path = write(root, later, name="2017-05-09-sgi.md")
    p = only(root)
    assert (p.path, p.line, p.field) == (path, 15, "follow_up[1].action")
    assert "unknown action" in p.message and "sgi/2017-04-04/a1" in p.message


def test_follow_up_of_a_later_action(root):
    write(root, VALID.replace("---\n## 1", "follow_up:\n  - {action: sgi/2017-05-09/a1, status: done}\n---\n## 1"))
    write(root, replace("date: 2017-04-04", "date: 2017-05-09"), name="2017-05-09-sgi.md")
    p = only(root)
    assert "dated later than this document" in p.message


def test_unclosed_members_section(root):
    path = write(root, VALID + "\n::: medlemmar\nHemligt.\n")
    p = only(root)
    assert (p.path, p.line, p.field) == (path, 19, "body") and "never closed" in p.message


def test_misspelt_section_marker(root):
    write(root, VALID + "\n::: medlemar\nHemligt.\n:::\n")
    problems = problems_for(root)
    assert any("looks like a members-only marker but is not one" in p.message for p in problems)


def test_placeholder_name_from_template(root):
    write(root, replace("Anna Andersson, Halmstad", "NAMN, Halmstad"))
    assert "placeholder" in only(root).message


def test_minutes_need_attendees(root):
    text = VALID.split("attendees:")[0] + "topics:" + VALID.split("topics:")[1]
    write(root, text)
    p = only(root)
    assert "at least one attendee" in p.message and "type: notes" in p.fix


def test_release_contradicts_members_audience(root):
    write(root, replace("group: sgi", "group: sgi\naudience: members\nrelease: 2017-05-01"))
    assert "release" in only(root).message


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
