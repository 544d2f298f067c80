"""`notula hosting nginx`: a complete, commented nginx configuration for the organisation's own
server. The public site at site_url, the members' site at members_url (another host, or a path
under the public host) with a login in front of every path of it: HTTP basic authentication
(an htpasswd file) or single sign-on through oauth2-proxy (auth_request). The server names and
paths come from mkdocs.yml; the folders, the address to listen on and the login from the options.

The configuration is a Jinja2 template (templates/nginx.conf.j2), not HTML: nothing is escaped
by Jinja, so every value that goes into it is checked here and written by the q filter, quoted
as nginx reads a string.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import jinja2

from notula import __version__
from notula.errors import NotulaError
from notula.i18n import _
from notula.publishing import robots, search
from notula.publishing.csp import server_policy

TEMPLATE = "templates/nginx.conf.j2"
AUTH = ("basic", "oidc")
OAUTH2_PROXY = "127.0.0.1:4180"  # oauth2-proxy's own default --http-address
# What a Notula site holds; anything else is sent as application/octet-stream (a download).
TYPES = (
    ("text/html", "html htm"),
    ("text/css", "css"),
    ("text/javascript", "js mjs"),
    ("application/json", "json map"),
    ("application/xml", "xml"),
    ("text/calendar", "ics"),
    ("application/wasm", "wasm"),
    ("text/plain", "txt"),
    ("text/csv", "csv"),
    ("image/svg+xml", "svg svgz"),
    ("image/png", "png"),
    ("image/jpeg", "jpg jpeg"),
    ("image/gif", "gif"),
    ("image/webp", "webp"),
    ("image/x-icon", "ico"),
    ("font/woff", "woff"),
    ("font/woff2", "woff2"),
    ("application/gzip", "gz"),
    ("application/pdf", "pdf"),
    ("application/msword", "doc"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ("application/vnd.ms-excel", "xls"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ("application/vnd.ms-powerpoint", "ppt"),
    ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
    ("application/vnd.oasis.opendocument.text", "odt"),
    ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
    ("application/vnd.oasis.opendocument.presentation", "odp"),
    ("application/rtf", "rtf"),
    ("application/zip", "zip"),
)
_UNQUOTABLE = re.compile(r'["\\$\x00-\x1f\x7f]')  # nginx has no escape for $ in a string; " \ and controls end it
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$")


class HostingError(NotulaError):
    """The configuration cannot be written; the message says why and what to give instead."""


@dataclass(frozen=True)
class Place:
    """Where a site is served: its address as mkdocs.yml has it, the scheme, the host (ASCII,
    as browsers send it) and the path (%-decoded, as nginx matches it; with a / at each end)."""

    url: str
    scheme: str
    host: str
    path: str


@dataclass(frozen=True)
class Served:
    """One site in a server block: where, from which folder, and whether a login guards it."""

    path: str
    folder: str  # absolute, with a trailing /
    members: bool

    @property
    def href(self) -> str:
        """The path as a redirect names it (%-encoded)."""
        return quote(self.path)


@dataclass(frozen=True)
class Server:
    scheme: str
    host: str
    sites: tuple[Served, ...]
    oidc: bool  # holds oauth2-proxy's locations

    @property
    def root(self) -> bool:
        """Whether one of the sites is at the host's root (else the rest of the host is refused)."""
        return any(site.path == "/" for site in self.sites)


@dataclass(frozen=True)
class NginxOptions:
    """The command's options: the built sites' folders, the address, the login, the form."""

    public: Path
    members: Path
    listen: str = "0.0.0.0:80"
    auth: str = "basic"
    htpasswd: Path | None = None
    standalone: bool = False
    oauth2_proxy: str = OAUTH2_PROXY
    output_name: str = "nginx.conf"


def place(url: str, option: str) -> Place:
    """Where the site at url is served; a HostingError naming the option when it cannot be."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        host = ""
    if parts.scheme not in ("http", "https") or not _HOST.match(host) or _ip_v6(host):
        raise HostingError(_("{option} '{url}' has no host name that nginx can serve; write a name such as "
                             "moten.example.se").format(option=option, url=url))
    try:
        path = unquote(parts.path or "/", errors="strict")
    except UnicodeDecodeError:
        path = "\x00"  # not UTF-8 once decoded: refused below
    path = path if path.endswith("/") else path + "/"
    if _UNQUOTABLE.search(path) or "/../" in path or "/./" in path or "//" in path:
        raise HostingError(_("{option} '{url}' has a path nginx cannot be given ('{path}'); use letters, digits, "
                             "- and _ only").format(option=option, url=url, path=path))
    return Place(url, parts.scheme, host, path)


def _ip_v6(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).version == 6
    except ValueError:
        return False


def listen_address(text: str) -> str:
    """--listen HOST:PORT checked: an IPv4 address, [IPv6], * or a name, and a port 1–65535."""
    host, _colon, port = text.strip().rpartition(":")
    ok = port.isdigit() and 0 < int(port) < 65536 and bool(host)
    if ok and host.startswith("["):
        ok = host.endswith("]") and _ip_v6(host[1:-1])
    elif ok and host != "*":
        ok = bool(_HOST.match(host.lower()))
    if not ok:
        raise HostingError(_("--listen '{value}' is not HOST:PORT; write e.g. 0.0.0.0:80, [::]:80 or 127.0.0.1:8080")
                           .format(value=text))
    return f"{host}:{int(port)}"


def quoted(value: object) -> str:
    """value as an nginx string in double quotes; a HostingError if nginx could not read it back."""
    text = str(value)
    if _UNQUOTABLE.search(text):
        raise HostingError(_("'{value}' cannot be written into an nginx configuration: it holds \", \\, $ or a "
                             "control character; rename it").format(value=text))
    return f'"{text}"'


def quoted_regex(pattern: str) -> str:
    """A regular expression as an nginx string: backslashes and $ stay as they are (nginx keeps
    them in a regex); a HostingError for what would end the string."""
    if re.search(r'["\x00-\x1f\x7f]', pattern):
        raise HostingError(_("'{value}' cannot be written into an nginx configuration: it holds \" or a "
                             "control character; rename it").format(value=pattern))
    return f'"{pattern}"'


def _folder(path: Path) -> str:
    folder = str(path.expanduser().resolve())
    quoted(folder)
    return folder.rstrip("/") + "/"


def _inside(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def nginx_config(name: str, site_url: str, members_url: str | None, options: NginxOptions) -> str:
    """The configuration for the public site at site_url and the members' site at members_url."""
    if not members_url:
        raise HostingError(_("mkdocs.yml has no members_url: write the members' site's address under the notula "
                             "plugin, e.g. 'members_url: https://medlemmar.example.se/' (or a path under the public "
                             "address, e.g. https://moten.example.se/medlemmar/)"))
    if options.auth not in AUTH:
        raise HostingError(_("--auth must be basic or oidc, not '{value}'").format(value=options.auth))
    if options.auth == "basic" and options.htpasswd is None:
        raise HostingError(_("--auth basic needs --htpasswd FILE: the file of user names and passwords "
                             "(made with 'htpasswd -B -c FILE NAME')"))
    if options.auth == "oidc" and options.htpasswd is not None:
        raise HostingError(_("--htpasswd is for --auth basic; with --auth oidc, oauth2-proxy checks who signs in"))
    public, members = place(site_url, "site_url"), place(members_url, "members_url")
    if (public.host, public.path) == (members.host, members.path):
        raise HostingError(_("site_url and members_url are the same address; give the members' site one of its own"))
    if public.host == members.host and public.path.startswith(members.path):
        raise HostingError(_("site_url '{public}' lies under members_url '{members}': the public site would be behind "
                             "the login; put the members' site under the public one (e.g. {example}) or on a host "
                             "of its own").format(public=site_url, members=members_url, example=public.url + "medlemmar/"))
    public_folder, members_folder = _folder(options.public), _folder(options.members)
    if _inside(public_folder, members_folder):
        raise HostingError(_("--public '{public}' and --members '{members}' must be separate folders, neither inside "
                             "the other: the members' files would be served without a login")
                           .format(public=options.public, members=options.members))
    _check_not_members_build(options.public)
    listen = listen_address(options.listen)
    proxy = listen_address(options.oauth2_proxy) if options.auth == "oidc" else ""
    htpasswd = str(options.htpasswd.expanduser().resolve()) if options.htpasswd else ""

    by_host: dict[str, list[tuple[Place, Served]]] = {}
    for where, folder, is_members in ((public, public_folder, False), (members, members_folder, True)):
        by_host.setdefault(where.host, []).append((where, Served(where.path, folder, is_members)))
    servers = [Server(entries[0][0].scheme, host, tuple(s for _w, s in entries),
                      oidc=options.auth == "oidc" and any(s.members for _w, s in entries))
               for host, entries in by_host.items()]

    environment = jinja2.Environment(
        autoescape=False,  # an nginx configuration, not HTML: values are checked and quoted by q
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    environment.filters["q"] = quoted
    environment.filters["qre"] = quoted_regex
    environment.filters["comment"] = lambda value: _CONTROL.sub("?", str(value))  # a new line would end the comment
    cache = _cache_variable(public.host)
    template = environment.from_string(files("notula.cli").joinpath(TEMPLATE).read_text(encoding="utf-8"))
    return template.render(
        name=name, version=__version__, public=public, members=members, standalone=options.standalone,
        output_name=options.output_name, listen=listen, servers=servers, auth=options.auth, proxy=proxy,
        htpasswd=htpasswd, types=TYPES, prefixes=sorted({public.path, members.path}), regex=_regex,
        content_named=search.CONTENT_NAMED, index_dir=search.INDEX_DIR,
        cache_variable=cache, headers=_headers(cache))


def _regex(path: str) -> str:
    """path as a PCRE matching it literally."""
    return re.sub(r"([.^$*+?()\[\]{}|\\])", r"\\\1", path)


def _cache_variable(host: str) -> str:
    """The map's variable: named after the public host, so that two sites' files on one server differ."""
    return "$notula_cache_" + re.sub(r"[^a-z0-9]", "_", host)


def _headers(cache: str):
    """The headers every answer carries (a location's add_header replaces the server's, so each
    location has them all); cache: the map's variable."""

    def lines(members: bool, pages: bool = True) -> str:
        """pages: the answer is one of the site's own files (False: oauth2-proxy's, whose sign-in
        form leads to the identity provider, which the pages' policy would forbid)."""
        added = [
            ("Content-Security-Policy", quoted(server_policy()), True),  # the pages' own, and no framing
            ("X-Content-Type-Options", '"nosniff"', True),
            ("X-Frame-Options", '"DENY"', True),
            ("Referrer-Policy", '"same-origin"' if members else '"strict-origin-when-cross-origin"', True),
            ("Permissions-Policy", '"camera=(), microphone=(), geolocation=()"', True),
            ("Cache-Control", f'"{"private" if members else "public"}, {cache}"', False),
        ]
        if not pages:
            added = [header for header in added if header[0] not in ("Content-Security-Policy", "Cache-Control")]
        if members:
            added.append(("X-Robots-Tag", '"noindex, nofollow"', True))
        return "\n".join(f"        add_header {name} {value}{' always' if always else ''};" for name, value, always in added)

    return lines


def _check_not_members_build(public: Path) -> None:
    """Refuse a --public folder that holds a members' build (its robots.txt keeps search engines
    out): it would be served without a login. Only when the folder is on this machine."""
    try:
        text = (public / robots.URL).read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return
    if text == robots.DISALLOW_ALL:
        raise HostingError(_("--public '{folder}' holds the members' site (its robots.txt keeps every search engine "
                             "out); give the public site's folder, built with 'notula build --audience public'")
                           .format(folder=public))
