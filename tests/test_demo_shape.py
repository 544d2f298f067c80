"""The demo shows the shape of a site: hooks/ and overrides/ beside mkdocs.yml, docs/ and
minutes/, each with a small real customisation wired in mkdocs.yml: an announcement bar and a
logo in overrides/ (on top of Notula's own templates), Open Graph metadata from a hook."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

pytestmark = pytest.mark.build

REPO = Path(__file__).resolve().parent.parent
BANNER = "Det här är en demonstration av Notula"


def test_the_top_level_has_the_shape_of_a_site():
    for part in ("mkdocs.yml", "docs", "minutes", "hooks", "overrides"):
        assert (REPO / part).exists(), part
    config = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), get_yaml_loader())
    assert config["theme"]["custom_dir"] == "overrides" and (REPO / "overrides" / config["theme"]["logo"]).is_file()
    assert [hook for hook in config["hooks"] if (REPO / hook).is_file()] == ["hooks/delning.py"]


def pages(site: Path) -> list[tuple[Path, BeautifulSoup]]:
    found = [(p, BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")) for p in sorted(site.rglob("*.html"))]
    return [(p, soup) for p, soup in found if soup.select_one("html[lang]") and soup.select_one(".md-header")]


@pytest.mark.parametrize("audience", ["members", "public"])
def test_every_page_has_the_demos_own_changes_and_notulas(request, audience):
    site = request.getfixturevalue("demo_site" if audience == "members" else "demo_public_site")
    built = pages(site)
    assert len(built) > 50
    for path, soup in built:
        banner = soup.select_one(".md-banner")
        assert banner is not None and BANNER in banner.get_text(" "), path  # overrides/main.html
        logo = soup.select_one(".md-header__button.md-logo img")
        src = logo["src"] if logo is not None else ""
        target = site / src.lstrip("/") if src.startswith("/") else path.parent / src  # 404.html: from the root
        assert target.resolve() == (site / "assets/images/logo.svg").resolve(), path
        assert soup.select_one('head meta[name="generator"][content^="Notula "]'), path  # Notula's main.html under it
        assert soup.select_one('head script[src$="pagefind-component-ui.js"]') or soup.select_one(
            'body script[src$="pagefind-component-ui.js"]'), path
        if path.name == "404.html":  # a theme template, not a page: no page for the hook to describe
            continue
        og = {meta["property"]: meta["content"] for meta in soup.select('head meta[property^="og:"]')}  # hooks/delning.py
        canonical = soup.select_one('link[rel="canonical"]')
        assert og["og:site_name"] == "Strategisk samverkan Halland – minnesanteckningar", path
        assert og["og:title"] and og["og:title"] in soup.title.get_text(), path
        if canonical is not None:
            assert og["og:url"] == canonical["href"], path
