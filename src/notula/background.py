"""The priority of Pagefind's indexing service in a full build (notula.publishing.search).

A full build keeps three processes busy on two cores: the build itself, the worker making
the pages' sources ahead of it (notula.plugin.ahead), and Pagefind reading the pages and
writing the index. The build needs the worker's pages as it goes, and Pagefind's index only
at the end; so Pagefind runs at a lower priority and takes the time the other two leave it
(measured in the README, *A full build on two cores*).
"""

from __future__ import annotations

import os

NICENESS = 10  # added to the build's own


def lower_priority() -> None:
    """Lower the calling process's priority, where the system has priorities (else nothing)."""
    if hasattr(os, "nice"):
        try:
            os.nice(NICENESS)
        except OSError:  # not allowed here: the same priority as the build
            pass
