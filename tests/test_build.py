"""Real MkDocs builds: the demo, a meeting page's HTML, escaping, and failing builds."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from notula.model.validate import load_corpus, minutes_files
from support.builds import build_site, run_build

MEETING = "sgi/2017-04-25"


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_visible_minutes_file_has_a_page(demo_site):
    root = Path(__file__).resolve().parent.parent
    corpus = load_corpus(root)
    assert len(corpus.meetings) == len(minutes_files(root / "minutes")) >= 8
    assert len({m.doc.group for m in corpus.meetings}) >= 2 and len({m.year for m in corpus.meetings}) >= 2
    for meeting in corpus.meetings:  # the members' build shows every document that is not a draft
        page = demo_site / meeting.url / "index.html"
        assert page.is_file(), meeting.display
        assert meeting.doc.date.isoformat() in page.read_text(encoding="utf-8")


def test_meeting_page_header(demo_site):
    page = soup(demo_site, MEETING)
    facts = {dt.get_text(): dd.get_text() for dt, dd in zip(page.select(".notula-facts dt"), page.select(".notula-facts dd"))}
    assert facts["Grupp"] == "Strategisk grupp integration"
    assert facts["Datum"] == "tisdag 25 april 2017"
    assert facts["Tid"] == "09.00–13.00"
    assert facts["Plats"] == "Kommunhuset, Hyltebruk"
    assert page.find("html")["lang"] == "sv"


def test_attendees_grouped_by_organisation(demo_site):
    page = soup(demo_site, MEETING)
    blocks = {b.select_one(".notula-org-name").get_text(): [li.get_text() for li in b.select("li")]
              for b in page.select(".notula-org-attendance")}
    assert blocks["Region Halland"] == ["Ulla Bergström, Processledare (ordförande)", "Goran Petrović"]
    assert blocks["Hylte"] == ["Ahmed Haddad, Integrationsstrateg"]
    assert list(blocks)[0] == "Halmstad"  # the group's members in registry order
    absent = page.select_one(".notula-absent").get_text()
    assert "Nils Åkesson" in absent and "anmält förhinder" in absent
    guests = page.select_one(".notula-guests").get_text()
    assert "Rasmus Nordin, Verksamhetssamordnare, Arbetsförmedlingen – punkt 3" in guests
    assert "Antecknat av" in page.select_one(".notula-secretary").get_text()


def test_decisions_and_actions_have_stable_anchors(demo_site):
    page = soup(demo_site, MEETING)
    assert page.select_one("h3#beslut-d1").get_text() == "Beslut d1"  # a heading: search shows it as a result
    decision = page.select_one("li:has(> #beslut-d1)")
    assert decision is not None and "remiss" in decision.get_text()
    assert decision.select_one("a.notula-anchor")["href"] == "#beslut-d1"
    action = page.select_one("li:has(> #uppdrag-a2)")
    assert "Region Halland" in action.get_text() and "31 oktober 2017" in action.get_text()


def test_follow_ups_link_to_the_action(demo_site):
    page = soup(demo_site, MEETING)
    links = [a["href"] for a in page.select(".notula-follow-ups a")]
    assert "../2016-10-04/#uppdrag-a3" in links
    origin = soup(demo_site, "sgi/2016-10-04")
    assert "2017-04-25" in " ".join(a["href"] for a in origin.select("li:has(> #uppdrag-a3) a"))


def test_attachments_are_copied_with_type_and_size(demo_site):
    page = soup(demo_site, MEETING)
    items = page.select(".notula-attachments li")
    assert items, "no attachments listed"
    for item in items:
        href = item.a["href"]
        assert (demo_site / MEETING / href).is_file(), href
        assert "PDF" in item.get_text() and ("byte" in item.get_text() or "kB" in item.get_text())


def test_previous_and_next_meeting_of_the_group(demo_site):
    page = soup(demo_site, MEETING)
    assert page.select_one("a[rel=prev]")["href"] == "../2017-03-07/"  # members-only notes: members see them
    assert page.select_one("a[rel=next]")["href"] == "../2018-01-23/"


def test_front_matter_values_are_escaped(project):
    path = project / "minutes" / "sgi" / "2017" / "2017-04-25-sgi.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("place: Kommunhuset, Hyltebruk", 'place: "<script>alert(1)</script>"')
    text = text.replace("title: Mötesanteckningar Strategisk grupp integration", 'title: "<b>Fet</b> & <i>titel</i>"')
    text = text.replace("Goran Petrović, Region Halland\n", "\"<img src=x onerror=alert(2)>, Region Halland\"\n", 1)
    path.write_text(text, encoding="utf-8")
    site = build_site(project)
    html = (site / MEETING / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<b>Fet</b>" not in html
    assert BeautifulSoup(html, "html.parser").h1.get_text().rstrip("¶") == "<b>Fet</b> & <i>titel</i> 25 april 2017"


def test_build_fails_with_clear_message_and_no_traceback(project):
    path = project / "minutes" / "sgi" / "2017" / "2017-04-25-sgi.md"
    path.write_text(path.read_text(encoding="utf-8").replace("host: Hylte kommun", "host: Hylte kommunn"), encoding="utf-8")
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "minutes/sgi/2017/2017-04-25-sgi.md:8: host: unknown organisation 'Hylte kommunn'" in output
    assert "did you mean 'Hylte'" in output
    assert "Traceback" not in output


def test_hand_written_page_colliding_with_a_meeting(project):
    (project / "docs" / "sgi").mkdir()
    (project / "docs" / "sgi" / "2017-04-25.md").write_text("# Krock\n", encoding="utf-8")
    result = run_build(project)
    assert result.returncode != 0 and "also made by docs/sgi/2017-04-25.md" in result.stderr


def test_navigation_stays_short(demo_site):
    def nav(url):
        return {a["href"] for a in soup(demo_site, url).select("nav.md-nav--primary a.md-nav__link[href]")}
    start, group = nav(""), nav("sgi")
    assert "sgi/" in start and not any("2017" in h for h in start)  # pruned: years show under their group
    assert {"2016/", "2017/", "2018/"} <= group  # on the group's page, its years
    assert not any("2017-04-25" in h for h in start | group | nav("sgi/2017-04-25"))  # meetings never
