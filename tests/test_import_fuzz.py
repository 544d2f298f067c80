"""No input file makes `notula import` crash: random bytes under any name, truncated Word and
OpenDocument files, empty files. Each gets a clear error (exit code 1) or imports."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notula.importing import ImportOptions, import_paths
from support.builds import copy_project
from support.office import make_docx, make_odt, make_pdf

SUFFIXES = [".docx", ".odt", ".pdf", ".txt", ".md"]
SAMPLE = "Protokoll 2017-05-09\n\nNärvarande: Anna Berg, Halmstad\n\n1. Inledning\n\n**Text** här.\n\n[image]\n"


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("fuzz") / "project")


@pytest.fixture(scope="module")
def real_files(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("real")
    return {suffix: make(SAMPLE, folder / f"sample{suffix}").read_bytes()
            for suffix, make in ((".docx", make_docx), (".odt", make_odt), (".pdf", make_pdf))}


def attempt(project: Path, folder: Path, name: str, data: bytes) -> None:
    """Import one file (dry run); it must end in 0 or 1 with every error explained."""
    path = folder / name
    path.write_bytes(data)
    out: list[str] = []
    err: list[str] = []
    status = import_paths(project, [path], ImportOptions("sgi", dry_run=True), out=out.append, err=err.append)
    assert status in (0, 1)
    if status == 1:
        assert err and all(line.startswith(str(path) + ": ") and " — " in line for line in err), err
    else:
        assert out and out[0].startswith("--- minutes/sgi/")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(fuzz_project, tmp_path_factory, data, suffix):
    attempt(fuzz_project, tmp_path_factory.mktemp("in"), f"file{suffix}", data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(min_value=0, max_value=1), suffix=st.sampled_from([".docx", ".odt", ".pdf"]),
       flip=st.integers(min_value=0, max_value=10_000))
def test_truncated_and_damaged_files(fuzz_project, real_files, tmp_path_factory, cut, suffix, flip):
    data = bytearray(real_files[suffix])
    data = data[: int(len(data) * cut)]
    if data:
        data[flip % len(data)] ^= 0xFF
    attempt(fuzz_project, tmp_path_factory.mktemp("in"), f"cut{suffix}", bytes(data))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400), suffix=st.sampled_from([".txt", ".md"]))
def test_any_text(fuzz_project, tmp_path_factory, text, suffix):
    attempt(fuzz_project, tmp_path_factory.mktemp("in"), f"text{suffix}", ("Protokoll 2017-05-09\n" + text).encode())


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_empty_and_damaged_files_from_the_command_line(fuzz_project, tmp_path, real_files, suffix):
    paths = []
    for name, data in (("empty", b""), ("blank", b"  \n\n"), ("garbage", b"\x00\xffPK\x03\x04garbage" * 10),
                       ("half", real_files.get(suffix, b"Protokoll 2017")[: len(real_files.get(suffix, b"xx")) // 2])):
        paths.append(tmp_path / f"{name}{suffix}")
        paths[-1].write_bytes(data)
    result = subprocess.run([sys.executable, "-m", "notula.cli", "--root", str(fuzz_project), "import",
                             *map(str, paths), "--group", "sgi", "--dry-run"], capture_output=True, text=True)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    errors = result.stderr.splitlines()
    assert [line.split(": ")[0] for line in errors] == list(map(str, paths))
    assert all(" — " in line for line in errors)
    assert "0 of 4 file(s) would be written; 4 failed." in result.stdout


# Minutes assembled from the conventions the importer reads, with names from the demo registry:
# whatever it makes of them must be a valid front-matter (the property behind "passes notula check").
ORGS = ["Halmstad", "Varbergs kommun", "Region Halland", "Länsstyrelsen", "Arbetsförmedlingen", "Hylte"]
NAMES = ["Anna Berg", "Bo Ek", "Cia Dahl", "Dan Öst", "Eva Lund-Ek"]
_org = st.sampled_from(ORGS)
_name = st.sampled_from(NAMES)
_person = st.builds(lambda n, o: f"{n}, {o}", _name, _org)
_note = st.sampled_from(["", " (via länk)", " (pkt 2)", " (pkt 1 och 3)"])
_date = st.builds(lambda d, m, y: f"{d} {m}{y}", st.integers(1, 31),
                  st.sampled_from(["januari", "maj", "juni", "oktober"]), st.sampled_from(["", " 2017", " 2018"]))
_time = st.sampled_from(["kl 9-12", "09.00-13.00", "13:00 – 16:00", "9", "25:00-26:00", "12-9"])
_line = st.one_of(
    st.builds(lambda p, n: f"Närvarande: {p}{n}", _person, _note),
    st.builds(lambda p: f"Deltagare:\n{p}", st.lists(_person, min_size=1, max_size=3).map("\n".join)),
    st.builds(lambda o, n: f"{o}: {n}", _org, _name),
    st.builds(lambda p: f"Anmält förhinder: {p}", _person),
    st.builds(lambda p, n: f"Gäster: {p}{n}", _person, _note),
    st.builds(lambda p: f"Antecknat av: {p}", st.lists(_person, min_size=1, max_size=2).map(" och ".join)),
    st.builds(lambda p: f"Vid tangenterna\n\n{p}", _person),
    st.builds(lambda t: f"Tid: {t}", _time),
    st.builds(lambda o: f"Plats: {o}", _org),
    st.builds(lambda o: f"Värd: {o}", _org),
    st.builds(lambda n: f"{n}. Punkt", st.integers(1, 4)),
    st.builds(lambda d, t: f"Nästa möte: {d} {t}", _date, _time),
    st.builds(lambda d: f"- {d} 9:00-12:00 Rådhuset", _date),
    st.builds(lambda o: f"{o} beslutar att anta planen.", _org),
    st.builds(lambda o, d: f"{o} återkommer senast den {d}.", _org, _date),
    st.builds(lambda o: f"Ta fram en plan.\nAnsvarig: {o}\nKlart: 2017-06-01", _org),
    st.just("Beslut CGH:\n\nGruppen får i uppdrag att kartlägga.\n\nÖvrigt:"),
    st.just("Justerare: Bo Ek, Hylte"),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_line, max_size=14), title_date=_date)
def test_what_it_writes_is_valid(lines, title_date):
    from notula.model.schema import Document
    from support.importing import demo_matcher, import_text

    text = f"Protokoll {title_date}\n\n" + "\n\n".join(lines)
    result = import_text(text, date=dt.date(2017, 4, 4))  # as with --date
    Document.model_validate(result.meta, context={"registry": demo_matcher().registry})
