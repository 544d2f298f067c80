"""A full build's generated pages and files made ahead, in a second process, while MkDocs works.

MkDocs reads the generated pages one by one (each then goes through Markdown), and later copies
the feeds, calendars and data files: one core does all of it. Here a forked worker makes every
one of them in the order MkDocs will ask for them and writes each down as it is done; when MkDocs
asks for one, the build takes the worker's result, waiting if it is not there yet. The result is
the same as made in place: the worker is a copy of this process at the moment the build planned
its pages, and anything it fails to make (or a worker that dies) is made here instead, where an
error shows as it would without the worker.

Only for a full build on a system that can fork (as validation and the leak audit do); the
preview makes only the pages a browser asks for (notula.plugin.preview).
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WORKER_FROM = 50  # fewer jobs than this are made in place, not worth a process (the demo has about 100)


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
    writes each result to a file of its own, which the build reads when it needs it: the worker
    never waits for the build (a pipe would stop it when full, and a thread here draining it
    would wait for the interpreter lock while the build renders)."""

    def __init__(self, jobs: Sequence[Job], folder: Path, order: Sequence[int] | None = None) -> None:
        self.jobs = list(jobs)
        self.order = list(order) if order is not None else list(range(len(self.jobs)))
        self._folder = folder
        self._process: Any = None
        context = mp.get_context("fork")
        self._claims = context.RawArray("b", len(self.jobs))  # shared with the worker: who makes each job
        self._lock = context.Lock()
        self._settled: set[int] = set()

    @classmethod
    def start(cls, jobs: Sequence[Job], order: Sequence[int] | None = None) -> Ahead | None:
        """A worker making jobs (in order, a permutation of their indexes: by default as given),
        or None where this system or this build does not use one."""
        if len(jobs) < WORKER_FROM or (os.cpu_count() or 1) < 2 or "fork" not in mp.get_all_start_methods():
            return None
        ahead = cls(jobs, Path(tempfile.mkdtemp(prefix="notula-ahead-")), order)
        for stream in (sys.stdout, sys.stderr):  # or the worker would write what is buffered again
            stream.flush()
        ahead._process = mp.get_context("fork").Process(target=ahead._work, daemon=True)
        ahead._process.start()
        return ahead

    def _claim(self, index: int, by: int) -> bool:
        """Whether job index is now by's to make (it was nobody's)."""
        with self._lock:
            if self._claims[index] == _NOBODY:
                self._claims[index] = by
                return True
            return False

    def _work(self) -> None:  # in the worker
        gc.freeze()  # the build's objects stay as they are: not copied to be looked at by the collector
        for index in self.order:
            if not self._claim(index, _WORKER):  # the build makes it
                continue
            try:
                record = pickle.dumps((True, self.jobs[index].make()), pickle.HIGHEST_PROTOCOL)
            except BaseException:  # made again in the build, where the error shows as it should
                record = pickle.dumps((False, None))
            partial_path = self._folder / f"{index}.part"
            partial_path.write_bytes(record)
            partial_path.rename(self._folder / str(index))  # whole, or not there

    def wait(self, index: int) -> None:
        """Settle job index's result, waiting for the worker if it is making it. A job it did
        not make (it failed, or the build claimed it, as it claims the job if the worker has not
        started it) is left to its owner to make."""
        if index in self._settled or self._process is None or self._claim(index, _BUILD) or self._claims[index] == _BUILD:
            return
        self._settled.add(index)
        path = self._folder / str(index)
        while not path.exists():
            if not self._process.is_alive() and not path.exists():  # gone: the rest is made in place
                self.close()
                return
            time.sleep(0.002)
        made, value = pickle.loads(path.read_bytes())
        path.unlink()
        if made:
            self.jobs[index].settle(value)

    def close(self) -> None:
        """Stop the worker (a build that failed half-way no longer needs it)."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None
        shutil.rmtree(self._folder, ignore_errors=True)


_NOBODY, _WORKER, _BUILD = 0, 1, 2  # who makes a job
