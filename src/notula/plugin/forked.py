"""What a full build shares with the workers it forks (plugin.ahead, plugin.writing): who has
claimed each job, and starting and stopping a worker."""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
from collections.abc import Callable
from typing import Any

NOBODY = 0  # a job nobody has claimed yet


class Claims:
    """One small number a job, shared with a forked worker: who has it (NOBODY until claimed)."""

    def __init__(self, count: int) -> None:
        context = mp.get_context("fork")
        self._states = context.RawArray("b", count)
        self._lock = context.Lock()

    def claim(self, index: int, by: int) -> bool:
        """Whether job index is now by's (it was nobody's)."""
        with self._lock:
            if self._states[index] == NOBODY:
                self._states[index] = by
                return True
            return False

    def __getitem__(self, index: int) -> int:
        return self._states[index]

    def __setitem__(self, index: int, state: int) -> None:
        self._states[index] = state


def can_fork(jobs: int, at_least: int) -> bool:
    """Whether a worker is worth forking for jobs: at least that many, a second core, and fork."""
    return jobs >= at_least and (os.cpu_count() or 1) >= 2 and "fork" in mp.get_all_start_methods()


def started(target: Callable[[], None]) -> Any:
    """A forked worker running target."""
    for stream in (sys.stdout, sys.stderr):  # or the worker would write what is buffered again
        stream.flush()
    process = mp.get_context("fork").Process(target=target, daemon=True)
    process.start()
    return process


def stopped(process: Any) -> None:
    """Stop a worker (if it still runs) and wait for it."""
    if process.is_alive():
        process.terminate()
    process.join()
