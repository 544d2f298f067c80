"""Audience rules and the names policy, on the demo corpus without MkDocs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from notula.model.names import NamePolicy
from notula.model.validate import load_corpus
from notula.rendering.pages import body_markdown
from notula.settings import Settings
from notula.showing.audience import Audience, for_settings, is_public, restricted_label, visible
from notula.showing.view import build_view

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT)


def test_states_of_the_demo_documents(corpus):
    by_id = corpus.by_id
    assert is_public(by_id["sgi/2017-04-25"], corpus, TODAY)            # group default: public
    assert not is_public(by_id["sgi/2017-03-07"], corpus, TODAY)         # audience: members
    assert not is_public(by_id["styrgrupp/2018-02-14"], corpus, TODAY)   # group default: members
    released = by_id["sgi/2017-01-17"]
    assert not is_public(released, corpus, released.doc.release - dt.timedelta(days=1))
    assert is_public(released, corpus, released.doc.release)
    assert restricted_label(released, corpus, dt.date(2017, 1, 20)) == "Offentlig från 6 februari 2017"
    assert restricted_label(by_id["sgi/2017-03-07"], corpus, TODAY) == "Endast för medlemmar"


def test_drafts_only_in_preview(corpus):
    draft = corpus.by_id["sgi/2017-04-25"]
    original = draft.doc.audience
    draft.doc.audience = "draft"
    try:
        assert not visible(draft, corpus, Audience("members", TODAY, drafts=False))
        assert visible(draft, corpus, Audience("members", TODAY, drafts=True))
        assert not visible(draft, corpus, Audience("public", TODAY, drafts=True))
        assert restricted_label(draft, corpus, TODAY) == "UTKAST"
    finally:
        draft.doc.audience = original


def test_audience_from_environment(monkeypatch):
    monkeypatch.setenv("NOTULA_AUDIENCE", "public")
    monkeypatch.setenv("NOTULA_TODAY", "2017-03-01")
    audience = for_settings(Settings.resolve(preview=True))
    assert audience == Audience("public", dt.date(2017, 3, 1), drafts=False)
    assert for_settings(Settings.resolve(audience="members", preview=True)).drafts  # the option wins
    monkeypatch.setenv("NOTULA_TODAY", "2017-02-30")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        Settings.resolve()
    monkeypatch.setenv("NOTULA_AUDIENCE", "alla")
    with pytest.raises(ValueError, match="members, public"):
        Settings.resolve(today="2017-03-01")


def test_public_view_has_only_public_meetings(corpus):
    view = build_view(corpus, Audience("public", TODAY))
    ids = {m.id for m in view.corpus.meetings}
    assert "sgi/2017-03-07" not in ids and not any(i.startswith("styrgrupp/") for i in ids)
    assert view.previous["sgi/2017-04-25"].id == "sgi/2017-01-17"  # skips the members-only notes
    assert view.labels == {}


def test_members_only_section_left_out_of_public_body(corpus):
    meeting = corpus.by_id["sgi/2017-04-25"]
    secret = next(s.text for s in meeting.segments if s.members_only).strip().splitlines()[0]
    public = body_markdown(build_view(corpus, Audience("public", TODAY)), meeting)
    members = body_markdown(build_view(corpus, Audience("members", TODAY)), meeting)
    assert secret not in public and secret in members and "Endast för medlemmar" in members


def test_names_policy_hides_guests_everywhere_in_the_group(corpus):
    view = build_view(corpus, Audience("public", TODAY))
    meeting = corpus.by_id["sgi/2017-04-25"]
    assert view.names.name(meeting, "Helena Strand") == "Helena Strand"
    assert view.names.name(meeting, "Rasmus Nordin") is None  # a guest here
    later = corpus.by_id["sgi/2018-01-23"]  # an adjunct attendee there, but a guest of the group before
    assert view.names.redact(later, "Rasmus redovisade. Rasmus Nordin deltog. Rasmusson") == \
        "NN redovisade. NN deltog. Rasmusson"
    members = build_view(corpus, Audience("members", TODAY))
    assert members.names.name(meeting, "Rasmus Nordin") == "Rasmus Nordin"


def test_policy_none_hides_everyone(corpus):
    group = corpus.registry.groups["sgi"]
    before = group.public_names
    group.public_names = "none"
    try:
        policy = NamePolicy.build(corpus, public=True)
        meeting = corpus.by_id["sgi/2017-04-25"]
        assert policy.name(meeting, "Helena Strand") is None and policy.name(meeting, "Goran Petrović") is None
    finally:
        group.public_names = before


def test_build_command_makes_both_sites(demo_cli_build):
    status, site = demo_cli_build
    assert status == 0
    assert (site / "members" / "sgi" / "2017-03-07" / "index.html").is_file()
    assert (site / "public" / "sgi" / "2017-04-25" / "index.html").is_file()
    assert not (site / "public" / "sgi" / "2017-03-07").exists()
