"""The leak audit: after a public build, prove that nothing hidden reached any output file.

Notula knows what a public build must leave out: documents that are members-only, drafts or
not yet released; the members-only sections of published documents; the names a group's
policy hides. `secrets()` turns each into probes, `scan()` reads every file the build wrote
(gzip files decompressed, attachments also read as their programs show them, HTML entities
and JSON escapes decoded, diacritics and format characters folded away) and reports each probe it finds. A bug elsewhere then fails the
build instead of publishing.

Probes, and their limits:

- **words**: the words of a hidden passage (6 letters or more) that occur in no public
  source: not in a published document, a registry, a hand-written page, a copied static
  file, nor in anything Notula writes itself. A passage made only of words that are also
  public (say "Mötet beslutade att godkänna") has no such word and cannot be told apart.
- **names**: every name the policy hides, as a whole name, and its surname alone where that
  is distinctive (6 letters or more, in no public text nor shown name, not a word); in any
  spelling a reader would recognise: %-encoded (as in a web address), split by dots or hyphens
  (an e-mail address), with letters of another script that look Latin. Where a group hides a
  name that another group shows, it is looked for only in the hiding group's own pages. First
  names alone are not probed: they are too common to tell apart.
- **personal identity numbers**: no output holds a personnummer or samordningsnummer.
- **addresses**: no page or link of the build leads to a hidden document's address, however
  the link is spelled (relative or absolute, %-encoded, entity- or JSON-escaped).
- **files**: no output file has the bytes of a hidden document's attachment.

A line that stands on many pages of a folder (the theme's header and navigation) is read once,
in the first page that holds it, as long as it held nothing that is part of any evidence; a
line that did is read again in every file, so that evidence split between it and another line
is combined.
"""

from __future__ import annotations

import hashlib
import html
import multiprocessing as mp
import os
import posixpath
import re
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from notula.errors import NotulaError
from notula.i18n import _, ngettext
from notula.model.corpus import Corpus, Meeting
from notula.model.names import COMMON_WORDS, people
from notula.reading import filetext, lookalikes, personnummer
from notula.reading.filetext import Text, clean, decompressed, fold_word, name_words, text_of, words

MIN_WORD = 6  # letters: shorter words are too common to be evidence
MAX_REPORTED = 20  # leaks listed in the message; the count says how many more



@dataclass
class Secret:
    """Something the public build must not contain, and where it comes from."""

    kind: str  # "document", "section", "name", "surname", "number"
    source: str  # file (and line) that holds it
    label: str  # what to call it in the report
    words: frozenset[str] = frozenset()
    name: str | None = None
    scope: str | None = None  # for names: only files below this folder of the site
    address: str | None = None  # for documents: the page address (site-relative, trailing slash)
    files: frozenset[str] = frozenset()  # sha256 of attachments only this secret has


@dataclass(frozen=True)
class Leak:
    """A secret found in an output file."""

    secret: Secret
    file: str
    evidence: str

    def __str__(self) -> str:
        return f"{self.file}: {self.secret.label} ({self.secret.source}): {self.evidence}"


class LeakFound(NotulaError):
    """The public build holds something hidden. Carries the leaks found."""

    def __init__(self, leaks: list[Leak]):
        self.leaks = leaks
        shown = "\n".join(f"  {leak}" for leak in leaks[:MAX_REPORTED])
        more = "\n  " + _("… and {count} more").format(count=len(leaks) - MAX_REPORTED) if len(leaks) > MAX_REPORTED else ""
        files = len({leak.file for leak in leaks})
        super().__init__(
            ngettext("the leak audit found hidden material in {count} file of the public site:",
                     "the leak audit found hidden material in {count} files of the public site:", files).format(count=files)
            + f"\n{shown}{more}\n"
            + _("The public site was not published. This is a bug in Notula or in the site's own hooks or templates: "
                "please report it with this message."))


# ---------------------------------------------------------------- what is hidden


def texts(value: object) -> Iterator[str]:
    """Every string in a model, list, mapping or plain value."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="python")
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from texts(item)


def _document_text(meeting: Meeting) -> Iterator[str]:
    yield from texts(meeting.doc)
    for segment in meeting.segments:
        yield segment.text


def public_words(visible: Corpus, public_texts: Iterable[str], prose: set[str] | None = None) -> set[str]:
    """The words of everything the public build may legitimately show. prose, if given, gets the
    same words less those that stand only in the names of people."""
    vocabulary: set[str] = set()
    named: set[str] = set()
    for meeting in visible.meetings:
        for text, is_name in _named_texts(meeting.doc):
            (named if is_name else vocabulary).update(words(text))
        for segment in meeting.segments:
            if not segment.members_only:
                vocabulary |= words(segment.text)
    registry = visible.registry
    for value in (registry.organisations, registry.groups, registry.topics, registry.abbreviations):
        for text in texts(value):
            vocabulary |= words(text)
    for text in public_texts:
        vocabulary |= words(text)
    if prose is not None:
        prose |= vocabulary
    return vocabulary | named


def _named_texts(value: object, is_name: bool = False) -> Iterator[tuple[str, bool]]:
    """(text, whether it is a person's name) for every string in a model, as texts() walks it."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="python")
    if isinstance(value, str):
        yield value, is_name
    elif isinstance(value, dict):
        for k, item in value.items():
            yield from _named_texts(item, k == "name" and isinstance(item, str))
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _named_texts(item, is_name)


def published_texts(paths: Iterable[Path]) -> Iterator[str]:
    """The text of the attachments a build publishes, as their programs show it: a public source
    (pass them among public_texts to secrets), so a word in them is no evidence of a leak."""
    for path in paths:
        yield filetext.read_file(path).text


def _distinctive(text_parts: Iterable[str], public: set[str]) -> frozenset[str]:
    found: set[str] = set()
    for text in text_parts:
        found |= words(text)
    return frozenset(w for w in found if len(w) >= MIN_WORD and w not in public)


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _attachment_hashes(meetings: Iterable[Meeting]) -> dict[str, str]:
    """sha256 -> the attachment's path, for every file attachment of the meetings."""
    found = {}
    for meeting in meetings:
        for attachment in meeting.doc.attachments:
            file = attachment.file  # None for one given by url: nothing is copied
            if file:
                digest = _sha256(meeting.path.parent / file)
                if digest:
                    found[digest] = file
    return found


def secrets(whole: Corpus, visible: Corpus, hidden_names: dict[str, set[str]],
            public_texts: Iterable[str] = ()) -> list[Secret]:
    """Everything the public build of `visible` (out of `whole`) must not show.

    hidden_names: group id -> the names its policy hides in this build.
    public_texts: the other public sources (hand-written pages, copied static files, the
    text Notula writes itself) whose words are not evidence of a leak."""
    prose: set[str] = set()
    public = public_words(visible, public_texts, prose)
    shown_ids = {m.id for m in visible.meetings}
    public_files = set(_attachment_hashes(visible.meetings))
    found: list[Secret] = []
    for meeting in whole.meetings:
        if meeting.id in shown_ids:
            for segment in meeting.segments:
                if segment.members_only:
                    found.append(Secret("section", f"{meeting.display}:{segment.line}",
                                        _("members-only section"), _distinctive([segment.text], public)))
            continue
        own_files = frozenset(set(_attachment_hashes([meeting])) - public_files)
        found.append(Secret("document", meeting.display, _("hidden document {id}").format(id=meeting.id),
                            _distinctive(_document_text(meeting), public),
                            address=meeting.url, files=own_files))
    shown_names = _shown_names(visible, hidden_names)
    showing: dict[str, set[str]] = defaultdict(set)  # a word of a shown name -> the groups that show it
    for shown_group, shown in shown_names:
        for word in shown:
            showing[word].add(shown_group)
    common = {fold_word(word) for word in COMMON_WORDS}
    for group, names in sorted(hidden_names.items()):
        for name in sorted(names):
            parts = name_words(name)
            if not parts:
                continue
            scope = f"{group}/" if any(parts == shown for _, shown in shown_names) else None
            source = f"{whole.registry.folder}/{group}"
            found.append(Secret("name", source, _("hidden name '{name}'").format(name=name), name=name, scope=scope))
            surname = parts[-1]
            if len(parts) > 1 and len(surname) >= MIN_WORD and surname not in common and surname not in prose:
                if group in showing[surname]:
                    continue  # a person the same group shows has the surname (or it as a first name)
                scope = f"{group}/" if showing[surname] else None  # shown in another group: this group's pages only
                found.append(Secret("surname", source, _("the surname of the hidden name '{name}'").format(name=name),
                                    name=surname, scope=scope))
    found.append(Secret("number", whole.registry.folder, _("personal identity number")))
    return found


def _shown_names(visible: Corpus, hidden_names: dict[str, set[str]]) -> set[tuple[str, tuple[str, ...]]]:
    """(group, the name as name_words) of people the public build may name."""
    shown = set()
    for meeting in visible.meetings:
        hidden = {name_words(n) for n in hidden_names.get(meeting.doc.group, ())}
        shown |= {(meeting.doc.group, words) for words in {name_words(name) for _, name in people(meeting)} - hidden}
    return shown


STRONG_WORD = 10  # letters: one such word of a hidden passage is evidence on its own; shorter ones count from two


@dataclass
class Probes:
    """The secrets indexed for a fast scan: a set lookup per file, then checks on candidates."""

    by_word: dict[str, list[Secret]] = field(default_factory=lambda: defaultdict(list))
    names: list[tuple[Secret, tuple[str, ...]]] = field(default_factory=list)  # (secret, the name's words)
    by_last: dict[str, list[tuple[Secret, tuple[str, ...]]]] = field(default_factory=lambda: defaultdict(list))
    surnames: dict[str, list[Secret]] = field(default_factory=lambda: defaultdict(list))  # the word, and "…s"
    number: Secret | None = None  # personal identity numbers
    relevant: set[str] | None = None  # made on first use (_relevant)
    addresses: dict[str, Secret] = field(default_factory=dict)
    files: dict[str, Secret] = field(default_factory=dict)
    public_files: frozenset[str] = frozenset()  # sha256 of files copied from public sources: not read
    base: str = "/"  # the path of the site's address
    absolute: re.Pattern | None = None  # the site's own absolute addresses; group 1: the path
    seen: dict[str, set[str]] = field(default_factory=dict)  # top folder -> lines read that held no evidence
    last_segments: set[str] = field(default_factory=set)  # of the addresses

    @classmethod
    def of(cls, found: list[Secret], site_url: str = "", public_files: Iterable[str] = ()) -> Probes:
        probes = cls(public_files=frozenset(public_files), base=urlpath(site_url))
        host = re.match(r"^[a-z][a-z0-9+.-]*://[^/]+", site_url.strip(), re.IGNORECASE)
        if host:
            hostname = host.group(0).split("://", 1)[1]
            probes.absolute = re.compile(r"//(?i:" + re.escape(hostname) + r")(/[^\s\"'<>#?]*)")  # any scheme, any case
        for secret in found:
            for word in secret.words:
                probes.by_word[word].append(secret)
            if secret.kind == "number":
                probes.number = secret
            elif secret.kind == "surname" and secret.name:
                for word in (secret.name, secret.name + "s"):
                    probes.surnames[word].append(secret)
            elif secret.name:
                probes.names.append((secret, name_words(secret.name)))
                for last in (probes.names[-1][1][-1], probes.names[-1][1][-1] + "s"):  # a name is looked for
                    probes.by_last[last].append(probes.names[-1])  # only in a text that has its last word
            if secret.address:
                probes.addresses[secret.address] = secret
                probes.last_segments.add(_last_segment(secret.address))
            for digest in secret.files:
                probes.files[digest] = secret
        return probes

    def scan_file(self, rel: str, data: bytes) -> list[Leak]:
        """The leaks in one output file (rel: its path in the site)."""
        digest = hashlib.sha256(data).hexdigest()
        if digest in self.public_files:
            return []
        leaks = []
        inner = decompressed(data)
        for blob_digest in {digest, hashlib.sha256(inner).hexdigest()}:
            if blob_digest in self.files:
                leaks.append(Leak(self.files[blob_digest], rel, _("a copy of its attachment")))
        read = text_of(inner)
        if filetext.has_reader(rel):  # an attachment: also as its program shows it (split runs, a PDF's fonts, UTF-16)
            read += "\n" + filetext.file_text(rel, data).text
        clean_lines, fresh, raw = self._unseen(rel, read)
        raw = _decoded(raw)
        text = Text(raw + "\n" + rel)
        odd = [t for t in text.tokens if not t.isascii() and not _LOOKALIKES.isdisjoint(t)]
        if odd and not self._relevant().isdisjoint(_LOOKALIKES.latin(t) for t in odd):
            text = Text(lookalikes.latin(raw) + "\n" + rel)  # rare: read again with look-alike letters made Latin
        surnames = [Leak(secret, rel, _("the surname")) for word in text.tokens & self.surnames.keys()
                    for secret in self.surnames[word] if secret.scope is None or rel.startswith(secret.scope)]
        evidence = bool(surnames or text.tokens & self.by_word.keys())  # a word of a passage may be one of two
        leaks += self._words(rel, text.tokens) + surnames
        candidates = {id(pair): pair for word in text.tokens & self.by_last.keys() for pair in self.by_last[word]}
        leaks += [Leak(secret, rel, _("the name")) for secret, name in candidates.values()
                  if (secret.scope is None or rel.startswith(secret.scope)) and text.names(name)]
        if self.number is not None:
            numbers = [number for _start, _end, number in personnummer.find(raw)]
            evidence = evidence or bool(numbers)
            leaks += [Leak(self.number, rel, _("the number {number}").format(number=_masked(n))) for n in numbers]
        if self.addresses:
            links = self._links(rel, raw)
            evidence = evidence or bool(links)
            leaks += links
        if not evidence:
            clean_lines.update(fresh)  # none of them holds anything that could add up to evidence
        return leaks

    def _relevant(self) -> set[str]:
        """Every word a probe is made of: a word with look-alike letters matters only if it is one."""
        if self.relevant is None:
            self.relevant = {*self.by_word, *self.surnames, *(w for _, name in self.names for w in (*name, name[-1] + "s"))}
        return self.relevant

    def _unseen(self, rel: str, text: str) -> tuple[set[str], list[str], str]:
        """The lines of text not yet read in another file of the same top folder (or read, but part
        of some evidence there), each with the line before and after it (a name may be broken
        over two lines). Most of a page is the theme's frame (header, navigation, footer), the
        same on every page: it is read once. (Per top folder, so that a name searched for only
        in one group's pages is still found.) Returns the folder's set of lines read without
        evidence, the lines read now, and the text to read."""
        folder = rel.split("/", 1)[0]
        seen = self.seen.setdefault(folder, set())
        lines = text.split("\n")
        fresh = [i for i, line in enumerate(lines) if line not in seen]
        if len(fresh) == len(lines):
            return seen, lines, text
        parts: list[str] = []
        before = -2
        for i in fresh:
            if i != before + 1:  # a new run of fresh lines
                if parts:
                    parts += [_head(lines[before + 1]), _BREAK]  # lines apart are not read as one text
                if i > 0:
                    parts.append(_tail(lines[i - 1]))
            parts.append(lines[i])
            before = i
        if before + 1 < len(lines):
            parts.append(_head(lines[before + 1]))
        return seen, [lines[i] for i in fresh], "\n".join(parts)

    def _words(self, rel: str, tokens: set[str]) -> list[Leak]:
        matched: dict[int, tuple[Secret, list[str]]] = {}
        for word in tokens & self.by_word.keys():
            for secret in self.by_word[word]:
                matched.setdefault(id(secret), (secret, []))[1].append(word)
        return [Leak(secret, rel, _("the words {words}").format(words=", ".join(f"'{w}'" for w in sorted(found)[:5])))
                for secret, found in matched.values()
                if len(found) >= 2 or any(len(w) >= STRONG_WORD for w in found)]

    def _links(self, rel: str, text: str) -> list[Leak]:
        leaks = []
        page = rel[: -len("index.html")] if rel.endswith("index.html") else None
        if page in self.addresses:
            leaks.append(Leak(self.addresses[page], rel, _("its page")))
        for address in self._addresses(rel, text):
            if address in self.addresses:
                leaks.append(Leak(self.addresses[address], rel, _("a link to {address}").format(address=address)))
        return leaks


    def _addresses(self, rel: str, text: str) -> set[str]:
        """Site-relative addresses (trailing slash, no index.html) of the links in a file to
        pages of the site: relative ones in href and src, and the site's absolute addresses."""
        folder = posixpath.dirname(rel)
        if "&#" in text:
            text = _URL_ENTITY.sub(_unescape_url, text)  # "g&#47;2019-03-01"
        if "\\" in text:
            text = _URL_ESCAPE.sub(_unescape_url, text.replace("\\/", "/"))  # JSON's "g\/2019-03-01", "\u002f"
        targets = [t for pattern in _LINKS for t in pattern.findall(text) if "://" not in t and not t.startswith("//")]
        if self.absolute:
            targets += self.absolute.findall(text)
        found = set()
        for target in targets:
            if _last_segment(target) in self.last_segments:  # most links lead elsewhere: skip the work
                found.add(_site_relative(target if target.startswith("/") else
                                         "/" + posixpath.join(self.base.strip("/"), folder, target), self.base))
        return found


# The attributes that hold a link; "url" is also a JSON key (Pagefind's, the open data's) and
# the address of a refresh.
_LINKS = [re.compile(r"""(?:href|src|HREF|SRC|url|URL)["']?\s*[=:]\s*["']?([^"'\s>#?]*)""")]
# Characters of a path written as a numeric entity or a JSON escape (not quotes, <, > and &).
_URL_ENTITY = re.compile(r"&#(?:[xX][0-9a-fA-F]{2}|\d{2,3});")
_URL_ESCAPE = re.compile(r"\\u00[2-7][0-9a-fA-F]")


def _unescape_url(match: re.Match) -> str:
    escape = match.group()
    char = chr(int(escape[2:], 16)) if escape.startswith("\\u") else html.unescape(escape)
    return escape if len(char) != 1 or char in "\"'<>&" or not 32 < ord(char) < 127 else char


_BREAK = "\u2029notulabreak\u2029"  # a word no name or passage has: nothing reads across it
_EDGE = 30  # characters of the line before and after a fresh line that are read with it


def _tail(line: str) -> str:
    """The last words of a line (whole words: a piece of a word would be a word of its own), if
    it ends in a letter (a line that ends in a tag or a stop does not run on into a name)."""
    if not line.rstrip()[-1:].isalpha():
        return ""
    if len(line) <= _EDGE:
        return line
    cut = line.find(" ", len(line) - _EDGE)
    return line[cut + 1:] if cut >= 0 else ""


def _head(line: str) -> str:
    """The first words of a line, if it starts with a letter."""
    if not line.lstrip()[:1].isalpha():
        return ""
    if len(line) <= _EDGE:
        return line
    cut = line.rfind(" ", 0, _EDGE)
    return line[:cut] if cut >= 0 else ""
# Patterns that start with a literal character: the regular expression engine skips ahead to it.
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2})*")
_WIDE_ENTITY = re.compile(r"&#(?:[xX]0*[3-9a-fA-F][0-9a-fA-F]{2}|[xX]0*[1-9a-fA-F][0-9a-fA-F]{3,}|0*[89]\d\d|0*[1-9]\d{3,});")
_WIDE_ESCAPE = re.compile(r"\\u(?:0[3-9a-fA-F][0-9a-fA-F]{2}|[1-9a-fA-F][0-9a-fA-F]{3})")  # Greek, Cyrillic and beyond


def readable(text: str) -> str:
    """text as the audit reads it: %-escapes decoded (an address as a browser shows it), and
    letters of other scripts that look Latin made Latin (notula.reading.lookalikes)."""
    return lookalikes.latin(_decoded(text))


def _decoded(text: str) -> str:
    if "%" in text:
        text = _PERCENT.sub(lambda m: urllib.parse.unquote(m.group()), text)
    if ("&#" in text and _WIDE_ENTITY.search(text)) or ("\\u" in text and _WIDE_ESCAPE.search(text)):
        text = clean(text)  # a look-alike letter written as an entity or escape
    return text


class _Letters:
    """The look-alike letters as the audit's words hold them (folded: a Cyrillic "В" is "в" there)."""

    table: dict[int, str] | None = None

    def _table(self) -> dict[int, str]:
        if self.table is None:
            table = lookalikes.table()
            self.table = {ord(chr(c).casefold()): v for c, v in table.items() if len(chr(c).casefold()) == 1} | table
        return self.table

    def isdisjoint(self, word: str) -> bool:
        return all(ord(c) not in self._table() for c in word)

    def latin(self, word: str) -> str:
        return word.translate(self._table())


_LOOKALIKES = _Letters()


def _masked(number: str) -> str:
    """A personal identity number as the build's log may show it: without its last four digits."""
    return number[:-4] + "****"


def _last_segment(target: str) -> str:
    """'../g/2019-03-01/index.html' -> '2019-03-01'."""
    target = target[: -len("index.html")] if target.endswith("index.html") else target
    return target.rstrip("/").rsplit("/", 1)[-1]


def _site_relative(path: str, base: str) -> str:
    path = posixpath.normpath(path) + "/"
    if path.endswith("/index.html/"):
        path = path[: -len("index.html/")]
    return path[len(base):] if path.startswith(base) else ""


def urlpath(site_url: str) -> str:
    """The path of the site's address, with a trailing slash ('/' for a site at a host's root)."""
    match = re.match(r"^[a-z][a-z0-9+.-]*://[^/]+(/.*)?$", site_url.strip(), re.IGNORECASE)
    path = (match.group(1) if match else None) or "/"
    return path if path.endswith("/") else path + "/"


PARALLEL_FROM = 2_000  # files: below this, worker processes cost more than they save
_WORKER: Probes | None = None  # the probes, in a forked worker


def _scan_paths(site_dir: Path, rels: list[str]) -> list[Leak]:
    assert _WORKER is not None
    return [leak for rel in rels for leak in _WORKER.scan_file(rel, (site_dir / rel).read_bytes())]


def site_files(site_dir: Path) -> list[str]:
    """Every file below site_dir, by its path relative to it."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())


def scan(site_dir: Path, probes: Probes, rels: list[str] | None = None) -> list[Leak]:
    """Every file below site_dir (or those of rels) searched for every secret; on large sites,
    by one forked worker per core."""
    global _WORKER
    rels = site_files(site_dir) if rels is None else rels
    _WORKER = probes
    try:
        workers = min(os.cpu_count() or 1, 8)
        if len(rels) < PARALLEL_FROM or workers < 2 or "fork" not in mp.get_all_start_methods():
            return _scan_paths(site_dir, rels)
        chunks = [rels[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            return [leak for part in pool.map(_scan_paths, [site_dir] * workers, chunks) for leak in part]
    finally:
        _WORKER = None


@dataclass(frozen=True)
class Report:
    """What a passed audit looked for, and in how much."""

    secrets: int
    probes: int
    files: int
    size: int  # bytes
    seconds: float

    def __str__(self) -> str:
        return _("leak audit: {files} files ({size:.1f} MB) searched for {secrets} hidden items ({probes} probes) "
                 "in {seconds:.1f} s; nothing hidden found").format(files=self.files, size=self.size / 1e6,
                                                                     secrets=self.secrets, probes=self.probes, seconds=self.seconds)


def audit(site_dir: Path, found: list[Secret], site_url: str = "", public_files: Iterable[str] = ()) -> Report:
    """Raise LeakFound if any output file below site_dir holds a secret. public_files: sha256
    of the files the build copies unchanged from public sources (the theme's assets), not read."""
    start = time.perf_counter()
    probes = Probes.of(found, site_url, public_files)
    rels = site_files(site_dir)
    leaks = scan(site_dir, probes, rels)
    if leaks:
        raise LeakFound(sorted(leaks, key=lambda leak: (leak.file, leak.secret.source, leak.evidence)))
    return Report(len(found), len(probes.by_word) + len(probes.names) + len(probes.addresses) + len(probes.files),
                  len(rels), sum((site_dir / rel).stat().st_size for rel in rels), time.perf_counter() - start)
