"""Helpers for the Notula browser and quality tests (plain functions and
context managers; fixtures are wired in ``tests/conftest.py``)."""

from __future__ import annotations

import os
import shutil

from .browser import chromium_available, launch_chromium, record_foreign_requests
from .quality import AXE_JS, VNU_JAR, format_axe, format_vnu, run_axe, run_vnu
from .serve import HostedSite, hosted, serve_directory

__all__ = [
    "HostedSite",
    "chromium_available",
    "format_axe",
    "format_vnu",
    "hosted",
    "launch_chromium",
    "missing_test_tools",
    "record_foreign_requests",
    "require_test_tools",
    "run_axe",
    "run_vnu",
    "serve_directory",
]


def missing_test_tools() -> list[str]:
    """Names of the browser/quality tools that are not installed."""
    checks = {
        "chromium": chromium_available(),
        "java": shutil.which("java") is not None,
        "axe-core": AXE_JS.is_file(),
        "vnu-jar": VNU_JAR.is_file(),
    }
    return [name for name, present in checks.items() if not present]


def require_test_tools() -> None:
    """Skip the calling test when tools are missing; fail instead under CI."""
    import pytest

    missing = missing_test_tools()
    if missing:
        reason = f"missing {', '.join(missing)}: run scripts/install-test-tools"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
