"""The priority of a full build's helper processes: the worker making files ahead
(notula.plugin.ahead) and Pagefind's indexing service (notula.publishing.search).

The build's own process is the one a build waits for: it renders every page, and makes
itself whatever the worker has not started. The helpers run at a lower priority, so that
on two cores with three busy processes the build keeps a core of its own and the helpers
share what is left (at 5,000 meetings this took about 4 s off a 64 s build).
"""

from __future__ import annotations

import os

NICENESS = 10  # added to the build's own


def lower_priority() -> None:
    """Lower the calling process's priority, where the system has priorities (else nothing)."""
    if hasattr(os, "nice"):
        try:
            os.nice(NICENESS)
        except OSError:  # not allowed here: the same priority as the build, as before
            pass
