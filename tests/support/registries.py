"""A minimal project for validation tests: registries written into a temporary minutes folder."""

from __future__ import annotations

import textwrap
from pathlib import Path


def minutes_project(root: Path, registries: dict[str, str], folder: str = "sgi/2017") -> Path:
    """root with minutes/<folder>/ made and each registry file (name -> YAML text) written."""
    minutes = root / "minutes"
    (minutes / folder).mkdir(parents=True)
    for name, text in registries.items():
        (minutes / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root
