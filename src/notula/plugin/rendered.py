"""A generated page's Markdown rendered to HTML ahead, in the build's worker (notula.plugin.ahead),
and taken by the build only where it is certainly what MkDocs' own `Page.render` would make there.

The worker renders with MkDocs' `Page.render` on its copy of the page, the site's Markdown
extensions and files as they were when it was forked. A render depends on the page's Markdown
(after every plugin's `on_page_markdown`), the Markdown extensions and their configuration, the
link settings (`use_directory_urls`, `validation`), the page's own file, and the site's files that
its links name (resolved through `Files.get_file_from_path`: a hook or plugin may add, remove or
move a file after the worker was forked). The worker notes each of these; the build takes the
HTML only where every one is the same in the build (Rendered.adopt), and renders in place
otherwise. A render that logs anything is not offered at all (ahead.py): its message must show,
and count towards --strict, in the build.
"""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from notula.plugin.mkdocs_private import RENDER_SETS, set_rendered

Seen = tuple[str, str, Any] | None  # a file as a render sees it: src_uri, url, inclusion (None: no such file)
LINKS = "links_to_anchors"  # what the render sets keyed by File: sent by src_uri
OWN = None  # the key of the page's own file in links_to_anchors, as sent


@dataclass(frozen=True)
class Rendered:
    """What the worker's render of a page made and what it depended on."""

    markdown: str  # the Markdown it rendered
    settings: bytes  # the render settings it had (settings_of)
    own_file: Seen  # the page's own file as it had it
    looked_up: tuple[tuple[str, Seen], ...]  # each file its links looked up, and what it found
    values: dict[str, Any]  # what render set on the page (mkdocs_private.RENDER_SETS), File keys by src_uri

    def adopt(self, page: Page, config: MkDocsConfig, files: Files) -> bool:
        """Give page what this render set, if it is certainly what rendering page.markdown with
        config and files here would set; False (page unchanged) otherwise."""
        if (page.markdown != self.markdown or _seen(page.file) != self.own_file
                or any(_seen(files.get_file_from_path(path)) != seen for path, seen in self.looked_up)
                or settings_of(config) != self.settings):
            return False
        values = dict(self.values)
        if values.get(LINKS) is not None:
            values[LINKS] = {page.file if uri is OWN else files.get_file_from_path(uri): links
                             for uri, links in values[LINKS].items()}
        set_rendered(page, values)
        return True


def render(page: Page, markdown: str, meta: dict, config: MkDocsConfig, files: Files) -> Rendered | None:
    """In the worker: page (a copy of it) rendered from markdown as MkDocs renders it; None if
    the render fails, its settings cannot be compared, or it uses the files otherwise than by
    looking a path up."""
    settings = settings_of(config)
    if settings is None:
        return None
    rendering = copy.copy(page)  # the worker's page itself stays as planned
    rendering.markdown, rendering.meta = markdown, meta
    before = dict(vars(rendering))
    files_seen = _LookedUp(files)
    try:
        Page.render(rendering, config, cast(Files, files_seen))  # MkDocs' own, not GeneratedPage's
    except Exception:  # rendered in place, where the error shows as it should
        return None
    values = {name: value for name, value in vars(rendering).items() if name not in before or before[name] is not value}
    if files_seen.otherwise or not set(values) <= RENDER_SETS:
        return None
    looked_up = tuple(files_seen.found.items())
    if values.get(LINKS) is not None:
        found = {seen[0] for _path, seen in looked_up if seen is not None}
        links = {OWN if target is page.file else target.src_uri: dict(anchors) for target, anchors in values[LINKS].items()}
        if not set(links) - {OWN} <= found:  # a key the build could not find as the worker did
            return None
        values[LINKS] = links
    return Rendered(markdown, settings, _seen(page.file), looked_up, values)


def settings_of(config: MkDocsConfig) -> bytes | None:
    """What a render reads of the configuration besides the page: the Markdown extensions and
    their configs, use_directory_urls and the link validation's levels (None: not comparable)."""
    try:
        return pickle.dumps((config.markdown_extensions, config.mdx_configs, config.use_directory_urls,
                             dict(config.validation.links)), pickle.HIGHEST_PROTOCOL)
    except Exception:  # an extension or option that cannot be pickled: the page is rendered in place
        return None


def _seen(file: File | None) -> Seen:
    return None if file is None else (file.src_uri, file.url, file.inclusion)


class _LookedUp:
    """The site's files as a render uses them: each path it looks up is noted with what it found;
    any other use is noted as otherwise (and the render is not taken)."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.found: dict[str, Seen] = {}
        self.otherwise = False

    def get_file_from_path(self, path: str) -> File | None:
        file = self._files.get_file_from_path(path)
        self.found.setdefault(path, _seen(file))
        return file

    def __getattr__(self, name: str) -> Callable[..., Any]:
        self.otherwise = True
        return getattr(self._files, name)
