"""A large archive's search index in parts (notula.publishing.search, issue 23): Pagefind holds
every page it indexes in memory, so more pages than the plugin's search_part_pages are indexed
one part after another. Every page marked for search is in exactly one part, each part is
checked whole, and the parts are named for the browser (tests/browser/test_search_parts.py)."""

from __future__ import annotations

import collections
import gzip
import json
import sys
from pathlib import Path

import pytest

from notula import memory
from notula.publishing import index_check, search
from support.builds import SEARCH_PART_PAGES as PART_PAGES
from support.builds import TODAY, BuildFailed, build_site, index_in_parts


def marked(site: Path) -> set[str]:
    """The addresses of the pages the site marks for search."""
    folders = [page.parent.relative_to(site).as_posix() for page in site.rglob("*.html")
               if "data-pagefind-body" in page.read_text(encoding="utf-8")]
    return {"/" if folder == "." else f"/{folder}/" for folder in folders}


def indexed(folder: Path) -> collections.Counter:
    """How often each address is in the index in folder (that part alone)."""
    found: collections.Counter = collections.Counter()
    for path in (folder / "fragment").glob("*.pf_fragment"):
        found[json.loads(gzip.decompress(path.read_bytes())[len(index_check.SIGNATURE):])["url"]] += 1
    return found


@pytest.fixture(scope="module")
def sites(demo_builds) -> dict[str, Path]:
    return {audience: demo_builds.site(audience, TODAY, change=index_in_parts) for audience in ("members", "public")}


# ------------------------------------------------------------------ the split


@pytest.mark.parametrize("count, most, sizes", [(0, 10, [0]), (10, 10, [10]), (11, 10, [6, 5]), (20070, 6000, [5018, 5018, 5017, 5017])])
def test_pages_are_split_into_as_few_parts_as_hold_them_as_even_as_can_be(count, most, sizes):
    pages = [f"g{n % 7}/{n:05d}/index.html" for n in range(count)]
    split = search.parts(pages, most)
    assert [len(part) for part in split] == sizes
    assert sorted(page for part in split for page in part) == sorted(pages)  # each page once
    if count > 1000:  # every part holds pages of every group, not one group each
        assert all({page[:2] for page in part} == {page[:2] for page in pages} for part in split)


def test_a_part_holds_as_many_pages_as_the_memory_leaves_room_for():
    mb, gb = 2**20, 2**30
    per_page = search.PAGEFIND_BYTES_A_PAGE
    # 5,000 meetings: the build holds about 550 MB when Pagefind runs, so all 5,070 pages fit in one run
    assert search.part_pages_for(550 * mb, 8 * gb) == (memory.MEMORY_CEILING - 550 * mb) // per_page > 5070
    # 10,000: about 1 GB, two runs of some 5,000 pages (not three of 3,400)
    assert 5100 < search.part_pages_for(gb, 8 * gb) < 10150
    # a machine with less free than the ceiling leaves: what it has
    assert search.part_pages_for(550 * mb, gb) == gb // per_page
    # a build near the ceiling: the least, not a run of Pagefind for every few pages
    assert search.part_pages_for(memory.MEMORY_CEILING - mb, 8 * gb) == search.LEAST_PART_PAGES
    assert search.part_pages_for(memory.MEMORY_CEILING + gb, 8 * gb) == search.LEAST_PART_PAGES
    # where the memory cannot be read: the fixed size
    assert search.part_pages_for(None, 8 * gb) == search.part_pages_for(gb, None) == search.PART_PAGES


def test_without_a_size_the_index_is_made_in_parts_the_memory_leaves_room_for(tmp_path, monkeypatch):
    """index_site without part_pages (the plugin's search_part_pages left out) reads the memory:
    with room for four pages, ten pages are indexed in three parts, each page once."""
    site = tmp_path / "site"
    names = [f"p{n}" for n in range(10)]
    for name in names:
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(f'<html lang="sv"><body><main data-pagefind-body><p>sida {name}</p></main></body></html>',
                                                encoding="utf-8")
    monkeypatch.setattr(search, "LEAST_PART_PAGES", 1)
    monkeypatch.setattr(memory, "resident", lambda: memory.MEMORY_CEILING - 4 * search.PAGEFIND_BYTES_A_PAGE)
    monkeypatch.setattr(memory, "available", lambda: 2**40)
    result = search.index_site(site, pages=[f"{name}/index.html" for name in names])
    assert (result.pages, result.parts) == (10, 3)
    found = sum((indexed(folder) for folder in search.index_folders(site)), collections.Counter())
    assert found == collections.Counter({f"/{name}/": 1 for name in names})


ODD_NAMES = ["a{b}", "c[1]", "d*e", "f,g", "h<1>", "å", "sp ace", "q?", "x$y", "p(1)", "n!o", "c:d", "z#z", "b\\s", "plain"]


def test_a_glob_names_exactly_its_pages_whatever_their_names(tmp_path):
    """The real Pagefind, on pages whose names hold what its glob reads as syntax: given a glob of
    all but one, it indexes each of them once and not the one left out; and the whole site
    indexed in parts of three has every page in the index once."""
    site = tmp_path / "site"
    names = [*ODD_NAMES, "qx", "not-listed"]
    for name in names:
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(f'<html lang="sv"><body><main data-pagefind-body><p>sida {name}</p></main></body></html>',
                                                encoding="utf-8")
    listed = [f"{name}/index.html" for name in names if name != "not-listed"]
    assert search._pagefind(search.executable(), site, tmp_path / "one", listed, len(listed)) == len(listed)
    assert indexed(tmp_path / "one") == collections.Counter({f"/{name}/": 1 for name in names if name != "not-listed"})
    result = search.index_site(site, pages=[f"{name}/index.html" for name in names], part_pages=3)
    assert (result.pages, result.parts) == (len(names), 6)
    found = sum((indexed(folder) for folder in search.index_folders(site)), collections.Counter())
    assert found == collections.Counter({f"/{name}/": 1 for name in names})


def test_a_page_a_glob_cannot_name_alone_fails_the_index_rather_than_be_indexed_twice(tmp_path):
    """A backslash cannot be written in Pagefind's glob and stands as any one character: where
    that also names another page of the same part, the part holds a page too many."""
    site = tmp_path / "site"
    for name in ("b\\s", "bxs", "c", "d"):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text('<html lang="sv"><body><main data-pagefind-body><p>sida</p></main></body></html>',
                                                encoding="utf-8")
    with pytest.raises(search.SearchIndexError, match="Pagefind indexed 2 pages of the 1"):
        search.index_site(site, pages=["b\\s/index.html", "bxs/index.html", "c/index.html", "d/index.html"], part_pages=1)


# ------------------------------------------------------------------ a build in parts


@pytest.mark.build
@pytest.mark.parametrize("audience", ["members", "public"])
def test_every_page_marked_for_search_is_in_exactly_one_part(sites, audience):
    site = sites[audience]
    folders, pages = search.index_folders(site), marked(site)
    assert len(folders) == -(-len(pages) // PART_PAGES) >= 3
    assert folders[1:] == [site / "pagefind" / f"part-{n}" for n in range(2, len(folders) + 1)]
    found = sum((indexed(folder) for folder in folders), collections.Counter())
    assert set(found) == pages and set(found.values()) == {1}
    assert all(0 < sum(indexed(folder).values()) <= PART_PAGES for folder in folders)
    search.check_index(site, len(found))


@pytest.mark.build
def test_the_parts_after_the_first_hold_only_the_index(sites):
    """The first part's scripts and WebAssembly serve every part: the others have none to keep in step."""
    for folder in search.index_folders(sites["members"])[1:]:
        assert sorted(path.name for path in folder.iterdir() if path.is_file()) == \
            ["pagefind-entry.json", next(folder.glob("pagefind.*.pf_meta")).name]
        assert sorted(path.name for path in folder.iterdir() if path.is_dir()) == ["filter", "fragment", "index"]


@pytest.mark.build
def test_a_site_below_the_limit_is_one_index_and_says_so(demo_site):
    assert json.loads((demo_site / "pagefind" / search.PARTS_FILE).read_text(encoding="utf-8")) == {"parts": []}
    assert search.index_folders(demo_site) == [demo_site / "pagefind"]
    assert not list((demo_site / "pagefind").glob("part-*"))


@pytest.mark.build
def test_a_part_left_from_an_earlier_build_goes(sites, tmp_path):
    """Built again into the same folder as one index (a smaller site, or the preview), the parts of
    the earlier build are taken away: no stale page stays reachable in a part no one searches."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(sites["members"], site)
    result = search.index_site(site)
    assert result.parts == 1 and not list((site / "pagefind").glob("part-*"))
    assert search.index_folders(site) == [site / "pagefind"]


@pytest.mark.build
@pytest.mark.parametrize("damage, message", [
    (lambda folder: (folder / search.PARTS_FILE).unlink(), "cannot be read"),
    (lambda folder: (folder / search.PARTS_FILE).write_text('{"parts": ["../../elsewhere/"]}'), "names what is not a part"),
    (lambda folder: shutil_rmtree(folder / "part-3"), r"part-3/pagefind-entry\.json is missing"),
    (lambda folder: next((folder / "part-4" / "fragment").iterdir()).write_bytes(b""), r"\.pf_fragment is empty"),
])
def test_a_broken_part_is_found(sites, tmp_path, damage, message):
    import shutil

    site = tmp_path / "site"
    shutil.copytree(sites["members"], site)
    pages = len(marked(site))
    search.check_index(site, pages)  # whole
    damage(site / "pagefind")
    with pytest.raises(search.SearchIndexError, match=message):
        search.check_index(site, pages)


def shutil_rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path)


@pytest.mark.build
def test_a_pagefind_that_fails_in_a_later_part_fails_the_build(project, tmp_path, monkeypatch):
    """Pagefind run once a part: a failure in the third run fails the build as in the first."""
    runs = tmp_path / "runs"
    stand_in = tmp_path / "pagefind"
    stand_in.write_text(f"""#!/bin/sh
echo x >> {runs}
if [ "$(wc -l < {runs})" -eq 3 ]; then echo 'Error: out of memory' >&2; exit 3; fi
exec {search.executable()} "$@"
""", encoding="utf-8")
    stand_in.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in))
    index_in_parts(project)
    with pytest.raises(BuildFailed, match=r"(?s)Notula could not build the search index.*exit code 3.*out of memory") as failed:
        build_site(project, "members", today=TODAY)
    assert "Traceback" not in str(failed.value)
    assert runs.read_text().count("x") == 3


HOOK = '''\
from pathlib import Path
from mkdocs.plugins import event_priority


@event_priority(0)  # before Notula's index (-100)
def on_post_build(config, **kwargs):
    page = Path(config.site_dir) / "extra" / "index.html"
    page.parent.mkdir()
    page.write_text('<!doctype html><html lang="sv"><body><main><div data-pagefind-body><p>En sida skriven av en krok</p></div></main></body></html>')
'''


@pytest.mark.build
def test_a_page_marked_for_search_that_the_build_did_not_make_fails_an_index_in_parts(project):
    """A page a hook writes beside the build's own is not left out of the search without a word:
    as with one index (where Pagefind's count then disagrees), the build fails and names it."""
    index_in_parts(project)
    (project / "hooks" / "extra.py").write_text(HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("\nhooks:\n", "\nhooks:\n  - hooks/extra.py\n", 1), encoding="utf-8")
    with pytest.raises(BuildFailed, match=r"(?s)extra/index\.html holds data-pagefind-body, but Notula did not mark the page for search"):
        build_site(project, "members", today=TODAY)


@pytest.mark.parametrize("text, marked", [
    (b'<div data-pagefind-body>x</div>', True), (b'<main class="a" data-pagefind-body="">', True),
    (b"<p>Write &lt;div data-pagefind-body&gt; around it</p>", False), (b"<p>data-pagefind-body</p>", False),
    (b'<div data-pagefind-bodyx>', False)])
def test_what_counts_as_a_page_marked_for_search(text, marked):
    assert bool(search._MARKED.search(text)) is marked


@pytest.mark.build
def test_a_part_pagefind_leaves_half_written_fails_the_build(project, tmp_path, monkeypatch):
    """Each part is checked as Pagefind leaves it: a fragment cut in half in the second part (a
    Pagefind that exits 0 anyway) fails the build, naming the file."""
    runs = tmp_path / "runs"
    stand_in = tmp_path / "pagefind"
    stand_in.write_text(f"""#!{sys.executable}
import pathlib, subprocess, sys
runs = pathlib.Path({str(runs)!r})
runs.write_text(runs.read_text() + "x" if runs.exists() else "x")
code = subprocess.call([{str(search.executable())!r}, *sys.argv[1:]])
out = pathlib.Path(sys.argv[sys.argv.index("--output-path") + 1])
if len(runs.read_text()) == 2:
    fragment = sorted((out / "fragment").iterdir())[0]
    fragment.write_bytes(fragment.read_bytes()[: fragment.stat().st_size // 2])
sys.exit(code)
""", encoding="utf-8")
    stand_in.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in))
    index_in_parts(project)
    with pytest.raises(BuildFailed, match=r"(?s)the search index Pagefind wrote is broken: .*part-2/fragment/.*\.pf_fragment is not whole"):
        build_site(project, "members", today=TODAY)


@pytest.mark.parametrize("value", [0, -5, "many", True])
def test_search_part_pages_must_be_a_whole_number_of_pages(project, value):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - notula:\n", f"  - notula:\n      search_part_pages: {json.dumps(value)}\n", 1),
                      encoding="utf-8")
    with pytest.raises(BuildFailed, match="search_part_pages"):
        build_site(project, "members", today=TODAY)


@pytest.mark.parametrize("path, named", [
    ("/pagefind/part-2/fragment/sv_e15c3fc.pf_fragment", True), ("/medlemmar/pagefind/part-12/index/sv_b4d5769.pf_index", True),
    ("/pagefind/part-3/pagefind.sv_3c3a60e13a.pf_meta", True), ("/pagefind/part-2/filter/sv_1.pf_filter", True),
    ("/pagefind/part-2/pagefind-entry.json", False), ("/pagefind/notula-parts.json", False), ("/pagefind/part-x/index/a", False),
    ("/pagefind/other/fragment/a.pf_fragment", False)])
def test_a_parts_files_named_by_their_content_may_be_kept_for_good(path, named):
    assert search.content_named(path) is named
