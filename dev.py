#!/usr/bin/env python3
"""Notula developer tasks.  Needs only Python 3.11+ and pip.

    python3 dev.py setup              create .venv and install the project
    python3 dev.py serve [--public]   live preview on http://127.0.0.1:8000/
    python3 dev.py test [ARGS]        install test tools, run pytest ARGS (no ARGS: all tests, then
                                      all but the browser's again on ProperDocs)
    python3 dev.py build [ARGS]       notula build ARGS
    python3 dev.py check [ARGS]       notula check ARGS
    python3 dev.py new [ARGS]         notula new ARGS (e.g. --group sgi --date 2017-05-09)
    python3 dev.py import [ARGS]      notula import ARGS (e.g. arkiv/ --group sgi --dry-run)
    python3 dev.py bench [ARGS]       scripts/bench.py ARGS
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
VENV_BIN = VENV / "bin"
STAMP = VENV / ".notula-pyproject-sha256"
PYTEST_NO_TESTS = 5


class TaskError(Exception):
    """A failure to report as one plain sentence."""


def say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


def venv_env(**extra: str) -> dict[str, str]:
    """The environment with .venv activated."""
    env = dict(os.environ, VIRTUAL_ENV=str(VENV), NO_MKDOCS_2_WARNING="1", **extra)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("PYTHONHOME", None)
    return env


def run(command: list[str], env: dict[str, str] | None = None) -> int:
    """Run *command*, letting it (not us) handle Ctrl-C; return its exit code."""
    # A no-op handler rather than SIG_IGN: ignored signals stay ignored in the child.
    previous = signal.signal(signal.SIGINT, lambda *_: None)
    try:
        code = subprocess.run(command, env=env).returncode
        return 128 - code if code < 0 else code  # killed by signal N: 128 + N, like a shell
    except FileNotFoundError:
        raise TaskError(f"cannot run {command[0]}: file not found.") from None
    finally:
        signal.signal(signal.SIGINT, previous)


def replace_process(program: Path, args: list[str], env: dict[str, str]) -> None:
    """Hand this process over to *program* (exit code and Ctrl-C are its own)."""
    if not program.exists():
        raise TaskError(f"{program.relative_to(ROOT)} is missing; run 'python3 dev.py setup' again.")
    sys.stdout.flush()
    os.execve(program, [str(program), *args], env)


def pyproject_hash() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def create_venv() -> None:
    say("creating the virtual environment .venv…")
    if run([sys.executable, "-m", "venv", str(VENV)]) != 0:
        raise TaskError(
            "could not create .venv; on Debian/Ubuntu install the venv module "
            f"(apt-get install python3-venv) and remove the broken {VENV} first."
        )


def setup() -> None:
    """Create .venv and install the project into it, unless already current."""
    if sys.version_info < (3, 11):  # noqa: UP036 (dev.py may be started by an older python3)
        raise TaskError(f"Notula needs Python 3.11 or newer, this is {sys.version.split()[0]}.")
    if not (ROOT / "pyproject.toml").is_file():
        raise TaskError(f"{ROOT} has no pyproject.toml; run dev.py from a Notula checkout.")
    if not (VENV_BIN / "python").exists():
        create_venv()
    wanted = pyproject_hash()
    if STAMP.is_file() and STAMP.read_text().strip() == wanted:
        return
    say("installing Python packages into .venv (the first time takes a minute)…")
    pip = [str(VENV_BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if run([*pip, "--editable", ".[test]"], env=venv_env()) != 0:
        raise TaskError("pip could not install the project; see its messages above.")
    STAMP.write_text(wanted + "\n")
    say("Python packages installed.")


def serve(args: list[str]) -> None:
    public = "--public" in args
    args = [a for a in args if a != "--public"]
    setup()
    audience = "public" if public else "members"
    say(f"serving the {audience} site on http://127.0.0.1:8000/ (Ctrl-C stops)…")
    notula_args = ["serve", "--address", "127.0.0.1:8000", *(["--public"] if public else []), *args]
    replace_process(VENV_BIN / "notula", notula_args, venv_env())


def test(args: list[str]) -> None:
    setup()
    say("checking the browser and HTML test tools…")
    code = run(["bash", str(ROOT / "scripts" / "install-test-tools")])
    if code != 0:
        raise TaskError(f"installing the test tools failed (scripts/install-test-tools exited with {code}).")
    # Two processes (the machine's two cores; tests/support/builds.py shares the site builds
    # between them); whole files to one process, as module fixtures are per file. -n 0: one.
    parallel = [] if any(arg.startswith(("-n", "--numprocesses")) for arg in args) else ["-n", "2", "--dist", "loadfile"]
    pytest = [str(VENV_BIN / "python"), "-m", "pytest", *parallel]
    slowest = [] if args else ["--durations=10"]  # the whole suite shows its ten slowest tests
    code = run([*pytest, *slowest, *args], env=venv_env())
    if code == 0 and not args:
        # The engine matrix: every test but the browser's again, with the sites built by ProperDocs.
        say("running the tests again with ProperDocs as the engine (NOTULA_ENGINE=properdocs)…")
        code = run([*pytest, *slowest, "-m", "not browser"], env=venv_env(NOTULA_ENGINE="properdocs"))
    if code == PYTEST_NO_TESTS:
        say("error: pytest collected no tests; check the test paths and -k/-m filters.")
    sys.exit(code)


def notula(command: str, args: list[str]) -> None:
    setup()
    replace_process(VENV_BIN / "notula", [command, *args], venv_env())


def bench(args: list[str]) -> None:
    setup()
    script = ROOT / "scripts" / "bench.py"
    if not script.is_file():
        raise TaskError("scripts/bench.py does not exist yet.")
    replace_process(VENV_BIN / "python", [str(script), *args], venv_env())


COMMANDS = {
    "setup": lambda args: setup(),
    "serve": serve,
    "test": test,
    "build": lambda args: notula("build", args),
    "check": lambda args: notula("check", args),
    "new": lambda args: notula("new", args),
    "import": lambda args: notula("import", args),
    "bench": bench,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__.strip())
        return 0 if argv else 2
    command, args = argv[0], argv[1:]
    if command not in COMMANDS:
        say(f"error: unknown command '{command}'; choose one of: {', '.join(COMMANDS)}.")
        return 2
    os.chdir(ROOT)
    try:
        COMMANDS[command](args)
    except TaskError as error:
        say(f"error: {error}")
        return 1
    except KeyboardInterrupt:
        say("interrupted.")
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
