"""Facts -> the minutes file: front-matter in the current format, and the Markdown body.

What the format cannot carry yet (a second note-taker, an attendee present for some items
only, an action without an owner, a month without a day) stays in the body text and is listed
for review; lines whose facts all went into the front-matter leave the body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from notula.i18n import _
from notula.importing.document import Document
from notula.importing.facts import Facts, PersonFact, Ref
from notula.importing.yamltext import field as yaml_field


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


class Fitter:
    """Fits facts to the current front-matter format, noting what it cannot carry."""

    def __init__(self, facts: Facts):
        self.facts = facts
        self.blocked: set[Ref] = set()

    def keep(self, ref: Ref | None) -> None:
        if ref is not None:
            self.blocked.add(ref)

    def review(self, field_name: str, message: str, fix: str, ref: Ref | None) -> None:
        self.facts.review(field_name, message, fix, ref)
        self.keep(ref)

    # -- people
    def _org_elsewhere(self, person: PersonFact):
        """The organisation the text gives the same name elsewhere (e.g. as note-taker), if just one."""
        facts = self.facts
        everyone = facts.attendees + facts.absent + facts.guests + facts.secretaries + facts.chairs + facts.adjusters
        orgs = {p.org.label: p.org for p in everyone if p.name == person.name and p.org}
        return next(iter(orgs.values())) if len(orgs) == 1 else None

    def person(self, person: PersonFact, field_name: str, **extra) -> dict | None:
        if person.org is None and (org := self._org_elsewhere(person)):
            person.org = org
            self.facts.review(field_name, _("'{name}' has no organisation here; '{org}' is taken from where the text "
                                            "names the person again").format(name=person.name, org=org.label),
                              _("check it"), person.ref)
        if person.org is None:
            self.review(field_name, _("{who} has no organisation; the line stays in the text").format(who=_who(person)),
                        _("add the person as \"Name, Organisation\""), person.ref)
            return None
        if person.unit:
            self.review(field_name, _("{who} is listed with '{unit}', which the format has no field for; the line stays "
                                      "in the text").format(who=_who(person), unit=person.unit),
                        _("check the line and remove it when done"), person.ref)
        entry = {"name": person.name, "org": person.org.label, **{k: v for k, v in extra.items() if v}}
        return entry

    def attendees(self) -> list[dict]:
        out = []
        chairs = {c.name: c for c in self.facts.chairs}
        for person in self.facts.attendees:
            if person.items:
                self.review("attendees", _("{who} took part in item {items} only, which the format cannot say yet; "
                                           "the line stays in the text").format(who=_who(person), items=_items(person.items)),
                            _("add the person to attendees if that is right"), person.ref)
                continue
            role = "chair" if chairs.pop(person.name, None) else None
            entry = self.person(person, "attendees", role=role, remote=person.remote)
            if entry:
                out.append(entry)
        for chair in chairs.values():
            entry = self.person(chair, "attendees", role="chair", remote=chair.remote)
            if entry:
                out.append(entry)
        return out

    def absent(self) -> list[dict]:
        return [e for p in self.facts.absent if (e := self.person(p, "absent", notified=p.notified))]

    def guests(self) -> list[dict]:
        out = []
        for person in self.facts.guests:
            if person.remote:
                self.review("guests", _("{who} took part via link, which the format cannot say for guests; the line "
                                        "stays in the text").format(who=_who(person)), _("check the line"), person.ref)
            affiliation = ", ".join(x for x in (person.affiliation, person.unit) if x) or None
            entry: dict[str, Any] = {"name": person.name}
            if person.org:
                entry["org"] = person.org.label
            if affiliation:
                entry["affiliation"] = affiliation
            if person.items:
                entry["items"] = person.items
            out.append(entry)
        return out

    def secretary(self) -> dict | None:
        found = self.facts.secretaries
        if not found:
            self.facts.missing("secretary", _("no note-taker found ('Antecknat av', 'Vid tangenterna', 'Sekreterare')"),
                               _("add secretary: \"Name, Organisation\" if you know who it was"))
            return None
        if len(found) > 1:
            for person in found:
                self.keep(person.ref)
            self.facts.review("secretary", _("{count} note-takers ({names}); the format holds one; the line stays in the "
                                             "text").format(count=len(found), names=", ".join(p.label() for p in found)),
                              _("write the one who is responsible as secretary"), found[0].ref)
            return None
        return self.person(found[0], "secretary")

    def adjusters(self) -> None:
        for person in self.facts.adjusters:
            self.review("adjusters", _("justerare {who}: the format has no field for it; the line stays in the "
                                       "text").format(who=_who(person)), _("leave it in the text"), person.ref)

    # -- decisions and actions
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

    def actions(self) -> list[dict]:
        out: list[dict] = []
        for candidate in self.facts.actions:
            if not candidate.owners:
                message = (_("no owner found for '{text}' (item {item}); it stays in the text only") if candidate.item
                           else _("no owner found for '{text}'; it stays in the text only"))
                self.facts.review("actions", message.format(text=_short(candidate.text), item=candidate.item),
                                  _("add it to actions with its owners if it is a task"), candidate.ref)
                continue
            owners = [o.label() if isinstance(o, PersonFact) else o.label for o in candidate.owners]
            entry: dict[str, Any] = {"id": f"a{len(out) + 1}", "text": candidate.text, "owners": owners}
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

    def next_meetings(self) -> list[dict]:
        out = []
        inferred = False
        for planned in self.facts.next_meetings:
            if planned.date is None:
                message = (_("'{text}' gives a month but no day; the line stays in the text") if planned.month_only
                           else _("'{text}' has a date I cannot place in a year; the line stays in the text"))
                self.review("next_meetings", message.format(text=_short(planned.text)),
                            _("add it to next_meetings when the date is known"), planned.ref)
                continue
            inferred = inferred or planned.year_inferred
            entry = {"date": planned.date}
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


def front_matter(facts: Facts, group: str, date: dt.date, source_name: str) -> tuple[str, Fitter, dict]:
    """The front-matter text, the fitter (with the lines that must stay in the body) and the counts."""
    fit = Fitter(facts)
    attendees = fit.attendees()
    absent = fit.absent()
    guests = fit.guests()
    secretary = fit.secretary()
    fit.adjusters()
    decisions = fit.decisions()
    actions = fit.actions()
    next_meetings = fit.next_meetings()
    doc_type = "minutes" if attendees else "notes"
    if not attendees:
        facts.review("type", _("no attendance list found, so the file is written as type notes"),
                     _("change type to minutes (and add attendees), report or presentation"), None)
    for name, value, fix in (("time", facts.time, _("add time: \"HH:MM-HH:MM\"")),
                             ("place", facts.place, _("add place: if the text names it")),
                             ("host", facts.host, _("add host: if one organisation hosted the meeting"))):
        if not value:
            facts.missing(name, _("not found"), fix)
    out = ["# " + _("Imported from {source} by notula import: check every field against the text.").format(source=source_name) + "\n",
           yaml_field("type", doc_type), yaml_field("group", group)]
    if facts.title:
        out.append(yaml_field("title", facts.title))
    out.append(yaml_field("date", date))
    if facts.time:
        out.append(yaml_field("time", facts.time))
    if facts.place:
        out.append(yaml_field("place", facts.place))
    if facts.host:
        out.append(yaml_field("host", facts.host.label))
    out.append(yaml_field("audience", "draft", _("imported: review it, then remove this line or write public/members")))
    for key, people in (("attendees", attendees), ("absent", absent), ("guests", guests)):
        if people:
            out.append(yaml_field(key, people))
    if secretary:
        out.append(yaml_field("secretary", secretary))
    for key, entries in (("decisions", decisions), ("actions", actions), ("next_meetings", next_meetings)):
        if entries:
            out.append(yaml_field(key, entries))
    counts = {"people": len(attendees) + len(absent) + len(guests), "decisions": len(decisions), "actions": len(actions)}
    return "".join(out), fit, counts


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
