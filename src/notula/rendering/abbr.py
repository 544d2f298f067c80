"""The registry's abbreviations marked in a page's HTML, each use explained on hover.

One marker for every page, its Markdown and its generated HTML alike: the generated HTML as
render.Islands keeps it (it skips Markdown), the rest of a page once Markdown has rendered it.
Python-Markdown's abbr extension stays for abbreviations a page defines itself (`*[KS]: …`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from functools import lru_cache

_TAG = re.compile(r"(<[^>]*>)")
_SKIP = {"abbr", "code", "pre", "script", "style", "kbd", "samp", "option", "select", "textarea", "title"}  # text inside these stays as it is


@lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    escaped = sorted((html.escape(w, quote=False) for w in words), key=len, reverse=True)
    # Whole words, as Python-Markdown's abbr extension finds them: "KS-beslutet" explains KS too.
    if not all(escaped):
        return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, escaped)) + r")(?!\w)")
    # Each word's first letter before the check that no letter precedes it (made after that
    # letter, over the two before): a pattern that starts with a letter of words is looked for
    # by the engine's fast scan, and not tried at every position of the page (two to three times faster).
    return re.compile("(" + "|".join(re.escape(w[0]) + r"(?<!\w(?s:.))" + re.escape(w[1:]) for w in escaped) + r")(?!\w)")


@lru_cache(maxsize=8)
def _titles(abbreviations: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Each abbreviation as it is in HTML text, and its explanation as an attribute value."""
    return {html.escape(k, quote=False): html.escape(v) for k, v in abbreviations}


def mark(fragment: str, abbreviations: Mapping[str, str]) -> str:
    """fragment (HTML) with each abbreviation in its text wrapped in <abbr title="…">.

    Text is what lies between tags (`<…>`, to the first `>`); text inside the _SKIP elements
    stays as it is. Only the abbreviations found and the _SKIP tags are looked at, not every
    tag of the fragment (a register holds tens of thousands)."""
    pattern = _pattern(tuple(abbreviations))
    if pattern is None or not fragment:
        return fragment
    found = list(pattern.finditer(fragment))
    if not found:
        return fragment
    titles = _titles(tuple(abbreviations.items()))
    events = sorted([(m.start(), m) for m in _SKIP_TAG.finditer(fragment) if _starts_tag(fragment, m.start())]
                    + [(m.start(), m) for m in found], key=lambda event: event[0])
    out: list[str] = []
    skipping: list[str] = []  # the open elements whose text is left alone
    done, last = 0, _last_text(fragment)
    for at, match in events:
        if match.re is _SKIP_TAG:
            tag = match.group(2)
            if not (tag.isascii() and tag.lower() in _SKIP) or _tag_text(fragment, at).endswith("/>"):
                continue
            if match.group(1):
                if skipping and skipping[-1] == tag.lower():
                    skipping.pop()
            else:
                skipping.append(tag.lower())
        elif not skipping and _in_text(fragment, at, last):
            word = match.group(1)
            out += (fragment[done:at], f'<abbr title="{titles[word]}">{word}</abbr>')
            done = match.end()
    return "".join(out) + fragment[done:] if out else fragment


# A tag as the text is split at tags, `<[^>]*>`, that may be one of _SKIP (checked exactly after).
_SKIP_TAG = re.compile(r"<(/?)\s*(" + "|".join(sorted(_SKIP)) + r")(?-i:(?![a-zA-Z0-9]))", re.IGNORECASE)


def _starts_tag(text: str, at: int) -> bool:
    """Whether the `<` at `at` starts a tag: one `>` follows it, and none of the tags before it
    is still open (every `<` before it has a `>` after it, before `at`)."""
    before = text.rfind("<", 0, at)
    return text.find(">", at) >= 0 and (before < 0 or text.find(">", before, at) >= 0)


def _in_text(text: str, at: int, last: int) -> bool:
    """Whether position `at` (of a word without `<` or `>`) is in text, not inside a tag; the text
    after the last tag (from `last`) is not, if it starts with `<` (it is taken for a tag)."""
    if text.find(">", at) < 0:
        return not text.startswith("<", last)
    before = text.rfind("<", 0, at)
    return before < 0 or text.find(">", before, at) >= 0


def _last_text(text: str) -> int:
    """Where the text after the last tag starts: after the last `>` that closes a tag (one
    with a `<` between it and the `>` before it)."""
    end = text.rfind(">")
    while end >= 0:
        previous = text.rfind(">", 0, end)
        if text.find("<", previous + 1, end) >= 0:
            return end + 1
        end = previous
    return 0


def _tag_text(text: str, at: int) -> str:
    return text[at:text.index(">", at) + 1]
