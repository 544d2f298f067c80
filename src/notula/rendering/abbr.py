"""Abbreviations marked in generated HTML, as Python-Markdown's abbr extension marks them in Markdown.

Generated lists (a meeting's decisions, actions, guests; the registers) go into islands that skip
Markdown (render.Islands), so the abbr extension never sees them; this marks their text instead.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

_TAG = re.compile(r"(<[^>]*>)")
_SKIP = {"abbr", "code", "pre", "script", "style", "kbd", "samp", "option", "select", "textarea", "title"}  # text inside these stays as it is


@lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(html.escape(w, quote=False)) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")


def mark(fragment: str, abbreviations: dict[str, str]) -> str:
    """fragment (HTML) with each abbreviation in its text wrapped in <abbr title="…">."""
    pattern = _pattern(tuple(abbreviations))
    if pattern is None or not fragment:
        return fragment
    titles = {html.escape(k, quote=False): html.escape(v) for k, v in abbreviations.items()}
    out: list[str] = []
    skipping: list[str] = []  # the open elements whose text is left alone
    for part in _TAG.split(fragment):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            tag = name.group(1).lower() if name else ""
            if tag in _SKIP and not part.endswith("/>"):
                if part.startswith("</"):
                    if skipping and skipping[-1] == tag:
                        skipping.pop()
                else:
                    skipping.append(tag)
            out.append(part)
        elif skipping or not part.strip():
            out.append(part)
        else:
            out.append(pattern.sub(lambda m: f'<abbr title="{titles[m.group(1)]}">{m.group(1)}</abbr>', part))
    return "".join(out)
