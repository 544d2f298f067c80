"""Python's cyclic garbage collector and what Notula makes to keep.

Reading minutes makes many small objects that all stay alive, and a full build keeps what it
validated and planned to its end. Python's collector would walk all of that again on each of its
full passes (half the time of a large check; two passes of 0.6–0.8 s while a build of 5,000
meetings is planned), and once more as the process exits, to free what the whole build made
(3.7 s at 5,000 meetings, 7 s at 10,000). So no collection runs while such objects are made; what
a build planned is moved out of the collector's way (gc.freeze) for the rest of the build and
handed back (gc.unfreeze) when it ends, so that a process that runs build after build (`notula
build` makes both sites in one; the tests) still frees each; and an exiting process skips that
last pass, as it frees everything anyway.
"""

from __future__ import annotations

import atexit
import ctypes
import gc
import zlib
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No collection while what is made inside (nearly all of which stays) is made."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def kept_to_the_end() -> Iterator[None]:
    """What is made inside (the validated minutes, the plan of every page) lives until the build
    ends: made with no collection, and once made, never walked again by the collector's later
    passes (build_over hands it back). Not frozen if it fails."""
    with paused():
        yield
        gc.freeze()


def kept_for_good() -> None:
    """What the process holds now lives as long as it does (the preview's first load: the
    validated meetings, in its cache): collected once, then out of every later full pass, which
    would otherwise rescan it on every save (seconds at 5,000 meetings)."""
    gc.collect()
    gc.freeze()


def shared_with_a_fork() -> None:
    """This process is about to fork a worker that reads what the build holds (notula.plugin.writing):
    all of it moves out of the collector's way until build_over, so that neither process's
    collections write to the objects the two share (each such write copies a page of memory into
    the writing process: a collection in either would copy nearly all of it)."""
    gc.freeze()


def build_over() -> None:
    """The build has ended (or failed): what it kept may be freed again."""
    gc.unfreeze()


def packed(text: str) -> bytes:
    """Text a build keeps until it needs it again, compressed: a page's HTML or Markdown, which
    Python holds at two bytes a character once it has an å, takes about a tenth (zlib's fastest
    level: 0.12 ms for a meeting page). unpacked() gives it back."""
    return zlib.compress(text.encode("utf-8"), 1)


def unpacked(data: bytes) -> str:
    """The text packed() kept."""
    return zlib.decompress(data).decode("utf-8")


def give_back() -> None:
    """Hand what has been freed back to the system where the C library keeps it for reuse
    (glibc's malloc_trim): a full build lets go of its pages' HTML before Pagefind, a process
    that needs as much again, indexes the finished site. Nothing where the library has no such call."""
    if _trim is not None:
        _trim(0)


def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


_trim = _malloc_trim()


def _exiting() -> None:
    # Interpreter shutdown collects every garbage cycle before it exits; a build's pages,
    # navigation and files are one large set of cycles. Nothing in them needs finalising
    # (Notula closes and removes its files itself), so leave them to the exit.
    gc.freeze()


atexit.register(_exiting)
