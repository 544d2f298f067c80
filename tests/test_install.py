"""`notula init` pins the Notula it runs from, read from the installation itself (PEP 610), with
real installs into fresh virtual environments: a wheel from an index folder, a git URL, a local
folder and an editable install. Offline: the packages Notula needs come from this test run's own
environment through a path file, without Notula itself; Notula is installed by pip as a user
would, from a clone of this checkout (with its uncommitted changes) or a wheel built from it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from notula import __version__
from notula.cli.init import release
from support.builds import copy_project

pytestmark = pytest.mark.build

REPO = Path(__file__).resolve().parent.parent
ORIGIN = "https://github.com/exempel-org/notula.git"  # the clone's remote, as a real checkout has one


def run(*command: str | Path, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "VIRTUAL_ENV", "PYTHON"))}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", GIT_CONFIG_NOSYSTEM="1")
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, cwd=cwd, env=env)
    if check:
        assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def dependencies(tmp_path_factory) -> Path:
    """What Notula needs, without Notula: links to this environment's packages but its own."""
    folder = tmp_path_factory.mktemp("dependencies")
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if "notula" not in entry.name.lower() and not entry.name.endswith(".pth"):
            (folder / entry.name).symlink_to(entry)
    return folder


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> tuple[Path, str]:
    """A git repository holding this checkout as it is now (its uncommitted files too), with a
    remote 'origin'; and the commit."""
    clone = tmp_path_factory.mktemp("checkout") / "notula"
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO).stdout.split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    run("git", "init", "-q", "-b", "main", cwd=clone)
    run("git", "add", "-A", cwd=clone)
    run("git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "test", cwd=clone)
    run("git", "remote", "add", "origin", ORIGIN, cwd=clone)
    return clone, run("git", "rev-parse", "HEAD", cwd=clone).stdout.strip()


def fresh_venv(folder: Path, dependencies: Path) -> Path:
    """A new virtual environment that sees Notula's dependencies (not Notula); its python."""
    run(sys.executable, "-m", "venv", "--without-pip", folder)
    python = folder / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    Path(purelib, "notula-test-dependencies.pth").write_text(f"{dependencies}\n", encoding="utf-8")
    return python


def pip(python: Path, *args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """pip install into the environment of python, offline; the build uses the dependencies' setuptools."""
    return run(sys.executable, "-m", "pip", "--python", python, "install", "--no-index", "--no-build-isolation", "-q",
               *args, cwd=cwd)


def init(python: Path, target: Path) -> subprocess.CompletedProcess:
    return run(python, "-m", "notula", "init", target, "--url", "https://moten.provkommunen.se/", check=False)


def pinned(site: Path) -> list[str]:
    return [line for line in (site / "requirements.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def test_installed_from_an_index_pins_the_release(tmp_path, dependencies, checkout):
    clone, _commit = checkout
    index = tmp_path / "index"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", index, clone)
    python = fresh_venv(tmp_path / "venv", dependencies)
    pip(python, "--find-links", index, "notula")
    result = init(python, tmp_path / "sajt")
    assert result.returncode == 0, result.stderr
    assert pinned(tmp_path / "sajt") == [f"notula~={release(__version__)}"]


@pytest.mark.parametrize("form", ["pep508", "legacy"])
def test_installed_from_git_pins_the_url_at_its_commit(tmp_path, dependencies, checkout, form):
    """As pip is given a git address: 'notula @ git+…' (PEP 508), or the older 'git+…#egg=notula'
    with a file:/// address, which the pin writes as file://localhost/ (the same place), as older
    pip does not accept file:/// in a PEP 508 requirement. Both pin the same line, which the next
    test installs on a fresh machine."""
    clone, commit = checkout
    python = fresh_venv(tmp_path / "venv", dependencies)
    pip(python, f"notula @ {git_url(clone)}@main" if form == "pep508" else f"git+{clone.as_uri()}@main#egg=notula")
    result = init(python, tmp_path / "sajt")
    assert result.returncode == 0, result.stderr
    assert pinned(tmp_path / "sajt") == [git_pin(clone, commit)]


def test_a_fresh_machine_installs_a_site_pinned_to_a_git_commit(tmp_path, dependencies, checkout):
    """Another machine: a fresh environment and only the site's requirements.txt, with the line
    `init` pins above (asserted there), installs this checkout's Notula at that commit."""
    clone, commit = checkout
    site = copy_project(tmp_path / "sajt")
    (site / "requirements.txt").write_text(git_pin(clone, commit) + "\n", encoding="utf-8")
    other = fresh_venv(tmp_path / "other", dependencies)
    pip(other, "-r", "requirements.txt", cwd=site)
    assert run(other, "-m", "notula", "--version").stdout.strip() == f"notula {__version__}"
    checked = run(other, "-m", "notula", "--root", site, "check")
    assert checked.stdout.startswith("OK: "), checked.stdout
    shown = run(other, "-c", "import notula, pathlib; print(pathlib.Path(notula.__file__).parent)").stdout.strip()
    assert Path(shown).is_relative_to(tmp_path / "other")  # the installed copy, not this checkout


def git_url(clone: Path) -> str:
    return f"git+file://localhost{clone}"


def git_pin(clone: Path, commit: str) -> str:
    """The requirement `init` writes for Notula installed from the clone's git address."""
    return f"notula @ {git_url(clone)}@{commit}"


@pytest.mark.parametrize("editable", [True, False], ids=["editable", "folder"])
def test_installed_from_a_local_folder_is_refused_with_the_repository_address(tmp_path, dependencies, checkout, editable):
    clone, _commit = checkout
    python = fresh_venv(tmp_path / "venv", dependencies)
    pip(python, *(["--editable"] if editable else []), clone)
    result = init(python, tmp_path / "sajt")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    source = f"an editable install of the folder {clone}" if editable else f"the folder or file {clone} on this computer"
    assert result.stderr.startswith(f"notula init: Notula is installed from {source}: a site's CI cannot install it")
    assert f'pip install "notula @ git+{ORIGIN}@vX.Y.Z"' in result.stderr
    assert not (tmp_path / "sajt").exists()


def test_installed_from_a_wheel_file_is_refused(tmp_path, dependencies, checkout):
    clone, _commit = checkout
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", tmp_path / "dist", clone)
    (wheel,) = (tmp_path / "dist").glob("notula-*.whl")
    python = fresh_venv(tmp_path / "venv", dependencies)
    pip(python, wheel)
    result = init(python, tmp_path / "sajt")
    assert result.returncode == 1 and f"Notula is installed from the folder or file {wheel} on this computer" in result.stderr
    assert not (tmp_path / "sajt").exists()


def test_a_requirement_given_on_the_command_line_is_written_as_it_is(tmp_path, dependencies, checkout):
    """An editable install (a developer's) makes a site with --requirement, the address it names."""
    clone, _commit = checkout
    python = fresh_venv(tmp_path / "venv", dependencies)
    pip(python, "--editable", clone)
    line = f"notula @ git+{ORIGIN}@v{release(__version__)}"
    result = run(python, "-m", "notula", "init", tmp_path / "sajt", "--requirement", line)
    assert pinned(tmp_path / "sajt") == [line], result.stdout
