"""HTML comments and other markup that a browser hides but a page's source would publish.

Everything between `<!--` and `-->` is removed from a body when it is read, so a comment
reaches no output of either site (page, search index, feeds, data), also inside code. Line
breaks inside a comment are kept, so that the lines of later problems stay right. A comment
that is never closed is an error (removing it would silently drop the rest of the minutes),
and so are the other hidden forms (`<![CDATA[ … ]]>`, `<?…?>`, `<!…>`), which browsers treat
as comments too.
"""

from __future__ import annotations

import re

from notula.i18n import _
from notula.problems import Problem
from notula.reading.sections import looks_like_marker

OPEN, CLOSE = "<!--", "-->"
HIDDEN_MARKUP = re.compile(r"<(?:!(?!--)|\?)(?=\S)")  # <![CDATA[ … ]]>, <?…?>, <!…>: hidden like a comment


def strip_comments(text: str) -> tuple[str, list[tuple[int, str]]]:
    """text without its comments, and (offset in text, comment) of each one, an unclosed one
    last (running to the end of the text)."""
    if OPEN not in text:
        return text, []
    out: list[str] = []
    found: list[tuple[int, str]] = []
    pos = 0
    while (start := text.find(OPEN, pos)) >= 0:
        end = text.find(CLOSE, start + len(OPEN))
        end = len(text) if end < 0 else end + len(CLOSE)
        out.append(text[pos:start])
        comment = text[start:end]
        out.append("\n" * comment.count("\n"))
        found.append((start, comment))
        pos = end
    out.append(text[pos:])
    return "".join(out), found


def clean_body(body: str, first_line: int, display: str) -> tuple[str, list[Problem]]:
    """The body without comments, and the problems: a comment never closed, a members-only
    marker inside a comment (is the section meant to be members-only or not?), hidden markup."""
    text, found = strip_comments(body)
    problems = []
    for start, comment in found:
        line = first_line + body.count("\n", 0, start)
        if not comment.endswith(CLOSE):
            problems.append(Problem(display, line, "body", _("the comment '{open}' is never closed").format(open=OPEN),
                                    _("end the comment with '{close}' (everything between them is left out of both sites)").format(close=CLOSE)))
        for offset, inner in enumerate(comment.split("\n")):
            if looks_like_marker(inner.replace(OPEN, "").replace(CLOSE, "")):
                problems.append(Problem(display, line + offset, "body",
                                        _("a members-only marker inside a comment ('<!-- … -->')"),
                                        _("remove the comment around the marker, or remove the marker")))
    for match in HIDDEN_MARKUP.finditer(text):
        snippet = text[match.start():].split("\n", 1)[0][:12]
        problems.append(Problem(display, first_line + text.count("\n", 0, match.start()), "body",
                                _("'{snippet}…' is markup that browsers hide but the page source would publish").format(snippet=snippet),
                                _("remove it; write a note to yourself as a comment '<!-- … -->', which Notula leaves out")))
    return text, problems


def unclosed_comment(text: str) -> int | None:
    """The line (from 1) of a comment in text that is never closed, if any."""
    _, found = strip_comments(text)
    if found and not found[-1][1].endswith(CLOSE):
        return 1 + text.count("\n", 0, found[-1][0])
    return None
