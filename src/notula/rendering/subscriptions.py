"""Which feeds and calendars belong to a page: for its <head> and for the visible "Prenumerera" block."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from notula import urls
from notula.rendering.render import render
from notula.showing.view import View

MEDIA_TYPES = {"feed": "application/atom+xml", "calendar": "text/calendar", "data": "application/json"}
# The rel of each <link> in the <head>: "alternate" (feed autodiscovery) and one more token. Material's
# script takes every link whose rel is exactly "alternate" for a language version of the site and
# fetches a sitemap.xml beside it (a 404 on every page load); a second token keeps it out of that.
RELS = {"feed": "alternate feed", "calendar": "alternate feed", "data": "alternate describedby"}


@dataclass(frozen=True)
class Link:
    """A subscription (or data file) offered on a page: kind is feed, calendar or data."""

    kind: str
    title: str
    url: str  # site-relative

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.kind]

    def head(self) -> dict:
        """As the template override reads it from page.meta.feeds."""
        return {"rel": RELS[self.kind], "type": self.media_type, "title": self.title, "href": self.url}


def site_links(view: View) -> list[Link]:
    return [Link("feed", "Nyhetsflöde: alla möten", urls.site_feed()),
            Link("calendar", "Kalender: alla möten", urls.site_calendar())]


def page_links(view: View, page_url: str) -> list[Link]:
    """The subscriptions of the page's own subject: the site, a group, an organisation or a topic."""
    registry = view.registry
    first = page_url.strip("/").split("/")[0]
    if not page_url.strip("/"):
        return site_links(view)
    if first in registry.groups:  # the group page, its years and its meetings
        name = registry.groups[first].name
        return [Link("feed", f"Nyhetsflöde: {name}", urls.group_feed(first)),
                Link("calendar", f"Kalender: {name}", urls.group_calendar(first))]
    for org_id, org in registry.organisations.items():
        if page_url == urls.organisation(org_id):
            return [Link("feed", f"Nyhetsflöde: {org.name}", urls.organisation_feed(org_id))]
    for topic_id, topic in registry.topics.items():
        if page_url == urls.topic(topic_id):
            return [Link("feed", f"Nyhetsflöde: {topic.name}", urls.topic_feed(topic_id))]
    return []


def head_links(view: View, page_url: str) -> list[Link]:
    """<link rel="alternate"> of a page: its own subscriptions, the meeting's data, then the site's feed."""
    links = page_links(view, page_url)
    meeting = view.corpus.by_id.get(page_url.strip("/"))
    if meeting is not None:
        links.append(Link("data", "Öppna data (JSON)", urls.meeting_data(meeting.id)))
    for link in site_links(view):
        if link not in links:
            links.append(link)
    return links


def markup(view: View, page_url: str) -> Markup:
    """The visible "Prenumerera" section of a page (group pages, the start page), or nothing."""
    links = [link for link in page_links(view, page_url) if link.kind in ("feed", "calendar")]
    if not links:
        return Markup("")
    return Markup(render("subscribe.md.j2", links=links, link=urls.LinksFrom(page_url)))
