"""Links in Markdown as people write them: inline links and images, and reference definitions.

One place for their syntax: the passes that unlink what a build does not publish
(notula.showing.links), the body's links to its attachments that the build points at the
published copies (notula.rendering.pages), and the check that such a link names a listed
attachment (notula.model.body_links) all read links here.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterator
from urllib.parse import unquote

TEXT = r"(?P<text>(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)"  # link text, one level of [brackets]
_TITLE = r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?"""
# [text](target "title") and ![alt](<target with spaces>)
INLINE = re.compile(r"(?<!\\)(?P<image>!?)\[" + TEXT + r"\]\(\s*(?:<(?P<angle>[^>\n]*)>|(?P<dest>[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*))"
                    + _TITLE + r"\s*\)")
# [label]: target "title", the target and the title each possibly on the next line
DEFINITION = re.compile(r"^ {0,3}\[(?P<label>(?:[^\[\]\\]|\\.)+)\]:[ \t]*\n?[ \t]*(?:<(?P<angle>[^>\n]*)>|(?P<dest>\S+))"
                        r"(?:[ \t]*\n?[ \t]*(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$", re.MULTILINE)
_SCHEME_OR_ROOT = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|[/\\])")


def target_of(match: re.Match) -> str:
    """The target of an INLINE or DEFINITION match, without its <…>."""
    return match.group("angle") if match.group("angle") is not None else match.group("dest")


def _footnote(match: re.Match) -> bool:
    """Whether a DEFINITION match is a footnote ([^1]: text), whose first word is no address."""
    return match.re is DEFINITION and match.group("label").startswith("^")


def targets(markdown: str) -> Iterator[tuple[int, str]]:
    """(offset in markdown, target) of each inline link or image and each reference definition
    (not a footnote's text)."""
    if "[" not in markdown:
        return
    for pattern in (INLINE, DEFINITION):
        for match in pattern.finditer(markdown):
            if not _footnote(match):
                yield match.start(), target_of(match)


def rebase(markdown: str, change: Callable[[str], str | None]) -> str:
    """markdown with the target of each inline link and image and of each reference definition
    (not a footnote's text) replaced by change(target), where that gives one; its text, title
    and <…> are kept."""
    if "[" not in markdown:
        return markdown

    def target(match: re.Match) -> str:
        if _footnote(match):
            return match.group(0)
        group = "angle" if match.group("angle") is not None else "dest"
        new = change(match.group(group))
        if new is None:
            return match.group(0)
        start, end = match.start(group) - match.start(), match.end(group) - match.start()
        return match.group(0)[:start] + new + match.group(0)[end:]

    return DEFINITION.sub(target, INLINE.sub(target, markdown))


def local_path(target: str) -> str | None:
    """The file a link target names relative to the Markdown file, as an editor's preview reads it
    (%-decoded, '.' and '..' resolved, backslashes as slashes, in NFC); None for an address with a
    scheme, one from the site's root, and a link within the page."""
    path = path_part(target)
    if not path or _SCHEME_OR_ROOT.match(path):
        return None
    return unicodedata.normalize("NFC", posixpath.normpath(unquote(path).replace("\\", "/")))


def path_part(target: str) -> str:
    """target without its query and fragment."""
    return re.split(r"[?#]", target, maxsplit=1)[0]
