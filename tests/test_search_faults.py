"""A build never succeeds with a broken search index, and never waits long for a Pagefind that
has failed: each way Pagefind can end or fail (exit, crash, stall, half-made files) fails the
build within seconds, with a message that says what happened (issue 22).

Each fault is a stand-in for Pagefind given to the build through PAGEFIND_BINARY_PATH; most put
the real Pagefind behind them and break one thing."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from notula.publishing import index_check, search
from support.builds import BuildFailed, build_site

# The start of every stand-in: the real service behind a relay that can break one thing.
RELAY = """#!{python}
import base64, json, os, pathlib, signal, subprocess, sys, threading, time
out = None
if "--service" not in sys.argv:
{cli}
real = subprocess.Popen([{real!r}, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)

def answers():
    pending = b""
    while chunk := real.stdout.read(65536):
        *messages, pending = (pending + chunk).split(b",")
        for message in messages:
            answer = json.loads(base64.b64decode(message))
            if answer["payload"].get("type") == "GetFiles":  # the index's files: break one
                files = {{f["path"]: base64.b64decode(f["content"]) for f in answer["payload"]["files"]}}
                given(files)
                answer["payload"]["files"] = [{{"path": k, "content": base64.b64encode(v).decode()}} for k, v in files.items()]
                message = base64.b64encode(json.dumps(answer).encode())
            try:
                sys.stdout.buffer.write(message + b",")
                sys.stdout.buffer.flush()
            except OSError:  # the stand-in closed its output
                return

def given(files):  # the index's files the real service gives, by path: changed in place
{given}

def asked(payload):  # a request, before the real service has it
{asked}

threading.Thread(target=answers, daemon=True).start()
pending = b""
while chunk := sys.stdin.buffer.read1(65536):
    *messages, pending = (pending + chunk).split(b",")
    for message in messages:
        if asked(json.loads(base64.b64decode(message))["payload"]) is not False:  # False: dropped
            real.stdin.write(message + b",")
real.stdin.close()
real.wait()
time.sleep(0.2)
"""

REAL_CLI = "    os.execv({real!r}, [{real!r}, *sys.argv[1:]])"


def stand_in(tmp_path: Path, asked: str = "pass", given: str = "pass", cli: str = REAL_CLI) -> Path:
    real = str(search.executable())
    indent = lambda code: "\n".join("    " + line for line in code.strip().splitlines())
    program = tmp_path / "pagefind"
    program.write_text(RELAY.format(python=sys.executable, real=real, asked=indent(asked), given=indent(given),
                                    cli=indent(cli.format(real=real).strip())), encoding="utf-8")
    program.chmod(0o755)
    return program


# What each stand-in breaks, and what the build must then say.
FAULTS = {
    "exits while given pages": (
        dict(asked='if payload["type"] == "AddFile" and "2017" in payload["url"]:\n'
                   '    print("pagefind: out of memory", file=sys.stderr); os._exit(3)'),
        r"Pagefind stopped while indexing the site \(exit code 3\).*out of memory"),
    "dies while making the index": (
        dict(asked='if payload["type"] == "GetFiles":\n'
                   '    os.kill(os.getpid(), signal.SIGKILL)'),
        r"Pagefind stopped while indexing the site \(exit code -9\)"),
    "closes its output and lives on": (
        dict(asked='if payload["type"] == "GetFiles":\n'
                   '    os.close(1); time.sleep(3600)'),
        r"Pagefind stopped while indexing the site \(exit code none, it closed its output\)"),
    "stops answering": (
        dict(asked='if payload["type"] == "GetFiles":\n    time.sleep(3600)'),
        r"Pagefind stopped answering: it has done no work for 10 seconds"),
    "gives an empty entry file": (
        dict(given='files["pagefind-entry.json"] = b""'),
        r"the search index Pagefind wrote is broken: .*pagefind-entry.json is empty"),
    "gives half a fragment": (
        dict(given='f = sorted(k for k in files if k.startswith("fragment/"))[3]; files[f] = files[f][: len(files[f]) // 2]'),
        r"the search index Pagefind wrote is broken: .*\.pf_fragment is not whole"),
    "leaves out an index chunk": (
        dict(given='del files[next(k for k in files if k.startswith("index/"))]'),
        r"the search index Pagefind wrote is broken: .*\.pf_index is missing"),
    "gives a file outside the index folder": (
        dict(given='files["../escaped.js"] = b"alert(1)"'),
        r"Pagefind gave an index file outside its folder: \.\./escaped\.js"),
    "leaves out a page": (
        dict(asked='return not (payload["type"] == "AddFile" and payload["url"] == "/om/")'),
        r"the search index Pagefind wrote is broken: the index holds \d+ pages, but Pagefind was given \d+"),
}


@pytest.mark.build
@pytest.mark.parametrize("fault", FAULTS)
def test_a_broken_pagefind_fails_the_build_within_seconds(fault, project, tmp_path, monkeypatch):
    behaviour, message = FAULTS[fault]
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path, **behaviour)))
    started = time.monotonic()
    with pytest.raises(BuildFailed, match=r"(?s)Notula could not build the search index: " + message) as failed:
        build_site(project, "members", today="2026-11-23")
    assert "Traceback" not in str(failed.value)
    assert time.monotonic() - started < 60  # never the ten minutes of a timeout


def test_the_stand_in_without_a_fault_builds_a_working_index(project, tmp_path, monkeypatch):
    """The relay itself breaks nothing: the faults above are the faults."""
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path)))
    site = build_site(project, "members", today="2026-11-23")
    index_check.check(site / "pagefind", pages=_pages_indexed(site))


def _pages_indexed(site: Path) -> int:
    return sum(1 for page in site.rglob("*.html") if "data-pagefind-body" in page.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def indexed_site(tmp_path_factory, demo_site) -> Path:
    """A built demo site whose index the tests below may break (a copy of the shared build)."""
    site = tmp_path_factory.mktemp("indexed") / "site"
    shutil.copytree(demo_site, site)
    return site


@pytest.mark.parametrize("cli, message", [
    ("time.sleep(3600)", "stopped answering"),
    ("print('Indexed 3 pages'); sys.exit(0)", "broken: .*pagefind-entry.json is missing"),
    ("os.execv({real!r}, [{real!r}, *sys.argv[1:]]) if False else sys.exit(4)", r"exit code 4"),
])
def test_the_index_of_a_finished_site_is_checked_and_a_stall_noticed(indexed_site, tmp_path, cli, message):
    """index_site, which the preview's reindexing, a --dirty build and a changed page use."""
    site = tmp_path / "site"
    shutil.copytree(indexed_site, site, ignore=shutil.ignore_patterns("pagefind"))
    with pytest.raises(search.SearchIndexError, match=message):
        search.index_site(site, stand_in(tmp_path, cli=cli))


def test_the_index_of_a_finished_site_is_checked_and_passes_whole(indexed_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(indexed_site, site, ignore=shutil.ignore_patterns("pagefind"))
    result = search.index_site(site)
    assert f"Indexed {_pages_indexed(site)} pages" in result.summary


@pytest.mark.parametrize("damage, message", [
    (lambda f: (f / "pagefind-entry.json").write_text('{"version":"1.5.2","languages":{}}'), "names no language"),
    (lambda f: (f / "pagefind-entry.json").write_text("{"), "does not parse as JSON"),
    (lambda f: next(f.glob("*.pf_meta")).write_bytes(b"\x1f\x8b\x08\x00garbage"), r"pf_meta is not whole"),
    (lambda f: next(f.glob("wasm.sv.pagefind")).unlink(), r"wasm.sv.pagefind is missing"),
    (lambda f: (f / "pagefind-component-ui.js").write_bytes(b""), r"pagefind-component-ui.js is empty"),
    (lambda f: next((f / "filter").iterdir()).write_bytes(b"\x1f\x8b" + b"\x00" * 30), r"pf_filter is not whole"),
])
def test_each_part_of_the_index_is_checked(indexed_site, tmp_path, damage, message):
    folder = tmp_path / "pagefind"
    shutil.copytree(indexed_site / "pagefind", folder)
    pages = _pages_indexed(indexed_site)
    index_check.check(folder, pages)  # whole
    damage(folder)
    with pytest.raises(index_check.BrokenIndex, match=message):
        index_check.check(folder, pages)
