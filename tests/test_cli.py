"""The notula command: check and new."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from notula.cli import main
from notula.model.validate import check_corpus


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "notula.cli", *args], cwd=cwd, capture_output=True, text=True)


def test_check_passes_on_the_demo(project):
    result = run("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 13 documents, 3 groups")


def test_check_reports_every_problem_and_fails(project):
    path = project / "minutes" / "sgi" / "2017" / "2017-04-25-sgi.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("time: \"09:00-13:00\"", "time: \"9-25\"").replace("topics: [arbetsmarknad,", "topics: [arbetsmarknadd,"), encoding="utf-8")
    (project / "minutes" / "sgi" / "2017" / "2017-09-01-sgi.md").write_text("no front matter\n", encoding="utf-8")
    result = run("check", cwd=project)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "3 problems in 2 files."
    assert any(line.startswith("minutes/sgi/2017/2017-04-25-sgi.md:6: time:") for line in lines)
    assert any("did you mean 'arbetsmarknad'" in line for line in lines)
    assert "Traceback" not in result.stderr


def test_check_given_files_reports_only_those(project):
    bad = project / "minutes" / "sgi" / "2017" / "2017-09-01-sgi.md"
    bad.write_text("", encoding="utf-8")
    good = "minutes/sgi/2017/2017-04-25-sgi.md"
    assert run("check", good, cwd=project).returncode == 0
    result = run("check", "minutes/sgi/2017/2017-09-01-sgi.md", cwd=project)
    assert result.returncode == 1 and "2017-09-01-sgi.md" in result.stderr
    assert run("check", "minutes/nope.md", cwd=project).returncode == 1


def test_new_writes_a_file_with_the_members_prefilled(project, capsys):
    status = main(["--root", str(project), "new", "--group", "sgi", "--date", "2017-05-23"])
    out = capsys.readouterr().out.strip()
    assert status == 0 and out == "minutes/sgi/2017/2017-05-23-sgi.md"
    text = (project / out).read_text(encoding="utf-8")
    for org in ("Halmstad", "Falkenberg", "Varberg", "Kungsbacka", "Laholm", "Hylte", "Region Halland", "Länsstyrelsen"):
        assert f'"NAMN, {org}"' in text
    # the time and place planned at the previous meeting are filled in
    assert 'time: "13:00-16:00"' in text and 'place: "Rådhuset"' in text
    # until the placeholders are replaced, check fails and says so
    _, problems = check_corpus(project)
    assert problems and all("placeholder" in p.message or "ORGANISATION" in p.message for p in problems)
    filled = text.replace('"NAMN, ORGANISATION"', '"Test Person, Halmstad"').replace('"NAMN, ', '"Test Person, ')
    (project / out).write_text(filled, encoding="utf-8")
    _, problems = check_corpus(project)
    assert problems == []


def test_new_refuses_unknown_group_and_existing_file(project, capsys):
    assert main(["--root", str(project), "new", "--group", "sgj", "--date", "2019-01-01"]) == 1
    assert "unknown group 'sgj'" in capsys.readouterr().err
    assert main(["--root", str(project), "new", "--group", "sgi", "--date", "2017-04-25"]) == 1
    assert "already exists" in capsys.readouterr().err


def test_new_defaults_to_today(project, capsys):
    assert main(["--root", str(project), "new", "--group", "styrgrupp"]) == 0
    assert dt.date.today().isoformat() in capsys.readouterr().out


def test_schema_command_writes_json_schema(project, tmp_path):
    import json

    target = tmp_path / "schema.json"
    assert main(["--root", str(project), "schema", "-o", str(target)]) == 0
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert "attendees" in schema["properties"] and "group" in schema["required"]
    assert schema["additionalProperties"] is False


def test_committed_json_schema_is_current(monkeypatch):
    """schema/front-matter.schema.json is for the editors of a Swedish site; regenerate it with `notula schema -o …`."""
    import json

    from notula.rendering.docs import json_schema

    monkeypatch.delenv("NOTULA_LANG", raising=False)  # Swedish, as a site's editors get it
    committed = Path(__file__).resolve().parent.parent / "schema" / "front-matter.schema.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == json_schema(), \
        "run: .venv/bin/notula schema -o schema/front-matter.schema.json (without NOTULA_LANG=en)"


def test_preview_problems_page_lists_problems_escaped():
    from notula.plugin.site import problems_page
    from notula.problems import Problem

    page = problems_page([Problem("minutes/a.md", 3, "place", "bad <b>value</b>", "fix it")])
    assert "minutes/a.md:3" in page and "&lt;b&gt;value&lt;/b&gt;" in page and "<b>value" not in page
    assert "1 problem in 1 file." in page
