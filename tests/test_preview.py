"""The preview (`notula serve`, notula.plugin.preview) serves what a full build writes, follows edits,
shows problems and keeps serving, and picks up added and deleted files.

One preview runs on a private copy of the demo for the whole module; each test puts back the
files it changed, and waits until the preview shows the demo again before it ends.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from support.builds import build_site, copy_project
from support.preview import TODAY, get, preview, wait_for, without_livereload

EDITED = "minutes/sgi/2017/2017-04-25-sgi.md"
EDITED_URL = "sgi/2017-04-25/"
NEIGHBOURS = ("sgi/2017-03-07/", "sgi/2018-01-23/")  # the pages before and after it in its group
AFFECTED = (EDITED_URL, *NEIGHBOURS, "", "sgi/", "sgi/2017/", "beslut/", "uppdrag/", "moten/", "amnen/",
            "amnen/strategiska-riktlinjer/", "amnen/arbetsmarknad/", "organisationer/", "organisationer/in-vast/")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(project root, preview URL) on a private copy of the demo."""
    root = copy_project(tmp_path_factory.mktemp("preview") / "project")
    with preview(root, log=root.parent / "serve.log") as url:
        yield root, url


def dest(url_path: str) -> str:
    """The file a build writes for a page address."""
    return url_path + "index.html" if url_path == "" or url_path.endswith("/") else url_path


def assert_as_built(base: str, site: Path, paths) -> None:
    """Every one of paths is served exactly as the build in site has it (livereload aside)."""
    different = []
    for path in paths:
        status, body = get(f"{base}/{path}")
        expected = (site / dest(path)).read_bytes()
        served = without_livereload(body) if dest(path).endswith(".html") else body
        if status != 200 or served != expected:
            different.append(f"{path or '/'} ({status})")
    assert not different, f"served differently from the full build: {', '.join(different)}"


def every_output(site: Path) -> list[str]:
    """Every page and generated file of a build (not the theme's assets, nor the search index: the preview has none)."""
    paths = []
    for file in sorted(site.rglob("*")):
        rel = file.relative_to(site).as_posix()
        if file.is_file() and not rel.startswith(("assets/", "search/", "pagefind/")) and not rel.endswith(".gz"):
            paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


def shows(base: str, path: str, text: str, status: int = 200):
    return lambda: (lambda answer: answer[0] == status and text.encode() in answer[1])(get(f"{base}/{path}"))


def restore(root: Path, base: str, *files: str) -> None:
    """Put the demo's files back and wait until the preview shows the original edited page."""
    source = Path(__file__).resolve().parent.parent
    for name in files:
        if (source / name).exists():
            shutil.copy2(source / name, root / name)
        else:
            (root / name).unlink(missing_ok=True)
    wait_for(shows(base, EDITED_URL, "Gruppen beslutar att skicka utkastet"), "the demo again")


def test_served_as_a_full_build_writes_it(served, demo_site):
    root, base = served
    assert_as_built(base, demo_site, every_output(demo_site))


def test_an_edit_shows_and_equals_a_full_build(served, tmp_path):
    root, base = served
    path = root / EDITED
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original.replace("Gruppen beslutar att skicka utkastet", "Gruppen beslutar att skicka det nya utkastet")
                        .replace("berättade kort om kommunens arbete", "berättade utförligt om kommunens arbete"),
                        encoding="utf-8")
        wait_for(shows(base, EDITED_URL, "det nya utkastet"), "the edit")
        site = build_site(root, "members", today=TODAY, out=tmp_path / "site")
        assert b"det nya utkastet" in (site / "beslut/index.html").read_bytes()
        assert_as_built(base, site, AFFECTED)
        assert_as_built(base, site, every_output(site))
    finally:
        restore(root, base, EDITED)


def test_a_problem_shows_the_problems_page_and_a_fix_brings_the_site_back(served, demo_site):
    root, base = served
    path = root / EDITED
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original.replace("host: Hylte kommun", "host: Hylte kommunn"), encoding="utf-8")
        wait_for(shows(base, "", "Fel i minnesanteckningarna"), "the problems page")
        status, start = get(f"{base}/")
        assert f"{EDITED}:8".encode() in start and b"Hylte kommunn" in start
        assert get(f"{base}/{EDITED_URL}")[0] == 404  # only the problems while there are any
        path.write_text(original, encoding="utf-8")
        wait_for(shows(base, EDITED_URL, "Gruppen beslutar att skicka utkastet"), "the fixed site")
        assert_as_built(base, demo_site, AFFECTED)
    finally:
        restore(root, base, EDITED)


def test_added_and_deleted_files_are_picked_up(served, demo_site):
    root, base = served
    added = root / "minutes/sgi/2017/2017-12-05-sgi.md"
    deleted = root / "minutes/sgi/2018/2018-01-23-sgi.md"  # NEIGHBOURS[1]; no later file follows up its actions
    try:
        copy = (root / EDITED).read_text(encoding="utf-8").replace("date: 2017-04-25", "date: 2017-12-05")
        copy = re.sub(r"\nnext_meetings:\n(?:  - .*\n)+", "\n", copy)  # its schedule would be in its past
        added.write_text(copy.replace("  date: 2017-05-09", "  date: 2017-12-19")  # approved after the meeting
                         .replace("    due: 2017-", "    due: 2018-")  # report back after it
                         .replace("Mötesanteckningar Strategisk grupp integration", "Decembermötet i SGI"),
                         encoding="utf-8")
        wait_for(shows(base, "sgi/2017-12-05/", "Decembermötet i SGI"), "the added file")
        assert b'href="../2017-12-05/"' in get(f"{base}/sgi/2017/")[1]
        assert b"2017-12-05" in get(f"{base}/{NEIGHBOURS[1]}")[1]  # its new neighbour links to it
        added.unlink()
        wait_for(lambda: get(f"{base}/sgi/2017-12-05/")[0] == 404, "the deleted file gone")
        assert b"2017-12-05" not in get(f"{base}/sgi/2017/")[1]
        assert_as_built(base, demo_site, AFFECTED)

        kept = deleted.read_bytes()
        deleted.unlink()
        wait_for(lambda: get(f"{base}/{NEIGHBOURS[1]}")[0] == 404, "a deleted demo file gone")
        assert b"2018-01-23" not in get(f"{base}/sgi/")[1].split(b"notula-coming")[0]
        deleted.write_bytes(kept)
        wait_for(lambda: get(f"{base}/{NEIGHBOURS[1]}")[0] == 200, "the file back")
        assert_as_built(base, demo_site, AFFECTED)
    finally:
        added.unlink(missing_ok=True)
        restore(root, base, EDITED, "minutes/sgi/2018/2018-01-23-sgi.md")


def test_the_public_preview_is_the_public_build(demo_public_site, tmp_path):
    root = copy_project(tmp_path / "project")
    with preview(root, "--public") as base:
        assert_as_built(base, demo_public_site, every_output(demo_public_site))
        members_only = "styrgrupp/2018-02-14/"
        assert not (demo_public_site / members_only).exists() and get(f"{base}/{members_only}")[0] == 404
