"""Jinja2 rendering of generated page content (autoescape on)."""

from __future__ import annotations

import html
import json
import re
import secrets
from collections.abc import Mapping
from functools import lru_cache

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from notula import i18n, labels, urls
from notula.rendering import abbr


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("notula.rendering", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(long_date=labels.long_date, weekday_date=labels.weekday_date, short_date=labels.short_date,
                       time_range=labels.time_range, when=labels.when)
    env.filters["yaml_text"] = yaml_text
    env.globals.update(count=labels.count, plural=labels.plural, latest_phrase=labels.latest)
    env.globals.update(_=i18n._)  # the secretary's language, in notula new's template
    env.globals.update(
        urls=urls,
        role_labels=labels.ROLE_LABELS,
        status_labels=labels.STATUS_LABELS,
        type_labels=labels.TYPE_LABELS,
        kind_labels=labels.ORG_KIND_LABELS,
        kind_plurals=labels.ORG_KIND_PLURALS,
        attendance_labels=labels.ATTENDANCE_LABELS,
        attendance_symbols=labels.ATTENDANCE_SYMBOLS,
    )
    return env


def yaml_text(value: object) -> str:
    """A value as a YAML double-quoted string, whatever it holds (quotes, colons, '#'): a JSON
    string is one."""
    return json.dumps(str(value), ensure_ascii=False)


def render(template: str, **context) -> str:
    """Render a package template with autoescaping."""
    return environment().get_template(template).render(**context)


def front_matter(meta: dict) -> dict:
    """meta as page_source writes it (and MkDocs reads it back): text HTML-escaped."""
    return {key: html.escape(value) if isinstance(value, str) else value for key, value in meta.items()}


def page_source(meta: dict, content: str) -> str:
    """A Markdown page with MkDocs front-matter, headed by its title (if meta has one) as a
    Markdown h1. Text in meta is HTML-escaped because MkDocs and Material print page titles
    and descriptions into templates unescaped.

    The h1 is written here rather than left to the theme so that it is the first entry of the
    page's table of contents: Material's skip link ("Gå till innehållet") goes there, and
    would otherwise skip the top of the page (a meeting's date and place) or be missing.
    Content that starts with its own h1 keeps it."""
    safe = front_matter(meta)
    heading = f"# {markdown_text(meta['title'])}\n\n" if meta.get("title") and not _H1.match(content) else ""
    return "---\n" + yaml.safe_dump(safe, allow_unicode=True, sort_keys=False) + "---\n\n" + heading + content


_H1 = re.compile(r"\A\s*(#\s|<h1[\s>])")

# Characters Python-Markdown lets a backslash escape; < > & are HTML-escaped instead.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def markdown_text(text: str) -> str:
    """Plain text made safe to put in Markdown: it renders as itself, never as markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def trusted(markdown: str) -> Markup:
    """Mark the secretary's Markdown body as not to be escaped (it is Markdown, not a value)."""
    return Markup(markdown)


class Islands:
    """Finished HTML kept out of Markdown. Generated lists and tables are HTML already; having
    Python-Markdown parse them again would dominate the build. A template passes such HTML to
    island(), which keeps it and returns a placeholder paragraph; fill_islands() puts it back.
    (A paragraph, not an HTML block: Python-Markdown's raw HTML handling made such placeholders
    a quarter of the time it took to render a meeting page.)

    There are two kinds, told apart by the placeholder: `searchable` islands are put back as soon
    as Markdown is done (a meeting's attendees and decisions), the others only after the theme
    has rendered the page (registers, lists). Either way search reads the finished page's
    indexed part (publishing.search.index_site); what a page gives search is set by its scope
    (rendering.searchable)."""

    def __init__(self, searchable: bool = False, abbreviations: Mapping[str, str] | None = None) -> None:
        self.kind = "text" if searchable else "island"
        self.parts: list[str] = []
        self.abbreviations = abbreviations or {}  # marked in each part as it is kept (rendering.abbr)

    def __call__(self, html: str) -> Markup:
        self.parts.append(abbr.mark(str(html), self.abbreviations))
        return Markup(f"notula-{self.kind}-{_NONCE}-{len(self.parts) - 1}-end")


# In the placeholders: a text cannot hold one by chance, nor on purpose (it is never published).
_NONCE = secrets.token_hex(8)
_PLACEHOLDER = {kind: re.compile(rf"<p>notula-{kind}-{_NONCE}-(\d+)-end</p>|notula-{kind}-{_NONCE}-(\d+)-end")
                for kind in ("text", "island")}


def fill_islands(html: str, islands: tuple[str, ...], searchable: bool = False) -> str:
    """The page's HTML with every island placeholder of the kind replaced by its HTML."""
    if not islands:
        return html
    return _PLACEHOLDER["text" if searchable else "island"].sub(lambda match: islands[int(match.group(1) or match.group(2))], html)
