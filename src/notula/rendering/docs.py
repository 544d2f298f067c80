"""Documentation derived from the schema: the JSON Schema and the field reference page."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from enum import Enum
from typing import Any

from pydantic import BaseModel

from notula.i18n import N_, _
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


SCHEMA_TITLE = N_("Notula minutes front-matter")


def json_schema() -> dict:
    """JSON Schema of a minutes file's front-matter, for editors, with its descriptions in the
    secretary's language (Swedish; English with NOTULA_LANG=en)."""
    result = _translated(schema.Document.model_json_schema(mode="validation"))
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    result["title"] = _(SCHEMA_TITLE)
    return result


def _translated(node: Any) -> Any:
    """A JSON Schema with every description translated (the schema's texts are English msgids)."""
    if isinstance(node, dict):
        return {key: _(value) if key == "description" and isinstance(value, str) else _translated(value)
                for key, value in node.items()}
    if isinstance(node, list):
        return [_translated(value) for value in node]
    return node


def _english_descriptions(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield value
            else:
                yield from _english_descriptions(value)
    elif isinstance(node, list):
        for value in node:
            yield from _english_descriptions(value)


def schema_texts() -> list[str]:
    """Every English text of the schema that the JSON Schema and the field reference page show:
    scripts/update-messages puts them in the catalog, and a test fails while one is untranslated."""
    texts = {SCHEMA_TITLE, *_english_descriptions(schema.Document.model_json_schema(mode="validation"))}
    for _heading, model in REFERENCE_MODELS:
        if model.__doc__:
            texts.add(_summary(model))
        texts.update(info.description for info in model.model_fields.values() if info.description)
    return sorted(texts)


def _summary(model: type[BaseModel]) -> str:
    return (model.__doc__ or "").strip().split("\n")[0]


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
            out.append(_(_summary(model)) + "\n")
        # A region of its own that the keyboard can reach: on a phone the table scrolls sideways.
        out.append(f'<div class="notula-scroll" tabindex="0" role="region" aria-label="Fält: {heading}" markdown>\n')
        out.append("| Fält | Typ | Krävs | Beskrivning | Exempel |\n|---|---|---|---|---|")
        for name, info in model.model_fields.items():
            example = (info.examples or [""])[0]
            if isinstance(example, str):
                example = site.localise(example)
            required = "ja" if info.is_required() else ""
            description = (_(info.description) if info.description else "").replace("|", "\\|")
            kind = type_name(info.annotation)
            if info.json_schema_extra is schema._one_or_list_schema:
                kind = kind.removeprefix("lista av ") + " eller lista av " + kind.removeprefix("lista av ")
            out.append(f"| `{name}` | {kind} | {required} | {description} | "
                       f"{'`' + str(example) + '`' if example != '' else ''} |")
        out.append("\n</div>\n")
    return "\n".join(out)
