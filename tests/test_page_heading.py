"""Every page has one h1, its title, and Material's skip link leads there (WCAG 2.4.1)."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from notula.rendering.render import page_source

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc"]  # as in mkdocs.yml


def render_h1(source: str) -> BeautifulSoup:
    body = source.split("---\n", 2)[2]
    return BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")


def test_a_page_starts_with_its_title_as_h1() -> None:
    source = page_source({"title": "Strategisk grupp integration 2017"}, "<p>Alla möten.</p>\n")
    soup = render_h1(source)
    assert [h.get_text() for h in soup.find_all("h1")] == ["Strategisk grupp integration 2017"]
    assert source.index("# Strategisk") < source.index("<p>Alla")


@pytest.mark.parametrize(
    "title",
    ["Möte 25.04 – *viktigt* {#x} <b>fet</b> & [l](u) _a_ \\ `kod` #1", "1. Första mötet", "- Lista", "# Rubrik ##"],
)
def test_a_title_is_shown_as_written_not_as_markup(title) -> None:
    soup = render_h1(page_source({"title": title}, ""))
    assert [h.get_text() for h in soup.find_all("h1")] == [title]
    assert soup.find_all(["b", "em", "code", "a", "ol", "ul"]) == []


@pytest.mark.parametrize("content", ["<h1>Egen rubrik</h1>\n", "\n# Egen rubrik\n"])
def test_content_with_its_own_h1_keeps_it(content) -> None:
    soup = render_h1(page_source({"title": "Titel"}, content))
    assert [h.get_text() for h in soup.find_all("h1")] == ["Egen rubrik"]


@pytest.mark.build
@pytest.mark.parametrize("audience", ["members", "public"])
def test_every_built_page_has_one_h1_and_the_skip_link_goes_to_it(request, audience) -> None:
    site = request.getfixturevalue("demo_site" if audience == "members" else "demo_public_site")
    wrong = {}
    for path in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        h1s = soup.select("article h1")
        skip = soup.select_one("a.md-skip")
        if len(h1s) != 1 or skip is None or skip["href"] != f"#{h1s[0].get('id')}":
            wrong[path.relative_to(site).as_posix()] = (len(h1s), skip and skip["href"])
    assert wrong == {}


@pytest.mark.build
def test_the_browser_title_names_the_site_once(demo_site) -> None:
    """The start page (its heading is the site's name) is titled with the name once; other pages
    with their own title and the site's name."""
    import re

    from support.outputs import REPO

    name = re.search(r"^site_name: (.+)$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE).group(1)
    start = BeautifulSoup((demo_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert start.title.get_text() == name
    meeting = BeautifulSoup((demo_site / "sgi/2017-04-25/index.html").read_text(encoding="utf-8"), "html.parser")
    assert meeting.title.get_text().endswith(f" - {name}") and meeting.title.get_text() != f"{name} - {name}"
