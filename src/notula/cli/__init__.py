"""The `notula` command: check, new, import, build, serve, schema."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from notula import __version__
from notula.errors import NotulaError
from notula.model.registry import display
from notula.model.validate import MINUTES_DIR, check_corpus, minutes_files
from notula.problems import format_problems


def find_root(start: Path | None = None) -> Path:
    """The project folder: the nearest folder upwards with a mkdocs.yml (else the current one)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


def cmd_check(args) -> int:
    root = args.root
    corpus, problems = check_corpus(root, parallel=True, keep=False)
    if args.paths:
        wanted = {display(Path(p), root) for p in args.paths}
        missing = [p for p in args.paths if not Path(p).exists()]
        for path in missing:
            print(f"{path}: no such file", file=sys.stderr)
        problems = [p for p in problems if p.path in wanted or not p.path.startswith("minutes/") or p.path.endswith(".yml")]
        if missing:
            return 1
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    registry = corpus.registry
    print(f"OK: {len(minutes_files(root / MINUTES_DIR))} documents, {len(registry.groups)} groups, "
          f"{len(registry.organisations)} organisations, {len(registry.topics)} topics.")
    if corpus.awaiting_approval:  # information, not a problem: they stay members-only until approved
        print(f"Awaiting approval (ej justerade, members only until then): {len(corpus.awaiting_approval)}")
        for path, meeting_id in corpus.awaiting_approval:
            print(f"  {path}: {meeting_id} — add 'approved: {{date: YYYY-MM-DD, by: [\"Name, Organisation\"]}}' "
                  "when the minutes are approved")
    return 0


def cmd_new(args) -> int:
    from notula.cli.scaffold import ScaffoldError, new_minutes
    from notula.model.registry import load_registry

    registry, problems = load_registry(args.root / "minutes", args.root)
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

    options = ImportOptions(args.group, args.date, args.dry_run, args.add_organisations)
    return import_paths(args.root, [Path(p) for p in args.files], options,
                        out=print, err=lambda text: print(text, file=sys.stderr))


def cmd_schema(args) -> int:
    from notula.rendering.docs import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _mkdocs(args, command: list[str], audience: str) -> int:
    env = dict(os.environ, NOTULA_AUDIENCE=audience, NO_MKDOCS_2_WARNING="1")
    if getattr(args, "today", None):
        env["NOTULA_TODAY"] = args.today.isoformat()
    return subprocess.call([sys.executable, "-m", "mkdocs", *command, "-f", str(args.root / "mkdocs.yml")], env=env)


def cmd_build(args) -> int:
    audiences = ("members", "public") if args.audience == "both" else (args.audience,)
    for audience in audiences:
        target = (Path(args.site_dir) / audience).resolve()
        print(f"notula: building the {audience} site into {target}", file=sys.stderr)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{audience}-new-", dir=target.parent))
        status = _mkdocs(args, ["build", "--strict", "--clean", "-d", str(staging)], audience)
        if status:
            shutil.rmtree(staging, ignore_errors=True)
            kept = "is unchanged" if target.exists() else "was not written"
            print(f"notula: the {audience} build failed; {target} {kept}", file=sys.stderr)
            return status
        _replace(target, staging)
    return 0


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

    os.environ.update(NOTULA_AUDIENCE="public" if args.public else "members", NO_MKDOCS_2_WARNING="1")
    if args.today:
        os.environ["NOTULA_TODAY"] = args.today.isoformat()
    if ":" not in args.address or not args.address.rpartition(":")[2].isdigit():
        print(f"notula serve: '{args.address}' is not HOST:PORT (e.g. 127.0.0.1:8000)", file=sys.stderr)
        return 2
    return serve(args.root / "mkdocs.yml", args.address)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD") from None


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="notula", description="Meeting minutes as a website.")
    main.add_argument("--version", action="version", version=f"notula {__version__}")
    main.add_argument("--root", type=Path, default=None, help="project folder (default: the one with mkdocs.yml)")
    sub = main.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate the minutes and registries without building")
    check.add_argument("paths", nargs="*", help="only report problems in these files")
    check.set_defaults(func=cmd_check)

    new = sub.add_parser("new", help="write a new minutes file from the template and print its path")
    new.add_argument("--group", required=True, help="group id from minutes/groups.yml")
    new.add_argument("--date", type=_date, default=dt.date.today(), help="meeting date, YYYY-MM-DD (default: today)")
    new.add_argument("--type", default="minutes", choices=["minutes", "notes", "agenda", "report", "presentation", "paper"])
    new.set_defaults(func=cmd_new)

    imp = sub.add_parser("import", help="turn .docx, .odt, .pdf or .txt minutes (files or folders) into draft minutes files")
    imp.add_argument("files", nargs="+", help="files or folders to import")
    imp.add_argument("--group", required=True, help="group id from minutes/groups.yml")
    imp.add_argument("--date", type=_date, help="meeting date, YYYY-MM-DD (when the text has none, or a wrong one)")
    imp.add_argument("--dry-run", action="store_true", help="print the files instead of writing them")
    imp.add_argument("--add-organisations", action="store_true", help="add unknown organisations to organisations.yml")
    imp.set_defaults(func=cmd_import)

    build = sub.add_parser("build", help="build the members' and the public site")
    build.add_argument("--audience", choices=["members", "public", "both"], default="both")
    build.add_argument("--site-dir", default="site", help="output folder (default: site/)")
    build.add_argument("--today", type=_date, help="judge release dates as of this date")
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser("serve", help="preview the site with live reload")
    serve.add_argument("--public", action="store_true", help="preview the public site instead of the members'")
    serve.add_argument("--address", default="127.0.0.1:8000")
    serve.add_argument("--today", type=_date, help="judge release dates as of this date")
    serve.set_defaults(func=cmd_serve)

    schema = sub.add_parser("schema", help="print the JSON Schema of the front-matter (for editors)")
    schema.add_argument("-o", "--output", help="write to this file")
    schema.set_defaults(func=cmd_schema)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.root = (args.root or find_root()).resolve()
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except NotulaError as exc:  # explained already: file, line, field and the fix
        print(f"notula: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback for the secretary
        print(f"notula: internal error: {type(exc).__name__}: {exc}\n"
              "Please report this to whoever maintains the site.", file=sys.stderr)
        return 2

