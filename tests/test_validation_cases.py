"""One broken input, one problem: every case names the file, the line, the field, a part of the
message and a part of the fix that `notula check` prints for it.

A case starts from one of the small projects in tests/support/validation.py (its base), makes one
change, and expects exactly one problem. Tests of inputs that give several problems, of valid
inputs, and of other behaviour are in test_validation.py, test_format_fields.py,
test_yaml_robustness.py and test_trust_body.py.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.validation import (
    FILE,
    FILES_VALID,
    VALID,
    fields_project,
    files_project,
    problems_for,
    replace,
    validation_project,
    write,
    write_file,
    write_front,
)

MINUTES = "minutes/sgi/2017/2017-04-04-sgi.md"
BASES = {"validation": validation_project, "fields": fields_project, "files": files_project}


@dataclass(frozen=True)
class Case:
    id: str
    change: Callable[[Path], object]  # writes the broken input into a fresh project of base
    path: str
    line: int | None
    field: str | None
    message: str | tuple[str, ...]  # part(s) of the message
    fix: str | None = None  # a part of the fix (every problem has a fix)
    base: str = "validation"
    elsewhere: tuple[str, ...] = ()  # the other files that get a problem of their own (one each)


# ---------------------------------------------------------------- ways to change a base


def text(source: str | bytes, name: str = "2017-04-04-sgi.md") -> Callable[[Path], object]:
    """Write source as the minutes file (base validation)."""
    return lambda root: write(root, source, name)


def edit(old: str, new: str) -> Callable[[Path], object]:
    """The valid minutes file with old replaced by new (base validation)."""
    return text(replace(old, new))


def later(follow_up: str, first: str = VALID) -> Callable[[Path], object]:
    """first, and a minutes file of 2017-05-09 that follows up the action follow_up."""
    def change(root: Path) -> None:
        write(root, first)
        write(root, replace("date: 2017-04-04", "date: 2017-05-09").replace(
            "---\n## 1", f"follow_up:\n  - {{action: {follow_up}, status: done}}\n---\n## 1"), name="2017-05-09-sgi.md")
    return change


def outside_minutes(root: Path) -> None:
    (root / "secret.txt").write_text("x")
    write(root, VALID.replace("---\n## 1", "attachments:\n  - {file: ../../../secret.txt, title: X}\n---\n## 1"))


def follow_up_of_a_later_action(root: Path) -> None:
    write(root, VALID.replace("---\n## 1", "follow_up:\n  - {action: sgi/2017-05-09/a1, status: done}\n---\n## 1"))
    write(root, replace("date: 2017-04-04", "date: 2017-05-09"), name="2017-05-09-sgi.md")


def registry_control_character(root: Path) -> None:
    registry = root / "minutes" / "topics.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("name: SFI", 'name: "S\\x00FI"'), encoding="utf-8")
    write(root, VALID)


def alias_bomb() -> str:
    return "---\n" + "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)) + "---\n"


def front(lines: str) -> Callable[[Path], object]:
    """The fields base's minutes file with these front-matter lines (base fields)."""
    return lambda root: write_front(root, lines)


def attach(file: str) -> Callable[[Path], object]:
    """Attach file as the second attachment, next to a good one (base files)."""
    def change(root: Path) -> None:
        folder = root / "minutes" / "sgi" / "2017" / "attachments"
        if file == "attachments/anteckning.md":
            (folder / "anteckning.md").write_text("---\n---\nHEMLIGT\n")
        if file == "attachments/lank.pdf":
            os.symlink(root / "minutes" / "styr" / "2017" / "attachments" / "styr.pdf", folder / "lank.pdf")
        if file.startswith("attachments/mapplank/"):
            os.symlink(root / "minutes" / "styr" / "2017" / "attachments", folder / "mapplank")
        write_file(root, FILE, FILES_VALID.format(extra=f"attachments:\n  - {{file: attachments/ok.pdf, title: OK}}\n"
                                                        f"  - {{file: '{file}', title: Bilaga}}\n"))
    return change


def filed(relative: str, extra: str = "") -> Callable[[Path], object]:
    """The files base's minutes file, written at relative (base files)."""
    return lambda root: write_file(root, relative, FILES_VALID.format(extra=extra))


NOT_ATTACHMENT = "is not a file in this folder's attachments/ folder"
NOT_ATTACHABLE = "cannot be attached: files of this type are not published"
DEEP_FOLD = ("  - Anna Andersson, Halmstad\n  - {name: Karin Berg, org: Region Halland, remote: true}",
             "  - Anna Andersson, Halmstad\n    - Karin Berg, Region Halland")

CASES = [
    # ------------------------------------------------------------ the file and its YAML
    Case("no front-matter", text("# Möte\n\nText\n"), MINUTES, 1, None, "does not start with front-matter", "---"),
    Case("unterminated front-matter", text("---\ngroup: sgi\ndate: 2017-04-04\n\nText\n"), MINUTES, 1, None,
         "never closed"),
    Case("unparseable YAML", edit("place: Laxbutiken, Heberg", 'place: "Laxbutiken, Heberg'), MINUTES, 5, None,
         "YAML syntax error"),
    Case("colon in a value", edit("place: Laxbutiken, Heberg", "place: Rådhuset: sal 2"), MINUTES, 5, None, "",
         "quotes"),
    Case("tab indentation", edit("  - Anna Andersson, Halmstad", "\t- Anna Andersson, Halmstad"), MINUTES, 7, None,
         "tab"),
    Case("duplicate keys", edit("place: Laxbutiken, Heberg\n", "place: Laxbutiken, Heberg\nplace: Rådhuset\n"),
         MINUTES, 6, "place", ("duplicate field 'place'", "line 5")),
    Case("not UTF-8", text(VALID.replace("Text.", "Möte i Växjö.").encode("latin-1")), MINUTES, 11, None,
         "not UTF-8"),  # the first non-ASCII byte: "gå"
    Case("an alias", edit("place: Laxbutiken, Heberg", "place: &p Laxbutiken\ntitle: *p"), MINUTES, 5, "place",
         "aliases"),
    Case("an alias bomb", text(alias_bomb()), MINUTES, 2, "a", "aliases"),
    Case("empty file", text(""), MINUTES, None, None, "empty"),
    Case("empty front-matter", text("---\n---\nText\n"), MINUTES, 1, None, "empty"),
    Case("a custom tag", edit("place: Laxbutiken, Heberg", "place: !!python/object:os.system x"), MINUTES, 5, "place",
         "tag"),
    Case("a folded attendee", edit(*DEEP_FOLD), MINUTES, 8, "attendees[1]", "",
         "indent it exactly like the entries above"),
    Case("control character NUL", edit("place: Laxbutiken, Heberg", "place: Lax\x00butiken, Heberg"), MINUTES, 5,
         "place", "control character"),
    Case("control character BEL escaped", edit("place: Laxbutiken, Heberg", 'place: "Lax\\u0007butiken"'), MINUTES, 5,
         "place", "control character"),
    Case("control character ESC in the body", edit("\nText.\n", "\nText med \x1b[31m färg.\n"), MINUTES, 17, "body",
         "control character"),
    Case("control character NEL in the body", edit("\nText.\n", "\nText\u0085\n"), MINUTES, 17, "body",
         "control character"),
    Case("control character in a registry", registry_control_character, "minutes/topics.yml", 1, "[1].name", "U+0000"),
    # ------------------------------------------------------------ fields
    Case("unknown field", edit("attendees:", "atendees:\n  - Per Ek, Halmstad\nattendees:"), MINUTES, 6, "atendees",
         "", "did you mean 'attendees'"),
    Case("a list for text", edit("place: Laxbutiken, Heberg", "place: [Laxbutiken, Heberg]"), MINUTES, 5, "place",
         "expected text, got a list"),
    Case("a number for a date", edit("due: 2017-05-09", "due: 20170509"), MINUTES, 13, "actions[1].due",
         "not a valid date", "YYYY-MM-DD"),
    Case("an invalid date", edit("date: 2017-04-04", "date: 2017-02-30"), MINUTES, 3, "date",
         "'2017-02-30' is not a valid date"),
    Case("a number for a time", edit('time: "09:00-13:00"', "time: 540"), MINUTES, 4, "time", "was read as a number",
         'write the time in quotes: "05:40"'),
    Case("a malformed time", edit('time: "09:00-13:00"', 'time: "25:00"'), MINUTES, 4, "time", "", "HH:MM"),
    Case("unknown organisation", edit("Anna Andersson, Halmstad", "Anna Andersson, Halmstadt"), MINUTES, 7,
         "attendees[1]", "unknown organisation 'Halmstadt'", "did you mean 'Halmstad'"),
    Case("unknown topic", edit("topics: [sfi]", "topics: [sfi, arbetsmarknadd]"), MINUTES, 9, "topics[2]", "",
         "did you mean 'arbetsmarknad'"),
    Case("unknown group", edit("group: sgi", "group: sgj"), MINUTES, 2, "group", "", "did you mean 'sgi'"),
    Case("duplicate decision ids", edit("decisions:\n", "decisions:\n  - {id: d1, text: Ett annat beslut.}\n"),
         MINUTES, 12, "decisions[2].id", "already used"),
    Case("a placeholder name", edit("Anna Andersson, Halmstad", "NAMN, Halmstad"), MINUTES, 7, "attendees[1]",
         "placeholder"),
    Case("minutes without attendees", text(VALID.split("attendees:")[0] + "topics:" + VALID.split("topics:")[1]),
         MINUTES, 2, None, "at least one attendee", "type: notes"),
    Case("release with audience members", edit("group: sgi", "group: sgi\naudience: members\nrelease: 2017-05-01"),
         MINUTES, 2, None, "release"),
    # ------------------------------------------------------------ attachments, follow-ups, sections
    Case("missing attachment",
         text(VALID.replace("---\n## 1", "attachments:\n  - {file: attachments/af.pdf, title: AF}\n---\n## 1")),
         MINUTES, 15, "attachments[1].file", "does not exist"),
    Case("attachment outside minutes", outside_minutes, MINUTES, 15, "attachments[1].file", NOT_ATTACHMENT),
    Case("follow-up of an unknown action", later("sgi/2017-04-04/a9"), "minutes/sgi/2017/2017-05-09-sgi.md", 15,
         "follow_up[1].action", ("unknown action", "sgi/2017-04-04/a1")),
    Case("follow-up of a later action", follow_up_of_a_later_action, MINUTES, 15, "follow_up[1].action",
         "dated later than this document"),
    Case("follow-ups of a file with a YAML problem are not reported",
         later("sgi/2017-04-04/a1", first=replace("place: Laxbutiken, Heberg", "place: Laxbutiken,\n  Heberg")),
         MINUTES, 6, "place", ""),
    Case("unclosed members section", text(VALID + "\n::: medlemmar\nHemligt.\n"), MINUTES, 19, "body", "never closed"),
]

# Front-matter fields (issue 13): (id, front-matter lines, line, field, message, fix)
FIELDS = [
    ("time as a number", "time: 9.00", 6, "time", "9.00 was read as a number", 'write the time in quotes: "09:00"'),
    ("time 9.10 as a number", "time: 9.10", 6, "time", "9.10 was read as a number", '"09:10"'),
    ("time 9.30 as a number", "time: 9.30", 6, "time", "was read as a number", '"09:30"'),
    ("time as a whole number", "time: 13", 6, "time", "was read as a number", '"13:00"'),
    ("event time as a number", "events: [{date: 2017-05-01, time: 10.15, title: Dag}]", 6, "events[1].time",
     "was read as a number", '"10:15"'),
    ("not a time", "time: förmiddag", 6, "time", "is not a time", "HH:MM"),
    ("bad month", "next_meetings: [{date: 2021-13}]", 6, "next_meetings[1].date", "not a date or a month", "YYYY-MM"),
    ("bad event date", "events: [{date: hösten, title: Dag}]", 6, "events[1].date", "not a date or a month", "YYYY-MM"),
    ("event without title", "events: [{date: 2017-05-01}]", 6, "events[1].title", "required field 'title'", "title:"),
    ("attachment without file or url", "attachments: [{title: Rapport}]", 6, "attachments[1]",
     "needs either 'file' or 'url'", "url: https://"),
    ("attachment with both", "attachments: [{file: a.pdf, url: 'https://example.org/a.pdf', title: R}]", 6,
     "attachments[1].file", NOT_ATTACHMENT, None),
    ("link without https", "links: [{title: Sida, url: www.example.org}]", 6, "links[1].url", "wrong form", "https://"),
    ("proposal without id", "proposals: [{text: Ett förslag.}]", 6, "proposals[1].id", "required field 'id'", None),
    ("proposal by nobody", "proposals: [{id: p1, text: T, by: {name: Bo Ek}}]", 6, "proposals[1].by",
     "needs an organisation or a body", "Name, Organisation"),
    ("proposal by a bare name", "proposals: [{id: p1, text: T, by: Bo Ek}]", 6, "proposals[1].by",
     "neither an organisation nor a body", "'Name, Organisation'"),
    ("proposal by an unknown body", "proposals: [{id: p1, text: T, by: {body: Okänd nämnd}}]", 6, "proposals[1].by",
     "neither an organisation nor a body", "abbreviations.yml"),
    ("approved before the meeting", "approved: {date: 2017-03-01, by: ['Bo Ek, Halmstad']}", 2, None,
     "approved (2017-03-01) before the meeting", "approval date"),
    ("approved by nobody", "approved: {date: 2017-04-18, by: []}", 6, "approved.by", "at least one", None),
    ("approver without organisation", "approved: {date: 2017-04-18, by: [Bo Ek]}", 6, "approved.by[1]",
     "should be written as 'Name, Organisation'", None),
    ("for_meeting on minutes", "for_meeting: sgi/2017-01-01", 2, None, "'for_meeting' is for", "type: paper"),
    ("attendee items not numbers", "attendees: [{name: Bo Ek, org: Halmstad, items: [[1]]}]", 4,
     "attendees[1].items[1]", "", None),
]
CASES += [Case(id, front(lines), MINUTES, line, field, message, fix, base="fields")
          for id, lines, line, field, message, fix in FIELDS]

# Contradictions between the fields of one file, and references that point nowhere (issue 21);
# the body of the fields base numbers one item: '## 1. Inledning'.
NO_ITEM = ("the body has no item", "its headings number the items 1")
CONTRADICTIONS = [
    ("an item written as 'pkt 5' that the body lacks", "attendees: [{name: Bo Ek, org: Halmstad, items: [pkt 5]}]", 4,
     "attendees[1].items[1]", ("the body has no item 5", NO_ITEM[1]), "'## 5. Title'"),
    ("an item in words", "decisions: [{id: d1, text: T, item: fem}]", 6, "decisions[1].item",
     "'fem' is not an agenda item number", '"4–5"'),
    ("an item with a letter", "decisions: [{id: d1, text: T, item: 1b}]", 6, "decisions[1].item",
     "'1b' is not an agenda item number", '"3.2"'),
    ("a range that goes down", "actions: [{id: a1, text: T, item: 2-1}]", 6, "actions[1].item",
     "'2-1' is not an agenda item number", "range"),
    ("true as an item", "proposals: [{id: p1, text: T, item: true}]", 6, "proposals[1].item",
     "is not an agenda item number", None),
    ("a decision's item the body lacks", "decisions: [{id: d1, text: T, item: 3}]", 6, "decisions[1].item",
     ("the body has no item 3", NO_ITEM[1]), "correct the item number"),
    ("a proposal's item the body lacks", "proposals: [{id: p1, text: T, item: '§ 4'}]", 6, "proposals[1].item",
     "the body has no item 4", None),
    ("an action's item the body lacks", "actions: [{id: a1, text: T, owners: [Halmstad], item: 2.1}]", 6,
     "actions[1].item", "the body has no item 2.1", None),
    ("a guest's item the body lacks", "guests: [{name: Sara Lind, items: [1, 7]}]", 6, "guests[1].items[2]",
     "the body has no item 7", None),
    ("a range the body half lacks", "guests: [{name: Sara Lind, items: ['1-2']}]", 6, "guests[1].items[1]",
     "the body has no item 2", None),
    ("an attendee twice", "attendees: ['Bo Ek, Halmstad', {name: Anna Andersson, org: Halmstad}, "
     "'bo  ek, Halmstads kommun']", 4, "attendees[3]", "'bo  ek' is listed twice: also as attendees[1]", "list each person once"),
    ("present and absent", "absent: ['Anna Andersson, Halmstad']", 6, "absent[1]",
     "'Anna Andersson' is listed both as taking part (attendees[1]) and as absent", "if they came"),
    ("present and absent, one name in NFD", "attendees: ['Åsa Öberg, Halmstad']\nabsent: ['"
     + unicodedata.normalize("NFD", "Åsa Öberg") + ", Halmstad']", 5, "absent[1]", "is listed both as taking part", None),
    ("present and absent, a Cyrillic look-alike letter", "absent: ['\u0410nna Andersson, Halmstad']", 6, "absent[1]",
     "is listed both as taking part (attendees[1])", None),
    ("present and absent, a zero-width space", "absent: ['Anna And\u200bersson, Halmstad']", 6, "absent[1]",
     "is listed both as taking part (attendees[1])", None),
    ("absent twice", "absent: ['Bo Ek, Halmstad', {name: Bo Ek, org: Halmstad, notified: true}]", 6, "absent[2]",
     "listed twice: also as absent[1]", None),
    ("a member as a guest", "guests: [{name: Anna Andersson, title: Rektor}]", 6, "guests[1]",
     "'Anna Andersson' is listed both as attendees[1] and under 'guests'", "invited guest under 'guests'"),
    ("an absent secretary", "absent: ['Bo Ek, Halmstad']\nsecretary: Bo Ek, Halmstad", 7, "secretary[1]",
     "the secretary 'Bo Ek' is listed as absent (absent[1])", "remove the secretary from 'absent'"),
    ("a secretary twice", "secretary: ['Bo Ek, Halmstad', 'Bo Ek, Halmstad']", 6, "secretary[2]",
     "listed twice: also as secretary[1]", None),
    ("a report-back date before the meeting", "actions: [{id: a1, text: T, owners: [Halmstad], due: 2016-05-09}]", 6,
     "actions[1].due", "the report-back date 2016-05-09 is before the meeting (2017-04-04)", "year"),
    ("a coming meeting before this one", "next_meetings: [{date: 2017-05-09}, {date: 2017-03-07}]", 6,
     "next_meetings[2].date", "a coming meeting on 2017-03-07 is not after this meeting (2017-04-04)", "check the date"),
    ("a coming meeting on the same day", "next_meetings: [{date: 2017-04-04}]", 6, "next_meetings[1].date",
     "is not after this meeting", None),
    ("a coming meeting listed twice", "next_meetings: [{date: 2017-05-09, time: '09:00'}, {date: 2017-06}, "
     "{date: 2017-05-09, time: '13:00'}]", 6, "next_meetings[3].date",
     "the coming meeting on 2017-05-09 is already listed in next_meetings[1]", "'note'"),
    ("a coming meeting in a past month", "next_meetings: [{date: 2017-03}]", 6, "next_meetings[1].date",
     "a coming meeting on 2017-03 is not after", None),
    ("two proposals with one id", "proposals: [{id: p1, text: A}, {id: p1, text: B}]", 6, "proposals[2].id",
     "the id 'p1' is already used by proposals[1]", "its own id"),
    ("a placeholder secretary", "secretary: NAMN, Halmstad", 6, "secretary", "placeholder", "write the person's name"),
    ("a field without the space after its colon", 'summary:"Ett möte."', 6, None,
     "the field name 'summary' is followed by a colon without a space after it", "'summary: …'"),
    ("a field in braces without the space after its colon", "guests: [{name:Sara Lind}]", 6, "guests[1].name:Sara Lind",
     "the field name 'name' is followed by a colon without a space after it", "'name: …'"),
]
CASES += [Case(id, front(lines), MINUTES, line, field, message, fix, base="fields")
          for id, lines, line, field, message, fix in CONTRADICTIONS]


def followed_up_twice(root: Path) -> None:
    write(root, VALID)
    write(root, replace("date: 2017-04-04", "date: 2017-05-09").replace(
        "---\n## 1", "follow_up:\n  - {action: sgi/2017-04-04/a1, status: open, due: 2017-06-01}\n"
        "  - {action: sgi/2017-04-04/a1, status: done}\n---\n## 1"), name="2017-05-09-sgi.md")


def follow_up_due_early(root: Path) -> None:
    write(root, VALID)
    write(root, replace("date: 2017-04-04", "date: 2017-05-09").replace(
        "---\n## 1", "follow_up:\n  - {action: sgi/2017-04-04/a1, status: open, due: 2017-04-01}\n---\n## 1"),
        name="2017-05-09-sgi.md")


CASES += [
    Case("an action followed up twice", followed_up_twice, "minutes/sgi/2017/2017-05-09-sgi.md", 16,
         "follow_up[2].action", "the action 'sgi/2017-04-04/a1' is already followed up in follow_up[1]", "once"),
    Case("a follow-up's new date before the meeting", follow_up_due_early, "minutes/sgi/2017/2017-05-09-sgi.md", 15,
         "follow_up[1].due", "the report-back date 2017-04-01 is before the meeting (2017-05-09)", None),
]

# Attachments and filing (issue 9): (the attachment's file, a part of the message)
ATTACHMENTS = [
    ("../../styr/2017/attachments/styr.pdf", NOT_ATTACHMENT),
    ("attachments/../../../styr/2017/2017-04-03-styr.md", NOT_ATTACHMENT),
    ("./attachments/ok.pdf", NOT_ATTACHMENT),
    ("attachments//ok.pdf", NOT_ATTACHMENT),
    ("/etc/passwd", NOT_ATTACHMENT),
    ("attachments\\\\ok.pdf", NOT_ATTACHMENT),
    ("ok.pdf", NOT_ATTACHMENT),
    ("2017-04-04-sgi.md", NOT_ATTACHMENT),
    ("attachments/anteckning.md", NOT_ATTACHABLE),
    ("attachments/anteckning.MD", NOT_ATTACHABLE),
    ("attachments/anteckning.markdown", NOT_ATTACHABLE),
    ("attachments/sida.html", NOT_ATTACHABLE),
    ("attachments/bild.svg", NOT_ATTACHABLE),
    # Types are allowed by a list (issue 19): every other type is refused, and the message names the allowed ones.
    ("attachments/sida.xht", NOT_ATTACHABLE),
    ("attachments/sida.XHTML", NOT_ATTACHABLE),
    ("attachments/sida.mht", NOT_ATTACHABLE),
    ("attachments/bild.svgz", NOT_ATTACHABLE),
    ("attachments/rapport.pdf.html", NOT_ATTACHABLE),
    ("attachments/program.exe", NOT_ATTACHABLE),
    ("attachments/arkiv.zip", NOT_ATTACHABLE),
    ("attachments/skript.js", NOT_ATTACHABLE),
    ("attachments/data.xml", NOT_ATTACHABLE),
    ("attachments/utan-typ", NOT_ATTACHABLE),
    ("attachments/Sida.Xht", "PDF (.pdf), Word (.docx, .doc), Excel (.xlsx, .xls)"),
    ("attachments/lank.pdf", "'attachments/lank.pdf' is a link (symlink)"),
    ("attachments/mapplank/styr.pdf", "'attachments/mapplank' is a link (symlink)"),
    ("attachments/saknas.pdf", "does not exist"),
]
ITSELF = {"attachments/anteckning.md": "minutes/sgi/2017/attachments/anteckning.md",  # reported on their own
          "attachments/lank.pdf": "minutes/sgi/2017/attachments/lank.pdf",
          "attachments/mapplank/styr.pdf": "minutes/sgi/2017/attachments/mapplank"}
CASES += [Case(f"attachment {file}", attach(file), FILE, 8, "attachments[2].file", message, "", base="files",
               elsewhere=(ITSELF[file],) if file in ITSELF else ())
          for file, message in ATTACHMENTS]

# (where the file is, front-matter lines, line, field, message, fix)
MISFILED = [
    ("minutes/styr/2017/2017-04-04-sgi.md", "", 2, "group", "in the folder of group 'styr'", "move"),
    ("minutes/sgi/2016/2017-04-04-sgi.md", "", 3, "date", "in the year folder '2016'", "move"),
    ("minutes/sgi/2017/2017-04-05-sgi.md", "", 3, "date", "should be '2017-04-04-sgi.md'", "rename"),
    ("minutes/sgi/2017/2017-04-04-styr.md", "", 2, "group", "should be '2017-04-04-sgi.md'", "rename"),
    ("minutes/sgi/2017/2017-04-04-sgi-agenda.md", "", 3, "type", "should be '2017-04-04-sgi.md'", "rename"),
    ("minutes/sgi/2017/2017-04-04-sgi.md", "type: agenda\n", 6, "type", "should be '2017-04-04-sgi-agenda.md'",
     "rename"),
    ("minutes/sgi/2017/2017-04-04-sgi-em.md", "slug: extra\n", 6, "slug", "should be '2017-04-04-sgi-extra.md'",
     "rename"),
    ("minutes/sgi/2017/2017-04-04-sgi.MD", "", 3, "type", "should be '2017-04-04-sgi.md'", "rename"),
    ("minutes/sgi/2017/2017-04-04-sgi.markdown", "", 3, "type", "should be '2017-04-04-sgi.md'", "rename"),
    ("minutes/2017-04-04-sgi.md", "", 2, "group", "not in a group's year folder", "move"),
    ("minutes/sgi/2017-04-04-sgi.md", "", 2, "group", "not in a group's year folder", "move"),
    ("minutes/sgi/2017/extra/2017-04-04-sgi.md", "", 2, "group", "not in a group's year folder", "move"),
]
CASES += [Case(f"misfiled {relative}", filed(relative, extra), relative, line, field, message, fix, base="files")
          for relative, extra, line, field, message, fix in MISFILED]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_one_broken_input_gives_one_problem(case: Case, tmp_path: Path) -> None:
    root = BASES[case.base](tmp_path)
    case.change(root)
    everything = problems_for(root)
    problems = [p for p in everything if p.path == case.path]
    assert len(problems) == 1, "\n".join(map(str, everything))
    assert sorted(p.path for p in everything if p.path != case.path) == sorted(case.elsewhere), everything
    problem = problems[0]
    assert (problem.path, problem.line, problem.field) == (case.path, case.line, case.field), str(problem)
    for part in (case.message,) if isinstance(case.message, str) else case.message:
        assert part in problem.message, str(problem)
    assert problem.fix and (case.fix or "") in problem.fix, str(problem)


def test_the_cases_have_distinct_ids() -> None:
    assert len({case.id for case in CASES}) == len(CASES)
