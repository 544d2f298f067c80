"""Pages for the browser tests: a fresh browser context (no cookies, no storage) per test.

The shared Chromium (``chromium``) and the served demo sites (``members_url``,
``public_url``) are session fixtures in tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
# Upper bound for one wait for a page state; the tests never wait for a time.
WAIT_MS = 15_000


def _new_context(chromium, options: dict):
    context = chromium.new_context(locale="sv-SE", **options)
    context.set_default_timeout(WAIT_MS)
    return context


@pytest.fixture
def context(chromium) -> Iterator:
    """A fresh desktop-sized browser context."""
    context = _new_context(chromium, DESKTOP)
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A desktop-sized page (1280×800)."""
    return context.new_page()


@pytest.fixture
def phone(chromium) -> Iterator:
    """A phone-sized page (375×667, touch) in its own context."""
    context = _new_context(chromium, PHONE)
    yield context.new_page()
    context.close()
