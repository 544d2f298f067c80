"""`notula new`: a new minutes file from the template, with the group's members as attendees."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from notula.errors import NotulaError
from notula.model.registry import Registry
from notula.model.validate import MINUTES_DIR
from notula.reading.filing import file_name
from notula.rendering.render import render


class ScaffoldError(NotulaError):
    """The file cannot be written; the message says why and what to do."""


def minutes_path(root: Path, group_id: str, date: dt.date, suffix: str = "") -> Path:
    """The documented place of a file: minutes/<group>/<year>/<date>-<group>[-<suffix>].md"""
    return root / MINUTES_DIR / group_id / str(date.year) / file_name(group_id, date, suffix)


def new_minutes(root: Path, registry: Registry, group_id: str, date: dt.date, doc_type: str = "minutes") -> Path:
    """Write a new file for the group's meeting on date and return its path."""
    group = registry.groups.get(group_id)
    if group is None:
        raise ScaffoldError(f"unknown group '{group_id}'; the groups are: {', '.join(registry.groups) or 'none'}")
    suffix = "" if doc_type in ("minutes", "notes") else doc_type
    path = minutes_path(root, group_id, date, suffix)
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists; edit it, or choose another date")
    members = [registry.organisations[org_id] for org_id in group.members]
    previous = _latest_schedule(root, group_id, date)
    text = render("new.md.j2", group=group, date=date, doc_type=doc_type, members=members, planned=previous)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _latest_schedule(root: Path, group_id: str, date: dt.date):
    """The time and place planned for this date at an earlier meeting, if any."""
    from notula.model.validate import check_corpus

    corpus, _ = check_corpus(root)
    for meeting in reversed(corpus.of_group(group_id)):
        for planned in meeting.doc.next_meetings:
            if planned.date == date:  # (a month-only plan has no time or place for a day)
                return planned
    return None
