"""Lines that name people: 'Name, Organisation', 'Name, Org, Unit', 'Org: Name, Name',
'Projekt X (Org): Name', 'Name och Name', with '(via länk)', '(pkt 5)' and '(ordförande)' notes."""

from __future__ import annotations

import re

from notula.importing.facts import PersonFact
from notula.importing.organisations import OrgMatcher
from notula.importing.swedish import item_refs, remote_note, role_note

_PARTICLES = {"von", "van", "af", "de", "der", "den", "la", "le", "el", "al", "bin", "ibn", "da", "di", "du"}
_NAME_WORD = re.compile(r"^[A-ZÅÄÖÆØÉÈÜÁÍÓÚÇŠŽČĆ][\w'’.\-]*$")


def name_like(text: str, matcher: OrgMatcher, min_words: int = 2) -> bool:
    """Whether text reads as a person's name: capitalised words, not an organisation."""
    words = text.split()
    if not min_words <= len(words) <= 5 or matcher.match(text):
        return False
    capitalised = [w for w in words if _NAME_WORD.match(w)]
    return len(capitalised) >= min(min_words, 2) and all(_NAME_WORD.match(w) or w.lower() in _PARTICLES for w in words) \
        and not any(ch.isdigit() for ch in text)


def _split_names(text: str) -> list[str]:
    return [p.strip() for p in re.split(r",|\s+och\s+|\s+&\s+", text) if p.strip()]


def _notes(person: PersonFact, text: str) -> str:
    """Take the '(via länk)', '(pkt 5)' and '(ordförande)' notes of text into person; the rest of text."""
    remote, text = remote_note(text)
    items, text = item_refs(text)
    role, text = role_note(text)
    person.remote = person.remote or remote
    person.items += [item for item in items if item not in person.items]
    person.role = person.role or role
    return text.strip(" .,;:")


def _unread(person: PersonFact, text: str) -> str:
    """Keep a note in brackets that is not read ('(från pkt 3)') as unread; the text without it."""
    for note in re.findall(r"\([^()]*\)", text):
        person.unread.append(note)
        text = text.replace(note, " ")
    return re.sub(r"\s+", " ", text).strip(" .,;:")


def _person(name: str, matcher: OrgMatcher, org_text: str | None, affiliation: str | None = None,
            min_words: int = 2) -> PersonFact | None:
    person = PersonFact("", affiliation=affiliation)
    name = _notes(person, name)
    if not name_like(name, matcher, min_words):
        return None
    person.name = name
    person.org = matcher.read(org_text) if org_text else None
    return person


def _joined(text: str, matcher: OrgMatcher) -> list[PersonFact] | None:
    """'Anna Berg och Lars Ek': two people (None unless every part is a name)."""
    parts = [p for p in re.split(r"\s+(?:och|&)\s+", text) if p.strip()]
    if len(parts) < 2:
        return None
    return _every([_person(part, matcher, None) for part in parts])


def parse_people(text: str, matcher: OrgMatcher) -> list[PersonFact] | None:
    """The people a line names, or None when it is not a line of people."""
    text = text.strip().strip(";,.").strip()
    if not text or re.search(r"[!?]|\s[a-zåäö]+\s+[a-zåäö]+\s+[a-zåäö]+\s", f" {_without_notes(text)} "):
        return None  # running text, not a list of names
    for name in matcher.known_names():
        # 'Anna Berg Länsstyrelsen: Lisa Ek' lacks a ';' before the next organisation
        text = re.sub(rf"(?<=[^\s;:(])\s+({re.escape(name)})\s*:", r"; \1:", text)
    # 'Anna Berg, Halmstad och Bo Ek, Varberg', '… och Bo Ek (Varberg)': 'och' before a 'Name Name,' starts another person
    text = re.sub(r"\s+(?:och|&)\s+(?=[A-ZÅÄÖ][\w'-]+(?:\s+[A-ZÅÄÖ][\w'-]+)+\s*[,(])", "; ", text)
    people: list[PersonFact] = []
    for segment in (s.strip() for s in text.split(";")):
        if not segment:
            continue
        found = _segment(segment, matcher)
        if found is None:
            return None
        people += found
    return people or None


def _without_notes(text: str) -> str:
    return re.sub(r"\([^)]*\)", "", text)


def _segment(segment: str, matcher: OrgMatcher) -> list[PersonFact] | None:
    if ":" in _without_notes(segment):
        # 'Org: Name, Name' or 'Projekt X: (Org): Name' or 'Projekt X (Org): Name'
        head, _, names = _rpartition_outside_parens(segment, ":")
        head = head.strip(" :")
        paren = re.search(r"\(([^)]*)\)", head)
        if paren and not _is_note(paren.group(1)):
            org_text = paren.group(1).strip()
            affiliation = (head[: paren.start()] + head[paren.end():]).strip(" :,") or None
        else:
            org_text, affiliation = head, None
        named = [_person(n, matcher, org_text, affiliation, min_words=1) for n in _split_names(names)]
        return _every(named) if named else None
    parts = [p.strip() for p in _split_outside_parens(segment, ",") if p.strip()]
    matches = [_NAME_PAREN.match(p) for p in parts]
    if all(m and not _is_note(m.group(2)) for m in matches):
        # 'Anna Berg (Halmstad), Bo Ek (Varberg)'
        return _every([_person(f"{m.group(1)} {m.group(3) or ''}", matcher, m.group(2)) for m in matches if m])
    people: list[PersonFact] = []
    i = 0
    while i < len(parts):
        person = _person(parts[i], matcher, None)
        together = [person] if person is not None else _joined(parts[i], matcher)
        if together is None:
            return None
        i += 1
        if i < len(parts):
            org = matcher.read(_unread(together[-1], _notes(together[-1], parts[i])))
            i += 1
            units = []
            while i < len(parts) and not name_like(_without_notes(parts[i]).strip(), matcher) \
                    and not matcher.match(_without_notes(parts[i])):
                units.append(_unread(together[-1], _notes(together[-1], parts[i])))
                i += 1
            for one in together:  # 'Anna Berg och Lars Ek, Halmstad': both of Halmstad
                one.org = org
                one.unit = ", ".join(u for u in units if u) or None
        people += together
    return people


def _every(found: list[PersonFact | None]) -> list[PersonFact] | None:
    """The people, or None if one of them could not be read (the line is then not a list of people)."""
    people = [p for p in found if p is not None]
    return people if len(people) == len(found) else None


_NAME_PAREN = re.compile(r"^(.+?)\s*\(([^()]+)\)(\s*\(.*\))?$")


def _is_note(text: str) -> bool:
    return remote_note(f"({text})")[0] or bool(item_refs(f"({text})")[0]) or role_note(f"({text})")[0] is not None


def _split_outside_parens(text: str, sep: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == sep and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return parts + [current]


def _rpartition_outside_parens(text: str, sep: str) -> tuple[str, str, str]:
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        char = text[index]
        if char == ")":
            depth += 1
        elif char == "(":
            depth -= 1
        elif char == sep and depth == 0:
            return text[:index], sep, text[index + 1:]
    return "", "", text
