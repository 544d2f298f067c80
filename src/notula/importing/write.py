"""Facts -> the minutes file: front-matter in the current format, and the Markdown body.

Every fact is offered to the format at its place (notula.importing.shape): what the schema holds
goes into the front-matter; what it cannot hold stays in the body text and is listed for review,
and so does the entry it belongs to (a person present for one item is not made a whole-meeting
attendee). Lines whose facts all went into the front-matter leave the body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from notula.i18n import _
from notula.importing.document import Document
from notula.importing.facts import Facts, PersonFact, Ref
from notula.importing.organisations import OrgMatch
from notula.importing.shape import Shape, current
from notula.importing.yamltext import field as yaml_field
from notula.model.references import meeting_id


@dataclass
class Written:
    """The file's text, the images to save beside it, and what was carried."""

    text: str
    images: list[tuple[str, bytes]] = field(default_factory=list)  # (attachments/name, data)
    people: int = 0
    decisions: int = 0
    actions: int = 0


def _who(person: PersonFact) -> str:
    return f"'{person.label()}'"


def _entry_label(who: PersonFact | OrgMatch | str) -> str:
    """'Name, Organisation', an organisation, or a body as written."""
    if isinstance(who, PersonFact):
        return who.label()
    return who.label if isinstance(who, OrgMatch) else who


class Fitter:
    """Fits facts to the front-matter format (as the schema of shape has it), noting what it cannot carry."""

    def __init__(self, facts: Facts, shape: Shape | None = None):
        self.facts = facts
        self.shape = shape or current()
        self.blocked: set[Ref] = set()
        self.doc_type = "minutes"  # the type written, once decide_type() has decided it

    def keep(self, ref: Ref | None) -> None:
        if ref is not None:
            self.blocked.add(ref)

    def review(self, field_name: str, message: str, fix: str, ref: Ref | None) -> None:
        self.facts.review(field_name, message, fix, ref)
        self.keep(ref)

    def holds(self, path: str, value: Any, what: str, ref: Ref | None, refs: tuple[Ref | None, ...] = ()) -> bool:
        """Whether the format holds value at path; if not, what (the fact, in words) is reported
        and its lines stay in the text."""
        if self.shape.holds(path, value):
            return True
        self.review(path.split("[")[0].split(".")[0], _("{what}, which the format cannot hold ({path}); the line "
                                                        "stays in the text").format(what=what, path=path),
                    _("check the line and keep it in the text"), ref)
        for other in refs:
            self.keep(other)
        return False

    # -- people
    def _org_elsewhere(self, person: PersonFact):
        """The organisation the text gives the same name elsewhere (e.g. as note-taker), if just one."""
        facts = self.facts
        everyone = (facts.attendees + facts.absent + facts.guests + facts.secretaries + facts.chairs + facts.conveners
                    + facts.adjusters)
        orgs = {p.org.label: p.org for p in everyone if p.name == person.name and p.org}
        return next(iter(orgs.values())) if len(orgs) == 1 else None

    def person(self, person: PersonFact, path: str, **extra) -> dict | None:
        """The entry for a person at path ('attendees[]'), with the facts given as extra; None (and
        the line kept) when one of them cannot be held, or the person has no organisation."""
        field_name = path.split("[")[0]
        if person.org is None and (org := self._org_elsewhere(person)):
            person.org = org
            self.facts.review(field_name, _("'{name}' has no organisation here; '{org}' is taken from where the text "
                                            "names the person again").format(name=person.name, org=org.label),
                              _("check it"), person.ref)
        if person.org is None:
            self.review(field_name, _("{who} has no organisation; the line stays in the text").format(who=_who(person)),
                        _("add the person as \"Name, Organisation\""), person.ref)
            return None
        if person.unread:
            self.review(field_name, _("{who} is listed with '{note}', which import does not read; the line stays in the "
                                      "text").format(who=_who(person), note=" ".join(person.unread)),
                        _("write what it means in the front matter, if the format holds it"), person.ref)
            return None
        entry: dict[str, Any] = {"name": person.name, "org": person.org.label}
        facts = {"unit": person.unit, **extra}
        for key, value in facts.items():
            if not value:
                continue
            if not self.holds(f"{path}.{key}", value, _fact_words(person, key, value), person.ref):
                return None
            entry[key] = value
        return entry

    def attendees(self) -> list[dict]:
        out = []
        roles = {p.name: "convener" for p in self.facts.conveners} | {p.name: "chair" for p in self.facts.chairs}
        written: set[str] = set()
        for person in self.facts.attendees:
            role = person.role or roles.get(person.name)
            entry = self.person(person, "attendees[]", role=role, remote=person.remote, items=person.items)
            if entry:
                out.append(entry)
            written.add(person.name)
        for person in self.facts.chairs + self.facts.conveners:  # named with a role, not in the list of attendees
            if person.name not in written:
                written.add(person.name)
                entry = self.person(person, "attendees[]", role=person.role or roles[person.name], remote=person.remote,
                                    items=person.items)
                if entry:
                    out.append(entry)
        return out

    def absent(self) -> list[dict]:
        return [e for p in self.facts.absent if (e := self.person(p, "absent[]", notified=p.notified))]

    def guests(self) -> list[dict]:
        out = []
        for person in self.facts.guests:
            if person.unread:
                self.review("guests", _("{who} is listed with '{note}', which import does not read; the line stays in "
                                        "the text").format(who=_who(person), note=" ".join(person.unread)),
                            _("write what it means in the front matter, if the format holds it"), person.ref)
                continue
            entry: dict[str, Any] = {"name": person.name}
            if person.org:
                entry["org"] = person.org.label
            affiliation = ", ".join(x for x in (person.affiliation, person.unit) if x) or None
            wanted = {"affiliation": affiliation, "items": person.items, "remote": person.remote}
            if all(self.holds(f"guests[].{key}", value, _fact_words(person, key, value), person.ref)
                   for key, value in wanted.items() if value):
                out.append(entry | {key: value for key, value in wanted.items() if value})
        return out

    def secretary(self) -> dict | list[dict] | None:
        found = self.facts.secretaries
        if not found:
            self.facts.missing("secretary", _("no note-taker found ('Antecknat av', 'Vid tangenterna', 'Sekreterare')"),
                               _("add secretary: \"Name, Organisation\" if you know who it was"))
            return None
        entries = [self.person(person, "secretary[]") for person in found]
        people = [e for e in entries if e]
        if not people:
            return None
        value: dict | list[dict] = people[0] if len(people) == 1 else people
        words = _("{count} note-takers ({names})").format(count=len(people), names=", ".join(p.label() for p in found))
        if not self.holds("secretary", value, words, found[0].ref, tuple(p.ref for p in found)):
            return None
        return value

    def adjusters(self) -> list[dict]:
        """Justerare: who is to approve the minutes (the format has a place for it only once they have)."""
        people = [e for p in self.facts.adjusters if (e := self.person(p, "adjusters[]"))]
        words = _("justerare {names}").format(names=", ".join(p.label() for p in self.facts.adjusters))
        if people and self.holds("adjusters", people, words, self.facts.adjusters[0].ref,
                                 tuple(p.ref for p in self.facts.adjusters)):
            return people
        return []

    # -- the document itself: a paper for a meeting, and its author
    def decide_type(self, attendees: list[dict]) -> str:
        self.doc_type = self._type(attendees)
        return self.doc_type

    def _type(self, attendees: list[dict]) -> str:
        if attendees:
            if self.facts.paper is not None:
                self.facts.review("type", _("the document reads as a paper for a meeting, but has an attendance "
                                            "list: written as minutes"), _("check the type"), self.facts.paper.ref)
            return "minutes"
        if self.facts.paper is not None and self.holds("type", "paper", _("a paper for a meeting"), self.facts.paper.ref):
            return "paper"
        self.facts.review("type", _("no attendance list found, so the file is written as type notes"),
                          _("change type to minutes (and add attendees), report or presentation"), None)
        return "notes"

    def author(self) -> dict | str | None:
        found = self.facts.authors
        if not found:
            return None
        who = found[0]
        value = ({"name": who.name, "org": who.org.label} if isinstance(who, PersonFact) and who.org
                 else _entry_label(who))
        if len(found) > 1:
            self.facts.review("author", _("{count} authors; the first is written").format(count=len(found)),
                              _("check author, and name the others in the text"), None)
        if self.holds("author", value, _("the author {who}").format(who=_entry_label(who)), None):
            return value
        return None

    def for_meeting(self, group: str, date: dt.date) -> str | None:
        paper = self.facts.paper
        if paper is None or self.doc_type == "minutes":
            return None
        if paper.meeting_date is None:
            self.facts.missing("for_meeting", _("the paper does not name the date of its meeting"),
                               _("add for_meeting: group/YYYY-MM-DD if it was for a meeting"))
            return None
        ref = meeting_id(paper.meeting_group or group, paper.meeting_date)
        if not self.holds("for_meeting", ref, _("the meeting '{text}'").format(text=paper.meeting_text), paper.ref):
            return None
        self.facts.review("for_meeting", _("read from '{text}'").format(text=_short(paper.meeting_text or "")),
                          _("check that the meeting has minutes or an agenda, or is planned in next_meetings"), None)
        if paper.meeting_date == date and self.facts.date_ref == paper.ref:
            self.facts.review("date", _("the paper's own date is not written; the date of its meeting is used"),
                              _("give its date with --date YYYY-MM-DD if you know it"), None)
        return ref

    # -- decisions, proposals and actions
    def decisions(self) -> list[dict]:
        out = []
        for number, candidate in enumerate(self.facts.decisions, start=1):
            entry: dict[str, Any] = {"id": f"d{number}", "text": candidate.text}
            if candidate.item is not None:
                entry["item"] = candidate.item
            if candidate.by:
                entry["by"] = candidate.by
            out.append(entry)
        if out:
            self.facts.review("decisions", _("{count} candidate(s) from sentences such as 'beslutar att' and "
                                             "'Beslut:'").format(count=len(out)),
                              _("keep the real decisions, shorten their text, delete the rest"), None)
        return out

    def proposals(self) -> list[dict]:
        out: list[dict] = []
        for candidate in self.facts.proposals:
            entry: dict[str, Any] = {"id": f"p{len(out) + 1}", "text": candidate.text}
            if candidate.item is not None:
                entry["item"] = candidate.item
            if candidate.proposer is not None:
                entry["by"] = _entry_label(candidate.proposer)
            if self.holds("proposals", [entry], _("the proposal '{text}'").format(text=_short(candidate.text)), candidate.ref):
                out.append(entry)
        if out:
            self.facts.review("proposals", _("{count} candidate(s) from sentences such as 'föreslår' and "
                                             "'Förslag:'").format(count=len(out)),
                              _("keep the real proposals, check who made them, delete the rest"), None)
        return out

    def actions(self) -> list[dict]:
        out: list[dict] = []
        for candidate in self.facts.actions:
            owners = [_entry_label(o) for o in candidate.owners]
            entry: dict[str, Any] = {"id": f"a{len(out) + 1}", "text": candidate.text}
            if not self.holds("actions[].owners", owners, _("the task '{text}' without an owner").format(
                    text=_short(candidate.text)), candidate.ref):
                continue
            if owners:
                entry["owners"] = owners
            else:
                message = (_("no owner found for '{text}' (item {item}); written without one (shown as 'Ansvarig saknas')")
                           if candidate.item else
                           _("no owner found for '{text}'; written without one (shown as 'Ansvarig saknas')"))
                self.facts.review("actions", message.format(text=_short(candidate.text), item=candidate.item),
                                  _("add its owners, or delete it if it is no task"), None)
            if candidate.due:
                entry["due"] = candidate.due
                if candidate.due_inferred:
                    self.facts.review("actions", _("the year of the date in '{text}' is not written; read as {year}").format(
                                          text=_short(candidate.text), year=candidate.due.year), _("check 'due'"), candidate.ref)
            if candidate.item is not None:
                entry["item"] = candidate.item
            out.append(entry)
        if out:
            self.facts.review("actions", _("{count} candidate(s) from sentences such as 'ansvarig', 'återkommer' and "
                                           "'uppdrag', with owners read from the sentence").format(count=len(out)),
                              _("keep the real tasks, check owners, add due dates"), None)
        return out

    # -- dates to come
    def next_meetings(self) -> list[dict]:
        out = []
        inferred = False
        for planned in self.facts.next_meetings:
            date: dt.date | str | None = planned.date or planned.month
            if date is None:
                self.review("next_meetings", _("'{text}' has a date I cannot place in a year; the line stays in the "
                                               "text").format(text=_short(planned.text)),
                            _("add it to next_meetings when the date is known"), planned.ref)
                continue
            if not self.holds("next_meetings[].date", date, _("'{text}' gives a month but no day").format(
                    text=_short(planned.text)), planned.ref):
                continue
            inferred = inferred or planned.year_inferred
            entry: dict[str, Any] = {"date": date}
            for key in ("time", "place", "note"):
                if getattr(planned, key):
                    entry[key] = getattr(planned, key)
            out.append(entry)
        if inferred:
            self.facts.review("next_meetings", _("the schedule does not write the years; each date was read as the "
                                                 "first such day after the meeting"), _("check the dates"), None)
        if out:
            self.facts.missing("next_meetings", _("hosts of the coming meetings are not filled in"),
                               _("add host: to the meetings whose hosting organisation the schedule names"))
        return out

    def events(self) -> list[dict]:
        out = []
        for event in self.facts.events:
            entry: dict[str, Any] = {"date": event.date}
            if event.time:
                entry["time"] = event.time
            entry["title"] = event.title
            if not self.holds("events", [entry], _("the event '{text}'").format(text=_short(event.title)), event.ref):
                continue
            out.append(entry)
            if event.candidate:
                self.facts.review("events", _("'{text}' read as an event on {date}; the sentence stays in the "
                                              "text").format(text=_short(event.title), date=_date_text(event.date)),
                                  _("keep it if it is an event to announce, else delete it"), event.ref)
            elif event.year_inferred:
                self.facts.review("events", _("the year of '{text}' is not written; read as {date}").format(
                    text=_short(event.title), date=_date_text(event.date)), _("check the date"), event.ref)
        return out


def front_matter(facts: Facts, group: str, date: dt.date, source_name: str,
                 shape: Shape | None = None) -> tuple[str, Fitter, dict]:
    """The front-matter text, the fitter (with the lines that must stay in the body) and the counts.
    shape: the format to fit (default: the current schema)."""
    fit = Fitter(facts, shape)
    values: dict[str, Any] = {}
    attendees = fit.attendees()
    values["type"] = fit.decide_type(attendees)
    values["group"] = group
    values["title"] = facts.title
    values["date"] = date
    values["time"] = facts.time
    values["place"] = facts.place
    values["host"] = facts.host.label if facts.host else None
    values["audience"] = "draft"
    values["attendees"] = attendees
    values["absent"] = fit.absent()
    values["guests"] = fit.guests()
    values["secretary"] = fit.secretary() if values["type"] != "paper" or facts.secretaries else None
    values["adjusters"] = fit.adjusters()
    values["author"] = fit.author()
    values["for_meeting"] = fit.for_meeting(group, date)
    values["decisions"] = fit.decisions()
    values["proposals"] = fit.proposals()
    values["actions"] = fit.actions()
    values["next_meetings"] = fit.next_meetings()
    values["events"] = fit.events()
    if values["type"] != "paper":
        for name, value, fix in (("time", facts.time, _("add time: \"HH:MM-HH:MM\"")),
                                 ("place", facts.place, _("add place: if the text names it")),
                                 ("host", facts.host, _("add host: if one organisation hosted the meeting"))):
            if not value:
                facts.missing(name, _("not found"), fix)
    out = ["# " + _("Imported from {source} by notula import: check every field against the text.").format(source=source_name) + "\n"]
    order = fit.shape.order()
    for key in sorted(values, key=lambda k: order.index(k) if k in order else len(order)):
        value = values[key]
        if value in (None, [], ""):
            continue
        comment = _("imported: review it, then remove this line or write public/members") if key == "audience" else ""
        out.append(yaml_field(key, value, comment))
    counts = {"people": len(attendees) + len(values["absent"]) + len(values["guests"]),
              "decisions": len(values["decisions"]), "actions": len(values["actions"])}
    return "".join(out), fit, counts


def _fact_words(person: PersonFact, key: str, value: Any) -> str:
    """A fact about a person, in words, for the report."""
    who = _who(person)
    if key == "items":
        return _("{who} took part in item {items} only").format(who=who, items=_items(value))
    if key == "unit":
        return _("{who} is listed with the unit '{unit}'").format(who=who, unit=value)
    if key == "remote":
        return _("{who} took part via link").format(who=who)
    if key == "role":
        return _("{who} is named as {role}").format(who=who, role=value)
    if key == "notified":
        return _("{who} sent apologies").format(who=who)
    return _("{who}: {key} '{value}'").format(who=who, key=key, value=value)


def _date_text(date: dt.date | str) -> str:
    return date.isoformat() if isinstance(date, dt.date) else date


def consumed_lines(facts: Facts, blocked: set[Ref]) -> set[Ref]:
    """Lines to leave out of the body: their facts are all in the front-matter."""
    consumed = facts.parsed - blocked
    for section in facts.sections:
        if section.label in consumed and any(m not in consumed for m in section.members):
            consumed.discard(section.label)  # the heading stays with the lines it heads
    return consumed


def body(document: Document, facts: Facts, consumed: set[Ref], image_names: dict[int, str]) -> str:
    """The Markdown body: agenda items as '## N. Title', the rest as it was."""
    kept_levels = [b.level for i, b in enumerate(document.blocks)
                   if b.kind == "heading" and i not in facts.agenda and (i, 0) not in consumed]
    shift = max(0, 2 - min(kept_levels)) if kept_levels else 0
    parts: list[str] = []
    for index, block in enumerate(document.blocks):
        if index in facts.agenda:
            number, _ = facts.agenda[index]
            md = re.sub(r"^(?:§\s*)?\d{1,2}\s*\\?[.):]?\s+", "", block.lines[0].md.strip("# ")).strip()
            parts.append(f"## {number}. {md}")
            continue
        lines = [line for n, line in enumerate(block.lines) if (index, n) not in consumed]
        if block.kind == "heading" and lines:
            parts.append("#" * min(6, block.level + shift) + " " + lines[0].md)
        elif block.kind == "paragraph" and lines:
            parts.append(("  \n" if block.hard_breaks else "\n").join(line.md for line in lines))
        elif block.kind == "list" and lines:
            parts.append("\n".join("    " * line.depth + (f"{line.number or k}. " if block.ordered else "- ") + line.md
                                   for k, line in enumerate(lines, start=1)))
        elif block.kind == "table" and block.rows and (index, 0) not in consumed:
            width = max(len(row) for row in block.rows)
            rows = [row + [""] * (width - len(row)) for row in block.rows]
            table = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
            table += ["| " + " | ".join(row) + " |" for row in rows[1:]]
            parts.append("\n".join(table))
        elif block.kind == "image" and block.image is not None and index in image_names:
            alt = re.sub(r"[\[\]\\]", "", block.image.alt)
            parts.append(f"![{alt}]({image_names[index]})")
    return "\n\n".join(parts).strip() + "\n"


def _items(items: list[int]) -> str:
    return " and ".join(", ".join(map(str, items)).rsplit(", ", 1))


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
