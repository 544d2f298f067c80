"""The schema's descriptions in the secretary's language (issue 21): the field reference page
(om/falt) and the JSON Schema that editors show are Swedish on a Swedish site, and English with
NOTULA_LANG=en. The descriptions stay in English in src/notula/model/schema.py and go through the
catalog; scripts/update-messages puts each new one there. (tests/test_cli.py checks that
schema/front-matter.schema.json is the Swedish schema.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from notula import i18n
from notula.cli import main
from notula.rendering.docs import field_reference_markdown, json_schema, schema_texts

PO = Path(i18n.__file__).parent / "locale" / "sv" / "LC_MESSAGES" / "notula.po"


def descriptions(node) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield value
            else:
                yield from descriptions(value)
    elif isinstance(node, list):
        for value in node:
            yield from descriptions(value)


@pytest.fixture
def swedish(monkeypatch):
    monkeypatch.delenv("NOTULA_LANG", raising=False)


def test_every_description_of_the_schema_is_in_the_catalog_translated():
    texts = schema_texts()
    assert len(texts) > 80 and "Full name." in texts and "A member who did not come." in texts
    with PO.open("rb") as file:
        catalog = read_po(file)
    untranslated = [text for text in texts if text not in catalog or not catalog[text].string]
    assert not untranslated, f"run scripts/update-messages and translate in {PO.name}: {untranslated[:5]}"


def test_json_schema_is_swedish_by_default(swedish):
    schema = json_schema()
    english = set(schema_texts())
    shown = list(descriptions(schema))
    assert len(shown) > 80
    assert not english & set(shown), sorted(english & set(shown))[:5]
    assert schema["properties"]["attendees"]["description"] == "Vilka som deltog."
    assert schema["title"].startswith("Notula: minnesanteckningarnas")


def test_json_schema_is_english_on_request(monkeypatch):
    monkeypatch.setenv("NOTULA_LANG", "en")
    schema = json_schema()
    assert schema["properties"]["attendees"]["description"] == "Who took part."
    assert set(descriptions(schema)) <= set(schema_texts())


def test_notula_schema_prints_the_swedish_schema(swedish, capsys, tmp_path):
    assert main(["--root", str(tmp_path), "schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json_schema()
    assert printed["$defs"]["Absentee"]["anyOf"][1]["properties"]["notified"]["description"] == "Har anmält förhinder i förväg."


def test_field_reference_page_is_swedish(swedish):
    page = field_reference_markdown()
    assert "| `name` | text | ja | För- och efternamn. |" in page
    assert "En medlem som inte kom." in page  # a model's summary
    assert "Medlemsorganisationer." in page  # a registry's field
    english = [text for text in schema_texts() if f" {text} " in page or f"\n{text}\n" in page]
    assert not english, english[:5]


def test_field_reference_page_in_english_on_request(monkeypatch):
    monkeypatch.setenv("NOTULA_LANG", "en")
    page = field_reference_markdown()
    assert "| `name` | text | ja | Full name. |" in page and "A member who did not come." in page
