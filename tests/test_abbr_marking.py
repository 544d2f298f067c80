"""abbr.mark against a plain reference: split the HTML at every tag and mark each text part
outside the skipped elements. mark itself looks only at the abbreviations and skipped tags it
finds (for speed); on any HTML, well-formed or not, it must give the same result."""

from __future__ import annotations

import html
import random
import re

import pytest

from notula.rendering import abbr

ABBREVIATIONS = {"CGH": "Chefsgruppen Halland", "AF": "Arbetsförmedlingen", "SO": "Samhällsorientering",
                 "R&D": "Forskning <och> utveckling"}
_TAG = re.compile(r"(<[^>]*>)")


def reference(fragment: str, abbreviations: dict[str, str]) -> str:
    pattern = abbr._pattern(tuple(abbreviations))
    titles = {html.escape(k, quote=False): html.escape(v) for k, v in abbreviations.items()}
    out, skipping = [], []
    for part in _TAG.split(fragment):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            tag = name.group(1).lower() if name else ""
            if tag in abbr._SKIP and not part.endswith("/>"):
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


PIECES = ["<", ">", "/", "</", "/>", " ", "-", "x", "CGH", "AF", "SO", "R&amp;D", "AFS", "xCGH", "code", "CODE",
          "pre", "abbr", "p", "a href='CGH'", "kbd", "\u212abd", "\u017fcript", "script", "<code>", "</code>", "<pre>", "</pre>",
          "<p>", "</p>", "<code/>", "< code>", "</ code>", "<abbr title=\"x\">", "</abbr>", "\n", "ä"]


@pytest.mark.parametrize("seed", range(8))
def test_mark_is_the_reference_on_random_html(seed):
    rng = random.Random(seed)
    for _ in range(500):
        fragment = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))
        assert abbr.mark(fragment, ABBREVIATIONS) == reference(fragment, ABBREVIATIONS), fragment


def test_mark_is_the_reference_on_a_page():
    page = ("<h2>Beslut</h2><p>CGH och AF: <code>CGH</code> <pre><code>AF</code> SO</pre> SO-plan, SO</p>"
            '<a title="AF" href="/af/">AF</a><abbr title="x">CGH</abbr> R&amp;D <br/> CGH')
    assert abbr.mark(page, ABBREVIATIONS) == reference(page, ABBREVIATIONS)
    assert abbr.mark(page, ABBREVIATIONS).count("<abbr") == 8  # one was there; SO-plan explains SO


def _whole_words(abbreviations: dict[str, str]) -> re.Pattern:
    """The rule abbr._pattern is written for speed from: each abbreviation as HTML writes it, as a
    whole word (no letter, digit or "_" just before or after), the longest where several fit."""
    escaped = sorted((html.escape(w, quote=False) for w in abbreviations), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, escaped)) + r")(?!\w)")


TRICKY = {"SO": "", "SOS": "", "S": "", "ÖK": "", "&T": "", "R&D": "", "K-S": "", "1A": "", "Ω": ""}
TEXT_PIECES = ["SO", "SOS", "S", "ÖK", "&amp;T", "R&amp;D", "K-S", "1A", "Ω", "x", "ä", "É", "_", "1", " ", "\n",
               "-", ".", "&", ";", "<p>", "</p>", "ΩΩ", "\u0301", "\u00a0"]


@pytest.mark.parametrize("seed", range(4))
def test_the_pattern_finds_whole_words_as_the_plain_rule(seed):
    rng = random.Random(seed)
    for abbreviations in (TRICKY, ABBREVIATIONS, {"S": ""}):
        fast, plain = abbr._pattern(tuple(abbreviations)), _whole_words(abbreviations)
        for _ in range(2000):
            text = "".join(rng.choice(TEXT_PIECES) for _ in range(rng.randint(0, 12)))
            assert [(m.span(), m.group(1)) for m in fast.finditer(text)] == \
                   [(m.span(), m.group(1)) for m in plain.finditer(text)], (abbreviations, text)
