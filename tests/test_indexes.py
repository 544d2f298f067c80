"""notula.rendering.indexes on the demo minutes and on synthetic corpora: every count agrees with a recount."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from notula.model.validate import load_corpus
from notula.rendering.indexes import build_indexes, by_urgency
from notula.showing.audience import Audience
from notula.showing.view import View, build_view
from support import recount
from support.builds import REPO
from support.synthetic import write_corpus

TODAY = dt.date(2018, 3, 1)


def view_of(root: Path, audience: str = "members", today: dt.date = TODAY) -> View:
    return build_view(load_corpus(root), Audience(audience, today))


@pytest.fixture(scope="module")
def demo() -> View:
    return view_of(REPO)


@pytest.fixture(scope="module", params=[(40, 1), (150, 7)], ids=["synthetic-40", "synthetic-150"])
def synthetic(request, tmp_path_factory) -> View:
    n, seed = request.param
    root = tmp_path_factory.mktemp(f"synthetic-{n}")
    write_corpus(root, n, seed)
    return view_of(root, today=dt.date(2008, 6, 1))


def check_against_recount(view: View) -> None:
    """Every index of view agrees with a naive recount of view.corpus."""
    corpus, today = view.corpus, view.today
    idx = build_indexes(view)
    for org_id, org in idx.organisations.items():
        for group_id in corpus.registry.groups:
            expected = recount.attendance_of(corpus, org_id, group_id)
            got = {m.id: status for m, status in org.attendance.get(group_id, [])}
            assert got == expected, (org_id, group_id)
        assert [e.meeting.decision_ref(e.decision) for e in org.decisions] == recount.decisions_concerning(corpus, org_id)
        assert [e.ref for e in org.actions] == recount.actions_owned(corpus, org_id)
        assert [m.id for m in org.hosted] == recount.hosted(corpus, org_id)
    for topic_id, topic in idx.topics.items():
        meetings, decisions, actions = recount.tagged(corpus, topic_id)
        assert [m.id for m in topic.meetings] == meetings
        assert [e.meeting.decision_ref(e.decision) for e in topic.decisions] == decisions
        assert [e.ref for e in topic.actions] == actions
    for group_id, group in idx.groups.items():
        assert [m.id for m in group.meetings] == [m.id for m in corpus.meetings if m.doc.group == group_id]
        for year, meetings in group.years.items():
            assert [m.id for m in meetings] == [m.id for m in corpus.meetings
                                                if m.doc.group == group_id and m.year == year]
    assert sum(len(v) for v in idx.years.values()) == len(corpus.meetings)
    assert len(idx.decisions) == sum(len(m.doc.decisions) for m in corpus.meetings)
    status = recount.action_status(corpus, today)
    assert {e.ref: e.kind(today) for e in idx.actions} == status
    assert len(idx.open_actions(today)) == sum(1 for s in status.values() if s in ("open", "overdue"))
    assert len(idx.overdue_actions(today)) == sum(1 for s in status.values() if s == "overdue")


def test_demo_indexes_agree_with_recount(demo):
    check_against_recount(demo)


def test_demo_public_indexes_agree_with_recount():
    check_against_recount(view_of(REPO, "public", dt.date(2026, 11, 23)))


def test_synthetic_indexes_agree_with_recount(synthetic):
    check_against_recount(synthetic)


def test_halmstad_and_hylte_attendance_in_the_demo(demo):
    idx = build_indexes(demo)
    halmstad = {m.id: s for m, s in idx.organisations["halmstad"].attendance["sgi"]}
    assert halmstad == {"sgi/2016-10-04": "present", "sgi/2017-01-17": "present", "sgi/2017-03-07": "present",
                        "sgi/2017-04-25": "present", "sgi/2018-01-23": "present"}
    hylte = {m.id: s for m, s in idx.organisations["hylte"].attendance["sgi"]}
    assert hylte == {"sgi/2016-10-04": "absent", "sgi/2017-01-17": "present", "sgi/2017-03-07": "present",
                     "sgi/2017-04-25": "present", "sgi/2018-01-23": "apologies"}
    kungsbacka = idx.organisations["kungsbacka"].attendance_counts("sgi")
    assert kungsbacka == {"present": 2, "remote": 3}
    # An adjunct organisation is in the record of the meetings it attended only.
    assert [m.id for m, _ in idx.organisations["arbetsformedlingen"].attendance["sgi"]] == ["sgi/2018-01-23"]
    assert [m.id for m in idx.organisations["hylte"].hosted] == ["sgi/2017-04-25"]


def test_people_who_represented_an_organisation(demo):
    people = build_indexes(demo).organisations["halmstad"].people
    assert people["Helena Strand"].attended == 7  # 5 times in sgi, twice in mottagande
    assert people["Lars-Göran Björk"].attended == 2
    assert (people["Olle Dahlgren"].attended, people["Olle Dahlgren"].as_guest) == (0, 1)
    assert people["Lars-Göran Björk"].titles == ["Biträdande kommundirektör"]


def test_public_site_names_follow_public_names():
    public = build_indexes(view_of(REPO, "public", dt.date(2026, 11, 23)))
    halmstad = public.organisations["halmstad"].people
    assert "Helena Strand" in halmstad  # sgi shows attendees' names
    assert "Olle Dahlgren" not in halmstad  # but not guests'
    assert "Lars-Göran Björk" not in halmstad  # styrgrupp is members only
    assert "styrgrupp" not in public.organisations["halmstad"].attendance


def test_decisions_file_under_their_own_topics_else_their_meetings(demo):
    idx = build_indexes(demo)
    refs = {t: [e.meeting.decision_ref(e.decision) for e in idx.topics[t].decisions] for t in idx.topics}
    # 2017-04-25 is tagged sfi, but its decisions name their own topics: they go under those only.
    assert "sgi/2017-04-25/d1" not in refs["sfi"] and "sgi/2017-04-25/d1" in refs["strategiska-riktlinjer"]
    assert "sgi/2017-04-25/d2" in refs["arbetsmarknad"] and "sgi/2017-04-25/d2" not in refs["sfi"]
    # mottagande/2018-04-17 d2 names none: it takes its meeting's; d1 says topics: [] and is on no topic page
    assert "mottagande/2018-04-17/d2" in refs["mottagande"]
    assert all("mottagande/2018-04-17/d1" not in found for found in refs.values())


def test_coming_meetings_merge_schedule_and_agendas(demo):
    idx = build_indexes(demo)
    sgi = idx.groups["sgi"].coming(TODAY)
    assert [(c.date.isoformat(), c.record.id if c.record else None) for c in sgi] == [
        ("2018-03-13", "sgi/2018-03-13-agenda"), ("2018-05-29", None), ("2018-09", None)]  # a month: no day yet
    assert sgi[0].note == "Halmstads kommun och högskolan är värdar tillsammans"
    # a month sorts by its first day; mottagande's minutes of April and May are dated after TODAY:
    # meetings from today on, as in the calendars (notula.model.gatherings)
    assert [(c.group, c.date.isoformat()) for c in idx.coming(TODAY)] == [
        ("sgi", "2018-03-13"), ("mottagande", "2018-04-17"), ("mottagande", "2018-05-29"), ("sgi", "2018-05-29"),
        ("styrgrupp", "2018-06-12"), ("sgi", "2018-09"), ("mottagande", "2018-09-25")]
    assert idx.groups["sgi"].coming(dt.date(2018, 3, 14))[0].date == dt.date(2018, 5, 29)
    assert idx.coming(dt.date(2026, 11, 23)) == []


def test_attendance_matrix_keeps_the_latest(demo):
    group = build_indexes(demo).groups["sgi"]
    matrix = group.matrix(latest=2)
    assert [m.id for m in matrix.meetings] == ["sgi/2017-04-25", "sgi/2018-01-23"]
    assert matrix.rows[:8] == demo.registry.groups["sgi"].members
    assert matrix.rows[8:] == ["arbetsformedlingen"]
    assert matrix.status("hylte", matrix.meetings[1]) == "apologies"
    assert [m.id for m in group.matrix(group.years[2017]).meetings] == [
        "sgi/2017-01-17", "sgi/2017-03-07", "sgi/2017-04-25"]


def test_actions_by_urgency(demo):
    idx = build_indexes(demo)
    ordered = by_urgency(idx.actions, TODAY)
    kinds = [e.kind(TODAY) for e in ordered]
    assert kinds.index("done") > max(i for i, k in enumerate(kinds) if k in ("open", "overdue"))
    open_due = [e.state.due for e in ordered if e.kind(TODAY) in ("open", "overdue")]
    dated = [d for d in open_due if d is not None]
    assert open_due == sorted(dated) + [None] * (len(open_due) - len(dated))  # undated ones last
    assert ordered[0].ref == "sgi/2017-04-25/a2"  # overdue since October 2017


def test_follow_up_reports_link_to_their_anchor(demo):
    entry = next(e for e in build_indexes(demo).actions if e.ref == "sgi/2016-10-04/a3")
    assert [r.url for r in entry.reports] == [
        "sgi/2017-01-17/#uppfoljning-3", "sgi/2017-04-25/#uppfoljning-2", "sgi/2018-01-23/#uppfoljning-1"]
    assert entry.state.status == "done"
