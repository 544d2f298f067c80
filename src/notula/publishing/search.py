"""Site search with Pagefind: building the index of a finished site.

Pagefind indexes the finished HTML of the site (so the public index holds only what the
public pages show) into a folder of small compressed files, of which the browser fetches
only the few a query needs. What each page gives the index is marked in its HTML by
notula.rendering.searchable.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from notula import urls
from notula.errors import NotulaError
from notula.i18n import _

INDEX_DIR = urls.SEARCH_INDEX.strip("/")  # the index and Pagefind's UI files, in the site folder

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


def index_site(site_dir: Path | str, binary: Path | None = None) -> IndexResult:
    """Build the search index of the finished site in site_dir (into site_dir/pagefind/).

    Runs offline. Raises SearchIndexError with Pagefind's own message when it fails."""
    site = Path(site_dir)
    if not site.is_dir():
        raise SearchIndexError(_("cannot index {site}: the folder does not exist — build the site first").format(site=site))
    command = [str(binary or executable()), "--site", str(site), "--output-subdir", INDEX_DIR,
               "--exclude-selectors", ".headerlink"]  # Material's "¶" after headings
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except OSError as exc:
        raise SearchIndexError(_("could not run Pagefind ({program}): {error}").format(program=command[0], error=exc.strerror or exc)) from None
    except subprocess.TimeoutExpired:
        raise SearchIndexError(_("Pagefind did not finish indexing the site within 10 minutes")) from None
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        detail = "\n".join(line for line in output.splitlines() if line.strip())[-2000:]
        raise SearchIndexError(_("Pagefind could not index the site in {site} (exit code {code}):").format(site=site, code=done.returncode)
                               + "\n" + detail)
    if not (site / INDEX_DIR / "pagefind-entry.json").is_file():
        raise SearchIndexError(_("Pagefind wrote no index into {folder}:").format(folder=site / INDEX_DIR) + "\n" + output[-2000:])
    summary = "\n".join(line.strip() for line in output.splitlines() if line.strip().startswith("Indexed "))
    return IndexResult(summary)


def tool_files(site_dir: Path | str) -> list[Path]:
    """Pagefind's own scripts, styles and WebAssembly in the built site: the same for every
    site, holding nothing of its content (the index, fragments and filters are the rest)."""
    folder = Path(site_dir) / INDEX_DIR
    return sorted(p for pattern in ("*.js", "*.css", "wasm.*.pagefind") for p in folder.glob(pattern))

