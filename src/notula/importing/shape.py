"""What the front-matter format can hold, read from the pydantic schema (notula.model.schema).

The importer names each fact it found by the place it would take in the front matter (a path
such as `attendees[].items`, `secretary` or `next_meetings[].date`) and asks the schema whether
that place exists and takes the value. So what import reports as "the format cannot hold" is
whatever the schema lacks, and follows the schema as fields are added.
"""

from __future__ import annotations

import types
import typing
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from notula.model.schema import Document


def _inner(annotation: Any) -> list[Any]:
    """The types an annotation is made of, through Annotated, unions and lists."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _inner(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list):
        return [t for arg in typing.get_args(annotation) for t in _inner(arg)]
    return [annotation]


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _is_list(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(arg) for arg in typing.get_args(annotation))
    return origin is list


class Shape:
    """The places of a front-matter model (by default the current Document)."""

    def __init__(self, model: type[BaseModel] = Document):
        self.model = model
        self._adapters: dict[str, TypeAdapter] = {}

    def field(self, path: str) -> FieldInfo | None:
        """The field at path ('attendees[].items'; '[]' marks a list), or None if the model has none."""
        model: type[BaseModel] | None = self.model
        info: FieldInfo | None = None
        for part in path.split("."):
            if model is None:
                return None
            name = part.removesuffix("[]")
            info = model.model_fields.get(name)
            if info is None or (part.endswith("[]") and not _is_list(info.annotation)):
                return None
            model = next((t for t in _inner(info.annotation) if isinstance(t, type) and issubclass(t, BaseModel)), None)
        return info

    def holds(self, path: str, value: Any = None) -> bool:
        """Whether the format has the place path and (when given) takes value there."""
        info = self.field(path)
        if info is None:
            return False
        if value is None:
            return True
        if path not in self._adapters:
            annotation: Any = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
            self._adapters[path] = TypeAdapter(annotation)
        try:
            self._adapters[path].validate_python(value)
        except ValidationError:
            return False
        return True

    def order(self) -> list[str]:
        """The top-level fields in the schema's order (the order they are written in)."""
        return list(self.model.model_fields)


@lru_cache(maxsize=1)
def current() -> Shape:
    """The shape of today's format (one for all files of an import: its checks are cached)."""
    return Shape()
