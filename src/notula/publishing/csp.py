"""The site's Content-Security-Policy, in one place: the policy each page carries and the header a
web server sends.

Every page carries its policy in a `<meta http-equiv="Content-Security-Policy">` (`with_policy`),
so that it holds on any static host: scripts only from the site itself, and inline only the
theme's own, each allowed by its sha256 (Material's differ with a page's depth, so each page
lists its own). A script in a page's content (a minutes body, a hand-written page) is not the
theme's, so it is not allowed. Pagefind's WebAssembly needs `'wasm-unsafe-eval'`.

A server that sends `server_policy()` as a header adds what a `<meta>` cannot say
(`frame-ancestors`); a browser enforces both policies, so the header allows what every page
needs and leaves inline scripts to each page's own list. Pagefind's worker, which has no
`<meta>`, gets its policy from the header alone.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

from notula.errors import NotulaError

# What the pages need, each directive once. Nothing from another host: the site serves every
# asset itself (README, "Accessibility and privacy").
_SHARED = (
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),  # Material's icons are data: addresses in its CSS
    ("font-src", "'self' data:"),
    ("style-src", "'self' 'unsafe-inline'"),  # the theme's <style>, Pagefind's, a table cell's alignment
    ("connect-src", "'self'"),  # Pagefind's index, Material's sitemap
    ("worker-src", "'self'"),  # Pagefind's worker
    ("object-src", "'none'"),
    ("frame-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
_SCRIPTS = "'self' 'wasm-unsafe-eval'"  # a page's own policy adds the hashes of its inline scripts
# The header allows inline scripts: each page's <meta> policy, also enforced, allows only its own.
_SERVER_SCRIPTS = "'self' 'unsafe-inline' 'wasm-unsafe-eval'"
_SERVER_ONLY = (("frame-ancestors", "'none'"),)  # not allowed in a <meta> policy; as X-Frame-Options: DENY

META = "Content-Security-Policy"
_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<text>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
# Types a browser runs as script; any other type (application/json, application/ld+json, a
# template) is data.
_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                 "text/ecmascript", "application/x-javascript", "text/jscript", "text/livescript"}
_CHARSET = re.compile(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)  # kept in the first 1024 bytes
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
_META_TAG = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


class NoHead(NotulaError):
    """A page without a <head>: it cannot carry its policy, so it is not published."""


def server_policy() -> str:
    """The Content-Security-Policy header a web server should send with every file of the site."""
    return _joined([*_SHARED, ("script-src", _SERVER_SCRIPTS), *_SERVER_ONLY])


def page_policy(inline_scripts: Iterable[str]) -> str:
    """A page's own policy, allowing these inline scripts (their exact text) and no others."""
    hashes = sorted({script_hash(text) for text in inline_scripts})
    return _joined([*_SHARED, ("script-src", " ".join([_SCRIPTS, *hashes]))])


def script_hash(text: str) -> str:
    """The CSP source that allows an inline script of this text (as the browser reads it: line
    breaks are one LF)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(html: str) -> list[str]:
    """The text of each script in html that a browser would run from the page itself."""
    found = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        kind = _TYPE.search(attrs)
        kind_name = next((g for g in kind.groups() if g is not None), "") if kind else ""
        if not _SRC.search(attrs) and kind_name.strip().lower() in _SCRIPT_TYPES:
            found.append(match.group("text"))
    return found


def with_policy(page: str, content: str = "") -> str:
    """A finished page with its policy as the first thing in its <head> (after the charset),
    allowing the page's inline scripts outside content (the part the page's sources wrote: a
    script there is not the theme's). Raises NoHead."""
    if not content:
        theme_part = page
    else:  # content the theme changed cannot be told apart from the theme: no inline script is allowed
        theme_part = page.replace(content, "", 1) if content in page else ""
    head = _HEAD.search(page)
    if head is None:
        raise NoHead("the page has no <head> to carry its Content-Security-Policy")
    head_end = page.find("</head>", head.end())
    charset = _CHARSET.search(page, head.end(), head_end if head_end >= 0 else len(page))
    at = charset.end() if charset else head.end()
    meta = f'<meta http-equiv="{META}" content="{page_policy(inline_scripts(theme_part))}">'
    return page[:at] + meta + page[at:]


def allow_script(page: str, script: str) -> str:
    """page with its policy also allowing the inline script script (the preview's livereload)."""
    return _META_TAG.sub(lambda m: m.group(0).replace(m.group(1), _with_hash(m.group(1), script_hash(script))), page, count=1)


def _with_hash(policy: str, source: str) -> str:
    return "; ".join(f"{d} {source}" if d.split(" ", 1)[0] == "script-src" else d for d in policy.split("; "))


def _joined(directives: Iterable[tuple[str, str]]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives)
