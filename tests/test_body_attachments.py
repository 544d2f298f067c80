"""A picture or a file linked from a minutes body reaches its published copy on the built site.

The secretary writes the link relative to the minutes file (`attachments/bild.png`, as an
editor's preview shows it) and lists the file under `attachments:`; `notula import` writes a Word
file's pictures the same way. The meeting's page is made from a Markdown file one folder up from
its address (`sgi/2017-06-01.md` for `sgi/2017-06-01/`), so the build points each such link at
the published copy: MkDocs then finds the file, a strict build has no warning, and the page's
`<img src>` and `<a href>` lead to files that exist in site/. Links are written as people and
programs write them: with a title, in <…> with a space, %-encoded as a browser copies them,
in NFD (as a Mac writes 'å'), through './', and as reference definitions.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from notula.model.validate import check_corpus
from notula.reading.markdown_links import rebase
from notula.showing.links import HIDDEN_NOTE
from support.builds import TODAY, copy_project, mkdocs_build
from support.office import PNG
from support.validation import FILE, FILES_VALID, files_project, problems_for, write_file

PAGE = "sgi/2017-06-01/"
MINUTES = """---
group: sgi
date: 2017-06-01
attendees:
  - Anna Andersson, Halmstad
attachments:
  - {{file: attachments/2017-06-01-diagram.png, title: Diagram}}
  - {{file: attachments/2017-06-01-protokoll.txt, title: Protokoll}}
  - {{file: "attachments/2017-06-01-foto 1.png", title: Foto}}
  - {{file: attachments/2017-06-01-bilaga-å.txt, title: Bilaga}}
---
## 1. Inledning

![Diagrammet](attachments/2017-06-01-diagram.png)

Se [protokollet](attachments/2017-06-01-protokoll.txt "Protokollet i text") och ![fotot](<attachments/2017-06-01-foto 1.png>).

Bilagan [kopierad ur webbläsaren](attachments/2017-06-01-bilaga-%C3%A5.txt), [skriven på en Mac](<{nfd}>),
[genom punkt](./attachments/2017-06-01-protokoll.txt#rad-2) och [som referens][ref].

[ref]: attachments/2017-06-01-diagram.png 'Diagrammet'
"""
LINKED = ["2017-06-01-diagram.png", "2017-06-01-protokoll.txt", "2017-06-01-foto 1.png", "2017-06-01-bilaga-å.txt"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("body-attachments") / "project")
    folder = root / "minutes" / "sgi" / "2017"
    for name in LINKED:
        data = PNG if name.endswith(".png") else "Protokoll för mötet, rad 1.\nRad 2.\n".encode()
        (folder / "attachments" / name).write_bytes(data)
    nfd = unicodedata.normalize("NFD", "attachments/2017-06-01-bilaga-å.txt")
    (folder / "2017-06-01-sgi.md").write_text(MINUTES.format(nfd=nfd), encoding="utf-8")
    return root


def _links(page: str) -> list[str]:
    """Every src and href in the page's article (the body and the page's own lists)."""
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    return [unescape(m.group(2)) for m in re.finditer(r'\b(src|href)="([^"]*)"', article)]


def _attachment_links(page: str) -> list[str]:
    return [link for link in _links(page) if "attachments/" in link]


@pytest.mark.build
def test_the_check_accepts_the_links(project):
    assert check_corpus(project)[1] == []


# (pictures, links to files) in the body as built: the public site withholds the pictures, which
# Notula cannot read for names in a group that hides them, and makes their links plain text.
IN_THE_BODY = {"members": (2, 5, 0), "public": (0, 4, 3)}


@pytest.mark.build
@pytest.mark.parametrize("audience", ["members", "public"])
def test_links_from_the_body_to_attachments_lead_to_the_published_files(project, audience):
    site = project / "out" / audience
    result = mkdocs_build(project, audience, TODAY, site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr  # strict, and nothing said that strict would count
    page = (site / PAGE / "index.html").read_text(encoding="utf-8")
    body = page.split('id="1-inledning"', 1)[1].split('id="bilagor"', 1)[0]
    images = re.findall(r'<img [^>]*src="([^"]*)"', body)
    anchors = re.findall(r'<a [^>]*href="([^"]*attachments/[^"]*)"', body)
    assert (len(images), len(anchors), body.count(HIDDEN_NOTE)) == IN_THE_BODY[audience], (images, anchors)
    for link in images + anchors + _attachment_links(page):
        address = urlsplit(urljoin(f"https://example.org/{PAGE}", unescape(link)))
        assert not address.query, link
        published = site / unquote(address.path).lstrip("/")
        assert published.is_file(), f"{link} leads to {address.path}, which the site does not have"
    assert {unicodedata.normalize("NFC", unquote(urlsplit(link).path).rsplit("/", 1)[-1]) for link in images + anchors} \
        <= set(LINKED)


@pytest.mark.build
def test_a_picture_next_to_the_minutes_file_is_reported(project, tmp_path):
    """Outside attachments/ a file is neither published nor silently left: `check` names it, and
    the link to it, which would be broken on the site."""
    root = copy_project(tmp_path / "project")
    folder = root / "minutes" / "sgi" / "2017"
    (folder / "bilaga.png").write_bytes(PNG)
    (folder / "2017-06-01-sgi.md").write_text(
        "---\ngroup: sgi\ndate: 2017-06-01\nattendees:\n  - Anna Andersson, Halmstad\n---\n![](bilaga.png)\n", encoding="utf-8")
    link, file = sorted(check_corpus(root)[1], key=lambda p: p.path)
    assert file.path == "minutes/sgi/2017/bilaga.png" and "attachments/" in file.fix
    assert (link.path, link.line, link.field) == ("minutes/sgi/2017/2017-06-01-sgi.md", 7, "body"), link
    assert "a file beside the minutes file" in link.message and "'attachments/bilaga.png'" in link.fix


# ---------------------------------------------------------------- check: a link into attachments/ names a listed file

LISTED = "attachments:\n  - {file: attachments/ok.pdf, title: OK}\n"


@pytest.mark.parametrize("body", [
    "[OK](attachments/ok.pdf)", "[OK](./attachments/ok.pdf#page=2 'Sidan 2')", "[OK](<attachments/ok.pdf>)",
    "[OK](attachments/%6Fk.pdf)", "[OK][ok]\n\n[ok]: attachments/ok.pdf", "[Förra mötets](../2016/attachments/x.pdf)",
    "[Sidan](https://example.org/attachments/x.pdf)", "[Rot](/attachments/x.pdf)", "[Förra](../2017-04-03/)",
    "[Förra](2017-04-03-sgi.md)", "[Bilden](../2017-04-03/attachments/x.png)",
    "Text.[^1]\n\n[^1]: bilaga.pdf", "Text.[^bild]\n\n[^bild]: attachments/bild.png",  # footnotes, whose text names a file
])
def test_links_to_listed_attachments_and_elsewhere_are_not_reported(tmp_path, body):
    root = files_project(tmp_path)
    write_file(root, FILE, FILES_VALID.format(extra=LISTED) + body + "\n")
    assert problems_for(root) == []


@pytest.mark.parametrize("body,target", [
    ("![Bild](attachments/bild.png)", "attachments/bild.png"),  # not there, not listed
    ("Se [protokollet](attachments/styr.pdf 'Protokoll').", "attachments/styr.pdf"),
    ("[ref]: <./attachments/ok 2.pdf>", "./attachments/ok 2.pdf"),
    ("[OK](attachments/OK.pdf)", "attachments/OK.pdf"),  # another file on a case-sensitive disk
    ("![](bilaga.png)", "bilaga.png"),  # beside the minutes file: never published
    ("[protokoll](./Bilaga%20%C3%A5.PDF)", "./Bilaga%20%C3%A5.PDF"),
])
def test_a_link_into_attachments_that_is_not_listed_is_reported_with_its_line(tmp_path, body, target):
    root = files_project(tmp_path)
    write_file(root, FILE, FILES_VALID.format(extra=LISTED) + "Text.\n\n" + body + "\n")
    [problem] = problems_for(root)
    assert (problem.path, problem.line, problem.field) == (FILE, 12, "body"), problem
    beside = "/" not in target.removeprefix("./")
    assert f"links to '{target}', " + ("a file beside the minutes file" if beside else "which is not listed under 'attachments'") \
        in problem.message
    assert "- {file: attachments/" in problem.fix and ("link it as 'attachments/" if beside else "correct the link") in problem.fix


def test_rebase_changes_only_the_target():
    markdown = "![a](<x y.png> \"T\") [b](x.pdf 'T')\n\n[c]:\n  x.txt (T)\n"
    assert rebase(markdown, lambda t: f"d/{t}") == "![a](<d/x y.png> \"T\") [b](d/x.pdf 'T')\n\n[c]:\n  d/x.txt (T)\n"
    assert rebase(markdown, lambda t: None) == markdown
    footnote = "Text.[^1]\n\n[^1]: attachments/x.png\n"
    assert rebase(footnote, lambda t: f"d/{t}") == footnote
