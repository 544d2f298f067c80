"""From files to a validated Corpus: every problem in every file, in one run."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator, Set
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from notula import heap, urls
from notula.i18n import _
from notula.model import names
from notula.model.approval import unapproved
from notula.model.body_links import unlisted_attachment_links
from notula.model.consistency import contradictions
from notula.model.corpus import Corpus, Meeting, meeting_ids
from notula.model.messages import problems_from_validation
from notula.model.references import action_of, meeting_id, meeting_of_action
from notula.model.registry import Registry, display, load_registry
from notula.model.schema import ABBREVIATIONS_FILE, REGISTRY_FILES, Document, declared_audience, id_suffix, own_audience
from notula.model.validation_cache import ValidationCache, registry_key
from notula.problems import Problem, ProblemsFound, did_you_mean, format_path
from notula.reading import filing, lookalikes, personnummer
from notula.reading.comments import clean_body
from notula.reading.fieldtext import field_problems
from notula.reading.filetext import clean, decoded, file_text
from notula.reading.sections import split_sections
from notula.reading.source import SourceDoc, SourceError, read_source
from notula.settings import DEFAULT_MINUTES_DIR, DEFAULT_PUBLIC_NAMES, today_from_env

REGISTRY_NAMES = tuple(name for name, _ in REGISTRY_FILES.values()) + (ABBREVIATIONS_FILE,)


def minutes_files(minutes_dir: Path) -> list[Path]:
    """Every document (Markdown file) below the minutes folder, in a stable order."""
    return scan_minutes(minutes_dir, minutes_dir.parent).documents


def scan_minutes(minutes_dir: Path, root: Path) -> filing.Layout:
    """The documents below the minutes folder, and the files there that Notula does not read."""
    return filing.scan(minutes_dir, lambda path: display(path, root), REGISTRY_NAMES)


CHUNK = 200  # files per task of a worker
PARALLEL_FROM = 400  # files; below this, starting worker processes costs more than it saves


def load_corpus(root: Path, reserved: dict[str, str] | None = None, parallel: bool = False,
                cache: ValidationCache | None = None, minutes_dir: str = DEFAULT_MINUTES_DIR,
                public_names: str = DEFAULT_PUBLIC_NAMES) -> Corpus:
    """Read, validate and cross-check everything in the minutes folder. Raises ProblemsFound."""
    corpus, problems = check_corpus(root, reserved=reserved, parallel=parallel, cache=cache,
                                    minutes_dir=minutes_dir, public_names=public_names)
    if problems:
        raise ProblemsFound(problems)
    return corpus


def check_corpus(root: Path, reserved: dict[str, str] | None = None, parallel: bool = False,
                 keep: bool = True, cache: ValidationCache | None = None, minutes_dir: str = DEFAULT_MINUTES_DIR,
                 public_names: str = DEFAULT_PUBLIC_NAMES, today: dt.date | None = None) -> tuple[Corpus, list[Problem]]:
    """Validate everything; returns the corpus of what is valid and every problem found.
    minutes_dir (relative to root) and public_names are the site's settings (notula.settings).
    With parallel, large corpora are validated by one worker process per core. Without keep,
    only the problems are wanted: the corpus comes back without its meetings (faster).
    With a cache, files whose results it holds are not validated again (the preview).
    today (default: NOTULA_TODAY, else today in the default time zone) is the build date that approval
    dates are judged by, for the list of documents awaiting approval."""
    folder = root / minutes_dir
    if not folder.is_dir():
        return Corpus(Registry(folder=minutes_dir), []), [
            Problem(minutes_dir, None, None, _("the minutes folder is missing"),
                    _("create it next to mkdocs.yml, or set the plugin's minutes_dir in mkdocs.yml"))]
    registry, problems = load_registry(folder, root, public_names)
    context_registry = registry if not problems else None  # a broken registry would only add noise
    meetings: list[Meeting] = []
    outlines: list[Outline] = []
    failed: set[str] = set()
    layout = scan_minutes(folder, root)
    problems += layout.problems
    if cache is not None and keep:
        key = registry_key(folder, context_registry is not None, public_names)
        validated = _validate_cached(layout.documents, root, context_registry, parallel, cache, key)
    else:
        validated = _validate_files(layout.documents, root, context_registry, parallel, keep)
    for path, meeting, outline, found in validated:
        problems += found
        if outline is None:
            failed.add(_tentative_id(path))
            continue
        outlines.append(outline)
        if keep:
            meetings.append(meeting)
    problems += cross_check(outlines, reserved or {}, failed)
    problems += check_personal_numbers(outlines, registry)
    if not problems:
        problems += check_names(outlines, registry)
    corpus = Corpus(registry, meetings)
    corpus.awaiting_approval = awaiting_approval(outlines, registry, today or today_from_env())
    return corpus, problems


def awaiting_approval(outlines: list[Outline], registry: Registry, today: dt.date) -> list[tuple[str, str, dt.date | None]]:
    """(display path, meeting id, approval date or None) of the minutes and notes whose group requires
    approval and that are not approved by today (no approval yet, or one dated after today)."""
    return sorted((o.display, o.id, o.approved) for o in outlines
                  if unapproved(registry.groups.get(o.group), o.type, o.approved, today))


@dataclass(frozen=True)
class Outline:
    """What the cross-file checks need of a valid file: small, and cheap to pass between processes."""

    id: str
    display: str
    path: Path
    date: dt.date
    actions: tuple[str, ...]  # refs: group/date/id
    follow_ups: tuple[str, ...]  # the refs it reports on, in order
    group: str = ""
    audience: str | None = None  # its own audience field; "public" when it has a release date
    people: tuple[tuple[str, str, tuple], ...] = ()  # (kind, name, location) for the names policy
    words: frozenset[str] = frozenset()  # capitalised words of its texts (names.capitalised_words)
    addresses: tuple[str, ...] = ()  # address-like runs of its texts, where a name can hide (names.addresses)
    mixed: bool = False  # a word of it mixes letters of two scripts (lookalikes.mixed_words)
    personal_number: bool = False  # a text of it holds a personal identity number
    files: tuple[str, ...] = ()  # attachments' paths: their names are published as they are
    for_meeting: str | None = None  # the meeting a paper is for
    type: str = "minutes"
    approved: dt.date | None = None  # the date of its approval (justering), if any
    planned: tuple[str, ...] = ()  # group/date of each day its next_meetings plan (a paper may be for one)

    @classmethod
    def of(cls, meeting: Meeting) -> Outline:
        doc = meeting.doc
        audience = own_audience(doc.audience, doc.release)
        prose = [*names.model_texts(doc), *(s.text for s in meeting.segments)]
        every = "\n".join([*_strings(doc), *(s.text for s in meeting.segments)])  # no word or number spans a line
        return cls(meeting.id, meeting.display, meeting.path, doc.date,
                   tuple(meeting.action_ref(a) for a in doc.actions), tuple(f.action for f in doc.follow_up),
                   doc.group, audience, tuple(names.people_of(doc)), names.capitalised_words(prose),
                   names.addresses(["\n".join(prose)]), bool(lookalikes.mixed_words(every)),
                   personnummer.first(every) is not None,
                   tuple(a.file for a in doc.attachments if a.file),
                   doc.for_meeting, doc.type, doc.approved.date if doc.approved else None,
                   tuple(meeting_id(doc.group, p.date) for p in doc.next_meetings if isinstance(p.date, dt.date)))

    @property
    def src_uri(self) -> str:
        return urls.src_uri(urls.meeting(self.id))


def _strings(model) -> list[str]:
    """Every string value of a pydantic model, its lists and nested models."""
    out: list[str] = []
    stack = [model]
    while stack:
        value = stack.pop()
        if value.__class__ is str:
            out.append(value)
        elif value.__class__ in (list, tuple):
            stack.extend(value)
        elif hasattr(value, "__pydantic_fields__"):
            stack.extend(v for v in value.__dict__.values() if v is not None)
    return out


def _validate_chunk(paths: list[Path], root: Path, registry: Registry | None, keep: bool) -> list[tuple]:
    results = []
    with heap.paused():
        for path in paths:
            meeting, problems = validate_file(path, root, registry)
            outline = Outline.of(meeting) if meeting is not None else None  # made here: in the workers
            results.append((path, meeting if keep else None, outline, problems))
    return results


def _validate_files(paths: list[Path], root: Path, registry: Registry | None, parallel: bool, keep: bool):
    """(path, meeting (None without keep), its outline, problems) for every file, in order;
    meeting and outline are None for a file that is not valid."""
    workers = min(os.cpu_count() or 1, 8)
    if not parallel or workers < 2 or len(paths) < PARALLEL_FROM or "fork" not in mp.get_all_start_methods():
        return _validate_chunk(paths, root, registry, keep)
    # Small chunks: the results of one come back while the workers validate the next.
    size = min(-(-len(paths) // workers), CHUNK)
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    with ProcessPoolExecutor(min(workers, len(chunks)), mp_context=mp.get_context("fork")) as pool:
        results = pool.map(_validate_chunk, chunks, *zip(*[(root, registry, keep)] * len(chunks)))
        with heap.paused():
            return [item for chunk in results for item in chunk]


def _validate_cached(paths: list[Path], root: Path, registry: Registry | None, parallel: bool,
                     cache: ValidationCache, key: bytes) -> list[tuple]:
    """_validate_files with the results the cache still holds (key: registry_key); the others
    are validated (in parallel, if allowed) and kept."""
    cache.keep_only(paths)
    known = {path: cache.get(path, key) for path in paths}
    stale = [path for path, (_, result) in known.items() if result is None]
    fresh = {path: (meeting, outline, found)
             for path, meeting, outline, found in _validate_files(stale, root, registry, parallel, True)}
    for path in stale:
        cache.put(path, key, known[path][0], fresh[path])
    return [(path, *(known[path][1] or fresh[path])) for path in paths]


def validate_file(path: Path, root: Path, registry: Registry | None) -> tuple[Meeting | None, list[Problem]]:
    """Validate one minutes file on its own (everything but cross-file checks). Without a
    registry (a broken one), what needs it is not checked."""
    shown = display(path, root)
    try:
        source = read_source(path, shown)
    except SourceError as exc:
        return None, exc.problems
    except OSError as exc:
        return None, [Problem(shown, None, None, _("cannot read the file ({error})").format(error=exc.strerror),
                              _("check that it exists and is readable"))]
    context = {"registry": registry, "base_dir": path.parent}
    body, problems = clean_body(source.body, source.body_line, shown)
    segments, found = split_sections(body, source.body_line, shown)
    problems += found + field_problems(source.lines, shown) + _unique_ids(source)
    try:
        doc = Document.model_validate(source.meta, context=context)
    except ValidationError as exc:
        return None, problems + problems_from_validation(exc, shown, source.line_of, data=source.meta, model=Document)
    problems += contradictions(doc, body, shown, source.line_of)
    problems += unlisted_attachment_links(doc, segments, shown)
    if registry is not None:  # without one, the group is not known to be an id
        problems += filing.misfiled(_below_minutes(path, root / registry.folder), doc, source, registry.folder)
    if problems:
        return None, problems
    return Meeting(doc=doc, path=path, display=shown, segments=segments), []


def _below_minutes(path: Path, minutes_dir: Path) -> tuple[str, ...]:
    try:
        return path.relative_to(minutes_dir).parts
    except ValueError:
        return path.parts


def _unique_ids(source: SourceDoc) -> list[Problem]:
    """Decision, proposal and action ids are each unique in a file (checked on the raw data, beside the schema)."""
    problems = []
    for kind in ("decisions", "proposals", "actions"):
        entries = source.meta.get(kind)
        seen: dict[str, int] = {}
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                continue
            loc = (kind, index, "id")
            if entry["id"] in seen:
                problems.append(Problem(source.display, source.line_of(loc), format_path(loc),
                                        _("the id '{id}' is already used by {other}").format(
                                            id=entry["id"], other=f"{kind}[{seen[entry['id']] + 1}]"),
                                        _("give every decision, proposal and action in the file its own id")))
            else:
                seen[entry["id"]] = index
    return problems


def _tentative_id(path: Path) -> str:
    """The id (group/date[-suffix]) of a file that failed validation, read leniently, so that
    follow-ups of its actions and papers for it are not reported as unknown on top of its own problems."""
    try:
        meta = read_source(path, str(path)).meta
    except OSError:
        return ""
    except SourceError:  # read it the lenient way (the strict reader's problems are reported)
        try:
            meta = yaml.load(path.read_text(encoding="utf-8-sig").split("\n---", 1)[0], Loader=_LENIENT)
        except (yaml.YAMLError, RecursionError, UnicodeDecodeError, ValueError):
            return ""
        if not isinstance(meta, dict):
            return ""
    kind, slug, date = meta.get("type"), meta.get("slug"), meta.get("date")
    try:
        date = date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date).strip())
    except ValueError:
        return ""  # no date: no id that follow-ups could name
    return meeting_id(str(meta.get("group")), date, id_suffix(kind if isinstance(kind, str) else "minutes",
                                                              slug if isinstance(slug, str) else None))


_LENIENT = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


def cross_check(outlines: list[Outline], reserved: dict[str, str], failed: Set[str] = frozenset()) -> list[Problem]:
    """Checks that need all files: unique ids and pages, and follow-ups of known actions."""
    return _unique_pages(outlines, reserved) + _follow_ups(outlines, failed) + _papers(outlines, failed)


def _unique_pages(outlines: list[Outline], reserved: dict[str, str]) -> list[Problem]:
    problems = []
    first: dict[str, Outline] = {}
    for outline in sorted(outlines, key=lambda o: o.display):
        other = first.get(outline.id)
        if other is not None:
            problems.append(Problem(outline.display, _line(outline, ("date",)), "date",
                                    _("the meeting id '{id}' is also used by {other}").format(id=outline.id, other=other.display),
                                    _("give one of them a 'slug' (e.g. slug: em) or correct its group or date")))
            continue
        first[outline.id] = outline
        if outline.src_uri in reserved:
            problems.append(Problem(outline.display, _line(outline, ("date",)), "date",
                                    _("the page '{page}' is also made by {other}").format(
                                        page=urls.meeting(outline.id), other=reserved[outline.src_uri]),
                                    _("rename or move that page, or give this document a 'slug'")))
    return problems


def _follow_ups(outlines: list[Outline], failed: Set[str]) -> list[Problem]:
    actions = {ref: o for o in outlines for ref in o.actions}
    meetings = {o.id: o for o in outlines}
    problems = []
    for outline in outlines:
        for index, ref in enumerate(outline.follow_ups):
            loc = ("follow_up", index, "action")
            origin = actions.get(ref)
            if origin is None and meeting_of_action(ref) in failed:
                continue  # that file's own problems are reported
            if origin is None:
                earlier = [a for a, o in actions.items() if o.date < outline.date]  # the actions it may follow up
                problems.append(Problem(outline.display, _line(outline, loc), format_path(loc),
                                        *_unknown_action(ref, meetings.get(meeting_of_action(ref)), earlier)))
            elif origin.date >= outline.date:
                # Strictly earlier dates make follow-ups acyclic: an action's status is carried
                # forward in date order, and every page, register and export agrees on it.
                message = (_("the action '{ref}' is from {other}, dated the same day as this document")
                           if origin.date == outline.date else
                           _("the action '{ref}' is from {other}, dated later than this document"))
                problems.append(Problem(outline.display, _line(outline, loc), format_path(loc),
                                        message.format(ref=ref, other=origin.display),
                                        _("follow up actions of meetings on earlier dates only")))
    return problems


def _unknown_action(ref: str, meeting: Outline | None, actions: Iterable[str]) -> tuple[str, str]:
    """The message and fix for a follow-up of an action that no file gives: of a meeting that
    has no such action, or of no known meeting (actions: those it may follow up, for a 'did you mean')."""
    hint = did_you_mean(ref, actions)
    if meeting is None:
        message = _("unknown action '{ref}': no meeting '{meeting}' is known").format(ref=ref, meeting=meeting_of_action(ref))
        return message + (f" — {hint}" if hint else ""), _("write group/date/id of an action in earlier minutes")
    message = _("unknown action '{ref}': {file} has no action '{id}'").format(ref=ref, file=meeting.display, id=action_of(ref))
    own = [action_of(a) for a in meeting.actions]
    return message + (f" — {hint}" if hint else ""), (
        _("write one of its actions: {ids}").format(ids=", ".join(own)) if own else
        _("it gives no actions: write group/date/id of an action in earlier minutes"))


def check_names(outlines: list[Outline], registry: Registry) -> list[Problem]:
    """Where the public site cannot hide a name safely (see notula.model.names): a hidden name inside a
    registry value, or, in the documents that may be published, a first name that may be the
    hidden person or a shown one, or a word. Only groups with hidden names cost any reading."""
    policy = names.NamePolicy()
    policy.add(registry, ((o.group, kind, name) for o in outlines for kind, name, _ in o.people))
    problems: list[Problem] = []
    for group_id in policy.hidden_names():
        group = registry.groups.get(group_id)
        publishable = [o for o in outlines if o.group == group_id
                       and declared_audience(o.audience, group) == "public"]
        if not publishable:
            continue
        matcher = policy.matcher(group_id)
        clashes = names.registry_clashes(matcher, registry)
        for outline in outlines if clashes else ():
            for _kind, name, loc in outline.people if outline.group == group_id else ():
                if name in clashes:
                    problems.append(Problem(outline.display, _line(outline, loc), format_path(loc),
                                            clashes[name], _(names.REGISTRY_FIX)))
        for outline in publishable:
            for index, file in enumerate(outline.files):
                person = names.name_in_file_name(matcher, file)
                if person:
                    loc = ("attachments", index, "file")
                    problems.append(Problem(outline.display, _line(outline, loc), format_path(loc),
                                            _("the file name '{file}' holds the name of {person}, whose name the "
                                              "public site hides").format(file=file, person=person),
                                            _("rename the file (and this path) without the name")))
        risky = names.risky_words(matcher)
        for outline in publishable:
            # Only files that may hold an ambiguous name, or a name inside an address, are read again.
            if risky & outline.words or any(names.ambiguous_address(matcher, a) for a in outline.addresses):
                problems += _ambiguous_names(outline, matcher)
            if outline.mixed:
                problems += _mixed_scripts(outline)
    return problems


def _mixed_scripts(outline: Outline) -> list[Problem]:
    """A word that mixes letters of two scripts: a look-alike letter can hide a name from the policy."""
    try:
        source = read_source(outline.path, outline.display)
    except SourceError:
        return []
    problems = []
    for loc, line, text in _texts_of(source):
        for word in lookalikes.mixed_words(text):
            scripts = sorted({lookalikes.script(c) for c in word if c.isalpha()} - {"COMMON", "INHERITED"})
            problems.append(Problem(outline.display, line, format_path(loc) if loc else None,
                                    _("the word '{word}' mixes letters of different alphabets ({scripts})").format(
                                        word=word, scripts=", ".join(s.title() for s in scripts)),
                                    _("write the word in one alphabet: a letter that only looks Latin may keep a name "
                                      "from being hidden on the public site")))
    return problems


def _texts_of(source: SourceDoc) -> Iterator[tuple[tuple, int | None, str]]:
    """(location, line, text) of every string of a file's front matter, then of each line of its body."""
    stack: list[tuple[tuple, object]] = [((), source.meta)]
    found = []
    while stack:
        loc, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((loc + (k,), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((loc + (i,), v) for i, v in enumerate(value))
        elif isinstance(value, str) and loc:
            found.append((loc, source.line_of(loc), value))
    yield from sorted(found, key=lambda item: (item[1] or 0, item[0].__repr__()))
    for offset, line in enumerate(source.body.split("\n")):
        yield (), source.body_line + offset, line


def check_personal_numbers(outlines: list[Outline], registry: Registry) -> list[Problem]:
    """A personal identity number (personnummer, samordningsnummer) in any text of a document that
    may be published: its front matter, its body, the text of its attachments. They are never
    published on the web."""
    problems: list[Problem] = []
    fix = _("remove the number (a year of birth or the person's name, where the public site shows it, is enough)")
    for outline in outlines:
        if declared_audience(outline.audience, registry.groups.get(outline.group)) != "public":
            continue
        if outline.personal_number:
            try:
                source = read_source(outline.path, outline.display)
            except SourceError:
                continue
            for loc, line, text in _texts_of(source):
                for _start, _end, number in personnummer.find(text):
                    problems.append(Problem(outline.display, line, format_path(loc) if loc else None,
                                            _("'{number}' is a personal identity number, which is never published "
                                              "on the web").format(number=number), fix))
        for index, file in enumerate(outline.files):
            try:
                data = (outline.path.parent / file).read_bytes()
            except OSError:
                continue  # a missing attachment is reported by the schema
            # as its program shows it (runs joined, a PDF's fonts, UTF-16), and its bytes as they are
            found = personnummer.first(file_text(file, data).text + "\n" + clean(decoded(data)))
            if found:
                loc = ("attachments", index, "file")
                problems.append(Problem(outline.display, _line(outline, loc), format_path(loc),
                                        _("the attachment '{file}' holds a personal identity number ('{number}'), which "
                                          "is never published on the web").format(file=file, number=found),
                                        _("remove the number from the file, or the file from the list")))
    return problems


def _ambiguous_names(outline: Outline, matcher: names.Matcher) -> list[Problem]:
    try:
        source = read_source(outline.path, outline.display)
    except SourceError:
        return []
    problems = []
    for loc, text in names.prose_fields(source.meta):
        for _offset, message, fix in names.ambiguities(matcher, text):
            problems.append(Problem(outline.display, source.line_of(loc), format_path(loc), message, fix))
    for offset, message, fix in names.ambiguities(matcher, source.body):
        problems.append(Problem(outline.display, source.body_line + source.body.count("\n", 0, offset), None, message, fix))
    return problems


def _papers(outlines: list[Outline], failed: Set[str]) -> list[Problem]:
    """A paper's for_meeting names a meeting that exists, or that the group's next_meetings plan
    (a paper is often written before its meeting), and is not the paper itself."""
    ids = {o.id for o in outlines}
    planned = {ref for o in outlines for ref in o.planned}
    problems = []
    for outline in outlines:
        ref = outline.for_meeting
        if ref is None or ref in planned or any(i in failed or (i in ids and i != outline.id) for i in meeting_ids(ref)):
            continue
        hint = did_you_mean(ref, (ids - {outline.id}) | planned)
        problems.append(Problem(outline.display, _line(outline, ("for_meeting",)), "for_meeting",
                                _("no meeting '{ref}' is known").format(ref=ref) + (f" — {hint}" if hint else ""),
                                _("write group/date of a meeting that has minutes or an agenda, or that next_meetings "
                                  "plan, e.g. {example}").format(example=meeting_id(outline.group, outline.date))))
    return problems


def _line(outline: Outline, loc: Iterable) -> int | None:
    # Lines are only needed for messages; re-reading keeps Meeting small for large corpora.
    try:
        return read_source(outline.path, outline.display).line_of(tuple(loc))
    except SourceError:
        return None
