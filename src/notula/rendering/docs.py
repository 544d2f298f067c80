"""Documentation derived from the schema: the JSON Schema and the field reference page."""

from __future__ import annotations

import typing
from enum import Enum

from pydantic import BaseModel

from notula.model import schema
from notula.model.examples import Examples

REFERENCE_MODELS: list[tuple[str, type[BaseModel]]] = [
    ("Mötesfil (front-matter)", schema.Document),
    ("Deltagare (attendees)", schema.Attendee),
    ("Frånvarande (absent)", schema.Absentee),
    ("Gäst (guests)", schema.Guest),
    ("Person (secretary, approved.by)", schema.Person),
    ("Författare (author)", schema.Author),
    ("Justering (approved)", schema.Approval),
    ("Beslut (decisions)", schema.Decision),
    ("Förslag (proposals)", schema.Proposal),
    ("Förslagsställare (proposals[].by)", schema.Proposer),
    ("Uppdrag (actions)", schema.Action),
    ("Ansvarig (actions[].owners)", schema.Owner),
    ("Uppföljning (follow_up)", schema.FollowUp),
    ("Bilaga (attachments)", schema.Attachment),
    ("Länk (links)", schema.Link),
    ("Kommande möte (next_meetings)", schema.PlannedMeeting),
    ("Händelse (events)", schema.Event),
    ("Organisation (organisations.yml)", schema.Organisation),
    ("Grupp (groups.yml)", schema.Group),
    ("Ämne (topics.yml)", schema.Topic),
]


def json_schema() -> dict:
    """JSON Schema of a minutes file's front-matter, for editors."""
    result = schema.Document.model_json_schema(mode="validation")
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    result["title"] = "Notula minutes front-matter"
    return result


def type_name(annotation) -> str:
    """A short readable name for a field's type."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin in (list,):
        return f"lista av {type_name(args[0])}"
    if annotation is schema.Month:
        return "månad (YYYY-MM)"
    if origin in (typing.Union, getattr(__import__('types'), 'UnionType', None)):
        return " eller ".join(type_name(a) for a in args)
    if origin is typing.Literal:
        return " \\| ".join(str(a) for a in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return " \\| ".join(member.value for member in annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    return {"str": "text", "int": "tal", "bool": "true/false", "date": "datum"}.get(
        getattr(annotation, "__name__", str(annotation)), str(annotation))


def field_reference_markdown(site: Examples | None = None) -> str:
    """Every field of every model as Markdown tables (the 'Fältreferens' page), with the
    site's examples (notula.model.examples) where it has them."""
    site = site or Examples()
    out = ["Den här sidan skapas automatiskt ur Notulas schema och är alltid aktuell.\n"]
    for heading, model in REFERENCE_MODELS:
        out.append(f"## {heading}\n")
        if model.__doc__:
            out.append(model.__doc__.strip().split("\n")[0] + "\n")
        # A region of its own that the keyboard can reach: on a phone the table scrolls sideways.
        out.append(f'<div class="notula-scroll" tabindex="0" role="region" aria-label="Fält: {heading}" markdown>\n')
        out.append("| Fält | Typ | Krävs | Beskrivning | Exempel |\n|---|---|---|---|---|")
        for name, info in model.model_fields.items():
            example = (info.examples or [""])[0]
            if isinstance(example, str):
                example = site.localise(example)
            required = "ja" if info.is_required() else ""
            description = (info.description or "").replace("|", "\\|")
            kind = type_name(info.annotation)
            if info.json_schema_extra is schema._one_or_list_schema:
                kind = kind.removeprefix("lista av ") + " eller lista av " + kind.removeprefix("lista av ")
            out.append(f"| `{name}` | {kind} | {required} | {description} | "
                       f"{'`' + str(example) + '`' if example != '' else ''} |")
        out.append("\n</div>\n")
    return "\n".join(out)
