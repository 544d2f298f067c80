"""Run `notula serve` on a project in a child process, and read what it serves."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from notula.publishing.csp import script_hash

LIVERELOAD = re.compile(rb"<script>(\s*var livereload = function.*?)</script>", re.S)
TODAY = "2026-11-23"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    """Status and body of url (errors included: the preview answers 404 with its page)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def without_livereload(html: bytes) -> bytes:
    """A served page as a build writes it: the preview adds only MkDocs' livereload script, and
    its hash to the page's Content-Security-Policy (notula.publishing.csp)."""
    script = LIVERELOAD.search(html)
    if script is None:
        return html
    allowed = b" " + script_hash(script.group(1).decode("utf-8")).encode("ascii")
    return LIVERELOAD.sub(b"", html, count=1).replace(allowed, b"", 1)


def wait_for(check: Callable[[], bool], what: str, timeout: float = 90) -> float:
    """Seconds until check() holds (polled), or AssertionError after timeout."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"the preview did not show {what} within {timeout:.0f} s")
        time.sleep(0.1)
    return time.monotonic() - start


@contextlib.contextmanager
def preview(root: Path, *args: str, log: Path | None = None) -> Iterator[str]:
    """`notula serve ARGS` on root; yields the base URL (no trailing slash) once "/" is served."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("NOTULA_AUDIENCE", None)
    output = open(log or os.devnull, "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "notula.cli", "--root", str(root), "serve", "--address", f"127.0.0.1:{port}",
         "--today", TODAY, *args],
        cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"

    def up() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"notula serve exited with {process.returncode}")
        try:
            return get(url + "/")[0] == 200
        except OSError:
            return False

    try:
        wait_for(up, "its start page", timeout=120)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        output.close()
