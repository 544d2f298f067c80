"""Turning pydantic validation errors into Problems with line, field and fix."""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from notula import retired
from notula.i18n import N_, _
from notula.problems import Problem, did_you_mean, format_path
from notula.reading.yamlsafe import written

LineOf = Callable[[tuple], int | None]

_FIXES = {
    "time_format": N_('write "HH:MM" or "HH:MM-HH:MM" in quotes, e.g. "09:00-13:00"'),
    "time_order": N_("check the start and end times"),
    "date_or_month": N_("write a date as YYYY-MM-DD, or a month as YYYY-MM when the day is not decided, e.g. 2021-09"),
    "attachment_source": N_("write 'file: attachments/…' for a file next to the minutes, or 'url: https://…' for one on the web"),
    "for_meeting_type": N_("remove 'for_meeting', or set 'type: paper' (or agenda, report, presentation)"),
    "approved_early": N_("check the approval date (YYYY-MM-DD) and the meeting date"),
    "approved_type": N_("remove 'approved': only minutes and notes are approved (justeras); this document follows its "
                        "audience alone"),
    "proposer_empty": N_("write 'Name, Organisation', an organisation, or the body that proposed it"),
    "unknown_body": N_("write 'Name, Organisation' for a person, or add the organisation to organisations.yml or the body to abbreviations.yml"),
    "attachment_missing": N_("put the file there, or correct the path (it is relative to this minutes file)"),
    "attachment_outside": N_("put the file in the folder 'attachments' next to this minutes file and write "
                             "'attachments/<file name>' (a file of another group's or year's folder cannot be attached)"),
    "attachment_type": N_("save the file as PDF (or as one of the types listed) and attach that instead"),
    "attachment_link": N_("put the file itself in the attachments folder instead of a link to it"),
    "no_attendees": N_("list who took part under 'attendees', or set 'type: notes'"),
    "release_audience": N_("a document with 'release' is public from that date: remove 'audience' or 'release'"),
    "one_line": N_("write it on one line (a line break here would break headings, lists and calendars)"),
    "placeholder": N_("write the person's name"),
    "item_number": N_("write the item's number as the body's heading gives it: 3, a sub-item as \"3.2\", several items as "
                      "a list [4, 5] or a range \"4–5\""),
    "shorthand": N_("write 'Name, Organisation' or a mapping such as {name: NAMN, org: ORGANISATION}"),
    # {file}: the registry file where the site keeps them (Registry.resolve)
    "unknown_organisation": N_("use an id, name, short name or alias from {file}, or add it there"),
    "unknown_group": N_("use a group id from {file}, or add the group there"),
    "unknown_topic": N_("use a topic id from {file}, or add the topic there"),
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
    # {name:Anna} is one unknown field 'name:Anna' to YAML: its problem says so, 'name' missing is not another.
    spaceless = {loc[:-1] + (str(loc[-1]).partition(":")[0],) for loc in problems if loc and ":" in str(loc[-1])}
    return [problem for loc, problem in problems.items() if loc not in spaceless]


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
        return (_("required field '{name}' is missing").format(name=name),
                _("add '{name}: {example}'").format(name=name, example=example or "…"))
    if kind == "extra_forbidden":
        owner = _field_owner(model, loc[:-1])
        field, colon, _rest = str(name).partition(":")
        if colon and owner and field in owner.model_fields:  # {name:Anna} is one word to YAML
            return (_("the field name '{name}' is followed by a colon without a space after it").format(name=field),
                    _("write a space after the colon: '{name}: …'").format(name=field))
        hint = retired.field_fix(str(name)) or (did_you_mean(str(name), owner.model_fields) if owner else None)
        if value is None and not hint:  # {place: Rådhuset, Exempelstad} splits at the comma
            hint = _("if it belongs to the value before it, put that value in quotes (inside {…} a comma starts a new field)")
        return _("unknown field '{name}'").format(name=name), hint or _("remove it; the docs list every field")
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"):
        return (_("{value} is not a valid date").format(value=_describe(value)),
                _("write an existing date as YYYY-MM-DD, e.g. 2017-04-04"))
    if kind in ("string_type",):
        return (_("expected text, got {value}").format(value=_describe(value)),
                _("write one line of text; put it in quotes if needed"))
    if kind in ("list_type",):
        return _("expected a list, got {value}").format(value=_describe(value)), _("write '[a, b]' or one '- item' per line")
    if kind in ("bool_type", "bool_parsing"):
        return _("expected true or false, got {value}").format(value=_describe(value)), _("write true or false")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return _("expected a whole number, got {value}").format(value=_describe(value)), _("write a number such as 3")
    if kind in ("enum", "literal_error"):
        choices = str(ctx.get("expected", "")).replace("'", "").replace(" or ", f" {_('or')} ")
        return _("{value} is not allowed").format(value=_describe(value)), _("use one of: {choices}").format(choices=choices)
    if kind == "string_pattern_mismatch":
        return (_("{value} has the wrong form").format(value=_describe(value)),
                _("write it like '{example}'").format(example=example) if example else _("use lowercase letters, digits and hyphens"))
    if kind == "string_too_short":
        return _("must not be empty"), _("write a value or remove the field")
    if kind == "too_short":
        return _("needs at least one entry"), _("add an entry")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (_("expected 'field: value' lines, got {value}").format(value=_describe(value)),
                _("indent the fields under this entry"))
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return error["msg"], None
    fix = _(_FIXES[kind]) if kind in _FIXES else None
    if kind == "placeholder" and loc and loc[0] in ("attendees", "absent"):
        fix = _("write the person's name, or remove the line if nobody came from there")
    if fix and ctx.get("file"):
        fix = fix.format(file=ctx["file"])
    if ctx.get("hint"):
        fix = _("{hint} Otherwise {fix}").format(hint=ctx["hint"], fix=fix) if fix else ctx["hint"]
    return error["msg"].removeprefix("Value error, "), fix


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return _("true/false ({value})").format(value=str(value).lower())
    if isinstance(value, (int, float)):
        return _("the number {value}").format(value=written(value))
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a group of fields")
    if value is None:
        return _("nothing")
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
