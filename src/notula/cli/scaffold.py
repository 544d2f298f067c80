"""`notula new`: a new file from the template of its type: minutes with the group's members as
attendees, an agenda with the planned time and place, a paper with its author and the group's
next meeting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from notula.errors import NotulaError
from notula.i18n import _
from notula.model.examples import Examples
from notula.model.gatherings import Gathering, gatherings
from notula.model.references import meeting_id
from notula.model.registry import Registry
from notula.model.schema import PAPER_TYPES, id_suffix
from notula.reading.filing import minutes_path
from notula.rendering.render import render


class ScaffoldError(NotulaError):
    """The file cannot be written; the message says why and what to do."""


def new_minutes(root: Path, registry: Registry, group_id: str, date: dt.date, doc_type: str = "minutes") -> Path:
    """Write a new file for the group's meeting on date, in the minutes folder the registry was
    read from, and return its path."""
    group = registry.groups.get(group_id)
    if group is None:
        raise ScaffoldError(_("unknown group '{group}'; the groups are: {groups}").format(
            group=group_id, groups=", ".join(registry.groups) or _("none")))
    path = minutes_path(root, group_id, date, id_suffix(doc_type), registry.folder)
    if path.exists():
        raise ScaffoldError(_("{path} already exists; edit it, or choose another date").format(path=path.relative_to(root)))
    members = [registry.organisations[org_id] for org_id in group.members]
    found = _gatherings(root, registry.folder, group_id)
    planned = next((g.planned for g in found if g.date == date and g.slug is None), None)
    text = render("new.md.j2", group=group, date=date, doc_type=doc_type, members=members, planned=planned,
                  next_meeting=_next_meeting(found, date) if doc_type in PAPER_TYPES else None,
                  examples=Examples.of(registry))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _gatherings(root: Path, minutes_dir: str, group_id: str) -> list[Gathering]:
    """The group's meetings as the pages and calendars show them (notula.model.gatherings: the time
    and place planned for a day are those of the schedule in force for it; a month has no day)."""
    from notula.model.validate import check_corpus

    corpus, _ = check_corpus(root, minutes_dir=minutes_dir)  # the names policy plays no part here
    return gatherings(corpus, group_id)


def _next_meeting(found: list[Gathering], date: dt.date) -> str | None:
    """group/date of the group's first meeting with a day on or after date, held or planned: the
    meeting a paper of that date is most likely for."""
    for gathering in found:
        if isinstance(gathering.date, dt.date) and gathering.date >= date and (gathering.records or gathering.planned):
            return meeting_id(gathering.group, gathering.date, gathering.slug or "")
    return None
