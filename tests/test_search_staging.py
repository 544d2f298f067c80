"""What Pagefind is given to read (search.Staging): the indexed part of the indexed pages only,
each in a small page at its own path, not the finished site whole; and how it is given
(search.Indexer, Pagefind's indexing service)."""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

import pytest

from notula import background
from notula.publishing import search
from notula.rendering import searchable
from support.builds import build_site

PAGE = ('<!doctype html>\n<html lang="sv" class="no-js"><head><title>Möte - Sajt</title></head><body>'
        '<header class="md-header">Sök</header><article>{content}</article><footer>Sidfot</footer></body></html>')


class Given:
    """A stand-in for Pagefind's service: what it was given, by path, and when it was asked to write."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.events: list[str] = []
        self.closed = False

    def add(self, dest_path: str, html: str) -> None:
        self.pages[dest_path] = html
        self.events.append(dest_path)

    def request_write(self, output: Path) -> int:
        self.events.append("write")
        output.mkdir(parents=True)
        (output / "pagefind-entry.json").write_text("{}", encoding="utf-8")
        return 1

    def finish_write(self, message: int) -> search.IndexResult:
        return search.IndexResult(f"Indexed {len(self.pages)} pages")

    def close(self) -> None:
        self.closed = True


def staging_with(given: Given) -> search.Staging:
    return search.Staging(lambda: given)  # type: ignore[arg-type,return-value]


def fill(html: str) -> str:
    """The islands of the tests' pages, as site.finished_page fills them."""
    return html.replace("notula-island-0-end", "<p>Beslut om tolkar</p>")


MEETING = "sgi/2017-04-25/index.html"


def test_a_page_gives_its_body_in_a_page_of_its_own_as_soon_as_markdown_is_done(tmp_path):
    given = Given()
    staging = staging_with(given)
    marked = searchable.mark("<h1>Möte</h1>notula-island-0-end", searchable.PAGE)
    staging.content(MEETING, marked, searchable.PAGE, fill, "sv", "Möte - Sajt")
    text = given.pages[MEETING]  # before the theme has made the page
    assert '<html lang="sv">' in text and "<title>Möte - Sajt</title>" in text
    assert "<div data-pagefind-body><h1>Möte</h1><p>Beslut om tolkar</p></div>" in text  # islands filled
    staging.seal(tmp_path)
    rendered = PAGE.format(content=marked)
    staging.page(MEETING, marked, rendered, fill(rendered))
    assert staging.changed is None
    assert staging.write(tmp_path).summary == "Indexed 1 pages"
    assert given.events == [MEETING, "write"]
    staging.close()
    assert given.closed


def test_intro_pages_give_their_intro_and_unindexed_pages_nothing(tmp_path):
    given = Given()
    staging = staging_with(given)
    marked = searchable.mark("<h1>Halmstad</h1><p>Kommun</p><h2>Möten</h2><ul><li>lång lista</li>notula-island-0-end</ul>",
                             searchable.INTRO)
    staging.content("organisationer/halmstad/index.html", marked, searchable.INTRO, fill, "sv", "Möte - Sajt")
    text = given.pages["organisationer/halmstad/index.html"]
    assert "<div data-pagefind-body><h1>Halmstad</h1><p>Kommun</p></div>" in text and "lång lista" not in text
    register = searchable.mark("<h1>Beslut</h1>", searchable.NONE)
    staging.content("beslut/index.html", register, searchable.NONE, fill, "sv", "Möte - Sajt")
    assert "beslut/index.html" not in given.pages
    for path, content in [("organisationer/halmstad/index.html", marked), ("beslut/index.html", register)]:
        rendered = PAGE.format(content=content)
        staging.page(path, content, rendered, fill(rendered))
    assert staging.changed is None  # the islands after the intro are filled as expected


def changed_by_a_plugin(rendered: str) -> str:
    return fill(rendered).replace("</article>", " (changed by another plugin)</article>")


def changed_title(rendered: str) -> str:
    return fill(rendered).replace("<title>Möte - Sajt</title>", "<title>Möte · Sajt</title>")


def changed_language(rendered: str) -> str:
    return fill(rendered).replace('lang="sv"', 'lang="en"')


@pytest.mark.parametrize("finish", [changed_by_a_plugin, changed_title, changed_language])
def test_a_finished_page_unlike_what_pagefind_was_given_has_the_index_made_from_the_site(tmp_path, finish):
    """The index is Pagefind's reading of the finished site then (with the real Pagefind)."""
    given = Given()
    staging = staging_with(given)
    marked = searchable.mark("<h1>Möte</h1>notula-island-0-end", searchable.PAGE)
    staging.content(MEETING, marked, searchable.PAGE, fill, "sv", "Möte - Sajt")
    staging.seal(tmp_path)
    rendered = PAGE.format(content=marked)
    finished = finish(rendered)
    (tmp_path / MEETING).parent.mkdir(parents=True)
    (tmp_path / MEETING).write_text(finished, encoding="utf-8")
    staging.page(MEETING, marked, rendered, finished)
    assert staging.changed == MEETING
    result = staging.write(tmp_path)
    assert given.closed and "Indexed 1 page" in result.summary
    fragments = b"".join(gzip.decompress(p.read_bytes()) for p in (tmp_path / "pagefind" / "fragment").iterdir())
    assert ("changed by another plugin" in fragments.decode()) == (finish is changed_by_a_plugin)


def test_a_page_given_but_never_finished_has_the_index_made_from_the_site(tmp_path):
    given = Given()
    staging = staging_with(given)
    staging.content(MEETING, searchable.mark("<h1>Möte</h1>", searchable.PAGE), searchable.PAGE, fill, "sv", "Möte")
    (tmp_path / "om").mkdir()
    (tmp_path / "om/index.html").write_text(PAGE.format(content=searchable.mark("<h1>Om</h1>", searchable.PAGE)), encoding="utf-8")
    staging.write(tmp_path)
    assert staging.changed == MEETING and given.closed
    assert (tmp_path / "pagefind/pagefind-entry.json").is_file()


def test_the_indexing_service_indexes_what_it_is_given_and_writes_the_index(tmp_path):
    """The real Pagefind, through its service: pages given one by one are found in the index."""
    indexer = search.Indexer()
    try:
        for n, word in enumerate(["tolkar", "bemanningsbolag", "samverkan"]):
            indexer.add(f"grupp/2017-0{n + 1}-01/index.html",
                        f'<html lang="sv"><head><title>Möte {n}</title></head><body><h1>Möte {n}</h1><p>Om {word}.</p></body></html>')
        result = indexer.write(tmp_path / "pagefind")
    finally:
        indexer.close()
    assert result.summary == "Indexed 3 pages"
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["sv"]["page_count"] == 3
    fragments = [gzip.decompress(p.read_bytes()) for p in (tmp_path / "pagefind" / "fragment").iterdir()]
    assert b'"url":"/grupp/2017-02-01/"' in b"".join(fragments) and b"bemanningsbolag" in b"".join(fragments)


def test_the_indexing_service_runs_at_a_lower_priority_than_the_build():
    indexer = search.Indexer()
    try:
        own = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, indexer._process.pid) == min(own + background.NICENESS, 19)
    finally:
        indexer.close()


def test_an_indexing_service_that_stops_is_an_error_that_says_so(tmp_path):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'pagefind: cannot start' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    with pytest.raises(search.SearchIndexError, match="cannot start"):
        search.Indexer(fake)


FAKE_SERVICE = """#!{python}
# Pagefind's service with a recorder in front: keeps what it is given in {log} and passes every
# message on to the real service ({real}), whose answers it passes back.
import base64, json, pathlib, subprocess, sys, threading
log = pathlib.Path({log!r})
log.with_suffix(".started").touch()
if "--service" not in sys.argv:
    log.with_suffix(".cli").write_text(" ".join(sys.argv))
    sys.exit(1)
real = subprocess.Popen([{real!r}, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
def answer():
    while chunk := real.stdout.read(65536):
        sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
threading.Thread(target=answer).start()
given, pending = {{}}, b""
while chunk := sys.stdin.buffer.read1(65536):
    *messages, pending = (pending + chunk).split(b",")
    for message in messages:
        payload = json.loads(base64.b64decode(message))["payload"]
        if payload["type"] == "AddFile":
            given[payload["url"]] = payload["file_contents"]
        elif payload["type"] == "GetFiles":
            out = pathlib.Path(sys.argv[0]).parent / "project" / "site" / "members" / "pagefind"
            made = [p.relative_to(out.parent).as_posix() for p in out.parent.rglob("index.html")]
            log.with_suffix(".made").write_text(json.dumps(made))  # the pages made when asked to write
            log.write_text(json.dumps(given))
        real.stdin.write(message + b",")
real.stdin.close()
"""


def fake_pagefind(tmp_path: Path) -> tuple[Path, Path]:
    log = tmp_path / "given.json"
    fake = tmp_path / "pagefind"
    fake.write_text(FAKE_SERVICE.format(python=sys.executable, log=str(log), real=str(search.executable())), encoding="utf-8")
    fake.chmod(0o755)
    return fake, log


@pytest.mark.build
def test_the_build_gives_pagefind_the_indexed_pages_only(project, tmp_path, monkeypatch):
    fake, log = fake_pagefind(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    site = build_site(project, "members", today="2026-11-23")
    given = json.loads(log.read_text(encoding="utf-8"))
    assert {"/sgi/2017-04-25/", "/organisationer/halmstad/", "/om/"} <= set(given)
    for page in ["/beslut/", "/uppdrag/", "/sgi/2017/", "/"]:
        assert page not in given, page
    meeting = given["/sgi/2017-04-25/"]
    assert "data-pagefind-body" in meeting and "Helena Strand" in meeting and "md-header" not in meeting
    assert "md-header" in (site / "sgi/2017-04-25/index.html").read_text(encoding="utf-8")
    # Pagefind was asked to write the index before the theme made a page: it writes meanwhile
    assert json.loads(log.with_suffix(".made").read_text(encoding="utf-8")) == []


@pytest.mark.build
def test_the_preview_gives_pagefind_nothing(project, tmp_path, monkeypatch):
    """The preview renders pages on request and never indexes: it starts no indexing service."""
    from support.preview import get, preview

    fake, log = fake_pagefind(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    with preview(project) as url:
        assert get(f"{url}/sgi/2017-04-25/")[0] == 200
    assert not log.with_suffix(".started").exists() and not log.exists()


HOOK = '''\
def on_page_content(html, page, **kwargs):
    if page.file.src_uri == "om/index.md":
        return html.replace("</h1>", "</h1><p>Tillagt av en krok: sjöfartsverket</p>", 1)
    return html
'''


@pytest.mark.build
def test_a_hook_that_changes_a_page_after_notula_has_the_index_made_from_the_finished_site(project):
    """A hook's own change to a page is found in search: Pagefind reads the finished site."""
    from support.builds import run_build

    (project / "hooks").mkdir(exist_ok=True)
    (project / "hooks" / "extra.py").write_text(HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "\nhooks:\n  - hooks/extra.py\n", encoding="utf-8")
    result = run_build(project, "members", today="2026-11-23")
    assert result.returncode == 0, result.stderr
    assert "om/index.html" in result.stderr  # the build says why its index took longer
    fragments = [gzip.decompress(p.read_bytes()).decode() for p in (project / "site/pagefind/fragment").iterdir()]
    assert any("sjöfartsverket" in f and '"url":"/om/"' in f for f in fragments)
    assert any('"url":"/sgi/2017-04-25/"' in f and "Helena Strand" in f for f in fragments)
