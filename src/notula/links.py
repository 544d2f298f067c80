"""Links from hand-written pages to documents this build does not publish.

On the public site a link to a members-only or unreleased meeting must not
break the build, nor lead to a 404, nor reveal the hidden page's title: it
becomes plain text with a short note.
"""

from __future__ import annotations

import posixpath
import re

HIDDEN_NOTE = "(inte publicerad)"
# [text](target "title") — inline Markdown links, not images.
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]+)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


def unlink_hidden(markdown: str, page_src_uri: str, hidden_src_uris: set[str]) -> str:
    """Replace links to hidden pages (by their .md path, relative to the page) with plain text."""
    if not hidden_src_uris or "](" not in markdown:
        return markdown
    base = posixpath.dirname(page_src_uri)

    def replace(match: re.Match) -> str:
        target = match.group("target").split("#", 1)[0]
        if not target or "://" in target or target.startswith(("mailto:", "#")):
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(base, target)) if not target.startswith("/") else target.lstrip("/")
        candidates = {resolved, resolved.rstrip("/") + ".md"}
        if candidates & hidden_src_uris:
            return f'{match.group("text")} <span class="notula-hidden-link">{HIDDEN_NOTE}</span>'
        return match.group(0)

    # Leave fenced code alone: only rewrite between fences.
    out, last = [], 0
    for fence in _FENCE.finditer(markdown):
        out.append(_LINK.sub(replace, markdown[last:fence.start()]))
        out.append(fence.group(0))
        last = fence.end()
    out.append(_LINK.sub(replace, markdown[last:]))
    return "".join(out)
