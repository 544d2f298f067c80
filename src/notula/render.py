"""Jinja2 rendering of generated page content (autoescape on)."""

from __future__ import annotations

import html
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
    env.filters.update(long_date=labels.long_date, weekday_date=labels.weekday_date, time_range=labels.time_range)
    env.globals.update(
        urls=urls,
        role_labels=labels.ROLE_LABELS,
        status_labels=labels.STATUS_LABELS,
        type_labels=labels.TYPE_LABELS,
        kind_labels=labels.ORG_KIND_LABELS,
    )
    return env


def render(template: str, **context) -> str:
    """Render a package template with autoescaping."""
    return environment().get_template(template).render(**context)


def page_source(meta: dict, content: str) -> str:
    """A Markdown page with MkDocs front-matter. Text in meta is HTML-escaped because
    MkDocs and Material print page titles and descriptions into templates unescaped."""
    safe = {key: html.escape(value) if isinstance(value, str) else value for key, value in meta.items()}
    return "---\n" + yaml.safe_dump(safe, allow_unicode=True, sort_keys=False) + "---\n\n" + content


def trusted(markdown: str) -> Markup:
    """Mark the secretary's Markdown body as not to be escaped (it is Markdown, not a value)."""
    return Markup(markdown)
