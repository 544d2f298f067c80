"""Letters that look alike: a name written with a Cyrillic "а" is still the name to a reader.

The table is the confusables skeleton of Unicode Technical Standard #39, taken from the data
that the confusable-homoglyphs package ships (Unicode's confusables.txt and Scripts.txt), not
typed here. It is applied to both sides of a comparison, a hidden name and the text searched,
after case folding. Only letters outside ASCII are mapped, so that ASCII text keeps its
offsets and its cost. `scripts_mixed` tells whether one word mixes letters of two scripts
(Latin with Cyrillic or Greek, say), which in a name is a spoof or a typing slip.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from confusable_homoglyphs import categories, confusables

_MARKS = ("\u200e", "\u200f")  # the package wraps right-to-left letters in direction marks


@lru_cache(maxsize=1)
def table() -> dict[int, str]:
    """Non-ASCII letter -> what it folds to (lower case, Latin where it looks Latin)."""
    # The package stores each line of confusables.txt (source -> prototype) in both directions:
    # the classes of letters that look alike are the connected parts of that graph.
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.get(node, node) != node:
            node = parent[node]
        return node

    for char, entries in confusables.confusables_data.items():
        for entry in entries:
            a, b = root(_plain(char)), root(_plain(entry["c"]))
            if a != b:
                parent[a] = b
    members: dict[str, list[str]] = {}
    for node in {*parent, *parent.values()}:
        members.setdefault(root(node), []).append(node)
    standing = {node: min(group, key=_preference) for group in members.values() for node in group}

    mapping: dict[int, str] = {}
    for char in standing:
        if len(char) != 1 or char.isascii() or not unicodedata.category(char).startswith("L"):
            continue
        like = standing[char]
        if char.casefold() != char and len(like) == 1 and like.isascii() and like.isupper():
            folded = like.casefold()  # a Cyrillic "В" looks like "B", not like "в"
        else:
            folded = unicodedata.normalize("NFC", "".join(standing.get(c, c) for c in char.casefold()))
        if folded != char.casefold():
            mapping[ord(char)] = folded
    return mapping


def _preference(node: str) -> tuple:
    """Which member of a class stands for it: a small ASCII letter, else ASCII, else a single
    character of the lowest code point (the Latin-1 letters of Nordic names stand for themselves)."""
    return (len(node) != 1, not node.isascii(), not (node.isalpha() and node.islower()), node)


def _plain(text: str) -> str:
    for mark in _MARKS:
        text = text.replace(mark, "")
    return text


@lru_cache(maxsize=1)
def letters() -> frozenset[str]:
    """Every letter the table maps."""
    return frozenset(map(chr, table()))


_BEYOND_LATIN1 = re.compile("[\u0100-\U0010ffff]")


def has_lookalike(text: str) -> bool:
    """Whether text has a letter the table maps. (A character class of the table's thousands of
    letters would make a regular expression scan slowly: the few characters beyond Latin-1 are
    found first, and tested as a set.)"""
    if text.isascii():
        return False
    if any(c in text for c in _latin1_letters()):  # the micro sign
        return True
    return not letters().isdisjoint(set(_BEYOND_LATIN1.findall(text)))


@lru_cache(maxsize=1)
def _latin1_letters() -> tuple[str, ...]:
    return tuple(c for c in letters() if c < "\u0100")


def latin(text: str) -> str:
    """text with every look-alike letter replaced by the letter it looks like (lower case)."""
    return text.translate(table()) if has_lookalike(text) else text


@lru_cache(maxsize=4096)
def script(char: str) -> str:
    """The Unicode script of a character (LATIN, CYRILLIC, GREEK, COMMON, …)."""
    return categories.alias(char)


_SHARED_SCRIPTS = frozenset({"COMMON", "INHERITED"})
_NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\W\d_\x00-\x7f][^\W\d_]*")


def scripts_mixed(word: str) -> bool:
    """Whether the letters of one word come from more than one script."""
    found = {script(c) for c in word if c.isalpha()} - _SHARED_SCRIPTS
    return len(found) > 1


# Latin (with Latin-1, Extended-A and -B, IPA and Extended Additional) and what all scripts share:
# a text with nothing else has no word of two scripts, which is most texts (a quick test).
_BEYOND_LATIN = re.compile("[^\x00-\u02ff\u1e00-\u1eff\u2000-\u206f]")


def mixed_words(text: str) -> list[str]:
    """The words of text whose letters come from more than one script, in order."""
    if text.isascii() or not _BEYOND_LATIN.search(text):
        return []
    return [w for w in _NON_ASCII_WORD.findall(text) if scripts_mixed(w)]
