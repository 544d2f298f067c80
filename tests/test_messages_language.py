"""The secretary's messages: Swedish by default, English with NOTULA_LANG=en (issue 10).

The catalog holds every message of the code, translated; the compiled catalog is current; a
translation keeps the placeholders of its message; check, the YAML reader, the CLI's help and
argparse's own errors speak Swedish unless told otherwise. (The rest of the suite runs with
NOTULA_LANG=en, set in conftest.py, and asserts the English texts.)
"""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from notula import i18n
from notula.cli import main
from notula.problems import Problem, format_problems
from notula.reading import yamlsafe

PACKAGE = Path(i18n.__file__).parent
PO = PACKAGE / "locale" / "sv" / "LC_MESSAGES" / "notula.po"
MO = PO.with_suffix(".mo")


@pytest.fixture
def swedish(monkeypatch):
    monkeypatch.delenv("NOTULA_LANG", raising=False)  # the default
    yield


@pytest.fixture(scope="module")
def catalog():
    with PO.open("rb") as file:
        return read_po(file)


METHODS = [("**.py", "python"), ("**/templates/**.j2", "jinja2")]  # as scripts/update-messages


def _code_msgids() -> set[str]:
    """Every text the code marks with _(), N_() or ngettext() (singular form)."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(PACKAGE), METHODS):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_message_of_the_code_is_translated(catalog):
    msgids = _code_msgids()
    assert len(msgids) > 300  # the extraction found the messages (not an empty list passing)
    entries = {m.id[0] if isinstance(m.id, tuple) else m.id: m for m in catalog if m.id}
    missing = sorted(msgids - entries.keys())
    assert not missing, f"not in {PO.name} (run scripts/update-messages): {missing[:10]}"
    untranslated = sorted(i for i in msgids if not all(entries[i].string if isinstance(entries[i].string, tuple)
                                                       else [entries[i].string]))
    assert not untranslated, f"no Swedish text yet: {untranslated[:10]}"
    fuzzy = sorted(i for i in msgids if entries[i].fuzzy)
    assert not fuzzy, f"fuzzy (check and remove the flag): {fuzzy[:10]}"


def test_compiled_catalog_is_current(catalog):
    with MO.open("rb") as file:
        compiled = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
    expected = {}
    for m in catalog:
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            expected.update({(m.id[0], n): s for n, s in enumerate(m.string)})
        else:
            expected[m.id] = m.string
    compiled = {k: v for k, v in compiled.items() if k != ""}  # "" is the header
    assert compiled == expected, "notula.mo is older than notula.po: run scripts/update-messages"


_BRACES = re.compile(r"\{\w*(?:[:!][^{}]*)?\}")  # {name}, {size:.1f}; not a brace in quotes
_PERCENT = re.compile(r"%(?:\(\w+\))?[a-z]")


def _placeholders(text: str) -> list[str]:
    text = text.replace("{{", "").replace("}}", "")
    return sorted(_BRACES.findall(text) + _PERCENT.findall(text))


def test_translations_keep_the_placeholders(catalog):
    wrong = []
    for m in catalog:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for string in strings:
            if _placeholders(string) != _placeholders(ids[-1]):
                wrong.append((ids[0], string))
    assert not wrong, wrong[:5]


def test_placeholder_check_can_fail():
    assert _placeholders("the file '{value}' does not exist") != _placeholders("filen '{värde}' finns inte")
    assert _placeholders("%(prog)s: error: %(message)s\n") != _placeholders("%(prog)s: fel\n")


def test_language_setting(monkeypatch, capsys):
    for value, expected in [(None, "sv"), ("", "sv"), ("sv", "sv"), ("sv_SE.UTF-8", "sv"), ("en", "en"),
                            ("en_GB", "en"), ("EN-us", "en")]:
        if value is None:
            monkeypatch.delenv("NOTULA_LANG", raising=False)
        else:
            monkeypatch.setenv("NOTULA_LANG", value)
        assert i18n.language() == expected, value
    monkeypatch.setenv("NOTULA_LANG", "klingon")
    assert i18n.language() == "sv" and i18n._("the file is empty") == "filen är tom"
    assert "NOTULA_LANG='klingon'" in capsys.readouterr().err


def test_problem_summary_in_both_languages(monkeypatch):
    problems = [Problem("minutes/a.md", 3, "date", "x"), Problem("minutes/b.md", 4, None, "y")]
    monkeypatch.setenv("NOTULA_LANG", "sv")
    assert format_problems(problems).splitlines()[-1] == "2 fel i 2 filer."
    assert format_problems(problems[:1]).splitlines()[-1] == "1 fel i 1 fil."
    monkeypatch.setenv("NOTULA_LANG", "en")
    assert format_problems(problems).splitlines()[-1] == "2 problems in 2 files."
    assert format_problems(problems[:1]).splitlines()[-1] == "1 problem in 1 file."


# ---------------------------------------------------------------- check, in a real project

def _break(project: Path) -> str:
    """Make a problem in one demo file: a misspelt field."""
    path = sorted((project / "minutes").rglob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^(date: .*)$", r"\1\nplats: Rådhuset", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    return path.relative_to(project).as_posix()


def _prefixes(output: str) -> list[str]:
    return [line.split(": ", 2)[0] + ": " + line.split(": ", 2)[1] for line in output.splitlines() if ": " in line]


def test_check_speaks_swedish_by_default_and_english_on_request(project, monkeypatch, capsys):
    shown = _break(project)
    monkeypatch.delenv("NOTULA_LANG", raising=False)
    assert main(["--root", str(project), "check"]) == 1
    swedish = capsys.readouterr().err
    monkeypatch.setenv("NOTULA_LANG", "en")
    assert main(["--root", str(project), "check"]) == 1
    english = capsys.readouterr().err
    assert f"{shown}:" in swedish and ": plats: okänt fält 'plats' — menade du 'place'?" in swedish
    assert swedish.splitlines()[-1] == "1 fel i 1 fil."
    assert ": plats: unknown field 'plats' — did you mean 'place'?" in english
    assert english.splitlines()[-1] == "1 problem in 1 file."
    assert _prefixes(swedish) == _prefixes(english) and f"{shown}:" in _prefixes(english)[0]


def test_a_subprocess_speaks_the_language_it_inherits(project):
    _break(project)
    env = {k: v for k, v in os.environ.items() if k != "NOTULA_LANG"}
    run = lambda env: subprocess.run([sys.executable, "-m", "notula", "--root", str(project), "check"],
                                     capture_output=True, text=True, env=env).stderr
    assert "okänt fält 'plats'" in run(env)
    assert "unknown field 'plats'" in run(os.environ)  # the test session's NOTULA_LANG=en


def test_preview_problem_page_summary_is_swedish(swedish):
    from notula.plugin.site import problems_page

    page = problems_page([Problem("minutes/a.md", 3, "date", "x", "y")])
    assert "1 fel i 1 fil." in page


# ---------------------------------------------------------------- the YAML reader's errors

# (what is wrong, the text (a front-matter from its line 2), the line to blame, words of the
# Swedish explanation). No case may show the parser's own words.
YAML_CASES = [
    ("field without colon", "title Möte\ndate: 2024-01-01\n", 2, "kolon"),
    ("field without colon below", "title: Möte\ndate 2024-01-01\ngroup: x\n", 3, "kolon"),
    ("colon inside a value", "title: Möte: budget\n", 2, "citattecken"),
    ("field indented too far", "title: Möte\n  date: 2024-01-01\n", 3, "indrag"),
    ("list entry fields misaligned", "attendees:\n  - name: A\n    org: B\n   role: x\n", 5, "indrag"),
    ("list entries misaligned", "attendees:\n  - A, B\n - C, D\n", 4, "listpunkt"),
    ("list entry after a field", "title: x\n- a\n", 3, "listpunkt"),
    ("double quote never closed", 'title: "Möte\ndate: 2024-01-01\n', 2, "citattecken"),
    ("quote closed lines later", 'place: "Rådhuset\ndate: 2024-01-01\nattendees:\n  - "Anna, B"\n', 2, "citattecken"),
    ("quote over two lines, a fault below", 'summary: "a\n  b"\ntitle: x\n  date: y\n', 5, "indrag"),
    ("apostrophe in plain text, a fault below", "title: Annas 'möte\ndate: x\n  y: z\n", 4, "indrag"),
    ("single quote never closed", "title: 'Möte\ndate: 2024-01-01\n", 2, "citattecken"),
    ("text after the closing quote", 'title: "Möte" igen\n', 2, "citattecken"),
    ("square bracket never closed", "topics: [a, b\ndate: 2024-01-01\n", 2, "hakparenteser"),
    ("curly bracket never closed", "place: {name: x\ndate: 2024-01-01\n", 2, "klammerparenteser"),
    ("bracket closed twice", "topics: [a, b]]\n", 2, "parenteserna"),
    ("tab for indentation", "attendees:\n\t- A, B\n", 3, "tabb"),
    ("value starting with @", "title: @hemma\n", 2, "citattecken"),
    ("value starting with `", "title: `x`\n", 2, "citattecken"),
    ("value starting with %", "title: %x\n", 2, "citattecken"),
    ("value starting with *", "title: *viktigt*\n", 2, "citattecken"),
    ("value starting with | and text", "title: | x\n", 2, "citattecken"),
    ("unknown backslash escape", 'title: "a\\qb"\n', 2, "snedstreck"),
    ("dash inside brackets", "topics: [a, - b]\n", 2, "kommatecknen"),
    ("a second document", "title: x\n---\ny: z\n", 3, "'---'"),
    ("line starting with a colon", ": x\n", 2, "fältnamn"),
    ("duplicate field", "title: a\ntitle: b\n", None, "två gånger"),
    ("anchor and alias", "a: &x b\nc: *x\n", 2, "citattecken"),
    ("tag", "title: !x y\n", 2, "citattecken"),
    ("text running on", "summary: En lång text\n  som fortsätter\n", 3, "indrag"),
]
JARGON = re.compile(r"\b(expected|found|mapping|scalar|token|block end|stream|indicator|YAML syntax)\b", re.IGNORECASE)


def _yaml_error(text: str) -> yamlsafe.YamlError | None:
    try:
        loaded = yamlsafe.load(text, first_line=2)
    except yamlsafe.YamlError as exc:
        return exc
    return loaded.duplicates[0] if loaded.duplicates else None


@pytest.mark.parametrize("what, text, line, words", YAML_CASES, ids=[c[0] for c in YAML_CASES])
def test_yaml_errors_say_what_to_do_in_swedish(swedish, what, text, line, words):
    error = _yaml_error(text)
    assert error is not None and error.fix, what
    said = f"{error.message} — {error.fix}"
    assert words in said, said
    assert not JARGON.search(said), said
    if line is not None:
        assert error.line == line


@pytest.mark.parametrize("what, text, line, words", YAML_CASES, ids=[c[0] for c in YAML_CASES])
def test_yaml_errors_in_english_too(monkeypatch, what, text, line, words):
    monkeypatch.setenv("NOTULA_LANG", "en")
    error = _yaml_error(text)
    assert error is not None and error.fix
    assert not JARGON.search(error.message.removeprefix("YAML syntax error: ") + " " + error.fix), error.message
    monkeypatch.setenv("NOTULA_LANG", "sv")
    assert error.message != _yaml_error(text).message  # really English, not the Swedish text


# ---------------------------------------------------------------- the command line

def test_help_is_swedish(swedish, capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("användning: notula") and "visa den här hjälpen och avsluta" in out
    assert "kontrollera minnesanteckningarna och registren utan att bygga" in out and "usage" not in out
    assert "visa programmets version och avsluta" in out
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    out = capsys.readouterr().out
    assert "--group GRUPP" in out and "gruppens id i minutes/groups.yml" in out


def test_argparse_errors_are_swedish(swedish, capsys):
    with pytest.raises(SystemExit):
        main(["new"])
    assert "notula new: fel: de här argumenten behövs: --group" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["new", "--group", "sgi", "--date", "2017-02-30"])
    assert "'2017-02-30' är inget datum; skriv ÅÅÅÅ-MM-DD" in capsys.readouterr().err
    import argparse

    assert argparse._("usage: ") == "usage: "  # argparse is itself again outside notula's main


def test_help_is_english_on_request(monkeypatch, capsys):
    monkeypatch.setenv("NOTULA_LANG", "en")
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: notula") and "validate the minutes and registries without building" in out


def test_new_file_comments_follow_the_language(project, monkeypatch, capsys):
    from notula.reading.source import read_source

    texts = {}
    for lang, date in (("sv", "2030-01-07"), ("en", "2030-01-14")):
        monkeypatch.setenv("NOTULA_LANG", lang)
        assert main(["--root", str(project), "new", "--group", "sgi", "--date", date]) == 0
        path = project / capsys.readouterr().out.strip()
        texts[lang] = path.read_text(encoding="utf-8")
        assert read_source(path, path.name).meta["date"]  # the comments leave the YAML readable
    assert "# ta bort dem som inte kom" in texts["sv"] and "remove those who did not come" not in texts["sv"]
    assert "# remove those who did not come" in texts["en"]
    monkeypatch.setenv("NOTULA_LANG", "sv")
    assert main(["--root", str(project), "new", "--group", "nej"]) == 1
    assert "notula new: okänd grupp 'nej'; grupperna är:" in capsys.readouterr().err


IMPORTED = """Protokoll Strategisk grupp integration den 9 maj 2017

Närvarande:
Anna Berg, Halmstad
Bo Ek, Okänd förening

1. Inledning

Gruppen beslutar att anta planen.
"""


def test_import_reports_in_the_secretary_language(project, tmp_path, monkeypatch, capsys):
    source = tmp_path / "protokoll.txt"
    source.write_text(IMPORTED, encoding="utf-8")
    missing = tmp_path / "saknas.docx"
    monkeypatch.delenv("NOTULA_LANG", raising=False)
    assert main(["--root", str(project), "import", "--group", "sgi", str(source), str(missing)]) == 1
    captured = capsys.readouterr()
    assert f"{missing}: filen finns inte — kontrollera namnet" in captured.err
    assert "behöver granskas:" in captured.out and "Okända organisationer: lägg till dem i minutes/organisations.yml" in captured.out
    written = (project / "minutes/sgi/2017/2017-05-09-sgi.md").read_text(encoding="utf-8")
    assert written.startswith("---\n# Importerad från protokoll.txt med notula import: kontrollera varje fält mot texten.")
