"""Open data: the visible meetings as JSON, one file for all and one per meeting.

The shape follows Open Civic Data's Event where it fits (name, classification, start_date,
end_date, all_day, timezone, location, participants, documents) and adds what minutes
hold beyond it (decisions, actions with their current status, follow-ups, coming meetings).
docs/om/data.md documents it; FORMAT and VERSION name it, and VERSION rises on any change
that could break a reader.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Iterator
from functools import partial
from typing import Any

from notula import urls
from notula.model.approval import awaiting_approval
from notula.model.corpus import Meeting
from notula.model.relations import item_topics
from notula.model.schema import Absentee, Action, Attendee, Author, Guest, Person
from notula.model.timespan import TZID, iso, span
from notula.publishing.published import OutputFile, Site, generator, json_text
from notula.rendering.pages import attachment_url, description, title
from notula.showing.audience import state
from notula.showing.view import View

FORMAT = "notula-moten"
VERSION = 1


def person_name(view: View, meeting: Meeting, person: Any, kind: str) -> str | None:
    """The name of a person as the exports publish it, or None to leave the name out.

    kind is attendee, absent, guest, secretary, author, owner, approver or proposer. This is the one place
    through which every exported personal name passes, so that the group's policy on names
    on the public site (groups.yml public_names) applies here too.
    """
    return view.names.name(meeting, person.name)


def files(view: View, site: Site) -> list[OutputFile]:
    """data/moten.json with everything, and data/moten/<group>/<date>.json per meeting."""
    made: dict[str, bytes] = {}  # a meeting's record as JSON, made for the whole dataset, until its own file takes it

    def everything() -> Iterator[str]:
        for piece in dataset_pieces(view, site):
            if isinstance(piece, str):
                yield piece
            else:
                text = json_text(meeting_record(view, site, piece))
                made[piece.id] = text.encode("utf-8")
                yield text

    def one(meeting: Meeting) -> str:
        text = made.pop(meeting.id, None)
        return (text.decode("utf-8") if text is not None else json_text(meeting_record(view, site, meeting))) + "\n"

    return [OutputFile(urls.meetings_data(), everything),
            *(OutputFile(urls.meeting_data(m.id), partial(one, m)) for m in view.corpus.meetings)]


def dataset_pieces(view: View, site: Site) -> Iterator[str | Meeting]:
    """The whole dataset's JSON (dataset, as _dump writes it) in pieces: text, and each meeting
    where its record goes (as json_text writes it), so that it is never held whole (at 20,000
    meetings its records take half a gigabyte)."""
    text = _dump(dataset(view, site, []))
    head, tail = text.rsplit(_NO_MEETINGS, 1)  # "meetings" is the last key: nothing after it holds one
    yield head + _NO_MEETINGS[:-1]
    for number, meeting in enumerate(view.corpus.meetings):
        if number:
            yield ","
        yield meeting
    yield _NO_MEETINGS[-1] + tail


_NO_MEETINGS = '"meetings":[]'


def dataset(view: View, site: Site, records: list[dict] | None = None) -> dict:
    """All visible meetings, with the groups, organisations and topics they refer to."""
    registry = view.registry
    if records is None:
        records = [meeting_record(view, site, m) for m in view.corpus.meetings]
    return {
        "format": FORMAT,
        "version": VERSION,
        "site": {"name": site.name, "url": site.url},
        "audience": view.audience.name,
        "generated": view.today.isoformat(),
        "generator": generator(),
        "timezone": TZID,
        "groups": [
            {"id": g.id, "name": g.name, "short": g.short, "url": site.absolute(urls.group(g.id)),
             "members": list(g.members)}
            for g in registry.groups.values()
        ],
        "organizations": [
            {"id": o.id, "name": o.name, "short": o.short, "classification": o.kind}
            for o in registry.organisations.values()
        ],
        "topics": [{"id": t.id, "name": t.name} for t in registry.topics.values()],
        "meetings": records,
    }


def meeting_record(view: View, site: Site, meeting: Meeting) -> dict:
    """One meeting (or notes, agenda, report, presentation) as an Open Civic Data-like event."""
    doc = meeting.doc
    when = span(doc.date, doc.time)
    return {
        "id": meeting.id,
        "classification": doc.type,
        "name": title(view, meeting),
        "description": description(view, meeting),
        "group": doc.group,
        "date": doc.date.isoformat(),
        "start_date": iso(when.start),
        "end_date": iso(when.end) if when.end and not when.all_day else None,
        "all_day": when.all_day,
        "timezone": TZID,
        "location": {"name": doc.place, "host": doc.host} if doc.place or doc.host else None,
        "audience": state(meeting, view.corpus, view.today),
        "release": doc.release.isoformat() if doc.release else None,
        "topics": list(doc.topics),
        "url": site.absolute(meeting.url),
        "data_url": site.absolute(urls.meeting_data(meeting.id)),
        "participants": _participants(view, meeting),
        "secretary": _person(view, meeting, doc.secretary[0] if doc.secretary else None, "secretary"),
        "secretaries": [_person(view, meeting, p, "secretary") for p in doc.secretary],
        "author": _person(view, meeting, doc.author, "author"),
        "for_meeting": _for_meeting(view, doc.for_meeting),
        "papers": [m.id for m in view.corpus.papers.get(meeting.id, [])],
        "approved": ({"date": doc.approved.date.isoformat(),
                      "by": [_person(view, meeting, p, "approver") for p in doc.approved.by]}
                     if doc.approved else None),
        "awaiting_approval": awaiting_approval(meeting, view.corpus, view.today),
        "decisions": [
            {"id": d.id, "ref": meeting.decision_ref(d), "text": view.names.redact(meeting, d.text), "item": d.item, "by": d.by,
             "topics": list(item_topics(meeting, d)), "organizations": list(d.orgs)}
            for d in doc.decisions
        ],
        "proposals": [
            {"id": p.id, "text": view.names.redact(meeting, p.text), "item": p.item, "by": _proposer(view, meeting, p.by)}
            for p in doc.proposals
        ],
        "actions": [_action(view, meeting, a) for a in doc.actions],
        "follow_ups": [
            {"action": f.action, "status": f.status, "note": view.names.redact(meeting, f.note), "due": _date(f.due)}
            for f in doc.follow_up if f.action in view.corpus.actions
        ],
        "documents": _documents(view, site, meeting),
        "links": [{"title": view.names.redact(meeting, link.title), "url": link.url} for link in doc.links],
        "next_meetings": [
            {"date": p.date.isoformat(), "date_undecided": _undecided(p.date), "time": p.time, "place": p.place,
             "host": p.host, "note": view.names.redact(meeting, p.note)}
            for p in doc.next_meetings
        ],
        "events": [
            {"date": e.date.isoformat(), "date_undecided": _undecided(e.date), "time": e.time,
             "title": view.names.redact(meeting, e.title), "place": e.place}
            for e in doc.events
        ],
    }


def _documents(view: View, site: Site, meeting: Meeting) -> list[dict]:
    """The attachments at their web address, and the files this audience is given."""
    result = []
    for a in meeting.doc.attachments:
        if a.url:
            url, name = a.url, a.url
        elif a.file and attachment_url(meeting, a.file) not in view.withheld:
            url, name = site.absolute(attachment_url(meeting, a.file)), a.file
        else:
            continue
        result.append({"note": view.names.redact(meeting, a.title), "url": url, "media_type": _media_type(name)})
    return result


def _participants(view: View, meeting: Meeting) -> list[dict]:
    doc = meeting.doc
    people: list[tuple[str, Attendee | Absentee | Guest, dict[str, Any]]] = [
        ("attendee", p, {"role": p.role, "remote": p.remote, "items": list(p.items)}) for p in doc.attendees]
    people += [("absent", p, {"notified": p.notified}) for p in doc.absent]
    people += [("guest", p, {"title": p.title, "affiliation": p.affiliation, "items": list(p.items)})
               for p in doc.guests]
    result = []
    for kind, person, extra in people:
        entry = {"entity_type": "person", "attendance": kind, "name": person_name(view, meeting, person, kind),
                 "organization": person.org}
        if kind != "guest":
            entry["title"] = person.title
            entry["unit"] = getattr(person, "unit", None)
        result.append(entry | extra)
    return result


def _person(view: View, meeting: Meeting, person: Person | Author | None, kind: str) -> dict | None:
    if person is None:
        return None
    name = person_name(view, meeting, person, kind) if person.name else None
    return {"name": name, "organization": person.org, "unit": person.unit, "title": getattr(person, "title", None)}


def _proposer(view: View, meeting: Meeting, by: Any) -> dict | None:
    if by is None:
        return None
    name = person_name(view, meeting, by, "proposer") if by.name else None
    return {"name": name, "organization": by.org, "body": view.names.redact(meeting, by.body)}


def _for_meeting(view: View, ref: str | None) -> str | None:
    """The id of the meeting a paper is for, when this audience may see it."""
    target = view.corpus.meeting_for(ref) if ref else None
    return target.id if target else None


def _undecided(value: object) -> bool:
    """True for a month whose day is not decided (date: 2021-09)."""
    return not isinstance(value, dt.date)


def _action(view: View, meeting: Meeting, action: Action) -> dict:
    ref = meeting.action_ref(action)
    current = view.action_states[ref]
    return {
        "id": action.id,
        "ref": ref,
        "text": view.names.redact(meeting, action.text),
        "item": action.item,
        "topics": list(item_topics(meeting, action)),
        "owners": [{"name": person_name(view, meeting, o, "owner") if o.name else None, "organization": o.org}
                   for o in action.owners],
        "due": _date(action.due),
        "status": "overdue" if current.overdue(view.today) else current.status,
        "status_due": _date(current.due),
        "status_note": view.names.redact(meeting, current.note),
        "reported_in": current.reported_in.id if current.reported_in else None,
    }


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _media_type(filename: str) -> str | None:
    return _MIME.guess_type(filename)[0]


def _mime_types() -> mimetypes.MimeTypes:
    """Python's built-in table (not the machine's, so that every build says the same) and office formats."""
    table = mimetypes.MimeTypes()
    office = "application/vnd.openxmlformats-officedocument."
    for ext, kind in ((".docx", office + "wordprocessingml.document"), (".xlsx", office + "spreadsheetml.sheet"),
                      (".pptx", office + "presentationml.presentation"),
                      (".odt", "application/vnd.oasis.opendocument.text"),
                      (".ods", "application/vnd.oasis.opendocument.spreadsheet"),
                      (".odp", "application/vnd.oasis.opendocument.presentation")):
        table.add_type(kind, ext)
    return table


_MIME = _mime_types()


def _dump(data: dict) -> str:
    return json_text(data) + "\n"
