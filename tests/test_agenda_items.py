"""Agenda items: how the front-matter names one, and which items a body's headings number
(notula.reading.agenda), and that a reference to an item the body lacks is reported only when
the body numbers its items."""

from __future__ import annotations

from pathlib import Path

import pytest

from notula.reading.agenda import covers, item_number, numbered_items
from support.validation import VALID, problems_for, validation_project, write

BODY = """\
## 1. Inledning
Text om punkt 9 och § 8.
## 2) Uppföljning
### 2.1 Tolkar
## § 3 Strategiska riktlinjer
## Punkt 4: Lokaler
## 2017 års budget
## 5 Laget runt
## 6. Nästa möte kl. 11.50–12.00
#### 7:Nej
"""


def test_the_headings_that_number_an_item() -> None:
    assert list(numbered_items(BODY)) == ["1", "2", "2.1", "3", "4", "6"]
    assert numbered_items(BODY)["3"] == 4  # its line in the body, from 0
    assert numbered_items("Text.\n\n## Inledning\n") == {}


@pytest.mark.parametrize("written,value", [
    ("5", 5), ("05", 5), ("pkt 5", 5), ("Pkt. 5", 5), ("punkt 5", 5), ("§5", 5), ("§ 5", 5), ("p. 5", 5), ("5.", 5),
    ("3.2", "3.2"), ("3.10", "3.10"), ("4-5", "4–5"), ("4 – 5", "4–5"), ("pkt 4–5", "4–5"), ("punkterna 4-5", "4–5"),
])
def test_an_item_as_written(written: str, value) -> None:
    ref = item_number(written)
    assert ref is not None and ref.value == value


@pytest.mark.parametrize("written", ["fem", "5a", "5-4", "", "pkt", "5, 6", "item 5", "3.2.1.4.5x"])
def test_not_an_item(written: str) -> None:
    assert item_number(written) is None


def test_which_numbers_of_a_reference_the_body_lacks() -> None:
    numbered = numbered_items(BODY)
    assert covers(item_number("2-4"), numbered) == []
    assert covers(item_number("4-6"), numbered) == ["5"]
    assert covers(item_number("2.3"), numbered) == []  # a sub-item of item 2, which is there
    assert covers(item_number("7.1"), numbered) == ["7.1"]


def test_a_body_without_numbered_items_is_not_checked(tmp_path: Path) -> None:
    root = validation_project(tmp_path)
    write(root, VALID.replace("item: 1}", "item: 7}").replace("## 1. Inledning", "## Inledning"))
    assert problems_for(root) == []
    write(root, VALID.replace("item: 1}", "item: 7}"))
    [problem] = problems_for(root)
    assert problem.field == "decisions[1].item" and "no item 7" in problem.message


def test_headings_in_members_only_sections_and_comments(tmp_path: Path) -> None:
    """A members-only item is an item; a heading in a comment is not in the minutes."""
    root = validation_project(tmp_path)
    write(root, VALID.replace("item: 1}", "item: 2}") + "\n::: medlemmar\n## 2. Personalfrågor\n:::\n")
    assert problems_for(root) == []
    write(root, VALID.replace("item: 1}", "item: 2}") + "\n<!--\n## 2. Personalfrågor\n-->\n")
    [problem] = problems_for(root)
    assert "no item 2" in problem.message
