"""How much memory a build holds and the machine has, and the most a build may hold.

A build keeps its processes together (itself, a forked worker, Pagefind) within MEMORY_CEILING,
a CI runner's comfortable share, wherever it chooses how much to do at once: whether a worker
writes pages beside it (plugin.writing), how many pages one run of Pagefind indexes
(publishing.search). Both sizes are read from Linux's /proc; None where they cannot be.
"""

from __future__ import annotations

import os
from pathlib import Path

MEMORY_CEILING = 2500 * 2**20  # bytes: what a build's processes may hold together, at most


def resident() -> int | None:
    """This process's resident size in bytes (Linux), or None."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def available() -> int | None:
    """The memory the machine has available for a new process, in bytes (Linux), or None."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None
