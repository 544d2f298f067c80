"""What Pagefind is given to read (search.Staging): the indexed part of the indexed pages only,
each in a small page at its own path, not the finished site whole; and how it is given
(search.Indexer, Pagefind's indexing service)."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from notula.publishing import search
from notula.rendering import searchable
from support.builds import build_site

PAGE = ('<!doctype html>\n<html lang="sv" class="no-js"><head><title>Möte - Sajt</title></head><body>'
        '<header class="md-header">Sök</header><article>{content}</article><footer>Sidfot</footer></body></html>')


class Given:
    """A stand-in for Pagefind's service: what it was given, by path."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.closed = False

    def add(self, dest_path: str, html: str) -> None:
        self.pages[dest_path] = html

    def close(self) -> None:
        self.closed = True


def staging_with(given: Given) -> search.Staging:
    return search.Staging(lambda: given)  # type: ignore[arg-type,return-value]


def test_a_page_gives_its_body_in_a_page_of_its_own():
    given = Given()
    staging = staging_with(given)
    marked = searchable.mark("<h1>Möte</h1>notula-island-0-end", searchable.PAGE)
    rendered = PAGE.format(content=marked)
    finished = rendered.replace("notula-island-0-end", "<p>Beslut om tolkar</p>")
    staging.content("sgi/2017-04-25/index.html", marked, searchable.PAGE)
    staging.page("sgi/2017-04-25/index.html", rendered, finished)
    text = given.pages["sgi/2017-04-25/index.html"]
    assert '<html lang="sv">' in text and "<title>Möte - Sajt</title>" in text
    assert "<div data-pagefind-body><h1>Möte</h1><p>Beslut om tolkar</p></div>" in text  # islands filled
    assert "md-header" not in text and "Sidfot" not in text
    staging.close()
    assert given.closed


def test_intro_pages_give_their_intro_and_unindexed_pages_nothing():
    given = Given()
    staging = staging_with(given)
    marked = searchable.mark("<h1>Halmstad</h1><p>Kommun</p><h2>Möten</h2><ul><li>lång lista</li></ul>", searchable.INTRO)
    staging.content("organisationer/halmstad/index.html", marked, searchable.INTRO)
    staging.page("organisationer/halmstad/index.html", PAGE.format(content=marked), PAGE.format(content=marked))
    text = given.pages["organisationer/halmstad/index.html"]
    assert "<div data-pagefind-body><h1>Halmstad</h1><p>Kommun</p></div>" in text and "lång lista" not in text
    register = searchable.mark("<h1>Beslut</h1>", searchable.NONE)
    staging.content("beslut/index.html", register, searchable.NONE)
    staging.page("beslut/index.html", PAGE.format(content=register), PAGE.format(content=register))
    assert "beslut/index.html" not in given.pages


def test_a_page_whose_content_cannot_be_found_is_given_whole():
    given = Given()
    staging = staging_with(given)
    marked = searchable.mark("<h1>Om</h1>", searchable.PAGE)
    finished = PAGE.format(content="<div data-pagefind-body><h1>Om</h1> (changed by another plugin)</div>")
    staging.content("om/index.html", marked, searchable.PAGE)
    staging.page("om/index.html", finished, finished)
    assert given.pages["om/index.html"] == finished


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


def test_an_indexing_service_that_stops_is_an_error_that_says_so(tmp_path):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'pagefind: cannot start' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    with pytest.raises(search.SearchIndexError, match="cannot start"):
        search.Indexer(fake)


FAKE_SERVICE = """#!{python}
# A stand-in for `pagefind --service`: answers as Pagefind does and keeps what it is given in {log}.
import base64, json, pathlib, sys
log = pathlib.Path({log!r})
log.with_suffix(".started").touch()
if "--service" not in sys.argv:
    log.with_suffix(".cli").write_text(" ".join(sys.argv))
    sys.exit(1)
given, pending = {{}}, b""
while chunk := sys.stdin.buffer.read1(65536):
    *messages, pending = (pending + chunk).split(b",")
    for message in messages:
        request = json.loads(base64.b64decode(message))
        payload = request["payload"]
        if payload["type"] == "NewIndex":
            answer = {{"type": "NewIndex", "index_id": 7}}
        elif payload["type"] == "AddFile":
            given[payload["url"]] = payload["file_contents"]
            answer = {{"type": "IndexedFile", "page_word_count": 1, "page_url": payload["url"], "page_meta": {{}}}}
        else:
            out = pathlib.Path(payload["output_path"])
            out.mkdir(parents=True, exist_ok=True)
            (out / "pagefind-entry.json").write_text("{{}}")
            log.write_text(json.dumps(given))
            answer = {{"type": "WriteFiles", "output_path": str(out)}}
        sys.stdout.buffer.write(base64.b64encode(json.dumps({{"message_id": request["message_id"], "payload": answer}}).encode()) + b",")
        sys.stdout.buffer.flush()
"""


def fake_pagefind(tmp_path: Path) -> tuple[Path, Path]:
    log = tmp_path / "given.json"
    fake = tmp_path / "pagefind"
    fake.write_text(FAKE_SERVICE.format(python=sys.executable, log=str(log)), encoding="utf-8")
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


@pytest.mark.build
def test_the_preview_gives_pagefind_nothing(project, tmp_path, monkeypatch):
    """The preview renders pages on request and never indexes: it starts no indexing service."""
    from support.preview import get, preview

    fake, log = fake_pagefind(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    with preview(project) as url:
        assert get(f"{url}/sgi/2017-04-25/")[0] == 200
    assert not log.with_suffix(".started").exists() and not log.exists()
