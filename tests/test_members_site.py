"""The members' site is a site of its own (issue 20, item 2): with the plugin's members_url, its
build names its own address in every output (canonical links, sitemap, feeds, calendars, data,
JSON-LD); every page of it says "Medlemmarnas webbplats" and carries noindex, and its robots.txt
keeps every search engine out; the public site never names the members' address."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest

from notula import labels
from notula.plugin.config import site_settings, site_url
from notula.publishing import robots
from notula.settings import Settings, SettingsError, same_address, site_address
from support.builds import TODAY, run_build
from support.members import MEMBERS_ON_HOST, set_option, with_members_under_public, with_members_url

PUBLIC = "https://example.org/"  # the demo's site_url
MEMBERS = MEMBERS_ON_HOST
MEMBERS_PLAIN = "https://intra.example.se/m%C3%B6ten/"
pytestmark = pytest.mark.build


def _contents(site: Path) -> dict[str, str]:
    """Every file of a built site as text (gzip files, such as the sitemap's and Pagefind's, opened)."""
    found = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            text = data.decode("utf-8", errors="replace")
            found[path.relative_to(site).as_posix()] = text.replace("\r\n ", "") if path.suffix == ".ics" else text  # unfolded
    return found


def _pages(site: Path) -> dict[str, str]:
    return {path: text for path, text in _contents(site).items() if path.endswith(".html")}


@pytest.fixture(scope="module")
def members(demo_builds) -> Path:
    return demo_builds.site("members", TODAY, change=with_members_url)


@pytest.fixture(scope="module")
def public(demo_builds) -> Path:
    return demo_builds.site("public", TODAY, change=with_members_url)


# ----------------------------------------------------------------------------- the address


def test_every_output_of_the_members_build_names_the_members_address(members):
    contents = _contents(members)
    public_address = re.compile(r"//example\.org\b")  # not //www.example.org, an address the minutes link to
    assert [path for path, text in contents.items() if public_address.search(text)] == []
    for path, kind in (("sitemap.xml", "sitemap"), ("sitemap.xml.gz", "sitemap"), ("feeds/alla.xml", "feed"),
                       ("kalender/alla.ics", "calendar"), ("data/moten.json", "data"), ("sgi/index.html", "canonical")):
        assert MEMBERS_PLAIN in contents[path], f"{kind} ({path}) does not name the members' address"
    meeting = contents["sgi/2018-01-23/index.html"]
    assert f'<link rel="canonical" href="{MEMBERS_PLAIN}sgi/2018-01-23/">' in meeting
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', meeting, re.S)
    assert jsonld and f'"url":"{MEMBERS_PLAIN}sgi/2018-01-23/"' in jsonld.group(1)
    assert re.search(r"^UID:sgi-20[0-9-]+@intra\.example\.se\r$", contents["kalender/alla.ics"], re.M)


def test_the_public_site_never_names_the_members_site(public):
    contents = _contents(public)
    assert [path for path, text in contents.items() if re.search(r"intra\.example\.se", text, re.I)] == []
    assert PUBLIC + "sgi/" in contents["sitemap.xml"]


def test_without_members_url_the_members_build_names_the_public_address(demo_site):
    assert '<link rel="canonical" href="https://example.org/sgi/">' in (demo_site / "sgi/index.html").read_text(encoding="utf-8")


def test_a_members_site_under_the_public_host_links_below_its_own_path(demo_builds):
    site = demo_builds.site("members", TODAY, change=with_members_under_public)
    contents = _contents(site)
    outside = re.compile(r"https://example\.org/(?!medlemmar/)")
    assert [path for path, text in contents.items() if outside.search(text)] == []
    assert "https://example.org/medlemmar/sgi/" in contents["sitemap.xml"]
    assert 'href="/medlemmar/' in contents["404.html"]  # MkDocs' 404 page links from the site's root path


# ----------------------------------------------------------------------------- saying so


def test_every_page_of_the_members_site_says_so_and_is_not_indexed(members, demo_site):
    for site in (members, demo_site):  # with or without an address of its own
        pages = _pages(site)
        assert len(pages) > 50
        for path, html in pages.items():
            assert '<meta name="robots" content="noindex, nofollow">' in html, path
            banner = re.search(r'<aside class="md-banner">.*?</aside>', html, re.S)
            assert banner and labels.MEMBERS_SITE in banner.group(0), path
        assert (site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"


def test_no_page_of_the_public_site_says_it_is_the_members(public):
    for path, html in _pages(public).items():
        assert labels.MEMBERS_SITE not in html and "noindex" not in html, path
        # no empty banner bar either (the demo's own announcement, from its overrides/, may be there)
        assert not re.search(r'class="md-banner__inner[^"]*">\s*</div>', html), path
    assert not (public / "robots.txt").exists()


def _without_own_theme(root: Path) -> None:
    """The demo without its overrides/ (and so without its own announcement bar)."""
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^  custom_dir: .*$\n", "", config.read_text(encoding="utf-8")), encoding="utf-8")


def test_a_site_without_a_banner_of_its_own_has_none_on_its_public_pages(demo_builds):
    """Only the members' site has a banner bar: on a public site without one of its own there is
    no bar at all (not even an empty one), and on its members' site the bar says which site it is."""
    public = demo_builds.site("public", TODAY, change=_without_own_theme)
    members = demo_builds.site("members", TODAY, change=_without_own_theme)
    for path, html in _pages(public).items():
        assert "md-banner" not in html and "Det här är en demonstration" not in html, path
    for path, html in _pages(members).items():
        banner = re.search(r'<aside class="md-banner">(.*?)</aside>', html, re.S)
        assert banner and labels.MEMBERS_SITE in banner.group(1) and "Det här är en demonstration" not in html, path


def test_a_site_robots_txt_is_for_its_public_site_only(project, tmp_path):
    (project / "docs" / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    for audience, expected in (("members", robots.DISALLOW_ALL), ("public", "User-agent: *\nAllow: /\n")):
        result = run_build(project, audience, TODAY)
        assert result.returncode == 0, result.stderr
        assert (project / "site" / "robots.txt").read_text(encoding="utf-8") == expected
        if audience == "members":
            assert "docs/robots.txt is left out of the members' site" in result.stderr


# ----------------------------------------------------------------------------- the option


@pytest.mark.parametrize("value", ["medlemmar.example.se", "ftp://medlemmar.example.se/", "https:///medlemmar/",
                                   "https://anna:hemligt@medlemmar.example.se/", "https://medlemmar.example.se/?a=1",
                                   "https://medlemmar.example.se/#topp", "https://medlemmar example.se/",
                                   "https://medlemmar.example.se:99999/", 42])
def test_members_url_must_be_a_web_address(value):
    with pytest.raises(SettingsError, match="members_url must be a web address"):
        site_address(value, "members_url")


def test_members_url_is_written_with_a_trailing_slash():
    assert site_address(" https://medlemmar.example.se/moten ", "members_url") == "https://medlemmar.example.se/moten/"
    assert site_address("http://127.0.0.1:8080", "members_url") == "http://127.0.0.1:8080/"


@pytest.mark.parametrize(("a", "b", "same"), [
    ("https://example.org/", "HTTPS://EXAMPLE.ORG", True),
    ("https://example.org:443/m%C3%B6ten/", "https://example.org/möten", True),
    ("https://example.org/", "https://example.org/medlemmar/", False),
    ("https://example.org/", "http://example.org/", False),
    ("https://example.org/", "https://www.example.org/", False),
])
def test_same_address(a, b, same):
    assert same_address(a, b) is same


def test_members_url_may_not_be_the_public_address():
    settings = Settings.resolve(audience="public", members_url="https://EXAMPLE.org")
    with pytest.raises(SettingsError, match="members_url 'https://example.org/' is the public site's address"):
        settings.own_url(PUBLIC)
    members = Settings.resolve(audience="members", members_url=MEMBERS)
    assert (members.own_url(PUBLIC), Settings.resolve(audience="public", members_url=MEMBERS).own_url(PUBLIC)) == (MEMBERS_PLAIN, PUBLIC)
    assert Settings.resolve(audience="members").own_url(PUBLIC) == PUBLIC


@pytest.mark.parametrize(("value", "message"), [
    ("medlemmar.example.se", "option 'members_url': members_url must be a web address"),
    ("https://example.org", "members_url 'https://example.org/' is the public site's address"),
])
def test_a_wrong_members_url_fails_the_build_naming_it(project, value, message):
    set_option(project, f"      members_url: {value}")
    for audience in ("members", "public"):
        result = run_build(project, audience, TODAY)
        assert result.returncode != 0 and message in result.stdout + result.stderr, audience
        assert "Traceback" not in result.stderr


def test_the_commands_read_both_addresses_from_mkdocs_yml(tmp_path, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: X\nsite_url: !ENV [SITE_URL, 'https://moten.example.se']\n"
                      "plugins:\n  - notula:\n      members_url: !ENV [MEMBERS_URL, 'https://medlemmar.example.se/']\n",
                      encoding="utf-8")
    assert (site_url(tmp_path), site_settings(tmp_path).members_url) == ("https://moten.example.se/", "https://medlemmar.example.se/")
    monkeypatch.setenv("MEMBERS_URL", "https://intra.example.se/moten")
    assert site_settings(tmp_path).members_url == "https://intra.example.se/moten/"
    shutil.copy(config, tmp_path / "base.yml")
    config.write_text("INHERIT: base.yml\nsite_url: ''\n", encoding="utf-8")
    with pytest.raises(Exception, match="site_url must be a web address"):
        site_url(tmp_path)


# ----------------------------------------------------------------------------- notula init


def test_init_writes_members_url_which_ci_may_replace(tmp_path, monkeypatch, capsys):
    from notula.cli import main

    monkeypatch.delenv("MEMBERS_URL", raising=False)
    assert main(["init", str(tmp_path / "med"), "--url", "https://moten.example.se/",
                 "--members-url", "https://Moten.example.se/medlemmar"]) == 0
    assert site_settings(tmp_path / "med").members_url == "https://moten.example.se/medlemmar/"
    monkeypatch.setenv("MEMBERS_URL", "https://grupp.pages.example.se/")  # as GitLab's pages job sets it
    assert site_settings(tmp_path / "med").members_url == "https://grupp.pages.example.se/"
    monkeypatch.delenv("MEMBERS_URL")
    assert main(["init", str(tmp_path / "utan")]) == 0
    assert site_settings(tmp_path / "utan").members_url is None


@pytest.mark.parametrize(("members_url", "message"), [
    ("moten.example.se/medlemmar", "--members-url 'moten.example.se/medlemmar' is not a web address"),
    ("https://MOTEN.example.se", "--members-url is the same address as --url"),
])
def test_init_refuses_a_members_url_it_cannot_use(tmp_path, capsys, members_url, message):
    from notula.cli import main

    assert main(["init", str(tmp_path / "x"), "--url", "https://moten.example.se/", "--members-url", members_url]) == 1
    assert message in capsys.readouterr().err and not (tmp_path / "x").exists()


# ----------------------------------------------------------------------------- the preview


def test_the_members_preview_is_served_at_the_members_path(demo_builds):
    """members_url as a browser copies it (%-encoded): the preview serves the members' site at its
    path, and / leads there."""
    from support.preview import get, preview, without_livereload

    with preview(demo_builds.project(with_members_url)) as url:
        status, body = get(url + "/m%C3%B6ten/sgi/")
        assert status == 200 and labels.MEMBERS_SITE in body.decode()
        start = get(url + "/")
        assert start[0] == 200 and without_livereload(start[1]) == without_livereload(get(url + "/m%C3%B6ten/")[1])
