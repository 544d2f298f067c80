"""A minutes body inside its page: kept apart, and cleaned with an allowlist.

A body is the secretary's Markdown, raw HTML and all; it is rendered with the rest of its page
(one table of contents, one set of footnotes), so the template puts it between two marker
paragraphs (`wrap`). `Isolate`, a Markdown extension, reads the body's raw HTML blocks on their
own, so that an element the body leaves open (`<div>`, `<script>`, `<pre>`) ends with the body
instead of swallowing the page after it. Once Markdown has rendered the page, `clean_bodies`
replaces what lies between the markers with nh3's (Ammonia's) clean copy: the elements and
attributes Markdown writes and the theme styles, `http`, `https`, `mailto` and relative
addresses only, no event handlers, no `style` but a table cell's alignment, no `data-*`
(Pagefind's among them), and every element closed inside the body, so that nothing in it can
close or reopen the page's own containers. An attribute list (`{: … }`) thus keeps only `id`
and `class`.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

import nh3
from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from notula.errors import NotulaError

# Elements Markdown and its extensions write (abbr, admonition, def_list, footnotes, tables,
# toc) and the plain inline and block elements a secretary may write as HTML.
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
})
ATTRIBUTES = {
    "*": {"id", "class"},  # all an attribute list ({: #id .class }) may set
    "a": {"href", "title"},  # a link's title, as Markdown writes it
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"},
    "details": {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})  # and relative addresses
# Removed with what they hold: their content is code, or text a browser never shows.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "noscript", "template", "textarea", "title", "xmp",
                                  "noembed", "noframes", "object", "embed", "svg", "math", "select"})

_CLEANER = nh3.Cleaner(tags=set(TAGS), attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
                       url_schemes=set(URL_SCHEMES), clean_content_tags=set(DROPPED_WITH_CONTENT), link_rel=None,
                       strip_comments=True, filter_style_properties={"text-align"})

_NONCE = secrets.token_hex(8)  # a body cannot hold a marker by chance, nor on purpose
START = f"notula-body-{_NONCE}-start"
END = f"notula-body-{_NONCE}-end"
# Where Markdown's footnotes extension puts the footnotes (its PLACE_MARKER, set by the plugin):
# inside the body, which they belong to, so that they are cleaned with it.
FOOTNOTES = f"notula-footnotes-{_NONCE}"
_NO_FOOTNOTES = f"<p>{FOOTNOTES}</p>"  # left where the body has none
_REGION = re.compile(rf"<p>{START}</p>(?P<body>.*?)<p>{END}</p>", re.DOTALL)


class BodyNotFound(NotulaError):
    """A page's body markers did not come through Markdown as written: the body is not cleaned,
    so the page must not be published."""


def wrap(markdown: str) -> str:
    """A body's Markdown between its markers, its footnotes' place last, as a page template puts it."""
    return f"{START}\n\n{markdown}\n\n{FOOTNOTES}\n\n{END}"


def clean(html: str) -> str:
    """A rendered body's HTML, with only what the allowlist names."""
    return _CLEANER.clean(html)


def clean_bodies(html: str) -> str:
    """A page's rendered content with each body between its markers cleaned, and the markers gone.
    Raises BodyNotFound when a marker is left over (the page would carry an uncleaned body)."""
    if START not in html and END not in html:
        return html
    cleaned = _REGION.sub(lambda match: clean(match.group("body").replace(_NO_FOOTNOTES, "")), html)
    if START in cleaned or END in cleaned:
        raise BodyNotFound("the end of the minutes body was not found after Markdown")
    return cleaned


class _IsolateBody(Preprocessor):
    """Runs Markdown's raw-HTML block reader on the body's lines alone, before it reads the whole
    page: an element the body leaves open is closed at the body's end."""

    def run(self, lines: list[str]) -> list[str]:
        if START not in lines:
            return lines
        start = lines.index(START)
        try:
            end = lines.index(END, start)
        except ValueError:
            return lines  # clean_bodies refuses the page
        html_block = self.md.preprocessors["html_block"]
        return [*lines[: start + 1], *html_block.run(lines[start + 1:end]), "", *lines[end:]]


class Isolate(Extension):
    """The Markdown extension that keeps a body's raw HTML blocks inside the body (see module)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_IsolateBody(md), "notula_body", 25)  # after normalize_whitespace, before html_block


def makeExtension(**kwargs: Any) -> Isolate:
    return Isolate(**kwargs)
