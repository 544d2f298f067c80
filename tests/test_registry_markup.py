"""Markup in any registry value or front-matter text is text: it never runs, in any output.

A copy of the demo gets HTML, Markdown, Jinja and abbreviation syntax in every registry
field and every front-matter text field; both sites are built and every output file is
searched for the markup in a form that a browser, feed reader or Markdown would act on.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.build

# Each line is one attack; the payload is one text with all of them (the newline lets the
# abbreviation syntax start a line, where Markdown would read it as a definition).
PAYLOAD = ('<script>alert(1)</script> <img src=x onerror=alert(2)> "><svg onload=alert(3)> '
           "[klick](javascript:alert(4)) ![bild](https://evil.example/x.png) {{ 7*7 }} {% raw %}\n"
           "*[SFI]: hackad\n<b>fet</b> & &amp;")

# What markup looks like once it is live, per kind of file.
LIVE_HTML = re.compile(r"<script>alert|<img src=x|<svg onload|<b>fet|href=\"?javascript:|src=\"?https://evil\.example"
                       r"|title=\"hackad|\b49\b(?=.{0,3}\{%)", re.IGNORECASE)
# In JSON, a '<' written as such could end a script element the data is put into.
LIVE_JSON = re.compile(r"<script|<img|<svg|<b>", re.IGNORECASE)


MULTI_LINE = {"description", "summary", "text", "note"}  # other text fields must be one line (schema)


def _payload(where: str) -> str:
    field = where.rsplit(".", 1)[-1]
    return f"{where}: " + (PAYLOAD if field in MULTI_LINE else PAYLOAD.replace("\n", " "))


def _registry(project: Path) -> None:
    minutes = project / "minutes"

    def rewrite(name: str, fields: tuple[str, ...], lists: tuple[str, ...] = ()) -> None:
        path = minutes / name
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        lists_asked = lists
        for entry in entries:
            lists = lists_asked
            if "aliases" in lists:  # the documents refer to organisations by name: keep those as aliases
                lists = ()
                entry["aliases"] = [*filter(None, (entry.get("name"), entry.get("short"), *entry.get("aliases", []))),
                                    _payload(f"{entry['id']}.aliases")]
            for field in fields:
                entry[field] = _payload(f"{entry['id']}.{field}")
            for field in lists:
                entry[field] = [_payload(f"{entry['id']}.{field}")]
        path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")

    rewrite("organisations.yml", ("name", "short"), ("aliases",))
    rewrite("groups.yml", ("name", "short", "description"))
    rewrite("topics.yml", ("name", "description"))
    path = minutes / "abbreviations.yml"
    abbreviations = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump({k: _payload(f"{k}.expansion") for k in abbreviations}, allow_unicode=True, width=10_000), encoding="utf-8")


PERSON_FIELDS = ("name", "title", "affiliation")
TEXT_FIELDS = ("title", "summary", "place", "text", "by", "note")


def _front_matter(project: Path) -> None:
    """Every front-matter text field of every document (references stay valid: they are ids)."""
    def plant(data, where: str):
        if isinstance(data, dict):
            for key, value in data.items():
                proposer = key == "by" and ".proposals" in where  # an organisation or a body: a reference
                if key in TEXT_FIELDS + PERSON_FIELDS and isinstance(value, str) and not proposer:
                    data[key] = _payload(f"{where}.{key}")
                else:
                    data[key] = plant(value, f"{where}.{key}")
        elif isinstance(data, list):
            return [plant(item, f"{where}[{i}]") for i, item in enumerate(data)]
        return data

    for path in sorted((project / "minutes").rglob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        for kind in ("attendees", "absent", "guests", "secretary", "author"):
            people = meta.get(kind)
            for i, person in enumerate(people if isinstance(people, list) else [people] if people else []):
                if isinstance(person, str):
                    name, _, org = person.rpartition(",")
                    person = {"name": name.strip(), "org": org.strip()} if kind != "guests" or name else {"name": person}
                person.update({"name": _payload(f"{kind}{i}.name"), "title": _payload(f"{kind}{i}.title")})
                if kind == "guests":
                    person["affiliation"] = _payload(f"{kind}{i}.affiliation")
                if isinstance(people, list):
                    people[i] = person
                else:
                    meta[kind] = person
        for field in ("title", "summary", "place"):
            meta[field] = _payload(field)
        meta = plant(meta, path.stem)
        path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" + body,
                        encoding="utf-8")


def plant_markup(project: Path) -> None:
    _registry(project)
    _front_matter(project)


@pytest.fixture(scope="module")
def hostile_sites(demo_builds) -> dict[str, Path]:
    return {audience: demo_builds.site(audience, "2026-11-23", change=plant_markup) for audience in ("members", "public")}


def _outputs(site: Path):
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data, path = gzip.decompress(data), path.with_suffix("")
        try:
            yield path, data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # images, fonts


@pytest.mark.parametrize("audience", ["members", "public"])
def test_no_markup_is_live_in_any_output(hostile_sites, audience):
    site = hostile_sites[audience]
    found: dict[str, str] = {}
    kinds = set()
    for path, text in _outputs(site):
        if path.suffix in (".js", ".css", ".map") and "assets" in path.parts:
            continue  # the theme's own code
        kinds.add(path.suffix)
        if path.suffix == ".json":
            match = LIVE_JSON.search(text)
        elif path.suffix == ".ics":
            match = None  # iCalendar TEXT is plain text (RFC 5545): see the test below
        else:
            match = LIVE_HTML.search(text)
        if match:
            found[path.relative_to(site).as_posix()] = text[max(0, match.start() - 60):match.end() + 20]
    assert {".html", ".xml", ".json", ".ics"} <= kinds
    assert found == {}


@pytest.mark.parametrize("audience", ["members", "public"])
def test_the_markup_is_shown_as_text(hostile_sites, audience):
    """The values are there, as text: nothing was dropped to make the test above pass."""
    from bs4 import BeautifulSoup

    site = hostile_sites[audience]
    group = (site / "sgi" / "index.html").read_text(encoding="utf-8")
    text = BeautifulSoup(group, "html.parser").get_text()
    assert "sgi.name: <script>alert(1)</script>" in text
    assert "sgi.description: <script>alert(1)</script>" in text and "{{ 7*7 }}" in text
    nav = BeautifulSoup(group, "html.parser").select_one("nav.md-nav--primary").get_text()
    assert "sgi.name: <script>alert(1)</script>" in nav
    data = json.loads((site / "data" / "moten.json").read_text(encoding="utf-8"))
    assert data["groups"][0]["name"].startswith("sgi.name: <script>alert(1)</script>")


def test_calendars_hold_the_values_as_plain_text(hostile_sites):
    from icalendar import Calendar

    calendar = Calendar.from_ical((hostile_sites["members"] / "kalender" / "grupp" / "sgi.ics").read_bytes())
    events = calendar.walk("VEVENT")
    # a meeting is summarised by its group's name, an announced event (events:) by its title
    assert events and all(str(e["summary"]).startswith(("sgi.name: <script>", "2018-")) for e in events)
    assert all("<script>alert(1)</script>" in str(e["summary"]) for e in events)
