"""The generated pages' Markdown rendered to HTML in the build's worker (plugin/rendered.py,
plugin/ahead.py): the site is the same, byte for byte, as rendered in place; the build renders in
place whatever a hook, a plugin or the files change after the worker was forked; and what the
render logs still shows, and counts towards --strict."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from support.builds import TODAY, build_site, copy_project, run_build

pytestmark = pytest.mark.build

# The site's own hook here switches the worker on for the demo's few pages (or off), has it
# render every page however far ahead of the build it is, lets it finish before MkDocs reads the
# pages (unless TEST_NO_WAIT: a worker that stalls), and notes, for each generated page whose
# HTML the worker offered, whether the build took it.
SWITCH = """
import json, os
from pathlib import Path
from notula.plugin import ahead, rendered

ahead.WORKER_FROM = int(os.environ["TEST_WORKER_FROM"])
ahead.LEAD = -10**9
_adopt = rendered.Rendered.adopt
taken = {}

def on_nav(nav, config, files):
    worker = config.plugins["notula"].ahead
    if worker is not None and not os.environ.get("TEST_NO_WAIT"):
        worker._process.join(120)
    return nav

def adopt(self, page, config, files):
    taken[page.file.src_uri] = _adopt(self, page, config, files)
    return taken[page.file.src_uri]

rendered.Rendered.adopt = adopt

def on_post_build(config):
    Path(os.environ["TEST_TAKEN"]).write_text(json.dumps(taken), encoding="utf-8")
"""

MEETING = "sgi/2017-04-25.md"  # the meeting page the variant's additions go on (minutes/sgi/2017/2017-04-25-sgi.md)

# Links to another page and its anchor, to an anchor on the page itself, footnotes, a table of
# contents (the headings) and an abbreviation: what a render resolves and records.
BODY_EXTRAS = """

## 7. Länkar och noter

Se [förra mötets närvaro](2017-01-17.md#narvaro), [formatet](../om/format.md) och
[nästa möte](#6-nasta-mote) i samma anteckningar.[^1] Gruppen talade om HBTQ-frågor.[^2]

[^1]: En fotnot med en [länk](2017-03-07.md).
[^2]: Ännu en fotnot.

*[HBTQ]: homosexuella, bisexuella, transpersoner och queera
"""


def _with_extras(root: Path, extras: str = BODY_EXTRAS) -> None:
    minutes = root / "minutes" / "sgi" / "2017" / "2017-04-25-sgi.md"
    minutes.write_text(minutes.read_text(encoding="utf-8").rstrip("\n") + extras, encoding="utf-8")


def _use_hooks(root: Path, *hooks: tuple[str, str]) -> None:
    """The site's mkdocs.yml with these hooks (name, code) after its own."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for name, code in hooks:
        (root / "hooks" / f"{name}.py").write_text(textwrap.dedent(code), encoding="utf-8")
        text = text.replace("hooks:\n", f"hooks:\n  - hooks/{name}.py\n", 1)
    config.write_text(text, encoding="utf-8")


def _build(root: Path, worker: bool, monkeypatch, out: Path) -> dict[str, bool]:
    """Build root's site into out with the worker on (for every page) or off; for each generated
    page, whether the build took the worker's HTML."""
    taken = out.parent / f"{out.name}-taken.json"
    monkeypatch.setenv("TEST_WORKER_FROM", "1" if worker else str(10**9))
    monkeypatch.setenv("TEST_TAKEN", str(taken))
    build_site(root, "members", TODAY, out=out)
    return json.loads(taken.read_text(encoding="utf-8"))


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but Pagefind's index, whose file names and bytes differ from one
    build to the next even of the same pages (it is made from the pages compared here)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.relative_to(site).parts[0] != "pagefind"}


def _same_site(on: Path, off: Path) -> None:
    on_files, off_files = _files(on), _files(off)
    assert sorted(on_files) == sorted(off_files)
    differ = [name for name in on_files if on_files[name] != off_files[name]]
    assert differ == []
    assert len(on_files) > 100


@pytest.fixture
def switched(tmp_path) -> Path:
    root = copy_project(tmp_path / "project")
    _use_hooks(root, ("switch", SWITCH))
    return root


def test_the_demo_is_the_same_with_its_pages_rendered_ahead(switched, tmp_path, monkeypatch) -> None:
    taken = _build(switched, True, monkeypatch, tmp_path / "on")
    assert taken and all(taken.values())  # every generated page's HTML was the worker's
    assert _build(switched, False, monkeypatch, tmp_path / "off") == {}
    _same_site(tmp_path / "on", tmp_path / "off")


def test_links_anchors_footnotes_contents_and_abbreviations_are_the_same_rendered_ahead(switched, tmp_path, monkeypatch) -> None:
    _with_extras(switched)
    taken = _build(switched, True, monkeypatch, tmp_path / "on")
    assert taken[MEETING] is True
    _build(switched, False, monkeypatch, tmp_path / "off")
    _same_site(tmp_path / "on", tmp_path / "off")
    page = (tmp_path / "on" / "sgi" / "2017-04-25" / "index.html").read_text(encoding="utf-8")
    assert 'href="../2017-01-17/#narvaro"' in page and 'href="../../om/format/"' in page  # resolved by the render
    assert 'id="fn:1"' in page and "<abbr" in page and 'href="#6-nasta-mote"' in page


# A hook that changes one generated page's Markdown after Notula's on_page_markdown.
CHANGES_MARKDOWN = """
def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == "sgi/2017-04-25.md":
        return markdown + "\\n\\nTillagt av kroken: [formatet](../om/format.md).\\n"
    return markdown
"""


def test_a_page_whose_markdown_a_hook_changes_is_rendered_in_place(switched, tmp_path, monkeypatch) -> None:
    _use_hooks(switched, ("changes", CHANGES_MARKDOWN))
    taken = _build(switched, True, monkeypatch, tmp_path / "on")
    assert taken[MEETING] is False and sum(taken.values()) == len(taken) - 1  # only that page in place
    page = (tmp_path / "on" / "sgi" / "2017-04-25" / "index.html").read_text(encoding="utf-8")
    assert "Tillagt av kroken" in page and 'href="../../om/format/"' in page
    _build(switched, False, monkeypatch, tmp_path / "off")
    _same_site(tmp_path / "on", tmp_path / "off")


# A hook that adds a file after Notula's on_files (so after the worker was forked), at the
# address one page links to: the worker found no file there.
ADDS_A_FILE = """
from mkdocs.structure.files import File

def on_files(files, config):
    files.append(File.generated(config, "om/ny.md", content="# Ny sida\\n"))
    return files
"""


def test_a_page_linking_to_a_file_a_hook_adds_after_notula_is_rendered_in_place(switched, tmp_path, monkeypatch) -> None:
    _with_extras(switched, "\n\nSe också [den nya sidan](../om/ny.md).\n")
    _use_hooks(switched, ("adds", ADDS_A_FILE))
    config = switched / "mkdocs.yml"  # a missing link logs nothing here: the files alone must tell
    config.write_text(config.read_text(encoding="utf-8") + "\nvalidation:\n  links:\n    not_found: ignore\n", encoding="utf-8")
    taken = _build(switched, True, monkeypatch, tmp_path / "on")
    assert taken[MEETING] is False and sum(taken.values()) == len(taken) - 1
    page = (tmp_path / "on" / "sgi" / "2017-04-25" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../om/ny/"' in page
    _build(switched, False, monkeypatch, tmp_path / "off")
    _same_site(tmp_path / "on", tmp_path / "off")


def test_a_broken_link_in_a_page_rendered_ahead_still_fails_a_strict_build(switched, tmp_path, monkeypatch) -> None:
    _with_extras(switched, "\n\nSe [en sida som inte finns](../om/saknas.md).\n")
    monkeypatch.setenv("TEST_WORKER_FROM", "1")
    monkeypatch.setenv("TEST_TAKEN", str(tmp_path / "taken.json"))
    result = run_build(switched, "members", TODAY)
    assert result.returncode != 0
    said = result.stdout + result.stderr
    assert len(re.findall(r"contains a link '\.\./om/saknas\.md', but the target 'om/saknas\.md' is not found", said)) == 1
    assert "Aborted with 1 warnings in strict mode" in said


# A hook that changes the Markdown extensions' configuration after Notula's on_files.
CHANGES_EXTENSIONS = """
def on_nav(nav, config, files):
    config.mdx_configs["toc"]["permalink"] = "#"
    return nav
"""


def test_pages_are_rendered_in_place_when_the_markdown_extensions_change_after_notula(switched, tmp_path, monkeypatch) -> None:
    _use_hooks(switched, ("extensions", CHANGES_EXTENSIONS))
    taken = _build(switched, True, monkeypatch, tmp_path / "on")
    assert taken and not any(taken.values())
    page = (tmp_path / "on" / "sgi" / "2017-04-25" / "index.html").read_text(encoding="utf-8")
    assert 'title="Länk till det här avsnittet">#</a>' in page
    _build(switched, False, monkeypatch, tmp_path / "off")
    _same_site(tmp_path / "on", tmp_path / "off")


# The worker's faults, after it has sent the build some rendered pages: at its fifth render it
# dies, or stalls (the build stops it after STALLED_SECONDS); or its render of one page raises.
FAULTS = """
import os, time
from mkdocs.structure.pages import Page
from notula.plugin import ahead

BUILD, FAULT = os.getpid(), os.environ["TEST_FAULT"]
ahead.STALLED_SECONDS = 1
_render, rendered = Page.render, []

def render(self, config, files):
    if os.getpid() != BUILD:
        rendered.append(self.file.src_uri)
        if len(rendered) == 5 and FAULT == "dies":
            os._exit(9)
        if len(rendered) == 5 and FAULT == "stalls":
            time.sleep(3600)
        if self.file.src_uri == "sgi/2017-04-25.md" and FAULT == "raises":
            raise RuntimeError("only in the worker")
    return _render(self, config, files)

Page.render = render
"""


@pytest.mark.parametrize("fault", ["dies", "stalls", "raises"])
def test_a_worker_that_fails_after_rendering_some_pages_leaves_the_rest_to_the_build(switched, fault, tmp_path, monkeypatch) -> None:
    _with_extras(switched)
    _use_hooks(switched, ("faults", FAULTS))
    monkeypatch.setenv("TEST_FAULT", fault)
    if fault == "stalls":
        monkeypatch.setenv("TEST_NO_WAIT", "1")
    taken = _build(switched, True, monkeypatch, tmp_path / "on")
    assert 0 < sum(taken.values()) and all(taken.values())
    if fault == "raises":  # that page in place (the worker offered no HTML), every other one the worker's
        assert MEETING not in taken and len(taken) >= 50
    else:
        assert len(taken) <= 4  # what the worker rendered before its fault
    _build(switched, False, monkeypatch, tmp_path / "off")  # the faults are the worker's only
    _same_site(tmp_path / "on", tmp_path / "off")
