"""`notula init DIR`: a new site that uses the installed Notula, with example registries and minutes.

The site is made from the template in site_template/: files ending in .j2 are rendered (the
name, address and version filled in), the others copied as they are; a leading "dot-" in a
name becomes "." (.github/, .gitlab-ci.yml), so that the package data holds no hidden files.
The site holds no code or theme of Notula's: the plugin in mkdocs.yml brings them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import subprocess
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from urllib.parse import unquote, urlparse

import jinja2
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from notula.errors import NotulaError
from notula.i18n import N_, _
from notula.reading.filing import minutes_path
from notula.settings import SettingsError, local_today, same_address, site_address

TEMPLATE = "site_template"
EXAMPLE_TEMPLATE = "example-minutes.md.j2"  # written where `notula new` would put the file
EXAMPLE_GROUP = "exempel"  # the group in the template's groups.yml
DOT_PREFIX = "dot-"
ALLOWED_IN_EMPTY = {".git"}  # a fresh clone of an empty repository counts as empty

DEFAULT_NAME = "Minnesanteckningar"
DEFAULT_DESCRIPTION = "Minnesanteckningar, beslut och uppdrag från våra samverkansgrupper."
DEFAULT_URL = "https://example.org/"


class InitError(NotulaError):
    """The site cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class SiteOptions:
    """What the new site is called and where it will be published."""

    name: str = DEFAULT_NAME
    description: str = DEFAULT_DESCRIPTION
    url: str = DEFAULT_URL
    organisation: str | None = None
    members_url: str | None = None  # the members' site's address (the plugin's members_url)
    requirement: str | None = None  # requirements.txt's line for Notula; None: the Notula running now


def init_site(target: Path, options: SiteOptions, today: dt.date | None = None) -> list[Path]:
    """Make a new site in target (which must not exist or be empty) and return the files made."""
    _check_options(options)
    _check_empty(target)
    requirement = options.requirement or installed_requirement()
    today = today or local_today()
    context = {
        "name": options.name.strip(),
        "description": options.description.strip(),
        "url": options.url.strip(),
        "organisation": (options.organisation or "").strip() or None,
        "members_url": site_address(options.members_url, "--members-url") if options.members_url else None,
        "requirement": requirement,
        "date": today,
        "due": today + dt.timedelta(days=28),
    }
    environment = jinja2.Environment(
        autoescape=False,  # YAML and Markdown, not HTML: values in YAML go through the yaml filter
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    environment.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)  # a quoted YAML scalar
    template = files("notula.cli").joinpath(TEMPLATE)
    planned = [(target / relative, source) for relative, source in _walk(template)]
    planned.append((minutes_path(target, EXAMPLE_GROUP, today), template.joinpath(EXAMPLE_TEMPLATE)))
    target.mkdir(parents=True, exist_ok=True)
    made = []
    for path, source in planned:
        if source.name.endswith(".j2"):
            text = environment.from_string(source.read_text(encoding="utf-8")).render(context)
        else:
            text = source.read_text(encoding="utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite a file
            out.write(text)
        made.append(path)
    return made


def installed_requirement() -> str:
    """The line of requirements.txt that installs the Notula running now, read from its
    installation (PEP 610, direct_url.json); an InitError when a site's CI cannot install it
    that way (see requirement_of)."""
    try:
        installed = distribution("notula")
    except PackageNotFoundError:
        raise InitError(_(_FROM_REPOSITORY).format(source=_("a source folder that was never installed"))) from None
    return requirement_of(installed.version, installed.read_text("direct_url.json"))


def requirement_of(version: str, direct_url: str | None) -> str:
    """The requirement of Notula installed as direct_url.json says (None: there is none, as
    after an install by name from an index): from an index, notula~=X.Y.Z; from a git URL, that
    URL at its commit; from an archive on the web, that address. From a local folder, a local
    archive or an editable install, an InitError that says how to install from the repository."""
    if direct_url is None:  # installed by name from an index (PyPI, a mirror, --find-links)
        return f"notula~={release(version)}"
    try:
        direct = json.loads(direct_url)
        url = str(direct["url"])
    except (ValueError, KeyError, TypeError):
        raise InitError(_(_FROM_REPOSITORY).format(source=_("an installation whose origin cannot be read"))) from None
    vcs = direct.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("commit_id"):
        if url.startswith("file:///"):  # the same place (RFC 8089), which older pip's requirement parser accepts
            url = "file://localhost/" + url[len("file:///"):]
        subdirectory = f"#subdirectory={direct['subdirectory']}" if direct.get("subdirectory") else ""
        return f"notula @ {vcs.get('vcs', 'git')}+{url}@{vcs['commit_id']}{subdirectory}"
    if "archive_info" in direct and not url.startswith("file:"):
        return f"notula @ {url}"
    editable = isinstance(direct.get("dir_info"), dict) and direct["dir_info"].get("editable")
    where = _local_path(url)
    source = (_("an editable install of the folder {path}") if editable else _("the folder or file {path} on this computer")).format(path=where)
    raise InitError(_(_FROM_REPOSITORY).format(source=source) + _origin_hint(where))


_FROM_REPOSITORY = N_("Notula is installed from {source}: a site's CI cannot install it from there, so 'notula init' "
                      "cannot write its requirements.txt. Install Notula from its repository's address (or from PyPI) "
                      "and run 'notula init' again: pip install \"notula @ git+https://…/notula.git@vX.Y.Z\" "
                      "(or: pip install notula)")


def _local_path(url: str) -> str:
    parsed = urlparse(url)
    return unquote(parsed.path) if parsed.scheme == "file" else url


def _origin_hint(path: str) -> str:
    """The repository address of a local git checkout, as a command to install from it."""
    try:
        origin = subprocess.run(["git", "-C", path, "remote", "get-url", "origin"], capture_output=True, text=True,
                                timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    if not origin or origin.startswith(("/", "file:", ".")):
        return ""
    if origin.startswith("git@") and ":" in origin:  # git@github.com:org/notula.git
        host, _colon, rest = origin[len("git@"):].partition(":")
        origin = f"https://{host}/{rest}"
    return " — " + _("this folder's repository is {origin}: pip install \"notula @ git+{origin}@vX.Y.Z\"").format(origin=origin)


def release(version: str) -> str:
    """The release part of a version ('0.1.0' of '0.1.0.dev3+g1a2b'), for a ~= pin."""
    match = re.match(r"\d+(?:\.\d+)*", version)
    return match.group(0) if match else version


def _walk(folder: Traversable, prefix: Path = Path()):
    """(path in the site, template file) for every file of the template but the example minutes."""
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__" or (not prefix.parts and entry.name == EXAMPLE_TEMPLATE):
            continue
        name = "." + entry.name[len(DOT_PREFIX):] if entry.name.startswith(DOT_PREFIX) else entry.name
        if entry.is_dir():
            yield from _walk(entry, prefix / name)
        else:
            yield prefix / name.removesuffix(".j2"), entry


def _check_empty(target: Path) -> None:
    if not target.exists():
        return
    if not target.is_dir():
        raise InitError(_("'{target}' is a file, not a folder; give the name of a new folder, e.g. 'notula init mina-moten'")
                        .format(target=target))
    found = sorted(p.name for p in target.iterdir() if p.name not in ALLOWED_IN_EMPTY)
    if found:
        shown = ", ".join(found[:5])
        if len(found) > 5:
            shown = _("{names} and {count} more").format(names=shown, count=len(found) - 5)
        raise InitError(_("the folder '{target}' is not empty (it holds {shown}); nothing was written — "
                          "give the name of a new folder, e.g. 'notula init mina-moten', or empty this one first")
                        .format(target=target, shown=shown))


def _check_options(options: SiteOptions) -> None:
    for flag, value in (("--name", options.name), ("--description", options.description),
                        ("--organisation", options.organisation)):
        if value is not None and (not value.strip() or "\n" in value or "\r" in value):
            raise InitError(_("{flag} must be one line of text, e.g. {flag} \"{example}\"").format(flag=flag, example=_EXAMPLES[flag]))
    if options.requirement is not None:
        _check_requirement(options.requirement)
    if not re.match(r"^https?://[^/\s]+(/\S*)?$", options.url.strip()):
        raise InitError(_("--url '{url}' is not a web address; write the public site's address, "
                          "e.g. --url https://moten.example.se/").format(url=options.url))
    if options.members_url is not None:
        try:
            members = site_address(options.members_url, "--members-url")
        except SettingsError:
            raise InitError(_("--members-url '{url}' is not a web address; write the members' site's address, "
                              "e.g. --members-url https://medlemmar.example.se/").format(url=options.members_url)) from None
        if same_address(members, options.url):
            raise InitError(_("--members-url is the same address as --url; give the members' site an address of its own, "
                              "e.g. --members-url https://medlemmar.example.se/")) from None


def _check_requirement(line: str) -> None:
    """--requirement: one requirement of the notula package, that a site's CI can install."""
    try:
        requirement = Requirement(line.strip())
    except InvalidRequirement:
        requirement = None
    if requirement is None or "\n" in line or canonicalize_name(requirement.name) != "notula":
        raise InitError(_("--requirement '{line}' is not a requirement of Notula; write e.g. --requirement \"notula~=1.2.0\" "
                          "or --requirement \"notula @ git+https://…/notula.git@v1.2.0\"").format(line=line))
    if requirement.url and not requirement.url.startswith(("git+https://", "git+ssh://", "https://")):
        raise InitError(_("--requirement '{line}' names a file or folder on this computer, which a site's CI cannot "
                          "install; give the repository's address, e.g. \"notula @ git+https://…/notula.git@v1.2.0\"")
                        .format(line=line))


_EXAMPLES = {"--name": "Samverkan i länet – minnesanteckningar", "--description": "Minnesanteckningar från våra samverkansgrupper.",
             "--organisation": "Exempelkommunen"}


def next_steps(target: Path, made: list[Path]) -> str:
    """What init prints: the files made and what to do next."""
    shown = _shown(target)
    lines = [_("notula init: made a new site in {folder}/:").format(folder=shown)]
    lines += sorted(f"  {path.relative_to(target).as_posix()}" for path in made)
    lines += [
        "",
        _("Next:"),
        f"  cd {shlex.quote(shown)}",
        "  notula check          # " + _("checks the example minutes and registries"),
        "  notula serve          # " + _("shows the site on http://127.0.0.1:8000"),
        _("Then replace the examples (the group, organisation and topic in minutes/*.yml and the file in "
          "minutes/{group}/), fill in every «ÄNDRA: …» in docs/om/tillganglighet.md and docs/om/personuppgifter.md, "
          "and read README.md for how to write minutes and publish the site. 'notula check' lists what is left; "
          "the public site is not built until it is done.").format(group=EXAMPLE_GROUP),
    ]
    return "\n".join(lines)


def _shown(path: Path) -> str:
    """The folder as the user would type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
