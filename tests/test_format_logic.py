"""Issue 13, without MkDocs: approval in the audience decision, the names policy for the new
person fields, Swedish number agreement, abbreviations in generated HTML and `notula new`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from notula import labels
from notula.model.approval import awaiting_approval
from notula.model.names import people
from notula.model.schema import Month, number_as_time
from notula.model.validate import load_corpus
from notula.plugin import site
from notula.publishing import outputs
from notula.publishing.published import Site
from notula.rendering import abbr
from notula.showing.audience import Audience, restricted_label, state
from support.registries import minutes_project

REGISTRIES = {
    "organisations.yml": """
        - {id: halmstad, name: Halmstads kommun, short: Halmstad, kind: municipality}
        - {id: region-halland, name: Region Halland, kind: region}
    """,
    "groups.yml": """
        - {id: ag, name: Arbetsgrupp, members: [halmstad, region-halland], audience: public, public_names: none,
           approval: required}
    """,
    "topics.yml": "- {id: sfi, name: SFI}\n",
    "abbreviations.yml": "CGH: Chefsgruppen Halland\n",
}

LATE = dt.date(2026, 1, 1)  # a build date after every date of these files

# Every new kind of person field, each with a name that must not reach the public site.
HIDDEN = ["Orvar Sekretesson", "Tove Tvåasson", "Jonna Justerasson", "Pelle Proposson", "Anja Authorsson"]
MINUTES = """\
---
group: ag
date: 2019-09-10
attendees: ["Orvar Sekretesson, Halmstad", {name: Bo Berg, org: Halmstad, items: [1]}]
secretary: ["Orvar Sekretesson, Halmstad", "Tove Tvåasson, Region Halland"]
approved: {date: 2019-09-20, by: ["Jonna Justerasson, Halmstad"]}
proposals: [{id: p1, text: Tove Tvåasson föreslår en temadag., by: "Pelle Proposson, Region Halland"}]
decisions: [{id: d1, text: CGH informeras.}]
---

## 1. Inledning

Pelle Proposson och Jonna Justerasson redogjorde.
"""
PAPER = """\
---
type: paper
group: ag
date: 2019-09-01
for_meeting: ag/2019-09-10
author: Anja Authorsson, Region Halland
---

Anja presenterade underlaget.
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    minutes = minutes_project(tmp_path, REGISTRIES, "ag/2019") / "minutes"
    (minutes / "ag" / "2019" / "2019-09-10-ag.md").write_text(MINUTES, encoding="utf-8")
    (minutes / "ag" / "2019" / "2019-09-01-ag-paper.md").write_text(PAPER, encoding="utf-8")
    return tmp_path


def everything_public(root: Path) -> str:
    """All text a public build makes: page sources, their islands, feeds, calendars, data."""
    build = site.prepare(root, {}, Audience("public", today=dt.date(2026, 1, 1)))
    parts = [p.content + "".join(p.islands) + "".join(p.text_islands) for p in build.pages]
    parts += [o.content for o in outputs.generate(build.view, Site("https://example.org/", "Test"))]
    return "\n".join(parts)


def test_people_covers_every_new_person_field(root: Path) -> None:
    corpus = load_corpus(root)
    found = {name: kind for m in corpus.meetings for kind, name in people(m)}
    assert found == {"Orvar Sekretesson": "secretary", "Bo Berg": "attendee", "Tove Tvåasson": "secretary",
                     "Jonna Justerasson": "approver", "Pelle Proposson": "proposer", "Anja Authorsson": "author"}


def test_hidden_names_stay_hidden_on_the_public_site(root: Path) -> None:
    text = everything_public(root)
    assert "ag/2019-09-10" in text and "föreslår en temadag" in text  # the minutes are public
    for name in HIDDEN:
        assert name not in text, name
        assert name.split()[0] + " " not in text, name  # nor the first name in running text ("Anja presenterade")


def _approve(root: Path, approved: bool) -> None:
    path = root / "minutes" / "ag" / "2019" / "2019-09-10-ag.md"
    text = path.read_text(encoding="utf-8")
    line = 'approved: {date: 2019-09-20, by: ["Jonna Justerasson, Halmstad"]}\n'
    path.write_text(text.replace(line, line if approved else ""), encoding="utf-8")


@pytest.mark.parametrize("extra,expected", [
    ("", "members"),
    ("audience: public\n", "members"),
    ("release: 2019-09-11\n", "members"),
    ("audience: draft\n", "draft"),
])
def test_unapproved_minutes_are_never_public(root: Path, extra: str, expected: str) -> None:
    _approve(root, False)
    path = root / "minutes" / "ag" / "2019" / "2019-09-10-ag.md"
    path.write_text(path.read_text(encoding="utf-8").replace("group: ag\n", "group: ag\n" + extra), encoding="utf-8")
    corpus = load_corpus(root)
    meeting = corpus.by_id["ag/2019-09-10"]
    assert awaiting_approval(meeting, corpus, LATE) and state(meeting, corpus, LATE) == expected
    assert "ag/2019-09-10" not in everything_public(root)
    label = restricted_label(meeting, corpus, dt.date(2026, 1, 1))
    assert label == "UTKAST" if expected == "draft" else "Ej justerat" in label


def test_approved_minutes_are_public(root: Path) -> None:
    corpus = load_corpus(root)
    meeting = corpus.by_id["ag/2019-09-10"]
    assert not awaiting_approval(meeting, corpus, LATE) and state(meeting, corpus, LATE) == "public"
    assert "Justerat" in everything_public(root)


def test_papers_need_no_approval(root: Path) -> None:
    _approve(root, False)
    corpus = load_corpus(root)
    assert state(corpus.by_id["ag/2019-09-01-paper"], corpus, LATE) == "public"


@pytest.mark.parametrize("n,noun,expected", [
    (0, "möte", "0 möten"), (1, "möte", "1 möte"), (2, "möte", "2 möten"),
    (1, "beslut", "1 beslut"), (3, "uppdrag", "3 uppdrag"), (1, "deltagare", "1 deltagare"),
])
def test_count_agrees_with_its_noun(n: int, noun: str, expected: str) -> None:
    assert labels.count(n, noun) == expected


def test_latest_phrase() -> None:
    assert labels.latest(1) == "det senaste mötet"
    assert labels.latest(5) == "de 5 senaste mötena"
    assert labels.plural(1, "öppet") == "öppet" and labels.plural(4, "försenat") == "försenade"


def test_month_is_shown_with_an_undecided_day() -> None:
    assert labels.when(Month(2021, 9)) == "september 2021 (datum ej bestämt)"
    assert labels.when(dt.date(2021, 9, 14)) == "tisdag 14 september 2021"
    assert Month(2021, 12).last == dt.date(2021, 12, 31) and Month(2024, 2).last == dt.date(2024, 2, 29)


@pytest.mark.parametrize("number,text", [(9, "09:00"), (9.0, "09:00"), (9.3, "09:30"), (13.15, "13:15"), (8.05, "08:05")])
def test_a_time_read_as_a_number_is_suggested_back(number, text) -> None:
    assert number_as_time(number) == text


ABBREVIATIONS = {"CGH": "Chefsgruppen Halland", "AF": "Arbetsförmedlingen", "SFI": "Svenska för invandrare"}


@pytest.mark.parametrize("html,expected", [
    ("<p>Beslut i CGH: ok</p>", '<p>Beslut i <abbr title="Chefsgruppen Halland">CGH</abbr>: ok</p>'),
    ('<a href="/cgh/" title="CGH">CGH</a>', '<a href="/cgh/" title="CGH"><abbr title="Chefsgruppen Halland">CGH</abbr></a>'),
    ("<p>yrkes-SFI och SFI-platser</p>",  # in compounds too, as Python-Markdown's abbr marks them
     '<p>yrkes-<abbr title="Svenska för invandrare">SFI</abbr> och <abbr title="Svenska för invandrare">SFI</abbr>-platser</p>'),
    ("<p>CGHX AFA</p>", "<p>CGHX AFA</p>"),
    ("<code>CGH</code>", "<code>CGH</code>"),
    ('<abbr title="x">CGH</abbr>', '<abbr title="x">CGH</abbr>'),
    ("<option>AF</option>", "<option>AF</option>"),
    ("<li>AF &amp; CGH</li>", '<li><abbr title="Arbetsförmedlingen">AF</abbr> &amp; <abbr title="Chefsgruppen Halland">CGH</abbr></li>'),
])
def test_abbreviations_marked_in_html(html: str, expected: str) -> None:
    assert abbr.mark(html, ABBREVIATIONS) == expected


def test_new_minutes_do_not_invent_a_time(root: Path) -> None:
    from notula.cli.scaffold import new_minutes
    from notula.model.registry import load_registry

    registry, _ = load_registry(root / "minutes", root)
    text = new_minutes(root, registry, "ag", dt.date(2019, 11, 5)).read_text(encoding="utf-8")
    assert "\ntime:" not in text and '# time: "HH:MM-HH:MM"' in text
    assert "# approved:" in text  # the group requires approval
    for field in ("proposals:", "links:", "events:"):
        assert f"\n{field}" in text


def test_start_and_group_pages_list_coming_events_and_months() -> None:
    """With the demo as of 1 February 2018: dated events and months to come, by date."""
    repo = Path(__file__).resolve().parent.parent
    build = site.prepare(repo, {}, Audience("public", today=dt.date(2018, 2, 1)))
    pages = {p.url: p.content + "".join(p.islands) for p in build.pages}
    start = pages[""]
    events = start[start.index("Kommande händelser"):start.index("## Uppdrag")]
    assert events.index("28 februari 2018") < events.index("19 april 2018") < events.index("oktober 2018 (datum ej bestämt)")
    assert "Temadag om traumamedvetet bemötande" in events
    coming = start[start.index("## Kommande möten"):start.index("Kommande händelser")]
    assert "september 2018 (datum ej bestämt)" in coming and coming.index("13 mars 2018") < coming.index("september 2018")
    assert "Kommande händelser" in pages["sgi/"] and "Temadag om traumamedvetet bemötande" in pages["sgi/"]
    # the day after the month is over, it is no longer coming
    later = site.prepare(repo, {}, Audience("public", today=dt.date(2018, 11, 1)))
    start = next(p for p in later.pages if p.url == "")
    assert "oktober 2018" not in start.content + "".join(start.islands)
