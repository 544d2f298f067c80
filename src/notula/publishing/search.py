"""Site search with Pagefind: building the index of a finished site.

Pagefind indexes the finished HTML of the site (so the public index holds only what the
public pages show) into a folder of small compressed files, of which the browser fetches
only the few a query needs. What each page gives the index is marked in its HTML by
notula.rendering.searchable.

A full build gives Pagefind's indexing service each page as soon as Markdown has rendered it
(Staging, Indexer): Pagefind reads them on another core while the build goes on, and makes
the index while the theme renders the pages; the build writes the files Pagefind gives it,
and each finished page is then checked against what Pagefind was given. Every index is
checked before the build may succeed (index_check). The preview, which renders only some pages, has Pagefind read the site's
folder (index_site).
"""

from __future__ import annotations

import base64
import json
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from notula import urls
from notula.background import lower_priority
from notula.errors import NotulaError
from notula.i18n import _
from notula.publishing import index_check
from notula.rendering.searchable import INTRO, NONE

INDEX_DIR = urls.SEARCH_INDEX.strip("/")  # the index and Pagefind's UI files, in the site folder

class SearchIndexError(NotulaError):
    """Pagefind could not build the search index; the message says why and what to do."""


@dataclass(frozen=True)
class IndexResult:
    """What Pagefind reported: its summary lines (pages, words, filters indexed)."""

    summary: str


def executable() -> Path:
    """Pagefind's binary, shipped by the pagefind[bin] package (PAGEFIND_BINARY_PATH overrides)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        binary = None
    else:
        binary = get_executable()
    if binary is None:
        raise SearchIndexError(_("the Pagefind program is missing — install Notula's dependencies again "
                                 "(python3 dev.py setup, or pip install 'pagefind[bin]')"))
    return Path(binary)


EXCLUDED = ".headerlink"  # Material's "¶" after headings


def index_site(site_dir: Path | str, binary: Path | None = None) -> IndexResult:
    """Build the search index of the finished site in site_dir (into site_dir/pagefind/), from
    its HTML pages, and check it (index_check).

    Runs offline. Raises SearchIndexError with Pagefind's own message when it fails or stalls."""
    site = Path(site_dir).resolve()
    if not site.is_dir():
        raise SearchIndexError(_("cannot index {site}: the folder does not exist — build the site first").format(site=site))
    command = [str(binary or executable()), "--site", str(site), "--output-path", str(site / INDEX_DIR),
               "--exclude-selectors", EXCLUDED]
    with tempfile.TemporaryFile() as messages:
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=messages, stderr=subprocess.STDOUT)
        except OSError as exc:
            raise SearchIndexError(_("could not run Pagefind ({program}): {error}").format(program=command[0], error=exc.strerror or exc)) from None
        try:
            watch = Watch(process)
            while process.poll() is None:
                watch.check()
                try:
                    process.wait(POLL_SECONDS)
                except subprocess.TimeoutExpired:
                    pass
        except SearchIndexError:
            process.kill()
            process.wait()
            raise
        messages.seek(0)
        output = messages.read().decode("utf-8", errors="replace").strip()
    if process.returncode != 0:
        detail = "\n".join(line for line in output.splitlines() if line.strip())[-2000:]
        raise SearchIndexError(_("Pagefind could not index the site in {site} (exit code {code}):").format(site=site, code=process.returncode)
                               + "\n" + detail)
    counted = re.search(r"^\s*Indexed (\d+) pages?\s*$", output, re.MULTILINE)
    if counted is None:
        raise SearchIndexError(_("Pagefind did not say how many pages it indexed in {site}:").format(site=site) + "\n" + output[-2000:])
    checked(site / INDEX_DIR, int(counted.group(1)))
    summary = "\n".join(line.strip() for line in output.splitlines() if line.strip().startswith("Indexed "))
    return IndexResult(summary)


def write_files(folder: Path, files: object) -> None:
    """Write the index files Pagefind gave (GetFiles: each a path in the index folder and its
    content in base64) into folder, each whole or not at all. Raises SearchIndexError."""
    if not isinstance(files, list) or not files:
        raise SearchIndexError(_("Pagefind gave no index files"))
    try:
        for file in files:
            relative = PurePosixPath(file["path"])
            if relative.is_absolute() or ".." in relative.parts or not relative.parts:
                raise SearchIndexError(_("Pagefind gave an index file outside its folder: {path}").format(path=file["path"]))
            path = folder.joinpath(*relative.parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(path.name + ".part")
            partial.write_bytes(base64.b64decode(file["content"], validate=True))
            os.replace(partial, path)
    except (KeyError, TypeError, ValueError):
        raise SearchIndexError(_("Pagefind's answer with the index files is not as its protocol says")) from None
    except OSError as exc:
        raise SearchIndexError(_("could not write the search index into {folder}: {error}").format(
            folder=folder, error=exc.strerror or exc)) from None


def checked(folder: Path, pages: int) -> None:
    """The index in folder is whole and holds pages pages, or SearchIndexError says what is wrong."""
    try:
        index_check.check(folder, pages)
    except index_check.BrokenIndex as exc:
        raise SearchIndexError(_("the search index Pagefind wrote is broken: {problem}").format(problem=exc)) from None


TIMEOUT_SECONDS = 600  # the longest Pagefind may take for one answer while it works
STALLED_SECONDS = 10  # Pagefind using no processor time this long, with an answer owed, has stopped
POLL_SECONDS = 0.5


class Watch:
    """Tells when a process that owes an answer has stopped working: it has used no processor
    time for STALLED_SECONDS (read from /proc where there is one), or TIMEOUT_SECONDS have passed."""

    def __init__(self, process: subprocess.Popen) -> None:
        self._process = process
        self._stat = Path(f"/proc/{process.pid}/stat")
        self._started = self._seen = time.monotonic()
        self._cpu = self._cpu_time()

    def check(self) -> None:
        """Raise SearchIndexError if the process has stalled or taken too long."""
        now = time.monotonic()
        if now - self._started > TIMEOUT_SECONDS:
            raise SearchIndexError(_("Pagefind did not finish indexing the site within 10 minutes"))
        cpu = self._cpu_time()
        if cpu is None or cpu != self._cpu:
            self._cpu, self._seen = cpu, now
        elif now - self._seen > STALLED_SECONDS:
            raise SearchIndexError(_("Pagefind stopped answering: it has done no work for {seconds} seconds")
                                   .format(seconds=STALLED_SECONDS))

    def _cpu_time(self) -> int | None:
        """The process's user and system time in clock ticks, or None where it cannot be read."""
        try:
            fields = self._stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return int(fields[11]) + int(fields[12])


class Indexer:
    """Pagefind's indexing service, `pagefind --service`, as Pagefind's own Node and Python APIs
    run it: requests and responses are base64-encoded JSON, each followed by a comma. Pages are
    sent as they come (add) and read by Pagefind meanwhile; write() writes the index.

    Pagefind's Python API waits a tenth of a second before reading each response, so this
    talks to the service itself; each response is read as it comes, by a thread."""

    def __init__(self, binary: Path | None = None) -> None:
        self._log = tempfile.TemporaryFile()  # Pagefind's own messages, for an error
        command = [str(binary or executable()), "--service"]
        try:
            self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=self._log, bufsize=0,
                                             preexec_fn=lower_priority if os.name == "posix" else None)
        except OSError as exc:
            raise SearchIndexError(_("could not run Pagefind ({program}): {error}").format(program=command[0], error=exc.strerror or exc)) from None
        self._sent = 0
        self._pages = 0
        self._output = Path()
        self._responses: dict[int, dict] = {}
        self._errors: list[str] = []
        self._ended = False  # Pagefind's output has closed: no answer will come
        self._done = threading.Condition()
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._write, daemon=True).start()
        self._index = self._request({"type": "NewIndex", "config": {"exclude_selectors": [EXCLUDED]}})

    def add(self, dest_path: str, html: str) -> None:
        """Give Pagefind a page of the site: its path in the site and the HTML to index."""
        url = "/" + dest_path.removesuffix("index.html")
        self._send({"type": "AddFile", "index_id": self._index, "url": url, "file_path": None, "file_contents": html})
        self._pages += 1

    def write(self, output: Path | str) -> IndexResult:
        """Write the index of the pages given into the folder output. Raises SearchIndexError."""
        return self.finish_write(self.request_write(output))

    def request_write(self, output: Path | str) -> int:
        """Have Pagefind make the index of the pages given, without waiting for it:
        finish_write(the returned message) writes it into the folder output.

        Pagefind is asked for the files (GetFiles), not to write them (WriteFiles): its writes go
        through a pool that it does not wait for, so its answer to WriteFiles can come before
        the files are whole, and what it had not written is lost when it is stopped."""
        self._output = Path(output)
        return self._send({"type": "GetFiles", "index_id": self._index})

    def finish_write(self, message: int) -> IndexResult:
        """Wait for the index that request_write asked for, write it and check it.
        Raises SearchIndexError."""
        files = self._wait(message).get("files")
        if self._errors:
            raise SearchIndexError(_("Pagefind could not index the site:") + "\n" + "\n".join(self._errors[:20]))
        write_files(self._output, files)
        checked(self._output, self._pages)
        return IndexResult(f"Indexed {self._pages} pages")

    def close(self) -> None:
        """Stop the service (at the end of a build, or when it failed)."""
        self._outbox.put(None)
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        self._log.close()

    def _request(self, payload: dict) -> int:
        return self._wait(self._send(payload))["index_id"]

    def _send(self, payload: dict) -> int:
        self._sent += 1
        self._outbox.put(base64.b64encode(json.dumps({"message_id": self._sent, "payload": payload}).encode()) + b",")
        return self._sent

    def _write(self) -> None:  # a thread: the build never waits for Pagefind to take a page
        assert self._process.stdin is not None
        while (message := self._outbox.get()) is not None:
            try:
                self._process.stdin.write(message)
            except OSError:  # Pagefind is gone: _wait says why
                return

    def _read(self) -> None:  # a thread
        assert self._process.stdout is not None
        buffer, scanned = bytearray(), 0  # what has come of the messages not yet whole; how far it has no comma
        try:
            while chunk := self._process.stdout.read(1 << 16):
                buffer += chunk
                last = buffer.rfind(b",", scanned)  # only the new part: the index comes as one message of megabytes
                if last < 0:
                    scanned = len(buffer)
                    continue
                messages = bytes(buffer[:last]).split(b",")
                del buffer[:last + 1]
                scanned = 0
                for message in messages:
                    decoded = base64.b64decode(message)
                    if _INDEXED in decoded:  # a page read: nobody waits for that (read in JSON, it cost the build a second at 5,000)
                        continue
                    response = json.loads(decoded)
                    payload = response.get("payload") or {}
                    with self._done:
                        if payload.get("type") == "Error":
                            self._errors.append(str(payload.get("message")))
                        self._responses[response.get("message_id") or 0] = payload
                        self._done.notify_all()
        except (OSError, ValueError) as exc:
            with self._done:
                self._errors.append(str(exc))
        finally:
            with self._done:
                self._ended = True
                self._done.notify_all()

    def _wait(self, message: int) -> dict:
        """Pagefind's answer to message, as soon as it comes; SearchIndexError as soon as it
        cannot come (Pagefind exited, crashed or closed its output) or Pagefind has stalled."""
        watch = Watch(self._process)
        with self._done:
            while not self._done.wait_for(lambda: message in self._responses or self._ended, POLL_SECONDS):
                watch.check()
            if message in self._responses:
                return self._responses.pop(message)
        try:
            code: int | str = self._process.wait(POLL_SECONDS * 4)
        except subprocess.TimeoutExpired:
            code = _("none, it closed its output")
        raise SearchIndexError(_("Pagefind stopped while indexing the site (exit code {code}):").format(code=code)
                               + "\n" + self._messages())

    def _messages(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", errors="replace")[-2000:]


# How Pagefind's answer to each page given starts; in a value its quotes would be escaped.
_INDEXED = b'"payload":{"type":"IndexedFile"'

_LANG = re.compile(r'<html\b[^>]*?\blang="([^"]*)"')
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


@dataclass(frozen=True)
class _Given:
    """What Pagefind was given for a page: its language and title, and its content (all of it,
    the indexed part and any after it, as the finished page is to have it)."""

    lang: str
    title: str
    content: tuple[int, int]  # a digest


class Staging:
    """The indexed part of each page, given to Pagefind (an Indexer, started with the first page)
    as soon as Markdown has rendered it, at the page's own path, so that its address in the index
    is the same; Pagefind makes the index (seal) while the theme renders the pages.

    Pagefind reads and parses the whole of every page it is given. A finished page is mostly the
    theme's header, navigation and footer, and the pages left out of the index (registers, year
    pages) are the largest of the site; here Pagefind reads the `data-pagefind-body` part of
    the indexed pages only, in a page with the language and title the theme gives it.

    Each finished page is checked against what Pagefind was given (page): if the theme, a hook
    or another plugin changed the content, its language or its title, the index is made again
    from the finished site (write), as the preview makes it."""

    def __init__(self, indexer: Callable[[], Indexer] = Indexer) -> None:
        self._start = indexer
        self.indexer: Indexer | None = None
        self._given: dict[str, _Given] = {}  # by dest path, until the page is finished
        self._written: int | None = None  # the message that asked Pagefind to write the index
        self.changed: str | None = None  # a finished page that differs from what Pagefind was given

    def content(self, dest_path: str, marked: str, page_scope: str, finish: Callable[[str], str],
                lang: str, title: str) -> None:
        """A page's content as `mark` returned it, what makes it as the finished page has it
        (finish: its islands filled), and its <html lang> and <title> as the theme writes them.
        Gives Pagefind the indexed part, unless the page is left out of search."""
        if page_scope == NONE:
            return
        end = marked.find("<h2") if page_scope == INTRO else -1  # where mark closed the body
        body = finish(marked if end < 0 else marked[:end])
        content = body if end < 0 else body + finish(marked[end:])
        self._given[dest_path] = _Given(lang, title, _digest(content))
        self._indexer().add(dest_path, f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8">'
                                       f'<title>{title}</title></head>\n<body>{body}</body>\n</html>\n')

    def seal(self, site_dir: Path | str) -> None:
        """Every page is given: Pagefind makes the index meanwhile (write waits for it and writes it into the site)."""
        self._written = self._indexer().request_write(Path(site_dir).resolve() / INDEX_DIR)

    def page(self, dest_path: str, content: str, rendered: str, finished: str) -> None:
        """Check a finished page against what Pagefind was given: content is the page's content
        as the theme was given it, rendered the page the theme made of it, finished the page as
        it is written (its islands filled)."""
        given = self._given.pop(dest_path, None)
        if given is not None and self.changed is None and _as_finished(content, rendered, finished) != given:
            self.changed = dest_path

    def write(self, site_dir: Path | str) -> IndexResult:
        """The index of the site, in its index folder: Pagefind's of the pages it was given, or,
        when a finished page is not what it was given, one made from the finished site.
        Raises SearchIndexError."""
        if self._written is None:
            self.seal(site_dir)
        assert self.indexer is not None and self._written is not None
        result = self.indexer.finish_write(self._written)
        if self._given and self.changed is None:  # pages given but never finished
            self.changed = next(iter(self._given))
        if self.changed is None:
            return result
        self.close()
        shutil.rmtree(Path(site_dir) / INDEX_DIR, ignore_errors=True)
        return index_site(site_dir)

    def close(self) -> None:
        if self.indexer is not None:
            self.indexer.close()
        self.indexer = None

    def _indexer(self) -> Indexer:
        if self.indexer is None:
            self.indexer = self._start()
        return self.indexer


def _as_finished(content: str, rendered: str, finished: str) -> _Given | None:
    """What a finished page gives Pagefind: its language, title and content, if all that
    changed from rendered (the theme's page of content) to finished is in the content."""
    at = rendered.find(content)
    after = len(rendered) - at - len(content)
    if at < 0 or len(finished) < at + after or not finished.startswith(rendered[:at]) \
            or not finished.endswith(rendered[len(rendered) - after:]):
        return None
    head = finished[:finished.find("</head>") + 1]
    lang, title = _LANG.search(head), _TITLE.search(head)
    return _Given(lang.group(1) if lang else "", title.group(1) if title else "",
                  _digest(finished[at:len(finished) - after]))


def _digest(text: str) -> tuple[int, int]:
    """A check that two texts of one build are the same (not kept or compared across processes)."""
    return len(text), hash(text)


def tool_files(site_dir: Path | str) -> list[Path]:
    """Pagefind's own scripts, styles and WebAssembly in the built site: the same for every
    site, holding nothing of its content (the index, fragments and filters are the rest)."""
    folder = Path(site_dir) / INDEX_DIR
    return sorted(p for pattern in ("*.js", "*.css", "wasm.*.pagefind") for p in folder.glob(pattern))

