"""The search index Pagefind wrote, checked before the build that made it may succeed.

A build that exits 0 has a search that works in the browser: the entry file parses; every file
it names (each language's metadata and WebAssembly) and every file the metadata names (the
index chunks, filters and page fragments) exists, is not empty and unpacks whole; and the index
holds as many pages as Pagefind was given. Pagefind's metadata is its own format (gzip, a
signature, then CBOR); a layout this module does not know is an error, never a pass.
"""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import cbor2

from notula.errors import NotulaError
from notula.i18n import _

SIGNATURE = b"pagefind_dcd"  # what each of Pagefind's packed files starts with, once unpacked
UI_FILES = ("pagefind.js", "pagefind-component-ui.js", "pagefind-component-ui.css")  # what the theme loads


class BrokenIndex(NotulaError):
    """The index on disk is not one the browser can use; the message says what is wrong."""


def check(folder: Path, pages: int, merged: bool = False) -> None:
    """Check the index in folder against the number of pages Pagefind indexed. merged: a part of
    an index after its first (notula.publishing.search), which needs no scripts or WebAssembly
    of its own. Raises BrokenIndex."""
    entry = _entry(folder)
    counted = 0
    for language, about in entry.items():
        if not isinstance(about, dict) or not isinstance(about.get("hash"), str) or not isinstance(about.get("page_count"), int):
            raise BrokenIndex(_("{file} does not describe the language {language} as Pagefind does")
                              .format(file=folder / "pagefind-entry.json", language=language))
        meta = _unpacked(folder / f"pagefind.{about['hash']}.pf_meta")
        named = _named_files(folder, meta)
        if len(named["fragment"]) != about["page_count"]:
            raise BrokenIndex(_("the index of the language {language} says {count} pages but lists {listed}")
                              .format(language=language, count=about["page_count"], listed=len(named["fragment"])))
        for kind, hashes in named.items():
            for file_hash in hashes:
                _unpacked(folder / kind / f"{file_hash}.pf_{kind}")
        if about.get("wasm") and not merged:
            _not_empty(folder / f"wasm.{about['wasm']}.pagefind")
        counted += about["page_count"]
    for name in () if merged else UI_FILES:
        _not_empty(folder / name)
    if counted != pages:
        raise BrokenIndex(_("the index holds {counted} pages, but Pagefind indexed {pages}").format(counted=counted, pages=pages))


def page_count(folder: Path) -> int:
    """The number of pages the index in folder says it holds, over every language. Raises BrokenIndex."""
    return sum(about.get("page_count", 0) if isinstance(about, dict) else 0 for about in _entry(folder).values())


def _entry(folder: Path) -> dict:
    path = folder / "pagefind-entry.json"
    try:
        languages = json.loads(_not_empty(path)).get("languages")
    except (ValueError, AttributeError):
        raise BrokenIndex(_("{file} is not whole (it does not parse as JSON)").format(file=path)) from None
    if not isinstance(languages, dict) or not languages:
        raise BrokenIndex(_("{file} names no language").format(file=path))
    return languages


def _named_files(folder: Path, meta: bytes) -> dict[str, list[str]]:
    """The fragments, index chunks and filters that a language's metadata names, by kind."""
    try:
        _version, fragments, chunks, filters, *_rest = cbor2.loads(meta[len(SIGNATURE):])
        return {"fragment": [page[0] for page in fragments], "index": [chunk[-1] for chunk in chunks],
                "filter": [name_hash[1] for name_hash in filters]}
    except (ValueError, TypeError, IndexError, cbor2.CBORDecodeError):
        raise BrokenIndex(_("Pagefind's metadata in {folder} has a layout Notula does not know "
                            "(a newer Pagefind? install the version Notula names)").format(folder=folder)) from None


def _unpacked(path: Path) -> bytes:
    try:
        data = gzip.decompress(_not_empty(path))
    except (OSError, EOFError, zlib.error):
        raise BrokenIndex(_("{file} is not whole (it does not unpack)").format(file=path)) from None
    if not data.startswith(SIGNATURE):
        raise BrokenIndex(_("{file} is not one of Pagefind's files").format(file=path))
    return data


def _not_empty(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BrokenIndex(_("{file} is missing").format(file=path)) from None
    except OSError as exc:
        raise BrokenIndex(_("{file} cannot be read: {error}").format(file=path, error=exc.strerror or exc)) from None
    if not data:
        raise BrokenIndex(_("{file} is empty").format(file=path))
    return data
