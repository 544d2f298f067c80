"""Jinja2 rendering of generated page content (autoescape on)."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import labels, urls


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("notula", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(long_date=labels.long_date, weekday_date=labels.weekday_date, short_date=labels.short_date,
                       time_range=labels.time_range)
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


def render(template: str, **context) -> str:
    """Render a package template with autoescaping."""
    return environment().get_template(template).render(**context)


def page_source(meta: dict, content: str) -> str:
    """A Markdown page with MkDocs front-matter, headed by its title (if meta has one) as a
    Markdown h1. Text in meta is HTML-escaped because MkDocs and Material print page titles
    and descriptions into templates unescaped.

    The h1 is written here rather than left to the theme so that it is the first entry of the
    page's table of contents: Material's skip link ("Gå till innehållet") goes there, and
    would otherwise skip the top of the page (a meeting's date and place) or be missing.
    Content that starts with its own h1 keeps it."""
    safe = {key: html.escape(value) if isinstance(value, str) else value for key, value in meta.items()}
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


ISLAND = re.compile(r'<div data-notula-island="(\d+)"></div>')


class Islands:
    """Finished HTML kept out of Markdown. Long generated lists and tables are HTML already;
    parsing them as Markdown (and for search) would dominate the build. A template passes such
    HTML to island(), which keeps it and returns a placeholder block; fill() puts it back into
    the rendered page (the site does this after MkDocs has rendered the page)."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def __call__(self, html: str) -> Markup:
        self.parts.append(str(html))
        return Markup(f'<div data-notula-island="{len(self.parts) - 1}"></div>')


def fill_islands(html: str, islands: tuple[str, ...]) -> str:
    """The page's HTML with every island placeholder replaced by its HTML."""
    if not islands:
        return html
    return ISLAND.sub(lambda match: islands[int(match.group(1))], html)
