"""The guides say what works (issue 21): every command they show parses with Notula's own command
line (or is one of dev.py's tasks), every front matter they show passes `notula check` in the
demo, and every link between them leads to a file that exists."""

from __future__ import annotations

import re
import shlex
import sys

import pytest
import yaml

from notula.cli import parser
from notula.model.validate import check_corpus
from support.builds import REPO, copy_project

GUIDES = sorted((REPO / "guides").glob("*.md"))
DOCS = [REPO / "README.md", *GUIDES]

sys.path.insert(0, str(REPO))
import dev  # noqa: E402  (the repository's task runner: its commands are documented too)

BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(kind: str) -> list[tuple[str, str]]:
    return [(doc.relative_to(REPO).as_posix(), body) for doc in DOCS
            for lang, body in BLOCK.findall(doc.read_text(encoding="utf-8")) if lang == kind]


def commands() -> list[tuple[str, list[str]]]:
    """Each documented command line: its guide and its words (comments and prompts removed)."""
    found = []
    for where, body in blocks("sh"):
        for line in body.replace("\\\n", " ").splitlines():  # a command continued on the next line is one
            line = line.split(" #", 1)[0].strip()
            if line:
                found.append((where, shlex.split(line)))
    return found


def notula_arguments(words: list[str]) -> list[str] | None:
    """The arguments of a notula command however it is run, or None if it is not one."""
    while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):  # NOTULA_AUDIENCE=public …
        words = words[1:]
    if not words:
        return None
    if words[0] in ("notula", ".venv/bin/notula"):
        return words[1:]
    if words[:2] == ["python3", "dev.py"] and len(words) > 2 and words[2] in ("check", "new", "build", "import"):
        return words[2:]
    return None


def test_the_guides_are_there_and_the_readme_leads_to_each():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert {g.name for g in GUIDES} >= {"sekreterare.md", "maintainer.md", "hosting.md", "development.md"}
    for guide in GUIDES:
        assert f"](guides/{guide.name})" in readme, guide.name


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_link_between_the_documents_leads_somewhere(doc):
    text = re.sub(r"`[^`\n]*`", "", BLOCK.sub("", doc.read_text(encoding="utf-8")))  # links, not examples of them
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path = target.split("#", 1)[0]
        if path:
            assert (doc.parent / path).exists(), f"{doc.name}: {target}"


def test_every_documented_command_exists():
    seen = set()
    for where, words in commands():
        if words[:2] == ["python3", "dev.py"]:
            assert len(words) > 2 and words[2] in dev.COMMANDS, f"{where}: {' '.join(words)}"
        arguments = notula_arguments(words)
        if arguments is None:
            continue
        try:
            parser().parse_args(arguments)
        except SystemExit:
            pytest.fail(f"{where}: `{' '.join(words)}` is not a valid notula command")
        seen.add(arguments[0])
    assert seen >= {"new", "check", "import", "build", "init"}  # the guides do show them


def front_matters() -> list[tuple[str, str]]:
    return [(where, body) for where, body in blocks("yaml") if body.startswith("---\n")]


@pytest.mark.parametrize("where, text", front_matters(), ids=lambda v: v if v.endswith(".md") else "")
def test_every_documented_front_matter_passes_check_in_the_demo(where, text, tmp_path):
    project = copy_project(tmp_path / "project")
    fields = yaml.safe_load(text.split("---\n")[1])
    year = str(fields["date"])[:4]
    folder = project / "minutes" / fields["group"] / year
    for attachment in fields.get("attachments", []):  # the example's files, as the secretary would add them
        if "file" in attachment:
            (folder / attachment["file"]).parent.mkdir(parents=True, exist_ok=True)
            (folder / attachment["file"]).write_bytes(b"%PDF-1.4\n%%EOF\n")
    path = folder / f"{fields['date']}-{fields['group']}.md"
    path.write_text(text, encoding="utf-8")
    _corpus, problems = check_corpus(project)
    shown = path.relative_to(project).as_posix()
    assert [str(p) for p in problems if p.path == shown] == [], where
