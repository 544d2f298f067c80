"""What the built search index holds: names, places, organisations and decisions on the right pages.

This reads search/search_index.json; the browser test of typing into the search box
(and of Swedish stemming, which runs in the browser) is separate.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.build


def index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def pages_with(site: Path, words: str) -> set[str]:
    """The pages (location without anchor) whose indexed title or text contains words."""
    found = set()
    for doc in index(site)["docs"]:
        if words.casefold() in (doc["title"] + " " + doc["text"]).casefold():
            found.add(doc["location"].split("#")[0])
    return found


def test_search_is_swedish(demo_site):
    config = index(demo_site)["config"]
    assert config["lang"] == ["sv"]
    assert config["pipeline"] == ["stemmer", "stopWordFilter", "trimmer"]


@pytest.mark.parametrize("words, page", [
    ("Helena Strand", "sgi/2017-04-25/"),          # an attendee
    ("Helena Strand", "organisationer/halmstad/"),  # and the organisation she represents
    ("Mirela Kovačević", "sgi/2017-04-25/"),       # a guest
    ("Hyltebruk", "sgi/2017-04-25/"),              # a place
    ("Länsstyrelsens lokaler", "styrgrupp/2016-12-06/"),
    ("Arbetsförmedlingen", "organisationer/arbetsformedlingen/"),  # an organisation
    ("Högskolan i Halmstad", "organisationer/hogskolan-halmstad/"),
    ("skicka utkastet till strategiska riktlinjer på remiss", "sgi/2017-04-25/"),  # a decision
    ("Arbetsförmedlingen adjungeras", "sgi/2018-01-23/"),
    ("Svenska för invandrare", "amnen/sfi/"),       # a topic
    ("Tolkar och delade resurser", "amnen/tolkar/"),
    ("Svenska för invandrare", "ordlista/"),
])
def test_search_finds_the_right_page(demo_site, words, page):
    assert page in pages_with(demo_site, words)


def test_registers_are_left_to_the_minutes(demo_site):
    """Beslut, Uppdrag and Möten repeat the minutes; search leads to the minutes themselves."""
    locations = {doc["location"].split("#")[0] for doc in index(demo_site)["docs"]}
    assert not locations & {"beslut/", "uppdrag/", "moten/"}
    assert pages_with(demo_site, "remiss") >= {"sgi/2017-04-25/"}
    assert "amnen/strategiska-riktlinjer/" not in pages_with(demo_site, "remiss")


def test_public_index_holds_no_members_only_text(demo_public_site):
    assert pages_with(demo_public_site, "Lars-Göran Björk") == set()
    assert pages_with(demo_public_site, "enskilt ärende") == set()
    assert "sgi/2017-04-25/" in pages_with(demo_public_site, "Helena Strand")
