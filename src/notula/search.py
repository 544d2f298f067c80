"""Site search with Pagefind: what each page gives the index, and building the index.

Pagefind indexes the finished HTML of the site (so the public index holds only what the
public pages show) into a folder of small compressed files, of which the browser fetches
only the few a query needs. What a page gives the index is marked in its HTML:
`data-pagefind-body` around the indexed part of its content (see `mark`), and
`data-pagefind-filter` on the facts of a meeting page (templates/meeting.md.j2).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import labels, urls

INDEX_DIR = urls.SEARCH_INDEX.strip("/")  # the index and Pagefind's UI files, in the site folder

# How much of a page is indexed, set in its front matter (page.meta) as "search":
PAGE = "page"  # all of its content: minutes, hand-written pages, the glossary
INTRO = "intro"  # its heading and introduction, up to the first section: organisation, topic
#                  and group pages, whose sections list what the minutes say
NONE = "none"  # nothing: the registers, year pages and other lists that repeat the minutes

# Material's spelling for "not searched" ({"exclude": true}) is kept, so that a hand-written
# page can leave search with the front matter Material documents.
_META = {NONE: {"exclude": True}, INTRO: {"only": "intro"}}


def meeting_filters(view, meeting) -> list[tuple[str, str]]:
    """The search page's filters for a meeting page, each value once: its group, type and year,
    the organisations present (attending, hosting, guests, named in decisions or owning actions)
    and its topics and those of its decisions and actions. All of these are shown on the page."""
    doc, registry = meeting.doc, view.registry
    orgs = [doc.host] if doc.host else []
    orgs += [p.org for p in doc.attendees] + [g.org for g in doc.guests if g.org]
    orgs += [o for d in doc.decisions for o in d.orgs] + [o.org for a in doc.actions for o in a.owners]
    topics = list(doc.topics) + [t for item in (*doc.decisions, *doc.actions) for t in item.topics or ()]
    filters = [("grupp", registry.groups[doc.group].name), ("typ", labels.TYPE_LABELS[doc.type]),
               ("år", str(doc.date.year))]
    filters += [("organisation", registry.org(o).label) for o in orgs]
    filters += [("ämne", registry.topics[t].name) for t in topics]
    return list(dict.fromkeys(filters))


class SearchIndexError(Exception):
    """Pagefind could not build the search index; the message says why and what to do."""


def meta(scope: str) -> dict:
    """The front-matter entry that gives a generated page this scope (PAGE needs none)."""
    return {"search": _META[scope]} if scope in _META else {}


def scope(page_meta: dict | None) -> str:
    """The scope a page's front matter asks for; PAGE unless it says otherwise."""
    setting = (page_meta or {}).get("search")
    if not isinstance(setting, dict):
        return PAGE
    if setting.get("exclude"):
        return NONE
    return INTRO if setting.get("only") == "intro" else PAGE


def mark(html: str, page_scope: str) -> str:
    """A page's rendered content with its indexed part inside `data-pagefind-body`.

    Once any page of a site has that attribute, Pagefind indexes only pages that have it,
    and only inside it; so a page left unmarked (NONE) is not in the index at all, and
    the site's header, navigation and footer never are."""
    if page_scope == NONE:
        return html
    if page_scope == INTRO:
        head, section, rest = html.partition("<h2")
        return f"<div data-pagefind-body>{head}</div>{section}{rest}"
    return f"<div data-pagefind-body>{html}</div>"


@dataclass(frozen=True)
class IndexResult:
    """What Pagefind reported: its summary lines (pages, words, filters indexed)."""

    summary: str


def executable() -> Path:
    """Pagefind's binary, shipped by the pagefind[bin] package (PAGEFIND_BINARY_PATH overrides)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        get_executable = None
    binary = get_executable() if get_executable else None
    if binary is None:
        raise SearchIndexError("the Pagefind program is missing — install Notula's dependencies again "
                               "(python3 dev.py setup, or pip install 'pagefind[bin]')")
    return Path(binary)


def index_site(site_dir: Path | str, binary: Path | None = None) -> IndexResult:
    """Build the search index of the finished site in site_dir (into site_dir/pagefind/).

    Runs offline. Raises SearchIndexError with Pagefind's own message when it fails."""
    site = Path(site_dir)
    if not site.is_dir():
        raise SearchIndexError(f"cannot index {site}: the folder does not exist — build the site first")
    command = [str(binary or executable()), "--site", str(site), "--output-subdir", INDEX_DIR,
               "--exclude-selectors", ".headerlink"]  # Material's "¶" after headings
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except OSError as exc:
        raise SearchIndexError(f"could not run Pagefind ({command[0]}): {exc.strerror or exc}") from None
    except subprocess.TimeoutExpired:
        raise SearchIndexError("Pagefind did not finish indexing the site within 10 minutes") from None
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        detail = "\n".join(line for line in output.splitlines() if line.strip())[-2000:]
        raise SearchIndexError(f"Pagefind could not index the site in {site} (exit code {done.returncode}):\n{detail}")
    if not (site / INDEX_DIR / "pagefind-entry.json").is_file():
        raise SearchIndexError(f"Pagefind wrote no index into {site / INDEX_DIR}:\n{output[-2000:]}")
    summary = "\n".join(line.strip() for line in output.splitlines() if line.strip().startswith("Indexed "))
    return IndexResult(summary)


def tool_files(site_dir: Path | str) -> list[Path]:
    """Pagefind's own scripts, styles and WebAssembly in the built site: the same for every
    site, holding nothing of its content (the index, fragments and filters are the rest)."""
    folder = Path(site_dir) / INDEX_DIR
    return sorted(p for pattern in ("*.js", "*.css", "wasm.*.pagefind") for p in folder.glob(pattern))

