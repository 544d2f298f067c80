"""MkDocs' writing of the pages, shared with a forked worker on the second core.

Once every page is rendered (`on_env`), MkDocs writes them one by one: Material's templates,
the `on_page_context` and `on_post_page` events, the file. That is a fifth of a full build,
on one core, while the other has nothing left to do. Here a worker, forked at that moment (a
copy of the build with every page rendered), writes pages from the last one backwards, as
MkDocs writes them from the first one on: each page is claimed once, by whichever gets to it
first, and the worker stops where the two meet. The build skips the pages the worker claimed
(mkdocs_private.pages_skipped) and, before anything reads the site (`finish`, at the start of
`on_post_build`), writes every one of them the worker did not finish: a page whose writing
failed or logged anything (written again here, where the error or message shows, and counts
for `strict`), and all it had claimed if it died or stalled (a half-written file is written
again whole).

Only where the memory the worker comes to hold keeps the build within MEMORY_CEILING (the
worker's reads and allocations make private copies of most of what it shares with the build),
and where a page's writing runs nothing that keeps anything for later: every handler of
`on_page_context` and `on_post_page` is Notula's own or declares itself free of that
(SAME_IN_ANY_PROCESS in its module), since what a handler keeps in the worker is lost with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from notula import heap, memory
from notula.plugin.forked import Claims, can_fork, started, stopped
from notula.stall import Stall

WORKER_FROM = 50  # fewer pages than this are all written in the build
# The worker shares the build's memory until either writes to it, and both do to most of it:
# the objects each reads have their reference counts changed, and what each allocates fills the
# gaps between the build's objects. At 20,000 meetings the two held 1,644 MB before the fork and
# 2,690 MB (PSS) at the end of the writing: COPIED of the build's resident size more.
COPIED = 0.65
STALLED_SECONDS = 10  # a worker that does no work this long while the build waits for it is stopped
EVENTS = ("page_context", "post_page")  # what MkDocs runs for each page while writing it
# A module (a site's hook, a plugin) whose handlers of EVENTS keep nothing for later, so that
# they may run in another process, says so with this name set to True.
SAME_IN_ANY_PROCESS = "NOTULA_SAME_IN_ANY_PROCESS"

_WORKER, _BUILD, _WRITTEN, _GIVEN_BACK = 1, 2, 3, 4  # where each page stands (forked.NOBODY before)


def handlers_allow(handlers: Sequence[Callable], own: object) -> bool:
    """Whether these event handlers may run in a worker: each is a method of own (Notula's
    plugin) or comes from a module that declares SAME_IN_ANY_PROCESS."""
    for handler in handlers:
        if getattr(handler, "__self__", None) is own:
            continue
        function = getattr(handler, "__func__", handler)
        if getattr(function, "__globals__", {}).get(SAME_IN_ANY_PROCESS) is not True:
            return False
    return True


def memory_allows(resident: int | None, available: int | None) -> bool:
    """Whether a build holding resident bytes may fork the worker: with the memory the two come to
    hold (COPIED), it stays under memory.MEMORY_CEILING and within what the machine has available.
    Not where either cannot be read."""
    if resident is None or available is None:
        return False
    return resident * (1 + COPIED) <= memory.MEMORY_CEILING and resident * COPIED <= available


class SharedWriting:
    """The pages (in the order MkDocs writes them), a worker writing from the end with write(page)."""

    def __init__(self, pages: Sequence[Any], write: Callable[[Any], None]) -> None:
        self.pages = list(pages)
        self._write = write
        self._index = {id(page): i for i, page in enumerate(self.pages)}
        self._states = Claims(len(self.pages))  # shared with the worker
        self._process: Any = None

    @classmethod
    def start(cls, pages: Sequence[Any], write: Callable[[Any], None]) -> SharedWriting | None:
        """A worker writing pages, or None where this system or this build does not use one."""
        if not can_fork(len(pages), WORKER_FROM):
            return None
        if not memory_allows(memory.resident(), memory.available()):
            return None
        shared = cls(pages, write)
        heap.shared_with_a_fork()
        shared._process = started(shared._work)
        return shared

    def takes(self, page: Any) -> bool:
        """Whether the worker writes page (MkDocs is to skip it); otherwise the build claims it."""
        index = self._index.get(id(page))
        return index is not None and not self._states.claim(index, _BUILD)

    def _work(self) -> None:  # in the worker
        logged = _silenced()
        for index in range(len(self.pages) - 1, -1, -1):
            if not self._states.claim(index, _WORKER):
                return  # the build has got here: every page before is its own
            logged.clear()
            try:
                self._write(self.pages[index])
                written = not logged
            except BaseException:  # written again in the build, where the error shows
                written = False
            self._states[index] = _WRITTEN if written else _GIVEN_BACK

    def finish(self) -> list[Any]:
        """Wait for the worker, then write here every page it claimed and did not write; the
        pages it wrote."""
        if self._process is not None:
            stall = Stall(self._process.pid, STALLED_SECONDS)
            while self._process.is_alive() and not stall.stalled():
                self._process.join(0.25)
        self.close()
        for index, page in enumerate(self.pages):
            if self._states[index] in (_WORKER, _GIVEN_BACK):
                self._write(page)
        return [page for index, page in enumerate(self.pages) if self._states[index] == _WRITTEN]

    def close(self) -> None:
        """Stop the worker (a build that failed half-way no longer needs it)."""
        if self._process is not None:
            stopped(self._process)
            self._process = None


def _silenced() -> list[int]:
    """In the worker: every log handler replaced by one that keeps the levels of what would have
    been shown, so that a page whose writing logs anything is written again in the build."""
    logged: list[int] = []

    class Seen(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            logged.append(record.levelno)

    loggers = [logging.getLogger(), *(logger for logger in logging.Logger.manager.loggerDict.values()
                                     if isinstance(logger, logging.Logger))]
    for logger in loggers:
        if logger.handlers:
            logger.handlers = [Seen(handler.level) for handler in logger.handlers]
    logging.lastResort = Seen(logging.WARNING)  # what a logger without handlers would show
    return logged
