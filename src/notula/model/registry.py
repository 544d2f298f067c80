"""The registries: organisations, groups, topics and abbreviations (YAML at the top of the minutes folder)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from notula.i18n import N_, _
from notula.model.messages import problems_from_validation
from notula.model.schema import ABBREVIATIONS_FILE, REGISTRY_FILES, Group, Organisation, Topic
from notula.problems import Problem, did_you_mean
from notula.reading.fieldtext import field_problems
from notula.reading.source import SourceError, read_yaml
from notula.settings import DEFAULT_MINUTES_DIR, DEFAULT_PUBLIC_NAMES, names_policy


@dataclass
class Registry:
    """Everything a minutes file may refer to, with case-insensitive lookup by any name."""

    organisations: dict[str, Organisation] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    abbreviations: dict[str, str] = field(default_factory=dict)
    folder: str = DEFAULT_MINUTES_DIR  # the minutes folder, as messages name it (relative to the site)
    _names: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def index(self) -> None:
        """(Re)build the lookup tables from names, short names and aliases."""
        self._names = {
            "organisation": _names(self.organisations.values(), lambda o: [o.id, o.name, o.short, *o.aliases]),
            "group": _names(self.groups.values(), lambda g: [g.id, g.name, g.short]),
            "topic": _names(self.topics.values(), lambda t: [t.id, t.name]),
        }

    def resolve(self, kind: str, ref: str) -> str:
        """The id that ref names, or a validation error with a 'did you mean'."""
        names = self._names.get(kind, {})
        found = names.get(ref.strip().casefold())
        if found is not None:
            return found
        raise PydanticCustomError(
            f"unknown_{kind}", _(_UNKNOWN[kind]),
            {"kind": kind, "ref": ref, "hint": self.suggest(kind, ref), "file": self.file(kind + "s")}
        )

    def file(self, attr: str) -> str:
        """The registry file of attr (organisations, groups, topics), as messages name it."""
        return f"{self.folder}/{REGISTRY_FILES[attr][0]}"

    def suggest(self, kind: str, ref: str) -> str | None:
        """'did you mean …' naming the closest entries by their usual name."""
        names = self._names.get(kind, {})
        label = {"organisation": lambda i: self.organisations[i].label,
                 "group": lambda i: i, "topic": lambda i: i}[kind]
        return did_you_mean(ref, names, name=lambda spelling: label(names[spelling]))

    def org(self, org_id: str) -> Organisation:
        return self.organisations[org_id]


_UNKNOWN = {"organisation": N_("unknown organisation '{ref}'"), "group": N_("unknown group '{ref}'"),
            "topic": N_("unknown topic '{ref}'")}


def _names(items, spellings: Callable) -> dict[str, str]:
    table: dict[str, str] = {}
    for item in items:
        for name in spellings(item):
            if name:
                table.setdefault(name.strip().casefold(), item.id)
    return table


def load_registry(minutes_dir: Path, root: Path,
                  public_names: str = DEFAULT_PUBLIC_NAMES) -> tuple[Registry, list[Problem]]:
    """Read and validate the registry files; returns what could be read and every problem.
    public_names: the site's names policy, for the groups whose entry does not set one (the
    one place a group's policy is settled: everything after reads group.public_names)."""
    policy = names_policy(public_names)
    registry = Registry(folder=display(minutes_dir, root))
    problems: list[Problem] = []
    # Organisations first: groups refer to them.
    for attr in ("organisations", "groups", "topics"):
        filename, model = REGISTRY_FILES[attr]
        items, found = _load_list(minutes_dir / filename, root, model, registry)
        problems += found
        if attr == "groups":
            items = {key: item if "public_names" in item.model_fields_set else item.model_copy(update={"public_names": policy})
                     for key, item in items.items()}
        setattr(registry, attr, items)
        registry.index()
    registry.abbreviations, found = _load_abbreviations(minutes_dir / ABBREVIATIONS_FILE, root)
    problems += found
    problems += _ambiguous_names(registry, display(minutes_dir / REGISTRY_FILES["organisations"][0], root))
    return registry, problems


def display(path: Path, root: Path) -> str:
    """A path as shown in messages: relative to the project when possible."""
    try:
        return path.relative_to(root).as_posix()  # the common case, without touching the disk
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _load_list(path: Path, root: Path, model: type[Organisation | Group | Topic],
               registry: Registry) -> tuple[dict[str, Organisation | Group | Topic], list[Problem]]:
    shown = display(path, root)
    if not path.is_file():
        return {}, [Problem(shown, None, None, _("the registry file is missing"),
                            _("create {name}; see the docs").format(name=path.name))]
    try:
        loaded = read_yaml(path, shown)
    except SourceError as exc:
        return {}, exc.problems
    if not isinstance(loaded.data, list):
        return {}, [Problem(shown, 1, None, _("the registry must be a list of entries"), _("start each entry with '- id: …'"))]
    items: dict[str, Organisation | Group | Topic] = {}
    problems: list[Problem] = field_problems(loaded, shown)  # shown on pages like the minutes' fields
    for index, entry in enumerate(loaded.data):
        try:
            item = model.model_validate(entry, context={"registry": registry})
        except ValidationError as exc:
            problems += problems_from_validation(exc, shown, loaded.line_of, data=entry, model=model, prefix=(index,))
            continue
        if item.id in items:
            problems.append(Problem(shown, loaded.line_of((index, "id")), f"[{index + 1}].id",
                                    _("the id '{id}' is used twice").format(id=item.id), _("give every entry its own id")))
            continue
        items[item.id] = item
    return items, problems


def _load_abbreviations(path: Path, root: Path) -> tuple[dict[str, str], list[Problem]]:
    shown = display(path, root)
    if not path.is_file():
        return {}, []
    try:
        loaded = read_yaml(path, shown)
    except SourceError as exc:
        return {}, exc.problems
    if not isinstance(loaded.data, dict):
        return {}, [Problem(shown, 1, None, _("abbreviations must be 'ABBR: expansion' lines"),
                            _("write e.g. 'KS: Kommunstyrelsen'"))]
    result, problems = {}, field_problems(loaded, shown)
    for key, value in loaded.data.items():
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(shown, loaded.line_of((key,)), key, _("the expansion must be text"),
                                    _("write e.g. 'KS: Kommunstyrelsen'")))
        elif not _ABBREVIATION.match(str(key)):
            problems.append(Problem(shown, loaded.line_of((key,)), str(key), _("'{key}' is not an abbreviation").format(key=key),
                                    _("write the abbreviation as one word of letters and digits (also - . & /)")))
        elif "\n" in value.strip():
            problems.append(Problem(shown, loaded.line_of((key,)), key, _("the expansion must be one line"),
                                    _("write the expansion on one line")))
        else:
            result[str(key)] = value.strip()
    return result, problems


_ABBREVIATION = re.compile(r"^\w(?:[\w.&/-]*\w)?\.?$")


def _ambiguous_names(registry: Registry, shown: str) -> list[Problem]:
    owners: dict[str, set[str]] = {}
    for org in registry.organisations.values():
        for name in (org.id, org.name, org.short, *org.aliases):
            if name:
                owners.setdefault(name.strip().casefold(), set()).add(org.id)
    return [
        Problem(shown, None, None, _("the name '{name}' belongs to several organisations: {ids}").format(
                    name=name, ids=", ".join(sorted(ids))), _("make each name, short name and alias unique"))
        for name, ids in owners.items() if len(ids) > 1
    ]
