"""`notula init DIR`: a new site that checks and builds at once and holds no copy of Notula."""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from mkdocs.utils import yaml_load

import notula
from notula import __version__
from notula.cli import main, parser
from notula.cli.init import EXAMPLE_GROUP, InitError, SiteOptions, init_site, release, requirement_of
from notula.model.validate import check_corpus
from notula.showing.audience import Audience, for_audience
from support.launch import fill_in_placeholders

REPO = Path(__file__).resolve().parent.parent
PACKAGE = Path(notula.__file__).parent
TEMPLATE = PACKAGE / "cli" / "site_template"
TODAY = dt.date(2026, 11, 23)
EXAMPLE = f"minutes/{EXAMPLE_GROUP}/2026/2026-11-23-{EXAMPLE_GROUP}.md"
EXPECTED = [
    "mkdocs.yml", "requirements.txt", "README.md", ".gitignore",
    ".github/workflows/check.yml", ".github/workflows/publish.yml", ".gitlab-ci.yml",
    "minutes/groups.yml", "minutes/organisations.yml", "minutes/topics.yml", "minutes/abbreviations.yml", EXAMPLE,
    "docs/om/index.md", "docs/om/format.md", "docs/om/prenumerera.md", "docs/om/data.md", "docs/om/tillganglighet.md",
    "docs/om/personuppgifter.md", "hooks/README.md", "overrides/README.md",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """One new site, made by the library call with a fixed date; tests must not change it."""
    target = tmp_path_factory.mktemp("init") / "mina-moten"
    init_site(target, SiteOptions(name="Samverkan: prov", url="https://moten.example.se/", organisation="Provkommunen"),
              today=TODAY)
    return target


def files_of(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def config(site: Path) -> dict:
    with (site / "mkdocs.yml").open(encoding="utf-8") as stream:
        return yaml_load(stream)  # MkDocs' own loader: !ENV as MkDocs reads it


def workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def notula_commands(lines) -> list[list[str]]:
    return [shlex.split(line) for line in lines if line.strip().startswith("notula ")]


# ----------------------------------------------------------------------------- the command


def test_init_makes_every_file_and_says_what_next(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "nya"]) == 0
    out = capsys.readouterr().out
    made = files_of(tmp_path / "nya")
    example = next(p for p in made if p.startswith(f"minutes/{EXAMPLE_GROUP}/"))
    assert made == set(EXPECTED) - {EXAMPLE} | {example}
    for path in made:
        assert f"  {path}\n" in out
    assert "cd nya" in out and "notula serve" in out and "notula check" in out


def test_new_site_passes_check(site, capsys):
    assert main(["--root", str(site), "check"]) == 0
    assert capsys.readouterr().out.startswith("OK: 1 document, 1 group, 1 organisation, 1 topic.")


def test_example_minutes_have_the_structure_notula_new_writes(site, tmp_path):
    from notula.cli.scaffold import new_minutes
    from notula.model.registry import load_registry

    registry, problems = load_registry(site / "minutes", site)
    assert not problems
    scaffold = tmp_path / "scaffold"
    (scaffold / "minutes").mkdir(parents=True)
    new = new_minutes(scaffold, registry, EXAMPLE_GROUP, TODAY + dt.timedelta(days=1)).read_text(encoding="utf-8")

    def fields(text: str) -> list[str]:
        head = text.split("---")[1]
        return [line.split(":")[0] for line in head.splitlines() if line and not line.startswith((" ", "#"))]

    example = (site / EXAMPLE).read_text(encoding="utf-8")
    extra = ("title", "time", "host", "audience")  # filled in the example; new leaves them out or as comments
    assert [f for f in fields(example) if f not in extra] == fields(new)
    assert "EXEMPEL" in example.split("---")[1] and "Exempel." in example.split("---", 2)[2]


def _comments(text: str) -> list[str]:
    """The comments after the fields of a file's front-matter."""
    return [line.split("#", 1)[1].strip() for line in text.split("---")[1].splitlines()
            if "#" in line and not line.startswith("#")]


def test_example_minutes_comment_in_swedish_as_notula_new_does(site, tmp_path, monkeypatch):
    """The example's comments are in Swedish (the rest of it is): none of the English comments of
    `notula new` (NOTULA_LANG=en) is left in it, and each Swedish one of a field both have is."""
    from notula.cli.scaffold import new_minutes
    from notula.model.registry import load_registry

    registry, problems = load_registry(site / "minutes", site)
    assert not problems

    def new(language: str) -> str:
        monkeypatch.setenv("NOTULA_LANG", language)
        folder = tmp_path / language
        (folder / "minutes").mkdir(parents=True)
        return new_minutes(folder, registry, EXAMPLE_GROUP, TODAY + dt.timedelta(days=1)).read_text(encoding="utf-8")

    english, swedish = new("en"), new("sv")
    example = (site / EXAMPLE).read_text(encoding="utf-8")
    words = {word for comment in _comments(english) for word in re.findall(r"[a-zA-Z][a-zA-Z.]+", comment)}
    english_words = words - {word for comment in _comments(swedish) for word in re.findall(r"[a-zA-Z][a-zA-Z.]+", comment)}
    assert {"e.g.", "remove", "several", "not", "decisions"} <= english_words  # the comparison finds English
    left = sorted(word for comment in _comments(example) for word in re.findall(r"[a-zA-Z][a-zA-Z.]+", comment)
                  if word in english_words)
    assert not left, left
    for line in swedish.split("---")[1].splitlines():
        if line.startswith(("attendees:", "secretary:")):
            assert line.split("#", 1)[1].strip() in example, line


def test_example_minutes_are_for_members_only(site):
    """The example group is public (as most groups are), but the invented example minutes say
    audience: members, so a site deployed before they are replaced never shows them publicly."""
    corpus, problems = check_corpus(site)
    assert not problems
    group = corpus.registry.groups[EXAMPLE_GROUP]
    assert group.audience == "public"
    members = for_audience(corpus, Audience("members", TODAY))
    public = for_audience(corpus, Audience("public", TODAY))
    assert [m.doc.group for m in members.meetings] == [EXAMPLE_GROUP]
    assert public.meetings == []


def test_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    target = tmp_path / "befintlig"
    target.mkdir()
    (target / "mkdocs.yml").write_text("site_name: min egen\n", encoding="utf-8")
    assert main(["init", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"notula init: the folder '{target}' is not empty (it holds mkdocs.yml)")
    assert "nothing was written" in err and "notula init mina-moten" in err
    assert files_of(target) == {"mkdocs.yml"}
    assert (target / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: min egen\n"


def test_refuses_a_file_and_a_second_init(tmp_path, capsys):
    file = tmp_path / "fil.txt"
    file.write_text("x", encoding="utf-8")
    assert main(["init", str(file)]) == 1
    assert "is a file, not a folder" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "ny")]) == 0
    before = {p: (tmp_path / "ny" / p).read_bytes() for p in files_of(tmp_path / "ny")}
    assert main(["init", str(tmp_path / "ny")]) == 1
    assert "is not empty" in capsys.readouterr().err
    assert {p: (tmp_path / "ny" / p).read_bytes() for p in files_of(tmp_path / "ny")} == before


def test_accepts_an_empty_folder_and_a_fresh_clone(tmp_path):
    empty = tmp_path / "tom"
    empty.mkdir()
    assert main(["init", str(empty)]) == 0
    clone = tmp_path / "klon"
    (clone / ".git").mkdir(parents=True)
    (clone / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    assert main(["init", str(clone)]) == 0
    assert (clone / "mkdocs.yml").is_file() and (clone / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"


@pytest.mark.parametrize("args, message", [
    (["--url", "moten.example.se"], "--url 'moten.example.se' is not a web address"),
    (["--name", "två\nrader"], "--name must be one line of text"),
    (["--name", "  "], "--name must be one line of text"),
    (["--organisation", ""], "--organisation must be one line of text"),
])
def test_bad_options_are_errors_that_name_them(tmp_path, capsys, args, message):
    assert main(["init", str(tmp_path / "ny"), *args]) == 1
    assert capsys.readouterr().err.startswith(f"notula init: {message}")
    assert not (tmp_path / "ny").exists()


# ----------------------------------------------------------------------------- the site's settings


def test_mkdocs_yml_uses_the_plugin_and_nothing_of_notulas_own(site, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("MEMBERS_URL", raising=False)
    settings = config(site)
    assert settings["site_name"] == "Samverkan: prov"  # a colon in the name stays valid YAML
    assert settings["site_url"] == "https://moten.example.se/"
    assert settings["copyright"] == "Innehållet publiceras av Provkommunen."
    # members_url: !ENV MEMBERS_URL, unset (no --members-url): the members' site has the public address
    assert settings["plugins"] == [{"notula": {"time_zone": "Europe/Stockholm", "members_url": None}}]
    theme = settings["theme"]
    assert theme["name"] == "material" and theme["language"] == "sv" and theme["font"] is False
    assert theme["custom_dir"] == "overrides" and (site / "overrides").is_dir()
    for key in ("hooks", "extra_css", "extra_javascript", "markdown_extensions"):
        assert key not in settings, key
    assert "nav" not in settings.get("validation", {})  # no omitted_files: the plugin marks its pages
    assert settings["nav"][:2] == [{"Start": "index.md"}, "NOTULA"]
    about = settings["nav"][2]["Om webbplatsen"]
    assert about == ["om/index.md", "om/format.md", "om/falt.md", "om/prenumerera.md", "om/data.md", "om/tillganglighet.md",
                     "om/personuppgifter.md"]
    for page in about:
        assert page == "om/falt.md" or (site / "docs" / page).is_file()  # falt.md is made by Notula
    demo = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert theme["features"] == demo["theme"]["features"] and theme["palette"] == demo["theme"]["palette"]


def test_ci_sets_the_address_through_site_url(site, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://org.github.io/moten")
    assert config(site)["site_url"] == "https://org.github.io/moten"


def test_requirements_pin_this_version_of_notula(site):
    lines = [line for line in (site / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert lines == [f"notula~={release(__version__)}"]
    assert release("1.4.2.dev3+g1a2b") == "1.4.2" and release("2.0") == "2.0"


def test_defaults_are_swedish_placeholders(tmp_path, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    init_site(tmp_path / "ny", SiteOptions(), today=TODAY)
    settings = config(tmp_path / "ny")
    assert settings["site_name"] == "Minnesanteckningar"
    assert settings["site_description"].startswith("Minnesanteckningar, beslut och uppdrag")
    assert settings["site_url"] == "https://example.org/"
    assert "copyright" not in settings
    statement = (tmp_path / "ny" / "docs/om/tillganglighet.md").read_text(encoding="utf-8")
    assert "«ÄNDRA: organisationens namn» står bakom" in statement


def test_accessibility_statement_marks_its_placeholders(site):
    text = (site / "docs/om/tillganglighet.md").read_text(encoding="utf-8")
    assert "Provkommunen står bakom" in text and "# Tillgänglighet för Samverkan: prov" in text
    assert text.count("«ÄNDRA: e-postadress»") == 2
    assert "«ÄNDRA: datum för bedömningen" in text and "Redogörelsen uppdaterades senast den «ÄNDRA: datum»" in text
    for demo_only in ("Halland", "23 november 2026"):
        assert demo_only not in text


def test_about_pages_name_only_the_new_sites_examples(site):
    for page in (site / "docs" / "om").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        for demo_only in ("sgi", "Halland", "halmstad", "Kungsbacka", "CGH"):
            assert demo_only not in text, (page.name, demo_only)


@pytest.mark.parametrize("page", ["index.md", "format.md", "prenumerera.md", "data.md", "tillganglighet.md", "personuppgifter.md"])
def test_about_pages_keep_the_demos_structure(site, page):
    """The new site's about pages are the demo's with the new site's examples: when a demo page
    gains a section or a field (data.md's tables), the template must follow."""
    def outline(text: str) -> list[str]:
        lines = [line for line in text.splitlines() if line.startswith(("#", "| `"))]
        return [re.sub(r"^# Tillgänglighet för .*", "# Tillgänglighet för …", line.split(" | ")[0]) for line in lines]

    demo = (REPO / "docs" / "om" / page).read_text(encoding="utf-8")
    assert outline((site / "docs" / "om" / page).read_text(encoding="utf-8")) == outline(demo)


def test_readme_for_the_secretary_and_the_maintainer(site):
    text = (site / "README.md").read_text(encoding="utf-8")
    assert text.startswith("# Samverkan: prov\n")
    secretary, maintainer = text.split("## För förvaltaren")
    for command in ("notula new --group exempel", "notula check", "notula serve", "Commit changes",
                    "pip install -r requirements.txt"):
        assert command in secretary, command
    for part in ("pip install -U notula", "requirements.txt", "overrides/", "hooks/", "Source: GitHub Actions",
                 "Pipeline", "notula build --audience members"):
        assert part in maintainer, part


# ----------------------------------------------------------------------------- CI


def test_github_checks_every_pull_request(site):
    flow = workflow(site / ".github/workflows/check.yml")
    assert "pull_request" in flow["on"]
    steps = flow["jobs"]["check"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert "pip install -r requirements.txt" in runs
    assert notula_commands(runs) == [["notula", "check"], ["notula", "build", "--audience", "both"]]
    assert flow["permissions"] == {"contents": "read"}


def test_github_publishes_the_public_site_daily_and_on_main(site):
    flow = workflow(site / ".github/workflows/publish.yml")
    on = flow["on"]
    assert on["push"] == {"branches": ["main"]} and "workflow_dispatch" in on
    [schedule] = on["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert rest == ["*", "*", "*"] and int(hour) in (22, 23)  # just after midnight in Stockholm, summer or winter
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    assert "actions/configure-pages" in uses and "actions/upload-pages-artifact" in uses
    runs = [step for step in build["steps"] if "run" in step]
    commands = notula_commands(step["run"] for step in runs)
    assert commands == [["notula", "check"], ["notula", "build", "--audience", "public", "--site-dir", "site"]]
    assert "--today" not in str(commands)  # the build date is today in the site's time zone
    built = next(step for step in runs if step["run"].startswith("notula build"))
    assert built["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site/public"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_gitlab_checks_merge_requests_and_publishes_pages(site):
    ci = yaml.safe_load((site / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert ci["default"]["before_script"] == ["pip install -r requirements.txt"]
    check, pages = ci["check"], ci["pages"]
    assert check["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert notula_commands(check["script"]) == [["notula", "check"], ["notula", "build", "--audience", "both"]]
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in pages["rules"]
    assert {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"} in pages["rules"]
    check_step, choice = pages["script"]
    assert notula_commands([check_step]) == [["notula", "check"]] and pages["artifacts"]["paths"] == ["public"]
    members, public = choice.split("\nelse\n")
    assert members.startswith('if [ "$NOTULA_PAGES" = members ]; then')
    assert notula_commands(public.splitlines()) == [["notula", "build", "--audience", "public", "--site-dir", "site"]]
    assert 'export SITE_URL="$CI_PAGES_URL"' in public and "mv site/public public" in public
    assert notula_commands(members.splitlines()) == [["notula", "build", "--audience", "members", "--site-dir", "site"]]
    assert 'export MEMBERS_URL="$CI_PAGES_URL"' in members and "mv site/members public" in members
    assert members.index('"$CI_PROJECT_VISIBILITY" = public') < members.index("exit 1") < members.index("notula build")
    assert "SITE_URL" not in members  # site_url stays the public site's address
    public_site = ci["public-site"]
    assert all(rule["if"].startswith('$NOTULA_PAGES == "members" && ') for rule in public_site["rules"])
    assert notula_commands(public_site["script"]) == [["notula", "check"],
                                                      ["notula", "build", "--audience", "public", "--site-dir", "site"]]


def test_ci_and_readme_commands_are_valid_notula_commands(site):
    """Every notula command in CI and the README parses with this Notula's own parser."""
    texts = [(site / name).read_text(encoding="utf-8") for name in
             (".github/workflows/check.yml", ".github/workflows/publish.yml", ".gitlab-ci.yml")]
    lines = [line.strip().removeprefix("- ").removeprefix("run: ") for text in texts for line in text.splitlines()]
    assert len(notula_commands(lines)) == 11
    readme = (site / "README.md").read_text(encoding="utf-8")
    lines += [line.strip() for line in readme.splitlines()] + re.findall(r"`(notula [^`]*)`", readme)
    commands = [c for c in notula_commands(lines) if c != ["notula", "--version"]]
    assert ["notula", "new", "--group", EXAMPLE_GROUP, "--date", "2026-12-01"] in commands
    for command in commands:
        args = parser().parse_args(command[1:])
        assert args.command in ("check", "build", "new", "serve", "schema", "hosting"), command


# ----------------------------------------------------------------------------- no copy of Notula


def test_the_site_holds_no_copy_of_notula(site):
    made = files_of(site)
    assert not [p for p in made if Path(p).suffix in (".py", ".html", ".j2", ".css", ".js", ".jinja")]
    assert not [p for p in made if p.startswith(("overrides/", "hooks/", "src/", "docs/stylesheets", "docs/javascripts"))
                and p not in ("overrides/README.md", "hooks/README.md")]  # one line each: what goes there
    package = {hashlib.sha256(p.read_bytes()).digest() for p in PACKAGE.rglob("*")
               if p.is_file() and TEMPLATE not in p.parents and "__pycache__" not in p.parts}
    assert not [p for p in made if hashlib.sha256((site / p).read_bytes()).digest() in package]


def test_package_data_carries_every_template_file():
    """setuptools finds package data with glob: a hidden file would be left out of the wheel."""
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["notula"]
    shipped = {Path(found).resolve() for pattern in patterns
               for found in glob.glob(str(PACKAGE / pattern), recursive=True)}
    template = {p.resolve() for p in TEMPLATE.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert template and template <= shipped, sorted(str(p) for p in template - shipped)


# ----------------------------------------------------------------------------- the build


@pytest.mark.build
def test_new_site_builds_both_audiences(tmp_path):
    """The new site builds at once with the installed Notula (needs the notula MkDocs plugin): the
    members' site as it is, the public site once the placeholders are filled in."""
    target = tmp_path / "ny"
    init_site(target, SiteOptions(url="https://moten.example.se/"), today=TODAY)
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "NOTULA_AUDIENCE")}
    env["NOTULA_TODAY"] = TODAY.isoformat()
    out = tmp_path / "site"

    def build(audience: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "notula", "--root", str(target), "build", "--audience", audience,
                               "--site-dir", str(out)], capture_output=True, text=True, env=env, cwd=target)

    members = build("members")
    assert members.returncode == 0, members.stdout + members.stderr
    refused = build("public")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "placeholders of 'notula init'" in refused.stderr and not (out / "public").exists()
    for named in ("mkdocs.yml:", "docs/om/tillganglighet.md:", "docs/om/personuppgifter.md:", EXAMPLE + ":"):
        assert f"  {named}" in refused.stderr, named
    fill_in_placeholders(target)
    result = build("both")
    assert result.returncode == 0, result.stdout + result.stderr
    members, public = out / "members", out / "public"
    for built in (members, public):
        for page in ("index.html", f"{EXAMPLE_GROUP}/index.html", "om/index.html", "om/falt/index.html",
                     "om/tillganglighet/index.html", "om/personuppgifter/index.html", "organisationer/exempelkommunen/index.html",
                     "amnen/samverkan/index.html"):
            assert (built / page).is_file(), (built.name, page)
        assert 'href="om/personuppgifter/">Personuppgifter</a>' in (built / "index.html").read_text(encoding="utf-8")
    meeting = f"{EXAMPLE_GROUP}/2026-11-23/index.html"
    assert "Ersätt exemplen" in (members / meeting).read_text(encoding="utf-8")
    assert not (public / meeting).exists()
    leaked = [p for p in public.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".json", ".ics")
              and "Ersätt exemplen" in p.read_text(encoding="utf-8", errors="replace")]
    assert not leaked


# ----------------------------------------------------------------------------- the pin (tests/test_install.py installs for real)


@pytest.mark.parametrize("direct_url, pin", [
    (None, "notula~=1.4.2"),  # by name from an index
    ('{"url": "https://github.com/org/notula.git", "vcs_info": {"vcs": "git", "commit_id": "0123abc", "requested_revision": "v1.4.2"}}',
     "notula @ git+https://github.com/org/notula.git@0123abc"),
    ('{"url": "file:///srv/git/notula", "vcs_info": {"vcs": "git", "commit_id": "0123abc"}}',
     "notula @ git+file://localhost/srv/git/notula@0123abc"),
    ('{"url": "https://github.com/org/mono.git", "subdirectory": "notula", "vcs_info": {"vcs": "git", "commit_id": "0123abc"}}',
     "notula @ git+https://github.com/org/mono.git@0123abc#subdirectory=notula"),
    ('{"url": "https://example.net/notula-1.4.2-py3-none-any.whl", "archive_info": {"hashes": {"sha256": "ab"}}}',
     "notula @ https://example.net/notula-1.4.2-py3-none-any.whl"),
])
def test_the_pin_follows_how_notula_was_installed(direct_url, pin):
    assert requirement_of("1.4.2.dev3+g1a2b", direct_url) == pin


@pytest.mark.parametrize("direct_url, source", [
    ('{"url": "file:///home/anna/notula", "dir_info": {"editable": true}}', "an editable install of the folder /home/anna/notula"),
    ('{"url": "file:///home/anna/notula", "dir_info": {}}', "the folder or file /home/anna/notula on this computer"),
    ('{"url": "file:///home/anna/dist/notula-1.4.2-py3-none-any.whl", "archive_info": {}}',
     "the folder or file /home/anna/dist/notula-1.4.2-py3-none-any.whl on this computer"),
    ('{"url": "file:///home/anna/Mina%20dokument/notula", "dir_info": {}}', "the folder or file /home/anna/Mina dokument/notula on"),
    ("not json", "an installation whose origin cannot be read"),
])
def test_a_pin_ci_cannot_install_is_refused(direct_url, source):
    with pytest.raises(InitError) as refused:
        requirement_of("1.4.2", direct_url)
    assert str(refused.value).startswith(f"Notula is installed from {source}")
    assert 'pip install "notula @ git+https://…/notula.git@vX.Y.Z"' in str(refused.value)


@pytest.mark.parametrize("line, message", [
    ("mkdocs~=1.6", "is not a requirement of Notula"),
    ("notula~=", "is not a requirement of Notula"),
    ("notula @ file:///home/anna/notula", "names a file or folder on this computer"),
    ("notula @ git+file:///home/anna/notula@main", "names a file or folder on this computer"),
])
def test_a_requirement_on_the_command_line_is_checked(tmp_path, capsys, line, message):
    assert main(["init", str(tmp_path / "ny"), "--requirement", line]) == 1
    assert capsys.readouterr().err.startswith(f"notula init: --requirement '{line}' {message}")
    assert not (tmp_path / "ny").exists()


def test_a_requirement_on_the_command_line_is_written(tmp_path):
    line = "notula @ git+https://github.com/org/notula.git@v1.4.2"
    assert main(["init", str(tmp_path / "ny"), "--requirement", line]) == 0
    assert (tmp_path / "ny" / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == line
