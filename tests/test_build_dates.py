"""The build date (issue 9, item 7) and the build's output folder (item 8): release dates are
judged by the date in the site's time zone, two builds of the same input are byte-identical,
and a failed build leaves the old site as it was."""

from __future__ import annotations

import datetime as dt
import filecmp
import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from notula.settings import Settings, local_today, source_date_epoch, today_from_env
from support.builds import build_site, copy_project, run_build

NEW_YEARS_EVE_2330_UTC = str(int(dt.datetime(2019, 12, 31, 23, 30, tzinfo=dt.UTC).timestamp()))


@pytest.mark.parametrize("env, zone, expected", [
    ({"SOURCE_DATE_EPOCH": NEW_YEARS_EVE_2330_UTC}, "Europe/Stockholm", dt.date(2020, 1, 1)),
    ({"SOURCE_DATE_EPOCH": NEW_YEARS_EVE_2330_UTC}, "America/New_York", dt.date(2019, 12, 31)),
    ({"SOURCE_DATE_EPOCH": NEW_YEARS_EVE_2330_UTC, "NOTULA_TODAY": "2021-05-06"}, "Europe/Stockholm", dt.date(2021, 5, 6)),
])
def test_the_build_date_is_the_date_where_the_site_is(env, zone, expected):
    assert today_from_env(zone, env) == expected


def test_today_is_taken_in_the_site_time_zone_not_the_hosts():
    # UTC+14 and UTC-11 are never on the same date.
    assert local_today("Pacific/Kiritimati") != local_today("Pacific/Pago_Pago")


@pytest.mark.parametrize("env, zone, message", [
    ({"NOTULA_TODAY": "23/11/2026"}, "Europe/Stockholm", "NOTULA_TODAY must be a date as YYYY-MM-DD"),
    ({"SOURCE_DATE_EPOCH": "igår"}, "Europe/Stockholm", "SOURCE_DATE_EPOCH must be whole seconds"),
    ({}, "Europe/Stokholm", "unknown time zone 'Europe/Stokholm'"),
    ({"NOTULA_AUDIENCE": "alla"}, "Europe/Stockholm", "NOTULA_AUDIENCE must be one of members, public"),
])
def test_bad_settings_are_named(env, zone, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        Settings.resolve(time_zone=zone, env=env)


def test_source_date_epoch_keeps_the_date():
    for day in (dt.date(2026, 11, 23), dt.date(2030, 1, 1)):
        epoch = int(source_date_epoch(day))
        assert dt.datetime.fromtimestamp(epoch, dt.UTC).date() == day


def test_two_builds_of_the_same_input_are_byte_identical(demo_builds, tmp_path):
    first = demo_builds.site("public", "2030-01-01")
    second = build_site(demo_builds.project(), "public", today="2030-01-01", out=tmp_path / "again")
    comparison = filecmp.dircmp(first, second)

    def differences(cmp) -> list[str]:
        found = cmp.left_only + cmp.right_only + cmp.diff_files
        return found + [f for name, sub in cmp.subdirs.items() for f in differences(sub) if name != "pagefind"]

    # Pagefind indexes on several threads and names its files by their content, which then
    # comes out in another order from run to run: its folder is the one exception.
    assert [f for f in differences(comparison) if not f.startswith("pagefind")] == []
    sitemap = (first / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {"2030-01-01"}
    with gzip.open(first / "sitemap.xml.gz") as archive:
        archive.read()
        assert dt.datetime.fromtimestamp(archive.mtime, dt.UTC).date() == dt.date(2030, 1, 1)


def test_a_bad_time_zone_fails_the_build_with_its_name(tmp_path):
    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("time_zone: Europe/Stockholm",
                                                                 "time_zone: Europe/Stokholm"), encoding="utf-8")
    result = run_build(root, "public")
    assert result.returncode != 0
    assert "unknown time zone 'Europe/Stokholm'" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def notula_build(root: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NOTULA_TODAY="2026-11-23")
    return subprocess.run([sys.executable, "-m", "notula.cli", "--root", str(root), "build", "--audience", "public",
                           "--site-dir", str(site_dir)], capture_output=True, text=True, env=env, cwd=root)


def test_a_failed_build_leaves_the_old_site_as_it_was(demo_cli_build, tmp_path):
    status, site_dir = demo_cli_build  # the sites of a good `notula build`
    assert status == 0
    before = {p.relative_to(site_dir): p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}
    broken = copy_project(tmp_path / "project")
    (broken / "docs" / "om" / "trasig.md").write_text("# Trasig\n\nSe [sidan som saknas](saknas.md).\n", encoding="utf-8")
    result = notula_build(broken, site_dir)
    assert result.returncode != 0
    assert f"{(site_dir / 'public').resolve()} is unchanged" in result.stderr
    after = {p.relative_to(site_dir): p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in site_dir.iterdir()) == ["members", "public"]  # no half-built folder left behind
