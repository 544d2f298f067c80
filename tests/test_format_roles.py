"""Issue 21, without MkDocs: a convener (sammankallande), a unit within an organisation, a paper
for a meeting that is only planned, and the template `notula new` writes for each type."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from notula import labels
from notula.cli.scaffold import new_minutes
from notula.model.gatherings import gatherings
from notula.model.registry import load_registry
from notula.model.schema import Document, Role
from notula.model.validate import check_corpus
from notula.plugin import site
from notula.publishing import outputs
from notula.publishing.published import Site
from notula.rendering.docs import field_reference_markdown
from notula.showing.audience import Audience
from support.registries import minutes_project

REGISTRIES = {
    "organisations.yml": """
        - {id: gr, name: Göteborgsregionen, short: GR, kind: association}
        - {id: halmstad, name: Halmstads kommun, short: Halmstad, kind: municipality}
    """,
    "groups.yml": """
        - {id: ag, name: Arbetsgrupp, members: [gr, halmstad], audience: public, public_names: all}
    """,
    "topics.yml": "- {id: sfi, name: SFI}\n",
    "abbreviations.yml": "CGH: Chefsgruppen Halland\n",
}
MINUTES = """\
---
group: ag
date: 2019-09-10
attendees:
  - {name: Kim Sammansson, org: Halmstad, role: convener}
  - {name: Ulla Enhetsson, org: GR, unit: FoU i Väst, title: Forskare}
absent:
  - {name: Ola Borta, org: GR, unit: Avdelning Utbildning, notified: true}
secretary: {name: Ulla Enhetsson, org: GR, unit: FoU i Väst}
next_meetings:
  - {date: 2019-10-15, place: Rådhuset}
  - {date: 2019-11}
---

## 1. Inledning
"""
PAPER = """\
---
type: paper
group: ag
date: 2019-09-20
for_meeting: ag/2019-10-15
author: {name: Ulla Enhetsson, org: GR, unit: FoU i Väst}
---

Underlaget.
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    minutes = minutes_project(tmp_path, REGISTRIES, "ag/2019") / "minutes"
    (minutes / "ag" / "2019" / "2019-09-10-ag.md").write_text(MINUTES, encoding="utf-8")
    return tmp_path


def pages(root: Path, audience: str = "public") -> dict[str, str]:
    build = site.prepare(root, {}, Audience(audience, today=dt.date(2019, 9, 1)))
    return {p.url: p.content + "".join(p.islands) + "".join(p.text_islands) for p in build.pages}


def test_convener_and_unit_on_the_meeting_page(root: Path) -> None:
    _, problems = check_corpus(root)
    assert problems == []
    page = pages(root)["ag/2019-09-10/"]
    assert re.search(r"Kim Sammansson <span class=\"notula-role\">\(sammankallande\)</span>", page)
    # the unit after the organisation: under the organisation's heading, and after it in lists
    assert re.search(r'id="narvaro-gr">.*?Ulla Enhetsson, <span class="notula-unit">FoU i Väst</span>, Forskare', page, re.S)
    assert re.search(r'Ola Borta, <a href="[^"]*gr/">GR</a>, Avdelning Utbildning', page)
    assert re.search(r'Antecknat av:</strong> Ulla Enhetsson, <a href="[^"]*gr/">GR</a>, FoU i Väst', page)


def test_a_unit_counts_for_its_organisation(root: Path) -> None:
    gr = pages(root)["organisationer/gr/"]
    # GR attended the meeting (through its unit): its record, not a separate organisation's
    assert "Ulla Enhetsson" in gr and "FoU i Väst" not in pages(root)["organisationer/"]
    assert "fou-i-vast" not in "".join(pages(root))
    row = re.search(r"<tr><th scope=\"row\">Ulla Enhetsson</th>.*?</tr>", gr, re.S)
    assert row and "<td>1</td>" in row.group(0)


def test_open_data_carries_role_and_unit(root: Path) -> None:
    build = site.prepare(root, {}, Audience("public", today=dt.date(2019, 9, 1)))
    files = {o.url: o.content for o in outputs.generate(build.view, Site("https://example.org/", "Test"))}
    record = json.loads(files["data/moten/ag/2019-09-10.json"])
    people = {p["name"]: p for p in record["participants"]}
    assert people["Kim Sammansson"]["role"] == "convener" and people["Kim Sammansson"]["unit"] is None
    assert people["Ulla Enhetsson"]["unit"] == "FoU i Väst" and people["Ola Borta"]["unit"] == "Avdelning Utbildning"
    assert record["secretary"]["unit"] == "FoU i Väst"


def test_a_paper_for_a_planned_meeting(root: Path) -> None:
    (root / "minutes/ag/2019/2019-09-20-ag-paper.md").write_text(PAPER, encoding="utf-8")
    _, problems = check_corpus(root)
    assert problems == []
    page = pages(root)["ag/2019-09-20-paper/"]
    assert ('Handling till</dt> <dd><a href="../">Arbetsgrupp</a>, planerat möte '  # the group's page
            '<time datetime="2019-10-15">15 oktober 2019</time>') in page
    assert 'Ulla Enhetsson, <a href="../../organisationer/gr/">GR</a>, FoU i Väst' in page
    corpus, _ = check_corpus(root)
    planned = next(g for g in gatherings(corpus, "ag") if g.date == dt.date(2019, 10, 15))
    assert [m.id for m in planned.related] == ["ag/2019-09-20-paper"]  # in the calendar's event for that meeting
    # a meeting nobody planned is still unknown, and a month cannot be a paper's meeting
    for ref in ("ag/2019-10-16", "ag/2019-11-01"):
        (root / "minutes/ag/2019/2019-09-20-ag-paper.md").write_text(PAPER.replace("ag/2019-10-15", ref), encoding="utf-8")
        _, problems = check_corpus(root)
        assert [(p.field, p.message.split(" — ")[0]) for p in problems] == [("for_meeting", f"no meeting '{ref}' is known")]


def test_the_format_describes_convener_and_unit() -> None:
    assert "convener" in [r.value for r in Role] and labels.ROLE_LABELS["convener"] == "sammankallande"
    assert set(labels.ROLE_LABELS) == {r.value for r in Role}
    reference = field_reference_markdown()
    assert "convener" in reference and "unit" in reference
    committed = json.loads((Path(__file__).resolve().parent.parent / "schema/front-matter.schema.json").read_text("utf-8"))
    assert "convener" in json.dumps(committed) and '"unit"' in json.dumps(committed)
    assert Document.model_validate({"group": "x", "date": "2019-01-01",
                                    "attendees": [{"name": "A B", "org": "x", "unit": "U", "role": "convener"}]})


def _new(root: Path, doc_type: str, date: dt.date) -> str:
    registry, problems = load_registry(root / "minutes", root)
    assert not problems
    return new_minutes(root, registry, "ag", date, doc_type).read_text(encoding="utf-8")


def _fields(text: str) -> list[str]:
    return [line.split(":")[0] for line in text.split("---")[1].splitlines() if line and not line.startswith((" ", "#"))]


def test_a_paper_gets_its_own_template(root: Path) -> None:
    text = _new(root, "paper", dt.date(2019, 9, 20))
    fields = _fields(text)
    assert "author" in fields and "for_meeting" in fields
    assert re.search(r"^for_meeting: ag/2019-10-15 ", text, re.M)  # the group's next planned meeting
    for absent in ("attendees", "secretary", "absent", "guests", "decisions", "actions", "next_meetings", "time", "place"):
        assert absent not in fields, absent
    assert "Nästa möte" not in text
    _, problems = check_corpus(root)
    assert [(p.field, p.message) for p in problems] == [("author", "must not be empty")]  # until the author is written
    path = root / "minutes/ag/2019/2019-09-20-ag-paper.md"
    path.write_text(text.replace('author: ""', 'author: "GR"'), encoding="utf-8")
    _, problems = check_corpus(root)
    assert problems == []


@pytest.mark.parametrize("doc_type", ["report", "presentation"])
def test_reports_and_presentations_name_the_next_meeting_as_a_suggestion(root: Path, doc_type: str) -> None:
    text = _new(root, doc_type, dt.date(2019, 9, 20))
    assert "author" in _fields(text) and "attendees" not in _fields(text) and "secretary" not in _fields(text)
    assert re.search(r"^# for_meeting: ag/2019-10-15 ", text, re.M)


def test_an_agenda_gets_the_planned_time_and_place_and_no_attendance(root: Path) -> None:
    text = _new(root, "agenda", dt.date(2019, 10, 15))
    fields = _fields(text)
    assert 'place: "Rådhuset"' in text and "for_meeting" not in fields and "author" not in fields
    for absent in ("attendees", "secretary", "decisions", "actions"):
        assert absent not in fields, absent
    assert "## 1. Inledning" in text


def test_without_a_planned_meeting_a_paper_leaves_for_meeting_to_the_writer(root: Path) -> None:
    text = _new(root, "paper", dt.date(2019, 12, 1))
    assert "for_meeting" not in _fields(text) and "# for_meeting: ag/YYYY-MM-DD" in text


def test_check_explains_a_wrong_role_or_unit(root: Path) -> None:
    path = root / "minutes/ag/2019/2019-09-10-ag.md"
    text = path.read_text(encoding="utf-8").replace("role: convener", "role: sammankallande")
    path.write_text(text.replace("unit: FoU i Väst, title", 'unit: "FoU\\ni Väst", title'), encoding="utf-8")
    _, problems = check_corpus(root)
    found = {p.field: (p.line, p.message, p.fix) for p in problems}
    assert found["attendees[1].role"] == (5, "'sammankallande' is not allowed",
                                          "use one of: chair, convener, secretary or adjunct")
    assert found["attendees[2].unit"][:2] == (6, "'FoU\ni Väst' must be one line")
