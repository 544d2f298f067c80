"""The leak audit that ends every public build (issue 9): it finds hidden material in any
output file, in any encoding the build writes, and fails the build naming item and file."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from notula.publishing import audit
from notula.publishing.audit import Probes, Secret, words
from notula.reading import filetext
from support.builds import copy_project, run_build

HIDDEN = Secret("document", "minutes/g/2019/2019-03-01-g.md", "hidden document g/2019-03-01",
                words=frozenset({"tolkformedlingen", "avropet", "kostnadsfordelning"}),
                address="g/2019-03-01/", files=frozenset({"0" * 64}))
NAME = Secret("name", "minutes/g", "hidden name 'Åsa Öberg-Lindqvist'", name="Åsa Öberg-Lindqvist")
SCOPED = Secret("name", "minutes/g", "hidden name 'Bo Ek'", name="Bo Ek", scope="g/")


def leaks(rel: str, content: str | bytes, *secrets: Secret, site_url: str = "https://example.org/") -> list[str]:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return [leak.evidence for leak in Probes.of(list(secrets), site_url).scan_file(rel, data)]


@pytest.mark.parametrize("text, expected", [
    ("Tolkförmedlingen", {"tolkformedlingen"}),
    ("TOLKFO\u0308RMEDLINGEN", {"tolkformedlingen"}),  # NFD, capitals
    ("Tolk\u200bförmed\u00adlingen", {"tolkformedlingen"}),  # zero-width space, soft hyphen
    ("\u202eTolkförmedlingen\u202c", {"tolkformedlingen"}),  # direction marks
    ("Tolkf&ouml;rmedlingen &#116;olk", {"tolkformedlingen", "tolk"}),  # HTML entities
    ("Tolkf\\u00f6rmedlingen", {"tolkformedlingen"}),  # JSON escapes
    ("a1b2 _x_", {"a", "b", "x"}),
    ("lone \ud800 surrogate", {"lone", "surrogate"}),  # as a JSON escape can decode to
])
def test_words_are_folded_as_a_reader_would_read_them(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize("rel, content", [
    ("g/2019-05-01/index.html", "<p>Avtalet med tolkförmedlingen gäller</p>"),
    ("search/index.json", json.dumps({"text": "Avtalet med Tolkförmedlingen"})),  # \u00f6
    ("data/x.json", '{"t": "avropet och Kostnadsfördelning"}'),  # two shorter words together
    ("feeds/g.xml", "<summary>TOLKF&#214;RMEDLINGEN</summary>"),
    ("pagefind/fragment/x.pf_fragment", gzip.compress(b"pagefind_dcd{\"content\":\"tolkf\xc3\xb6rmedlingen\"}", mtime=0)),
    ("pagefind/part-3/fragment/x.pf_fragment", gzip.compress(b"pagefind_dcd{\"content\":\"tolkf\xc3\xb6rmedlingen\"}", mtime=0)),
    ("sitemap.xml.gz", gzip.compress(b"<loc>https://example.org/g/2019-03-01/</loc>", mtime=0)),
    ("g/index.html", '<a href="2019-03-01/">mars</a>'),  # a relative link
    ("g/2019-03-01/index.html", "<p>nothing</p>"),  # the hidden page itself
    ("amnen/x/index.html", '<a href="../../g/2019-03-01/#beslut-d1">d1</a>'),
])
def test_each_kind_of_output_is_read(rel, content):
    assert leaks(rel, content, HIDDEN), f"the audit missed the planted leak in {rel}"


@pytest.mark.parametrize("rel, content", [
    ("g/index.html", "<p>Avropet</p>"),  # one short word alone is not evidence
    ("g/index.html", '<a href="2019-03-02/">en annan dag</a>'),
    ("g/index.html", '<a href="../h/2019-03-01/">another group</a>'),
    ("data/x.json", '{"ref": "g/2019-03-01/a1"}'),  # an action's id is not a link to its page
])
def test_what_is_not_evidence(rel, content):
    assert leaks(rel, content, HIDDEN) == []


@pytest.mark.parametrize("content", [
    "Åsa Öberg-Lindqvist", "ÅSA  ÖBERG-LINDQVIST", "A\u030asa O\u0308berg-Lindqvist",
    "Åsa Öberg-Lindqvists bilder", "Åsa Öberg-Lindqvist:s", "Å\u200bsa Öberg\u2060-Lindqvist", "Åsa\nÖberg Lindqvist",
])
def test_a_hidden_name_is_found_in_any_form(content):
    assert leaks("x/index.html", f"<p>{content}</p>", NAME) == ["the name"]


def test_a_name_another_group_shows_is_looked_for_in_the_hiding_groups_pages_only():
    assert leaks("g/2019-01-01/index.html", "Bo Ek", SCOPED) == ["the name"]
    assert leaks("h/2019-01-01/index.html", "Bo Ek", SCOPED) == []
    assert leaks("g/index.html", "Bo Ekström", SCOPED) == []  # another name


def test_an_attachment_copy_is_found_by_its_bytes(tmp_path):
    data = b"%PDF-1.4 secret"
    import hashlib

    secret = Secret("document", "m.md", "hidden document", files=frozenset({hashlib.sha256(data).hexdigest()}))
    assert leaks("x/renamed.pdf", data, secret) == ["a copy of its attachment"]
    assert leaks("x/renamed.pdf.gz", gzip.compress(data), secret) == ["a copy of its attachment"]


def test_files_copied_from_public_sources_are_not_read():
    import hashlib

    data = b"tolkformedlingen in the theme's own script"
    probes = Probes.of([HIDDEN], public_files=[hashlib.sha256(data).hexdigest()])
    assert probes.scan_file("assets/x.js", data) == []
    assert probes.scan_file("assets/y.js", data + b" ")


def test_names_in_compressed_pdf_streams_and_office_files_are_read():
    import io
    import zipfile
    import zlib

    pdf = b"%PDF-1.4\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n" + zlib.compress(b"(Asa Oberg-Lindqvist) Tj") + b"\nendstream\n"
    assert filetext.Text(filetext.decoded(pdf)).names(("asa", "oberg", "lindqvist"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:t>Åsa Öberg-Lindqvist</w:t>")
    assert leaks("x/a.docx", buffer.getvalue(), NAME) == ["the name"]


def test_scan_reads_every_file_below_the_site(tmp_path):
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "x.txt").write_text("tolkförmedlingen", encoding="utf-8")
    (tmp_path / "ok.html").write_text("inget", encoding="utf-8")
    found = audit.scan(tmp_path, Probes.of([HIDDEN]))
    assert [leak.file for leak in found] == ["deep/er/x.txt"]
    with pytest.raises(audit.LeakFound, match=r"deep/er/x.txt: hidden document g/2019-03-01 \(minutes/g/2019"):
        audit.audit(tmp_path, [HIDDEN])


# ------------------------------------------------------------------ the audit in a real build

PLANTING_HOOK = '''
import gzip, pathlib

def on_post_build(config):
    """A site hook with a bug: it copies text of hidden minutes into the public site."""
    site = pathlib.Path(config.site_dir)
    root = pathlib.Path(config.config_file_path).parent
    body = (root / "minutes/sgi/2017/2017-03-07-sgi-notes.md").read_text(encoding="utf-8").split("---")[-1]
    (site / "extra").mkdir(exist_ok=True)
    (site / "extra" / "notes.txt.gz").write_bytes(gzip.compress(body[:400].encode("utf-8")))
    page = site / "om" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- Rasmus Nordin -->", encoding="utf-8")
'''


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("planted") / "project")
    (root / "hooks").mkdir(exist_ok=True)  # the demo has hooks of its own
    (root / "hooks" / "planted.py").write_text(PLANTING_HOOK, encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nhooks:\n" in config
    (root / "mkdocs.yml").write_text(config.replace("\nhooks:\n", "\nhooks:\n  - hooks/planted.py\n", 1), encoding="utf-8")
    return root


def test_the_audit_fails_a_public_build_with_a_planted_leak(planted):
    result = run_build(planted, "public", today="2026-11-23")
    assert result.returncode != 0
    message = result.stdout + result.stderr
    assert "extra/notes.txt.gz: hidden document sgi/2017-03-07 (minutes/sgi/2017/2017-03-07-sgi-notes.md)" in message
    assert "om/index.html: hidden name 'Rasmus Nordin' (minutes/sgi): the name" in message
    assert "Traceback" not in message


def test_the_members_build_is_not_audited(planted):
    assert run_build(planted, "members", today="2026-11-23").returncode == 0


def test_an_attachment_that_names_a_hidden_person_is_withheld_from_the_public_site(demo_site, demo_public_site):
    pdf = "sgi/2017-04-25/attachments/2017-04-25-arbetsformedlingen.pdf"
    assert (demo_site / pdf).is_file() and not (demo_public_site / pdf).exists()
    page = BeautifulSoup((demo_public_site / "sgi/2017-04-25/index.html").read_text(encoding="utf-8"), "html.parser")
    items = {li.get_text(" ", strip=True): li.find("a") for li in page.select(".notula-attachments li")}
    withheld = next(text for text in items if text.startswith("Presentation Arbetsförmedlingen"))
    assert items[withheld] is None and "bara på medlemmarnas webbplats" in withheld
    assert any(link is not None for link in items.values())  # the other attachment is published
    data = json.loads((demo_public_site / "data/moten/sgi/2017-04-25.json").read_text(encoding="utf-8"))
    assert not any("arbetsformedlingen.pdf" in d["url"] for d in data["documents"])


# ------------------------------------------------------------------ the audit's blind spots (issue 19, item 8)

SURNAME = Secret("surname", "minutes/g", "the surname of the hidden name 'Erik Sundström'", name="sundstrom")


def test_evidence_split_between_a_line_read_before_and_a_new_one_is_combined():
    probes = Probes.of([HIDDEN])
    frame = "<nav>Avropet</nav>"  # one short word of the hidden passage, on a line every page has
    assert probes.scan_file("g/a/index.html", f"{frame}\n<p>inget</p>\n<footer>x</footer>".encode()) == []
    found = probes.scan_file("g/b/index.html", f"{frame}\n<p>inget</p>\n<p>Kostnadsfördelning</p>".encode())
    assert [leak.evidence for leak in found] == ["the words 'avropet', 'kostnadsfordelning'"]


def test_a_name_broken_over_a_line_read_before_is_found():
    probes = Probes.of([NAME])
    assert probes.scan_file("x/a/index.html", b"<p>Hej</p>\n<p>Det var \xc3\x85sa\n</p>") == []
    assert probes.scan_file("x/b/index.html", "<p>Hej</p>\n<p>Det var Åsa\nÖberg-Lindqvist</p>".encode()) != []


@pytest.mark.parametrize("content", [
    "Sundström", "Sundströms förslag", "SUNDSTROM", "erik.sundstrom@example.org", "Sundstr%C3%B6m.pdf",
    "Sundstr\u043em",  # a Cyrillic о
])
def test_a_hidden_surname_is_found_in_any_spelling(content):
    assert leaks("x/index.html", f"<p>{content}</p>", SURNAME) == ["the surname"]


@pytest.mark.parametrize("content", [
    "Erik%20Sundstr%C3%B6m", "erik.sundstrom@example.org", "\u0415rik Sundstr\u043em", "&#x415;rik Sundstr&#1086;m",
])
def test_a_hidden_full_name_is_found_in_any_spelling(content):
    secret = Secret("name", "minutes/g", "hidden name 'Erik Sundström'", name="Erik Sundström")
    assert leaks("x/index.html", f"<p>{content}</p>", secret) == ["the name"]


@pytest.mark.parametrize("rel, content", [
    ("g/index.html", '<a href="2019%2D03%2D01/">mars</a>'),  # %-encoded
    ("g/index.html", '<a href="2019&#45;03&#45;01/">mars</a>'),  # entities
    ("x/index.html", '<a href="HTTPS://EXAMPLE.ORG/g/2019-03-01/">mars</a>'),  # another case
    ("x/index.html", '<a href="http://example.org/g/2019-03-01">mars</a>'),  # another scheme, no slash
    ("x/index.html", '<a href="//example.org/g/2019-03-01/index.html">mars</a>'),  # protocol-relative
    ("pagefind/fragment/x.pf_fragment", gzip.compress(b'{"url":"\\/g\\/2019-03-01\\/"}', mtime=0)),  # JSON
])
def test_a_link_to_a_hidden_page_is_found_however_it_is_spelled(rel, content):
    assert leaks(rel, content, HIDDEN), f"the audit missed the link in {rel}"


def _secrets_of(project: Path):
    from notula.model.names import NamePolicy
    from notula.model.validate import load_corpus
    from notula.publishing.audit import secrets
    from notula.showing.audience import Audience
    from notula.showing.view import build_view

    corpus = load_corpus(project)
    view = build_view(corpus, Audience("public", today=dt.date(2026, 11, 23)))
    assert isinstance(view.names, NamePolicy)
    return secrets(corpus, view.corpus, view.names.hidden)


def test_secrets_probe_distinctive_surnames_only(tmp_path):
    found = _secrets_of(copy_project(tmp_path / "project"))
    surnames = {s.name for s in found if s.kind == "surname"}
    assert "nordin" in surnames  # Rasmus Nordin: hidden in sgi, and no public word
    hidden = {n for s in found if s.kind == "name" for n in [s.name]}
    assert all(len(w) >= audit.MIN_WORD for w in surnames) and len(surnames) <= len(hidden)
    assert [s.kind for s in found].count("number") == 1
