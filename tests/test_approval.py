"""Issue 19, item 4: approval means approved by the build date, and `approval: required` covers
the record of a meeting (minutes and notes), not the papers written for it. Without MkDocs
(the pages and files a build makes, from site.prepare), and one real build of the demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from notula.cli import main
from notula.model.approval import awaiting_approval
from notula.model.validate import check_corpus, load_corpus
from notula.plugin import site
from notula.publishing import jsonld, outputs
from notula.publishing.published import Site
from notula.showing.audience import Audience, restricted_label, state
from notula.showing.view import build_view
from support.builds import TODAY
from support.registries import minutes_project
from support.sitecheck import scan

REGISTRIES = {
    "organisations.yml": """
        - {id: halmstad, name: Halmstads kommun, short: Halmstad, kind: municipality}
        - {id: region-halland, name: Region Halland, kind: region}
    """,
    "groups.yml": """
        - {id: ag, name: Arbetsgrupp, members: [halmstad, region-halland], audience: public, approval: required}
        - {id: fri, name: Fri grupp, members: [halmstad], audience: public}
    """,
    "topics.yml": "- {id: sfi, name: SFI}\n",
    "abbreviations.yml": "CGH: Chefsgruppen Halland\n",
}
APPROVED = "approved: {date: 2019-09-20, by: [\"Bo Berg, Halmstad\"]}\n"


def document(group: str, doc_type: str, extra: str = "", date: str = "2019-09-10") -> str:
    people = "attendees: [\"Bo Berg, Halmstad\"]\n" if doc_type == "minutes" else ""
    return (f"---\ntype: {doc_type}\ngroup: {group}\ndate: {date}\ntitle: KANARIE{doc_type}{group}\n{people}{extra}"
            f"decisions: [{{id: d1, text: BESLUT{doc_type}{group}}}]\n---\n\nTEXT{doc_type}{group}\n")


def write(root: Path, group: str, doc_type: str, extra: str = "", date: str = "2019-09-10") -> Path:
    suffix = "" if doc_type in ("minutes", "notes") else f"-{doc_type}"
    path = root / "minutes" / group / "2019" / f"{date}-{group}{suffix}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document(group, doc_type, extra, date), encoding="utf-8")
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return minutes_project(tmp_path, REGISTRIES, "ag/2019")


def made(root: Path, audience: str, today: dt.date) -> str:
    """All text a build for audience on the day today makes: page sources, islands, feeds, calendars, data."""
    build = site.prepare(root, {}, Audience(audience, today=today))
    parts = [p.content + "".join(p.islands) + "".join(p.text_islands) for p in build.pages]
    parts += [o.content for o in outputs.generate(build.view, Site("https://example.org/", "Test"))]
    return "\n".join(parts)


# ------------------------------------------------------------------ approval counts from its date

@pytest.mark.parametrize("doc_type", ["minutes", "notes"])
def test_a_record_approved_after_the_build_date_stays_members_only_until_that_day(root, doc_type):
    write(root, "ag", doc_type, APPROVED)
    corpus = load_corpus(root)
    [meeting] = corpus.meetings
    before, on = dt.date(2019, 9, 19), dt.date(2019, 9, 20)
    assert awaiting_approval(meeting, corpus, before) and state(meeting, corpus, before) == "members"
    assert not awaiting_approval(meeting, corpus, on) and state(meeting, corpus, on) == "public"
    assert f"KANARIE{doc_type}ag" not in made(root, "public", before)
    assert f"BESLUT{doc_type}ag" in made(root, "public", on) and f"TEXT{doc_type}ag" in made(root, "public", on)
    # the members' site says why, and does not say "Justerat" before the day
    assert restricted_label(meeting, corpus, before) == "Ej justerat: justeras 20 september 2019, endast för medlemmar till dess"
    members = made(root, "members", before)
    assert "Justerat" not in members and "Ej justerat" in members
    assert "Justerat 20 september 2019" in made(root, "members", on)


def test_a_future_approval_in_a_group_without_required_approval_is_not_shown_as_done(root):
    write(root, "fri", "minutes", APPROVED)
    before = made(root, "public", dt.date(2019, 9, 19))
    assert "KANARIEminutesfri" in before  # public: the group does not require approval
    assert "Justerat" not in before and 'justeras <time datetime="2019-09-20">' in before
    after = made(root, "public", dt.date(2019, 9, 20))
    assert 'Justerat <time datetime="2019-09-20">' in after and "Justerat 20 september 2019." in after  # page, feed
    assert "dateModified" not in json_ld(root, dt.date(2019, 9, 19))["recordedIn"]  # not final yet
    assert json_ld(root, dt.date(2019, 9, 20))["recordedIn"]["dateModified"] == "2019-09-20"


def json_ld(root: Path, today: dt.date) -> dict:
    view = build_view(load_corpus(root), Audience("public", today=today))
    return jsonld.for_meeting(view, Site("https://example.org/", "Test"), view.corpus.meetings[0])


# ------------------------------------------------------------------ what approval covers, per type

@pytest.mark.parametrize("doc_type", ["minutes", "notes"])
def test_records_await_approval(root, doc_type):
    write(root, "ag", doc_type)
    corpus = load_corpus(root)
    [meeting] = corpus.meetings
    assert state(meeting, corpus, dt.date(2030, 1, 1)) == "members"
    assert f"KANARIE{doc_type}ag" not in made(root, "public", dt.date(2030, 1, 1))
    assert f"KANARIE{doc_type}ag" in made(root, "members", dt.date(2030, 1, 1))


@pytest.mark.parametrize("doc_type", ["agenda", "report", "presentation", "paper"])
def test_papers_follow_their_audience_without_approval(root, doc_type):
    write(root, "ag", doc_type)
    corpus = load_corpus(root)
    [meeting] = corpus.meetings
    assert not awaiting_approval(meeting, corpus, dt.date(2030, 1, 1))
    assert f"BESLUT{doc_type}ag" in made(root, "public", dt.date(2030, 1, 1))


@pytest.mark.parametrize("doc_type", ["agenda", "report", "presentation", "paper"])
def test_approved_on_a_paper_is_an_error(root, doc_type):
    path = write(root, "ag", doc_type, APPROVED)
    _, problems = check_corpus(root)
    [problem] = problems
    assert problem.path.endswith(path.name) and problem.field == "approved" and problem.line == 6
    assert f"not for type '{doc_type}'" in problem.message and "remove 'approved'" in problem.fix


def test_check_says_what_approval_covers_and_what_awaits_it(root, monkeypatch, capsys):
    write(root, "ag", "minutes", APPROVED)
    write(root, "ag", "notes", date="2019-09-11")
    write(root, "ag", "agenda")
    monkeypatch.setenv("NOTULA_TODAY", "2019-09-15")
    assert main(["--root", str(root), "check"]) == 0
    out = capsys.readouterr().out
    assert ("Approval (justering) required in ag: documents of type minutes, notes stay members-only until approved "
            "(from the date in 'approved'); agenda, report, presentation, paper are published without approval.") in out
    assert "Awaiting approval (ej justerade, members only until then): 2" in out
    assert ("minutes/ag/2019/2019-09-10-ag.md: ag/2019-09-10 — approved on 2019-09-20, after the build date: "
            "members only until that day") in out
    assert "minutes/ag/2019/2019-09-11-ag.md: ag/2019-09-11 — add 'approved:" in out
    assert "agenda.md" not in out
    monkeypatch.setenv("NOTULA_TODAY", "2019-09-20")
    assert main(["--root", str(root), "check"]) == 0
    out = capsys.readouterr().out
    assert "Awaiting approval (ej justerade, members only until then): 1" in out and "2019-09-10-ag.md" not in out


# ------------------------------------------------------------------ a real build

def approve_later(root: Path) -> None:
    """The demo's unapproved minutes (a group with approval: required), approved after the demo's build date."""
    path = root / "minutes" / "mottagande" / "2018" / "2018-05-29-mottagande.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ngroup: mottagande\n",
                                 "\ngroup: mottagande\napproved: {date: 2027-01-15, by: [\"Elin Fransson, Laholm\"]}\n", 1),
                    encoding="utf-8")


@pytest.mark.build
def test_a_build_publishes_minutes_only_from_their_approval_date(demo_builds):
    before = demo_builds.site("public", TODAY, change=approve_later)
    assert "approved: {date: 2027-01-15" in (demo_builds.project(approve_later) / "minutes" / "mottagande" / "2018" /
                                             "2018-05-29-mottagande.md").read_text(encoding="utf-8")
    assert scan(before, ["mottagande/2018-05-29", "mottagande-2018-05-29"]) == {}  # no file names or links to it
    after = demo_builds.site("public", "2027-01-15", change=approve_later)
    hits = scan(after, ["mottagande/2018-05-29"])["mottagande/2018-05-29"]
    assert "mottagande/2018-05-29/index.html" in hits and "data/moten.json" in hits
    assert 'Justerat <time datetime="2027-01-15">' in (after / "mottagande" / "2018-05-29" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("doc_type, offered", [("minutes", True), ("notes", True), ("agenda", False), ("paper", False)])
def test_new_offers_approved_only_for_records(root, doc_type, offered):
    from notula.cli.scaffold import new_minutes
    from notula.model.registry import load_registry

    registry, _ = load_registry(root / "minutes", root)
    text = new_minutes(root, registry, "ag", dt.date(2019, 11, 5), doc_type).read_text(encoding="utf-8")
    assert ("# approved:" in text) == offered
