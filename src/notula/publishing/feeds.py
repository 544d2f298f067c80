"""Atom feeds (RFC 4287) of the published documents: site-wide, and per group, organisation and topic.

Written with xml.etree: a feed is a small, fixed shape. Entries are newest first; each has the
document's title, date, a summary with its decisions, and a link to its page.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from markupsafe import escape

from notula import __version__, labels, urls
from notula.model.approval import approval
from notula.model.corpus import Meeting
from notula.model.relations import organisations_of, topics_of
from notula.model.schema import Decision
from notula.model.timespan import start_of_day
from notula.publishing.published import GENERATOR, OutputFile, Site
from notula.rendering.pages import description, title
from notula.showing.view import View

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50  # entries per feed; the data export has everything


@dataclass(frozen=True)
class Feed:
    """One feed: where it is published, its title, the page it belongs to and its documents."""

    url: str
    title: str
    page_url: str
    meetings: list[Meeting]
    subtitle: str | None = None


def feeds(view: View, site: Site) -> list[Feed]:
    """The site-wide feed and one per group, organisation and topic (also empty ones: the URLs stay)."""
    registry, meetings = view.registry, view.corpus.meetings
    by_org = _index(meetings, lambda m: organisations_of(m, registry))
    by_topic = _index(meetings, topics_of)
    result = [Feed(urls.site_feed(), site.name, "", meetings, "Nya minnesanteckningar och andra dokument")]
    result += [Feed(urls.group_feed(gid), group.name, urls.group(gid), view.corpus.of_group(gid), group.description)
               for gid, group in registry.groups.items()]
    result += [Feed(urls.organisation_feed(oid), f"Organisation: {org.name}", urls.organisation(oid),
                    by_org.get(oid, []))
               for oid, org in registry.organisations.items()]
    result += [Feed(urls.topic_feed(tid), f"Ämne: {topic.name}", urls.topic(tid), by_topic.get(tid, []),
                    topic.description)
               for tid, topic in registry.topics.items()]
    return result


def _index(meetings: list[Meeting], keys: Callable[[Meeting], Iterable[str]]) -> dict[str, list[Meeting]]:
    """Meetings by each key that keys(meeting) gives, in corpus order."""
    found: dict[str, list[Meeting]] = {}
    for meeting in meetings:
        for key in keys(meeting):
            found.setdefault(key, []).append(meeting)
    return found


def files(view: View, site: Site) -> list[OutputFile]:
    return [OutputFile(feed.url, partial(atom, view, site, feed)) for feed in feeds(view, site)]


def published(view: View, meeting: Meeting) -> dt.datetime:
    """When the document appeared for this audience: its date, or on the public site its later release date."""
    doc = meeting.doc
    date = doc.release if view.audience.public and doc.release and doc.release > doc.date else doc.date
    return start_of_day(date)


def atom(view: View, site: Site, feed: Feed) -> str:
    """The feed as Atom XML."""
    entries = sorted(feed.meetings, key=lambda m: (published(view, m), m.id), reverse=True)[:LIMIT]
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "sv"})
    _text(root, "title", feed.title)
    if feed.subtitle:
        _text(root, "subtitle", feed.subtitle)
    ET.SubElement(root, "link", rel="self", type="application/atom+xml", href=site.absolute(feed.url))
    ET.SubElement(root, "link", rel="alternate", type="text/html", href=site.absolute(feed.page_url))
    _text(root, "id", site.absolute(feed.url))
    _text(root, "updated", _updated(view, entries).isoformat())
    _text(ET.SubElement(root, "author"), "name", site.name)
    _text(root, "generator", GENERATOR, version=__version__)
    for meeting in entries:
        root.append(_entry(view, site, meeting))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _updated(view: View, entries: list[Meeting]) -> dt.datetime:
    """The newest entry; an empty feed takes the newest document of the site, so that it stays stable."""
    pool = entries or view.corpus.meetings
    return max((published(view, m) for m in pool), default=start_of_day(view.today))


def _entry(view: View, site: Site, meeting: Meeting) -> ET.Element:
    doc = meeting.doc
    entry = ET.Element("entry")
    _text(entry, "title", title(view, meeting))
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=site.absolute(meeting.url))
    _text(entry, "id", site.absolute(meeting.url))
    when = published(view, meeting).isoformat()
    _text(entry, "published", when)
    _text(entry, "updated", when)
    _text(ET.SubElement(entry, "author"), "name", view.registry.groups[doc.group].name)
    for topic_id in doc.topics:
        ET.SubElement(entry, "category", term=topic_id, label=view.registry.topics[topic_id].name)
    _text(entry, "summary", summary_html(view, meeting), type="html")
    return entry


def summary_html(view: View, meeting: Meeting) -> str:
    """The summary and the decisions, as (escaped) HTML."""
    doc = meeting.doc
    parts = [f"<p>{escape(description(view, meeting))}</p>"]
    if doc.decisions:
        items = "".join(f"<li>{escape(view.names.redact(meeting, _decision_text(d)))}</li>" for d in doc.decisions)
        parts.append(f"<p>Beslut:</p><ol>{items}</ol>")
    if doc.proposals:  # proposals are not decisions: listed apart
        items = "".join(f"<li>{escape(view.names.redact(meeting, p.text))}</li>" for p in doc.proposals)
        parts.append(f"<p>Förslag:</p><ol>{items}</ol>")
    approved = approval(meeting, view.today)  # not before its date
    if approved:
        parts.append(f"<p>Justerat {escape(labels.long_date(approved.date))}.</p>")
    return "".join(parts)


def _decision_text(decision: Decision) -> str:
    return f"Beslut i {decision.by}: {decision.text}" if decision.by else decision.text


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element
