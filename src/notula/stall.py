"""Telling a child process that has stopped working from one that is slow: it has used no
processor time for a while (read from /proc where there is one)."""

from __future__ import annotations

import time
from pathlib import Path


class Stall:
    """Watches process pid: stalled() once it has used no processor time for seconds."""

    def __init__(self, pid: int, seconds: float) -> None:
        self._stat = Path(f"/proc/{pid}/stat")
        self._seconds = seconds
        self._seen = time.monotonic()
        self._cpu = self._cpu_time()

    def stalled(self) -> bool:
        """Whether the process has done no work for the given seconds (never, where its processor
        time cannot be read: then only a timeout of the caller's own can tell)."""
        now, cpu = time.monotonic(), self._cpu_time()
        if cpu is None or cpu != self._cpu:
            self._cpu, self._seen = cpu, now
            return False
        return now - self._seen > self._seconds

    def _cpu_time(self) -> int | None:
        """The process's user and system time in clock ticks, or None where it cannot be read."""
        try:
            fields = self._stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return int(fields[11]) + int(fields[12])
