"""Links from hand-written pages and bodies to documents this build does not publish.

On the public site a link to a members-only or unreleased meeting must not break the build,
nor lead to a 404, nor reveal the hidden page's title: it becomes plain text with a short
note. Every form of link is covered: inline links (with or without a title, the address in
<…> or not), reference links ([a][x], [x][], [x] with a definition [x]: address "title"),
and raw HTML <a href=…>. Links are unlinked everywhere in the text, code included: in doubt,
a link is taken away rather than published.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

HIDDEN_NOTE = "(inte publicerad)"
_NOTE = f' <span class="notula-hidden-link">{HIDDEN_NOTE}</span>'
_TEXT = r"(?P<text>(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)"  # link text, one level of [brackets]
_TITLE = r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?"""
_INLINE = re.compile(r"(?<![!\\])\[" + _TEXT + r"\]\(\s*(?:<(?P<angle>[^>\n]*)>|(?P<dest>[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*))" + _TITLE + r"\s*\)")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>(?:[^\[\]\\]|\\.)+)\]:[ \t]*\n?[ \t]*(?:<(?P<angle>[^>\n]*)>|(?P<dest>\S+))"
                         r"(?:[ \t]*\n?[ \t]*(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$", re.MULTILINE)
_REFERENCE = re.compile(r"(?<![!\\])\[" + _TEXT + r"\](?:\s?\[(?P<label>[^\[\]]*)\]|(?![(:]))")
_ANCHOR = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"(?P<q>[^"]*)"|'(?P<s>[^']*)'|(?P<bare>[^\s>]+))""", re.IGNORECASE)


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def unlink_hidden(markdown: str, page_src_uri: str, hidden_src_uris: set[str]) -> str:
    """Replace links to hidden pages (by their .md path or their address, relative to the page)
    with their text and a note; definitions of reference links to them are removed."""
    if not hidden_src_uris or "[" not in markdown and "<a" not in markdown.lower():
        return markdown
    src_dir = posixpath.dirname(page_src_uri)
    url_dir = src_dir if page_src_uri.endswith("index.md") else page_src_uri[: -len(".md")]

    def hidden(target: str) -> bool:
        target = unquote(target.strip()).split("#", 1)[0].split("?", 1)[0]
        if not target or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", target):
            return False  # a page of this site is addressed relatively, without a scheme
        candidates = set()
        for base in (src_dir, url_dir):
            path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(base, target))
            for index in ("index.html", "index.md"):
                path = "" if path == index else path.removesuffix("/" + index)
            path = "" if path == "." else path
            candidates |= {path, path + ".md", f"{path}/index.md" if path else "index.md"}
        return bool(candidates & hidden_src_uris)

    def inline(match: re.Match) -> str:
        target = match.group("angle") if match.group("angle") is not None else match.group("dest")
        return match.group("text") + _NOTE if hidden(target) else match.group(0)

    markdown = _INLINE.sub(inline, markdown)

    hidden_labels: set[str] = set()

    def definition(match: re.Match) -> str:
        target = match.group("angle") if match.group("angle") is not None else match.group("dest")
        if hidden(target):
            hidden_labels.add(_label(match.group("label")))
            return ""
        return match.group(0)

    markdown = _DEFINITION.sub(definition, markdown)
    if hidden_labels:
        def reference(match: re.Match) -> str:
            label = match.group("label") or match.group("text")
            return match.group("text") + _NOTE if _label(label) in hidden_labels else match.group(0)

        markdown = _REFERENCE.sub(reference, markdown)

    def anchor(match: re.Match) -> str:
        href = _HREF.search(match.group("attrs"))
        if href and hidden(next(g for g in href.groups() if g is not None)):
            return match.group("text") + _NOTE
        return match.group(0)

    return _ANCHOR.sub(anchor, markdown) if "<a" in markdown.lower() else markdown
