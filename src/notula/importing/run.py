"""Importing files and folders: read, recognise, write (or show, with dry_run), report."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from notula.i18n import _
from notula.importing.document import Document
from notula.importing.facts import Facts
from notula.importing.organisations import OrgMatcher, add_to_registry, entries_yaml, registry_entries
from notula.importing.readers import SUFFIXES, ReadError, read_document
from notula.importing.recognise import recognise
from notula.importing.report import note_line, table
from notula.importing.write import Written, body, consumed_lines, front_matter
from notula.importing.yamltext import field as yaml_field
from notula.model.registry import display, load_registry
from notula.model.schema import id_suffix
from notula.model.validate import validate_file
from notula.problems import format_problems
from notula.reading.filing import attachable, minutes_path
from notula.settings import DEFAULT_MINUTES_DIR, DEFAULT_PUBLIC_NAMES

REGISTRY_FILE = "organisations.yml"


@dataclass
class ImportOptions:
    group: str
    date: dt.date | None = None
    dry_run: bool = False
    add_organisations: bool = False


@dataclass
class FileResult:
    """What became of one file."""

    source: Path
    shown: str
    target: Path | None = None
    facts: Facts | None = None
    document: Document | None = None
    written: Written | None = None
    date_found: str = ""
    error: tuple[str, str] | None = None  # message, fix


def _files(paths: list[Path], say: Callable[[str], None]) -> tuple[list[Path], bool]:
    """The files to import: files as given, folders as the importable files in them."""
    found: list[Path] = []
    ok = True
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                            and not p.name.startswith((".", "~$")))
            if not inside:
                say(_("{path}: no .docx, .odt, .pdf, .txt or .md files in this folder — check the folder").format(path=path))
                ok = False
            found += inside
        elif path.exists():
            found.append(path)
        else:
            say(_("{path}: no such file — check the name").format(path=path))
            ok = False
    return found, ok


def import_one(path: Path, root: Path, options: ImportOptions, matcher: OrgMatcher,
               taken: dict[Path, str]) -> FileResult:
    """Read and recognise one file and compose its minutes file (nothing is written here)."""
    result = FileResult(path, str(path))
    try:
        document = read_document(path)
    except ReadError as exc:
        result.error = (exc.message, exc.fix)
        return result
    facts = recognise(document, matcher, options.date)
    result.document, result.facts = document, facts
    date = options.date or facts.date
    if date is None:
        message = (_("no meeting date found in the text (only '{month}', a month without a day); nothing was written")
                   if facts.month_only else _("no meeting date found in the text; nothing was written"))
        result.error = (message.format(month=facts.month_only), _("give the date with --date YYYY-MM-DD"))
        return result
    result.date_found = facts.date.isoformat() if facts.date else "--date"
    if options.date and facts.date and facts.date != options.date:
        facts.review("date", _("the text says {text} but --date {date} was used").format(text=facts.date_text, date=options.date),
                     _("check the date"), facts.date_ref)
        facts.parsed.discard(facts.date_ref)
    for other in facts.other_dates:
        facts.review("date", _("the text also names the date '{date}'").format(date=other), _("check the date"), None)
    for note in document.notes:
        facts.review("images", note, _("add them by hand if they matter"), None)
    front, fitter, counts = front_matter(facts, options.group, date, path.name)
    target = minutes_path(root, options.group, date, id_suffix(fitter.doc_type), minutes_dir=matcher.registry.folder)  # where the registry is
    if target in taken:
        result.error = (_("{other} in this import is also of {date}; nothing was written for this one").format(other=taken[target], date=date),
                        _("import it on its own, with --date if its date was misread"))
        return result
    if target.exists():
        result.error = (_("{path} already exists; nothing was written").format(path=display(target, root)),
                        _("edit that file, or remove it to import again"))
        return result
    taken[target] = path.name
    result.target = target
    images: list[tuple[str, bytes]] = []
    names: dict[int, str] = {}
    attachments: list[dict[str, str]] = []
    for index, block in enumerate(document.blocks):
        if block.kind == "image" and block.image is not None:
            name = f"attachments/{date.isoformat()}-{options.group}-bild-{len(images) + 1}.{block.image.ext}"
            if not attachable(name):  # an .emf or .tiff picture: a type that cannot be attached
                facts.review("attachments", _("a picture of the type .{kind} was left out: that type cannot be attached").format(
                    kind=block.image.ext), _("save it as PNG or JPEG and attach it by hand if it matters"), None)
                continue
            names[index] = name
            images.append((name, block.image.data))
            attachments.append({"file": name, "title": f"Bild {len(images)} ur {path.name}"})
    for number, (name, data) in enumerate(document.files, start=1):
        safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or f"fil-{number}"
        file = f"attachments/{date.isoformat()}-{options.group}-{safe}"
        if not attachable(file):  # an embedded object of a type that cannot be attached
            facts.review("attachments", _("the embedded file '{name}' was left out: its type cannot be attached").format(name=name),
                         _("save it as PDF and attach it by hand if it matters"), None)
            continue
        images.append((file, data))
        attachments.append({"file": file, "title": f"Bifogad fil {number} ur {path.name}"})
    if attachments:
        front += yaml_field("attachments", attachments)
        facts.review("attachments", _("{count} picture(s) and file(s) saved under attachments/").format(count=len(attachments)),
                     _("give them better titles, and delete those that are only decoration"), None)
    text = "---\n" + front + "---\n\n" + body(document, facts, consumed_lines(facts, fitter.blocked), names)
    result.written = Written(text, images, **counts)
    return result


def _write(result: FileResult) -> None:
    assert result.target is not None and result.written is not None
    result.target.parent.mkdir(parents=True, exist_ok=True)
    for name, data in result.written.images:
        image = result.target.parent / name
        image.parent.mkdir(parents=True, exist_ok=True)
        image.write_bytes(data)
    result.target.write_text(result.written.text, encoding="utf-8")


def import_paths(root: Path, paths: list[Path], options: ImportOptions,
                 out: Callable[[str], None] = print, err: Callable[[str], None] = print,
                 minutes_dir: str = DEFAULT_MINUTES_DIR, public_names: str = DEFAULT_PUBLIC_NAMES) -> int:
    """Import every file into the minutes folder (minutes_dir, public_names: the site's settings);
    print the report (and, with dry_run, the files). Returns the exit code."""
    minutes = root / minutes_dir
    registry, problems = load_registry(minutes, root, public_names)
    if problems:
        err(format_problems(problems))
        return 1
    if options.group not in registry.groups:
        err(_("notula import: unknown group '{group}' — use one of: {groups}").format(
            group=options.group, groups=", ".join(registry.groups) or _("none")))
        return 1
    files, ok = _files(paths, err)
    matcher = OrgMatcher(registry)
    taken: dict[Path, str] = {}  # targets of this run -> the file they come from
    results = [import_one(path, root, options, matcher, taken) for path in files]
    unknown = list(dict.fromkeys(name for r in results if r.written and r.facts for name in r.facts.unknown_orgs))
    entries = registry_entries(unknown, registry)
    if not options.dry_run:
        for result in results:
            if result.written:
                _write(result)
        if entries and options.add_organisations:
            add_to_registry(minutes / REGISTRY_FILE, entries)
    for result in results:
        _report(result, root, options, out, err)
    if entries:
        shown = display(minutes / REGISTRY_FILE, root)
        if options.add_organisations and not options.dry_run:
            out("\n" + _("Added {count} organisation(s) to {path}: check their names and kinds.").format(count=len(entries), path=shown))
        else:
            out("\n" + _("Unknown organisations: add them to {path} (or import again with --add-organisations); "
                         "until then notula check reports them:").format(path=shown))
        out(entries_yaml(entries).rstrip())
    if not options.dry_run:
        _check_written(root, minutes, public_names, results, out)
    if len(results) > 1:
        rows = [[r.source.name, r.date_found or _("none"), str(r.written.people) if r.written else "-",
                 str(r.written.decisions) if r.written else "-",
                 str(sum(1 for n in r.facts.notes if n.kind == "review")) if r.written and r.facts else
                 _("error: {message}").format(message=r.error[0].split(";")[0] if r.error else "")] for r in results]
        out("\n" + table(rows, [_("file"), _("date found"), _("people"), _("decisions"), _("needs review")]))
    failed = sum(1 for r in results if r.error)
    if len(results) > 1 or failed:
        written = len(results) - failed
        summary = (_("{written} of {count} file(s) would be written; {failed} failed.") if options.dry_run
                   else _("{written} of {count} file(s) written; {failed} failed."))
        out("\n" + summary.format(written=written, count=len(results), failed=failed))
    return 1 if failed or not ok else 0


def _report(result: FileResult, root: Path, options: ImportOptions, out, err) -> None:
    if result.error:
        message, fix = result.error
        err(f"{result.shown}: {message} — {fix}")
        return
    assert result.target is not None and result.written is not None and result.facts is not None
    target = display(result.target, root)
    if options.dry_run:
        out("--- " + _("{path} (would be written; nothing is saved with --dry-run)").format(path=target))
        out(result.written.text.rstrip("\n"))
        for name, _data in result.written.images:
            out("--- " + _("would save {path}").format(path=display(result.target.parent / name, root)))
        out("---")
    else:
        out(_("{source} -> {target} (audience: draft)").format(source=result.shown, target=target))
    lines = _source_lines(result)
    for kind, heading in (("review", _("needs review")), ("missing", _("not found"))):
        notes = [n for n in result.facts.notes if n.kind == kind]
        if notes:
            out(f"  {heading}:")
            for note in notes:
                out("    " + note_line(result.shown, lines.get(note.ref) if note.ref else None, note))


def _source_lines(result: FileResult) -> dict:
    """Line numbers in the source file (text formats only)."""
    numbers = {}
    for index, block in enumerate(result.document.blocks if result.document else []):
        if block.source_line:
            for n in range(len(block.lines)):
                numbers[(index, n)] = block.source_line + n
    return numbers


def _check_written(root: Path, minutes: Path, public_names: str, results: list[FileResult], out) -> None:
    """Validate what was written, as notula check will; report what it will say. (The registry
    is read again: --add-organisations may have added to it.)"""
    registry, problems = load_registry(minutes, root, public_names)
    if problems:
        return
    found = []
    for result in results:
        if result.written and result.target:
            found += validate_file(result.target, root, registry)[1]
    if found:
        out("\n" + _("notula check will report (fix these in the written files):"))
        out(format_problems(found))
