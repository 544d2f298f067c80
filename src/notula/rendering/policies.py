"""Each group's names policy as a table, where a hand-written page asks for it (the privacy
page): the line `<!-- notula: namnregler -->` becomes the table, so the page says what the
registries say today, not what they said when the page was written."""

from __future__ import annotations

import html

from notula.model.registry import Registry

MARK = "<!-- notula: namnregler -->"  # a comment: where Notula is not the one rendering the page, nothing shows
SHOWN = {  # what the public site shows of a group's people, by its public_names
    "all": "Alla namn",
    "attendees": "Deltagarnas namn (inte gästernas)",
    "none": "Inga namn, bara organisationerna",
}


def fill_names_policies(markdown: str, registry: Registry) -> str:
    """markdown with each line that is MARK alone replaced by the table of the groups' policies."""
    if MARK not in markdown:
        return markdown
    return "\n".join(names_policies_table(registry) if line.strip() == MARK else line for line in markdown.split("\n"))


def names_policies_table(registry: Registry) -> str:
    """| Grupp | Namn på den offentliga webbplatsen |, one row per group of groups.yml."""
    rows = [f"| {_cell(group.name)} | {SHOWN[group.public_names]} |" for group in registry.groups.values()]
    return "\n".join(["| Grupp | Namn på den offentliga webbplatsen |", "| --- | --- |", *rows])


def _cell(text: str) -> str:
    """Text in a Markdown table cell: HTML escaped, and what Markdown reads ( | ends the cell) escaped too."""
    return "".join(f"\\{c}" if c in "\\|*_`[]#" else c for c in html.escape(text, quote=False))
