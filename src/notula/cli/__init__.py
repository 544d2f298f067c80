"""The `notula` command: check, new, import, build, serve, init, hosting, schema."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from notula import __version__, engine
from notula.cli.arguments import in_language
from notula.errors import NotulaError
from notula.i18n import N_, _, ngettext
from notula.model.registry import display
from notula.model.schema import DocType
from notula.model.validate import check_corpus, minutes_files
from notula.problems import Problem, format_path, format_problems
from notula.settings import AUDIENCES, DEFAULT_MINUTES_DIR, Settings


def find_root(start: Path | None = None) -> Path:
    """The project folder: the nearest folder upwards with a mkdocs.yml (else the current one)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


def site_settings(root: Path) -> Settings:
    """The site's settings from its mkdocs.yml, as the build reads them (check and build agree)."""
    from notula.plugin.config import site_settings as read

    return read(root)


def _old_options(root: Path) -> bool:
    """Print what mkdocs.yml still holds of an older Notula, with the fixes; whether there was any."""
    from notula.plugin.config import site_old_options

    old = site_old_options(root)
    for option in old:
        print(f"mkdocs.yml: {option}", file=sys.stderr)
    return bool(old)


def cmd_check(args) -> int:
    root = args.root
    settings = site_settings(root)
    if _old_options(root):
        return 1
    corpus, problems = check_corpus(root, parallel=True, keep=True,  # the meetings: for the attachments withheld, the links
                                    minutes_dir=settings.minutes_dir, public_names=settings.public_names,
                                    today=settings.build_date)
    if args.paths:
        wanted = {display(Path(p), root) for p in args.paths}
        missing = [p for p in args.paths if not Path(p).exists()]
        for path in missing:
            print(_("{path}: no such file").format(path=path), file=sys.stderr)
        problems = [p for p in problems if p.path in wanted or not p.path.startswith(settings.minutes_dir + "/")
                    or p.path.endswith(".yml")]
        if missing:
            return 1
    if problems:
        print(format_problems(problems), file=sys.stderr)
        _warn_placeholders(root, settings, sys.stderr)
        return 1
    registry = corpus.registry
    counts = [ngettext("{count} document", "{count} documents", n).format(count=n)
              for n in [len(minutes_files(root / settings.minutes_dir))]]
    counts += [ngettext("{count} group", "{count} groups", n).format(count=n) for n in [len(registry.groups)]]
    counts += [ngettext("{count} organisation", "{count} organisations", n).format(count=n) for n in [len(registry.organisations)]]
    counts += [ngettext("{count} topic", "{count} topics", n).format(count=n) for n in [len(registry.topics)]]
    print(_("OK: {counts}.").format(counts=", ".join(counts)))
    _print_approval(corpus)
    _report_withheld(corpus, root, args.paths)
    _print_hidden_links(root, corpus, settings)
    _warn_placeholders(root, settings, sys.stdout)
    return 0


def _print_approval(corpus) -> None:
    """What approval covers in the groups that require it, and what awaits it (information, not problems)."""
    from notula.model.approval import APPROVAL_TYPES, UNAPPROVED_TYPES

    groups = sorted(g.id for g in corpus.registry.groups.values() if g.approval == "required")
    if groups:
        print(_("Approval (justering) required in {groups}: documents of type {covered} stay members-only until "
                "approved (from the date in 'approved'); {free} are published without approval.").format(
                    groups=", ".join(groups), covered=", ".join(APPROVAL_TYPES), free=", ".join(UNAPPROVED_TYPES)))
    if corpus.awaiting_approval:  # they stay members-only until approved
        print(_("Awaiting approval (ej justerade, members only until then): {count}").format(count=len(corpus.awaiting_approval)))
        for path, meeting_id, approved in corpus.awaiting_approval:
            if approved is None:
                print("  " + _("{path}: {id} — add 'approved: {{date: YYYY-MM-DD, by: [\"Name, Organisation\"]}}' "
                               "when the minutes are approved").format(path=path, id=meeting_id))
            else:
                print("  " + _("{path}: {id} — approved on {date}, after the build date: members only until that day").format(
                    path=path, id=meeting_id, date=approved.isoformat()))


def _report_withheld(corpus, root: Path, paths: list[str]) -> None:
    """Information, not a problem: the attachments the public site leaves out, and why."""
    from notula.reading.source import SourceError, read_source
    from notula.showing.withheld import to_be_withheld

    found = to_be_withheld(corpus)
    if paths:
        wanted = {display(Path(p), root) for p in paths}
        found = [w for w in found if w.meeting.display in wanted]
    if not found:
        return
    print(_("Attachments only on the members' site (bara på medlemmarnas webbplats): {count}").format(count=len(found)))
    for item in found:
        try:
            line = read_source(item.meeting.path, item.meeting.display).line_of(("attachments", item.index, "file"))
        except (SourceError, OSError):
            line = None
        print("  " + str(Problem(item.meeting.display, line, format_path(("attachments", item.index, "file")),
                                 f"'{item.file}': {item.why}", item.fix)))


def _warn_placeholders(root: Path, settings: Settings, stream) -> None:
    """What `notula init` left to fill in: a warning here, a refusal in a public build."""
    from notula.plugin.config import site_placeholders

    left = site_placeholders(root, settings)
    if left:
        print(ngettext("Warning: {count} placeholder is left; the public site is not built until it is replaced:",
                       "Warning: {count} placeholders are left; the public site is not built until they are replaced:",
                       len(left)).format(count=len(left)), file=stream)
        for placeholder in left:
            print(f"  {placeholder}", file=stream)


def _print_hidden_links(root: Path, corpus, settings: Settings) -> None:
    """The links the public build shows as plain text, as it takes them away (showing.links):
    information, not a problem, so that check says what the build will do."""
    from notula.plugin.config import docs_folder_of, site_addresses_of
    from notula.reading.comments import strip_comments
    from notula.showing.audience import Audience
    from notula.showing.links import HiddenLinks, hidden_addresses, hidden_links_in, hidden_links_in_pages
    from notula.showing.view import build_view

    public = build_view(corpus, Audience("public", settings.build_date))
    links = HiddenLinks(hidden_addresses(corpus, public), site_addresses_of(root))
    docs = docs_folder_of(root)
    pages = [(display(path, root), path.relative_to(docs).as_posix(), strip_comments(path.read_text(encoding="utf-8", errors="replace"))[0])
             for path in sorted(docs.rglob("*.md"))] if links and docs.is_dir() else []
    found = hidden_links_in(corpus, public, links) + hidden_links_in_pages(pages, links)
    if not found:
        return
    print(_("Links shown as plain text on the public site, which does not publish what they lead to: {count}")
          .format(count=len(found)))
    for path, line, target in found:
        print("  " + _("{path}:{line}: {target} — shown as its text with \"(inte publicerad)\"")
              .format(path=path, line=line, target=target))


def cmd_new(args) -> int:
    from notula.cli.scaffold import ScaffoldError, new_minutes
    from notula.model.registry import load_registry

    settings = site_settings(args.root)
    registry, problems = load_registry(args.root / settings.minutes_dir, args.root, settings.public_names)
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    try:
        path = new_minutes(args.root, registry, args.group, args.date, args.type)
    except ScaffoldError as exc:
        print(f"notula new: {exc}", file=sys.stderr)
        return 1
    print(display(path, args.root))
    return 0


def cmd_import(args) -> int:
    from notula.importing import ImportOptions, import_paths

    settings = site_settings(args.root)
    options = ImportOptions(args.group, args.date, args.dry_run, args.add_organisations)
    return import_paths(args.root, [Path(p) for p in args.files], options,
                        out=print, err=lambda text: print(text, file=sys.stderr),
                        minutes_dir=settings.minutes_dir, public_names=settings.public_names)


def cmd_schema(args) -> int:
    from notula.rendering.docs import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_init(args) -> int:
    from notula.cli.init import InitError, SiteOptions, init_site, next_steps

    target = Path(args.dir)
    given = {key: getattr(args, key) for key in ("name", "description", "url", "organisation", "members_url", "requirement")}
    options = SiteOptions(**{key: value for key, value in given.items() if value is not None})
    try:
        made = init_site(target, options)
    except InitError as exc:
        print(f"notula init: {exc}", file=sys.stderr)
        return 1
    print(next_steps(target, made))
    return 0


def cmd_hosting_nginx(args) -> int:
    from notula.cli.hosting import NginxOptions, nginx_config
    from notula.plugin.config import site_url

    name = Path(args.output).name if args.output else "nginx.conf"
    options = NginxOptions(public=Path(args.public), members=Path(args.members), listen=args.listen, auth=args.auth,
                           htpasswd=Path(args.htpasswd) if args.htpasswd else None, standalone=args.standalone,
                           oauth2_proxy=args.oauth2_proxy, output_name=name)
    text = nginx_config(args.root.name, site_url(args.root), site_settings(args.root).members_url, options)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_build(args) -> int:
    from mkdocs.exceptions import MkDocsException

    from notula.plugin.run import build_site, show_messages

    show_messages()
    if _old_options(args.root):  # before MkDocs loads the site, and an old hook with it
        return 1
    audiences = ("members", "public") if args.audience == "both" else (args.audience,)
    for audience in audiences:
        target = (Path(args.site_dir) / audience).resolve()
        print(_(_BUILDING[audience]).format(folder=target), file=sys.stderr)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{audience}-new-", dir=target.parent))
        try:
            build_site(args.root / "mkdocs.yml", staging, audience, args.today)
        except MkDocsException as exc:
            shutil.rmtree(staging, ignore_errors=True)
            failed = _FAILED_KEPT[audience] if target.exists() else _FAILED_NEW[audience]
            print(f"notula: {exc}", file=sys.stderr)
            print(_(failed).format(folder=target), file=sys.stderr)
            return 1
        _replace(target, staging)
    return 0


_BUILDING = {"members": N_("notula: building the members' site into {folder}"),
             "public": N_("notula: building the public site into {folder}")}
_FAILED_KEPT = {"members": N_("notula: the build of the members' site failed; {folder} is unchanged"),
                "public": N_("notula: the build of the public site failed; {folder} is unchanged")}
_FAILED_NEW = {"members": N_("notula: the build of the members' site failed; {folder} was not written"),
               "public": N_("notula: the build of the public site failed; {folder} was not written")}


def _replace(target: Path, staging: Path) -> None:
    """Put a finished build in the place of the old one: two renames, so that a reader or a
    deploy step never sees a half-written site."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        target.rename(old / target.name)
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must read the site
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def cmd_serve(args) -> int:
    from notula.plugin.preview import serve

    if ":" not in args.address or not args.address.rpartition(":")[2].isdigit():
        print(_("notula serve: '{address}' is not HOST:PORT (e.g. 127.0.0.1:8000)").format(address=args.address), file=sys.stderr)
        return 2
    return serve(args.root / "mkdocs.yml", args.address, "public" if args.public else "members", args.today)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is not a date; write YYYY-MM-DD").format(text=text)) from None


def parser(minutes_dir: str = DEFAULT_MINUTES_DIR) -> argparse.ArgumentParser:
    """The command line; minutes_dir: the site's minutes folder, as the help names it."""
    main = argparse.ArgumentParser(prog="notula", description=_("Meeting minutes as a website."))
    main.add_argument("--version", action="version", version=f"notula {__version__}",
                      help=_("show program's version number and exit"))
    main.add_argument("--root", type=Path, default=None, metavar=_("FOLDER"),
                      help=_("project folder (default: the one with mkdocs.yml)"))
    sub = main.add_subparsers(dest="command", required=True, metavar=_("COMMAND"))

    check = sub.add_parser("check", help=_("validate the minutes and registries without building"),
                           description=_("validate the minutes and registries without building"))
    check.add_argument("paths", nargs="*", metavar=_("FILE"), help=_("only report problems in these files"))
    check.set_defaults(func=cmd_check)

    new = sub.add_parser("new", help=_("write a new minutes file from the template and print its path"),
                         description=_("write a new minutes file from the template and print its path"))
    new.add_argument("--group", required=True, metavar=_("GROUP"),
                     help=_("group id from {folder}/groups.yml").format(folder=minutes_dir))
    new.add_argument("--date", type=_date, default=dt.date.today(), metavar=_("DATE"),
                     help=_("meeting date, YYYY-MM-DD (default: today)"))
    new.add_argument("--type", default="minutes", choices=[t.value for t in DocType],
                     help=_("the kind of document (default: minutes)"))
    new.set_defaults(func=cmd_new)

    imp = sub.add_parser("import", help=_("turn .docx, .odt, .pdf or .txt minutes (files or folders) into draft minutes files"),
                         description=_("turn .docx, .odt, .pdf or .txt minutes (files or folders) into draft minutes files"))
    imp.add_argument("files", nargs="+", metavar=_("FILE"), help=_("files or folders to import"))
    imp.add_argument("--group", required=True, metavar=_("GROUP"),
                     help=_("group id from {folder}/groups.yml").format(folder=minutes_dir))
    imp.add_argument("--date", type=_date, metavar=_("DATE"),
                     help=_("meeting date, YYYY-MM-DD (when the text has none, or a wrong one)"))
    imp.add_argument("--dry-run", action="store_true", help=_("print the files instead of writing them"))
    imp.add_argument("--add-organisations", action="store_true", help=_("add unknown organisations to organisations.yml"))
    imp.set_defaults(func=cmd_import)

    build = sub.add_parser("build", help=_("build the members' and the public site"),
                           description=_("build the members' and the public site"))
    build.add_argument("--audience", choices=[*AUDIENCES, "both"], default="both",
                       help=_("which site to build (default: both)"))
    build.add_argument("--site-dir", default="site", metavar=_("FOLDER"), help=_("output folder (default: site/)"))
    build.add_argument("--today", type=_date, metavar=_("DATE"), help=_("judge release dates as of this date"))
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser("serve", help=_("preview the site with live reload"),
                           description=_("preview the site with live reload"))
    serve.add_argument("--public", action="store_true", help=_("preview the public site instead of the members'"))
    serve.add_argument("--address", default="127.0.0.1:8000", metavar=_("HOST:PORT"),
                       help=_("where the preview is served (default: 127.0.0.1:8000)"))
    serve.add_argument("--today", type=_date, metavar=_("DATE"), help=_("judge release dates as of this date"))
    serve.set_defaults(func=cmd_serve)

    init = sub.add_parser("init", help=_("make a new site in a folder: settings, example minutes, about pages and CI"),
                          description=_("make a new site in a folder: settings, example minutes, about pages and CI"))
    init.add_argument("dir", metavar=_("FOLDER"), help=_("a new or empty folder"))
    init.add_argument("--name", help=_("the site's name (default: Minnesanteckningar)"))
    init.add_argument("--description", help=_("one line about the site, shown on the start page"))
    init.add_argument("--url", help=_("the public site's address (default: a placeholder; CI uses the Pages address)"))
    init.add_argument("--organisation", help=_("who publishes the site (footer and accessibility statement)"))
    init.add_argument("--members-url", metavar="URL",
                      help=_("the members' site's address (another host, or a path under the public address)"))
    init.add_argument("--requirement", metavar=_("REQUIREMENT"),
                      help=_("the line for Notula in requirements.txt (default: the Notula running now, as it was installed)"))
    init.set_defaults(func=cmd_init)

    hosting = sub.add_parser("hosting", help=_("write a web server's configuration for the public and the members' site"),
                             description=_("write a web server's configuration for the public and the members' site"))
    servers = hosting.add_subparsers(dest="server", required=True, metavar=_("SERVER"))
    nginx = servers.add_parser("nginx", help=_("nginx: the public site at site_url, the members' site at members_url behind a login"),
                               description=_("nginx: the public site at site_url, the members' site at members_url behind a login "
                                             "(addresses from mkdocs.yml)"))
    nginx.add_argument("--public", required=True, metavar=_("FOLDER"), help=_("the public site's folder on the server (site/public)"))
    nginx.add_argument("--members", required=True, metavar=_("FOLDER"), help=_("the members' site's folder on the server (site/members)"))
    nginx.add_argument("--listen", default="0.0.0.0:80", metavar=_("HOST:PORT"), help=_("where nginx listens (default: 0.0.0.0:80)"))
    nginx.add_argument("--auth", required=True, choices=["basic", "oidc"],
                       help=_("the members' login: basic (a password file) or oidc (single sign-on through oauth2-proxy)"))
    nginx.add_argument("--htpasswd", metavar=_("FILE"), help=_("with --auth basic: the file of user names and passwords"))
    nginx.add_argument("--oauth2-proxy", default="127.0.0.1:4180", metavar=_("HOST:PORT"),
                       help=_("with --auth oidc: where oauth2-proxy listens (default: 127.0.0.1:4180)"))
    nginx.add_argument("--standalone", action="store_true",
                       help=_("a whole nginx.conf (run with nginx -c FILE -p FOLDER) instead of a file for sites-available"))
    nginx.add_argument("-o", "--output", metavar=_("FILE"), help=_("write to this file (default: the screen)"))
    nginx.set_defaults(func=cmd_hosting_nginx)

    schema = sub.add_parser("schema", help=_("print the JSON Schema of the front-matter (for editors)"),
                            description=_("print the JSON Schema of the front-matter (for editors)"))
    schema.add_argument("-o", "--output", metavar=_("FILE"), help=_("write to this file"))
    schema.set_defaults(func=cmd_schema)
    return main


def _help_folder(argv: list[str]) -> str:
    """The minutes folder the help names: the site's, when help is asked for (else not read)."""
    if not {"-h", "--help"} & set(argv):
        return DEFAULT_MINUTES_DIR
    early = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    early.add_argument("--root", type=Path, default=None)
    try:
        root = early.parse_known_args(argv)[0].root
        return site_settings((root or find_root()).resolve()).minutes_dir
    except (argparse.ArgumentError, NotulaError):  # the command itself will say what is wrong
        return DEFAULT_MINUTES_DIR


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    with in_language():
        args = parser(_help_folder(argv)).parse_args(argv)
    args.root = (args.root or find_root()).resolve()
    try:
        engine.choose()
        status = args.func(args)
        sys.stdout.flush()  # here, so that a reader that went away is handled below
        return status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`notula schema | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except NotulaError as exc:  # explained already: file, line, field and the fix
        print(f"notula: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback for the secretary
        print(_("notula: internal error: {error}").format(error=f"{type(exc).__name__}: {exc}") + "\n"
              + _("Please report this to whoever maintains the site."), file=sys.stderr)
        return 2

