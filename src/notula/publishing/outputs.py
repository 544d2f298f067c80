"""Everything a build publishes besides pages: feeds, calendars, open data and the members' site's
robots.txt, all made from the View.

The plugin calls `generate` once per build and `page_meta` for each page. Both take the
audience's View, never the whole corpus, so that nothing members-only reaches the public build.
"""

from __future__ import annotations

from notula.publishing import calendars, export, feeds, jsonld, robots
from notula.publishing.published import OutputFile, Site
from notula.rendering import subscriptions
from notula.showing.view import View


def generate(view: View, site: Site) -> list[OutputFile]:
    """Every feed, calendar and data file of the build, and the members' site's robots.txt."""
    return [*feeds.files(view, site), *calendars.files(view, site), *export.files(view, site), *robots.files(view)]


def page_meta(view: View, site: Site, page_url: str) -> dict:
    """What the theme's main.html (plugin/theme) puts in a page's <head>: alternate links and, on a meeting, JSON-LD."""
    meta: dict = {"feeds": [link.head() for link in subscriptions.head_links(view, page_url)]}
    meeting = view.corpus.by_id.get(page_url.strip("/"))
    if meeting is not None:
        meta["jsonld"] = jsonld.script(jsonld.for_meeting(view, site, meeting))
    return meta
