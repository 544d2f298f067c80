"""Which personal names a build may show, by the group's `public_names` policy.

The members' site always shows names. On the public site a group shows
all names, attendees' names but not guests' (guests are often private
persons), or no names at all (organisations only). A name hidden in one
of a group's documents is hidden in all of them, in the lists and in every
free-text field and the body (replaced with NN, also the first name on its
own, as minutes often say "Ahmed presenterade", and possessives: "Annas"
becomes "NN:s"). Every page, index and export asks here.

Matching is done on a folded form of both the names and the text (NFC,
casefolded, Unicode format characters such as zero-width spaces, direction
marks and soft hyphens removed, any whitespace run matching a space), and
each match is mapped back to its span in the text as written. Where a name
cannot be told apart safely (a first name that is also a Swedish word, a
first name shared with a person who is shown, a hidden name inside a
registry value the site prints), `check_names` reports it as a problem.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, overload

from notula.i18n import N_, _

if TYPE_CHECKING:
    from notula.model.corpus import Corpus, Meeting

KINDS = ("attendee", "absent", "guest", "secretary", "author", "owner", "approver", "proposer")
ANONYMOUS = "NN"

# Unicode format characters (category Cf) and the other default-ignorable characters that
# render as nothing: a name with one of them inside looks the same to a reader. A unit test
# checks this class against the running Python's Unicode database.
_IGNORABLE = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff"
)
IGNORABLE = re.compile(f"[{_IGNORABLE}]")
# Text with none of these folds character by character (the fast path in fold()).
_SLOW = re.compile(f"[{_IGNORABLE}\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# Given names that are also everyday Swedish words. Such a name is matched only where it is
# written with a capital; a capitalised one that starts a sentence is ambiguous (check_names).
COMMON_WORDS = frozenset("""
    alf alma ask axel ben björn bo bror dag dan ek ester glad gull hans hel helge iris ivar karl
    jan klara lilja lina liv lo maj mark mars mats mira per ros rosa rut saga siv sol sten stig tage tea
    tom tor tove vera vide vilja viola will
""".split())

_POSSESSIVE = r"(?P<s>s|['’:]s)?"
_SENTENCE_START = re.compile(r"(?:[.!?:;]\s+|\n\s*(?:[-*+>#|]+\s*|\d+[.)]\s*)*)\Z")


def shown_kinds(rule: str) -> set[str]:
    """The kinds of person a policy (all | attendees | none) names."""
    return {"all": set(KINDS), "attendees": set(KINDS) - {"guest"}, "none": set()}[rule]


def people(meeting: Meeting) -> list[tuple[str, str]]:
    """(kind, name) of everyone the meeting's lists name."""
    return [(kind, name) for kind, name, _ in people_of(meeting.doc)]


def people_of(doc) -> list[tuple[str, str, tuple[str | int, ...]]]:
    """(kind, name, location in the front matter) of everyone a document's lists name."""
    found: list[tuple[str, str, tuple[str | int, ...]]] = [("attendee", p.name, ("attendees", i)) for i, p in enumerate(doc.attendees)]
    found += [("absent", p.name, ("absent", i)) for i, p in enumerate(doc.absent)]
    found += [("guest", p.name, ("guests", i)) for i, p in enumerate(doc.guests)]
    found += [("owner", o.name, ("actions", i, "owners", j))
              for i, a in enumerate(doc.actions) for j, o in enumerate(a.owners)]
    found += [("secretary", p.name, ("secretary",)) for p in doc.secretary]
    found += [("author", doc.author.name, ("author",))] if doc.author else []
    found += [("approver", p.name, ("approved", "by", i)) for i, p in enumerate(doc.approved.by if doc.approved else [])]
    found += [("proposer", p.by.name, ("proposals", i, "by")) for i, p in enumerate(doc.proposals) if p.by]
    return [(kind, name, loc) for kind, name, loc in found if name]


# ---------------------------------------------------------------- folding


def fold(text: str) -> tuple[str, list[int] | None]:
    """Text in matching form (NFC, casefolded, ignorable characters removed) and, for each of
    its characters, the index in text where the character it came from starts (None: the
    same index). The end of a match at folded[j - 1] is the start of folded[j] in text."""
    if not _SLOW.search(text) and unicodedata.is_normalized("NFC", text):
        folded = text.casefold()
        if len(folded) == len(text):
            return folded, None
    out: list[str] = []
    starts: list[int] = []
    i, n = 0, len(text)
    while i < n:
        if IGNORABLE.match(text, i):
            i += 1
            continue
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or IGNORABLE.match(text, j)):
            j += 1
        cluster = IGNORABLE.sub("", text[i:j])
        piece = unicodedata.normalize("NFC", unicodedata.normalize("NFC", cluster).casefold())
        out.append(piece)
        starts += [i] * len(piece)
        i = j
    starts.append(n)
    return "".join(out), starts


def key(name: str) -> str:
    """A name's folded form, whitespace collapsed: two spellings of one name have one key."""
    return " ".join(fold(name)[0].split())


def _pattern(keys: Iterable[str]) -> str:
    words = sorted(set(keys), key=len, reverse=True)  # full names before first names
    return "|".join(r"\s+".join(re.escape(w) for w in k.split()) for k in words)


# ---------------------------------------------------------------- matching


@dataclass(frozen=True)
class Match:
    """A name found in a text: its span in the text as written, and what it is."""

    start: int
    end: int  # without a possessive ending
    possessive: bool
    key: str
    action: str  # hide | keep | ambiguous (hidden, but maybe the word or a shown person)
    why: str = ""


@dataclass
class Matcher:
    """The names of one group: hidden full names and first names, and shown full names (which
    keep a shared first name inside them from being hidden)."""

    hidden: dict[str, str]  # key -> a spelling as written
    shown: dict[str, str]
    firsts: dict[str, str] = field(default_factory=dict)  # hidden first name key -> hidden full name
    shared: dict[str, str] = field(default_factory=dict)  # hidden first name key -> shown full name
    regex: re.Pattern | None = None

    def __post_init__(self) -> None:
        shown_firsts = {k.split()[0]: v for k, v in self.shown.items() if len(k.split()) > 1}
        for k, name in self.hidden.items():
            first = k.split()[0]
            if len(k.split()) > 1 and first not in self.hidden:
                self.firsts.setdefault(first, name)
                if first in shown_firsts:
                    self.shared[first] = shown_firsts[first]
        keys = [*self.hidden, *self.firsts, *(k for k in self.shown if k not in self.hidden)]
        if self.hidden:
            self.regex = re.compile(rf"(?<!\w)(?P<name>{_pattern(keys)}){_POSSESSIVE}(?!\w)")

    def finditer(self, text: str) -> Iterator[Match]:
        """Every name in text, in order."""
        if self.regex is None or not text:
            return
        folded, starts = fold(text)
        at = (lambda i: i) if starts is None else starts.__getitem__
        for m in self.regex.finditer(folded):
            k = " ".join(m.group("name").split())
            start, end = at(m.start()), at(m.end("name"))
            yield Match(start, end, bool(m.group("s")), k, *self._judge(k, text, start))

    def _judge(self, k: str, text: str, start: int) -> tuple[str, str]:
        if k in self.shown and k not in self.hidden:
            return "keep", ""
        if k in self.shared:
            return "ambiguous", _("'{word}' may be {shown}, whose name is shown, or {hidden}, whose name the public "
                                  "site hides").format(word=text[start:start + len(k)], shown=self.shared[k], hidden=self.firsts[k])
        if k in COMMON_WORDS:
            if not text[start].isupper():
                return "keep", ""  # the word, not the name
            if _starts_sentence(text, start):
                return "ambiguous", _("'{word}' starts a sentence and is also the first name of {hidden}, whose name "
                                      "the public site hides").format(word=text[start:start + len(k)],
                                                                      hidden=self.firsts.get(k, self.hidden.get(k)))
        return "hide", ""

    def redact(self, text: str) -> str:
        """text with every hidden name (ambiguous ones too: fail closed) replaced by NN."""
        if self.regex is None or not text:
            return text
        parts, last = [], 0
        for match in self.finditer(text):
            if match.action == "keep":
                continue
            parts += [text[last:match.start], ANONYMOUS + (":s" if match.possessive else "")]
            last = _after_possessive(text, match.end) if match.possessive else match.end
        return "".join(parts) + text[last:] if parts else text


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start]
    return bool(_SENTENCE_START.search(("\n" if start <= 40 else "") + before))


def _after_possessive(text: str, end: int) -> int:
    """The end of a possessive ending ('s, :s, s) that starts at end, ignorable characters included."""
    i = end
    while i < len(text) and IGNORABLE.match(text, i):
        i += 1
    if i < len(text) and text[i] in "'’:":
        i += 1
    while i < len(text) and IGNORABLE.match(text, i):
        i += 1
    return i + 1 if i < len(text) and text[i] in "sS" else end


# ---------------------------------------------------------------- the policy


@dataclass
class NamePolicy:
    """The names one build hides, per group (empty for the members' site)."""

    hidden: dict[str, set[str]] = field(default_factory=dict)  # as written
    shown: dict[str, set[str]] = field(default_factory=dict)
    _matchers: dict[str, Matcher] = field(default_factory=dict, repr=False)
    _keys: dict[str, set[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, corpus: Corpus, public: bool) -> NamePolicy:
        """One pass over the meetings of corpus. For the public site, pass every meeting (not only
        the visible ones): a name hidden in a members-only document stays hidden in the public ones."""
        policy = cls()
        if public:
            policy.add(corpus.registry, ((m.doc.group, kind, name) for m in corpus.meetings for kind, name in people(m)))
        return policy

    def add(self, registry, found: Iterable[tuple[str, str, str]]) -> None:
        """Take in (group, kind, name) triples."""
        for group_id, kind, name in found:
            group = registry.groups.get(group_id)
            shown = shown_kinds(group.public_names if group else "none")
            (self.shown if kind in shown else self.hidden).setdefault(group_id, set()).add(name)
        self._matchers.clear()
        self._keys = {g: {key(n) for n in names} for g, names in self.hidden.items()}

    def hidden_names(self) -> dict[str, list[str]]:
        """Per group, the names this build hides, as they were written (for the leak audit)."""
        return {group: sorted(names) for group, names in sorted(self.hidden.items()) if names}

    def matcher(self, group_id: str) -> Matcher:
        if group_id not in self._matchers:
            hidden = {key(n): n for n in sorted(self.hidden.get(group_id, ()))}
            shown = {key(n): n for n in sorted(self.shown.get(group_id, ()))}
            self._matchers[group_id] = Matcher(hidden, {k: v for k, v in shown.items() if k not in hidden})
        return self._matchers[group_id]

    def name(self, meeting: Meeting, name: str | None) -> str | None:
        """The name to print, or None when the policy hides it."""
        if not name:
            return None
        keys = self._keys.get(meeting.doc.group)
        return None if keys and key(name) in keys else name

    @overload
    def redact(self, meeting: Meeting, text: str) -> str: ...

    @overload
    def redact(self, meeting: Meeting, text: None) -> None: ...

    def redact(self, meeting: Meeting, text: str | None) -> str | None:
        """Free text with the hidden names replaced by NN."""
        return self.matcher(meeting.doc.group).redact(text) if text else text

    def redacted(self, meeting: Meeting) -> Meeting:
        """The meeting with every free-text field of its document and its body redacted; the
        public build renders only such copies, so that no page or output can miss a field."""
        matcher = self.matcher(meeting.doc.group)
        if matcher.regex is None:
            return meeting
        doc = redact_model(meeting.doc, matcher.redact)
        segments = [replace(s, text=matcher.redact(s.text)) for s in meeting.segments]
        return replace(meeting, doc=doc, segments=segments)


# Front-matter fields that are not free text: ids, references, dates, files, fixed words, and
# personal names (shown or left out whole by NamePolicy.name). Every other text is redacted,
# so that a field added to the schema later is covered without a change here.
NOT_PROSE = frozenset({
    "id", "group", "host", "org", "orgs", "topics", "slug", "type", "audience", "status", "role",
    "action", "file", "time", "items", "item", "name", "date", "due", "release", "remote", "notified",
})


def redact_model(model, redact) -> Any:
    """A copy of a pydantic model with redact applied to every free-text value."""
    updates = {}
    for name in type(model).model_fields:
        if name in NOT_PROSE:
            continue
        value = getattr(model, name)
        new = _redact_value(value, redact)
        if new is not value:
            updates[name] = new
    return model.model_copy(update=updates) if updates else model


def _redact_value(value, redact):
    if isinstance(value, str):
        new = redact(value)
        return value if new == value else new
    if isinstance(value, list):
        items = [_redact_value(v, redact) for v in value]
        return value if all(a is b for a, b in zip(items, value)) else items
    if hasattr(type(value), "model_fields"):
        return redact_model(value, redact)
    return value


def model_texts(model, out: list[str] | None = None) -> list[str]:
    """Every free-text value of a pydantic model (the fields redact_model redacts)."""
    out = [] if out is None else out
    for name, value in model.__dict__.items():
        if name in NOT_PROSE or value is None:
            continue
        for item in value if value.__class__ is list else (value,):
            if item.__class__ is str:
                out.append(item)
            elif hasattr(item, "__pydantic_fields__"):
                model_texts(item, out)
    return out


# Words that start with a letter that is not a small Latin one: every capitalised word (and a
# few more, which only costs a second look).
_CAPITALISED = re.compile(r"\b[^\W\d_a-zß-öø-ÿ]\w*")


def capitalised_words(texts: Iterable[str]) -> frozenset[str]:
    """The folded capitalised words of texts: what check_names needs to know of a file to tell
    whether it could hold an ambiguous name, without reading it again."""
    text = "\n".join(texts)
    if _SLOW.search(text) or not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", IGNORABLE.sub("", text))
    return frozenset(w.casefold() for w in set(_CAPITALISED.findall(text)))


def risky_words(matcher: Matcher) -> set[str]:
    """The first names that check_names must look for: shared with a shown person, or words."""
    return set(matcher.shared) | (COMMON_WORDS & (set(matcher.firsts) | set(matcher.hidden)))


def prose_fields(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(location, text) of every free-text value in raw front matter (for check_names)."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k not in NOT_PROSE:
                yield from prose_fields(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            if not (isinstance(v, str) and path and path[-1] in ("attendees", "absent", "guests", "owners")):
                yield from prose_fields(v, path + (i,))  # a 'Name, Organisation' shorthand is no prose
    elif isinstance(data, str) and path:
        yield path, data


# ---------------------------------------------------------------- what check reports

AMBIGUOUS_FIX = N_("write the person's full name where the person is meant; where the word is meant, "
                   "reword so that it does not start the sentence")
SHARED_FIX = N_("write the full name of the person meant")


def ambiguities(matcher: Matcher, text: str) -> list[tuple[int, str, str]]:
    """(offset, message, fix) of every place in text where a hidden name cannot be told apart."""
    return [(m.start, m.why, _(SHARED_FIX if m.key in matcher.shared else AMBIGUOUS_FIX))
            for m in matcher.finditer(text) if m.action == "ambiguous"]


def name_in_file_name(matcher: Matcher, path: str) -> str | None:
    """The hidden person whose name a file's name holds (words split by - _ . /), if any."""
    words = re.sub(r"[-_./]+", " ", path.rsplit("/", 1)[-1])
    for m in matcher.finditer(words):
        if m.action != "keep" and not (m.key in COMMON_WORDS and m.action == "ambiguous"):
            return matcher.hidden.get(m.key) or matcher.firsts.get(m.key)
    return None


def registry_values(registry) -> Iterator[tuple[str, str]]:
    """(where, text) of every registry value the site prints unchanged."""
    for org in registry.organisations.values():
        for text in (org.name, org.short, *org.aliases):
            yield _("the organisation '{id}' (organisations.yml)").format(id=org.id), text
    for group in registry.groups.values():
        for text in (group.name, group.short, group.description):
            yield _("the group '{id}' (groups.yml)").format(id=group.id), text
    for topic in registry.topics.values():
        for text in (topic.name, topic.description):
            yield _("the topic '{id}' (topics.yml)").format(id=topic.id), text
    for abbr, text in registry.abbreviations.items():
        yield _("the abbreviation '{abbr}' (abbreviations.yml)").format(abbr=abbr), f"{abbr} {text}"


def registry_clashes(matcher: Matcher, registry) -> dict[str, str]:
    """Hidden name (as written) -> a message, for hidden names that registry values contain."""
    found: dict[str, str] = {}
    for where, text in registry_values(registry):
        for m in matcher.finditer(text or ""):
            if m.action == "keep" or (m.key in COMMON_WORDS and m.action != "hide"):
                continue
            person = matcher.hidden.get(m.key) or matcher.firsts[m.key]
            found.setdefault(person, _("the public site hides the name '{person}', but '{word}' is part of {where}, "
                                       "which it shows unchanged").format(person=person, word=text[m.start:m.end], where=where))
    return found


REGISTRY_FIX = N_("reword the registry entry, or let the group show names on the public site "
                  "(public_names in groups.yml)")
