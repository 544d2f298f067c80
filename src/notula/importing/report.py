"""The report at the end of an import: per file what needs review and what was not found,
unknown organisations as ready-to-paste registry entries, and a summary table for several files."""

from __future__ import annotations

from notula.importing.facts import Note


def note_line(shown: str, line: int | None, note: Note) -> str:
    """One note in the house style: path:line: field: message — fix."""
    where = f"{shown}:{line}" if line else shown
    fix = f" — {note.fix}" if note.fix else ""
    return f"{where}: {note.field}: {note.message}{fix}"


def table(rows: list[list[str]], header: list[str]) -> str:
    """A plain text table with aligned columns."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
