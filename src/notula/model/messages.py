"""Turning pydantic validation errors into Problems with line, field and fix."""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from notula.problems import Problem, did_you_mean, format_path

LineOf = Callable[[tuple], int | None]

_FIXES = {
    "time_format": 'write "HH:MM" or "HH:MM-HH:MM" in quotes, e.g. "09:00-13:00"',
    "time_order": "check the start and end times",
    "date_or_month": "write a date as YYYY-MM-DD, or a month as YYYY-MM when the day is not decided, e.g. 2021-09",
    "attachment_source": "write 'file: attachments/…' for a file next to the minutes, or 'url: https://…' for one on the web",
    "for_meeting_type": "remove 'for_meeting', or set 'type: paper' (or agenda, report, presentation)",
    "approved_early": "check the approval date (YYYY-MM-DD) and the meeting date",
    "proposer_empty": "write 'Name, Organisation', an organisation, or the body that proposed it",
    "unknown_body": "write 'Name, Organisation' for a person, or add the organisation to organisations.yml or the body to abbreviations.yml",
    "attachment_missing": "put the file there, or correct the path (it is relative to this minutes file)",
    "attachment_outside": "put the file in the folder 'attachments' next to this minutes file and write "
                          "'attachments/<file name>' (a file of another group's or year's folder cannot be attached)",
    "attachment_type": "attach a PDF (or an office document) instead: save the file as PDF",
    "attachment_link": "put the file itself in the attachments folder instead of a link to it",
    "no_attendees": "list who took part under 'attendees', or set 'type: notes'",
    "release_audience": "a document with 'release' is public from that date: remove 'audience' or 'release'",
    "one_line": "write it on one line (a line break here would break headings, lists and calendars)",
    "placeholder": "write the person's name, or remove the line if nobody came from there",
    "shorthand": "write 'Name, Organisation' or a mapping such as {name: Anna Ek, org: Halmstad}",
    "unknown_organisation": "use an id, name, short name or alias from minutes/organisations.yml, or add it there",
    "unknown_group": "use a group id from minutes/groups.yml, or add the group there",
    "unknown_topic": "use a topic id from minutes/topics.yml, or add the topic there",
}


def problems_from_validation(
    exc: ValidationError, path: str, line_of: LineOf, data: Any, model: type[BaseModel], prefix: tuple = (),
) -> list[Problem]:
    """One Problem per distinct location in a pydantic ValidationError of model, validating data."""
    problems: dict[tuple, Problem] = {}
    for error in exc.errors(include_url=False):
        loc = _clean_loc(error["loc"], data, error["type"])
        if loc in problems:  # a union reports each alternative; the first says enough
            continue
        full = prefix + loc
        message, fix = _explain(error, loc, model)
        problems[loc] = Problem(path, line_of(full), format_path(full) or None, message, fix)
    return list(problems.values())


def _clean_loc(loc: tuple, data: Any, kind: str) -> tuple:
    """Drop pydantic's internal parts (union tags, validator names) by following the data."""
    out: list = []
    node = data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            out.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
        elif isinstance(part, str) and i == len(loc) - 1 and kind in ("missing", "extra_forbidden"):
            out.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and kind == "missing" and "[" not in part and part not in _TYPE_TAGS:
            out.append(part)
            node = None
    return tuple(out)


_TYPE_TAGS = {"int", "str", "float", "bool", "date", "list", "dict", "none", "str-constrained", "int-constrained"}


def _explain(error: ErrorDetails, loc: tuple, model: type[BaseModel] | None) -> tuple[str, str | None]:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    name = loc[-1] if loc and isinstance(loc[-1], str) else None
    info = _field_info(model, loc)
    example = _example(info)
    if kind == "missing":
        return f"required field '{name}' is missing", f"add '{name}: {example or '…'}'"
    if kind == "extra_forbidden":
        owner = _field_owner(model, loc[:-1])
        hint = did_you_mean(str(name), owner.model_fields) if owner else None
        if value is None and not hint:  # {place: Rådhuset, Halmstad} splits at the comma
            hint = "if it belongs to the value before it, put that value in quotes (inside {…} a comma starts a new field)"
        return f"unknown field '{name}'", hint or "remove it; the docs list every field"
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"):
        return f"{_describe(value)} is not a valid date", "write an existing date as YYYY-MM-DD, e.g. 2017-04-04"
    if kind in ("string_type",):
        return f"expected text, got {_describe(value)}", "write one line of text; put it in quotes if needed"
    if kind in ("list_type",):
        return f"expected a list, got {_describe(value)}", "write '[a, b]' or one '- item' per line"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {_describe(value)}", "write true or false"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {_describe(value)}", "write a number such as 3"
    if kind in ("enum", "literal_error"):
        return f"{_describe(value)} is not allowed", f"use one of: {ctx.get('expected', '')}".replace("'", "")
    if kind == "string_pattern_mismatch":
        return f"{_describe(value)} has the wrong form", f"write it like '{example}'" if example else "use lowercase letters, digits and hyphens"
    if kind == "string_too_short":
        return "must not be empty", "write a value or remove the field"
    if kind == "too_short":
        return "needs at least one entry", "add an entry"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected 'field: value' lines, got {_describe(value)}", "indent the fields under this entry"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return error["msg"], None
    fix = _FIXES.get(kind)
    if ctx.get("hint"):
        fix = f"{ctx['hint']} Otherwise {fix}" if fix else ctx["hint"]
    return error["msg"].removeprefix("Value error, "), fix


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if value is None:
        return "nothing"
    return f"'{value}'"


def _unwrap(annotation: Any) -> type[BaseModel] | None:
    """The model class inside list[...], X | None, Annotated[...]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _unwrap(arg)
        if found:
            return found
    return None


def _field_owner(model: type[BaseModel] | None, loc: tuple) -> type[BaseModel] | None:
    for part in loc:
        if model is None:
            return None
        if isinstance(part, str):
            field = model.model_fields.get(part)
            model = _unwrap(field.annotation) if field else None
    return model


def _field_info(model: type[BaseModel] | None, loc: tuple) -> FieldInfo | None:
    names = [i for i, p in enumerate(loc) if isinstance(p, str)]
    if not names:
        return None
    owner = _field_owner(model, loc[: names[-1]])
    return owner.model_fields.get(loc[names[-1]]) if owner else None


def _example(info: FieldInfo | None) -> str | None:
    if info is None:
        return None
    examples = info.examples or [m.examples[0] for m in info.metadata if getattr(m, "examples", None)] or []
    if not examples:
        return None
    return str(examples[0])
