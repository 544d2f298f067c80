"""Site search with Pagefind: building the index of a finished site.

Pagefind indexes the finished HTML of the site (so the public index holds only what the
public pages show) into a folder of small compressed files, of which the browser fetches
only the few a query needs. What each page gives the index is marked in its HTML by
notula.rendering.searchable.

Every build has Pagefind's command line read the finished site's folder (index_site), and
checks the index it wrote before the build may succeed (index_check). A large archive's index
is made in parts, one run of Pagefind after another, which the browser searches as one. (Feeding Pagefind's
indexing service each page while the build went on saved 1–25 % of a build in alternated
measurements, median 7 %, and was removed with its own client of the protocol in 0.3.0.)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from notula import memory, urls
from notula.errors import NotulaError
from notula.i18n import _
from notula.publishing import index_check
from notula.stall import Stall

INDEX_DIR = urls.SEARCH_INDEX.strip("/")  # the index and Pagefind's UI files, in the site folder
# A site of more pages marked for search than one run of Pagefind may index is indexed in parts
# (index_site): the first in INDEX_DIR, the others in folders inside it, which PARTS_FILE there
# names for the browser (theme/assets/javascripts/notula-pagefind.js). How many pages a run may
# index is the plugin's search_part_pages where the site sets it, else as many as the memory
# leaves room for (part_pages_for).
PAGEFIND_BYTES_A_PAGE = 250 * 2**10  # Pagefind's peak, a page of minutes: 237 kB at 5,070 pages, its own included
LEAST_PART_PAGES = 1000  # however little room is left: more runs of Pagefind cost more than they save
PART_PAGES = 4000  # where the memory cannot be read: some 1,000 MB a part
PART_FOLDER = "part-{number}"
PARTS_FILE = "notula-parts.json"

# Pagefind's files in INDEX_DIR whose names change with their content (regular expressions, of
# the path inside it): a host may keep them for good (`notula hosting`); the rest can change
# under the same name with each build.
_PART_NAME = re.escape(PART_FOLDER.format(number="")) + "[0-9]+"  # a part's folder after the first, as a pattern
_IN_A_PART = f"({_PART_NAME}/)?"
CONTENT_NAMED = (_IN_A_PART + r"(fragment|index|filter)/", _IN_A_PART + r"pagefind\.[^/]+\.pf_meta$")
_CONTENT_NAMED_PATH = re.compile(f"/{INDEX_DIR}/({'|'.join(CONTENT_NAMED)})")


def content_named(path: str) -> bool:
    """Whether an address's path (the site's, /pagefind/... under any prefix) names one of
    Pagefind's files named by their content (CONTENT_NAMED)."""
    return _CONTENT_NAMED_PATH.search(path) is not None


class SearchIndexError(NotulaError):
    """Pagefind could not build the search index; the message says why and what to do."""


@dataclass(frozen=True)
class IndexResult:
    """What the index holds: its pages, in how many parts."""

    pages: int
    parts: int

    @property
    def summary(self) -> str:
        return f"Indexed {self.pages} pages" + (f" in {self.parts} parts" if self.parts > 1 else "")


def executable() -> Path:
    """Pagefind's binary, shipped by the pagefind[bin] package (PAGEFIND_BINARY_PATH overrides)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        binary = None
    else:
        binary = get_executable()
    if binary is None:
        raise SearchIndexError(_("the Pagefind program is missing — install Notula's dependencies again "
                                 "(python3 dev.py setup, or pip install 'pagefind[bin]')"))
    return Path(binary)


EXCLUDED = ".headerlink"  # Material's "¶" after headings


def part_pages_for(resident: int | None, available: int | None) -> int:
    """The most pages one run of Pagefind may index beside a build holding resident bytes, on a
    machine with available bytes free: as many as keep the two within memory.MEMORY_CEILING and what
    the machine has (one run at 5,000 meetings, two at 10,000), LEAST_PART_PAGES at the least;
    PART_PAGES where either cannot be read."""
    if resident is None or available is None:
        return PART_PAGES
    return max(LEAST_PART_PAGES, min(memory.MEMORY_CEILING - resident, available) // PAGEFIND_BYTES_A_PAGE)


def index_site(site_dir: Path | str, binary: Path | None = None, pages: Sequence[str] | None = None,
               part_pages: int | None = None) -> IndexResult:
    """Build the search index of the finished site in site_dir (into site_dir/pagefind/), from
    its HTML pages, and check it (index_check): whole, and holding every page of pages (the
    paths, in the site, of the pages the build marked for search) where the build knows them,
    else as many as Pagefind says it indexed.

    Pagefind holds every page it indexes in memory until it writes the index (about 240 kB a
    page of minutes, PAGEFIND_BYTES_A_PAGE), so more than part_pages pages (None: as many as the memory leaves room
    for, part_pages_for) are indexed in parts, one run of Pagefind after another (see `parts`);
    the browser searches them as one (PARTS_FILE).

    Runs offline. Raises SearchIndexError with Pagefind's own message when it fails or stalls."""
    site = Path(site_dir).resolve()
    if not site.is_dir():
        raise SearchIndexError(_("cannot index {site}: the folder does not exist — build the site first").format(site=site))
    folder = site / INDEX_DIR
    for old in folder.glob(PART_FOLDER.format(number="*")):  # an earlier build's, in a folder built into again
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    program = binary or executable()
    if part_pages is None:
        part_pages = part_pages_for(memory.resident(), memory.available())
    names: list[str] = []  # the folders of the parts after the first
    if pages is None or len(pages) <= part_pages:
        counted = _pagefind(program, site, folder, None, None if pages is None else len(pages))
        checked(folder, counted)
    else:
        _none_left_out(site, pages)
        counted = 0
        for number, part in enumerate(parts(pages, part_pages), start=1):
            out = folder if number == 1 else folder / PART_FOLDER.format(number=number)
            counted += _pagefind(program, site, out, part, len(part))
            if number > 1:
                names.append(f"{out.name}/")
                for tool in _tools_in(out):  # the first part's scripts and WebAssembly serve them all
                    tool.unlink()
            checked(out, len(part), merged=number > 1)
    _write_parts(folder, names)
    return IndexResult(pages=counted, parts=len(names) + 1)


# An element marked as the part of a page to index (rendering.searchable.mark), as HTML has it:
# in a page's text, or a code block showing it, its "<" is written "&lt;".
_MARKED = re.compile(rb"<[A-Za-z][^<>]*\sdata-pagefind-body[\s=/>]")


def _none_left_out(site: Path, pages: Sequence[str]) -> None:
    """Every page of the site marked for search is among pages: a page made otherwise (a hook, or
    a plugin writing its own) would be left out of an index made in parts, where Pagefind reads
    only the pages it is given, and is an error as it is where it reads the whole site (the
    counts then disagree). Raises SearchIndexError naming the first such page."""
    listed = set(pages)
    for folder, subfolders, files in os.walk(site):
        relative = os.path.relpath(folder, site).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        if not prefix:
            subfolders[:] = [name for name in subfolders if name != INDEX_DIR]
        for name in sorted(files):
            if not name.endswith(".html") or prefix + name in listed:
                continue
            path = Path(folder, name)
            data = path.read_bytes()
            if b"data-pagefind-body" in data and _MARKED.search(data):
                raise SearchIndexError(_("{file} holds data-pagefind-body, but Notula did not mark the page for search (a "
                                         "page written by a hook or another plugin, or the attribute written into a page's "
                                         "text): it would be left out of the search index; take the attribute away, or let "
                                         "Notula mark the page").format(file=path))


def parts(pages: Sequence[str], most: int) -> list[list[str]]:
    """pages in as few parts as hold at most `most` pages each, as even as can be: every k-th
    page in the order of their paths, so that each part holds pages of every group and year.
    Pagefind ranks a result by how rare its words are in its own part; parts alike rank alike."""
    count = max(1, -(-len(pages) // most))
    ordered = sorted(pages)
    return [ordered[start::count] for start in range(count)]


# Characters Pagefind's glob (the wax crate) reads as syntax; each is written with a backslash
# before it to stand for itself. A backslash cannot be written so, and is written as "?" (any one
# character): a page that this also matches is then indexed twice, which the counts catch.
_GLOB_SYNTAX = frozenset("*?$[]{}<>,:()")


def glob_of(paths: Sequence[str]) -> str:
    """A Pagefind glob that names exactly these paths of the site (relative, with "/")."""
    def written(path: str) -> str:
        return "".join("?" if char == "\\" else "\\" + char if char in _GLOB_SYNTAX else char for char in path)

    return "{" + ",".join(written(path) for path in paths) + "}"


def _pagefind(program: Path, site: Path, out: Path, paths: Sequence[str] | None, expected: int | None) -> int:
    """Run Pagefind on site into out, on every page (paths None) or on these; the number of pages
    it says it indexed, which must be expected where that is known. Raises SearchIndexError."""
    command = [str(program), "--site", str(site), "--output-path", str(out), "--exclude-selectors", EXCLUDED]
    with tempfile.TemporaryDirectory(prefix="notula-pagefind-") as workdir, tempfile.TemporaryFile() as messages:
        # Pagefind reads a configuration file from its working folder: this one's holds only the
        # glob of the pages (too long for a command line), never a file of the site's.
        if paths is not None:
            config = {"glob": glob_of(paths)}
            Path(workdir, "pagefind.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        try:
            process = subprocess.Popen(command, cwd=workdir, stdin=subprocess.DEVNULL, stdout=messages, stderr=subprocess.STDOUT)
        except OSError as exc:
            raise SearchIndexError(_("could not run Pagefind ({program}): {error}").format(program=command[0], error=exc.strerror or exc)) from None
        try:
            watch = Watch(process)
            while process.poll() is None:
                watch.check()
                try:
                    process.wait(POLL_SECONDS)
                except subprocess.TimeoutExpired:
                    pass
        except SearchIndexError:
            process.kill()
            process.wait()
            raise
        messages.seek(0)
        output = messages.read().decode("utf-8", errors="replace").strip()
    if process.returncode != 0:
        detail = "\n".join(line for line in output.splitlines() if line.strip())[-2000:]
        raise SearchIndexError(_("Pagefind could not index the site in {site} (exit code {code}):").format(site=site, code=process.returncode)
                               + "\n" + detail)
    counted = re.search(r"^\s*Indexed (\d+) pages?\s*$", output, re.MULTILINE)
    if counted is None:
        raise SearchIndexError(_("Pagefind did not say how many pages it indexed in {site}:").format(site=site) + "\n" + output[-2000:])
    if expected is not None and int(counted.group(1)) != expected:
        raise SearchIndexError(_("Pagefind indexed {counted} pages of the {pages} the site marks for search; the index "
                                 "is not made whole").format(counted=counted.group(1), pages=expected) + "\n" + output[-2000:])
    return int(counted.group(1))


def _write_parts(folder: Path, names: list[str]) -> None:
    """PARTS_FILE in the index folder: the folders of its parts after the first (none: one part)."""
    path = folder / PARTS_FILE
    text = json.dumps({"parts": names}) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
        written = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SearchIndexError(_("could not write {file}: {error}").format(file=path, error=exc.strerror or exc)) from None
    if written != text:
        raise SearchIndexError(_("{file} was not written whole").format(file=path))


def checked(folder: Path, pages: int, merged: bool = False) -> None:
    """The index in folder is whole and holds pages pages, or SearchIndexError says what is wrong.
    merged: a part after the first, which the first part's scripts and WebAssembly serve."""
    try:
        index_check.check(folder, pages, merged=merged)
    except index_check.BrokenIndex as exc:
        raise SearchIndexError(_("the search index Pagefind wrote is broken: {problem}").format(problem=exc)) from None


TIMEOUT_SECONDS = 600  # the longest Pagefind may take to index a site
STALLED_SECONDS = 10  # Pagefind using no processor time this long while it indexes has stopped
POLL_SECONDS = 0.5


class Watch:
    """Tells when a process that should be indexing has stopped working: it has used no processor
    time for STALLED_SECONDS (notula.stall), or TIMEOUT_SECONDS have passed."""

    def __init__(self, process: subprocess.Popen) -> None:
        self._stall = Stall(process.pid, STALLED_SECONDS)
        self._started = time.monotonic()

    def check(self) -> None:
        """Raise SearchIndexError if the process has stalled or taken too long."""
        if time.monotonic() - self._started > TIMEOUT_SECONDS:
            raise SearchIndexError(_("Pagefind did not finish indexing the site within 10 minutes"))
        if self._stall.stalled():
            raise SearchIndexError(_("Pagefind stopped answering: it has done no work for {seconds} seconds")
                                   .format(seconds=STALLED_SECONDS))


def index_folders(site_dir: Path | str) -> list[Path]:
    """The folders of a built site's index: its first part's, then those PARTS_FILE names.
    Raises SearchIndexError where that file is missing or names what is not a part's folder."""
    folder = Path(site_dir) / INDEX_DIR
    path = folder / PARTS_FILE
    try:
        names = json.loads(path.read_text(encoding="utf-8"))["parts"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SearchIndexError(_("{file} cannot be read: {error}").format(file=path, error=exc)) from None
    if not isinstance(names, list) or not all(isinstance(name, str) and re.fullmatch(_PART_NAME + "/", name) for name in names):
        raise SearchIndexError(_("{file} names what is not a part of the index: {parts}").format(file=path, parts=names))
    return [folder, *(folder / name for name in names)]


def check_index(site_dir: Path | str, pages: int | None = None) -> int:
    """The whole index of a built site, every part, is whole and holds pages pages (None: as
    many as its parts say); how many it holds. Raises SearchIndexError."""
    folders = index_folders(site_dir)
    try:
        counts = [index_check.page_count(folder) for folder in folders]
    except index_check.BrokenIndex as exc:
        raise SearchIndexError(_("the search index Pagefind wrote is broken: {problem}").format(problem=exc)) from None
    for number, (folder, count) in enumerate(zip(folders, counts, strict=True)):
        checked(folder, count, merged=number > 0)
    if pages is not None and sum(counts) != pages:
        raise SearchIndexError(_("the search index holds {counted} pages, not the {pages} the site marks for search")
                               .format(counted=sum(counts), pages=pages))
    return sum(counts)


def tool_files(site_dir: Path | str) -> list[Path]:
    """Pagefind's own scripts, styles and WebAssembly in the built site: the same for every
    site, holding nothing of its content (the index, fragments and filters are the rest)."""
    return _tools_in(Path(site_dir) / INDEX_DIR)


def _tools_in(folder: Path) -> list[Path]:
    return sorted(p for pattern in ("*.js", "*.css", "wasm.*.pagefind") for p in folder.glob(pattern))

