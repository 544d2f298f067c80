"""A full build's generated pages and files made ahead, in a second process, while MkDocs works.

MkDocs reads the generated pages one by one (each then goes through Markdown), and later copies
the feeds, calendars and data files: one core does all of it. Here a forked worker makes every
one of them in the order MkDocs will ask for them and writes each down as it is done; when MkDocs
asks for one, the build takes the worker's result, waits for it if the worker is making it, or
makes it itself if the worker has not got there. The result is
the same as made in place: the worker is a copy of this process at the moment the build planned
its pages, and anything it fails to make (or a worker that dies) is made here instead, where an
error shows as it would without the worker; so is everything left when the worker stalls (it
does no work for STALLED_SECONDS while the build waits for it).

Only for a full build on a system that can fork (as validation and the leak audit do); the
preview makes only the pages a browser asks for (notula.plugin.preview).
"""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import struct
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notula.plugin.forked import Claims, can_fork, started, stopped
from notula.stall import Stall

WORKER_FROM = 50  # fewer jobs than this are made in place, not worth a process (the demo has about 100)
STALLED_SECONDS = 10  # a worker that does no work this long while the build waits for it is stopped


@dataclass(frozen=True)
class Job:
    """One thing to make ahead: make() runs in the worker, settle(value) here with its result."""

    make: Callable[[], Any]
    settle: Callable[[Any], None]


class Ahead:
    """The jobs, made by a worker in the given order; wait(i) before using job i's result.

    Each job is claimed once, by the worker or by the build: the build claims a job the worker
    has not started when it needs it, and makes it itself rather than wait (at the start, and
    wherever the worker falls behind), so neither waits for work the other could do. The worker
    appends each result to a file that the build reads as it needs them: the worker never waits
    for the build (a pipe would stop it when full, and a thread here draining it would wait for
    the interpreter lock while the build renders)."""

    def __init__(self, jobs: Sequence[Job], folder: Path) -> None:
        self.jobs = list(jobs)
        self._next = 0  # the first job not settled yet
        self._folder = folder
        self._path = folder / "results"
        self._results: int | None = None  # the file's descriptor, read with os.read (no seek per result)
        self._read = bytearray()  # read from it, not taken yet from _taken on
        self._taken = 0
        self._process: Any = None
        self._claims = Claims(len(self.jobs))  # shared with the worker: who makes each job

    @classmethod
    def start(cls, jobs: Sequence[Job]) -> Ahead | None:
        """A worker making jobs, or None where this system or this build does not use one."""
        if not can_fork(len(jobs), WORKER_FROM):
            return None
        ahead = cls(jobs, Path(tempfile.mkdtemp(prefix="notula-ahead-")))
        ahead._path.touch()
        ahead._process = started(ahead._work)
        ahead._results = os.open(ahead._path, os.O_RDONLY)
        return ahead

    def _claim(self, index: int, by: int) -> bool:
        """Whether job index is now by's to make (it was nobody's)."""
        return self._claims.claim(index, by)

    def _work(self) -> None:  # in the worker
        gc.freeze()  # the build's objects stay as they are: not copied to be looked at by the collector
        with self._path.open("ab") as results:
            for index, job in enumerate(self.jobs):
                record = self._result(index, job)
                results.write(_LENGTH.pack(len(record)) + record)
                results.flush()

    def _result(self, index: int, job: Job) -> bytes:  # in the worker
        if self._claim(index, _WORKER):  # else the build makes it
            try:
                return pickle.dumps((index, True, job.make()), pickle.HIGHEST_PROTOCOL)
            except BaseException:  # made again in the build, where the error shows as it should
                pass
        return pickle.dumps((index, False, None))

    def wait(self, index: int) -> None:
        """Settle the results up to and including job index, waiting for the worker if it is
        making that job. Those it did not make (it failed, or the build claimed them, as it
        claims job index if the worker has not started it) are left to their owner to make."""
        while self._next <= index and self._results is not None:
            record = self._record(block=False)
            if record is _NOT_YET and self._claim(index, _BUILD):
                return
            if record is _NOT_YET:  # the worker is making it
                record = self._record(block=True)
            if record is _GONE:  # what the worker has not made is made in place
                self.close()
                return
            done, made, value = record
            if made:
                self.jobs[done].settle(value)
            self._next = done + 1
        if self._next >= len(self.jobs):
            self.close()

    def _record(self, block: bool) -> Any:
        """The next result, waiting for the worker to write it if block; _NOT_YET if it is not
        written yet (without block), _GONE if it never will be (the worker has ended, or has
        stalled while the build waits for it)."""
        stall, looked = (Stall(self._process.pid, STALLED_SECONDS), time.monotonic()) if block else (None, 0.0)
        while True:
            record = self._take()
            if record is not _NOT_YET:
                return record
            alive = self._process.is_alive()  # asked first: what a finished worker wrote is all there
            if self._read_more():
                continue
            if not alive:
                return _GONE
            if stall is None:
                return _NOT_YET
            if time.monotonic() - looked > 0.25:  # /proc is read a few times a second, not at every poll
                if stall.stalled():
                    return _GONE  # wait() stops it; the build makes the rest
                looked = time.monotonic()
            time.sleep(0.002)

    def _take(self) -> Any:
        """The next result in what has been read, or _NOT_YET if it is not all there."""
        start = self._taken + _LENGTH.size
        if len(self._read) < start:
            return _NOT_YET
        (length,) = _LENGTH.unpack_from(self._read, self._taken)
        if len(self._read) < start + length:
            return _NOT_YET
        self._taken = start + length
        with memoryview(self._read) as view:
            return pickle.loads(view[start:start + length])

    def _read_more(self) -> bool:
        """Read what the worker has written since; False if nothing."""
        assert self._results is not None
        chunk = os.read(self._results, 1 << 20)
        if not chunk:
            return False
        del self._read[:self._taken]
        self._taken = 0
        self._read += chunk
        return True

    def close(self) -> None:
        """Stop the worker (a build that failed half-way no longer needs it)."""
        if self._process is not None:
            stopped(self._process)
            self._process = None
        if self._results is not None:
            os.close(self._results)
            self._results = None
        shutil.rmtree(self._folder, ignore_errors=True)


_LENGTH = struct.Struct("<Q")  # before each result in the file: its length
_NOT_YET, _GONE = object(), object()
_WORKER, _BUILD = 1, 2  # who makes a job (forked.NOBODY before)
