"""A full build and Python's cyclic garbage collector.

A build reads, validates and plans every meeting at the start and keeps all of it to the end.
Python's collector would walk all of that again on each of its full passes while the pages are
planned (two passes of 0.6–0.8 s at 5,000 meetings, more as it grows), and once more as the process exits,
to free what the whole build made (3.7 s at 5,000 meetings, 7 s at 10,000). So what a build
has planned is moved out of the collector's way (gc.freeze) for the rest of the build and
handed back (gc.unfreeze) when it ends, so that a process that runs many builds (a preview
that rebuilds on each save, the tests) still frees each one; and a process that is exiting
skips that last pass, as it frees everything anyway.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def kept_to_the_end() -> Iterator[None]:
    """What is made inside (the validated minutes, the plan of every page) lives until the build
    ends: no collection while it is made (nearly all of it stays), and, once it is made, none of
    it walked again by the collector's later passes. Not frozen if it fails."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if enabled:
            gc.enable()


def build_over() -> None:
    """The build has ended (or failed): what it kept may be freed again."""
    gc.unfreeze()


def _exiting() -> None:
    # Interpreter shutdown collects every garbage cycle before it exits; a build's pages,
    # navigation and files are one large set of cycles. Nothing in them needs finalising
    # (Notula closes and removes its files itself), so leave them to the exit.
    gc.freeze()


atexit.register(_exiting)
