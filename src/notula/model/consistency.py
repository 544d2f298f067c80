"""Checks between the fields of one valid document: contradictions and references that point nowhere.

Each is a problem with the field's line, like a schema error: the same person listed twice, or
both present and absent; an item number the body's headings do not give; a report-back date
before the meeting; a coming meeting that is not to come, or listed twice; an action followed up twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from notula.i18n import _
from notula.model import names
from notula.model.schema import Document, last_day
from notula.problems import Problem, format_path
from notula.reading.agenda import covers, item_number, numbered_items

LineOf = Callable[[tuple], int | None]


def contradictions(doc: Document, body: str, display: str, line_of: LineOf) -> list[Problem]:
    """Every contradiction between the fields of doc (and its body)."""

    def problem(loc: tuple, message: str, fix: str) -> Problem:
        return Problem(display, line_of(loc), format_path(loc), message, fix)

    found: list[Problem] = []
    found += [problem(*p) for p in _people_twice(doc)]
    found += [problem(*p) for p in _unknown_items(doc, body)]
    found += [problem(*p) for p in _dates(doc)]
    found += [problem(*p) for p in _planned_twice(doc)]
    found += [problem(*p) for p in _follow_ups_twice(doc)]
    return found


# ---------------------------------------------------------------- people


# Cyrillic and Greek letters that look like Latin ones (after casefolding): 'Аnna' with a
# Cyrillic А, pasted from elsewhere, is the Anna of the line above to a reader.
_LOOKALIKES = str.maketrans("аеорсхуіјѕһԁԛԝӏοριϲκνϳ", "aeopcxyijshdqwlopickvj")


def _key(name: str) -> str:
    """A name as a reader compares it: case, Unicode form (NFD/NFC), invisible characters,
    spacing and look-alike letters do not count."""
    return names.key(name).translate(_LOOKALIKES)


def _people_twice(doc: Document) -> Iterator[tuple[tuple, str, str]]:
    """The same person twice in a list, present and absent, a member and a guest, or an absent secretary."""
    listed: list[tuple[tuple, str, str | None]] = []  # (where, name, organisation) of each entry so far
    lists: list[tuple[str, Sequence[Any]]] = [("attendees", doc.attendees), ("absent", doc.absent),
                                              ("guests", doc.guests), ("secretary", doc.secretary)]
    for kind, entries in lists:
        for index, entry in enumerate(entries):
            name, org = _key(entry.name), entry.org
            earlier = next((where for where, other, other_org in listed if other == name
                            and (org == other_org or org is None or other_org is None)  # a guest without one
                            and _clash(where[0], kind)), None)
            if earlier is not None:
                yield ((kind, index), *_twice(entry.name, earlier, kind))
            listed.append(((kind, index), name, org))


def _clash(first: str, then: str) -> bool:
    """Whether one person may not stand in both lists: the secretary may also take part, not be absent."""
    if then == "secretary":
        return first in ("absent", "secretary")
    return True


def _twice(who: str, earlier: tuple, kind: str) -> tuple[str, str]:
    first = format_path(earlier)
    if earlier[0] == kind:
        return (_("'{who}' is listed twice: also as {first}").format(who=who, first=first),
                _("list each person once; remove one of the lines"))
    if {earlier[0], kind} == {"attendees", "absent"}:
        return (_("'{who}' is listed both as taking part ({first}) and as absent").format(who=who, first=first),
                _("keep the person under 'attendees' if they came, under 'absent' if they did not"))
    if kind == "secretary":
        return (_("the secretary '{who}' is listed as absent ({first})").format(who=who, first=first),
                _("remove the secretary from 'absent', or correct the name of the secretary"))
    return (_("'{who}' is listed both as {first} and under '{kind}'").format(who=who, first=first, kind=kind),
            _("list a member who took part under 'attendees' and an invited guest under 'guests', once"))


# ---------------------------------------------------------------- agenda items


def _item_refs(doc: Document) -> Iterator[tuple[tuple, int | str]]:
    listed: list[tuple[str, Sequence[Any]]] = [("decisions", doc.decisions), ("proposals", doc.proposals),
                                               ("actions", doc.actions)]
    for kind, entries in listed:
        for index, entry in enumerate(entries):
            if entry.item is not None:
                yield (kind, index, "item"), entry.item
    present: list[tuple[str, Sequence[Any]]] = [("attendees", doc.attendees), ("guests", doc.guests)]
    for kind, people in present:
        for index, person in enumerate(people):
            for position, item in enumerate(person.items):
                yield (kind, index, "items", position), item


def _unknown_items(doc: Document, body: str) -> Iterator[tuple[tuple, str, str]]:
    """Item numbers the body's headings do not give, when the body numbers its items."""
    numbered = numbered_items(body)
    if not numbered:
        return
    given = ", ".join(numbered)
    for loc, item in _item_refs(doc):
        ref = item_number(str(item))
        missing = covers(ref, numbered) if ref else []
        if missing:
            yield (loc, _("the body has no item {item}: its headings number the items {given}").format(
                       item=missing[0], given=given),
                   _("correct the item number, or give the item its heading in the body, e.g. '## {item}. Title'").format(
                       item=missing[0]))


# ---------------------------------------------------------------- dates


def _dates(doc: Document) -> Iterator[tuple[tuple, str, str]]:
    """Report-back dates before the meeting, and coming meetings that are not to come."""
    date = doc.date.isoformat()
    dated: list[tuple[str, Sequence[Any]]] = [("actions", doc.actions), ("follow_up", doc.follow_up)]
    for kind, entries in dated:
        for index, entry in enumerate(entries):
            if entry.due is not None and entry.due < doc.date:
                yield ((kind, index, "due"),
                       _("the report-back date {due} is before the meeting ({date})").format(due=entry.due.isoformat(),
                                                                                            date=date),
                       _("check the year and the month of the date"))
    for index, meeting in enumerate(doc.next_meetings):
        if last_day(meeting.date) <= doc.date:
            yield (("next_meetings", index, "date"),
                   _("a coming meeting on {planned} is not after this meeting ({date})").format(
                       planned=meeting.date.isoformat(), date=date),
                   _("check the date; a meeting that has been held belongs in its own minutes"))


def _planned_twice(doc: Document) -> Iterator[tuple[tuple, str, str]]:
    """A coming meeting listed twice: the site would show the first entry's time and place only."""
    first: dict[str, int] = {}
    for index, meeting in enumerate(doc.next_meetings):
        day = meeting.date.isoformat()
        if day in first:
            yield (("next_meetings", index, "date"),
                   _("the coming meeting on {planned} is already listed in {first}").format(
                       planned=day, first=format_path(("next_meetings", first[day]))),
                   _("list each coming meeting once; write what else is said about it in its 'note'"))
        else:
            first[day] = index


def _follow_ups_twice(doc: Document) -> Iterator[tuple[tuple, str, str]]:
    first: dict[str, int] = {}
    for index, follow_up in enumerate(doc.follow_up):
        if follow_up.action in first:
            yield (("follow_up", index, "action"),
                   _("the action '{ref}' is already followed up in {first}").format(
                       ref=follow_up.action, first=format_path(("follow_up", first[follow_up.action]))),
                   _("report on each action once: put both notes in one entry"))
        else:
            first[follow_up.action] = index
