"""schema.org JSON-LD on meeting pages: an Event recorded in the minutes, safe inside <script>."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from notula.publishing import jsonld
from support.outputs import SITE, view_of


def test_minutes_are_an_event_recorded_in_a_document():
    view = view_of()
    data = jsonld.for_meeting(view, SITE, view.corpus.by_id["sgi/2017-04-25"])
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["startDate"] == "2017-04-25T09:00:00+02:00" and data["endDate"] == "2017-04-25T13:00:00+02:00"
    assert data["location"] == {"@type": "Place", "name": "Kommunhuset, Hyltebruk"}
    assert data["organizer"]["name"] == "Strategisk grupp integration"
    assert data["recordedIn"]["@type"] == "DigitalDocument"
    assert data["recordedIn"]["url"] == "https://example.org/sgi/2017-04-25/"


def test_agenda_is_the_subject_of_the_event_and_a_report_a_document():
    view = view_of()
    agenda = jsonld.for_meeting(view, SITE, view.corpus.by_id["sgi/2018-03-13-agenda"])
    assert agenda["@type"] == "Event" and "subjectOf" in agenda and "recordedIn" not in agenda
    report = jsonld.for_meeting(view, SITE, view.corpus.by_id["sgi/2016-05-17-report"])
    assert report["@type"] == "Report" and report["author"]["affiliation"]["name"] == "Region Halland"
    assert report["author"]["@type"] == "Person"  # a person at an organisation (the names policy allows it here)


def test_script_text_cannot_close_the_script_element():
    text = jsonld.script({"name": "a</script><script>alert(1)</script> <!-- b"})
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == {"name": "a</script><script>alert(1)</script> <!-- b"}


@pytest.mark.build
def test_meeting_page_embeds_the_event(demo_site):
    soup = BeautifulSoup((demo_site / "sgi" / "2017-04-25" / "index.html").read_text(), "html.parser")
    scripts = soup.head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "Event" and data["url"] == "https://example.org/sgi/2017-04-25/"
    group_page = BeautifulSoup((demo_site / "sgi" / "index.html").read_text(), "html.parser")
    assert not group_page.find_all("script", type="application/ld+json")
