"""Site search with Pagefind: building the index of a finished site.

Pagefind indexes the finished HTML of the site (so the public index holds only what the
public pages show) into a folder of small compressed files, of which the browser fetches
only the few a query needs. What each page gives the index is marked in its HTML by
notula.rendering.searchable.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from notula import urls
from notula.errors import NotulaError
from notula.i18n import _
from notula.rendering.searchable import INTRO, NONE

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


def index_site(site_dir: Path | str, binary: Path | None = None, pages: Path | str | None = None) -> IndexResult:
    """Build the search index of the finished site in site_dir (into site_dir/pagefind/), from
    the HTML pages in the folder pages (a Staging folder; the site itself if not given).

    Runs offline. Raises SearchIndexError with Pagefind's own message when it fails."""
    site = Path(site_dir).resolve()
    if not site.is_dir():
        raise SearchIndexError(_("cannot index {site}: the folder does not exist — build the site first").format(site=site))
    command = [str(binary or executable()), "--site", str(pages or site), "--output-path", str(site / INDEX_DIR),
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


_LANG = re.compile(r'<html\b[^>]*?\blang="([^"]*)"')
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)


class Staging:
    """The indexed part of each page, as the build finishes it, kept for Pagefind in a temporary
    folder at the page's own path (so that its address in the index is the same).

    Pagefind reads and parses the whole of every page it is given. A finished page is mostly the
    theme's header, navigation and footer, and the pages left out of the index (registers, year
    pages) are the largest of the site; here Pagefind reads the `data-pagefind-body` part of
    the indexed pages only, in a page with the language and title of the original."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="notula-search-"))
        self._marked: dict[str, tuple[str, int]] = {}  # by dest path: the marked content, where its body ends

    def content(self, dest_path: str, marked: str, page_scope: str) -> None:
        """A page's content as `mark` returned it (before the theme puts it into the page)."""
        if page_scope != NONE:
            end = marked.find("<h2") if page_scope == INTRO else -1  # where mark closed the body
            self._marked[dest_path] = (marked, end if end >= 0 else len(marked))

    def page(self, dest_path: str, rendered: str, finished: str) -> None:
        """The page as the theme rendered it, and as it is written (with the islands of its
        content filled): keeps the finished page's indexed part."""
        marked = self._marked.pop(dest_path, None)
        if marked is None:
            return
        body = _finished_part(rendered, finished, *marked)
        if body is None:  # the content is not in the page as expected: Pagefind reads all of it
            text = finished
        else:
            head = finished[:finished.find("</head>") + 1]
            lang, title = _LANG.search(head), _TITLE.search(head)
            text = (f'<!DOCTYPE html>\n<html lang="{lang.group(1) if lang else ""}">\n<head><meta charset="utf-8">'
                    f'{title.group(0) if title else ""}</head>\n<body>{body}</body>\n</html>\n')
        path = self.folder / dest_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _finished_part(rendered: str, finished: str, marked: str, end: int) -> str | None:
    """The body that mark made (marked[:end], which is in rendered once) as it is in finished;
    None unless all that changed from rendered to finished is inside marked."""
    at = rendered.find(marked)
    if at < 0:
        return None
    if end < len(marked) and finished.startswith(rendered[:at + end]):  # nothing changed in the body
        return rendered[at:at + end]
    after = rendered[at + len(marked):]
    stop = len(finished) - len(after)
    if stop < at or not finished.startswith(rendered[:at]) or not finished.endswith(after):
        return None
    return finished[at:stop]  # with what follows the body, if any (outside it, Pagefind skips it)


def tool_files(site_dir: Path | str) -> list[Path]:
    """Pagefind's own scripts, styles and WebAssembly in the built site: the same for every
    site, holding nothing of its content (the index, fragments and filters are the rest)."""
    folder = Path(site_dir) / INDEX_DIR
    return sorted(p for pattern in ("*.js", "*.css", "wasm.*.pagefind") for p in folder.glob(pattern))

