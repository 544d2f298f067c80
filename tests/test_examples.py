"""A new site holds no demo content: the examples of `notula new`, of error messages and of the
field reference come from the site's own registries, or are neutral where it has none; the
people in `notula init`'s pages are no plausible real persons (notula.model.examples)."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

import notula
from notula.cli import main
from notula.cli.init import SiteOptions, init_site
from notula.model.examples import PERSON, Examples
from notula.model.registry import load_registry
from notula.rendering.docs import field_reference_markdown
from support.builds import build_site
from support.launch import fill_in_placeholders

REPO = Path(__file__).resolve().parent.parent
PACKAGE = Path(notula.__file__).parent

# A site in another county, whose registries share nothing with the demo's.
NORRBOTTEN = {
    "organisations.yml": """
        - {id: lulea, name: Luleå kommun, short: Luleå, kind: municipality}
        - {id: pitea, name: Piteå kommun, short: Piteå, kind: municipality}
    """,
    "groups.yml": """
        - {id: nsi, name: Norrbottens samverkan integration, members: [lulea, pitea], audience: public}
    """,
    "topics.yml": "- {id: bostader, name: Bostäder}\n",
    "abbreviations.yml": "RSN: Regionala samverkansnämnden\n",
}


def demo_words() -> set[str]:
    """Every name the demo's registries hold: organisations, groups and abbreviations."""
    words: set[str] = set()
    for org in yaml.safe_load((REPO / "minutes" / "organisations.yml").read_text(encoding="utf-8")):
        words |= {org["id"], org["name"], org.get("short") or org["name"], *org.get("aliases", [])}
    for group in yaml.safe_load((REPO / "minutes" / "groups.yml").read_text(encoding="utf-8")):
        words |= {group["id"], group["name"], group.get("short") or group["name"]}
    words |= set(yaml.safe_load((REPO / "minutes" / "abbreviations.yml").read_text(encoding="utf-8")))
    return words


def demo_words_in(text: str) -> list[str]:
    # "HH" of the demo's abbreviations is also the hours of "HH:MM"
    return sorted(w for w in demo_words() if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w:-])", text))


def norrbotten(root: Path) -> Path:
    (root / "minutes").mkdir(parents=True)
    for name, text in NORRBOTTEN.items():
        (root / "minutes" / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


def test_the_guard_finds_the_demos_words():
    assert {"Halmstad", "Varberg", "sgi", "CGH", "Arbetsförmedlingen", "Region Halland"} <= demo_words()
    assert demo_words_in("owners: [Halmstad], by: CGH, e.g. sgi/2017-04-25") == ["CGH", "Halmstad", "sgi"]


def test_notulas_own_files_name_nothing_of_the_demo():
    """Templates, messages, the schema's examples, the theme and init's site: none of the demo's
    organisations, groups or abbreviations (import recognises Swedish minutes in general and
    has its own tests)."""
    found = {}
    for path in PACKAGE.rglob("*"):
        if path.is_file() and path.suffix not in (".mo", ".pyc") and "importing" not in path.relative_to(PACKAGE).parts:
            words = demo_words_in(path.read_text(encoding="utf-8", errors="replace"))
            if words:
                found[path.relative_to(PACKAGE).as_posix()] = words
    assert found == {}


def test_notula_new_takes_its_examples_from_the_sites_registries(tmp_path, capsys):
    root = norrbotten(tmp_path / "sajt")
    assert main(["--root", str(root), "new", "--group", "nsi", "--date", "2026-12-01"]) == 0
    text = (root / capsys.readouterr().out.strip()).read_text(encoding="utf-8")
    assert demo_words_in(text) == []
    assert "owners: [Luleå]" in text and "by: RSN}" in text and "host: Luleå}" in text and "org: Luleå, notified: true}" in text


def test_notula_new_on_a_site_without_abbreviations_is_neutral(tmp_path, capsys):
    root = norrbotten(tmp_path / "sajt")
    (root / "minutes" / "abbreviations.yml").write_text("{}\n", encoding="utf-8")
    assert main(["--root", str(root), "new", "--group", "nsi", "--date", "2026-12-01"]) == 0
    text = (root / capsys.readouterr().out.strip()).read_text(encoding="utf-8")
    assert "by: KS}" in text and demo_words_in(text) == []


def test_the_field_reference_shows_the_sites_own_examples(tmp_path):
    registry, problems = load_registry(norrbotten(tmp_path / "sajt") / "minutes", tmp_path / "sajt")
    assert not problems
    text = field_reference_markdown(Examples.of(registry))
    assert demo_words_in(text) == []
    for example in ("`Luleå`", "`lulea`", "`nsi`", "`nsi/2017-04-25`", "`RSN`", "`bostader`", "`Bostäder`",
                    "`Norrbottens samverkan integration`"):
        assert example in text, example
    neutral = field_reference_markdown()
    assert "`Exempelkommunen`" in neutral and "`grupp/2017-04-25`" in neutral and demo_words_in(neutral) == []


def test_an_error_hint_names_the_files_own_group(tmp_path):
    root = norrbotten(tmp_path / "sajt")
    paper = root / "minutes" / "nsi" / "2026" / "2026-11-02-nsi-paper.md"
    paper.parent.mkdir(parents=True)
    paper.write_text("---\ntype: paper\ngroup: nsi\ndate: 2026-11-02\ntitle: Underlag\nfor_meeting: nsi/2026-11-03\n---\n\nText.\n",
                     encoding="utf-8")
    from notula.model.validate import check_corpus

    _, problems = check_corpus(root)
    (problem,) = problems
    assert problem.field == "for_meeting" and problem.fix.endswith("e.g. nsi/2026-11-02")


def test_inits_people_are_no_plausible_real_persons(tmp_path):
    """A site that hides a person of the example's name got a false leak alarm: every person in
    init's pages is an Exempelsson or the neutral name (NAMN where a name is to be written)."""
    root = tmp_path / "sajt"
    init_site(root, SiteOptions(organisation="Provkommunen"))
    names = set()
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            text = path.read_text(encoding="utf-8")
            names |= set(re.findall(r"\{name: ([^,}\n]+)", text))
            names |= set(re.findall(r"([A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ][a-zåäö]+), (?:Exempelkommunen|Provkommunen)", text))
    names -= {"Exempelgruppen", "NAMN"}
    assert names and all(name.endswith(" Exempelsson") or name == PERSON for name in names), sorted(names)


@pytest.mark.build
def test_a_new_sites_field_reference_page_is_its_own(tmp_path):
    """The page on the built site (Om webbplatsen → Fältreferens) of a site with its own registries."""
    root = tmp_path / "sajt"
    init_site(root, SiteOptions(organisation="Provkommunen"))
    fill_in_placeholders(root)
    shutil.rmtree(root / "minutes")
    norrbotten(root)
    site = build_site(root, "public", "2026-11-23", tmp_path / "out")
    page = (site / "om" / "falt" / "index.html").read_text(encoding="utf-8")
    assert "<code>Luleå</code>" in page and "<code>nsi/2017-04-25</code>" in page
    assert demo_words_in(page) == []
