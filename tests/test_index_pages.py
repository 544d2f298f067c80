"""The generated index and register pages of real MkDocs builds of the demo project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.links import check_links, format_broken_links
from support.sitecheck import article, page, unreachable

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site_2018(demo_builds) -> Path:
    """The members' site as it looked on 1 March 2018, when some actions were still in time."""
    return demo_builds.site("members", "2018-03-01")


def hrefs(element) -> list[str]:
    return [a["href"] for a in element.find_all("a", href=True)]


def section(content, heading_id: str):
    """The elements between the heading with heading_id and the next heading of its level."""
    heading = content.find(id=heading_id)
    assert heading is not None, heading_id
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name == heading.name:
            break
        parts.append(sibling)
    return parts


def text(elements) -> str:
    return " ".join(e.get_text(" ", strip=True) for e in elements)


# ---------------------------------------------------------------- organisations


def test_halmstad_page_lists_its_meetings_and_attendance(demo_site):
    content = article(demo_site, "organisationer/halmstad/")
    assert content.h1.get_text(strip=True).rstrip("¶") == "Halmstads kommun"
    tables = content.select(".notula-matrix table")
    assert [t.caption.get_text(strip=True) for t in tables] == [
        "Närvaro för Halmstad i Strategisk grupp integration per år: antal möten och vilka",
        "Närvaro för Halmstad i Styrgrupp integration Halland per år: antal möten och vilka",
        "Närvaro för Halmstad i Arbetsgrupp mottagande per år: antal möten och vilka"]
    sgi = tables[0]
    present = [a["href"] for row in sgi.tbody.find_all("tr") for a in row.find_all("td")[0].find_all("a")]
    assert present == ["../../sgi/2018-01-23/", "../../sgi/2017-04-25/", "../../sgi/2017-03-07/",
                       "../../sgi/2017-01-17/", "../../sgi/2016-10-04/"]
    assert [th.get_text(strip=True) for th in sgi.tbody.find_all("th")] == ["2018", "2017", "2016"]
    assert all(td.find_all("a") == [] for row in sgi.tbody.find_all("tr") for td in row.find_all("td")[1:])
    styrgrupp_present = [a["href"] for a in tables[1].select("tbody td:nth-of-type(1) a")]
    assert styrgrupp_present == ["../../styrgrupp/2018-02-14/", "../../styrgrupp/2016-12-06/"]
    people = {row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
              for row in content.select(".notula-people table tbody tr")}
    # columns: title, role, meetings attended, as guest, last
    assert people["Helena Strand"][2:4] == ["7", "0"]  # 5 in sgi, 2 in mottagande
    assert people["Lars-Göran Björk"][2:4] == ["2", "0"]
    assert people["Olle Dahlgren"][2:4] == ["0", "1"]


def test_hylte_page_counts_absences_and_hosting(demo_site):
    content = article(demo_site, "organisationer/hylte/")
    summary = content.select_one("#narvaro-sgi + p").get_text(strip=True)
    assert summary == "5 möten: närvarande 3, på distans 0, del av mötet 0, anmält förhinder 1, frånvarande 1."
    rows = content.select(".notula-matrix")[0].select("tbody tr")  # sgi (Hylte also sent apologies to mottagande)
    by_year = {r.th.get_text(strip=True): [td.strong.get_text() for td in r.find_all("td")] for r in rows}
    assert by_year == {"2018": ["0", "0", "0", "1", "0"], "2017": ["3", "0", "0", "0", "0"],
                       "2016": ["0", "0", "0", "0", "1"]}
    assert hrefs(section(content, "vard")[0]) == ["../../sgi/2017-04-25/"]
    actions = content.select("#uppdrag ~ ul.notula-compact")[0]
    assert len(actions.find_all("li")) == 2


def test_organisation_decisions_and_actions(demo_site):
    content = article(demo_site, "organisationer/arbetsformedlingen/")
    decisions = section(content, "beslut")
    assert "Arbetsförmedlingen adjungeras till gruppen" in text(decisions)
    assert "../../sgi/2018-01-23/#beslut-d3" in hrefs(decisions[-1])
    actions = section(content, "uppdrag")
    items = actions[-1].find_all("li")
    # Open (overdue) first, then done; each with its status.
    assert [li.span.get_text() for li in items] == ["Försenat", "Klart", "Klart"]
    assert "(återrapport 29 maj 2018)" in items[0].get_text(" ", strip=True)


def test_organisations_index_lists_every_organisation_by_kind(demo_site):
    content = article(demo_site, "organisationer/")
    kinds = [h.get_text(strip=True).rstrip("¶") for h in content.find_all("h2")]
    assert kinds == ["Kommuner", "Regioner", "Länsstyrelser", "Myndigheter", "Lärosäten", "Projekt", "Företag",
                     "Föreningar"]
    links = [h for h in hrefs(content) if not h.startswith("#")]
    assert len(links) == 16 and len(set(links)) == 16
    assert links[:6] == ["falkenberg/", "halmstad/", "hylte/", "kungsbacka/", "laholm/", "varberg/"]


# ---------------------------------------------------------------- topics


def test_topic_page_lists_tagged_meetings_decisions_and_actions(demo_site):
    content = article(demo_site, "amnen/sfi/")
    assert "Svenska för invandrare" in content.select_one(".notula-description").get_text()
    meetings = hrefs(section(content, "moten")[0])
    assert meetings == ["../../sgi/2018-01-23/", "../../styrgrupp/2017-06-07-presentation/",
                        "../../sgi/2017-04-25/", "../../sgi/2016-05-17-report/"]
    # Decisions and actions that name their own topics go under those only (issue 13): of the sfi
    # meetings' decisions none is left; of their actions, those that name no topics and one that names sfi.
    assert [p.get_text() for p in section(content, "beslut")] == ["Inga beslut."]
    actions = hrefs(section(content, "uppdrag")[0])
    assert actions == ["../../sgi/2018-01-23/#uppdrag-a3", "../../sgi/2017-04-25/#uppdrag-a3"]


def test_topics_index_counts(demo_site):
    rows = article(demo_site, "amnen/").select("tbody tr")
    counts = {r.th.get_text(strip=True): [td.get_text(strip=True) for td in r.find_all("td")][1:] for r in rows}
    assert counts["SFI"] == ["4", "0", "2"]
    assert len(rows) == 11


# ---------------------------------------------------------------- groups, years, meetings


def test_group_page_shows_coming_meetings_and_recent_attendance(site_2018):
    content = article(site_2018, "sgi/")
    coming = section(content, "kommande-moten")[0]
    assert [t["datetime"] for t in coming.find_all("time")] == ["2018-03-13", "2018-05-29", "2018-09"]
    assert "september 2018 (datum ej bestämt)" in coming.get_text()
    assert "2018-03-13-agenda/" in hrefs(coming)
    table = content.select_one(".notula-matrix table")
    assert table.caption and table.find("th", scope="col") and table.find("th", scope="row")
    columns = [a["href"] for a in table.thead.find_all("a")]
    assert columns == ["2016-10-04/", "2017-01-17/", "2017-03-07/", "2017-04-25/", "2018-01-23/"]
    hylte = next(r for r in table.tbody.find_all("tr") if r.th.get_text(strip=True) == "Hylte")
    assert [td.get("class") for td in hylte.find_all("td")] == [
        ["notula-att--absent"], ["notula-att--present"], ["notula-att--present"], ["notula-att--present"],
        ["notula-att--apologies"]]
    assert hylte.find_all("td")[4].select_one(".notula-sr").get_text() == "Anmält förhinder"


def test_year_page_has_that_years_attendance(demo_site):
    table = article(demo_site, "sgi/2017/").select_one(".notula-matrix table")
    assert [t["datetime"] for t in table.thead.find_all("time")] == ["2017-01-17", "2017-03-07", "2017-04-25"]


def test_all_meetings_page(demo_site):
    content = article(demo_site, "moten/")
    links = [h for h in hrefs(content) if not h.startswith("#")]
    assert len(links) == 13
    dates = [t["datetime"] for t in content.select("ul time")]
    assert dates == sorted(dates, reverse=True)


def test_coming_meetings_are_judged_against_the_build_date(demo_site):
    content = article(demo_site, "sgi/")
    assert "Inga planerade möten efter 23 november 2026" in text(section(content, "kommande-moten"))


# ---------------------------------------------------------------- registers


def test_decisions_register(demo_site):
    content = article(demo_site, "beslut/")
    items = content.select("ol.notula-register > li")
    assert len(items) == 20
    anchors = [li.select_one("p.notula-refs a")["href"] for li in items]
    assert all(re.fullmatch(r"\.\./(sgi|styrgrupp|mottagande)/\d{4}-\d\d-\d\d/#beslut-d\d", a) for a in anchors)
    assert anchors[0] == "../mottagande/2018-05-29/#beslut-d1"
    first = next(li for li in items if li["data-grupp"] == "styrgrupp")
    assert (first["data-grupp"], first["data-ar"]) == ("styrgrupp", "2018")
    assert first["data-amne"].split() == ["samverkan", "arbetsmarknad"]  # its own topics, not its meeting's
    form = content.select_one("form[data-notula-filter=beslut]")
    assert form.has_attr("hidden")  # shown by the script; the full list works without it
    assert [o["value"] for o in form.select("select[name=grupp] option")] == ["", "sgi", "styrgrupp", "mottagande"]
    assert [h.get_text(strip=True).rstrip("¶") for h in content.find_all("h2")] == ["2018", "2017", "2016"]


def test_actions_register_on_the_demo_date(demo_site):
    content = article(demo_site, "uppdrag/")
    counts = {h["id"]: len(content.select(f"ol[aria-labelledby={h['id']}] > li")) for h in content.find_all("h2")}
    assert counts == {"forsenade": 6, "pagaende": 2, "klara": 11, "avskrivna": 1}
    overdue = content.select("ol[aria-labelledby=forsenade] > li")
    assert overdue[0].select_one("p.notula-refs a")["href"] == "../sgi/2017-04-25/#uppdrag-a2"
    assert all(li.select_one(".notula-status--overdue") for li in overdue)


def test_actions_register_links_follow_ups_both_ways(site_2018):
    content = article(site_2018, "uppdrag/")
    counts = {h["id"]: len(content.select(f"ol[aria-labelledby={h['id']}] > li")) for h in content.find_all("h2")}
    assert counts == {"forsenade": 1, "pagaende": 7, "klara": 11, "avskrivna": 1}
    item = next(li for li in content.select("ol.notula-register > li")
                if "Ta fram ett utkast till gemensam utbildnings" in li.get_text())
    assert hrefs(item.select_one(".notula-followed")) == [
        "../sgi/2017-01-17/#uppfoljning-3", "../sgi/2017-04-25/#uppfoljning-2", "../sgi/2018-01-23/#uppfoljning-1"]
    minutes = article(site_2018, "sgi/2018-01-23/")
    assert hrefs(minutes.find(id="uppfoljning-1")) == ["../2016-10-04/#uppdrag-a3"]
    origin = article(site_2018, "sgi/2016-10-04/").find(id="uppdrag-a3").parent  # the action's item
    assert "../2018-01-23/#uppfoljning-1" in hrefs(origin)


def test_registers_are_in_the_navigation_and_short(demo_site):
    nav = page(demo_site, "").select_one("nav.md-nav--primary")
    top = [a.get_text(" ", strip=True) for a in nav.select(":scope > ul > li > a, :scope > ul > li > label")]
    for title in ("Möten", "Beslut", "Uppdrag", "Organisationer", "Ämnen", "Ordlista"):
        assert title in top
    nav_links = hrefs(nav)
    assert not any("organisationer/" in h and h.rstrip("/").count("/") > 0 and h != "organisationer/" for h in nav_links)
    assert not any(h.startswith("amnen/") and h != "amnen/" for h in nav_links)


# ---------------------------------------------------------------- start page and glossary


def test_start_page(site_2018):
    content = article(site_2018, "")
    assert content.h1.get_text(strip=True).rstrip("¶") == "Strategisk samverkan Halland – minnesanteckningar"
    latest = hrefs(section(content, "senaste")[0])  # by date, all groups together (issue 13)
    assert latest == ["mottagande/2018-05-29/", "mottagande/2018-04-17/", "styrgrupp/2018-02-14/",
                      "sgi/2018-01-23/", "sgi/2017-04-25/", "sgi/2017-03-07/"]
    coming = section(content, "kommande-moten")[0]
    assert [t["datetime"] for t in coming.find_all("time")] == [  # mottagande's minutes are dated after the build
        "2018-03-13", "2018-04-17", "2018-05-29", "2018-05-29", "2018-06-12", "2018-09", "2018-09-25"]
    counts = content.select_one(".notula-action-counts")
    assert counts.select_one(".notula-count-overdue").get_text() == "1"
    assert counts.select_one(".notula-count-open").get_text() == "7"
    assert counts.select_one(".notula-count-all-open").get_text() == "8"
    for target in ("moten/", "beslut/", "uppdrag/", "organisationer/", "amnen/", "ordlista/"):
        assert target in hrefs(content)


def test_glossary_and_abbreviations(demo_site):
    content = article(demo_site, "ordlista/")
    terms = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in content.select("dt")}
    assert terms["SFI"] == "Svenska för invandrare"
    assert len(terms) == 15
    abbr = article(demo_site, "sgi/2017-04-25/").find("abbr", string="SFI")
    assert abbr and abbr["title"] == "Svenska för invandrare"


# ---------------------------------------------------------------- the public site


def test_public_site_shows_only_public_minutes(demo_public_site):
    halmstad = article(demo_public_site, "organisationer/halmstad/")
    assert [t.caption.get_text(strip=True) for t in halmstad.select(".notula-matrix table")] == [
        "Närvaro för Halmstad i Strategisk grupp integration per år: antal möten och vilka",
        "Närvaro för Halmstad i Arbetsgrupp mottagande per år: antal möten och vilka"]  # approved minutes only
    assert "Lars-Göran Björk" not in halmstad.get_text()
    site_text = " ".join(p.read_text(encoding="utf-8") for p in demo_public_site.rglob("*.html"))
    for secret in ("2017-03-07/", "Anteckningar från arbetsmöte", "Lars-Göran Björk", "Styrgruppen ställer sig bakom"):
        assert secret not in site_text
    decisions = article(demo_public_site, "beslut/").select("ol.notula-register > li")
    assert len(decisions) == 15  # not the unapproved mottagande/2018-05-29


# ---------------------------------------------------------------- links


def test_every_internal_link_and_anchor_resolves_on_another_day(site_2018):
    """(tests/test_links.py checks the demo builds of today.)"""
    broken = check_links(site_2018)
    assert broken == [], format_broken_links(broken)


@pytest.mark.parametrize("which", ["demo_site", "demo_public_site"])
def test_every_page_is_reachable_from_the_start_page(which, request):
    assert unreachable(request.getfixturevalue(which)) == []


def test_the_reachability_check_finds_an_orphan(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "c").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/#here">A</a> <a href="https://example.org/c/">ext</a>')
    (tmp_path / "a" / "index.html").write_text('<a href="../">back</a>')
    (tmp_path / "c" / "index.html").write_text('<a href="../">start</a>')
    assert unreachable(tmp_path) == ["c/index.html"]
