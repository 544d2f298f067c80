"""References to meetings and their actions: the one grammar of a meeting's id and of what names it.

    <group>/<date>[-<suffix>]            a meeting's id and page address; for_meeting
    <group>/<date>[-<suffix>]/<action>   an action, as follow_up names it

The date is YYYY-MM-DD in ASCII digits (a full-width or Arabic-Indic digit is not one); the
suffix is a slug or a document type (schema.id_suffix). The schema's patterns, the ids the
corpus gives meetings and actions, and every place that reads a reference back use this module,
so a reference `check` accepts is one the build can find. What a malformed reference gets
instead is an explanation: what is wrong with it, and the reference it most likely meant.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from notula import urls
from notula.errors import NotulaError
from notula.i18n import _
from notula.model import examples

ID = r"[a-z0-9][a-z0-9-]*"  # a group's, a slug's, a decision's or an action's id
DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
MEETING = rf"{ID}/{DATE}(?:-{ID})?"
ID_PATTERN = rf"^{ID}$"
MEETING_REF_PATTERN = rf"^{MEETING}$"
ACTION_REF_PATTERN = rf"^{MEETING}/{ID}$"
DATE_RE = re.compile(DATE)

_ID_RE = re.compile(ID_PATTERN)
_DAY_RE = re.compile(rf"^(?P<date>{DATE})(?:-(?P<suffix>{ID}))?$")
# Dates written another way than YYYY-MM-DD: 2017-1-9, 2017.01.09, 20170109, 9.1.2017, 9-1-2017.
_OTHER_DATES = tuple(re.compile(rf"^{date}(?:-(?P<suffix>{ID}))?$") for date in (
    r"(?P<y>[0-9]{4})[-.](?P<m>[0-9]{1,2})[-.](?P<d>[0-9]{1,2})",
    r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})",
    r"(?P<d>[0-9]{1,2})[-.](?P<m>[0-9]{1,2})[-.](?P<y>[0-9]{4})"))
_ACTION_ANCHOR = re.compile(rf"^{re.escape(urls.action_anchor(''))}(?P<id>{ID})$")  # an action's place on its meeting's page


@dataclass(frozen=True)
class MeetingRef:
    """A meeting named by group, date and the suffix of its id (a slug or a type), if any."""

    group: str
    date: dt.date
    suffix: str | None = None

    def __str__(self) -> str:
        return meeting_id(self.group, self.date, self.suffix or "")


class BadReference(NotulaError, ValueError):
    """A reference that is not of the form its field needs: what is wrong, and how to write it."""

    def __init__(self, kind: str, message: str, fix: str) -> None:
        super().__init__(message)
        self.kind, self.message, self.fix = kind, message, fix


def meeting_id(group: str, date: dt.date, suffix: str = "") -> str:
    """A meeting's id (and page address): group/date[-suffix]."""
    return f"{group}/{date.isoformat()}{'-' + suffix if suffix else ''}"


def item_ref(meeting: str, item: str) -> str:
    """The reference to an action (as later minutes follow it up) or a decision: its meeting's id / its id."""
    return f"{meeting}/{item}"


def meeting_of_action(ref: str) -> str:
    """The meeting part of an action reference (the reference up to its last slash)."""
    return ref.rpartition("/")[0]


def action_of(ref: str) -> str:
    """The action's own id in an action reference (after its last slash)."""
    return ref.rpartition("/")[2]


def meeting_ref(text: str) -> MeetingRef:
    """The meeting text names (group/date[-suffix]); BadReference says what is wrong with it."""
    parts = text.split("/")
    day = _DAY_RE.match(parts[1]) if len(parts) == 2 and _ID_RE.match(parts[0]) else None
    if day is None:
        raise _explain(text, action=False)
    return MeetingRef(parts[0], _date(day.group("date"), text), day.group("suffix"))


def parse_action_ref(text: str) -> tuple[MeetingRef, str]:
    """The meeting and the action's id that text names (group/date[-suffix]/id); BadReference if it is not one."""
    parts = text.split("/")
    day = _DAY_RE.match(parts[1]) if len(parts) == 3 and _ID_RE.match(parts[0]) and _ID_RE.match(parts[2]) else None
    if day is None:
        raise _explain(text, action=True)
    return MeetingRef(parts[0], _date(day.group("date"), text), day.group("suffix")), parts[2]


def _date(text: str, ref: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadReference("reference_date", _("'{date}' in '{ref}' is not a valid date").format(date=text, ref=ref),
                           _("write an existing date as YYYY-MM-DD, e.g. 2017-04-04")) from None


def _explain(text: str, action: bool) -> BadReference:
    """Why text is not a reference to a meeting (or, with action, to an action), and what it likely meant."""
    example = f"{examples.GROUP}/2017-04-04/a1" if action else f"{examples.GROUP}/2017-04-04"
    wrong_form = _("'{ref}' is not a reference to an action").format(ref=text) if action else \
        _("'{ref}' is not a reference to a meeting").format(ref=text)
    form = _("write group/date/id of the action, e.g. '{example}'") if action else \
        _("write group/date of the meeting, e.g. '{example}'")
    meant = _meant(text, action)
    if meant is not None and meant != text:
        kind, why = _why(text, meant, action)
        return BadReference(kind, why, _("write '{ref}'").format(ref=meant))
    parts = _folded(text).rstrip("/").split("/")
    if action and len(parts) == 2 and _ID_RE.match(parts[0]) and _day(parts[1]):
        return BadReference("reference_no_action", _("'{ref}' names a meeting, not an action").format(ref=text),
                            _("add the action's id after a slash, e.g. '{example}'").format(
                                example=f"{parts[0]}/{_day(parts[1])}/a1"))
    return BadReference("reference_form", wrong_form, form.format(example=example))


def _why(text: str, meant: str, action: bool) -> tuple[str, str]:
    """The kind and message of what turns text into meant."""
    if re.match(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//", text.strip()) or text.strip().startswith("/"):
        return "reference_address", _("'{ref}' is a web address, not a reference").format(ref=text)
    if not action and meant.count("/") == 1 and text.rstrip("/").count("/") == 2:
        return "reference_action", _("'{ref}' names an action, not a meeting").format(ref=text)
    if text.strip().endswith("/") and meant == text.strip().rstrip("/"):
        return "reference_form", _("'{ref}' ends with a slash").format(ref=text)
    dates = [part for part in re.sub(r"\s*/\s*", "/", text.strip()).split("/")[1:2] if not _DAY_RE.match(part.lower())]
    if dates:
        return "reference_date", _("the date '{date}' in '{ref}' is not written YYYY-MM-DD").format(date=dates[0], ref=text)
    return "reference_form", _("'{ref}' is not written as a reference: lowercase letters, digits and hyphens, "
                               "parts separated by '/'").format(ref=text)


def _folded(text: str) -> str:
    """text as a reference would be written: compatibility forms (full-width letters, other
    scripts' digits) as ASCII, lower case, no spaces around the slashes or the ends."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
    return re.sub(r"\s*/\s*", "/", text.strip()).lower()


def _meant(text: str, action: bool) -> str | None:
    """The reference text most likely meant (a web address of the meeting's page or of the action
    on it, another form of date, capitals, spaces), or None when it cannot be told."""
    folded = _folded(text)
    if re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", folded) or folded.startswith("/"):  # an address copied from a browser
        address = urlsplit(folded)
        folded, anchor = unquote(address.path).strip("/"), unquote(address.fragment)
        parts = folded.split("/")
        found = next((i for i in range(1, len(parts)) if _day(parts[i]) and _ID_RE.match(parts[i - 1])), None)
        if found is None:
            return None
        folded = "/".join(parts[found - 1:found + 1])
        if action:
            own = _ACTION_ANCHOR.match(anchor)
            if not own:
                return None
            folded += "/" + own.group("id")
    folded = folded.rstrip("/")
    parts = folded.split("/")
    if len(parts) == 3 and not action and _ID_RE.match(parts[2]):
        parts = parts[:2]  # an action's reference where the meeting's is wanted
    if len(parts) != (3 if action else 2) or not _ID_RE.match(parts[0]) or (action and not _ID_RE.match(parts[2])):
        return None
    day = _day(parts[1])
    if day is None or not _exists(day[:10]):
        return None
    parts[1] = day
    return "/".join(parts)


def _exists(date: str) -> bool:
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        return False
    return True


def _day(text: str) -> str | None:
    """date[-suffix] written as YYYY-MM-DD[-suffix], from a date written another way; None if it is none."""
    if _DAY_RE.match(text):
        return text
    for pattern in _OTHER_DATES:
        found = pattern.match(text)
        if found:
            try:
                day = dt.date(int(found.group("y")), int(found.group("m")), int(found.group("d")))
            except ValueError:
                return None
            return day.isoformat() + (f"-{found.group('suffix')}" if found.group("suffix") else "")
    return None
