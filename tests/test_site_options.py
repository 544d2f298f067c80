"""The plugin's site options minutes_dir and public_names: the build, the preview, `notula
check`, `new` and `import` all read them, so that check and build never disagree.

The site is a small one made by `notula init`, with its minutes moved to protokoll/ and a
default names policy of attendees; an old minutes/ folder is left beside it, unread.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from notula.cli import main
from notula.cli.init import SiteOptions, init_site
from notula.errors import ConfigError
from notula.model.validation_cache import registry_key
from notula.plugin import run
from notula.plugin.config import site_settings
from notula.plugin.plugin import plugin_of
from notula.settings import Settings, SettingsError
from support.builds import build_site, run_build
from support.launch import fill_in_placeholders

TODAY = dt.date(2026, 11, 23)
OPTIONS = "      minutes_dir: protokoll\n      public_names: attendees\n"
ANCHOR = "      time_zone: Europe/Stockholm"

GROUPS = """\
- id: oppen
  name: Öppna gruppen
  members: [exempelkommunen]
  audience: public
- id: tyst
  name: Tysta gruppen
  members: [exempelkommunen]
  audience: public
  public_names: none
"""

DOCUMENT = """\
---
type: minutes
group: {group}
date: {date}
title: Möte i {group}
attendees:
  - "{attendee}, Exempelkommunen"
guests:
  - {{name: {guest}, org: Exempelkommunen}}
secretary: "{attendee}, Exempelkommunen"
---

## 1. Inledning

Gruppen gick igenom läget.
"""

ATTENDEE, GUEST, SILENT = "Alva Ahlström", "Gustav Gästsson", "Tora Tystberg"


def _document(group: str, date: str, attendee: str, guest: str) -> str:
    return DOCUMENT.format(group=group, date=date, attendee=attendee, guest=guest)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site with minutes_dir: protokoll and public_names: attendees; tests must not change it."""
    root = tmp_path_factory.mktemp("options") / "sajt"
    init_site(root, SiteOptions(name="Prov", url="https://prov.example.se/"), today=TODAY)
    fill_in_placeholders(root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert ANCHOR in text
    config.write_text(text.replace(ANCHOR, OPTIONS + ANCHOR), encoding="utf-8")
    shutil.rmtree(root / "minutes" / "exempel")  # the example is members-only; these are public
    (root / "minutes").rename(root / "protokoll")
    _write(root / "protokoll" / "groups.yml", GROUPS)
    _write(root / "protokoll/oppen/2026/2026-10-01-oppen.md", _document("oppen", "2026-10-01", ATTENDEE, GUEST))
    _write(root / "protokoll/tyst/2026/2026-10-02-tyst.md", _document("tyst", "2026-10-02", SILENT, "Greta Gästberg"))
    # Left over beside it: not read (it would fail validation: no registries, an unknown group).
    _write(root / "minutes/ingen/2026/2026-10-03-ingen.md", "---\ngroup: ingen\n---\n")
    return root


@pytest.fixture
def copy(site: Path, tmp_path: Path) -> Path:
    """A copy of the site that a test may change."""
    return Path(shutil.copytree(site, tmp_path / "sajt", ignore=shutil.ignore_patterns("site")))


def _notula(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--root", str(root), *args])
    captured = capsys.readouterr()
    assert "internal error" not in captured.err and "Traceback" not in captured.err
    return status, captured.out, captured.err


def _set(root: Path, old: str, new: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")


# ----------------------------------------------------------------------------- reading the options


def test_site_settings_read_the_options_from_mkdocs_yml(site, tmp_path):
    settings = site_settings(site)
    assert (settings.minutes_dir, settings.public_names) == ("protokoll", "attendees")
    assert (site_settings(tmp_path).minutes_dir, site_settings(tmp_path).public_names) == ("minutes", "none")


def test_site_settings_follow_mkdocs_own_loader(tmp_path, monkeypatch):
    """!ENV and INHERIT, MkDocs' dict form of plugins, and a written-out path ./x/ all read as MkDocs reads them."""
    _write(tmp_path / "base.yml", "site_name: X\nplugins:\n  notula:\n    minutes_dir: !ENV [PROV_MAPP, minutes]\n")
    _write(tmp_path / "mkdocs.yml", "INHERIT: base.yml\n")
    monkeypatch.setenv("PROV_MAPP", "./arkiv/protokoll/")
    assert site_settings(tmp_path).minutes_dir == "arkiv/protokoll"
    _write(tmp_path / "mkdocs.yml", "site_name: X\nplugins:\n  - search\n  - notula:\n      enabled: false\n")
    assert site_settings(tmp_path).minutes_dir == "minutes"  # a disabled plugin has no say


@pytest.mark.parametrize(("options", "option"), [
    ("      minutes_dir: ../x\n", "minutes_dir"),
    ("      minutes_dir: /srv/protokoll\n", "minutes_dir"),
    ("      minutes_dir: docs/protokoll\n", "minutes_dir"),  # MkDocs would publish the files as they are
    ("      minutes_dir: site\n", "minutes_dir"),  # a build empties it
    ("      public_names: some\n", "public_names"),
    ("      public_name: all\n", "public_name"),  # a misspelt option: the strict build stops on it too
])
def test_a_bad_option_fails_check_and_build_naming_it(copy, capsys, options, option):
    _set(copy, OPTIONS, options)
    with pytest.raises(ConfigError, match=f"mkdocs.yml.*{option}"):
        site_settings(copy)
    for command in (["check"], ["new", "--group", "oppen", "--date", "2026-12-01"]):
        status, _out, err = _notula(capsys, copy, *command)
        assert status == 1 and option in err and "mkdocs.yml" in err
    built = run_build(copy, "public", TODAY.isoformat())
    assert built.returncode != 0 and option in built.stdout + built.stderr
    assert not (copy / "site" / "index.html").exists()


def test_check_names_the_option_that_is_wrong_in_swedish(copy, capsys, monkeypatch):
    monkeypatch.setenv("NOTULA_LANG", "sv")
    _set(copy, OPTIONS, "      public_names: some\n")
    status, _out, err = _notula(capsys, copy, "check")
    assert status == 1 and "public_names ska vara en av all, attendees, none, inte 'some'" in err


# ----------------------------------------------------------------------------- check, new, import


def test_check_reads_the_configured_folder(site, capsys):
    status, out, err = _notula(capsys, site, "check")
    assert status == 0, err
    assert "OK: 2 documents, 2 groups" in out  # minutes/ beside it (a broken file) is not read


def test_problems_and_fixes_name_the_configured_folder(copy, capsys, monkeypatch):
    broken = _document("oppen", "2026-10-05", ATTENDEE, GUEST).replace("Exempelkommunen", "Okändkommunen", 1)
    _write(copy / "protokoll/oppen/2026/2026-10-05-oppen.md", broken.replace("type: minutes", "topics: [okänt]\ntype: minutes"))
    _write(copy / "protokoll/oppen/2025/2026-10-06-oppen.md", _document("oppen", "2026-10-06", ATTENDEE, GUEST))
    _write(copy / "protokoll/oppen/2026/anteckning.txt", "lös text")
    (copy / "protokoll/oppen/2026/lank.md").symlink_to(copy / "saknas.md")
    status, _out, err = _notula(capsys, copy, "check")
    assert status == 1
    assert "protokoll/oppen/2026/2026-10-05-oppen.md:8: attendees[1]" in err
    assert "from protokoll/organisations.yml" in err and "from protokoll/topics.yml" in err
    assert "move it to protokoll/oppen/2026/2026-10-06-oppen.md" not in err  # it is in a year folder, the wrong one
    assert "move the file to protokoll/oppen/2026/" in err
    assert "minutes are files protokoll/<group>/<year>/" in err
    assert "Notula does not follow links under protokoll/" in err
    assert "minutes/" not in err.replace("protokoll/", "")
    monkeypatch.setenv("NOTULA_LANG", "sv")
    _status, _out, svenska = _notula(capsys, copy, "check")
    assert "från protokoll/organisations.yml" in svenska and "protokoll/<grupp>/<år>/" in svenska
    assert "minutes/" not in svenska


def test_check_of_named_files_keeps_only_theirs(copy, capsys):
    _write(copy / "protokoll/oppen/2026/2026-10-05-oppen.md", _document("oppen", "2026-10-05", ATTENDEE, GUEST)
           .replace("group: oppen", "group: öppen"))
    _write(copy / "protokoll/tyst/2026/2026-10-09-tyst.md", _document("tyst", "2026-10-09", SILENT, GUEST)
           .replace("group: tyst", "group: tysst"))
    status, _out, err = _notula(capsys, copy, "check", "protokoll/tyst/2026/2026-10-09-tyst.md")
    assert status == 1 and "2026-10-09-tyst.md" in err and "2026-10-05-oppen.md" not in err


def test_a_missing_folder_is_named_with_the_way_out(copy, capsys):
    shutil.rmtree(copy / "protokoll")
    status, _out, err = _notula(capsys, copy, "check")
    assert status == 1 and "protokoll: the minutes folder is missing" in err and "minutes_dir" in err


def test_new_writes_into_the_configured_folder(copy, capsys):
    status, out, err = _notula(capsys, copy, "new", "--group", "oppen", "--date", "2026-12-01")
    assert status == 0, err
    assert out.strip() == "protokoll/oppen/2026/2026-12-01-oppen.md"
    assert (copy / out.strip()).is_file() and not (copy / "minutes" / "oppen").exists()


def test_import_writes_into_the_configured_folder(copy, capsys, tmp_path):
    source = _write(tmp_path / "gammalt.txt", "Minnesanteckningar Öppna gruppen den 7 december 2026\n\n"
                    "Närvarande:\nAlva Ahlström, Exempelkommunen\n\n1. Inledning\n\nGruppen gick igenom läget.\n")
    status, out, err = _notula(capsys, copy, "import", str(source), "--group", "oppen")
    assert status == 0, err
    target = copy / "protokoll/oppen/2026/2026-12-07-oppen.md"
    assert target.is_file() and "-> protokoll/oppen/2026/2026-12-07-oppen.md" in out
    assert not (copy / "minutes" / "oppen").exists()


# ----------------------------------------------------------------------------- the build and the preview


@pytest.fixture(scope="module")
def built(site, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("options-built")
    return {audience: build_site(site, audience, TODAY.isoformat(), out / audience) for audience in ("members", "public")}


def test_both_builds_read_the_configured_folder(built):
    for audience in ("members", "public"):
        assert (built[audience] / "oppen" / "2026-10-01" / "index.html").is_file()
        assert (built[audience] / "tyst" / "2026-10-02" / "index.html").is_file()
        assert not (built[audience] / "ingen").exists()


def test_the_public_site_shows_names_as_the_site_and_each_group_say(built):
    def page(audience: str, meeting: str) -> str:
        return (built[audience] / meeting / "index.html").read_text(encoding="utf-8")

    for name in (ATTENDEE, GUEST):
        assert name in page("members", "oppen/2026-10-01")
    assert SILENT in page("members", "tyst/2026-10-02")
    public = page("public", "oppen/2026-10-01")
    assert ATTENDEE in public and GUEST not in public  # the site's default: attendees, not guests
    assert SILENT not in page("public", "tyst/2026-10-02")  # the group's own public_names: none
    everything = "".join(p.read_text(encoding="utf-8", errors="replace") for p in built["public"].rglob("*")
                         if p.is_file() and p.suffix in (".html", ".json", ".xml", ".ics", ".csv"))
    assert GUEST not in everything and SILENT not in everything


def test_the_preview_watches_the_configured_folder(site):
    config = run.load(site / "mkdocs.yml")
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        config = config.plugins.on_config(config)
    finally:
        plugin_of(config).on_shutdown()
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    assert str(site / "protokoll") in config.watch
    assert str(site / "minutes") not in config.watch


# ----------------------------------------------------------------------------- the rules, one by one


@pytest.mark.parametrize(("written", "folder"), [
    ("protokoll", "protokoll"), ("./protokoll/", "protokoll"), ("arkiv\\protokoll", "arkiv/protokoll"),
    ("arkiv/../protokoll", "protokoll"), (" protokoll ", "protokoll"),
])
def test_minutes_dir_is_written_plainly(written, folder):
    assert Settings.resolve(minutes_dir=written, docs_dir="docs").minutes_dir == folder


@pytest.mark.parametrize(("written", "docs_dir"), [
    ("", "docs"), (".", "docs"), ("..", "docs"), ("../x", "docs"), ("a/../../x", "docs"), ("/srv/x", "docs"),
    ("C:\\protokoll", "docs"), ("docs", "docs"), ("docs/protokoll", "docs"), ("sajt", "sajt/docs"), ("x", "."),
])
def test_minutes_dir_stays_in_the_site_and_out_of_docs(written, docs_dir):
    with pytest.raises(SettingsError, match="minutes_dir"):
        Settings.resolve(minutes_dir=written, docs_dir=docs_dir)


@pytest.mark.parametrize("written", ["site", "site/protokoll", "."])
def test_minutes_dir_stays_out_of_the_built_site(written):
    with pytest.raises(SettingsError, match="minutes_dir"):
        Settings.resolve(minutes_dir=written, docs_dir="docs", site_dir="site")
    assert Settings.resolve(minutes_dir="protokoll", docs_dir="docs", site_dir="../utdata").minutes_dir == "protokoll"


def test_public_names_is_one_of_the_policies_and_none_by_default():
    assert Settings().public_names == Settings.resolve().public_names == "none"
    assert Settings.resolve(public_names="attendees").public_names == "attendees"
    for bad in ("some", "", "None", "ALL"):
        with pytest.raises(SettingsError, match="public_names"):
            Settings.resolve(public_names=bad)


def test_the_validation_cache_key_holds_the_folder_and_the_names_default(site):
    folder = site / "protokoll"
    key = registry_key(folder, True, "none")
    assert key == registry_key(folder, True, "none")
    assert key != registry_key(folder, True, "attendees") and key != registry_key(site / "minutes", True, "none")


def test_help_names_the_configured_folder(site, capsys, monkeypatch):
    for command in ("new", "import"):
        with pytest.raises(SystemExit):
            main(["--root", str(site), command, "--help"])
        assert "protokoll/groups.yml" in capsys.readouterr().out
    monkeypatch.chdir(site / "protokoll")  # the site found upwards, as the commands find it
    with pytest.raises(SystemExit):
        main(["new", "-h"])
    assert "protokoll/groups.yml" in capsys.readouterr().out
