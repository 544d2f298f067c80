"""What each page gives the search index, marked in its HTML for Pagefind.

`data-pagefind-body` goes around the indexed part of a page's content (see `mark`), and
`data-pagefind-filter` on the facts of a meeting page (templates/meeting.md.j2). Building the
index from the finished site is notula.publishing.search.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from notula import labels

# How much of a page is indexed, set in its front matter (page.meta) as "search":
PAGE = "page"  # all of its content: minutes, hand-written pages, the glossary
INTRO = "intro"  # its heading and introduction, up to the first section: organisation, topic
#                  and group pages, whose sections list what the minutes say
NONE = "none"  # nothing: the registers, year pages and other lists that repeat the minutes

# Material's spelling for "not searched" ({"exclude": true}) is kept, so that a hand-written
# page can leave search with the front matter Material documents.
_META = {NONE: {"exclude": True}, INTRO: {"only": "intro"}}

# The front matter of the search page (sok/): the theme's main.html starts its search from the
# page's <head> (assets/javascripts/notula-search-start.js) and preloads what that needs.
SEARCH_PAGE = {"notula_search_page": True}


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


def meta(scope: str) -> dict:
    """The front-matter entry that gives a generated page this scope (PAGE needs none)."""
    return {"search": _META[scope]} if scope in _META else {}


def scope(page_meta: Mapping[str, Any] | None) -> str:
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
