"""No built page or stylesheet makes a visitor's browser fetch anything from another host (GDPR).

The browser test (tests/browser/test_privacy.py) watches real requests on one page
of each type; this reads every file of both builds, and the settings that would
bring in third parties.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from support.config import mkdocs_config

pytestmark = pytest.mark.build

# Link relations a browser fetches by itself (canonical, alternate, prev, next… it does not).
FETCHED_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "manifest", "preload",
                "prefetch", "preconnect", "dns-prefetch", "modulepreload"}
# Elements and attributes whose URLs the browser loads with the page.
LOADED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src",
          "track": "src", "embed": "src", "object": "data", "input": "src"}
REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"(@import\s+(url\()?|url\()\s*['\"]?\s*(https?:)?//", re.IGNORECASE)


def remote_loads(html: str) -> list[str]:
    """URLs on other hosts that a page makes the browser load."""
    soup = BeautifulSoup(html, "html.parser")
    found = [link["href"] for link in soup.find_all("link", href=True)
             if FETCHED_RELS & {rel.lower() for rel in link.get("rel", [])}]
    found += [tag[attr] for name, attr in LOADED.items() for tag in soup.find_all(name, attrs={attr: True})]
    found += [src.strip() for tag in soup.find_all(srcset=True) for src in tag["srcset"].split(",")]
    found += [tag["style"] for tag in soup.find_all(style=True) if CSS_REMOTE.search(tag["style"])]
    found += [style.get_text() for style in soup.find_all("style") if CSS_REMOTE.search(style.get_text())]
    return [url for url in found if REMOTE.match(url) or CSS_REMOTE.search(url)]


def test_config_keeps_third_parties_away() -> None:
    config = mkdocs_config()
    assert config["theme"].get("font") is False, "theme.font must be false, or Material loads Google Fonts"
    assert "repo_url" not in config, "with repo_url, Material asks the GitHub/GitLab API for stars and forks"
    assert "analytics" not in (config.get("extra") or {}), "no analytics"


def test_remote_loads_are_recognised() -> None:
    page = ('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
            '<link rel="canonical" href="https://example.org/">'
            '<script src="//cdn.example.net/x.js"></script><img src="bild.png" alt="">'
            '<img srcset="a.png 1x, https://img.example.net/b.png 2x" alt="">'
            '<div style="background: url(\'https://t.example.net/p.gif\')"></div>')
    assert remote_loads(page) == [
        "https://fonts.googleapis.com/css?family=Roboto",
        "//cdn.example.net/x.js",
        "https://img.example.net/b.png 2x",
        "background: url('https://t.example.net/p.gif')",
    ]


@pytest.mark.parametrize("audience", ["members", "public"])
def test_no_page_loads_anything_from_another_host(request, audience) -> None:
    site = request.getfixturevalue("demo_site" if audience == "members" else "demo_public_site")
    found = {}
    for path in sorted(site.rglob("*.html")):
        remote = remote_loads(path.read_text(encoding="utf-8"))
        if remote:
            found[path.relative_to(site).as_posix()] = remote
    for path in sorted(site.rglob("*.css")):
        remote = CSS_REMOTE.findall(path.read_text(encoding="utf-8"))
        if remote:
            found[path.relative_to(site).as_posix()] = ["@import or url() of another host"]
    assert found == {}
