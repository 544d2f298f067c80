"""The members' site's robots.txt: nothing of it is for search engines (its pages say noindex too)."""

from __future__ import annotations

from notula.publishing.published import OutputFile
from notula.showing.view import View

URL = "robots.txt"
DISALLOW_ALL = "User-agent: *\nDisallow: /\n"


def files(view: View) -> list[OutputFile]:
    """robots.txt disallowing everything, in the members' build; the public build has the site's own, if any."""
    return [] if view.audience.public else [OutputFile(URL, _disallow_all)]


def _disallow_all() -> str:
    """Made when asked for, as every output file is (a build's worker writes them)."""
    return DISALLOW_ALL
