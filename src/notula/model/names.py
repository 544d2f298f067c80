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

import bisect
import re
import unicodedata
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, overload

from notula.i18n import N_, _
from notula.reading import lookalikes

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

# Given names and surnames that are also everyday Swedish words. Such a name is matched only
# where it is written with a capital; a capitalised one that starts a sentence is ambiguous
# (check_names asks for the full name).
COMMON_WORDS = frozenset("""
    alf alma ask axel ben björn bo bror dag dan ek ester glad gull hans hel helge iris ivar karl
    jan klara lilja lina liv lo maj mark mars mats mira per ros rosa rut saga siv sol sten stig tage tea
    tom tor tove vera vide vilja viola will
    ahl al alm asp back bark berg blad blom bock bok borg bro broms brink bäck dahl dal ek fager falk fors
    frost fågel gran gren hag hall hammar hed hjort holm hägg höög kant kló kloo krok kvist lax lind ljung
    lund lööv mo mossa myr ny nord norr nyman rask ring rosen ros rot ruth sand sjö skog sköld sparre
    sten stjärna strand ström sund svan syd söder tall trapp tå udd ulv ved vik vinter väster wall
    ängel ödman öst örn
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
    """Text in matching form (NFC, casefolded, ignorable characters removed, letters that look
    Latin made Latin: notula.reading.lookalikes) and, for each of its characters, the index in
    text where the character it came from starts (None: the same index). The end of a match at
    folded[j - 1] is the start of folded[j] in text."""
    if not _SLOW.search(text) and unicodedata.is_normalized("NFC", text):
        folded = text.casefold()
        if lookalikes.has_lookalike(text):
            folded = lookalikes.latin(lookalikes.latin(text).casefold())
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
        cluster = unicodedata.normalize("NFC", IGNORABLE.sub("", text[i:j]))
        piece = unicodedata.normalize("NFC", lookalikes.latin(lookalikes.latin(cluster).casefold()))
        out.append(piece)
        starts += [i] * len(piece)
        i = j
    starts.append(n)
    return "".join(out), starts


def key(name: str) -> str:
    """A name's folded form, whitespace collapsed: two spellings of one name have one key."""
    return " ".join(fold(name)[0].split())


@lru_cache(maxsize=100_000)
def bare(text: str) -> str:
    """Folded text without diacritics: how a name is compared when written without them."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _pattern(keys: Iterable[str]) -> str:
    """A regular expression for the names, each as written and without its diacritics
    ("sundstrom"), a space matching any whitespace. Written as a tree of shared beginnings, so
    that the engine tries a letter once for all names that share it (thousands of alternatives
    side by side would each be tried at every word); the longer name wins."""
    trie: dict = {}
    for form in {form for k in keys for form in (k, bare(k))}:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(trie)


def _branches(node: dict) -> str:
    alternatives = [(r"\s+" if char == " " else re.escape(char)) + _branches(child)
                    for char, child in sorted(node.items()) if char]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{body})?" if "" in node else body


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
    address: bool = False  # the span is a whole e-mail or web address that holds the name


# An e-mail or web address, a file's path or anything else a name can hide inside without
# spaces: a run of characters with @, /, _, % or a dot between letters in it.
_ANCHOR = re.compile(r"[@/_%]|(?<=\w)\.(?=\w)")
_TAIL = re.compile(r"""[^\s<>()\[\]{}"'`,;|*]*""")
_BOUNDARY = frozenset("""<>()[]{}"'`,;|*""")


def address_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every address-like run of text (see above), without a sentence's last stop."""
    spans: list[tuple[int, int]] = []
    reach = -1
    for m in _ANCHOR.finditer(text):
        if m.start() < reach:
            continue
        start = m.start()
        while start > 0 and not (text[start - 1].isspace() or text[start - 1] in _BOUNDARY):
            start -= 1
        reach = end = _TAIL.match(text, m.start()).end()  # type: ignore[union-attr]
        while end > start and text[end - 1] in ".:!?":
            end -= 1
        spans.append((start, end))
    return spans
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_LETTERS = re.compile(r"[^\W\d_]+")
# How Swedish letters are often written where only ASCII is allowed (e-mail addresses).
_TRANSLITERATED = str.maketrans({"å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "æ": "ae", "ø": "oe"})


def address_words(text: str) -> list[str]:
    """The words of an address as a reader reads them: %-escapes decoded, split on dots,
    underscores, hyphens and the like, folded, without diacritics."""
    if "%" in text:
        text = _PERCENT.sub(lambda m: urllib.parse.unquote(m.group()), text)
    return [bare(w) for w in _LETTERS.findall(fold(text)[0])]


def _spellings(word: str) -> set[str]:
    """A name's word as an address may spell it: 'sundström' -> {'sundstrom', 'sundstroem'}."""
    return {bare(word), bare(word.translate(_TRANSLITERATED))}


@dataclass
class _AddressForms:
    """A matcher's names as an address may spell them (made on first use)."""

    shown: list[list[set[str]]] = field(default_factory=list)
    hidden: list[tuple[str, list[set[str]], list[set[str]], set[str]]] = field(default_factory=list)
    alone: list[tuple[str, set[str], bool]] = field(default_factory=list)  # (key, spellings, also inside a word)


@dataclass
class Matcher:
    """The names of one group: hidden full names, their first names and surnames, and shown full
    names (which keep a shared first name or surname inside them from being hidden)."""

    hidden: dict[str, str]  # key -> a spelling as written
    shown: dict[str, str]
    firsts: dict[str, str] = field(default_factory=dict)  # hidden first name key -> hidden full name
    lasts: dict[str, str] = field(default_factory=dict)  # hidden surname key -> hidden full name
    shared: dict[str, str] = field(default_factory=dict)  # hidden first name or surname key -> shown full name
    regex: re.Pattern | None = None
    _bare: dict[str, str] = field(default_factory=dict)  # key without diacritics -> key
    _forms: _AddressForms | None = None
    _initials: dict[str, set[str]] = field(default_factory=dict)  # hidden surname key -> first initials

    def __post_init__(self) -> None:
        shown_words = {}
        for k, name in self.shown.items():
            if len(k.split()) > 1:
                for word in (k.split()[-1], k.split()[0]):
                    shown_words[word] = name
        for k, name in self.hidden.items():
            parts = k.split()
            if len(parts) < 2:
                continue
            for word, own in ((parts[0], self.firsts), (parts[-1], self.lasts)):
                if word not in self.hidden and word[:1].isalpha() and word[-1:].isalpha():  # a name's word, not '&amp;'
                    own.setdefault(word, name)
                    if word in shown_words:
                        self.shared[word] = shown_words[word]
        keys = [*self.hidden, *self.firsts, *self.lasts, *(k for k in self.shown if k not in self.hidden)]
        for k in sorted(keys, key=lambda k: (k not in self.hidden, k not in self.shown, k)):
            self._bare.setdefault(bare(k), k)  # a hidden name wins over a shown one spelled alike
        for k in self.hidden:
            if len(k.split()) > 1:
                self._initials.setdefault(k.split()[-1], set()).add(bare(k)[0])
        if self.hidden:
            self.regex = re.compile(rf"(?<!\w)(?P<name>(?P<initial>\w\.\s*(?:\w\.\s*)*)?(?P<core>{_pattern(keys)}))"
                                    rf"{_POSSESSIVE}(?!\w)")

    def person(self, k: str) -> str:
        """The hidden person a key (full name, first name or surname) stands for."""
        return self.hidden.get(k) or self.firsts.get(k) or self.lasts[k]

    def finditer(self, text: str) -> Iterator[Match]:
        """Every name in text, in order; a name inside an address is the whole address."""
        if self.regex is None or not text:
            return
        spans = address_spans(text)
        addresses = [m for m in (self._address(text, *span) for span in spans) if m is not None]
        folded, starts = fold(text)
        at = (lambda i: i) if starts is None else starts.__getitem__
        found = list(addresses)
        pos: int | None = 0
        while pos is not None:
            matches, pos = self.regex.finditer(folded, pos), None
            for m in matches:
                start, end = at(m.start()), at(m.end("name"))
                inside = next((b for a, b in spans if a <= start < b), None) if spans else None
                if inside is not None:  # an address is judged as a whole: go on after it
                    after = inside if starts is None else bisect.bisect_left(starts, inside)
                    if m.end() > after:
                        pos = max(m.start() + 1, after)  # the match reached past the address: search again from there
                        break
                    continue
                k = self._bare[bare(" ".join(m.group("core").split()))]
                initial = m.group("initial")
                if initial and bare(initial[0]) in self._initials.get(k, ()):  # "E. Sundström"
                    action, why = ("ambiguous", self._shared_why(k, text[start:end])) if k in self.shared else ("hide", "")
                else:
                    start = at(m.start("core"))  # the name alone: what stood before it is no initial of it
                    action, why = self._judge(k, text, start, end)
                found.append(Match(start, end, bool(m.group("s")), k, action, why))
        yield from sorted(found, key=lambda match: match.start) if addresses else found

    def _judge(self, k: str, text: str, start: int, end: int) -> tuple[str, str]:
        if k in self.shown and k not in self.hidden:
            return "keep", ""
        if k in self.shared:
            return "ambiguous", self._shared_why(k, text[start:end])
        if k in COMMON_WORDS:
            if not text[start].isupper():
                return "keep", ""  # the word, not the name
            if _starts_sentence(text, start):
                what = (_("the surname of {hidden}") if k in self.lasts and k not in self.firsts and k not in self.hidden
                        else _("the first name of {hidden}")).format(hidden=self.person(k))
                return "ambiguous", _("'{word}' starts a sentence and is also {what}, whose name the public site "
                                      "hides").format(word=text[start:end], what=what)
        return "hide", ""

    def _shared_why(self, k: str, word: str) -> str:
        return _("'{word}' may be {shown}, whose name is shown, or {hidden}, whose name the public site "
                 "hides").format(word=word, shown=self.shared[k], hidden=self.person(k))

    def _address(self, text: str, start: int, end: int) -> Match | None:
        """The address text[start:end] as a match, if it holds a hidden name (in any spelling an
        address takes). A first name shared with a shown person is ambiguous: hidden, and reported."""
        found = self.in_address(text[start:end])
        if found is None:
            return None
        k, action = found
        why = self._shared_why(k, text[start:end]) if action == "ambiguous" else ""
        return Match(start, end, False, k, action, why, address=True)

    def in_address(self, text: str) -> tuple[str, str] | None:
        """(key, hide or ambiguous) of the hidden person whose name an address holds, if any."""
        words = address_words(text)
        if not words:
            return None
        forms = self._address_forms()
        covered: set[int] = set()
        for name in forms.shown:
            covered |= _run(words, name)
        free = [w if i not in covered else "" for i, w in enumerate(words)]
        present = set(free)
        for k, name, initialled, joined in forms.hidden:
            if present.isdisjoint(name[-1]) and present.isdisjoint(joined):
                continue
            if _run(free, name) or (initialled and _run(free, initialled)) or not present.isdisjoint(joined):
                return k, "hide"  # "erik.sundstrom", "e.sundstrom", "eriksundstrom", "esundstrom"
        for k, spellings, inside in forms.alone:
            if not present.isdisjoint(spellings) or (inside and any(s in w for w in present for s in spellings)):
                return k, "ambiguous" if k in self.shared else "hide"
        return None

    def _address_forms(self) -> _AddressForms:
        if self._forms is None:
            forms = _AddressForms()
            forms.shown = [[_spellings(w) for w in k.split()] for k in self.shown if k not in self.hidden]
            for k in self.hidden:
                parts = k.split()
                name = [_spellings(w) for w in parts]
                initialled = [{bare(parts[0])[0], *name[0]}, name[-1]] if len(parts) > 1 else []
                joined = {f + s for f in name[0] | {bare(parts[0])[0]} for s in name[-1]} if len(parts) > 1 else set()
                forms.hidden.append((k, name, initialled, joined))
            # in an address a word cannot be told from the name by its capital: words are left out
            forms.alone = [(k, _spellings(k), k in self.lasts and len(k) >= 5)
                           for k in (*self.lasts, *self.firsts) if k not in COMMON_WORDS]
            self._forms = forms
        return self._forms

    def redact(self, text: str) -> str:
        """text with every hidden name (ambiguous ones too: fail closed) replaced by NN, and every
        address that holds one replaced by NN as a whole."""
        if self.regex is None or not text:
            return text
        parts, last = [], 0
        for match in self.finditer(text):
            if match.action == "keep":
                continue
            parts += [text[last:match.start], ANONYMOUS + (":s" if match.possessive else "")]
            last = _after_possessive(text, match.end) if match.possessive else match.end
        return "".join(parts) + text[last:] if parts else text


def _run(words: list[str], name: list[set[str]]) -> set[int]:
    """The indexes of words where the name's words stand in a row."""
    found: set[int] = set()
    for i in range(len(words) - len(name) + 1):
        if all(words[i + j] in spellings for j, spellings in enumerate(name)):
            found |= set(range(i, i + len(name)))
    return found


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
    found = set(_CAPITALISED.findall(text))
    if lookalikes.has_lookalike(text):
        return frozenset(lookalikes.latin(lookalikes.latin(w).casefold()) for w in found)
    return frozenset(w.casefold() for w in found)


def addresses(texts: Iterable[str]) -> tuple[str, ...]:
    """The address-like runs of texts (what check_names must look at for names inside them)."""
    return tuple(text[a:b] for text in texts for a, b in address_spans(text))


def risky_words(matcher: Matcher) -> set[str]:
    """The first names and surnames that check_names must look for: shared with a shown person, or words."""
    return set(matcher.shared) | (COMMON_WORDS & (set(matcher.firsts) | set(matcher.lasts) | set(matcher.hidden)))


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


ADDRESS_FIX = N_("remove the address, or use one that holds the person's full name")


def ambiguities(matcher: Matcher, text: str) -> list[tuple[int, str, str]]:
    """(offset, message, fix) of every place in text where a hidden name cannot be told apart (an
    address that holds one is hidden as a whole; one that may hold a shown person's name is asked about)."""
    found = []
    for m in matcher.finditer(text):
        if m.action == "ambiguous":
            fix = ADDRESS_FIX if m.address else SHARED_FIX if m.key in matcher.shared else AMBIGUOUS_FIX
            found.append((m.start, m.why, _(fix)))
    return found


def ambiguous_address(matcher: Matcher, address: str) -> bool:
    """Whether an address holds a name that may be a hidden person's or a shown one's."""
    found = matcher.in_address(address)
    return found is not None and found[1] == "ambiguous"


def name_in_file_name(matcher: Matcher, path: str) -> str | None:
    """The hidden person whose name a file's name holds (words split by - _ . /), if any."""
    words = re.sub(r"[-_./]+", " ", path.rsplit("/", 1)[-1])
    for m in matcher.finditer(words):
        if m.action != "keep" and not (m.key in COMMON_WORDS and m.action == "ambiguous"):
            return matcher.person(m.key)
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
            person = matcher.person(m.key)
            found.setdefault(person, _("the public site hides the name '{person}', but '{word}' is part of {where}, "
                                       "which it shows unchanged").format(person=person, word=text[m.start:m.end], where=where))
    return found


REGISTRY_FIX = N_("reword the registry entry, or let the group show names on the public site "
                  "(public_names in groups.yml)")
