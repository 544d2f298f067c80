"""MkDocs hooks: thin calls into the notula package (all logic lives there).

MkDocs loads this file once per process, so `mkdocs serve` does not reload
changes to it; edits to minutes/ and docs/ are picked up on every rebuild.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from notula import site
from notula.problems import ProblemsFound

_build: site.Build | None = None
_preview = False


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = command == "serve"


def on_config(config):
    if not config.use_directory_urls:
        raise PluginError("Notula needs 'use_directory_urls: true' in mkdocs.yml")
    return config


def on_files(files: Files, config) -> Files:
    global _build
    root = Path(config.config_file_path).parent
    docs = {f.src_uri: f"docs/{f.src_uri}" for f in files.documentation_pages()}
    try:
        _build = site.prepare(root, docs, site.audience_from_env(preview=_preview))
    except ProblemsFound as exc:
        raise PluginError("Notula found problems in the minutes:\n" + str(exc)) from None
    except ValueError as exc:  # a bad NOTULA_AUDIENCE or NOTULA_TODAY
        raise PluginError(str(exc)) from None
    for page in _build.pages:
        files.append(File.generated(config, page.src_uri, content=page.content))
    for attachment in _build.attachments:
        files.append(File.generated(config, attachment.url, abs_src_path=attachment.abs_path))
    config.nav = site.navigation(config.nav, _build, sorted(docs))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    return site.page_markdown(_build, markdown, page.file.src_uri) if _build else markdown
