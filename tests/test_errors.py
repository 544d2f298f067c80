"""One exception base: every error Notula raises on purpose is a NotulaError, and the CLI says it plainly."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import notula
import notula.cli
from notula.errors import NotulaError
from notula.problems import Problem, ProblemsFound


def _modules():
    for info in pkgutil.walk_packages(notula.__path__, "notula."):
        if not info.name.endswith("__main__"):  # runs the CLI when imported
            yield importlib.import_module(info.name)


def test_every_exception_notula_defines_derives_from_notula_error():
    defined = {cls for module in _modules() for _, cls in inspect.getmembers(module, inspect.isclass)
               if issubclass(cls, BaseException) and cls.__module__ == module.__name__}
    assert len(defined) >= 7  # ProblemsFound, LeakFound, SearchIndexError, ScaffoldError, ReadError, …
    assert {cls.__name__ for cls in defined if not issubclass(cls, NotulaError)} == set()


def _fail_with(monkeypatch, exc: BaseException) -> None:
    def command(args):
        raise exc
    monkeypatch.setattr(notula.cli, "cmd_schema", command)


def test_cli_reports_a_notula_error_as_a_plain_message(monkeypatch, capsys, tmp_path):
    _fail_with(monkeypatch, ProblemsFound([Problem("minutes/x.md", 3, "date", "not a date", "write YYYY-MM-DD")]))
    assert notula.cli.main(["--root", str(tmp_path), "schema"]) == 1
    err = capsys.readouterr().err
    assert "minutes/x.md:3: date: not a date — write YYYY-MM-DD" in err
    assert "internal error" not in err and "ProblemsFound" not in err


@pytest.mark.parametrize("exc", [KeyError("sgi"), RuntimeError("boom")])
def test_cli_reports_anything_else_as_an_internal_error(monkeypatch, capsys, tmp_path, exc):
    _fail_with(monkeypatch, exc)
    assert notula.cli.main(["--root", str(tmp_path), "schema"]) == 2
    err = capsys.readouterr().err
    assert f"internal error: {type(exc).__name__}" in err and "Traceback" not in err


def test_a_bad_setting_is_a_notula_error_that_names_it(monkeypatch, capsys, tmp_path):
    from notula.errors import ConfigError
    from notula.settings import Settings

    with pytest.raises(ConfigError, match="NOTULA_TODAY"):
        Settings.resolve(env={"NOTULA_TODAY": "23/11/2026"})

    def command(args):
        Settings.resolve(env={"NOTULA_AUDIENCE": "everyone"})
    monkeypatch.setattr(notula.cli, "cmd_schema", command)
    assert notula.cli.main(["--root", str(tmp_path), "schema"]) == 1
    err = capsys.readouterr().err
    assert "NOTULA_AUDIENCE must be one of" in err and "internal error" not in err


def test_a_reader_that_goes_away_ends_the_command_quietly(monkeypatch, capsys, tmp_path):
    """`notula schema | head`: when the reader closes the pipe, no traceback and no internal error."""
    import io
    import os
    import sys

    class ClosedPipe(io.StringIO):
        def __init__(self) -> None:
            super().__init__()
            self.fd = os.open(os.devnull, os.O_WRONLY)

        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            return self.fd

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert notula.cli.main(["--root", str(tmp_path), "schema"]) == 141
    assert "internal error" not in capsys.readouterr().err
