"""Where every generated page lives. One place, so that links and files always agree."""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin

ORGANISATIONS = "organisationer/"
TOPICS = "amnen/"
DECISIONS = "beslut/"
ACTIONS = "uppdrag/"
MEETINGS = "moten/"
GLOSSARY = "ordlista/"
FIELDS = "om/falt/"
FEEDS = "feeds/"
CALENDARS = "kalender/"
DATA = "data/"
SEARCH = "sok/"
SEARCH_INDEX = "pagefind/"  # Pagefind's index and UI files (notula.publishing.search)
# First path parts that generated pages (or the theme) use; a group id may not take one.
RESERVED = {"organisationer", "amnen", "beslut", "uppdrag", "moten", "ordlista", "om", "assets", "search",
            "stylesheets", "javascripts", "feeds", "data", "kalender",
            "sok", "pagefind"}


def meeting(meeting_id: str) -> str:
    return f"{meeting_id}/"


def group(group_id: str) -> str:
    return f"{group_id}/"


def year(group_id: str, year: int) -> str:
    return f"{group_id}/{year}/"


def organisation(org_id: str) -> str:
    return f"{ORGANISATIONS}{org_id}/"


def topic(topic_id: str) -> str:
    return f"{TOPICS}{topic_id}/"


def site_feed() -> str:
    return f"{FEEDS}alla.xml"


def group_feed(group_id: str) -> str:
    return f"{FEEDS}grupp/{group_id}.xml"


def organisation_feed(org_id: str) -> str:
    return f"{FEEDS}organisation/{org_id}.xml"


def topic_feed(topic_id: str) -> str:
    return f"{FEEDS}amne/{topic_id}.xml"


def site_calendar() -> str:
    return f"{CALENDARS}alla.ics"


def group_calendar(group_id: str) -> str:
    return f"{CALENDARS}grupp/{group_id}.ics"


def meetings_data() -> str:
    return f"{DATA}moten.json"


def meeting_data(meeting_id: str) -> str:
    return f"{DATA}moten/{meeting_id}.json"


def absolute(site_url: str, url: str) -> str:
    """A site-relative address made absolute with mkdocs.yml's site_url (feeds and calendars need it)."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", url)


def decision_anchor(decision_id: str) -> str:
    """The id of a decision's element on its meeting's page."""
    return f"beslut-{decision_id}"


def action_anchor(action_id: str) -> str:
    """The id of an action's element on its meeting's page."""
    return f"uppdrag-{action_id}"


def follow_up_anchor(position: int) -> str:
    """The id of the position-th (1-based) follow-up on a meeting's page."""
    return f"uppfoljning-{position}"


def decision(meeting_id: str, decision_id: str) -> str:
    """A decision's anchor in its minutes."""
    return f"{meeting(meeting_id)}#{decision_anchor(decision_id)}"


def action(meeting_id: str, action_id: str) -> str:
    """An action's anchor in the minutes that gave it."""
    return f"{meeting(meeting_id)}#{action_anchor(action_id)}"


def follow_up(meeting_id: str, position: int) -> str:
    """The anchor of the position-th (1-based) follow-up in a meeting's minutes."""
    return f"{meeting(meeting_id)}#{follow_up_anchor(position)}"


def attachment(meeting_id: str, file: str) -> str:
    """An attached file's address: its path relative to the minutes file, below the meeting's page."""
    return posixpath.normpath(f"{meeting_id}/{file}")


def src_uri(url: str) -> str:
    """The Markdown file MkDocs renders at url: 'grupp/2017/' -> 'grupp/2017.md', '' -> 'index.md'."""
    return f"{url.rstrip('/')}.md" if url else "index.md"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at from_url to to_url (both site-relative, directory style)."""
    return _relative(_parts(from_url), to_url)


class LinksFrom:
    """relative(from_url, to_url) for one page's links: a generated page has hundreds, many
    to the same addresses, so its own path is split once and each target worked out once."""

    def __init__(self, from_url: str) -> None:
        self._base = _parts(from_url)
        self._done: dict[str, str] = {}

    def __call__(self, to_url: str) -> str:
        link = self._done.get(to_url)
        if link is None:
            link = self._done[to_url] = _relative(self._base, to_url)
        return link


def _parts(url: str) -> list[str]:
    return url.strip("/").split("/") if url.strip("/") else []


def _relative(base_parts: list[str], to_url: str) -> str:
    target, _, anchor = to_url.partition("#")
    target_parts = _parts(target)
    common = 0
    for a, b in zip(base_parts, target_parts):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(base_parts) - common) + target_parts[common:]
    path = "/".join(parts) or "."
    if target.endswith("/") or not target:
        path = "./" if path == "." else path + "/"
    return path + (f"#{anchor}" if anchor else "")
