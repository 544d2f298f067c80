"""The body's marker and comment rules, applied to every text value of the front matter.

A field is shown whole, on every site that shows its document: on the page, in registers,
feeds, calendars, open data and the search index. So it cannot hold what the body's rules act
on. A members-only marker (`::: medlemmar`, `:::` or anything resembling one, found by
`sections.looks_like_marker`), an HTML comment (`<!--`) and the other markup browsers hide
(`comments.HIDDEN_MARKUP`) are errors in any text value, never text. The rules are the body's
own functions, so a change to them applies to both.

Every text value of the front matter is read, whatever its field: so every free-text field the
schema has, or will have, is covered without a list; an id or a reference that holds such
markup is wrong in any case. The registries' values (a group's description, an organisation's
name) are shown on pages too, and are read the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from notula.i18n import _
from notula.problems import Problem, format_path
from notula.reading import comments, sections
from notula.reading.yamlsafe import Loaded


def _comment(line: str) -> bool:
    return comments.OPEN in line


def _hidden(line: str) -> bool:
    return comments.HIDDEN_MARKUP.search(line) is not None


def _rules() -> list[tuple[Callable[[str], bool], str, str]]:
    """(finds it on a line, message, fix) for each thing a field cannot hold."""
    return [
        (sections.looks_like_marker,
         _("'{text}' is a members-only marker, or looks like one; a field cannot hold a members-only section, "
           "it is shown whole wherever its document is"),
         _("move what only members may read into the text below the front matter, between '{open}' and '{close}' "
           "on lines of their own; if it is not meant as a marker, remove the colons").format(
             open=sections.OPEN, close=sections.CLOSE)),
        (_comment,
         _("an HTML comment ('<!-- … -->') in a field would be published as text"),
         _("remove it from the field; write a note to yourself in the text below the front matter as "
           "'<!-- … -->', or on a line of its own starting with '#' between the fields")),
        (_hidden,
         _("'{text}' is markup that browsers hide; in a field it would be published as text"),
         _("remove it from the field")),
    ]


def field_problems(loaded: Loaded, display: str) -> list[Problem]:
    """Every members-only marker, comment and hidden markup in a text value of the front matter,
    at the line of the file that holds it and with its field."""
    problems = []
    raw = loaded.text.split("\n")
    rules = _rules()
    for path, node in loaded.strings():
        if comments.OPEN[0] not in node.value and not sections.may_hold_marker(node.value):
            continue  # most values: neither '<' nor a colon, so none of the rules can apply
        lines = node.value.split("\n")
        for finds, message, fix in rules:
            found = [line for line in lines if finds(line)]
            if not found:
                continue
            start, end = node.start_mark.line, max(node.end_mark.line, node.start_mark.line)
            # The line of the file: the first line of the value that holds it as written (an escape
            # in quotes may hide it there: then the line where the value starts).
            at = next((n for n in range(start, min(end, len(raw) - 1) + 1) if finds(raw[n])), start)
            text = found[0].strip()
            problems.append(Problem(display, at + loaded.first, format_path(path) or None,
                                    message.format(text=text[:60] + ("…" if len(text) > 60 else "")), fix))
    return problems
