"""A minutes body's links to its own attachments: each names a file listed under `attachments:`.

The secretary links a picture or a file from the text relative to the minutes file, as an
editor's preview reads it (`![Diagram](attachments/diagram.png)`), and `notula import` writes a
Word file's pictures so. The build publishes only the files listed under `attachments:` and
points such links at the published copies (notula.rendering.pages.attachment_link). A link into
the attachments folder that names no listed file, or to a file beside the minutes file
(`![](bild.png)`), would be broken on the site, so `check` reports it with its line.
"""

from __future__ import annotations

import unicodedata

from notula.i18n import _
from notula.model.schema import Document
from notula.problems import Problem
from notula.reading.filing import ATTACHMENTS, attachable
from notula.reading.markdown_links import local_path, targets
from notula.reading.sections import Segment


def listed_attachment(doc: Document, path: str | None) -> str | None:
    """The attachment (its file, as listed) that path names (a link's local_path), if any."""
    if path is None:
        return None
    return next((a.file for a in doc.attachments if a.file and unicodedata.normalize("NFC", a.file) == path), None)


def unlisted_attachment_links(doc: Document, segments: list[Segment], display: str) -> list[Problem]:
    """A problem for each link of the body into its folder's attachments/ that names no listed
    attachment, and for each link to a file of a type that may be attached beside the minutes
    file (never published). Whether the file exists plays no part: the validation cache keys on
    the minutes file alone."""
    problems = []
    for segment in segments:
        for offset, target in targets(segment.text):
            path = local_path(target)
            if path is None or listed_attachment(doc, path) is not None:
                continue
            line = segment.line + segment.text.count("\n", 0, offset)
            if path.split("/")[0] == ATTACHMENTS:
                problems.append(Problem(display, line, "body",
                                        _("the text links to '{target}', which is not listed under 'attachments'").format(target=target),
                                        _("list the file under 'attachments:' ({example}) and put it in the attachments folder, or "
                                          "correct the link").format(example=f"- {{file: {path}, title: …}}")))
            elif "/" not in path and attachable(path):  # a file beside the minutes file is never published
                problems.append(Problem(display, line, "body",
                                        _("the text links to '{target}', a file beside the minutes file, which is not published")
                                        .format(target=target),
                                        _("put the file in the attachments folder, list it under 'attachments:' ({example}) and "
                                          "link it as '{link}'").format(example=f"- {{file: {ATTACHMENTS}/{path}, title: …}}",
                                                                        link=f"{ATTACHMENTS}/{path}")))
    return problems
