"""schema.org JSON-LD for a meeting's page: an Event recorded in the minutes (a DigitalDocument)."""

from __future__ import annotations

from typing import Any

from notula import labels, urls
from notula.model.approval import approval
from notula.model.corpus import Meeting
from notula.model.timespan import iso, span
from notula.publishing.feeds import published
from notula.publishing.published import Site, json_text
from notula.rendering.pages import description, title
from notula.showing.view import View

DOCUMENT_TYPES = {"report": "Report", "presentation": "PresentationDigitalDocument", "paper": "DigitalDocument"}


def for_meeting(view: View, site: Site, meeting: Meeting) -> dict:
    """An Event for minutes, notes and agendas; a document of its own for reports and presentations."""
    doc = meeting.doc
    group = view.registry.groups[doc.group]
    organizer = {"@type": "Organization", "name": group.name, "url": site.absolute(urls.group(group.id))}
    document: dict[str, Any] = {
        "@type": DOCUMENT_TYPES.get(doc.type, "DigitalDocument"),
        "name": title(view, meeting),
        "url": site.absolute(meeting.url),
        "inLanguage": "sv",
        "datePublished": published(view, meeting).date().isoformat(),
        "description": description(view, meeting),
        "publisher": organizer,
    }
    if doc.topics:
        document["keywords"] = ", ".join(view.registry.topics[t].name for t in doc.topics)
    if doc.type in DOCUMENT_TYPES:
        if doc.author:
            document["author"] = _person(view, meeting, doc.author)
        target = view.corpus.meeting_for(doc.for_meeting) if doc.for_meeting else None
        if target is not None:
            document["isPartOf"] = {"@type": "Event", "url": site.absolute(target.url)}
        return {"@context": "https://schema.org", **document}
    authors = [_person(view, meeting, p) for p in doc.secretary]
    if authors:  # the note-takers wrote the record
        document["author"] = authors
    approved = approval(meeting, view.today)  # not before its date
    if approved:
        document["dateModified"] = approved.date.isoformat()  # approved (justerat): the record is final
    when = span(doc.date, doc.time)
    event: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f"{group.name} {labels.long_date(doc.date)}",
        "startDate": iso(when.start),
        "organizer": organizer,
        "url": site.absolute(meeting.url),
        "inLanguage": "sv",
    }
    if when.end is not None and not when.all_day:
        event["endDate"] = iso(when.end)
    place = doc.place or (view.registry.org(doc.host).name if doc.host else None)
    if place:
        event["location"] = {"@type": "Place", "name": place}
    orgs = list(dict.fromkeys(p.org for p in doc.attendees))
    if orgs:
        event["attendee"] = [{"@type": "Organization", "name": view.registry.org(o).name} for o in orgs]
    event["subjectOf" if doc.type == "agenda" else "recordedIn"] = document
    return event


def _person(view: View, meeting: Meeting, person: Any) -> dict:
    """A Person with their organisation, or the organisation alone when the names policy hides the name."""
    org = {"@type": "Organization", "name": view.registry.org(person.org).name}
    name = view.names.name(meeting, person.name)
    return {"@type": "Person", "name": name, "affiliation": org} if name else org


def script(data: dict) -> str:
    """JSON for a <script type="application/ld+json"> element: no '<' in it can end or confuse it."""
    return json_text(data)
