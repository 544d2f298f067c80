"""Helpers for the import tests: the demo registry, and importing a text in memory."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest

from notula.importing.document import Document
from notula.importing.facts import Facts
from notula.importing.organisations import OrgMatcher
from notula.importing.readers import text_document
from notula.importing.recognise import recognise
from notula.importing.shape import Shape
from notula.importing.write import body, consumed_lines, front_matter
from notula.model.registry import load_registry
from notula.reading import yamlsafe

REPO = Path(__file__).resolve().parents[2]
# Beside the repository (as in CI); NOTULA_EXAMPLES points elsewhere, e.g. from a git worktree.
EXAMPLES = Path(os.environ.get("NOTULA_EXAMPLES") or REPO.parent / "shared" / "examples")


def examples_dir() -> Path:
    """The real minutes in ../shared/examples, or a clean skip when they are not there."""
    if not EXAMPLES.is_dir():
        pytest.skip(f"the example minutes are not here ({EXAMPLES} is missing)")
    return EXAMPLES


@lru_cache(maxsize=1)
def demo_matcher() -> OrgMatcher:
    registry, problems = load_registry(REPO / "minutes", REPO)
    assert not problems
    return OrgMatcher(registry)


@dataclass
class Imported:
    meta: dict
    body: str
    facts: Facts

    def notes(self, kind: str = "review") -> list[str]:
        return [f"{n.field}: {n.message}" for n in self.facts.notes if n.kind == kind]


def import_text(text: str, date: dt.date | None = dt.date(2017, 4, 4), document: Document | None = None,
                shape: Shape | None = None) -> Imported:
    """Recognise and write a text the way `notula import` does (without files); shape: the format
    to fit it to (default: the current schema)."""
    document = document or text_document(text)
    facts = recognise(document, demo_matcher(), date)
    front, fitter, _ = front_matter(facts, "sgi", date or facts.date, "test.txt", shape)
    meta = yamlsafe.load(front).data
    return Imported(meta, body(document, facts, consumed_lines(facts, fitter.blocked), {}), facts)
