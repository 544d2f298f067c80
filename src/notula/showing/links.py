"""Links from hand-written pages and bodies to what this build does not publish.

On the public site a link to a members-only or unreleased meeting must not break the build,
nor lead to a 404, nor reveal the hidden page's title: it becomes plain text with a short
note. A hidden page's address is a prefix: its attachments, below it, are hidden with it.
Every spelling of a link is covered (`HiddenLinks.hidden`): relative to the Markdown file or
to the page's address, from the site's root, absolute with any scheme and host the site is
known by (`http`, `https`, `//host/`, a host in capitals, the members' site's own address),
%-encoded, with HTML character references, `index.html`, `.md`, a query or a fragment.

Two passes use it. `unlink_hidden` works on the Markdown, before MkDocs checks its links:
inline links and images (with or without a title, the address in <…> or not), reference
links ([a][x], [x][], [x] with a definition [x]: address "title") and raw <a href=…>; in
doubt, a link is taken away rather than published, code included. `unlink_hidden_html` works
on the rendered HTML, so that no `href`, `src` or `srcset` of any form is left. `hidden_targets`
lists, with their lines, the links `notula check` reports: the same rule, so check and
build agree.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote

from notula import urls
from notula.model.references import DATE_RE
from notula.reading.markdown_links import DEFINITION as _DEFINITION
from notula.reading.markdown_links import INLINE as _INLINE
from notula.reading.markdown_links import TEXT

if TYPE_CHECKING:
    from notula.model.corpus import Corpus
    from notula.showing.view import View

HIDDEN_NOTE = "(inte publicerad)"
_NOTE = f' <span class="notula-hidden-link">{HIDDEN_NOTE}</span>'
_REFERENCE = re.compile(r"(?<!\\)(?P<image>!?)\[" + TEXT + r"\](?:\s?\[(?P<label>[^\[\]]*)\]|(?![(:]))")
_ANCHOR = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_AUTOLINK = re.compile(r"<(?P<dest>(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)[^\s<>]*)>")
# A start tag, its attributes quoted or not (a '>' inside quotes does not end it).
_ADDRESS_NAMES = r"(?<![\w:-])(?:href|src|srcset|poster|data|action|formaction|xlink:href|background|cite)\s*="
# Only the start tags that hold an address (the others are most of a page).
_ADDRESS_TAG = re.compile(r"""<(?P<name>[a-zA-Z][^\s/>]*)(?P<attrs>(?=(?:[^>"']|"[^"]*"|'[^']*')*?""" + _ADDRESS_NAMES
                          + r""")(?:[^>"']|"[^"]*"|'[^']*')*)>""", re.IGNORECASE)
_URL_ATTRIBUTE = re.compile(r"""(?P<all>(?<![\w:-])(?P<name>href|src|srcset|poster|data|action|formaction|xlink:href|background|cite)"""
                            r"""\s*=\s*(?:"(?P<q>[^"]*)"|'(?P<s>[^']*)'|(?P<bare>[^\s"'>]+)))""", re.IGNORECASE)
_ALT = re.compile(r"""(?<![\w-])alt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
# An address written out in the text, not as a link: the text of the page shows it.
_BARE = re.compile(r"""(?<![\w/"'=&;:])(?:https?:)?//[^\s<>"'()\[\]]+""", re.IGNORECASE)
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_SCHEME = re.compile(r"^(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*):(?P<rest>.*)$", re.DOTALL)
_WEB = ("http", "https")


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _fold(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold()


class HiddenLinks:
    """Which link targets lead to what a build does not publish: hidden addresses (site-relative,
    a page's with its trailing slash) and everything below them, on this site under any of
    the addresses it is known by (site_addresses: mkdocs.yml's site_url, the members' site's)."""

    def __init__(self, hidden_addresses: Iterable[str], site_addresses: Iterable[str] = ()) -> None:
        self.prefixes = {_fold(a.strip("/")) for a in hidden_addresses if a.strip("/")}
        self.sites: list[tuple[str, str]] = []  # (host, path with a trailing slash)
        for address in site_addresses:
            host, path = _authority(_clean(address).split("//", 1)[-1])
            if host:
                self.sites.append((host, path if path.endswith("/") else path + "/"))

        # Every hidden address has a dated segment (a meeting's id): a page whose text names none
        # of their dates, however it is encoded, links to none of them (most pages: skipped).
        dates = [DATE_RE.findall(prefix) for prefix in self.prefixes]
        self.dates: set[str] | None = {d for found in dates for d in found} if all(dates) else None

    def __bool__(self) -> bool:
        return bool(self.prefixes)

    def might_link(self, text: str) -> bool:
        """False when text cannot hold a link to a hidden address in any spelling."""
        if not self.prefixes:
            return False
        if self.dates is None:
            return True
        read = unquote(html.unescape(text)).replace("\t", "").replace("\n", "").replace("\r", "")  # as a browser reads an address
        return not self.dates.isdisjoint(DATE_RE.findall(read))

    def hidden(self, target: str, page_src_uri: str) -> bool:
        """Whether a link target, as written on the page made from page_src_uri, leads to a hidden address."""
        if not self.might_link(target):
            return False
        return any(self._below_hidden(path) for path in self._site_paths(target, page_src_uri))

    def _site_paths(self, target: str, page_src_uri: str) -> Iterator[str]:
        """The site-relative paths target may mean (in doubt, every one)."""
        target = re.split(r"[?#]", _clean(target), maxsplit=1)[0]
        if not target:
            return  # the page itself, which is published
        scheme = _SCHEME.match(target)
        if scheme and not target.startswith("/"):
            if scheme.group("scheme").lower() not in _WEB:
                return  # mailto:, tel: … lead elsewhere
            target = scheme.group("rest")
            if not target.startswith("//"):  # "https:grupp/…" is relative, as a browser reads it
                yield from self._relative(target, page_src_uri)
                return
        if target.startswith("//"):
            host, path = _authority(target[2:])
            yield from (_normal(below) for site_host, site_path in self.sites
                        if host == site_host and (below := _below(path, site_path)) is not None)
            return
        if target.startswith("/"):
            yield _normal(target)  # a site at its host's root
            yield from (_normal(below) for _host, site_path in self.sites if (below := _below(target, site_path)) is not None)
            return
        yield from self._relative(target, page_src_uri)

    @staticmethod
    def _relative(target: str, page_src_uri: str) -> Iterator[str]:
        src_dir = posixpath.dirname(page_src_uri)
        url_dir = src_dir if page_src_uri.endswith("index.md") else page_src_uri[: -len(".md")]
        for base in (src_dir, url_dir):  # MkDocs reads a Markdown link from the file, a browser from the address
            yield _normal(posixpath.join(base, target))

    def _below_hidden(self, path: str) -> bool:
        parts = _fold(path).split("/")
        return any("/".join(parts[:n]) in self.prefixes for n in range(1, len(parts) + 1))


def hidden_addresses(corpus: Corpus, view: View) -> set[str]:
    """The site-relative addresses a build of view leaves out, of all that corpus holds: each
    hidden meeting's page (its attachments below it) and open data, and each withheld attachment."""
    shown = {m.id for m in view.corpus.meetings}
    hidden = {address for m in corpus.meetings if m.id not in shown for address in (m.url, urls.meeting_data(m.id))}
    return hidden | set(view.withheld)


def _below(path: str, site_path: str) -> str | None:
    """The part of path below site_path (both from a host's root), or None when it is not below it."""
    path = unquote(path)
    if not _fold(path + "/").startswith(_fold(site_path)):
        return None
    return path[len(site_path):]


def _clean(target: str) -> str:
    """A link target as a browser reads it: character references decoded, tabs and line breaks
    removed, leading and trailing spaces and controls stripped, backslashes as slashes."""
    target = html.unescape(target)
    target = re.sub(r"[\t\n\r]", "", target).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12"
                                                      "\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    return target.replace("\\", "/")


def _authority(rest: str) -> tuple[str, str]:
    """('host', '/path') of what follows '//': user and port left out, the host in lower case
    without a final dot."""
    authority, slash, path = rest.partition("/")
    host = authority.rsplit("@", 1)[-1]
    host = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    host = unquote(host).lower().rstrip(".")
    try:  # as a browser maps it: full-width letters, capitals, and an internationalised name as xn--
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    return host, "/" + path if slash else "/"


def _normal(path: str) -> str:
    """A site-relative path without '.', '..', index.html, index.md or .md ('' is the start page)."""
    path = posixpath.normpath("/" + unquote(path)).lstrip("/")
    for index in ("index.html", "index.md", "index.htm"):
        path = "" if path == index else path.removesuffix("/" + index)
    return path.removesuffix(".md")


def unlink_hidden(markdown: str, page_src_uri: str, links: HiddenLinks) -> str:
    """Replace links and images to hidden addresses with their text and a note; definitions of
    reference links to them are removed."""
    if "[" not in markdown and "<a" not in markdown.lower() or not links.might_link(markdown):
        return markdown

    def hidden(target: str) -> bool:
        return links.hidden(target, page_src_uri)

    def inline(match: re.Match) -> str:
        target = match.group("angle") if match.group("angle") is not None else match.group("dest")
        return match.group("text") + _NOTE if hidden(target) else match.group(0)

    markdown = _INLINE.sub(inline, markdown)

    hidden_labels: set[str] = set()

    def definition(match: re.Match) -> str:
        target = match.group("angle") if match.group("angle") is not None else match.group("dest")
        if hidden(target):
            hidden_labels.add(_label(match.group("label")))
            return ""
        return match.group(0)

    markdown = _DEFINITION.sub(definition, markdown)
    if hidden_labels:
        def reference(match: re.Match) -> str:
            label = match.group("label") or match.group("text")
            return match.group("text") + _NOTE if _label(label) in hidden_labels else match.group(0)

        markdown = _REFERENCE.sub(reference, markdown)

    def anchor(match: re.Match) -> str:
        if any(hidden(target) for _name, target in _url_attributes(match.group("attrs"))):
            return match.group("text") + _NOTE
        return match.group(0)

    return _ANCHOR.sub(anchor, markdown) if "<a" in markdown.lower() else markdown


def unlink_hidden_html(page_html: str, page_src_uri: str, links: HiddenLinks) -> str:
    """Rendered HTML with no link to a hidden address left in any href, src or srcset: a link
    becomes its text and a note, an image its alt text and a note, and any other element loses
    the attribute. An absolute address written out in the text becomes the note."""
    if not links.might_link(page_html):
        return page_html

    def hidden_attributes(attrs: str) -> list[str]:
        return [whole for whole, name, target in _url_attributes_whole(attrs)
                if any(links.hidden(t, page_src_uri) for t in (_srcset(target) if name == "srcset" else [target]))]

    def anchor(match: re.Match) -> str:
        if not hidden_attributes(match.group("attrs")):
            return match.group(0)
        text = match.group("text")
        if _address_as_text(text):  # an autolink: its text is the address
            return _NOTE.lstrip()
        return text + _NOTE

    page_html = _ANCHOR.sub(anchor, page_html)

    def tag(match: re.Match) -> str:
        found = hidden_attributes(match.group("attrs"))
        if not found:
            return match.group(0)
        if match.group("name").lower() == "img":
            alt = _ALT.search(match.group("attrs"))
            text = next((g for g in alt.groups() if g is not None), "") if alt else ""
            return html.escape(html.unescape(text), quote=False) + _NOTE
        attrs = match.group("attrs")
        for whole in found:
            attrs = attrs.replace(whole, "", 1)
        return f"<{match.group('name')}{attrs}>"

    page_html = _ADDRESS_TAG.sub(tag, page_html)

    def bare(match: re.Match) -> str:
        return _NOTE.lstrip() if links.hidden(match.group(0), page_src_uri) else match.group(0)

    if not any(links.hidden(m.group(0), page_src_uri) for m in _BARE.finditer(page_html)):
        return page_html
    parts = _TAG_OR_TEXT.split(page_html)  # text and tags by turns: addresses in the text only
    return "".join(part if n % 2 else _BARE.sub(bare, part) for n, part in enumerate(parts))


def _address_as_text(text: str) -> bool:
    """Whether a link's text is an address (as an autolink's is)."""
    plain = html.unescape(re.sub(r"<[^>]*>", "", text)).strip()
    return bool(re.match(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|/|\.\.?/)\S*$", plain))


def hidden_targets(markdown: str, page_src_uri: str, links: HiddenLinks) -> list[tuple[int, str]]:
    """(line within markdown, counted from 1; target) of each link or image in markdown, in any
    form, that leads to a hidden address: what unlink_hidden and unlink_hidden_html take away."""
    if not links.might_link(markdown):
        return []
    found = []
    for pattern in (_INLINE, _DEFINITION):
        for match in pattern.finditer(markdown):
            target = match.group("angle") if match.group("angle") is not None else match.group("dest")
            found.append((match.start(), target))
    for pattern in (_AUTOLINK, _BARE):
        for match in pattern.finditer(markdown):
            found.append((match.start(), match.group("dest") if pattern is _AUTOLINK else match.group(0)))
    for match in _ADDRESS_TAG.finditer(markdown):
        for _whole, name, target in _url_attributes_whole(match.group("attrs")):
            found += [(match.start(), t) for t in (_srcset(target) if name == "srcset" else [target])]
    return sorted({(markdown.count("\n", 0, start) + 1, target) for start, target in found
                   if links.hidden(target, page_src_uri)})


def hidden_links_in(corpus: Corpus, view: View, links: HiddenLinks) -> list[tuple[str, int, str]]:
    """(file, line, target) of each link in view's meetings (their shown text, and the addresses in
    `links` and `attachments`) that the build takes away because it leads to what view leaves out
    (the links `notula check` lists)."""
    found = []
    for meeting in view.corpus.meetings:
        addresses = [link.url for link in meeting.doc.links] + [a.url for a in meeting.doc.attachments if a.url]
        hidden = [url for url in addresses if links.hidden(url, meeting.src_uri)]
        if hidden:  # front matter: the line that names the address
            lines = meeting.path.read_text(encoding="utf-8", errors="replace").split("\n")
            found += [(meeting.display, next((n for n, line in enumerate(lines, 1) if url in line), 1), url) for url in hidden]
        for segment in meeting.segments:
            if segment.members_only and view.audience.public:
                continue  # left out of the page
            found += [(meeting.display, segment.line + line - 1, target)
                      for line, target in hidden_targets(segment.text, meeting.src_uri, links)]
    return found


def hidden_links_in_pages(pages: Iterable[tuple[str, str, str]], links: HiddenLinks) -> list[tuple[str, int, str]]:
    """(file, line, target) of each link to a hidden address in hand-written pages, given as
    (file as shown, src_uri, text without its comments)."""
    return [(shown, line, target) for shown, src_uri, text in pages for line, target in hidden_targets(text, src_uri, links)]


def _url_attributes(attrs: str) -> list[tuple[str, str]]:
    return [(name, target) for _whole, name, target in _url_attributes_whole(attrs)]


def _url_attributes_whole(attrs: str) -> list[tuple[str, str, str]]:
    """(the attribute as written, its name in lower case, its value) of each attribute that holds an address."""
    return [(m.group("all"), m.group("name").lower(), next(g for g in (m.group("q"), m.group("s"), m.group("bare")) if g is not None))
            for m in _URL_ATTRIBUTE.finditer(attrs)]


def _srcset(value: str) -> list[str]:
    """The addresses of a srcset ('a.png 1x, b.png 2x')."""
    return [candidate.split()[0] for candidate in html.unescape(value).split(",") if candidate.split()]
