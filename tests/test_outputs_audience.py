"""Feeds, calendars and data obey the audience: the public build has no members-only document or text."""

from __future__ import annotations

import pytest

from support.outputs import text_files

MEMBERS_ONLY_ID = "sgi/2017-03-07"
MEMBERS_ONLY_MARKERS = [
    MEMBERS_ONLY_ID,  # its address, data file and feed entry
    "sgi-2017-03-07@",  # its calendar UID
    "Anteckningar från arbetsmöte om delade resurser",  # its title
    "jämförde sina tolkavtal",  # its summary
]
MEMBERS_ONLY_SECTION = "en ensamstående förälder med tre barn"  # ::: medlemmar in sgi/2017-04-25
OUTPUT_PREFIXES = ("feeds/", "kalender/", "data/")


def outputs_of(site):
    return {path: text for path, text in text_files(site).items() if path.startswith(OUTPUT_PREFIXES)}


@pytest.mark.build
def test_members_build_has_the_members_only_document_in_every_kind_of_output(demo_site):
    found = outputs_of(demo_site)
    assert MEMBERS_ONLY_ID in found["feeds/alla.xml"] and MEMBERS_ONLY_ID in found["feeds/grupp/sgi.xml"]
    assert "sgi-2017-03-07@" in found["kalender/grupp/sgi.ics"]
    assert MEMBERS_ONLY_ID in found["data/moten.json"] and "data/moten/sgi/2017-03-07.json" in found
    meeting_page = (demo_site / "sgi" / "2017-03-07" / "index.html").read_text()
    assert "application/ld+json" in meeting_page


@pytest.mark.build
def test_public_build_leaks_no_members_only_document(demo_public_site):
    found = outputs_of(demo_public_site)
    assert "feeds/alla.xml" in found and "kalender/alla.ics" in found and "data/moten.json" in found
    assert "sgi/2017-04-25" in found["data/moten.json"]  # public minutes are there
    for path, text in found.items():
        for marker in MEMBERS_ONLY_MARKERS:
            assert marker not in text, (path, marker)
    assert "data/moten/sgi/2017-03-07.json" not in found
    assert not any("styrgrupp/" in text for path, text in found.items() if path.startswith("data/moten/"))


@pytest.mark.build
def test_members_only_section_is_in_no_public_output(demo_site, demo_public_site):
    public = text_files(demo_public_site)
    assert "feeds/grupp/sgi.xml" in public and "sgi/2017-04-25/index.html" in public
    for path, text in public.items():  # every file: pages, search index, feeds, calendars, data
        assert MEMBERS_ONLY_SECTION not in text, path
    members_page = (demo_site / "sgi" / "2017-04-25" / "index.html").read_text()
    assert MEMBERS_ONLY_SECTION in members_page  # the marker is real text of the demo
