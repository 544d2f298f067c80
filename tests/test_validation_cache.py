"""The preview's validation cache: a result is reused only while the file, the registries and
the attachments it names are unchanged; with or without it, validation finds the same. And
pages that are planned, and made only when asked for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from notula.model.validate import check_corpus, minutes_files
from notula.model.validation_cache import ValidationCache
from notula.rendering.pages import generate
from notula.showing.audience import Audience
from notula.showing.view import build_view

FILE = "minutes/sgi/2017/2017-04-25-sgi.md"  # names two attachments


def check(project: Path, cache: ValidationCache):
    before = (cache.hits, cache.misses)
    corpus, problems = check_corpus(project, cache=cache)
    return corpus, problems, cache.hits - before[0], cache.misses - before[1]


def test_unchanged_files_are_not_validated_again(project):
    cache = ValidationCache()
    count = len(minutes_files(project / "minutes"))
    corpus, problems, hits, misses = check(project, cache)
    assert (hits, misses, problems) == (0, count, [])
    again, problems, hits, misses = check(project, cache)
    assert (hits, misses, problems) == (count, 0, [])
    assert [m.id for m in again.meetings] == [m.id for m in corpus.meetings]


def test_a_changed_file_is_validated_again(project):
    cache = ValidationCache()
    check(project, cache)
    path = project / FILE
    path.write_text(path.read_text(encoding="utf-8").replace("host: Hylte kommun", "host: Hylte kommunn"), encoding="utf-8")
    _, problems, hits, misses = check(project, cache)
    assert misses == 1 and [p.path for p in problems] == [FILE]
    assert "unknown organisation 'Hylte kommunn'" in problems[0].message
    assert problems == check_corpus(project)[1]  # the same as without a cache


def test_a_registry_change_validates_every_file_again(project):
    cache = ValidationCache()
    check(project, cache)
    organisations = project / "minutes/organisations.yml"
    text = organisations.read_text(encoding="utf-8")
    organisations.write_text(text.replace("  short: Hylte\n", "  short: Hylte\n  aliases: [Hyltebruk]\n"), encoding="utf-8")
    _, problems, hits, misses = check(project, cache)
    assert (hits, misses, problems) == (0, len(minutes_files(project / "minutes")), [])
    # The registry no longer has a name a file uses: that file's problem is found.
    organisations.write_text(text.replace("name: Hylte kommun", "name: Hylte kommuun"), encoding="utf-8")
    _, problems, hits, misses = check(project, cache)
    assert hits == 0 and FILE in {p.path for p in problems}
    assert problems == check_corpus(project)[1]


def test_an_attachment_removed_or_added_validates_its_file_again(project):
    cache = ValidationCache()
    check(project, cache)
    attachment = project / "minutes/sgi/2017/attachments/2017-04-25-in-vast.pdf"
    kept = attachment.read_bytes()
    attachment.unlink()
    _, problems, hits, misses = check(project, cache)
    assert misses == 1 and [p.path for p in problems] == [FILE]
    assert "2017-04-25-in-vast.pdf' does not exist" in problems[0].message
    _, problems, hits, misses = check(project, cache)
    assert misses == 0 and [p.path for p in problems] == [FILE]  # the failed result is kept too
    attachment.write_bytes(kept)
    _, problems, hits, misses = check(project, cache)
    assert misses == 1 and problems == []


def test_a_deleted_file_is_forgotten(project):
    cache = ValidationCache()
    check(project, cache)
    (project / FILE).unlink()
    corpus, problems, hits, misses = check(project, cache)
    assert len(cache) == len(minutes_files(project / "minutes"))
    assert "sgi/2017-04-25" not in corpus.by_id


def test_pages_are_made_only_when_asked_for(project):
    corpus, _ = check_corpus(project)
    view = build_view(corpus, Audience(name="members", today=dt.date(2026, 11, 23)))
    pages = generate(view)
    assert pages and not any(page.made for page in pages)
    meeting = next(p for p in pages if p.url == "sgi/2017-04-25/")
    assert meeting.meta["title"] in meeting.content and meeting.made
    assert sum(page.made for page in pages) == 1


def test_a_planned_page_must_be_made_as_planned():
    from notula.rendering.pages import Page, Source

    made = lambda: Page("sgi/", {"title": "SGI"}, lambda: Source("# SGI\n"))
    assert Page.deferred("sgi/", made, {"title": "SGI"}).content == "# SGI\n"
    with pytest.raises(RuntimeError, match="planned"):
        Page.deferred("sgi/", made, {"title": "Annan titel"}).content
    with pytest.raises(RuntimeError, match="planned"):
        Page.deferred("styrgrupp/", made).content
    unplanned = Page.deferred("sgi/", made)
    assert unplanned.meta is None and unplanned.content and unplanned.meta == {"title": "SGI"}
