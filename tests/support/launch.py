"""What a maintainer does to a site made by `notula init` before its first public build, for
tests that build one: the public build refuses while any of init's placeholders is left
(notula.publishing.launch)."""

from __future__ import annotations

import re
from pathlib import Path

REAL_URL = "https://moten.provkommunen.se/"


def fill_in_placeholders(root: Path, minutes_dir: str = "minutes") -> None:
    """Every «ÄNDRA: …» replaced (also over two lines), real addresses in site_url and the pages,
    the example minutes kept but no longer marked as init's (their lines '# EXEMPEL …' removed)."""
    for page in (root / "docs").rglob("*.md"):
        text = re.sub(r"«ÄNDRA:[^»]*»", "Provkommunen", page.read_text(encoding="utf-8"))
        page.write_text(text.replace("@example.org", "@provkommunen.se"), encoding="utf-8")
    config = root / "mkdocs.yml"
    text = re.sub(r"(site_url: !ENV \[SITE_URL, )\"[^\"]*\"", rf'\1"{REAL_URL}"', config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")
    for path in (root / minutes_dir).rglob("*.md"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if not line.startswith("# EXEMPEL")), encoding="utf-8")
