"""What import reports as "the format cannot hold" comes from the schema (issue 21): the same
minutes fitted to an older, narrower format and to a wider one."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, create_model

from notula.importing.shape import Shape
from notula.model.schema import Attendee, Document, Person, PlannedMeeting
from support.importing import import_text

MINUTES = """Protokoll

Närvarande:
Anna Berg, Halmstad (sammankallande)
Bo Ek, Hylte (pkt 5)
Dan Ek, Region Halland, FoU i Väst

Justerare: Cia Dahl, Varberg

Antecknat av: Anna Berg, Halmstad och Bo Ek, Hylte

1. Tolkar

Arbetsgruppen föreslår en gemensam upphandling.

Länsstyrelsen bjuder in till temadag om hälsa 15 maj 2017 kl 9-16.

2. Nästa möte

Kommande möten:

- 9 maj 2017 kl 13-16 Rådhuset
- September 2017 Varberg
"""


def variant(model: type[BaseModel], drop: tuple[str, ...] = (), **fields) -> type[BaseModel]:
    """model with the fields drop left out and fields (name=(type, default)) put in or replaced."""
    kept = {name: (info.annotation, info) for name, info in model.model_fields.items() if name not in drop}
    return create_model(f"{model.__name__}Variant", **{**kept, **fields})  # type: ignore[call-overload]


# The format before issue 21: no unit, no convener, no partial attendance, one note-taker,
# days only in the schedule, no events, no proposals.
OldPerson = variant(Person, drop=("unit",))
OldAttendee = variant(Attendee, drop=("unit", "items"), role=(Literal["chair", "secretary", "adjunct"] | None, None))
OldPlanned = variant(PlannedMeeting, date=(dt.date, ...))
OLD = variant(Document, drop=("events", "proposals"), attendees=(list[OldAttendee], []),  # type: ignore[valid-type]
              secretary=(OldPerson | None, None), next_meetings=(list[OldPlanned], []))  # type: ignore[valid-type]


def cannot_hold(result) -> set[str]:
    """The places the report says the format does not have."""
    return {note.split("(")[-1].split(")")[0] for note in result.notes() if "which the format cannot hold" in note}


def test_todays_format_holds_what_the_minutes_say():
    result = import_text(MINUTES)
    meta = result.meta
    assert meta["attendees"] == [{"name": "Anna Berg", "org": "Halmstad", "role": "convener"},
                                 {"name": "Bo Ek", "org": "Hylte", "items": [5]},
                                 {"name": "Dan Ek", "org": "Region Halland", "unit": "FoU i Väst"}]
    assert meta["secretary"] == [{"name": "Anna Berg", "org": "Halmstad"}, {"name": "Bo Ek", "org": "Hylte"}]
    assert meta["next_meetings"] == [{"date": "2017-05-09", "time": "13:00-16:00", "place": "Rådhuset"},
                                     {"date": "2017-09", "place": "Varberg"}]
    assert meta["events"] == [{"date": "2017-05-15", "time": "09:00-16:00", "title": "Länsstyrelsen bjuder in till temadag om hälsa."}]
    assert meta["proposals"] == [{"id": "p1", "text": "Arbetsgruppen föreslår en gemensam upphandling.", "item": 1}]
    assert cannot_hold(result) == {"adjusters"}  # justerare: who is to approve has no field
    assert "Justerare: Cia Dahl, Varberg" in result.body
    for carried in ("Bo Ek, Hylte (pkt 5)", "FoU i Väst", "Antecknat av", "September 2017"):
        assert carried not in result.body


def test_an_older_format_reports_what_it_lacks_and_keeps_it_in_the_text():
    result = import_text(MINUTES, shape=Shape(OLD))
    meta = result.meta
    assert cannot_hold(result) == {"adjusters", "attendees[].role", "attendees[].items", "attendees[].unit", "secretary",
                                   "next_meetings[].date", "events", "proposals"}
    assert "attendees" not in meta  # each of them had a fact it cannot hold: none is written without it
    assert "secretary" not in meta and "events" not in meta and "proposals" not in meta
    assert meta["next_meetings"] == [{"date": "2017-05-09", "time": "13:00-16:00", "place": "Rådhuset"}]
    for kept in ("Anna Berg, Halmstad (sammankallande)", "Bo Ek, Hylte (pkt 5)", "Dan Ek, Region Halland, FoU i Väst",
                 "Antecknat av: Anna Berg, Halmstad och Bo Ek, Hylte", "September 2017 Varberg",
                 "Arbetsgruppen föreslår", "Justerare: Cia Dahl, Varberg"):
        assert kept in result.body


def test_a_field_added_to_the_format_is_filled_at_once():
    wider = variant(Document, adjusters=(list[Person], []))
    result = import_text(MINUTES, shape=Shape(wider))
    assert result.meta["adjusters"] == [{"name": "Cia Dahl", "org": "Varberg"}]
    assert cannot_hold(result) == set()
    assert "Justerare" not in result.body


def test_shape_reads_places_and_values_from_the_schema():
    shape = Shape()
    assert shape.holds("attendees[].items", [3]) and shape.holds("attendees[].unit", "FoU i Väst")
    assert shape.holds("secretary", [{"name": "A B", "org": "x"}, {"name": "C D", "org": "y"}])
    assert shape.holds("next_meetings[].date", "2021-09") and shape.holds("attendees[].role", "convener")
    assert not shape.holds("attendees[].colour", "red") and not shape.holds("date[]")
    assert not shape.holds("attendees[].role", "king")
    old = Shape(OLD)
    assert not old.holds("attendees[].items", [3]) and not old.holds("next_meetings[].date", "2021-09")
    assert old.holds("next_meetings[].date", "2021-09-14")
    assert not old.holds("secretary", [{"name": "A B", "org": "x"}]) and old.holds("secretary", {"name": "A B", "org": "x"})
