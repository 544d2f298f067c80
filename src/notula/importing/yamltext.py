"""YAML text for the written front-matter: every string quoted, so it reads back as written
(the reader is YAML 1.2 core and strict: 09:00, no, 010 would otherwise change meaning)."""

from __future__ import annotations

import datetime as dt
import re


def quote(text: str) -> str:
    """A double-quoted YAML string."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\t", "\\t").replace("\r", "\\r"))
    escaped = "".join(c if c.isprintable() or c == " " else (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}") for c in escaped)
    return f'"{escaped}"'


_PLAIN = re.compile(r"^[a-z][a-z0-9-]*$")
_KEYWORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.match(text) and text not in _KEYWORDS:
        return text  # ids and words such as minutes, draft: plain in every YAML version
    return quote(text)


def flow(value) -> str:
    """A value in flow style: {a: "x", b: [1, 2]}."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(v)}" for key, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def field(key: str, value, comment: str = "") -> str:
    """One front-matter field; lists one entry a line."""
    tail = f"   # {comment}" if comment else ""
    if isinstance(value, list):
        if not value:
            return f"{key}: []{tail}\n"
        return f"{key}:{tail}\n" + "".join(f"  - {flow(v)}\n" for v in value)
    return f"{key}: {flow(value)}{tail}\n"
