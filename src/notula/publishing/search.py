"""Site search with Pagefind: building the index of a finished site.

Pagefind indexes the finished HTML of the site (so the public index holds only what the
public pages show) into a folder of small compressed files, of which the browser fetches
only the few a query needs. What each page gives the index is marked in its HTML by
notula.rendering.searchable.

Every build has Pagefind's command line read the finished site's folder (index_site), and
checks the index it wrote before the build may succeed (index_check). (Feeding Pagefind's
indexing service each page while the build went on saved 1–25 % of a build in alternated
measurements, median 7 %, and was removed with its own client of the protocol in 0.3.0.)
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from notula import urls
from notula.errors import NotulaError
from notula.i18n import _
from notula.publishing import index_check
from notula.stall import Stall

INDEX_DIR = urls.SEARCH_INDEX.strip("/")  # the index and Pagefind's UI files, in the site folder
# Pagefind's files in INDEX_DIR whose names change with their content (regular expressions, of
# the path inside it): a host may keep them for good (`notula hosting`); the rest can change
# under the same name with each build.
CONTENT_NAMED = (r"(fragment|index|filter)/", r"pagefind\.[^/]+\.pf_meta$")
_CONTENT_NAMED_PATH = re.compile(f"/{INDEX_DIR}/({'|'.join(CONTENT_NAMED)})")


def content_named(path: str) -> bool:
    """Whether an address's path (the site's, /pagefind/... under any prefix) names one of
    Pagefind's files named by their content (CONTENT_NAMED)."""
    return _CONTENT_NAMED_PATH.search(path) is not None

class SearchIndexError(NotulaError):
    """Pagefind could not build the search index; the message says why and what to do."""


@dataclass(frozen=True)
class IndexResult:
    """What Pagefind reported: its summary lines (pages, words, filters indexed)."""

    summary: str


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


def index_site(site_dir: Path | str, binary: Path | None = None, pages: int | None = None) -> IndexResult:
    """Build the search index of the finished site in site_dir (into site_dir/pagefind/), from
    its HTML pages, and check it (index_check): whole, and holding pages pages where the build
    knows how many it marked for search (else as many as Pagefind says it indexed).

    Runs offline. Raises SearchIndexError with Pagefind's own message when it fails or stalls."""
    site = Path(site_dir).resolve()
    if not site.is_dir():
        raise SearchIndexError(_("cannot index {site}: the folder does not exist — build the site first").format(site=site))
    command = [str(binary or executable()), "--site", str(site), "--output-path", str(site / INDEX_DIR),
               "--exclude-selectors", EXCLUDED]
    with tempfile.TemporaryFile() as messages:
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=messages, stderr=subprocess.STDOUT)
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
    if pages is not None and int(counted.group(1)) != pages:
        raise SearchIndexError(_("Pagefind indexed {counted} pages of the {pages} the site marks for search; the index "
                                 "is not made whole").format(counted=counted.group(1), pages=pages) + "\n" + output[-2000:])
    checked(site / INDEX_DIR, int(counted.group(1)))
    summary = "\n".join(line.strip() for line in output.splitlines() if line.strip().startswith("Indexed "))
    return IndexResult(summary)


def checked(folder: Path, pages: int) -> None:
    """The index in folder is whole and holds pages pages, or SearchIndexError says what is wrong."""
    try:
        index_check.check(folder, pages)
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


def tool_files(site_dir: Path | str) -> list[Path]:
    """Pagefind's own scripts, styles and WebAssembly in the built site: the same for every
    site, holding nothing of its content (the index, fragments and filters are the rest)."""
    folder = Path(site_dir) / INDEX_DIR
    return sorted(p for pattern in ("*.js", "*.css", "wasm.*.pagefind") for p in folder.glob(pattern))

