"""Issue 19, item 3: the front matter (and the registries) get the body's rules. A members-only marker (exact or
near), an HTML comment and other hidden markup in any text value of the front matter is an
error naming the file, the line and the field, never text on a page, register, feed, calendar,
data file or search index."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from notula.model.registry import load_registry
from notula.model.validate import validate_file
from notula.problems import format_path
from support.builds import run_build
from support.registries import minutes_project

REGISTRIES = {
    "organisations.yml": """
        - {id: halmstad, name: Halmstads kommun, short: Halmstad, kind: municipality}
        - {id: region-halland, name: Region Halland, kind: region}
    """,
    "groups.yml": """
        - {id: sgi, name: Strategisk grupp integration, members: [halmstad, region-halland], audience: public}
    """,
    "topics.yml": "- {id: sfi, name: SFI}\n",
    "abbreviations.yml": "CGH: Chefsgruppen Halland\n",
}
NAME = "2017-04-04-sgi.md"

# Every field of the format, with text wherever the schema takes text.
FULL = {
    "group": "sgi",
    "title": "Möte om tolkar",
    "date": "2017-04-04",
    "time": "09:00-13:00",
    "place": "Laxbutiken, Heberg",
    "host": "Halmstad",
    "summary": "Gruppen talade om tolkar.\nOch om SFI.\n",
    "attendees": ["Anna Andersson, Halmstad",
                  {"name": "Karin Berg", "org": "Region Halland", "title": "Strateg", "items": ["3.2"]}],
    "absent": [{"name": "Mats Persson", "org": "Halmstad", "title": "Chef", "notified": True}],
    "guests": ["Sara Lind, Halmstad",
               {"name": "Olle Dahl", "org": "Halmstad", "affiliation": "Projektet In-Väst", "title": "Konsult"}],
    "secretary": "Amina Ek, Region Halland",
    "approved": {"date": "2017-04-18", "by": ["Karin Berg, Region Halland"]},
    "topics": ["sfi"],
    "decisions": [{"id": "d1", "text": "Gruppen beslutar att gå vidare.", "item": 3, "by": "CGH"}],
    "proposals": [{"id": "p1", "text": "Arbetsgruppen föreslår en temadag.", "by": "Karin Berg, Region Halland"},
                  {"id": "p2", "text": "CGH föreslår.", "by": "CGH"}],
    "actions": [{"id": "a1", "text": "Sammanställ behovet.", "owners": ["Halmstad", "Mats Persson, Halmstad"],
                 "due": "2017-05-09"}],
    "author": {"name": "Sara Lind", "org": "Halmstad", "title": "Utredare"},
    "follow_up": [{"action": "sgi/2017-01-11/a1", "status": "done", "note": "Skickades ut.", "due": "2017-06-01"}],
    "attachments": [{"url": "https://www.example.org/rapport.pdf", "title": "Rapporten"}],
    "links": [{"title": "Lägesbild", "url": "https://www.example.org/lagesbild"}],
    "next_meetings": [{"date": "2017-05-09", "place": "Rådhuset", "host": "Halmstad", "note": "Preliminärt"}],
    "events": [{"date": "2017-05-15", "time": "9-16", "title": "Temadag om hälsa", "place": "Halmstad"}],
}


def text_values(data, path=()):
    """(path, text) of every text value in the data (not the schema's idea of it: the YAML's)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from text_values(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from text_values(value, path + (index,))
    elif isinstance(data, str):
        yield path, data


def set_at(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def write(root: Path, front: str, body: str = "## 1. Inledning\n\nText.\n\n## 3. Tolkar\n\n### 3.2 Behov\n\nText.\n") -> Path:
    path = root / "minutes" / "sgi" / "2017" / NAME
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def problems_of(root: Path, front: str):
    path = write(root, front)
    meeting, problems = validate_file(path, root, _registry(root))
    return meeting, problems


def _registry(root: Path):
    registry, problems = load_registry(root / "minutes", root)
    assert problems == []
    return registry


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return minutes_project(tmp_path, REGISTRIES)


def test_the_full_document_is_valid(root):
    meeting, problems = problems_of(root, dump(FULL))
    assert problems == [] and meeting is not None


# What the body's rules act on, as it may stand inside a text.
INJECTED = [
    " <!-- anteckning till mig själv -->",
    "\n::: medlemmar\nHEMLIGT om en person\n:::\n",
    " ::: medlemmar",
    "\n:::medlemmar\n",
    "\n：：： medlemmar\n",  # full-width colons
    "\n∶∶∶ medlemmar\n",  # ratio signs, which look like colons
    "\n::\u200b: medlemmar\n",  # a zero-width space, as text copied from the web may hold
    "\n::: m\u0435dlemmar\n",  # a Cyrillic e
    " <![CDATA[ dolt ]]>",
    " <!-- aldrig stängd",
]


@pytest.mark.parametrize("injected", INJECTED)
@pytest.mark.parametrize("path", [path for path, _ in text_values(FULL)], ids=format_path)
def test_every_text_value_refuses_markers_and_comments(root, path, injected):
    data = copy.deepcopy(FULL)
    original = dict(text_values(FULL))[path]
    set_at(data, path, original.rstrip("\n") + injected)
    front = dump(data)
    meeting, problems = problems_of(root, front)
    assert meeting is None
    ours = [p for p in problems if p.field == format_path(path)
            and ("marker" in p.message or "comment" in p.message or "markup" in p.message)]
    assert ours, "\n".join(map(str, problems))
    assert ours[0].path == f"minutes/sgi/2017/{NAME}" and ours[0].fix
    # the line of the file that holds it (2: the first line after '---')
    token = next(t for t in ("<!--", "CDATA", "medlemmar", "m\u0435dlemmar") if t in injected)
    assert ours[0].line == 2 + next(n for n, line in enumerate(front.split("\n")) if token in line), front


# A multi-line field as a secretary writes it: the problem is at the line of the marker.
SUMMARY = """\
group: sgi
date: 2017-04-04
attendees:
  - Anna Andersson, Halmstad
summary: {style}
  Gruppen talade om tolkar.
  {line}
  Något om en enskild person.
  :::
title: Möte
"""


@pytest.mark.parametrize("style", ["|", ">", "|-", ">-"])
@pytest.mark.parametrize("line", ["::: medlemmar", "::: Medlemmar", ":: medlemmar", "::: medlemar", "::: medlemmar"])
def test_a_members_only_block_in_a_multi_line_field_is_an_error_at_its_line(root, style, line):
    meeting, problems = problems_of(root, SUMMARY.format(style=style, line=line))
    assert meeting is None
    [problem] = [p for p in problems if p.field == "summary"]
    assert problem.line == 8 and "members-only marker" in problem.message  # line 8: the marker's
    assert "::: medlemmar" in problem.fix


def test_a_comment_in_a_quoted_value_with_escapes_is_found_at_the_value(root):
    front = 'group: sgi\ndate: 2017-04-04\nattendees:\n  - Anna Andersson, Halmstad\n' \
            'decisions:\n  - {id: d1, text: "Beslut \\u003c!-- utkast -->"}\n'
    meeting, problems = problems_of(root, front)
    [problem] = problems
    assert (problem.line, problem.field) == (7, "decisions[1].text") and "comment" in problem.message


BENIGN = ["Tid: 10:00–12:00", "Se https://www.example.org/a?b=c#d", "Kl. 9.00", "Medlemmarna: alla", "Punkt 3: SFI",
          "a < b och c > d", "5 <= 6", "Medlemmar :) kom", "Se §3: Medlemmar"]


@pytest.mark.parametrize("text", BENIGN)
def test_ordinary_text_is_not_mistaken_for_a_marker_or_comment(root, text):
    data = copy.deepcopy(FULL)
    data["summary"] = text
    data["decisions"][0]["text"] = text
    meeting, problems = problems_of(root, dump(data))
    assert problems == [] and meeting is not None


def test_the_build_fails_and_names_the_field(project):
    minutes = project / "minutes" / "sgi" / "2017" / "2017-04-25-sgi.md"
    text = minutes.read_text(encoding="utf-8")
    before, summary, after = text.partition("\nsummary: ")
    first = after.split("\n", 1)
    minutes.write_text(before + "\nsummary: |\n  " + first[0] + "\n  ::: medlemmar\n  FALTHEMLIS om en person\n  :::\n"
                       + first[1], encoding="utf-8")
    line = 1 + minutes.read_text(encoding="utf-8").split("\n").index("  ::: medlemmar")
    result = run_build(project, "public")
    assert result.returncode != 0
    assert f"minutes/sgi/2017/2017-04-25-sgi.md:{line}: summary: '::: medlemmar' is a members-only marker" in result.stderr
    assert not (project / "site" / "sgi").exists()


@pytest.mark.parametrize("registry, entry, field", [
    ("groups.yml", "- id: sgi\n  name: Strategisk grupp integration\n  description: |\n    Gruppen.\n"
                   "    ::: medlemmar\n    Hemligt.\n    :::\n", "[1].description"),
    ("topics.yml", "- {id: sfi, name: SFI, description: \"Om SFI <!-- utkast -->\"}\n", "[1].description"),
    ("organisations.yml", "- {id: halmstad, name: Halmstads kommun <!-- gamla namnet -->}\n"
                          "- {id: region-halland, name: Region Halland}\n", "[1].name"),
    ("abbreviations.yml", "CGH: \"Chefsgruppen Halland ::: medlemmar\"\n", "CGH"),
])
def test_registry_texts_get_the_same_rules(root, registry, entry, field):
    (root / "minutes" / registry).write_text(entry, encoding="utf-8")
    _, problems = load_registry(root / "minutes", root)
    ours = [p for p in problems if p.field == field and ("marker" in p.message or "comment" in p.message)]
    assert [p.path for p in ours] == [f"minutes/{registry}"], "\n".join(map(str, problems))
    line = next(n for n, text in enumerate(entry.split("\n"), 1) if "<!--" in text or ":::" in text)
    assert ours[0].line == line
