"""Variants of the demo whose members' site has an address of its own (the plugin's members_url),
shared by the tests of the members' site and of hosting, so that each is built once a session."""

from __future__ import annotations

from pathlib import Path

OPTION = "      time_zone: Europe/Stockholm"
# As a browser copies it: the path %-encoded ("möten"), the host in capitals.
MEMBERS_ON_HOST = "https://Intra.Example.se/m%C3%B6ten/"
MEMBERS_UNDER_PUBLIC = "https://example.org/medlemmar/"


def set_option(root: Path, line: str) -> None:
    """Add a line of the notula plugin's options to root's mkdocs.yml."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert OPTION in text
    config.write_text(text.replace(OPTION, f"{OPTION}\n{line}", 1), encoding="utf-8")


def with_members_url(root: Path) -> None:
    """The demo with the members' site on a host of its own, below a path."""
    set_option(root, f"      members_url: {MEMBERS_ON_HOST}")


def with_members_under_public(root: Path) -> None:
    """The demo with the members' site at a path under the public host."""
    set_option(root, f"      members_url: {MEMBERS_UNDER_PUBLIC}")
