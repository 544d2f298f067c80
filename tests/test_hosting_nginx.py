"""`notula hosting nginx` (issue 20, item 3), tested with a real web server: Debian's nginx
(installed by scripts/install-test-tools) runs the generated configuration on 127.0.0.1 with
both built sites of the demo, and real HTTP requests check every file of the members' site
behind the login (basic, and single sign-on through a small local stand-in of oauth2-proxy),
every file of the public site open, the headers, types, caching, the 404 pages, and that nothing
outside the two folders is served. The members' site is both a host of its own (the Host header
says which) and a path under the public host.
"""

from __future__ import annotations

import base64
import http.client
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest

from notula.cli import main
from notula.cli.hosting import HostingError, NginxOptions, listen_address, nginx_config, place, quoted
from notula.publishing.csp import server_policy
from support.builds import TODAY
from support.members import with_members_under_public, with_members_url
from support.nginx import TIMEOUT, free_port, htpasswd, nginx_program, running

pytestmark = pytest.mark.build
USER, PASSWORD = "anna", "hemligt lösenord"
COOKIE = "_oauth2_proxy=inloggad"
PUBLIC_HOST = "example.org"


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


@dataclass
class Server:
    """A running nginx with the generated configuration, and where each site is."""

    port: int
    members_host: str
    members_path: str  # "/" or "/medlemmar/"
    auth: str
    public_dir: Path
    members_dir: Path
    config: str
    asked: list[str] = field(default_factory=list)  # X-Forwarded-Uri of each auth_request (oidc)

    def get(self, path: str, host: str = PUBLIC_HOST, login: bool = False, password: str = PASSWORD,
            method: str = "GET") -> Answer:
        headers = {"Host": host}
        if login and self.auth == "basic":
            headers["Authorization"] = "Basic " + base64.b64encode(f"{USER}:{password}".encode()).decode()
        elif login:
            headers["Cookie"] = COOKIE
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, headers=headers)
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            connection.close()

    def members(self, path: str, login: bool = False, **kwargs) -> Answer:
        """A request for path (relative to the members' site) on the members' host."""
        return self.get(self.members_path + path, self.members_host, login, **kwargs)


class _OAuth2ProxyStandIn(BaseHTTPRequestHandler):
    """oauth2-proxy as nginx's auth_request sees it: /oauth2/auth answers 202 to a request with
    its cookie and 401 without; /oauth2/sign_in is its sign-in page."""

    asked: list[str]

    def do_GET(self) -> None:
        if self.path.startswith("/oauth2/auth"):
            self.asked.append(self.headers.get("X-Forwarded-Uri", ""))
            signed_in = COOKIE in (self.headers.get("Cookie") or "")
            self.send_response(202 if signed_in else 401)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path.startswith("/oauth2/sign_in"):
            body = b"<!doctype html><title>Sign in</title><p>oauth2-proxy sign-in"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def log_message(self, *args) -> None:
        pass


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def _urls(site: Path) -> list[str]:
    """Every address of a site: each file, and each page's folder address."""
    found = []
    for name in _files(site):
        found.append(quote(name))
        if name.endswith("/index.html") or name == "index.html":
            found.append(quote(name[: -len("index.html")]))
    return found


@pytest.fixture(scope="module")
def built(demo_builds, tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """(public, members) folders of the demo's two variants, copied (a probe.wasm added to each,
    and a second part of the search index, as a large archive's has, made of the first's files)."""
    copies = {}
    for name, change in (("host", with_members_url), ("path", with_members_under_public)):
        folder = tmp_path_factory.mktemp(f"sites-{name}")
        pair = []
        for audience in ("public", "members"):
            target = folder / audience
            shutil.copytree(demo_builds.site(audience, TODAY, change=change), target)
            (target / "probe.wasm").write_bytes(b"\0asm\x01\0\0\0")
            index, part = target / "pagefind", target / "pagefind" / "part-2"
            (part / "fragment").mkdir(parents=True)
            shutil.copy(index / "pagefind-entry.json", part)
            shutil.copy(next(index.glob("*.pf_meta")), part)
            shutil.copy(next((index / "fragment").iterdir()), part / "fragment")
            pair.append(target)
        copies[name] = (pair[0], pair[1])
    return copies


BASIC = [("host", "basic"), ("path", "basic")]
OIDC = [("host", "oidc"), ("path", "oidc")]


def _ids(param: tuple[str, str]) -> str:
    return "-".join(param)


@pytest.fixture(scope="module", params=BASIC + OIDC, ids=_ids)
def server(request, built, demo_builds, tmp_path_factory) -> Iterator[Server]:
    where, auth = request.param
    public_dir, members_dir = built[where]
    prefix = tmp_path_factory.mktemp(f"nginx-{where}-{auth}")
    project = demo_builds.project(with_members_url if where == "host" else with_members_under_public)
    port = free_port()
    asked: list[str] = []
    args = ["--root", str(project), "hosting", "nginx", "--public", str(public_dir), "--members", str(members_dir),
            "--listen", f"127.0.0.1:{port}", "--auth", auth, "--standalone", "-o", str(prefix / "nginx.conf")]
    stand_in = None
    if auth == "basic":
        args += ["--htpasswd", str(htpasswd(prefix / "htpasswd", USER, PASSWORD))]
    else:
        handler = type("StandIn", (_OAuth2ProxyStandIn,), {"asked": asked})
        stand_in = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=stand_in.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        args += ["--oauth2-proxy", f"127.0.0.1:{stand_in.server_address[1]}"]
    try:
        assert main(args) == 0
        config = (prefix / "nginx.conf").read_text(encoding="utf-8")
        members_host = "intra.example.se" if where == "host" else PUBLIC_HOST
        members_path = "/möten/" if where == "host" else "/medlemmar/"
        with running(prefix / "nginx.conf", prefix, port):
            yield Server(port, members_host, quote(members_path), auth, public_dir, members_dir, config, asked)
    finally:
        if stand_in is not None:
            stand_in.shutdown()
            stand_in.server_close()


def _refused(server: Server, answer: Answer, path: str) -> bool:
    """Whether the members' site kept path from someone not signed in: 401 (basic), or a
    redirect to the sign-in page that comes back to path (oidc); and none of its content."""
    if server.auth == "basic":
        return answer.status == 401 and "Basic" in answer.header("WWW-Authenticate") and b"<main" not in answer.body
    return answer.status == 302 and answer.header("Location") == f"/oauth2/sign_in?rd={server.members_path}{path}"


# ----------------------------------------------------------------------------- the login


def test_every_path_of_the_members_site_needs_the_login(server):
    urls = _urls(server.members_dir)
    assert {"", "pagefind/pagefind.js", "feeds/alla.xml", "kalender/alla.ics", "data/moten.json", "sitemap.xml",
            "robots.txt", "404.html"} <= set(urls)
    assert any("/attachments/" in url for url in urls) and any(url.startswith("pagefind/fragment/") for url in urls)
    kept_out = [url for url in urls if not _refused(server, server.members(url), url)]
    assert kept_out == []
    assert _refused(server, server.members("finns-inte/"), "finns-inte/")  # not even whether a page exists


def test_every_path_of_the_members_site_is_served_with_the_login(server):
    for name in _files(server.members_dir):
        answer = server.members(quote(name), login=True)
        assert (answer.status, answer.body) == (200, (server.members_dir / name).read_bytes()), name
    page = server.members("", login=True)
    assert page.status == 200 and "Medlemmarnas webbplats" in page.body.decode()


@pytest.mark.parametrize("server", BASIC, indirect=True, ids=_ids)
def test_a_wrong_password_is_refused(server):
    assert server.members("", login=True, password="fel").status == 401


@pytest.mark.parametrize("server", OIDC, indirect=True, ids=_ids)
def test_single_sign_on_asks_oauth2_proxy_and_leads_to_its_sign_in_page(server):
    server.asked.clear()
    answer = server.members("kalender/alla.ics")
    assert server.asked == [f"{server.members_path}kalender/alla.ics"]
    sign_in = server.get(answer.header("Location"), server.members_host)
    assert sign_in.status == 200 and b"oauth2-proxy sign-in" in sign_in.body
    # Its form leads to the identity provider, another host, which the pages' form-action 'self' would forbid.
    assert sign_in.header("X-Content-Type-Options") == "nosniff" and sign_in.header("Content-Security-Policy") == ""


def test_every_path_of_the_public_site_is_open(server):
    for url in _urls(server.public_dir):
        answer = server.get("/" + url)
        assert answer.status == 200, url
    assert "Medlemmarnas webbplats" not in server.get("/").body.decode()


# ----------------------------------------------------------------------------- headers, types, caching


def test_every_answer_carries_the_security_headers(server):
    answers = {"public page": server.get("/sgi/"), "public 404": server.get("/finns-inte/"),
               "members' page": server.members("sgi/", login=True), "refused": server.members("sgi/")}
    for what, answer in answers.items():
        assert answer.header("Content-Security-Policy") == server_policy(), what
        assert "frame-ancestors 'none'" in answer.header("Content-Security-Policy"), what
        assert answer.header("X-Content-Type-Options") == "nosniff", what
        assert answer.header("Referrer-Policy"), what
        assert answer.header("X-Frame-Options") == "DENY", what
        assert answer.header("Server") == "nginx", what  # no version
    assert answers["members' page"].header("X-Robots-Tag") == "noindex, nofollow"
    assert answers["public page"].header("X-Robots-Tag") == ""


@pytest.mark.parametrize(("path", "expected"), [
    ("kalender/alla.ics", "text/calendar; charset=utf-8"),
    ("probe.wasm", "application/wasm"),
    ("sgi/", "text/html; charset=utf-8"),
    ("data/moten.json", "application/json; charset=utf-8"),
    ("feeds/alla.xml", "application/xml; charset=utf-8"),
    ("pagefind/pagefind.js", "text/javascript; charset=utf-8"),
    ("pagefind/wasm.sv.pagefind", "application/octet-stream"),
    ("pagefind/notula-parts.json", "application/json; charset=utf-8"),
])
def test_files_have_their_types(server, path, expected):
    assert server.get("/" + path).header("Content-Type") == expected
    assert server.members(path, login=True).header("Content-Type") == expected


def test_pagefinds_hashed_files_are_cached_long_and_pages_briefly(server):
    kept = [next(name for name in _files(server.public_dir) if name.startswith(f"{folder}fragment/"))
            for folder in ("pagefind/", "pagefind/part-2/")]
    kept += [name for name in _files(server.public_dir) if name.endswith(".pf_meta")]
    assert len(kept) == 4
    for name in kept:
        assert server.get("/" + name).header("Cache-Control") == "public, max-age=31536000, immutable", name
    for path in ("sgi/", "pagefind/pagefind.js", "pagefind/pagefind-entry.json", "pagefind/part-2/pagefind-entry.json",
                 "pagefind/notula-parts.json", "feeds/alla.xml"):
        assert server.get("/" + path).header("Cache-Control") == "public, no-cache", path
        assert server.members(path, login=True).header("Cache-Control") == "private, no-cache", path
    members_fragment = next(name for name in _files(server.members_dir) if name.startswith("pagefind/fragment/"))
    assert server.members(members_fragment, login=True).header("Cache-Control") == "private, max-age=31536000, immutable"


# ----------------------------------------------------------------------------- what is not there


def test_each_site_answers_a_missing_page_with_its_own_404_page(server):
    public = server.get("/finns-inte/")
    assert public.status == 404 and public.body == (server.public_dir / "404.html").read_bytes()
    members = server.members("finns-inte/", login=True)
    assert members.status == 404 and members.body == (server.members_dir / "404.html").read_bytes()


def test_no_folder_is_listed(server):
    for answer in (server.get("/pagefind/fragment/"), server.members("pagefind/fragment/", login=True)):
        assert answer.status in (403, 404) and b".pf_fragment" not in answer.body


def test_nothing_outside_the_two_folders_is_served(server, tmp_path):
    secret = tmp_path / "hemlig.txt"
    secret.write_text("utanför webbplatsen", encoding="utf-8")
    link = server.public_dir / "genvag.txt"
    link.symlink_to(secret)
    try:
        attempts = ["/../hemlig.txt", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/genvag.txt",
                    "/sgi/..%2f..%2f..%2fetc/passwd", server.members_path.rstrip("/") + "../public/index.html"]
        for host in (PUBLIC_HOST, server.members_host):
            for path in attempts:
                answer = server.get(path, host, login=True)
                assert answer.status in (400, 403, 404), (host, path)
                assert b"utanf" not in answer.body and b"root:" not in answer.body, (host, path)
    finally:
        link.unlink()


def test_the_members_path_without_its_slash_leads_to_it(server):
    answer = server.get(server.members_path.rstrip("/"), server.members_host)
    assert (answer.status, answer.header("Location")) == (301, server.members_path)


def test_members_only_pages_are_not_on_the_public_host(server):
    only_members = sorted(set(_files(server.members_dir)) - set(_files(server.public_dir)))
    meetings = [name for name in only_members if name.endswith("/index.html") and "pagefind" not in name]
    assert meetings
    for name in meetings:
        assert server.get("/" + quote(name)).status == 404, name


# ----------------------------------------------------------------------------- the configuration itself


@pytest.mark.parametrize(("site_url", "members_url", "auth", "standalone"), [
    ("https://example.org/", "https://example.org/medlemmar/", "oidc", False),
    ("https://example.org/moten/", "https://intra.example.org/", "basic", False),
    ("https://example.org/moten/", "https://example.org/medlemmar/", "oidc", True),
    ("https://möten.example.se/", "https://möten.example.se/m%C3%B6ten%20och%20mer/", "basic", True),
    ("http://127.0.0.1:8000/", "http://localhost/medlemmar/", "oidc", True),
])
def test_every_form_of_the_configuration_is_valid_nginx(tmp_path, site_url, members_url, auth, standalone):
    """Standalone, and as a file that Debian's nginx.conf includes in its http block (without --standalone)."""
    nginx = nginx_program()
    changes = {"auth": auth, "standalone": standalone, **({"htpasswd": None} if auth == "oidc" else {})}
    text = nginx_config("x", site_url, members_url, _options(tmp_path, **changes))
    assert ("http {" in text) is standalone
    config = tmp_path / "nginx.conf"
    if standalone:
        config.write_text(text, encoding="utf-8")
    else:
        (tmp_path / "notula.conf").write_text(text, encoding="utf-8")
        config.write_text(f'pid nginx.pid;\nerror_log stderr;\nevents {{}}\nhttp {{\n    include "{tmp_path / "notula.conf"}";\n}}\n',
                          encoding="utf-8")
    result = subprocess.run([nginx, "-t", "-c", str(config), "-p", str(tmp_path)], capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr + text


def test_the_command_writes_a_file_for_sites_available_by_default(demo_builds, built, tmp_path):
    public_dir, members_dir = built["path"]
    block = tmp_path / "notula.conf"
    assert main(["--root", str(demo_builds.project(with_members_under_public)), "hosting", "nginx", "--public", str(public_dir),
                 "--members", str(members_dir), "--auth", "oidc", "-o", str(block)]) == 0
    text = block.read_text(encoding="utf-8")
    assert "http {" not in text and "listen 0.0.0.0:80;" in text and "location = /oauth2/auth" in text
    assert "proxy_pass http://127.0.0.1:4180;" in text  # oauth2-proxy's own default address


def _options(tmp_path: Path, **changes) -> NginxOptions:
    values = {"public": tmp_path / "public", "members": tmp_path / "members", "htpasswd": tmp_path / "htpasswd"}
    return NginxOptions(**{**values, **changes})


def test_hosts_and_paths_are_written_as_nginx_matches_them(tmp_path):
    text = nginx_config("x", "https://Möten.Example.se/", "https://möten.example.se/m%C3%B6ten%20och%20mer/", _options(tmp_path))
    assert 'server_name "xn--mten-5qa.example.se";' in text
    assert 'location "/möten och mer/" {' in text and 'location = "/möten och mer" {' in text
    assert text.count("server {") == 1


@pytest.mark.parametrize(("site_url", "members_url", "changes", "message"), [
    ("https://example.org/", None, {}, "mkdocs.yml has no members_url"),
    ("https://example.org/", "https://example.org/", {}, "the same address"),
    ("https://example.org/medlemmar/moten/", "https://example.org/medlemmar/", {}, "lies under members_url"),
    ("https://example.org/", "https://example.org/%24x/", {}, "has a path nginx cannot be given"),
    ("https://example.org/", "https://example.org/a%22b/", {}, "has a path nginx cannot be given"),
    ("https://example.org/", "https://example.org/%FF/", {}, "has a path nginx cannot be given"),
    ("https://example.org/", "https://[::1]/", {}, "has no host name"),
    ("https://example.org/", "https://m.example.org/", {"htpasswd": None}, "--auth basic needs --htpasswd"),
    ("https://example.org/", "https://m.example.org/", {"auth": "oidc"}, "--htpasswd is for --auth basic"),
    ("https://example.org/", "https://m.example.org/", {"listen": "80"}, "is not HOST:PORT"),
    ("https://example.org/", "https://m.example.org/", {"listen": "127.0.0.1:99999"}, "is not HOST:PORT"),
    ("https://example.org/", "https://m.example.org/", {"listen": "127.0.0.1:80; evil"}, "is not HOST:PORT"),
    ("https://example.org/", "https://m.example.org/", {"members": Path("/srv/x$y")}, "cannot be written into an nginx"),
    ("https://example.org/", "https://m.example.org/", {"public": Path("/srv/site"), "members": Path("/srv/site/members")},
     "must be separate folders"),
])
def test_what_nginx_cannot_be_given_is_refused_naming_it(tmp_path, site_url, members_url, changes, message):
    with pytest.raises(HostingError, match=message):
        nginx_config("x", site_url, members_url, _options(tmp_path, **changes))


def test_a_members_build_given_as_the_public_folder_is_refused(built, tmp_path):
    public_dir, members_dir = built["host"]
    with pytest.raises(HostingError, match="holds the members' site"):
        nginx_config("x", "https://example.org/", "https://m.example.org/", _options(tmp_path, public=members_dir, members=public_dir))


def test_the_command_says_what_is_wrong_without_a_traceback(tmp_path, capsys):
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nsite_url: https://example.org/\nplugins:\n  - notula\n", encoding="utf-8")
    status = main(["--root", str(tmp_path), "hosting", "nginx", "--public", "p", "--members", "m", "--auth", "basic",
                   "--htpasswd", "h"])
    err = capsys.readouterr().err
    assert status == 1 and "mkdocs.yml has no members_url" in err and "Traceback" not in err


def test_names_in_comments_stay_in_comments(tmp_path):
    text = nginx_config("a\nserver { listen 1; }", "https://example.org/\n", "https://m.example.org/", _options(tmp_path))
    assert "a?server { listen 1; }" in text and "listen 1;" not in text.replace("a?server { listen 1; }", "")


def test_values_are_checked_and_quoted():
    assert quoted("/srv/möten och mer") == '"/srv/möten och mer"'
    for bad in ('a"b', "a\\b", "a$b", "a\nb"):
        with pytest.raises(HostingError):
            quoted(bad)
    assert listen_address("[::]:8080") == "[::]:8080" and listen_address("*:80") == "*:80"
    assert place("https://example.org/m%C3%B6ten", "site_url").path == "/möten/"
