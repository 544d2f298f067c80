"""Debian's nginx in tests: the program (or skip, saying how to get it), a free port, a password
file, and a server running a configuration in the foreground until the block ends."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

TIMEOUT = 10  # seconds, for every request and for nginx to start or stop


def nginx_program() -> str:
    """Debian's nginx, or skip (fail under CI, which installs it) saying how to get it."""
    import pytest

    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None)
    if found is None:
        reason = "nginx is not installed: run scripts/install-test-tools (it installs Debian's nginx)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def htpasswd(path: Path, user: str, password: str) -> Path:
    """A password file as nginx reads it: {SSHA} (salted SHA-1), one of the schemes htpasswd(1) and slappasswd write."""
    salt = os.urandom(8)
    digest = hashlib.sha1(password.encode() + salt).digest()
    path.write_text(f"{user}:{{SSHA}}{base64.b64encode(digest + salt).decode()}\n", encoding="utf-8")
    return path


@contextlib.contextmanager
def running(config: Path, prefix: Path, port: int) -> Iterator[None]:
    """nginx -c config -p prefix in the foreground, answering on 127.0.0.1:port, until the block ends."""
    import pytest

    # Started by root (a container), nginx's workers would run as nobody, who cannot read
    # pytest's private folders.
    directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
    process = subprocess.Popen([nginx_program(), "-c", str(config), "-p", str(prefix), "-g", directives],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    output = process.communicate(timeout=TIMEOUT)[0].decode(errors="replace")
                    pytest.fail(f"nginx did not start:\n{output}\n{config.read_text(encoding='utf-8')}")
                time.sleep(0.05)
        yield
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=TIMEOUT)
