"""Issue 9, the body and the files: members-only markers fail closed, comments never reach an
output, links to hidden pages are unlinked in every form, attachments are plain files of the
document's own folder, and every file under minutes/ is either read, reported or a dropping."""

from __future__ import annotations

import os
from pathlib import Path

import markdown as python_markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notula.model.validate import check_corpus, minutes_files
from notula.plugin import site as notula_site
from notula.problems import Problem, ProblemsFound
from notula.reading.comments import clean_body
from notula.reading.sections import CLOSE, OPEN, looks_like_marker, split_sections
from notula.showing.audience import Audience
from notula.showing.links import HIDDEN_NOTE, HiddenLinks, unlink_hidden
from support.builds import build_site, copy_project, mkdocs_build, run_build
from support.sitecheck import scan
from support.validation import FILE, FILES_VALID, files_project, write_file

# ------------------------------------------------------------------ members-only sections


def parse(body: str):
    return split_sections(body, 10, FILE)


def public_text(segments) -> str:
    return "\n".join(s.text for s in segments if not s.members_only)


# (body, line of the first problem counted from 10, a fragment of its message)
BAD_SECTIONS = [
    (":: medlemmar\nHEMLIGT\n::\n", 10, "looks like a members-only marker"),
    ("::::medlemmar\nHEMLIGT\n::::\n", 10, "looks like a members-only marker"),
    ("::: Medlemmar:\nHEMLIGT\n:::\n", 10, "looks like a members-only marker"),
    ("::: Medlemmar\nHEMLIGT\n:::\n", 10, "lower case"),
    (":::medlemmar\nHEMLIGT\n:::\n", 10, "looks like a members-only marker"),
    ("::: medlemar\nHEMLIGT\n:::\n", 10, "looks like a members-only marker"),
    ("::: members\nHEMLIGT\n:::\n", 10, "looks like a members-only marker"),
    (":::  medlemmar\nHEMLIGT\n:::\n", 10, "looks like a members-only marker"),
    (":::\tmedlemmar\nHEMLIGT\n:::\n", 10, "looks like a members-only marker"),
    (":::\u00a0medlemmar\nHEMLIGT\n:::\n", 10, "special characters"),
    ("\u200b::: medlemmar\nHEMLIGT\n:::\n", 10, "special characters"),
    ("：：： medlemmar\nHEMLIGT\n：：：\n", 10, "full-width"),
    ("∶∶∶ medlemmar\nHEMLIGT\n∶∶∶\n", 10, "looks like a members-only marker"),
    ("  ::: medlemmar\nHEMLIGT\n  :::\n", 10, "start at the beginning of the line"),
    ("Text\n\n    ::: medlemmar\n    HEMLIGT\n    :::\n", 12, "start at the beginning of the line"),
    ("- ::: medlemmar\n  HEMLIGT\n- :::\n", 10, "list, a quote"),
    ("1. ::: medlemmar\nHEMLIGT\n:::\n", 10, "list, a quote"),
    ("> ::: medlemmar\n> HEMLIGT\n> :::\n", 10, "list, a quote"),
    ("**::: medlemmar**\nHEMLIGT\n**:::**\n", 10, "list, a quote"),
    ("| ::: medlemmar |\nHEMLIGT\n:::\n", 10, "list, a quote"),
    ("x::: medlemmar\nHEMLIGT\n:::\n", 10, "looks like a members-only marker"),
    ("medlemmar :::\nHEMLIGT\n:::\n", 10, "looks like a members-only marker"),
    (": medlemmar\nHEMLIGT\n:\n", 10, "looks like a members-only marker"),
    ("::: medlemmar\nHEMLIGT\n::: slut\n", 12, "looks like a members-only marker"),
    ("::: medlemmar\nHEMLIGT\n:::slut\n", 12, "looks like a members-only marker"),
    ("::: medlemmar\nHEMLIGT\n", 10, "never closed"),
    ("HEMLIGT\n:::\n", 11, "never opened"),
    ("::: medlemmar\n::: medlemmar\nHEMLIGT\n:::\n", 11, "opened again"),
    # code fences cannot hide a marker, and a fence left open is an error
    ("```\nkod\n::: medlemmar\nHEMLIGT\n:::\n", 10, "never closed"),
    ("```\n::: medlemmar\nHEMLIGT\n:::\n```\n", 11, "inside the code block opened on line 10"),
    ("~~~\n```\n::: medlemmar\nHEMLIGT\n:::\n~~~\n", 12, "inside the code block opened on line 10"),
    ("````\n```\n::: medlemmar\nHEMLIGT\n:::\n````\n", 12, "inside the code block"),
    ("```text\n``` not a close\n::: medlemmar\nHEMLIGT\n:::\n```\n", 12, "inside the code block"),
    ("   ```\n::: medlemmar\nHEMLIGT\n:::\n", 10, "never closed"),
    ("> ```\n::: medlemmar\nHEMLIGT\n:::\n", 10, "never closed"),
    ("- ~~~~\n::: medlemmar\nHEMLIGT\n:::\n", 10, "never closed"),
    ("::: medlemmar\n```\nHEMLIGT\n:::\n", 11, "never closed"),
]


@pytest.mark.parametrize("body, line, message", BAD_SECTIONS)
def test_a_near_marker_or_an_open_fence_is_an_error(body, line, message):
    _, problems = parse(body)
    assert problems, f"accepted: {body!r}"
    assert any(p.line == line and message in p.message for p in problems), problems
    assert all(p.path == FILE and p.field == "body" and p.fix for p in problems)


GOOD_SECTIONS = [
    "::: medlemmar\nHEMLIGT\n:::\n",
    "::: medlemmar  \nHEMLIGT\n:::\t\n",  # spaces after a marker are invisible, and ignored
    "Öppet\n\n::: medlemmar\nHEMLIGT\n\nHEMLIGT igen\n:::\nÖppet\n::: medlemmar\nHEMLIGT\n:::\n",
    "```python\nkod: 1\n```\n::: medlemmar\nHEMLIGT\n:::\n",
    "~~~~\n~~~\n~~~~\n::: medlemmar\nHEMLIGT\n:::\n",
    "```kod``` på en rad\n::: medlemmar\nHEMLIGT\n:::\n",  # inline code, not a fence
    "::: medlemmar\n```\nHEMLIGT\n```\n:::\n",
    "Mått\n:   Ett mått som följs år för år.\n:  Ett till.\n::: medlemmar\nHEMLIGT\n:::\n",  # a definition list
    "Medlemmar: Halmstad och Varberg.\nKl. 10:30 började mötet. Se https://example.org/a.\n:-) ::: medlemmar\nHEMLIGT\n:::\n",
]


@pytest.mark.parametrize("body", GOOD_SECTIONS)
def test_exact_markers_hide_their_section(body):
    segments, problems = parse(body)
    public = public_text(segments)
    if body.startswith("Medlemmar:"):  # a marker after text on its line is an error, never a marker
        assert problems and "HEMLIGT" in "\n".join(s.text for s in segments)
        return
    assert problems == [] and "HEMLIGT" not in public and "HEMLIGT" in "\n".join(s.text for s in segments if s.members_only)


def test_prose_with_colons_is_not_a_marker():
    for line in ("Medlemmar: Halmstad och Varberg.", "Kl. 10:30-12:00", "Se https://example.org/a:b", ":-)", "Beslut: ja",
                 "Tid: 09:00", "Närvarande medlemmar:", "Punkt 3: medlemmarnas ansvar"):
        assert not looks_like_marker(line), line


# one edit of a marker (a character left out, put in or changed): still exact, or an error
EDITS = st.sampled_from(list(": \t\u00a0\u200b\uff1a\u2236>-*mMxe.1`~") + ["::"])


@settings(max_examples=400, deadline=None)
@given(st.sampled_from([OPEN, CLOSE]), st.integers(0, 14), st.sampled_from(["insert", "delete", "replace"]), EDITS)
def test_a_marker_with_one_slip_is_never_text(marker, position, kind, char):
    position = min(position, len(marker) - (kind != "insert"))
    edited = {"insert": marker[:position] + char + marker[position:],
              "delete": marker[:position] + marker[position + 1:],
              "replace": marker[:position] + char + marker[position + 1:]}[kind]
    if edited.rstrip(" \t") in (OPEN, CLOSE):
        return
    assert looks_like_marker(edited), repr(edited)
    _, problems = parse(f"Text\n{edited}\nHEMLIGT\n{CLOSE}\n")
    assert problems


NOISE = st.sampled_from([
    "", "Text om mötet.", "- en punkt", "> citat", "```", "~~~", "````python", "    indraget", "::", "::::",
    ":: medlemmar", "::: Medlemmar", "> ::: medlemmar", "  :::", "::: slut", "Kl. 10:30", "<!-- x -->", "*[SFI]: x",
])
BLOCKS = st.lists(st.one_of(
    st.lists(NOISE, max_size=4).map(lambda lines: ("public", lines)),
    st.lists(st.one_of(NOISE, st.just("SECRET")), max_size=4).map(lambda lines: ("members", lines)),
), max_size=6)


@settings(max_examples=400, deadline=None)
@given(BLOCKS)
def test_no_text_of_a_members_block_is_ever_public(blocks):
    lines = []
    for kind, content in blocks:
        lines += [OPEN, *content, CLOSE] if kind == "members" else content
    body = "\n".join(lines)
    segments, problems = parse(body)
    if not problems:
        assert "SECRET" not in public_text(segments)
        # nothing is lost either: every line is in a segment or is a marker
        kept = sum(len(s.text.split("\n")) for s in segments)
        markers = sum(1 for line in body.split("\n") if line in (OPEN, CLOSE))
        assert kept + markers == len(body.split("\n"))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(NOISE, st.sampled_from([OPEN, CLOSE, OPEN + " ", "Text"])), max_size=14))
def test_each_line_is_members_only_exactly_when_between_exact_markers(lines):
    numbered = [line if line.rstrip() in (OPEN, CLOSE) else f"{line} L{i}L" for i, line in enumerate(lines)]
    segments, problems = parse("\n".join(numbered))
    if problems:
        return
    where = {}
    for segment in segments:
        for line in segment.text.split("\n"):
            where[line] = segment.members_only
    inside = False
    for line in numbered:
        if line.rstrip() in (OPEN, CLOSE):
            inside = line.rstrip() == OPEN
        else:
            assert where[line] == inside, (line, numbered)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(":：` ~>-\n medlmar!<-\u200bx")), max_size=120))
def test_any_body_parses_or_gives_problems(body):
    segments, problems = split_sections(body, 1, FILE)
    assert all(isinstance(p, Problem) and p.line and p.field == "body" for p in problems)
    text, found = clean_body(body, 1, FILE)
    assert "<!--" not in text or found


# ------------------------------------------------------------------ HTML comments


def test_comments_are_removed_and_lines_kept():
    body = "Öppet <!-- internt: HEMLIS --> text\n<!--\nHEMLIS\nflera rader\n-->\n::: medlemmar\nx <!-- HEMLIS -->\n:::\n"
    text, problems = clean_body(body, 10, FILE)
    assert problems == [] and "HEMLIS" not in text and "<!--" not in text
    assert text.count("\n") == body.count("\n")  # later problems keep their lines
    segments, problems = split_sections(text, 10, FILE)
    assert problems == [] and [s.members_only for s in segments if s.text.strip()] == [False, True]


@pytest.mark.parametrize("body, line, message", [
    ("Text\n<!-- internt: HEMLIS\nmer\n", 11, "never closed"),
    ("Text <!--> HEMLIS\n", 10, "never closed"),
    ("<!--\n::: medlemmar\n-->\nHEMLIS\n<!-- ::: -->\n", 11, "marker inside a comment"),
    ("Text <![CDATA[HEMLIS]]>\n", 10, "browsers hide"),
    ("Text\n<?php HEMLIS ?>\n", 11, "browsers hide"),
    ("<!DOCTYPE HEMLIS>\n", 10, "browsers hide"),
])
def test_bad_comments_are_errors(body, line, message):
    _, problems = clean_body(body, 10, FILE)
    assert any(p.line == line and p.field == "body" and message in p.message for p in problems), problems


# ------------------------------------------------------------------ links to hidden pages

HIDDEN = HiddenLinks({"sgi/2019-03-01-dold/"})
LINK_FORMS = [
    "[mötet](../sgi/2019-03-01-dold.md)",
    "[mötet](../sgi/2019-03-01-dold.md#beslut-d1)",
    "[mötet](../sgi/2019-03-01-dold.md 'Titel')",
    '[mötet](../sgi/2019-03-01-dold.md "Titel")',
    "[mötet](../sgi/2019-03-01-dold.md (Titel))",
    "[mötet](<../sgi/2019-03-01-dold.md>)",
    '[mötet]( <../sgi/2019-03-01-dold.md> "Titel" )',
    "[mötet](../sgi/2019-03-01-dold/)",
    "[mötet](/sgi/2019-03-01-dold/)",
    "[mötet](../sgi/2019-03-01-dold/index.html)",
    "[mötet](../sgi/2019%2D03%2D01%2Ddold.md)",
    "[mötet][m]\n\n[m]: ../sgi/2019-03-01-dold.md",
    '[mötet][M]\n\n[m]: <../sgi/2019-03-01-dold.md> "Titel"',
    "[mötet] [m]\n\n  [m]:\n  ../sgi/2019-03-01-dold.md\n  'Titel'",
    "[mötet][]\n\n[mötet]: ../sgi/2019-03-01-dold.md",
    "[mötet]\n\n[Mötet]: ../sgi/2019-03-01-dold.md (Titel)",
    '<a href="../sgi/2019-03-01-dold.md">mötet</a>',
    "<a class='x' href='../sgi/2019-03-01-dold/'>mötet</a>",
    "<A HREF=../sgi/2019-03-01-dold.md>mötet</A>",
    "```\n[mötet](../sgi/2019-03-01-dold.md)\n\n```",
]
RENDER = ["abbr", "admonition", "attr_list", "md_in_html", "tables"]  # as in mkdocs.yml


@pytest.mark.parametrize("markdown", LINK_FORMS)
def test_every_form_of_link_to_a_hidden_page_is_unlinked(markdown):
    out = unlink_hidden(markdown, "om/index.md", HIDDEN)
    html = python_markdown.markdown(out, extensions=RENDER)
    assert "dold" not in html and "Titel" not in html, html
    assert "mötet" in html and HIDDEN_NOTE in html
    members = python_markdown.markdown(unlink_hidden(markdown, "om/index.md", HiddenLinks(())), extensions=RENDER)
    assert "dold" in members  # the same text links on the members' site (the test is not vacuous)


def test_links_to_visible_pages_are_untouched():
    markdown = ("[a](../sgi/2019-03-02.md 'T') [b][x] [c] ![bild](../sgi/2019-03-02/bild.png) [d](https://e.org/sgi/2019-03-01-dold.md)\n\n"
                "[x]: ../sgi/2019-03-02.md\n[c]: ../index.md\n")
    assert unlink_hidden(markdown, "om/index.md", HIDDEN) == markdown


def test_link_from_a_meeting_page_by_address():
    out = unlink_hidden("[förra](../2019-03-01-dold/) och [det](2019-03-01-dold.md)", "sgi/2019-04-01.md", HIDDEN)
    assert out.count(HIDDEN_NOTE) == 2 and "dold" not in out


# ------------------------------------------------------------------ attachments and files

# One bad attachment or one misfiled document, one problem: the cases are in test_validation_cases.py.


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return files_project(tmp_path)


def problems_of(root: Path) -> list[Problem]:
    return sorted(check_corpus(root)[1], key=lambda p: (p.path, p.line or 0))


def test_the_fixture_is_valid(root):
    write_file(root, FILE, FILES_VALID.format(extra="attachments:\n  - {file: attachments/ok.pdf, title: OK}\n"))
    assert problems_of(root) == []


def test_attachments_in_a_subfolder_are_fine(root):
    write_file(root, "minutes/sgi/2017/attachments/2017/bilaga.pdf", "%PDF")
    write_file(root, FILE, FILES_VALID.format(extra="attachments:\n  - {file: attachments/2017/bilaga.pdf, title: B}\n"))
    assert [p for p in problems_of(root) if p.path == FILE] == []


def test_notes_may_name_their_type(root):
    write_file(root, "minutes/sgi/2017/2017-04-04-sgi-notes.md", FILES_VALID.format(extra="type: notes\n"))
    assert problems_of(root) == []


@pytest.mark.parametrize("make, relative, message", [
    (lambda p: p.write_text("x"), "minutes/sgi/2017/2017-04-05-sgi.md.txt", "rename it to end in .md"),
    (lambda p: p.write_text("x"), "minutes/sgi/2017/protokoll.docx", "Notula does not read this file"),
    (lambda p: p.write_text("x"), "minutes/extra.yml", "Notula does not read this file"),
    (lambda p: p.write_text("x"), "minutes/organisation.yml", "did you mean 'organisations.yml'"),
    (lambda p: p.write_text("x"), "minutes/sgi/groups.yml", "Notula does not read this file"),
    (lambda p: p.mkdir(), "minutes/sgi/2017/2017-04-05-sgi.md", "a folder is named like a minutes file"),
    (lambda p: os.symlink(p.parent / "nowhere.md", p), "minutes/sgi/2017/2017-04-05-sgi.md", "broken link"),
    (lambda p: os.symlink(p.parents[2] / "styr" / "2017" / "2017-04-03-styr.md", p), "minutes/sgi/2017/2017-04-03-sgi.md",
     "this is a link"),
    (lambda p: os.symlink(p.parent / "styr", p), "minutes/sgi2", "this is a link"),
    (lambda p: p.write_text("---\n---\n"), "minutes/sgi/2017/attachments/2017-04-05-sgi.md", "attachments folder"),
])
def test_files_notula_does_not_read_are_reported(root, make, relative, message):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    problems = [p for p in problems_of(root) if p.path == relative]
    assert len(problems) == 1 and message in problems[0].message and problems[0].fix, problems_of(root)
    assert path not in minutes_files(root / "minutes")


@pytest.mark.parametrize("relative", [
    "minutes/sgi/2017/~2017-04-05-sgi.md", "minutes/sgi/2017/.#2017-04-05-sgi.md", "minutes/sgi/2017/2017-04-05-sgi.md~",
    "minutes/sgi/2017/.2017-04-05-sgi.md.swp", "minutes/sgi/2017/#2017-04-05-sgi.md#", "minutes/sgi/2017/.DS_Store",
    "minutes/.git/2017-04-05-sgi.md", "minutes/sgi/.hidden/2017/2017-04-05-sgi.md", "minutes/sgi/2017/Thumbs.db",
    "minutes/sgi/2017/attachments/~$protokoll.docx", "minutes/.groups.yml.swp",
])
def test_editor_droppings_are_ignored_and_never_read(root, relative):
    write_file(root, relative, "inte minnesanteckningar")
    assert problems_of(root) == []
    assert [p.name for p in minutes_files(root / "minutes")] == ["2017-04-03-styr.md"]


def test_the_demo_and_its_files_comply():
    repo = Path(__file__).resolve().parent.parent
    assert check_corpus(repo)[1] == []


def test_an_unclosed_comment_in_a_hand_written_page_stops_the_build(project):
    (project / "docs" / "om" / "kommentar.md").write_text("# Sida\n\nText\n<!-- HEMLIS\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as raised:
        notula_site.prepare(project, {"om/kommentar.md": "docs/om/kommentar.md"}, Audience())
    assert "docs/om/kommentar.md:4: the comment '<!--' is never closed" in str(raised.value)


# ------------------------------------------------------------------ a real build of both sites

MEMBERS_ONLY = """---
group: sgi
title: MOTESTITELHEMLIS
date: 2019-03-01
slug: dold
audience: members
attendees:
  - Anna Andersson, Halmstad
decisions:
  - {id: d1, text: Ett beslut.}  # the anchor '#beslut-d1' that a link names
---
DOKUMENTHEMLIS
"""
PUBLIC = """---
group: sgi
date: 2019-03-05
audience: public
attendees:
  - Anna Andersson, Halmstad
---
## 1. Inledning

Öppen text ÖPPETORD. <!-- internt: KOMMENTARHEMLIS -->

<!--
KOMMENTARHEMLIS på flera rader
-->

::: medlemmar
SEKTIONHEMLIS om en enskild person. <!-- KOMMENTARHEMLIS i sektionen -->
:::

Länkar: {links}
"""


@pytest.fixture(scope="module")
def trust_project(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("trust-body") / "project")
    folder = root / "minutes" / "sgi" / "2019"
    folder.mkdir(parents=True)
    (folder / "2019-03-01-sgi-dold.md").write_text(MEMBERS_ONLY, encoding="utf-8")
    links = " ".join(form.replace("../sgi/", "").replace("/sgi/", "../") for form in LINK_FORMS if "```" not in form
                     and "\n" not in form)
    references = "\n\n[mötet][ref1] och [ref2]\n\n[ref1]: 2019-03-01-dold.md 'Titel'\n[ref2]: <../2019-03-01-dold/>\n"
    (folder / "2019-03-05-sgi.md").write_text(PUBLIC.format(links=links) + references, encoding="utf-8")
    (root / "docs" / "om" / "lankar.md").write_text(
        "# Länkar\n\n<!-- DOCSKOMMENTARHEMLIS -->\n[Mötet][m] och <a href=\"../../sgi/2019-03-01-dold/\">det</a>.\n\n"
        "[m]: ../sgi/2019-03-01-dold.md \"Titel\"\n", encoding="utf-8")
    return root


@pytest.mark.build
def test_public_build_holds_no_comment_no_hidden_section_and_no_link_to_a_hidden_page(trust_project):
    site = build_site(trust_project, "public", today="2026-11-23", out=trust_project / "out" / "public")
    secrets = ["KOMMENTARHEMLIS", "DOCSKOMMENTARHEMLIS", "SEKTIONHEMLIS", "DOKUMENTHEMLIS", "MOTESTITELHEMLIS",
               "2019-03-01-dold", "<!--"]
    hits = scan(site, secrets)
    # Pagefind's fragments hold pages as text, and the format page's text shows "<!-- … -->".
    hits["<!--"] = [f for f in hits.get("<!--", []) if not f.startswith("pagefind/")]
    assert {k: v for k, v in hits.items() if v} == {}, hits
    page = (site / "sgi" / "2019-03-05" / "index.html").read_text(encoding="utf-8")
    assert "ÖPPETORD" in page and page.count(HIDDEN_NOTE) >= 12
    assert HIDDEN_NOTE in (site / "om" / "lankar" / "index.html").read_text(encoding="utf-8")


# What MkDocs says of the links above on the members' site, where they are not taken away: three
# forms it cannot follow. Python-Markdown reads no title in (parentheses), so the whole is the
# address; MkDocs knows a page by its Markdown file, not by its index.html (a browser finds it);
# and it does not see a decision's anchor on a meeting's page, which is put in after Markdown
# (the page has it: the link works).
MEMBERS_WARNINGS = [
    "Doc file 'sgi/2019-03-05.md' contains a link '2019-03-01-dold.md#beslut-d1', but the doc "
    "'sgi/2019-03-01-dold.md' does not contain an anchor '#beslut-d1'.",
    "Doc file 'sgi/2019-03-05.md' contains a link '2019-03-01-dold.md (Titel)', but the target "
    "'sgi/2019-03-01-dold.md (Titel)' is not found among documentation files.",
    "Doc file 'sgi/2019-03-05.md' contains a link '2019-03-01-dold/index.html', but the target "
    "'sgi/2019-03-01-dold/index.html' is not found among documentation files.",
]


@pytest.mark.build
def test_members_build_has_the_section_and_links_but_no_comment(trust_project):
    site = trust_project / "out" / "members"
    result = mkdocs_build(trust_project, "members", "2026-11-23", site)  # strict: the warnings end it, after the site is written
    warnings = sorted(line.split("WARNING", 1)[1].strip(" -") for line in result.stderr.splitlines() if "WARNING" in line)
    assert (result.returncode, warnings) == (1, sorted(MEMBERS_WARNINGS)), result.stderr
    assert 'id="beslut-d1"' in (site / "sgi" / "2019-03-01-dold" / "index.html").read_text(encoding="utf-8")
    assert set(scan(site, ["SEKTIONHEMLIS", "DOKUMENTHEMLIS", "2019-03-01-dold"])) == {
        "SEKTIONHEMLIS", "DOKUMENTHEMLIS", "2019-03-01-dold"}
    hits = scan(site, ["KOMMENTARHEMLIS", "DOCSKOMMENTARHEMLIS", "<!--"])
    hits["<!--"] = [f for f in hits.get("<!--", []) if not f.startswith("pagefind/")]  # text, as above
    assert {k: v for k, v in hits.items() if v} == {}


@pytest.mark.build
def test_an_attached_minutes_file_of_another_group_stops_the_build(project):
    path = project / "minutes" / "sgi" / "2017" / "2017-04-25-sgi.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("attachments:\n", "attachments:\n  - {file: ../../styrgrupp/2018/2018-02-14-styrgrupp.md, title: X}\n", 1),
                    encoding="utf-8")
    result = run_build(project, "public")
    assert result.returncode != 0
    assert "2017-04-25-sgi.md" in result.stderr and "attachments[1].file" in result.stderr
    assert not (project / "site" / "sgi").exists()
