"""The linter and the type checker are part of the test run: `ruff check .` and `mypy` (its
settings are [tool.ruff] and [tool.mypy] in pyproject.toml) must report nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True)


@pytest.mark.parametrize("command", [("ruff", "check", "."), ("mypy",)], ids=["ruff", "mypy"])
def test_static_check_passes(command):
    result = _run(*command)
    if "No module named" in result.stderr:
        pytest.fail(f"{command[0]} is not installed: python3 dev.py setup (it is in the 'test' extra)")
    assert result.returncode == 0, f"{' '.join(command)} found problems:\n{result.stdout}{result.stderr}"
