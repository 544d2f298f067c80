"""The `notula` MkDocs plugin: its options, what it adds to a site's configuration, and its errors."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import copy_project, run_build
from notula.plugin import run
from notula.plugin.plugin import CSS, JAVASCRIPT, THEME_DIR, NotulaPlugin, plugin_of


def _configured(root: Path, **options):
    """mkdocs.yml loaded and passed through the plugins' on_config, as a build starts."""
    config = run.load(root / "mkdocs.yml", **options)
    return config.plugins.on_config(config)


def _set_options(root: Path, text: str) -> None:
    config = root / "mkdocs.yml"
    old = ("  - notula:\n      time_zone: Europe/Stockholm   # release dates are judged by the date here, wherever the build runs\n"
           "      demo: true   # a demonstration: its example addresses (site_url, e-mail) are accepted in a public build\n")
    source = config.read_text(encoding="utf-8")
    assert old in source
    config.write_text(source.replace(old, text), encoding="utf-8")


@pytest.fixture(autouse=True)
def _environment():
    """on_config sets SOURCE_DATE_EPOCH for the build it starts; builds of later tests must not inherit it."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    yield
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    if saved is not None:
        os.environ["SOURCE_DATE_EPOCH"] = saved


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_the_plugin_adds_its_theme_styles_scripts_and_extensions(project, monkeypatch):
    monkeypatch.delenv("NOTULA_AUDIENCE", raising=False)
    config = _configured(project, today=dt.date(2026, 11, 23))
    assert config.theme.dirs[:2] == [str(project / "overrides"), str(THEME_DIR)]  # after the site's, before Material's
    assert config.extra_css[0] == CSS and str(config.extra_javascript[0]) == JAVASCRIPT
    assert {"abbr", "def_list", "footnotes", "md_in_html", "mdx_truly_sane_lists"} <= set(config.markdown_extensions)
    assert config.mdx_configs["toc"]["permalink"] is True
    assert "NOTULA" not in config.nav  # the placeholder is the plugin's, filled in at the end of on_files
    assert str(project / "minutes") in config.watch
    plugin = plugin_of(config)
    assert plugin.settings.audience == "members" and plugin.settings.build_date == dt.date(2026, 11, 23)


def test_a_sites_own_theme_folder_and_styles_come_first(project):
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text + "\nextra_css:\n  - egen.css\n", encoding="utf-8")
    config = _configured(project)
    assert config.theme.dirs[:2] == [str(project / "overrides"), str(THEME_DIR)]
    assert config.extra_css == [CSS, "egen.css"]  # the site's own CSS can override Notula's
    without = re.sub(r"\n  custom_dir: .*", "", re.sub(r"\n  logo: .*", "", text))
    assert without != text
    config_file.write_text(without, encoding="utf-8")
    assert _configured(project).theme.dirs[0] == str(THEME_DIR)  # no theme folder of the site's: first


def test_options_in_mkdocs_yml_win_over_the_environment_and_the_command_line_over_both(project, monkeypatch):
    monkeypatch.setenv("NOTULA_AUDIENCE", "members")
    monkeypatch.setenv("NOTULA_TODAY", "2020-01-01")
    _set_options(project, "  - notula:\n      audience: public\n      today: 2018-02-01\n      demo: true\n")
    settings = plugin_of(_configured(project)).settings
    assert (settings.audience, settings.build_date) == ("public", dt.date(2018, 2, 1))
    settings = plugin_of(_configured(project, audience="members", today=dt.date(2019, 1, 1))).settings
    assert (settings.audience, settings.build_date) == ("members", dt.date(2019, 1, 1))


@pytest.mark.parametrize("options, named", [
    ("      audience: alla\n", "audience"),
    ("      today: 23/11/2026\n", "today"),
    ("      time_zone: Europe/Stokholm\n", "time_zone"),
])
def test_a_bad_option_is_an_error_that_names_it(project, options, named):
    _set_options(project, "  - notula:\n" + options)
    result = _notula_build(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"Plugin 'notula' option '{named}'" in result.stderr
    assert "the build of the members' site failed" in result.stderr


def _notula_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "notula", "--root", str(root), "build", "--audience", "members",
                           "--site-dir", str(root / "site")], capture_output=True, text=True)


def test_an_unknown_option_fails_a_strict_build(project):
    _set_options(project, "  - notula:\n      tidszon: Europe/Stockholm\n")
    result = run_build(project, "members", today="2026-11-23")
    assert result.returncode != 0
    assert "tidszon" in result.stdout + result.stderr and "Traceback" not in result.stderr


def test_a_site_without_the_plugin_is_told_how_to_add_it(project):
    _set_options(project, "  - search\n")
    with pytest.raises(PluginError, match="add it under 'plugins:' as '- notula'"):
        run.load(project / "mkdocs.yml")
    result = _notula_build(project)
    assert result.returncode == 1 and "'- notula'" in result.stderr and "Traceback" not in result.stderr


def test_generated_pages_are_not_reported_as_missing_from_the_nav(demo_build_log):
    assert "not included in the \"nav\"" not in demo_build_log
    assert "'NOTULA'" not in demo_build_log


@pytest.fixture(scope="module")
def demo_build_log(tmp_path_factory) -> str:
    """A members' build of the demo, with MkDocs' messages at the info level."""
    root = copy_project(tmp_path_factory.mktemp("plugin-log") / "project")
    result = run_build(root, "members", today="2026-11-23")
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def test_one_plugin_instance_serves_both_builds_of_a_run(project):
    """MkDocs keeps the plugin for the whole process (it has on_startup): each build starts afresh."""
    first = _configured(project, audience="members")
    plugin = plugin_of(first)
    plugin.nav_position = 99
    second = _configured(project, audience="public")
    assert plugin_of(second) is plugin and isinstance(plugin, NotulaPlugin)
    assert plugin.settings.audience == "public" and plugin.nav_position != 99 and plugin.build is None


def test_a_site_without_site_url_is_told_to_add_it(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_url: https://example.org/\n", ""), encoding="utf-8")
    result = _notula_build(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Notula needs 'site_url' in mkdocs.yml" in result.stderr


def test_options_left_under_extra_are_not_silently_ignored(project):
    """Before the plugin, the time zone was set under extra: notula:; such a site is told where it went."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nextra:\n  notula:\n    time_zone: Europe/Helsinki\n",
                      encoding="utf-8")
    result = _notula_build(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "'extra.notula' is an option of an older Notula: move Notula's options to the plugin" in result.stderr
