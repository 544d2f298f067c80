"""Where files live in the minutes folder (minutes/, or the plugin's minutes_dir), and which of
them Notula reads.

    minutes/<registry>.yml                                  organisations, groups, topics, abbreviations
    minutes/<group>/<year>/<date>-<group>[-<type or slug>].md   one document
    minutes/<group>/<year>/attachments/…                    the attached files of that folder's documents

Every other file is reported, so that nothing is left out without a word; editor and system
droppings (hidden files, `~x.md`, `x.md~`, `#x.md#`, `Thumbs.db` …) are ignored and never read.
Links (symlinks) are never followed: each is reported.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from notula.i18n import N_, _
from notula.problems import Problem, did_you_mean
from notula.settings import DEFAULT_MINUTES_DIR

ATTACHMENTS = "attachments"
# What MkDocs renders as a page (mkdocs.utils.markdown_extensions): never an attachment.
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# What may be attached: files a reader downloads and opens in their own program, or a picture.
# A list of what is allowed, not of what is refused: a type not on it (.html, .xht, .svg, .js,
# .xml, an archive, a program) is never copied into the site, where a browser might run it.
ATTACHMENT_TYPES = {
    "PDF": (".pdf",),
    "Word": (".docx", ".doc"),
    "Excel": (".xlsx", ".xls"),
    "PowerPoint": (".pptx", ".ppt"),
    "OpenDocument": (".odt", ".ods", ".odp"),
    "RTF": (".rtf",),
    N_("text"): (".txt", ".csv"),
    N_("pictures"): (".png", ".jpg", ".jpeg", ".gif", ".webp"),
}
ATTACHMENT_SUFFIXES = tuple(s for suffixes in ATTACHMENT_TYPES.values() for s in suffixes)
_SYSTEM_FILES = {"thumbs.db", "desktop.ini", "icon\r"}


def is_dropping(name: str) -> bool:
    """An editor's or system's file that is no one's document: hidden, backup, lock or swap files."""
    return name.startswith((".", "~", "#")) or name.endswith(("~", "#")) or name.casefold() in _SYSTEM_FILES


def attachable(name: str) -> bool:
    """Whether a file of this name may be attached (by its type, in any case: 'Bilaga.PDF')."""
    return name.casefold().endswith(ATTACHMENT_SUFFIXES) and not name.casefold().rsplit("/", 1)[-1].startswith(".")


def attachment_types() -> str:
    """The types that may be attached, for messages: 'PDF (.pdf), Word (.docx, .doc), …'."""
    return ", ".join(f"{_(kind)} ({', '.join(suffixes)})" for kind, suffixes in ATTACHMENT_TYPES.items())


def is_page_file(name: str) -> bool:
    """Whether MkDocs would render a file of this name as a page."""
    return name.casefold().endswith(PAGE_SUFFIXES)


def minutes_path(root: Path, group_id: str, date: dt.date, suffix: str = "", minutes_dir: str = DEFAULT_MINUTES_DIR) -> Path:
    """The documented place of a file: <minutes_dir>/<group>/<year>/<date>-<group>[-<suffix>].md"""
    return root / minutes_dir / folder(group_id, date) / file_name(group_id, date, suffix)


def folder(group_id: str, date: dt.date) -> str:
    """The documented folder, below the minutes folder, of a group's documents of date's year: <group>/<year>"""
    return f"{group_id}/{date.year}"


def file_name(group_id: str, date: dt.date, suffix: str = "") -> str:
    """The documented name of a document's file: <date>-<group>[-<suffix>].md"""
    return f"{date.isoformat()}-{group_id}{'-' + suffix if suffix else ''}.md"


@dataclass
class Layout:
    """The minutes folder read: the documents to validate, and the files reported instead."""

    documents: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def scan(minutes_dir: Path, shown: Callable[[Path], str], registry_names: tuple[str, ...]) -> Layout:
    """Walk the minutes folder (without following links); shown(path) is how messages name a
    file; registry_names are the YAML files read from the top of the folder."""
    layout = Layout()
    top = shown(minutes_dir)

    def report(path: Path, message: str, fix: str) -> None:
        layout.problems.append(Problem(shown(path), None, None, message, fix))

    def walk(folder: Path, depth: int, in_attachments: bool) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            report(folder, _("cannot read the folder ({error})").format(error=exc.strerror), _("check that it is readable"))
            return
        for entry in entries:
            path = Path(entry.path)
            if is_dropping(entry.name):
                continue
            if entry.is_symlink():
                message = (_("this is a broken link (symlink); Notula does not follow links under {folder}/") if not path.exists()
                           else _("this is a link (symlink); Notula does not follow links under {folder}/")).format(folder=top)
                report(path, message, _("put the file itself here, or remove the link"))
            elif entry.is_dir():
                if is_page_file(entry.name):
                    report(path, _("a folder is named like a minutes file, so it is not read"),
                           _("rename the folder (minutes are files, not folders)"))
                walk(path, depth + 1, in_attachments or (depth == 2 and entry.name == ATTACHMENTS))
            elif not entry.is_file():
                report(path, _("this is not an ordinary file, so it is not read"), _("remove it"))
            elif in_attachments:
                if is_page_file(entry.name):
                    report(path, _("a Markdown file in an attachments folder is neither read as minutes nor can it be attached"),
                           _("if it is minutes, move it up to the year folder; to attach it, save it as PDF"))
            elif is_page_file(entry.name):
                layout.documents.append(path)
            elif depth == 0 and entry.name.casefold().endswith((".yml", ".yaml")):
                if entry.name not in registry_names:
                    hint = did_you_mean(entry.name, registry_names)
                    report(path, _("Notula does not read this file") + (f" — {hint}" if hint else ""),
                           _("the registries are {names}: rename it or remove it").format(names=", ".join(registry_names)))
            else:
                stem = entry.name
                hint = " " + _("(if it is minutes, rename it to end in .md)") if ".md" in stem.casefold() else ""
                report(path, _("Notula does not read this file") + hint,
                       _("minutes are files {folder}/<group>/<year>/<date>-<group>.md; attached files go in the "
                         "year folder's {attachments}/ folder; remove anything else").format(folder=top, attachments=ATTACHMENTS))

    walk(minutes_dir, 0, False)
    return layout


def misfiled(relative: tuple[str, ...], doc, source, top: str) -> list[Problem]:
    """Problems with where a valid document (doc, read from source) is filed: relative is its
    path below the minutes folder (top, as messages name it) as parts; the folder must be its
    group's and year's, the name its date, group and type or slug."""
    group, year = doc.group, str(doc.date.year)
    expected = file_name(group, doc.date, doc.suffix)
    names = {expected}
    if not doc.slug:
        names.add(file_name(group, doc.date, doc.type))  # 2017-03-07-grupp-notes.md names its type too
    where = f"{top}/{folder(group, doc.date)}/"

    def problem(field: str, message: str, fix: str) -> Problem:
        line = source.line_of((field if field in source.meta else "date",))
        return Problem(source.display, line, field, message, fix)

    if len(relative) != 3:
        return [problem("group", _("the file is not in a group's year folder"),
                        _("move it to {path}").format(path=where + expected))]
    problems = []
    if relative[0] != group:
        problems.append(problem("group", _("the file is in the folder of group '{folder}', but its group is '{group}'").format(
                                    folder=relative[0], group=group),
                                _("move the file to {folder}, or correct 'group'").format(folder=where)))
    if relative[1] != year:
        problems.append(problem("date", _("the file is in the year folder '{folder}', but its date is in {year}").format(
                                    folder=relative[1], year=year),
                                _("move the file to {folder}, or correct 'date'").format(folder=where)))
    if relative[2] not in names:
        if not relative[2].startswith(doc.date.isoformat() + "-"):
            field = "date"
        elif not relative[2].startswith(f"{doc.date.isoformat()}-{group}"):
            field = "group"
        else:
            field = "slug" if doc.slug else "type"
        message = (_("the file name '{name}' does not match the document's date, group and slug: it should be '{expected}'")
                   if doc.slug else
                   _("the file name '{name}' does not match the document's date, group and type: it should be '{expected}'"))
        problems.append(problem(field, message.format(name=relative[2], expected=expected),
                                _("rename the file to {expected}, or correct '{field}'").format(expected=expected, field=field)))
    return problems
