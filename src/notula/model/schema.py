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
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from notula.i18n import N_, _
from notula.model import examples
from notula.model.references import ACTION_REF_PATTERN, ID_PATTERN, MEETING_REF_PATTERN, BadReference, meeting_id, meeting_ref, parse_action_ref
from notula.reading.agenda import item_number
from notula.reading.filing import ATTACHMENTS, attachable, attachment_types
from notula.reading.yamlsafe import written
from notula.settings import DEFAULT_PUBLIC_NAMES, PublicNames

# Times as Swedish minutes write them: 09:00, 9.00, 9, kl. 10–12, 10.00-12.00.
TIME_RE = re.compile(r"^(?:kl\.?\s*)?(\d{1,2})(?:[:.](\d{2}))?(?:\s*[-–—]\s*(?:kl\.?\s*)?(\d{1,2})(?:[:.](\d{2}))?)?$",
                     re.IGNORECASE)
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


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


def _time_not_number(value: Any) -> Any:
    """YAML reads an unquoted 9.00 as a number: say how to write it instead of 'expected text'."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError("time_number", _("{value} was read as a number, not a time"),
                                  {"value": written(value),
                                   "hint": _('write the time in quotes: "{time}".').format(time=number_as_time(value))})
    return value


def number_as_time(value: int | float) -> str:
    """What a time written as a bare number meant: 9 -> 09:00, 9.3 (from 9.30) -> 09:30,
    930 -> 09:30; "HH:MM" when it cannot be a time."""
    hours, _, minutes = repr(value).partition(".")
    minutes = (minutes + "00")[:2] if minutes and minutes != "0" else "00"
    if isinstance(value, int) and 100 <= value <= 2359:
        hours, minutes = str(value // 100), f"{value % 100:02d}"
    if not hours.isdigit() or int(hours) > 23 or int(minutes) > 59:
        return "HH:MM"
    return f"{int(hours):02d}:{minutes}"


def _check_time(value: str) -> str:
    match = TIME_RE.match(value.strip())
    if not match:
        raise PydanticCustomError(
            "time_format", _("'{value}' is not a time"), {"value": value}
        )
    h1, m1, h2, m2 = match.groups()
    start = _hhmm(h1, m1, value)
    if h2 is None:
        return start
    end = _hhmm(h2, m2, value)
    if end <= start:
        raise PydanticCustomError("time_order", _("the meeting ends ({end}) before it starts ({start})"),
                                  {"start": start, "end": end})
    return f"{start}-{end}"


def _hhmm(hours: str, minutes: str | None, value: str) -> str:
    minutes = minutes or "00"
    if int(hours) > 23 or int(minutes) > 59:
        raise PydanticCustomError("time_format", _("'{value}' is not a time"), {"value": value})
    return f"{int(hours):02d}:{minutes}"


class Month:
    """A month without a day (date: 2021-09): a meeting or event whose day is not decided yet."""

    __slots__ = ("year", "month")

    def __init__(self, year: int, month: int) -> None:
        self.year, self.month = year, month

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Month) and (self.year, self.month) == (other.year, other.month)

    def __hash__(self) -> int:
        return hash((self.year, self.month))

    def __repr__(self) -> str:
        return f"Month({self.isoformat()})"

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler):
        return core_schema.is_instance_schema(cls)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema, handler):
        return {"type": "string", "pattern": MONTH_RE.pattern}


def _date_or_month(value: Any) -> dt.date | Month:
    if isinstance(value, (dt.date, Month)):
        return value
    if isinstance(value, str):
        month = MONTH_RE.match(value.strip())
        if month and 1 <= int(month.group(2)) <= 12:
            return Month(int(month.group(1)), int(month.group(2)))
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("date_or_month", _("{value} is not a date or a month"), {"value": repr(value)})


def first_day(value: dt.date | Month) -> dt.date:
    """The first day a date or month can mean (for sorting)."""
    return value.first if isinstance(value, Month) else value


def last_day(value: dt.date | Month) -> dt.date:
    """The last day a date or month can mean (for 'still to come')."""
    return value.last if isinstance(value, Month) else value


DateOrMonth = Annotated[
    dt.date | Month,
    BeforeValidator(_date_or_month),
    Field(description="YYYY-MM-DD, or YYYY-MM when the day is not decided.", examples=["2021-09-14"]),
]


def _check_attachment(value: str, info: ValidationInfo) -> str:
    """An attachment is an ordinary file in the attachments/ folder next to the minutes file:
    never a link, never of another folder's documents, only of a type on the list of what may
    be attached (filing.ATTACHMENT_TYPES: never a page MkDocs would render or a browser would run)."""
    base = _context(info, "base_dir")
    parts = value.split("/")
    if "\\" in value or value.startswith("/") or any(p in ("", ".", "..") for p in parts) or parts[0] != ATTACHMENTS:
        raise PydanticCustomError("attachment_outside", _("'{value}' is not a file in this folder's attachments/ folder"),
                                  {"value": value})
    if not attachable(parts[-1]):
        raise PydanticCustomError("attachment_type", _("'{value}' cannot be attached: files of this type are not published; "
                                                       "these can be: {types}"), {"value": value, "types": attachment_types()})
    if base is None:
        return value
    path = base
    for count, part in enumerate(parts, start=1):
        path = path / part
        if path.is_symlink():
            raise PydanticCustomError("attachment_link", _("'{link}' is a link (symlink)"), {"link": "/".join(parts[:count])})
    if not path.is_file():
        raise PydanticCustomError("attachment_missing", _("the file '{value}' does not exist"), {"value": value})
    return value


def _item_number(value: Any) -> int | str:
    """An agenda item as the body numbers it: 3, "3.2" or "4–5"; 'pkt 5', '§ 5' and '5.' are read as 5."""
    ref = item_number(written(value)) if isinstance(value, (int, float, str)) and not isinstance(value, bool) else None
    if ref is None:
        shown = written(value) if isinstance(value, (int, float, str)) else repr(value)
        raise PydanticCustomError("item_number", _("'{value}' is not an agenda item number"), {"value": shown})
    return ref.value


def _reference(parse: Callable[[str], Any]) -> AfterValidator:
    """A reference to a meeting or an action (notula.model.references), its group checked against
    groups.yml when a registry is given."""

    def validator(value: str, info: ValidationInfo) -> str:
        try:
            parsed = parse(value)
        except BadReference as problem:
            raise PydanticCustomError(problem.kind, "{message}", {"message": problem.message, "hint": problem.fix}) from None
        registry = _context(info, "registry")
        group = (parsed[0] if isinstance(parsed, tuple) else parsed).group
        if registry is not None and group not in registry.groups:
            raise PydanticCustomError("reference_group", _("unknown group '{group}' in '{ref}'"), {
                "group": group, "ref": value,
                "hint": registry.suggest("group", group) or _("use a group id from {file}").format(file=registry.file("groups"))})
        return value

    return AfterValidator(validator)


OrgRef = Annotated[str, Field(min_length=1), _resolve("organisation")]
GroupRef = Annotated[str, Field(min_length=1), _resolve("group")]
TopicRef = Annotated[str, Field(min_length=1), _resolve("topic")]
Id = Annotated[str, Field(pattern=ID_PATTERN, examples=["d1"])]
TimeText = Annotated[str, BeforeValidator(_time_not_number), AfterValidator(_check_time), Field(examples=["09:00-13:00"])]
ItemNo = Annotated[int | str, BeforeValidator(_item_number),
                   Field(description="Agenda item number, as in the body's headings.", examples=[3])]
Text = Annotated[str, Field(min_length=1)]
# The JSON Schema for editors gives the pattern; check gives what is wrong and what was meant.
MeetingRefText = Annotated[str, _reference(meeting_ref), WithJsonSchema({"type": "string", "pattern": MEETING_REF_PATTERN})]
ActionRefText = Annotated[str, _reference(parse_action_ref), WithJsonSchema({"type": "string", "pattern": ACTION_REF_PATTERN})]
PLACEHOLDER = "NAMN"


def _not_placeholder(value: str) -> str:
    if PLACEHOLDER in value:
        raise PydanticCustomError("placeholder", _("'{value}' still holds the placeholder {placeholder}"),
                                  {"value": value, "placeholder": PLACEHOLDER})
    return value


def _one_line(value: str) -> str:
    if "\n" in value:
        raise PydanticCustomError("one_line", _("'{value}' must be one line"), {"value": value})
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
    paper = "paper"


PAPER_TYPES = ("agenda", "report", "presentation", "paper")  # may name the meeting they are for (for_meeting)
RECORD_TYPES = ("minutes", "notes")  # the record of a meeting: its address is the meeting's


def id_suffix(doc_type: str, slug: str | None = None) -> str:
    """The part of a document's id and file name after the date: its slug, or its type unless it
    is the record of the meeting (minutes or notes)."""
    return slug or ("" if doc_type in RECORD_TYPES else doc_type)


class Audience(str, Enum):
    public = "public"
    members = "members"
    draft = "draft"


class Role(str, Enum):
    chair = "chair"
    convener = "convener"
    secretary = "secretary"
    adjunct = "adjunct"


class Status(str, Enum):
    open = "open"
    done = "done"
    cancelled = "cancelled"


# ---------------------------------------------------------------- people


class Shorthand(Strict):
    """A model that may also be written as one line of text 'Name, Organisation'."""

    shorthand_help: ClassVar[str] = N_("Name, Organisation")

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
                "shorthand", _("'{text}' should be written as '{form}'"),
                {"text": text, "form": _(cls.shorthand_help)},
            )
        return {"name": name.strip(), "org": org.strip()}

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler):
        json_schema = handler(schema)
        return {"anyOf": [{"type": "string", "description": cls.shorthand_help}, json_schema]}


class Person(Shorthand):
    """A person and the organisation they represent."""

    name: Name = Field(description="Full name.", examples=[examples.PERSON])
    org: OrgRef = Field(description="Organisation: id, name, short name or alias.", examples=[examples.ORGANISATION])
    unit: Line | None = Field(None, description="Unit within the organisation, free text; shown after it and counted for it.",
                              examples=["Socialförvaltningen"])
    title: Line | None = Field(None, description="Job title, free text.", examples=["Integrationsstrateg"])


class Attendee(Person):
    """Someone who took part in the meeting."""

    role: Role | None = Field(None, description="chair, convener (sammankallande), secretary or adjunct.")
    remote: bool = Field(False, description="Took part by video or phone ('via länk').")
    items: list[ItemNo] = Field(default_factory=list,
                                description="Present only for these agenda items (partial attendance).",
                                examples=[[5]])


class Absentee(Person):
    """A member who did not come."""

    notified: bool = Field(False, description="Sent apologies in advance ('anmält förhinder').")


class Guest(Strict):
    """Someone invited for some agenda items only."""

    name: Name = Field(description="Full name.", examples=[examples.PERSON])
    org: OrgRef | None = Field(None, description="Organisation from the registry, if any.", examples=[examples.ORGANISATION])
    affiliation: Line | None = Field(None, description="Project or unit, free text.", examples=["Projektet Exempel"])
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

    shorthand_help: ClassVar[str] = N_("Organisation, or Name, Organisation")

    name: Name | None = Field(None, description="Person responsible, if named.")
    org: OrgRef = Field(description="Organisation responsible.", examples=[examples.ORGANISATION])

    @classmethod
    def parse_shorthand(cls, text: str) -> dict:
        name, sep, org = text.rpartition(",")
        if not sep:
            return {"org": text.strip()}
        return super().parse_shorthand(text)


class Author(Owner):
    """Who wrote a report or presentation: a person at an organisation, or an organisation alone."""

    unit: Line | None = Field(None, description="Unit within the organisation, free text; shown after it.",
                              examples=["Socialförvaltningen"])
    title: str | None = Field(None, description="Job title, free text.")


def _one_or_list(value: Any) -> Any:
    """A single entry where a list is expected is the list of that one entry."""
    return [value] if isinstance(value, (str, dict)) else value


def _one_or_list_schema(schema: dict) -> None:
    items = dict(schema.pop("items"))
    schema.pop("type", None)
    schema["anyOf"] = [items, {"type": "array", "items": items}]


People = Annotated[list[Person], BeforeValidator(_one_or_list)]


# ---------------------------------------------------------------- contents


class Decision(Strict):
    """A decision taken, or recorded, at the meeting (beslut)."""

    id: Id = Field(description="Unique in the file, used in links: d1, d2 …", examples=["d1"])
    text: Text = Field(description="What was decided.", examples=["Gruppen beslutar att ta fram strategiska riktlinjer."])
    item: ItemNo | None = Field(None, description="Agenda item number.")
    by: Line | None = Field(None, description="Another body whose decision is recorded (e.g. KS).", examples=[examples.BODY])
    topics: list[TopicRef] | None = Field(
        None, description="Topic ids; without it the meeting's topics; [] for none (e.g. an agenda change).")
    orgs: list[OrgRef] = Field(default_factory=list, description="Organisations the decision concerns.")


class Proposer(Shorthand):
    """Who made a proposal: a person at an organisation, an organisation, or another body (free text)."""

    shorthand_help: ClassVar[str] = N_("Name, Organisation, or an organisation or body")

    name: Name | None = Field(None, description="Person who proposed, if named.")
    org: OrgRef | None = Field(None, description="Organisation from the registry.")
    body: str | None = Field(None, description="Another body, free text (e.g. KS).", examples=[examples.BODY])

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any, info: ValidationInfo) -> Any:
        if not isinstance(data, str):
            return data
        name, sep, org = data.rpartition(",")
        if sep:
            return cls.parse_shorthand(data)
        registry = _context(info, "registry")
        try:
            return {"org": registry.resolve("organisation", data)} if registry else {"body": data.strip()}
        except PydanticCustomError:
            return {"body": data.strip()}

    @model_validator(mode="after")
    def _someone(self, info: ValidationInfo) -> Proposer:
        if not (self.org or self.body):
            raise PydanticCustomError("proposer_empty", _("a proposal's 'by' needs an organisation or a body"), {})
        registry = _context(info, "registry")
        if self.body and registry is not None and not _known_body(registry, self.body):
            # A name alone could be a person's, which the names policy cannot know to hide: fail closed.
            raise PydanticCustomError("unknown_body", _("'{body}' is neither an organisation nor a body in abbreviations.yml"),
                                      {"body": self.body})
        return self


def _known_body(registry, text: str) -> bool:
    """A body (KS, Kommunberedningen …): an abbreviation in abbreviations.yml or its expansion."""
    wanted = text.strip().casefold()
    return any(wanted in (short.casefold(), long.casefold()) for short, long in registry.abbreviations.items())


class Proposal(Strict):
    """A proposal (förslag) put to the group, or made by another body; not a decision."""

    id: Id = Field(description="Unique in the file, used in links: p1, p2 …", examples=["p1"])
    text: Text = Field(description="What is proposed.", examples=["Arbetsgruppen föreslår en gemensam temadag."])
    item: ItemNo | None = Field(None, description="Agenda item number.")
    by: Proposer | None = Field(None, description="Who proposed it: 'Name, Organisation', an organisation or a body.")


class Link(Strict):
    """A web page that belongs with the minutes."""

    title: Text = Field(description="What the page is.", examples=["Länsstyrelsens lägesbild"])
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] = Field(
        description="Full address, starting with https://.", examples=["https://www.example.org/lagesbild"])


class Approval(Strict):
    """That the minutes have been checked and approved (justerat)."""

    date: dt.date = Field(description="Approved on (YYYY-MM-DD).", examples=["2019-09-20"])
    by: People = Field(min_length=1, description="Who approved: 'Name, Organisation', one or a list.",
                       json_schema_extra=_one_or_list_schema)


class Action(Strict):
    """A task given at the meeting (uppdrag), with owners and a report-back date."""

    id: Id = Field(description="Unique in the file, used in links and follow-ups: a1, a2 …", examples=["a1"])
    text: Text = Field(description="What is to be done.", examples=["Sammanställ behovet av tolkar."])
    owners: list[Owner] = Field(default_factory=list,
                                description="Organisations, or 'Name, Organisation'; flagged 'Ansvarig saknas' when empty.")
    due: dt.date | None = Field(None, description="Report back by (YYYY-MM-DD).")
    item: ItemNo | None = Field(None, description="Agenda item number.")
    topics: list[TopicRef] | None = Field(None, description="Topic ids; without it the meeting's topics; [] for none.")


class FollowUp(Strict):
    """A report on an action from earlier minutes."""

    action: ActionRefText = Field(
        description="group/date/action-id of the earlier action.",
        examples=[f"{examples.GROUP}/2017-01-11/a1"],
    )
    status: Status = Field(description="open, done or cancelled.")
    note: str | None = Field(None, description="What was reported.")
    due: dt.date | None = Field(None, description="A new report-back date, if it was moved.")


class Attachment(Strict):
    """A file attached to the minutes (presentation, report …): a file next to it, or at a web address."""

    file: Annotated[str, AfterValidator(_check_attachment)] | None = Field(
        None, description="The file in the attachments folder next to this minutes file, written attachments/ and its name.",
        examples=["attachments/2017-04-04-presentation.pdf"])
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = Field(
        None, description="Or: its web address, starting with https://.", examples=["https://www.example.org/bild.pdf"])
    title: LineText = Field(description="What the file is.", examples=["Presentation"])

    @model_validator(mode="after")
    def _one_source(self) -> Attachment:
        if (self.file is None) == (self.url is None):
            raise PydanticCustomError("attachment_source", _("an attachment needs either 'file' or 'url'"), {})
        return self


class PlannedMeeting(Strict):
    """A coming meeting, from the schedule agreed at this one."""

    date: DateOrMonth = Field(description="YYYY-MM-DD, or YYYY-MM when the day is not decided.")
    time: TimeText | None = Field(None, description="HH:MM or HH:MM-HH:MM.")
    place: Line | None = Field(None, description="Where.")
    host: OrgRef | None = Field(None, description="Hosting organisation.")
    note: str | None = Field(None, description="E.g. 'Preliminärt'.")


class Event(Strict):
    """A dated event that is not one of the group's meetings (a deadline, a theme day, another body's meeting)."""

    date: DateOrMonth = Field(description="YYYY-MM-DD, or YYYY-MM when the day is not decided.", examples=["2021-10-15"])
    time: TimeText | None = Field(None, description="HH:MM or HH:MM-HH:MM.")
    title: Text = Field(description="What happens.", examples=["Sista dag att söka §37-medel"])
    place: str | None = Field(None, description="Where.")


class Document(Strict):
    """The front-matter of one minutes file (or notes, agenda, report, presentation)."""

    type: DocType = Field(DocType.minutes, description="minutes, notes, agenda, report, presentation or paper.")
    group: GroupRef = Field(description="Group id from groups.yml.", examples=[examples.GROUP])
    title: Line | None = Field(
        None, description="Title; the date is added when it does not name the year. Default: type, group and date.")
    date: dt.date = Field(description="Meeting (or publication) date, YYYY-MM-DD.", examples=["2017-04-04"])
    time: TimeText | None = Field(None, description="HH:MM or HH:MM-HH:MM.")
    place: Line | None = Field(None, description="Where the meeting was held.", examples=["Stadshuset, sammanträdesrum 1"])
    host: OrgRef | None = Field(None, description="Hosting organisation.")
    slug: Annotated[str, Field(pattern=ID_PATTERN)] | None = Field(
        None, description="Extra part of the page address, for two documents of one type on one day.")
    summary: str | None = Field(None, description="One or two sentences about the meeting.")
    audience: Audience | None = Field(None, description="public, members or draft; default: the group's.")
    release: dt.date | None = Field(None, description="Public only from this date; members only before it.")
    attendees: list[Attendee] = Field(default_factory=list, description="Who took part.")
    absent: list[Absentee] = Field(default_factory=list, description="Members who did not come.")
    guests: list[Guest] = Field(default_factory=list, description="Invited for some agenda items.")
    secretary: People = Field(default_factory=list, description="Note-taker ('vid tangenterna'): one person or a list.",
                              json_schema_extra=_one_or_list_schema)
    author: Author | None = Field(None, description="Author of a report or presentation: 'Name, Organisation' or an organisation.")
    for_meeting: MeetingRefText | None = Field(
        None, description="For papers, agendas, reports, presentations: the meeting (group/date) they are for.",
        examples=[f"{examples.GROUP}/2017-04-25"])
    approved: Approval | None = Field(
        None, description="Approval (justering) of minutes or notes: date and by whom. Counts from its date.")
    topics: list[TopicRef] = Field(default_factory=list, description="Topic ids.")
    decisions: list[Decision] = Field(default_factory=list, description="Decisions (beslut).")
    proposals: list[Proposal] = Field(default_factory=list, description="Proposals (förslag), not decisions.")
    actions: list[Action] = Field(default_factory=list, description="Tasks (uppdrag).")
    follow_up: list[FollowUp] = Field(default_factory=list, description="Reports on earlier actions.")
    attachments: list[Attachment] = Field(default_factory=list, description="Attached files.")
    links: list[Link] = Field(default_factory=list, description="Web pages that belong with the minutes.")
    next_meetings: list[PlannedMeeting] = Field(default_factory=list, description="Schedule of coming meetings.")
    events: list[Event] = Field(default_factory=list, description="Dated events that are not the group's meetings.")

    @field_validator("approved")
    @classmethod
    def _approved_record(cls, value: Approval | None, info: ValidationInfo) -> Approval | None:
        doc_type = info.data.get("type")  # declared before: validated first
        if value is not None and doc_type is not None and doc_type not in RECORD_TYPES:
            raise PydanticCustomError(
                "approved_type", _("'approved' is for the record of a meeting ({types}), not for type '{type}'"),
                {"types": ", ".join(RECORD_TYPES), "type": doc_type})
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Document:
        if self.type == DocType.minutes.value and not self.attendees:
            raise PydanticCustomError("no_attendees", _("minutes need at least one attendee"), {})
        if self.release is not None and self.audience not in (None, Audience.public.value):
            raise PydanticCustomError(
                "release_audience", _("'release' makes a document public from a date, but audience is '{audience}'"),
                {"audience": self.audience})
        if self.for_meeting and self.type not in PAPER_TYPES:
            raise PydanticCustomError(
                "for_meeting_type", _("'for_meeting' is for {types}, not for type '{type}'"),
                {"types": ", ".join(PAPER_TYPES), "type": self.type})
        if self.approved and self.approved.date < self.date:
            raise PydanticCustomError("approved_early", _("the minutes are approved ({approved}) before the meeting ({date})"),
                                      {"approved": self.approved.date.isoformat(), "date": self.date.isoformat()})
        return self

    @property
    def suffix(self) -> str:
        """The part of the id after the date: the slug, or the type for non-minutes."""
        return id_suffix(self.type, self.slug)

    @property
    def doc_id(self) -> str:
        """Stable id: group/date[-suffix]. Also the page address."""
        return meeting_id(self.group, self.date, self.suffix)


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

    id: Id = Field(examples=[examples.ORGANISATION_ID])
    name: LineText = Field(description="Full name.", examples=[examples.ORGANISATION])
    short: Line | None = Field(None, description="Short display name.", examples=[examples.ORGANISATION])
    kind: OrgKind = Field(OrgKind.other, description="municipality, region, county-board, agency, …")
    aliases: list[LineText] = Field(default_factory=list, description="Other ways of writing the name.")

    @property
    def label(self) -> str:
        return self.short or self.name


class Group(Strict):
    """A group that meets (groups.yml)."""

    id: Id = Field(examples=[examples.GROUP])
    name: LineText = Field(examples=[examples.GROUP_NAME])
    short: Line | None = None
    description: str | None = None
    members: list[OrgRef] = Field(default_factory=list, description="Member organisations.")
    audience: Literal["public", "members"] = Field(
        "members", description="Default audience of the group's documents (members when not set).")
    public_names: PublicNames = Field(
        DEFAULT_PUBLIC_NAMES, description="Names on the public site: all, attendees (not guests) or none. Not set: "
        "the site's public_names option in mkdocs.yml, else none.")
    approval: Literal["none", "required"] = Field(
        "none", description="required: minutes and notes stay members-only until approved ('approved' in the file, "
        "from its date); agendas, reports, presentations and papers need no approval.")


class Topic(Strict):
    """A subject the groups work on (topics.yml)."""

    id: Id = Field(examples=[examples.TOPIC_ID])
    name: LineText = Field(examples=[examples.TOPIC])
    description: str | None = None


REGISTRY_FILES: dict[str, tuple[str, type[Organisation | Group | Topic]]] = {
    "organisations": ("organisations.yml", Organisation),
    "groups": ("groups.yml", Group),
    "topics": ("topics.yml", Topic),
}
ABBREVIATIONS_FILE = "abbreviations.yml"


def own_audience(audience: str | None, release: dt.date | None) -> str | None:
    """The audience a document gives itself: its 'audience', else public when it has a release
    date; None leaves it to its group."""
    return audience or ("public" if release else None)


def declared_audience(own: str | None, group: Group | None) -> str:
    """A document's declared audience: its own, else its group's default (members for an unknown group)."""
    return own or (group.audience if group else "members")
