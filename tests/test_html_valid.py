"""Every page of both demo builds is valid HTML, as the Nu Html Checker (vnu) sees it.

Errors in Material for MkDocs' own markup that we cannot change without copying
its templates are listed below, each matched on both the message and the exact
markup vnu highlights, so that the same error in our templates still fails.
Anything from src/notula/templates, overrides/ or docs/ must be fixed instead.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pytest

from support import format_vnu, require_test_tools, run_vnu
from support.quality import run_vnu_sites

pytestmark = pytest.mark.build


class Upstream(NamedTuple):
    message: re.Pattern  # vnu's message
    markup: re.Pattern  # the whole of the markup vnu highlights
    why: str


UPSTREAM_MATERIAL_ERRORS = [
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off", which
    # HTML allows only on text-like inputs. Material sets it so that Firefox does not restore
    # a checked drawer or search on "back"; harmless elsewhere.
    Upstream(
        re.compile(r"^Attribute “autocomplete” is only allowed when the input type is "),
        re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">'),
        "Material's drawer/search toggles",
    ),
    # partials/toc.html: the table of contents' title is a <label for="__toc">, and the
    # checkbox "__toc" is written only by the nav entry of the current page. Meeting pages
    # are not in the nav (validation.nav.omitted_files), so the label points at nothing.
    Upstream(
        re.compile(r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control\.$"),
        re.compile(r'<label class="md-nav__title" for="__toc">'),
        "Material's TOC title on pages outside the nav",
    ),
]


def highlighted(message: dict) -> str:
    """The markup vnu blames, cut out of the extract it quotes (vnu may take in a line break)."""
    start, length = message.get("hiliteStart", 0), message.get("hiliteLength", 0)
    return message.get("extract", "")[start : start + length].strip()


def is_upstream(message: dict) -> bool:
    return any(
        known.message.search(message.get("message", "")) and known.markup.fullmatch(highlighted(message))
        for known in UPSTREAM_MATERIAL_ERRORS
    )


@pytest.fixture(scope="module")
def vnu_messages(demo_site, demo_public_site) -> dict[str, list[dict]]:
    """vnu's messages on both demo sites, from one run of the checker."""
    require_test_tools()
    return run_vnu_sites({"members": demo_site, "public": demo_public_site})


@pytest.mark.parametrize("audience", ["members", "public"])
def test_every_page_is_valid_html(vnu_messages, audience) -> None:
    errors = [m for m in vnu_messages[audience] if not is_upstream(m)]
    assert errors == [], format_vnu(errors)


def test_upstream_patterns_do_not_hide_our_own_errors(tmp_path) -> None:
    """The same messages about other markup, as our templates might produce, still count."""
    require_test_tools()
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>T</title></head><body>'
        '<input type="checkbox" id="val" autocomplete="off"><label for="saknas">Etikett</label>'
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        "</body></html>",
        encoding="utf-8",
    )
    messages = run_vnu(tmp_path)
    kept = [m for m in messages if not is_upstream(m)]
    assert len(messages) == 3, format_vnu(messages)
    assert len(kept) == 2, format_vnu(kept)
