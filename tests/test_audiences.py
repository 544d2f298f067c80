"""Two sites from one repository, and nothing unreleased reaches the public one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.builds import build_site
from support.sitecheck import scan

FOLDER = Path("minutes/sgi/2019")


def canary_document(tag: str, date: str, extra: str, body: str = "") -> str:
    """A minutes file with the canary `tag` in every free-text front-matter field and the body."""
    c = lambda field: f"{tag}{field}"
    return f"""---
group: sgi
slug: {tag.lower()}-slug
title: "{c('title')}"
date: {date}
time: "09:00-12:00"
place: "{c('place')}"
summary: "{c('summary')}"
{extra}
attendees:
  - {{name: "{c('attendee')}", org: Halmstad, title: "{c('jobtitle')}", unit: "{c('unit')}", role: convener}}
  - "{c('attendee2')}, Region Halland"
absent:
  - {{name: "{c('absent')}", org: Varberg, notified: true}}
guests:
  - {{name: "{c('guest')}", org: Arbetsförmedlingen, affiliation: "{c('affiliation')}", items: [1]}}
secretary: "{c('secretary')}, Region Halland"
author: "{c('author')}, Region Halland"
decisions:
  - {{id: d1, text: "{c('decision')}", by: "{c('by')}"}}
actions:
  - {{id: a1, text: "{c('action')}", owners: ["{c('owner')}, Laholm"], due: 2019-06-01}}
follow_up:
  - {{action: sgi/2018-01-23/a1, status: done, note: "{c('followup')}"}}
attachments:
  - {{file: attachments/{tag.lower()}-bilaga.txt, title: "{c('attachment')}"}}
next_meetings:
  - {{date: 2019-09-01, place: "{c('nextplace')}", note: "{c('nextnote')}"}}
---
## 1. Inledning

{c('body')} text.
{body}
"""


def add_canaries(root: Path) -> None:
    folder = root / FOLDER
    (folder / "attachments").mkdir(parents=True)
    for tag in ("KANARIEA", "KANARIEB", "PUBLIKT", "KANARIED"):
        (folder / "attachments" / f"{tag.lower()}-bilaga.txt").write_text(f"{tag}filecontent\n", encoding="utf-8")
    # (a) members-only, (b) public from a release date, (d) a draft
    (folder / "2019-03-01-sgi-kanariea-slug.md").write_text(canary_document("KANARIEA", "2019-03-01", "audience: members"), encoding="utf-8")
    (folder / "2019-03-02-sgi-kanarieb-slug.md").write_text(canary_document("KANARIEB", "2019-03-02", "release: 2030-01-01"), encoding="utf-8")
    (folder / "2019-03-04-sgi-kanaried-slug.md").write_text(canary_document("KANARIED", "2019-03-04", "audience: draft"), encoding="utf-8")
    # (c) a public document with a members-only section
    public = canary_document("PUBLIKT", "2019-03-03", "audience: public",
                             body="\n::: medlemmar\nKANARIECsection om en enskild person.\n:::\n\nPUBLIKTafter text.\n")
    (folder / "2019-03-03-sgi-publikt-slug.md").write_text(public, encoding="utf-8")
    # A hand-written page linking to the members-only meeting
    (root / "docs" / "om" / "lankar.md").write_text(
        "# Länkar\n\nSe [mötet i mars](../sgi/2019-03-01-kanariea-slug.md) och [start](../index.md).\n", encoding="utf-8")
    # (e) a later public document that follows up the members-only document's action
    later = public.replace("date: 2019-03-03", "date: 2019-05-01").replace("slug: publikt-slug", "slug: senare").replace(
        '{action: sgi/2018-01-23/a1, status: done, note: "PUBLIKTfollowup"}',
        '{action: sgi/2019-03-01-kanariea-slug/a1, status: done, note: "SENAREfollowup", due: 2031-02-03}')
    later = later.replace("::: medlemmar\nKANARIECsection om en enskild person.\n:::\n", "")
    (folder / "2019-05-01-sgi-senare.md").write_text(later, encoding="utf-8")
    # (f) a public paper for the members-only meeting
    (folder / "2019-02-20-sgi-paper.md").write_text(
        "---\ntype: paper\ngroup: sgi\ndate: 2019-02-20\ntitle: PAPPERtitle\naudience: public\n"
        "for_meeting: sgi/2019-03-01-kanariea-slug\n---\n\nPAPPERbody text.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def public_before(demo_builds) -> Path:
    return demo_builds.site("public", "2026-11-23", change=add_canaries)


@pytest.fixture(scope="module")
def public_after(demo_builds) -> Path:
    return demo_builds.site("public", "2030-01-01", change=add_canaries)


@pytest.fixture(scope="module")
def members(demo_builds) -> Path:
    return demo_builds.site("members", "2026-11-23", change=add_canaries)


def test_public_site_has_no_canary(public_before):
    assert scan(public_before, ["KANARIEA", "KANARIEB", "KANARIEC", "KANARIED"]) == {}
    # the public document itself is there, without its members-only section
    page = public_before / "sgi" / "2019-03-03-publikt-slug" / "index.html"
    assert "PUBLIKTafter" in page.read_text(encoding="utf-8")
    assert (public_before / "sgi" / "2019-03-03-publikt-slug" / "attachments" / "publikt-bilaga.txt").is_file()
    assert not (public_before / "sgi" / "2019-03-01-kanariea-slug").exists()


def test_the_scan_can_find_a_canary(public_before):
    """Guard against a scan that cannot fail: the public document's own canary is found everywhere it should be."""
    hits = scan(public_before, ["PUBLIKTsummary", "PUBLIKTbody", "PUBLIKTunit"])
    # a unit (issue 21) is on the page and in the open data, so that its canaries above are looked for where it is
    assert {"sgi/2019-03-03-publikt-slug/index.html", "data/moten/sgi/2019-03-03-publikt-slug.json"} <= set(hits["PUBLIKTunit"])
    assert "sitemap.xml" not in hits.get("PUBLIKTsummary", [])
    assert any(f.startswith("pagefind/fragment/") for f in hits["PUBLIKTbody"])  # the search index
    assert "sgi/2019-03-03-publikt-slug/index.html" in hits["PUBLIKTbody"]


def test_release_date_passed_publishes_b_only(public_after):
    hits = scan(public_after, ["KANARIEA", "KANARIEB", "KANARIEC", "KANARIED"])
    assert set(hits) == {"KANARIEB"}
    assert any(f.startswith("pagefind/fragment/") for f in hits["KANARIEB"])  # in the search index now
    assert any(f.endswith("kanarieb-bilaga.txt") for f in hits["KANARIEB"])  # its attachment is copied now


def test_members_site_has_everything_but_drafts_and_labels_why(members):
    hits = scan(members, ["KANARIEA", "KANARIEB", "KANARIEC", "KANARIED"])
    assert set(hits) == {"KANARIEA", "KANARIEB", "KANARIEC"}
    label = lambda url: BeautifulSoup((members / url / "index.html").read_text(encoding="utf-8"), "html.parser").select_one(".notula-restricted")
    assert label("sgi/2019-03-01-kanariea-slug").get_text() == "Endast för medlemmar"
    assert label("sgi/2019-03-02-kanarieb-slug").get_text() == "Offentlig från 1 januari 2030"
    assert label("sgi/2019-03-03-publikt-slug") is None
    section = BeautifulSoup((members / "sgi/2019-03-03-publikt-slug/index.html").read_text(encoding="utf-8"),
                            "html.parser").select_one(".admonition.members")
    assert "KANARIECsection" in section.get_text() and "Endast för medlemmar" in section.get_text()


def test_link_to_hidden_page_is_plain_text_on_public_site(public_before, members):
    public = BeautifulSoup((public_before / "om" / "lankar" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = public.select_one("article")
    assert "mötet i mars" in article.get_text() and "inte publicerad" in article.get_text()
    assert not article.find("a", string="mötet i mars")
    assert article.find("a", string="start")  # other links untouched
    member = BeautifulSoup((members / "om" / "lankar" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert member.select_one("article").find("a", string="mötet i mars")["href"] == "../../sgi/2019-03-01-kanariea-slug/"


FOLLOW_UP_OF_HIDDEN = ["SENAREfollowup", "2031-02-03", "3 februari 2031", "uppdrag som inte"]


def test_follow_up_of_hidden_action_is_left_out_of_every_public_file(public_before, members):
    # every file of the site: pages, Pagefind's index, feeds, calendars, data, sitemap
    assert scan(public_before, ["KANARIEA", *FOLLOW_UP_OF_HIDDEN]) == {}
    page = BeautifulSoup((public_before / "sgi" / "2019-05-01-senare" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert "PUBLIKTafter" in page.get_text()  # the document itself is public
    assert page.select_one("#uppfoljning") is None and page.select(".notula-follow-ups") == []
    # the members' site, which shows the action, shows the follow-up in full
    hits = scan(members, ["SENAREfollowup", "3 februari 2031"])
    assert "sgi/2019-05-01-senare/index.html" in hits["SENAREfollowup"] and "data/moten.json" in hits["SENAREfollowup"]
    assert "sgi/2019-03-01-kanariea-slug/index.html" in hits["3 februari 2031"]  # the action's new report date


def test_paper_for_a_hidden_meeting_does_not_say_so(public_before, members):
    assert scan(public_before, ["inte visas här", "2019-03-01-kanariea"]) == {}
    page = (public_before / "sgi" / "2019-02-20-paper" / "index.html").read_text(encoding="utf-8")
    assert "PAPPERbody" in page and "Handling till" not in page
    member = BeautifulSoup((members / "sgi" / "2019-02-20-paper" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert member.find("dt", string="Handling till").find_next("dd").a["href"] == "../2019-03-01-kanariea-slug/"


def test_public_names_policy(demo_public_site, demo_site):
    def text(site, url):
        return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("article").get_text()
    # sgi: public_names: attendees — attendees named, guests not
    public = text(demo_public_site, "sgi/2017-04-25")
    assert "Helena Strand" in public and "Rasmus Nordin" not in public and "Gäst, Verksamhetssamordnare" in public
    assert "Rasmus Nordin" in text(demo_site, "sgi/2017-04-25")
    # and so do the search index, feeds, calendars and data (attached files are the author's own)
    hits = {name: [f for f in files if "/attachments/" not in f]
            for name, files in scan(demo_public_site, ["Rasmus Nordin", "Rasmus ", "Helena Strand"]).items()}
    assert not hits.get("Rasmus Nordin") and not hits.get("Rasmus ")
    assert any(f.startswith("pagefind/fragment/") for f in hits["Helena Strand"]) and "data/moten.json" in hits["Helena Strand"]


def test_names_policy_none_shows_organisations_only(project):
    groups = project / "minutes" / "groups.yml"
    groups.write_text(groups.read_text(encoding="utf-8").replace("public_names: attendees", "public_names: none"), encoding="utf-8")
    site = build_site(project, "public", today="2026-11-23")
    page = BeautifulSoup((site / "sgi/2017-04-25/index.html").read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article").get_text()
    for name in ("Helena Strand", "Ulla Bergström", "Goran Petrović", "Nils Åkesson", "Rasmus Nordin", "Johan Wikström"):
        assert name not in article
    assert "2 deltagare" in article  # Region Halland sent two


def test_no_leak_in_file_names(public_before):
    names = " ".join(p.as_posix() for p in public_before.rglob("*")).lower()
    assert not re.search(r"kanarie[abcd]", names)
