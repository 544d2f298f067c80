"""The accessibility statement (tillgänglighetsredogörelse) that Swedish public-sector sites
must publish: what it says, and that every page's footer leads to it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.config import mkdocs_config
from support.links import resolve_link

pytestmark = pytest.mark.build

REPO = Path(__file__).resolve().parent.parent
STATEMENT = "om/tillganglighet/"
STATEMENT_SOURCE = REPO / "docs" / "om" / "tillganglighet.md"
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]


def statement_text(site: Path) -> str:
    soup = BeautifulSoup((site / STATEMENT / "index.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.select_one("article").get_text(" ").split())


def swedish_date(text: str) -> date:
    day, month, year = text.split()
    return date(int(year), MONTHS.index(month) + 1, int(day))


def test_statement_is_in_the_about_section_of_the_nav() -> None:
    config = mkdocs_config()
    about = next(entry["Om webbplatsen"] for entry in config["nav"] if isinstance(entry, dict) and "Om webbplatsen" in entry)
    assert "om/tillganglighet.md" in about


@pytest.mark.parametrize(
    "required",
    [
        "Hur tillgänglig är webbplatsen?",
        "delvis förenlig med lagen om tillgänglighet till digital offentlig service",  # the status
        "WCAG 2.1 på nivå AA",
        "Innehåll som inte är tillgängligt",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Myndigheten för digital förvaltning (Digg)",
        "Hur vi testat webbplatsen",
    ],
)
def test_statement_has_the_required_parts(demo_public_site, required) -> None:
    assert required in statement_text(demo_public_site)


def test_statement_links_to_digg_for_complaints(demo_public_site) -> None:
    soup = BeautifulSoup((demo_public_site / STATEMENT / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("article a[href='https://www.digg.se/tdosanmalan']") is not None


def test_statement_contact_is_a_marked_placeholder(demo_public_site) -> None:
    """The maintainer must put in a real address; until then, the page and the source say so."""
    text = statement_text(demo_public_site)
    assert "tillganglighet@example.org" in text
    assert "platshållare – förvaltaren ska byta till en riktig adress" in text
    assert "FÖRVALTARE: byt ut platshållaren" in STATEMENT_SOURCE.read_text(encoding="utf-8")


def test_statement_gives_the_date_of_the_assessment(demo_public_site) -> None:
    found = re.search(r"Senaste bedömningen gjordes den (\d{1,2} \w+ \d{4})\.", statement_text(demo_public_site))
    assert found, "the date of the latest assessment is missing"
    assessed = swedish_date(found.group(1))
    assert date(2026, 1, 1) <= assessed <= date.today()


@pytest.mark.parametrize("audience", ["members", "public"])
def test_every_page_links_the_statement_in_its_footer(request, audience) -> None:
    site = request.getfixturevalue("demo_site" if audience == "members" else "demo_public_site")
    missing = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        hrefs = [a["href"] for a in soup.select("footer .md-copyright a[href]") if a.get_text(strip=True) == "Tillgänglighetsredogörelse"]
        if [resolve_link(page, href) for href in hrefs] != [(STATEMENT, "")]:
            missing.append(page)
    assert missing == []
