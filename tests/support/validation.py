"""Small projects for the validation tests: registries, one valid minutes file, and ways to
write a changed copy of it. Three starting points (bases): `validation` (the minutes file of
tests/test_validation.py), `fields` (front-matter fields, issue 13) and `files` (attachments
and filing, issue 9)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from notula.model.validate import check_corpus
from notula.problems import Problem
from support.registries import minutes_project

REGISTRIES = {
    "organisations.yml": """
        - {id: halmstad, name: Halmstads kommun, short: Halmstad, kind: municipality, aliases: [Halmstad kommun]}
        - {id: region-halland, name: Region Halland, kind: region}
        - {id: lansstyrelsen, name: Länsstyrelsen i Hallands län, short: Länsstyrelsen, kind: county-board}
    """,
    "groups.yml": """
        - {id: sgi, name: Strategisk grupp integration, members: [halmstad, region-halland], audience: public}
    """,
    "topics.yml": """
        - {id: sfi, name: SFI}
        - {id: arbetsmarknad, name: Arbetsmarknad}
    """,
    "abbreviations.yml": "CGH: Chefsgruppen Halland\n",
}

VALID = """\
---
group: sgi
date: 2017-04-04
time: "09:00-13:00"
place: Laxbutiken, Heberg
attendees:
  - Anna Andersson, Halmstad
  - {name: Karin Berg, org: Region Halland, remote: true}
topics: [sfi]
decisions:
  - {id: d1, text: Gruppen beslutar att gå vidare., item: 1}
actions:
  - {id: a1, text: Sammanställ behovet., owners: [Halmstad], due: 2017-05-09}
---
## 1. Inledning

Text.
"""


def validation_project(tmp_path: Path) -> Path:
    """A project with REGISTRIES and an empty minutes/sgi/2017/."""
    return minutes_project(tmp_path, REGISTRIES)


def write(root: Path, text: str | bytes, name: str = "2017-04-04-sgi.md") -> str:
    """Write a minutes file into minutes/sgi/2017/; its path as problems name it."""
    path = root / "minutes" / "sgi" / "2017" / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return f"minutes/sgi/2017/{name}"


def problems_for(root: Path) -> list[Problem]:
    _, problems = check_corpus(root)
    return problems


def only(root: Path) -> Problem:
    """The one problem that `notula check` finds in root (fails when there are none or several)."""
    problems = problems_for(root)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def replace(old: str, new: str) -> str:
    """VALID with old replaced by new (old must be in it)."""
    assert old in VALID
    return VALID.replace(old, new)


# ---------------------------------------------------------------- base `fields` (issue 13)

FIELDS_REGISTRIES = {
    "organisations.yml": """
        - {id: halmstad, name: Halmstads kommun, short: Halmstad, kind: municipality}
        - {id: region-halland, name: Region Halland, kind: region}
        - {id: lansstyrelsen, name: Länsstyrelsen i Hallands län, short: Länsstyrelsen, kind: county-board}
    """,
    "groups.yml": """
        - {id: sgi, name: Strategisk grupp integration, members: [halmstad, region-halland], audience: public,
           approval: required}
    """,
    "topics.yml": """
        - {id: sfi, name: SFI}
    """,
    "abbreviations.yml": "CGH: Chefsgruppen Halland\n",
}

FIELDS_BASE = """\
group: sgi
date: 2017-04-04
attendees:
  - Anna Andersson, Halmstad
"""


def fields_project(tmp_path: Path) -> Path:
    return minutes_project(tmp_path, FIELDS_REGISTRIES)


def write_front(root: Path, front: str, name: str = "2017-04-04-sgi.md", base: str = FIELDS_BASE) -> None:
    """A minutes file of FIELDS_BASE plus the front-matter lines front."""
    if front.startswith("attendees:"):  # the case's own attendees replace the base's
        base = base.split("attendees:")[0]
    text = "---\n" + base + textwrap.dedent(front).strip("\n") + "\n---\n\n## 1. Inledning\n"
    (root / "minutes" / "sgi" / "2017" / name).write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- base `files` (issue 9)

FILE = "minutes/sgi/2017/2017-04-04-sgi.md"
FILES_REGISTRIES = {
    "organisations.yml": "- {id: halmstad, name: Halmstads kommun, short: Halmstad, kind: municipality}\n",
    "groups.yml": "- {id: sgi, name: Strategisk grupp integration, members: [halmstad], audience: public}\n"
                  "- {id: styr, name: Styrgrupp, members: [halmstad]}\n",
    "topics.yml": "- {id: sfi, name: SFI}\n",
    "abbreviations.yml": "SFI: Svenska för invandrare\n",
}
FILES_VALID = """\
---
group: sgi
date: 2017-04-04
attendees:
  - Anna Andersson, Halmstad
{extra}---
Text.
"""


def files_project(tmp_path: Path) -> Path:
    """Two groups, an attachment in each, and a members-only document of the group styr."""
    minutes = tmp_path / "minutes"
    (minutes / "sgi" / "2017" / "attachments").mkdir(parents=True)
    (minutes / "styr" / "2017" / "attachments").mkdir(parents=True)
    for name, text in FILES_REGISTRIES.items():
        (minutes / name).write_text(text, encoding="utf-8")
    (minutes / "sgi" / "2017" / "attachments" / "ok.pdf").write_bytes(b"%PDF")
    (minutes / "styr" / "2017" / "attachments" / "styr.pdf").write_bytes(b"%PDF")
    (minutes / "styr" / "2017" / "2017-04-03-styr.md").write_text(
        FILES_VALID.format(extra="audience: members\n").replace("sgi", "styr").replace("04-04", "04-03"), encoding="utf-8")
    return tmp_path


def write_file(root: Path, relative: str, text: str) -> str:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return relative
