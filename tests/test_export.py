"""Open data: data/moten.json and one JSON file per meeting, shaped as docs/om/data.md says."""

from __future__ import annotations

import json

import pytest

from notula import urls
from notula.model.names import people as names_of
from notula.publishing import export
from notula.publishing.published import OutputFile, Site
from support.outputs import SITE, view_of


def files_of(view) -> dict[str, dict]:
    return {f.url: json.loads(f.content) for f in export.files(view, SITE)}


def test_one_file_for_all_and_one_per_meeting():
    view = view_of()
    files = files_of(view)
    assert set(files) == {urls.meetings_data()} | {f"data/moten/{m.id}.json" for m in view.corpus.meetings}
    everything = files["data/moten.json"]
    assert everything["format"] == "notula-moten" and everything["version"] == 1
    assert [m["id"] for m in everything["meetings"]] == [m.id for m in view.corpus.meetings]
    assert files["data/moten/sgi/2017-04-25.json"] == everything["meetings"][
        [m.id for m in view.corpus.meetings].index("sgi/2017-04-25")]
    assert {g["id"] for g in everything["groups"]} == {"sgi", "styrgrupp", "mottagande"}


def test_meeting_record():
    record = files_of(view_of())["data/moten/sgi/2017-04-25.json"]
    assert record["classification"] == "minutes"
    assert record["start_date"] == "2017-04-25T09:00:00+02:00"
    assert record["end_date"] == "2017-04-25T13:00:00+02:00"
    assert record["all_day"] is False
    assert record["location"] == {"name": "Kommunhuset, Hyltebruk", "host": "hylte"}
    assert record["url"] == "https://example.org/sgi/2017-04-25/"
    chair = record["participants"][0]
    assert chair == {"entity_type": "person", "attendance": "attendee", "name": "Ulla Bergström",
                     "organization": "region-halland", "unit": None, "title": "Processledare", "role": "chair", "remote": False,
                     "items": []}
    kinds = [p["attendance"] for p in record["participants"]]
    assert kinds.count("attendee") == 8 and kinds.count("absent") == 1 and kinds.count("guest") == 5
    assert record["decisions"][0]["ref"] == "sgi/2017-04-25/d1"
    assert record["documents"][0] == {
        "note": "Presentation Arbetsförmedlingen", "media_type": "application/pdf",
        "url": "https://example.org/sgi/2017-04-25/attachments/2017-04-25-arbetsformedlingen.pdf"}
    assert len(record["next_meetings"]) == 7


def test_action_status_follows_the_later_minutes():
    record = files_of(view_of())["data/moten/sgi/2017-04-25.json"]
    actions = {a["id"]: a for a in record["actions"]}
    assert actions["a1"]["status"] == "done" and actions["a1"]["reported_in"] == "sgi/2018-01-23"
    assert actions["a2"]["status"] == "overdue"  # open, due 2017-10-31
    assert actions["a3"]["status"] == "cancelled"
    assert actions["a3"]["owners"][0] == {"name": "Johan Wikström", "organization": "falkenberg"}


def test_every_personal_name_passes_through_person_name(monkeypatch):
    """The seam for the public-names policy: if it withholds names, no name is left in the export."""
    view = view_of()
    with_names = json.dumps(files_of(view), ensure_ascii=False)
    assert "Ulla Bergström" in with_names and "Rasmus Nordin" in with_names
    monkeypatch.setattr(export, "person_name", lambda view, meeting, person, kind: None)
    without = json.dumps(files_of(view), ensure_ascii=False)
    people = set()
    for meeting in view.corpus.meetings:
        people |= {name for _, name in names_of(meeting)}  # every person field (notula.model.names.people)
    leaked = [name for name in people if f'"{name}"' in without]
    assert not leaked


def test_follow_ups_of_hidden_actions_are_left_out(project):
    path = project / "minutes" / "sgi" / "2016" / "2016-10-04-sgi.md"
    path.write_text(path.read_text().replace("type: minutes\n", "type: minutes\naudience: members\n", 1))
    public = files_of(view_of(project, audience="public"))
    record = public["data/moten/sgi/2017-01-17.json"]
    assert record["follow_ups"] == []
    assert "sgi/2016-10-04" not in json.dumps(public)


@pytest.mark.build
def test_built_data_files(demo_site):
    everything = json.loads((demo_site / "data" / "moten.json").read_text())
    for meeting in everything["meetings"]:
        assert (demo_site / meeting["data_url"].removeprefix("https://example.org/")).is_file()
        for document in meeting["documents"]:
            if document["url"].startswith("https://example.org/"):  # not an attachment on another site
                assert (demo_site / document["url"].removeprefix("https://example.org/")).is_file()


def test_the_whole_dataset_is_written_in_pieces_as_one_dump_would_write_it(tmp_path):
    view = view_of()
    meetings = list(view.corpus.meetings)
    site = Site("https://example.org/", 'Samverkan <i> & "Halland" \\"meetings":[]')  # what JSON escapes, and the key
    whole = export._dump(export.dataset(view, site))
    pieces = list(export.dataset_pieces(view, site))
    assert pieces.count(",") >= len(meetings) - 1 and [p for p in pieces if not isinstance(p, str)] == meetings
    everything, *own = export.files(view, site)
    everything.write(str(tmp_path / "moten.json"))
    assert (tmp_path / "moten.json").read_text(encoding="utf-8") == whole
    assert json.loads(whole)["site"]["name"] == site.name and "<" not in whole
    # Each meeting's own file is its record in the dataset, taken from it or made on its own.
    records = {m["id"]: m for m in json.loads(whole)["meetings"]}
    for file, meeting in zip(own, meetings, strict=True):
        assert json.loads(file.content) == records[meeting.id]
        assert file.content == export._dump(export.meeting_record(view, site, meeting))
    assert export.files(view, site)[1].content == own[0].content  # made without the dataset first


def test_an_output_written_is_not_kept_and_one_read_is(tmp_path):
    made: list[str] = []

    def pieces():
        made.append("made")
        yield from ("Å", "ä", "ö\n")

    output = OutputFile("data/moten.json", pieces)
    output.write(str(tmp_path / "data" / "moten.json"))
    output.write(str(tmp_path / "data" / "moten.json"))
    assert (tmp_path / "data" / "moten.json").read_text(encoding="utf-8") == "Åäö\n" and made == ["made", "made"]
    assert output.content == "Åäö\n" and output.content == "Åäö\n" and len(made) == 3
