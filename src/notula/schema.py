"""The one source of truth for the minutes format and the registries.

Every field is declared here once, with its description and an example.
Validation messages, the field reference in the docs, the JSON Schema for
editors and the `notula new` template are all derived from these models.
Cross-references (organisations, groups, topics, attachments) are resolved
while validating, through the `context` given to `model_validate`.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from .filing import ACTIVE_SUFFIXES, ATTACHMENTS, PAGE_SUFFIXES

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
TIME_RE = re.compile(r"^(\d{1,2})[:.](\d{2})(?:\s*[-–—]\s*(\d{1,2})[:.](\d{2}))?$")


class Strict(BaseModel):
    """Base of all models: unknown fields are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=True)


# ---------------------------------------------------------------- reference types


def _context(info: ValidationInfo, key: str):
    return (info.context or {}).get(key)


def _resolve(kind: str):
    """An AfterValidator that turns a reference into a registry id (when a registry is given)."""

    def validator(value: str, info: ValidationInfo) -> str:
        registry = _context(info, "registry")
        if registry is None:
            return value
        return registry.resolve(kind, value)

    return AfterValidator(validator)


def _check_time(value: str) -> str:
    match = TIME_RE.match(value.strip())
    if not match:
        raise PydanticCustomError(
            "time_format", "'{value}' is not a time", {"value": value}
        )
    h1, m1, h2, m2 = match.groups()
    start = _hhmm(h1, m1, value)
    if h2 is None:
        return start
    end = _hhmm(h2, m2, value)
    if end <= start:
        raise PydanticCustomError("time_order", "the meeting ends ({end}) before it starts ({start})",
                                  {"start": start, "end": end})
    return f"{start}-{end}"


def _hhmm(hours: str, minutes: str, value: str) -> str:
    if int(hours) > 23 or int(minutes) > 59:
        raise PydanticCustomError("time_format", "'{value}' is not a time", {"value": value})
    return f"{int(hours):02d}:{minutes}"


def _check_attachment(value: str, info: ValidationInfo) -> str:
    """An attachment is an ordinary file in the attachments/ folder next to the minutes file:
    never a link, never of another folder's documents, never a file MkDocs would render as a
    page or a browser would run (see filing)."""
    base = _context(info, "base_dir")
    parts = value.split("/")
    if "\\" in value or value.startswith("/") or any(p in ("", ".", "..") for p in parts) or parts[0] != ATTACHMENTS:
        raise PydanticCustomError("attachment_outside", "'{value}' is not a file in this folder's attachments/ folder",
                                  {"value": value})
    name = parts[-1].casefold()
    if name.endswith(PAGE_SUFFIXES + ACTIVE_SUFFIXES):
        raise PydanticCustomError("attachment_type", "'{value}' cannot be attached: the site would {verb} it",
                                  {"value": value, "verb": "render" if name.endswith(PAGE_SUFFIXES) else "run"})
    if base is None:
        return value
    path = base
    for count, part in enumerate(parts, start=1):
        path = path / part
        if path.is_symlink():
            raise PydanticCustomError("attachment_link", "'{link}' is a link (symlink)", {"link": "/".join(parts[:count])})
    if not path.is_file():
        raise PydanticCustomError("attachment_missing", "the file '{value}' does not exist", {"value": value})
    return value


OrgRef = Annotated[str, Field(min_length=1), _resolve("organisation")]
GroupRef = Annotated[str, Field(min_length=1), _resolve("group")]
TopicRef = Annotated[str, Field(min_length=1), _resolve("topic")]
Id = Annotated[str, Field(pattern=ID_PATTERN, examples=["d1"])]
TimeText = Annotated[str, AfterValidator(_check_time), Field(examples=["09:00-13:00"])]
ItemNo = Annotated[int | str, Field(description="Agenda item number, as in the body's headings.", examples=[3])]
Text = Annotated[str, Field(min_length=1)]
PLACEHOLDER = "NAMN"


def _not_placeholder(value: str) -> str:
    if PLACEHOLDER in value:
        raise PydanticCustomError("placeholder", "'{value}' still holds the placeholder {placeholder}",
                                  {"value": value, "placeholder": PLACEHOLDER})
    return value


def _one_line(value: str) -> str:
    if "\n" in value:
        raise PydanticCustomError("one_line", "'{value}' must be one line", {"value": value})
    return value


Line = Annotated[str, AfterValidator(_one_line)]  # names, titles, places: shown in headings, lists, calendars
LineText = Annotated[str, Field(min_length=1), AfterValidator(_one_line)]
Name = Annotated[str, Field(min_length=1), AfterValidator(_not_placeholder), AfterValidator(_one_line)]


class DocType(str, Enum):
    minutes = "minutes"
    notes = "notes"
    agenda = "agenda"
    report = "report"
    presentation = "presentation"


class Audience(str, Enum):
    public = "public"
    members = "members"
    draft = "draft"


class Role(str, Enum):
    chair = "chair"
    secretary = "secretary"
    adjunct = "adjunct"


class Status(str, Enum):
    open = "open"
    done = "done"
    cancelled = "cancelled"


# ---------------------------------------------------------------- people


class Shorthand(Strict):
    """A model that may also be written as one line of text 'Name, Organisation'."""

    shorthand_help: ClassVar[str] = "Name, Organisation"

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            return cls.parse_shorthand(data)
        return data

    @classmethod
    def parse_shorthand(cls, text: str) -> dict:
        name, sep, org = text.rpartition(",")
        if not sep or not name.strip() or not org.strip():
            raise PydanticCustomError(
                "shorthand", "'{text}' should be written as '{form}'",
                {"text": text, "form": cls.shorthand_help},
            )
        return {"name": name.strip(), "org": org.strip()}

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler):
        json_schema = handler(schema)
        return {"anyOf": [{"type": "string", "description": cls.shorthand_help}, json_schema]}


class Person(Shorthand):
    """A person and the organisation they represent."""

    name: Name = Field(description="Full name.", examples=["Anna Andersson"])
    org: OrgRef = Field(description="Organisation: id, name, short name or alias.", examples=["Halmstad"])
    title: Line | None = Field(None, description="Job title, free text.", examples=["Integrationsstrateg"])


class Attendee(Person):
    """Someone who took part in the meeting."""

    role: Role | None = Field(None, description="chair, secretary or adjunct.")
    remote: bool = Field(False, description="Took part by video or phone ('via länk').")


class Absentee(Person):
    """A member who did not come."""

    notified: bool = Field(False, description="Sent apologies in advance ('anmält förhinder').")


class Guest(Strict):
    """Someone invited for some agenda items only."""

    name: Name = Field(description="Full name.", examples=["Sara Lind"])
    org: OrgRef | None = Field(None, description="Organisation from the registry, if any.", examples=["Arbetsförmedlingen"])
    affiliation: Line | None = Field(None, description="Project or unit, free text.", examples=["Projektet In-Väst"])
    title: Line | None = Field(None, description="Job title, free text.")
    items: list[ItemNo] = Field(default_factory=list, description="Agenda items the guest took part in.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            name, _, org = data.rpartition(",")
            return {"name": name.strip(), "org": org.strip()} if name.strip() else {"name": data}
        return data

    @classmethod
    def __get_pydantic_json_schema__(cls, schema, handler):
        return {"anyOf": [{"type": "string", "description": "Name, Organisation"}, handler(schema)]}


class Owner(Shorthand):
    """Who must carry out an action: an organisation, or a person at one."""

    shorthand_help: ClassVar[str] = "Organisation, or Name, Organisation"

    name: Name | None = Field(None, description="Person responsible, if named.")
    org: OrgRef = Field(description="Organisation responsible.", examples=["Laholm"])

    @classmethod
    def parse_shorthand(cls, text: str) -> dict:
        name, sep, org = text.rpartition(",")
        if not sep:
            return {"org": text.strip()}
        return super().parse_shorthand(text)


# ---------------------------------------------------------------- contents


class Decision(Strict):
    """A decision taken, or recorded, at the meeting (beslut)."""

    id: Id = Field(description="Unique in the file, used in links: d1, d2 …", examples=["d1"])
    text: Text = Field(description="What was decided.", examples=["Gruppen beslutar att ta fram strategiska riktlinjer."])
    item: ItemNo | None = Field(None, description="Agenda item number.")
    by: Line | None = Field(None, description="Another body whose decision is recorded (e.g. CGH).", examples=["CGH"])
    topics: list[TopicRef] = Field(default_factory=list, description="Topic ids.")
    orgs: list[OrgRef] = Field(default_factory=list, description="Organisations the decision concerns.")


class Action(Strict):
    """A task given at the meeting (uppdrag), with owners and a report-back date."""

    id: Id = Field(description="Unique in the file, used in links and follow-ups: a1, a2 …", examples=["a1"])
    text: Text = Field(description="What is to be done.", examples=["Sammanställ behovet av tolkar."])
    owners: list[Owner] = Field(min_length=1, description="Organisations, or 'Name, Organisation'.")
    due: dt.date | None = Field(None, description="Report back by (YYYY-MM-DD).")
    item: ItemNo | None = Field(None, description="Agenda item number.")
    topics: list[TopicRef] = Field(default_factory=list, description="Topic ids.")


class FollowUp(Strict):
    """A report on an action from earlier minutes."""

    action: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]*/\d{4}-\d{2}-\d{2}(?:-[a-z0-9-]+)?/[a-z0-9][a-z0-9-]*$",
        description="group/date/action-id of the earlier action.",
        examples=["sgi/2017-01-11/a1"],
    )
    status: Status = Field(description="open, done or cancelled.")
    note: str | None = Field(None, description="What was reported.")
    due: dt.date | None = Field(None, description="A new report-back date, if it was moved.")


class Attachment(Strict):
    """A file attached to the minutes (presentation, report …)."""

    file: Annotated[str, AfterValidator(_check_attachment)] = Field(
        description="The file in the attachments folder next to this minutes file, written attachments/ and its name.",
        examples=["attachments/2017-04-04-af.pdf"])
    title: LineText = Field(description="What the file is.", examples=["Presentation Arbetsförmedlingen"])


class PlannedMeeting(Strict):
    """A coming meeting, from the schedule agreed at this one."""

    date: dt.date = Field(description="YYYY-MM-DD.")
    time: TimeText | None = Field(None, description="HH:MM or HH:MM-HH:MM.")
    place: Line | None = Field(None, description="Where.")
    host: OrgRef | None = Field(None, description="Hosting organisation.")
    note: str | None = Field(None, description="E.g. 'Preliminärt'.")


class Document(Strict):
    """The front-matter of one minutes file (or notes, agenda, report, presentation)."""

    type: DocType = Field(DocType.minutes, description="minutes, notes, agenda, report or presentation.")
    group: GroupRef = Field(description="Group id from groups.yml.", examples=["sgi"])
    title: Line | None = Field(
        None, description="Title; the date is added when it does not name the year. Default: type, group and date.")
    date: dt.date = Field(description="Meeting (or publication) date, YYYY-MM-DD.", examples=["2017-04-04"])
    time: TimeText | None = Field(None, description="HH:MM or HH:MM-HH:MM.")
    place: Line | None = Field(None, description="Where the meeting was held.", examples=["Laxbutiken, Heberg"])
    host: OrgRef | None = Field(None, description="Hosting organisation.")
    slug: Annotated[str, Field(pattern=ID_PATTERN)] | None = Field(
        None, description="Extra part of the page address, for two documents of one type on one day.")
    summary: str | None = Field(None, description="One or two sentences about the meeting.")
    audience: Audience | None = Field(None, description="public, members or draft; default: the group's.")
    release: dt.date | None = Field(None, description="Public only from this date; members only before it.")
    attendees: list[Attendee] = Field(default_factory=list, description="Who took part.")
    absent: list[Absentee] = Field(default_factory=list, description="Members who did not come.")
    guests: list[Guest] = Field(default_factory=list, description="Invited for some agenda items.")
    secretary: Person | None = Field(None, description="Note-taker ('vid tangenterna').")
    author: Person | None = Field(None, description="Author of a report or presentation.")
    topics: list[TopicRef] = Field(default_factory=list, description="Topic ids.")
    decisions: list[Decision] = Field(default_factory=list, description="Decisions (beslut).")
    actions: list[Action] = Field(default_factory=list, description="Tasks (uppdrag).")
    follow_up: list[FollowUp] = Field(default_factory=list, description="Reports on earlier actions.")
    attachments: list[Attachment] = Field(default_factory=list, description="Attached files.")
    next_meetings: list[PlannedMeeting] = Field(default_factory=list, description="Schedule of coming meetings.")

    @model_validator(mode="after")
    def _consistent(self) -> "Document":
        if self.type == DocType.minutes.value and not self.attendees:
            raise PydanticCustomError("no_attendees", "minutes need at least one attendee", {})
        if self.release is not None and self.audience not in (None, Audience.public.value):
            raise PydanticCustomError(
                "release_audience", "'release' makes a document public from a date, but audience is '{audience}'",
                {"audience": self.audience})
        return self

    @property
    def suffix(self) -> str:
        """The part of the id after the date: the slug, or the type for non-minutes."""
        if self.slug:
            return self.slug
        return "" if self.type in ("minutes", "notes") else self.type

    @property
    def doc_id(self) -> str:
        """Stable id: group/date[-suffix]. Also the page address."""
        suffix = f"-{self.suffix}" if self.suffix else ""
        return f"{self.group}/{self.date.isoformat()}{suffix}"


# ---------------------------------------------------------------- registries


class OrgKind(str, Enum):
    municipality = "municipality"
    region = "region"
    county_board = "county-board"
    agency = "agency"
    university = "university"
    project = "project"
    company = "company"
    association = "association"
    other = "other"


class Organisation(Strict):
    """An organisation (organisations.yml)."""

    id: Id = Field(examples=["halmstad"])
    name: LineText = Field(description="Full name.", examples=["Halmstads kommun"])
    short: Line | None = Field(None, description="Short display name.", examples=["Halmstad"])
    kind: OrgKind = Field(OrgKind.other, description="municipality, region, county-board, agency, …")
    aliases: list[LineText] = Field(default_factory=list, description="Other ways of writing the name.")

    @property
    def label(self) -> str:
        return self.short or self.name


class Group(Strict):
    """A group that meets (groups.yml)."""

    id: Id = Field(examples=["sgi"])
    name: LineText = Field(examples=["Strategisk grupp integration"])
    short: Line | None = None
    description: str | None = None
    members: list[OrgRef] = Field(default_factory=list, description="Member organisations.")
    audience: Literal["public", "members"] = Field(
        "members", description="Default audience of the group's documents (members when not set).")
    public_names: Literal["all", "attendees", "none"] = Field(
        "none", description="Names on the public site: all, attendees (not guests) or none.")


class Topic(Strict):
    """A subject the groups work on (topics.yml)."""

    id: Id = Field(examples=["sfi"])
    name: LineText = Field(examples=["SFI"])
    description: str | None = None


REGISTRY_FILES = {
    "organisations": ("organisations.yml", Organisation),
    "groups": ("groups.yml", Group),
    "topics": ("topics.yml", Topic),
}
ABBREVIATIONS_FILE = "abbreviations.yml"
