"""Front matter and registries that YAML would silently change, or that would crash a reader:
folded list items, follow-up cycles, deep nesting and control characters. Each is a problem
with file, line and field; never a traceback."""

from __future__ import annotations

import pytest

from notula.plugin.site import prepare
from notula.problems import ProblemsFound
from notula.reading import yamlsafe
from notula.showing.audience import Audience
from support.validation import VALID, only, problems_for, replace, validation_project, write

DEEP = 500


@pytest.mark.parametrize("text, line, path, message", [
    ("attendees:\n  - Lovisa Ljungberg, Länsstyrelsen\n    - Annika Vannerberg, Länsstyrelsen\n", 4,
     ("attendees", 0), "continues the text"),
    ("attendees:\n  - Lovisa Ljungberg, Länsstyrelsen\n    Annika Vannerberg, Länsstyrelsen\n", 4,
     ("attendees", 0), "continues the text"),
    ("summary: En lång text\n  som fortsätter\n", 3, ("summary",), "continues the text"),
    ("a:\n  b:\n    - x\n      y\n", 5, ("a", "b", 0), "continues the text"),
    ("place: a\x00b\n", 2, ("place",), "U+0000"),
    ('place: "a\\0b"\n', 2, ("place",), "U+0000"),
    ('place: "a\\x07b"\n', 2, ("place",), "U+0007"),
    ("group: sgi\nguests:\n  - {name: \"A\\x85B\"}\n", 4, ("guests", 0, "name"), "U+0085"),
    ('place: "a\\uFFFEb"\n', 2, ("place",), "U+FFFE"),
    ("place: a\x1bb\n", 2, ("place",), "U+001B"),
    ("place: a\x7fb\n", 2, ("place",), "U+007F"),
    ("group: sgi # \x0c\n", 2, (), "U+000C"),
    ("a: " + "[" * DEEP + "]" * DEEP + "\n", 2, (), "nested more than"),
    ("a: " + "{" * DEEP + "\n", 2, (), "nested more than"),
    ("a: " + "[" * DEEP + "\n", 2, (), "nested more than"),
    ("".join(" " * i + f"k{i}:\n" for i in range(DEEP)), 2 + yamlsafe.MAX_DEPTH, (), "nested more than"),
    ("a:\n " + "- " * DEEP + "x\n", 3, (), "nested more than"),
])
def test_refused(text, line, path, message):
    with pytest.raises(yamlsafe.YamlError) as caught:
        yamlsafe.load(text, first_line=2)
    assert (caught.value.line, caught.value.path) == (line, path)
    assert message in caught.value.message and caught.value.fix


@pytest.mark.parametrize("text, data", [
    ("summary: >\n  En lång text\n  som fortsätter\n", {"summary": "En lång text som fortsätter\n"}),
    ("summary: >-\n  En lång text\n  som fortsätter\n", {"summary": "En lång text som fortsätter"}),
    ("summary: |\n  rad ett\n  rad två\n", {"summary": "rad ett\nrad två\n"}),
    ('summary: "En lång text\n  som fortsätter"\n', {"summary": "En lång text som fortsätter"}),
    ("summary: 'En lång text\n  som fortsätter'\n", {"summary": "En lång text som fortsätter"}),
    ("members: [a,\n  b]\n", {"members": ["a", "b"]}),
    ("attendees:\n  - A, B\n  - C, D\n", {"attendees": ["A, B", "C, D"]}),
    ("place: a\tb\n", {"place": "a\tb"}),
    ("a: " + "[" * (yamlsafe.MAX_DEPTH - 1) + "]" * (yamlsafe.MAX_DEPTH - 1) + "\n", None),
    ("place: Malmö\u00a0C ✓ 😀\n", {"place": "Malmö\u00a0C ✓ 😀"}),
])
def test_accepted(text, data):
    loaded = yamlsafe.load(text)
    assert data is None or loaded.data == data


# ---------------------------------------------------------------- in check, build and preview
# (one broken input, one problem: the cases are in test_validation_cases.py)


@pytest.fixture
def root(tmp_path):
    return validation_project(tmp_path)


@pytest.mark.parametrize("value", ["[" * DEEP, "{" * DEEP, "[" * DEEP + "]" * DEEP, "{a: " * DEEP + "b" + "}" * DEEP])
def test_deep_nesting_is_a_problem_in_check_build_and_preview(root, value):
    path = write(root, replace("place: Laxbutiken, Heberg", f"place: {value}"))
    p = only(root)
    assert (p.path, p.line) == (path, 5) and "nested more than" in p.message
    for audience in (Audience("members"), Audience("public"), Audience("members", drafts=True)):  # the preview
        with pytest.raises(ProblemsFound, match="nested more than"):
            prepare(root, {}, audience)


LATER = "date: 2017-05-09"


def _follows(ref: str) -> str:
    return f"follow_up:\n  - {{action: {ref}, status: done}}\n---\n## 1"


@pytest.mark.parametrize("documents, expected", [
    # two documents of one day that follow up each other's actions
    ({"2017-04-04-sgi.md": VALID.replace("---\n## 1", _follows("sgi/2017-04-04-em/a1")),
      "2017-04-04-sgi-em.md": VALID.replace("time:", "slug: em\ntime:").replace("---\n## 1", _follows("sgi/2017-04-04/a1"))},
     2),
    # one follows up the other's action, same day: no cycle, still an error
    ({"2017-04-04-sgi.md": VALID,
      "2017-04-04-sgi-em.md": VALID.replace("time:", "slug: em\ntime:").replace("---\n## 1", _follows("sgi/2017-04-04/a1"))},
     1),
    # a longer cycle, all on one day
    ({"2017-04-04-sgi.md": VALID.replace("---\n## 1", _follows("sgi/2017-04-04-b/a1")),
      "2017-04-04-sgi-b.md": VALID.replace("time:", "slug: b\ntime:").replace("---\n## 1", _follows("sgi/2017-04-04-c/a1")),
      "2017-04-04-sgi-c.md": VALID.replace("time:", "slug: c\ntime:").replace("---\n## 1", _follows("sgi/2017-04-04/a1"))},
     3),
    # a document following up its own action
    ({"2017-04-04-sgi.md": VALID.replace("---\n## 1", _follows("sgi/2017-04-04/a1"))}, 1),
    # earlier dates only: fine
    ({"2017-04-04-sgi.md": VALID, "2017-05-09-sgi.md": replace("date: 2017-04-04", LATER).replace(
        "---\n## 1", _follows("sgi/2017-04-04/a1"))}, 0),
])
def test_follow_ups_only_of_earlier_dates(root, documents, expected):
    for name, text in documents.items():
        write(root, text, name=name)
    problems = problems_for(root)
    assert len(problems) == expected, "\n".join(map(str, problems))
    assert all(p.field == "follow_up[1].action" and "earlier dates only" in p.fix and p.line for p in problems)

