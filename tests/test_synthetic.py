"""support.synthetic: deterministic, valid, realistic corpora; and a site built from one."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from notula.model.validate import check_corpus, load_corpus
from notula.showing.audience import Audience
from notula.showing.view import build_view
from support import recount
from support.builds import REPO, build_site
from support.links import check_links, format_broken_links
from support.sitecheck import article, unreachable
from support.synthetic import SITE_PARTS, write_corpus

TODAY = "2006-06-01"


def files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_files(tmp_path):
    write_corpus(tmp_path / "a", 30, seed=5)
    write_corpus(tmp_path / "b", 30, seed=5)
    write_corpus(tmp_path / "c", 30, seed=6)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_corpus_is_valid_and_realistic(tmp_path):
    paths = write_corpus(tmp_path, 120, seed=2)
    corpus, problems = check_corpus(tmp_path)
    assert problems == []
    assert len(paths) == len(corpus.meetings) == 120
    minutes = [m for m in corpus.meetings if m.doc.type == "minutes"]
    assert len(minutes) > 80
    assert all(10 <= len(m.doc.attendees) <= 30 for m in minutes)
    assert {m.doc.type for m in corpus.meetings} >= {"minutes", "notes", "agenda"}
    assert sum(len(m.doc.decisions) for m in minutes) >= 2 * len(minutes)
    follow_ups = [(m, f) for m in corpus.meetings for f in m.doc.follow_up]
    assert len(follow_ups) > 50
    assert all(corpus.actions[f.action][0].doc.date < m.doc.date for m, f in follow_ups)
    assert {f.status for _, f in follow_ups} == {"open", "done", "cancelled"}
    assert any(d.orgs for m in minutes for d in m.doc.decisions)
    assert any("::: medlemmar" in m.path.read_text(encoding="utf-8") for m in corpus.meetings)
    assert len(corpus.registry.topics) == 15 and len(corpus.registry.abbreviations) > 5


def test_more_documents_more_groups(tmp_path):
    write_corpus(tmp_path, 1000, seed=1)
    corpus = load_corpus(tmp_path)
    assert len(corpus.registry.groups) == 4
    years = {m.year for m in corpus.meetings}
    assert 10 <= len(years) <= 25


@pytest.fixture(scope="module")
def synthetic_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic-site") / "project"
    root.mkdir()
    for part in SITE_PARTS:
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    write_corpus(root, 45, seed=11)
    return root


@pytest.mark.build
@pytest.mark.parametrize("audience", ["members", "public"])
def test_synthetic_site_agrees_with_its_minutes(synthetic_project, audience, tmp_path):
    site = build_site(synthetic_project, audience, today=TODAY, out=tmp_path / "site")
    view = build_view(load_corpus(synthetic_project), Audience(audience, dt.date.fromisoformat(TODAY)))
    corpus = view.corpus
    broken = check_links(site)
    assert broken == [], format_broken_links(broken)
    assert unreachable(site) == []

    decisions = article(site, "beslut/").select("ol.notula-register > li")
    assert len(decisions) == sum(len(m.doc.decisions) for m in corpus.meetings)
    status = recount.action_status(corpus, view.today)
    actions = article(site, "uppdrag/")
    for section, kind in (("forsenade", "overdue"), ("pagaende", "open"), ("klara", "done"), ("avskrivna", "cancelled")):
        shown = actions.select(f"ol[aria-labelledby={section}] > li")
        assert len(shown) == sum(1 for s in status.values() if s == kind), section
    meetings = article(site, "moten/").select("ul.notula-meeting-list > li")
    assert len(meetings) == len(corpus.meetings)

    for org_id in corpus.registry.organisations:
        content = article(site, f"organisationer/{org_id}/")
        owned = recount.actions_owned(corpus, org_id)
        compact = content.select("h2#uppdrag ~ ul.notula-compact")
        assert len(compact[0].find_all("li") if owned else []) == len(owned), org_id
        for group_id in corpus.registry.groups:
            record = recount.attendance_of(corpus, org_id, group_id)
            heading = content.find(id=f"narvaro-{group_id}")
            if not record:
                assert heading is None
                continue
            summary = heading.find_next_sibling("p").get_text(strip=True)
            assert summary.startswith(f"{len(record)} möten: närvarande {list(record.values()).count('present')},")
    for topic_id in corpus.registry.topics:
        tagged_meetings, tagged_decisions, _ = recount.tagged(corpus, topic_id)
        content = article(site, f"amnen/{topic_id}/")
        shown = content.select("h2#moten + ul li, h2#moten ~ ul.notula-meeting-list li")
        assert len({li.a["href"] for li in shown}) == len(tagged_meetings), topic_id
