"""Accessibility (axe-core) and HTML validity (Nu Html Checker) checks.

Both tools come from ``tools/node_modules``, installed by
``scripts/install-test-tools`` from ``tools/package-lock.json``.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "tools" / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

# Runs axe in the page and keeps only what assertion messages need.
_AXE_RUN = """
async ([context, tags]) => {
  const result = await axe.run(context ?? document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
  }));
}
"""


def _require(path: Path) -> None:
    if not path.is_file():
        raise RuntimeError(f"{path} not found: run scripts/install-test-tools")


def run_axe(page: Page, tags: Sequence[str] = WCAG_TAGS, context: Any = None) -> list[dict]:
    """Run axe-core on the loaded *page*; return its violations.

    Each violation is ``{id, impact, help, helpUrl, nodes: [{target, html,
    summary}]}``.  *context* is an optional axe context (selector or
    ``{"include": ..., "exclude": ...}``); the default is the whole page.
    """
    _require(AXE_JS)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated, not added as a <script>: the page's Content-Security-Policy would block that.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(_AXE_RUN, [context, list(tags)])


def format_axe(violations: Iterable[dict], max_nodes: int = 5) -> str:
    """Readable summary of axe violations for an assertion message."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} <{v.get('helpUrl', '')}>")
        nodes = v["nodes"]
        lines += [f"    at {' '.join(map(str, n['target']))}" for n in nodes[:max_nodes]]
        if len(nodes) > max_nodes:
            lines.append(f"    … and {len(nodes) - max_nodes} more")
    return "\n".join(lines) or "no axe violations"


def run_vnu(
    site_dir: str | Path, ignore: Iterable[str] = (), java: str = "java", timeout: float = 600
) -> list[dict]:
    """Validate every HTML file under *site_dir* (or one file) with vnu.

    Returns the checker's error messages (``type``, ``url``, ``lastLine``,
    ``message``, ``extract``…), each with an added ``path`` relative to
    *site_dir*.  Messages matching any regex in *ignore* are dropped.
    """
    return run_vnu_sites({"site": site_dir}, ignore, java, timeout)["site"]


def run_vnu_sites(
    sites: Mapping[str, str | Path], ignore: Iterable[str] = (), java: str = "java", timeout: float = 600
) -> dict[str, list[dict]]:
    """run_vnu on several sites (or files) in one run of the checker (it starts slowly):
    each site's name -> its messages, with paths relative to that site."""
    _require(VNU_JAR)
    targets = {name: Path(site) for name, site in sites.items()}
    for target in targets.values():
        if not target.exists():
            raise FileNotFoundError(f"cannot validate {target}: it does not exist")
    command = [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--skip-non-html",
               *map(str, targets.values())]
    try:
        proc = subprocess.run(command, capture_output=True, timeout=timeout)
    except FileNotFoundError:
        raise RuntimeError(f"{java!r} not found: vnu needs Java 11+ (run scripts/install-test-tools)") from None
    messages = without(_parse_vnu_output(proc.stderr.decode("utf-8", "replace"), proc.returncode), ignore)
    bases = {name: (t if t.is_dir() else t.parent).resolve() for name, t in targets.items()}
    found: dict[str, list[dict]] = {name: [] for name in targets}
    for message in messages:
        file = Path(unquote(urlsplit(message.get("url", "")).path)).resolve()
        owners = sorted((name for name, base in bases.items() if file.is_relative_to(base)),
                        key=lambda name: len(bases[name].parts))
        for name in owners[-1:] or list(targets):  # the innermost site; every site if none holds it
            found[name].append({**message, "path": _relative_path(message.get("url", ""), bases[name])})
    return found


def without(messages: Iterable[dict], ignore: Iterable[str]) -> list[dict]:
    """The vnu messages that match none of the regexes in *ignore*."""
    patterns = [re.compile(p) for p in ignore]
    return [m for m in messages if not any(p.search(m.get("message", "")) for p in patterns)]


def _parse_vnu_output(output: str, returncode: int) -> list[dict]:
    """vnu prints its JSON report on stderr; exit code 1 means 'errors found'."""
    try:
        return json.loads(output)["messages"]
    except (ValueError, KeyError):
        raise RuntimeError(f"vnu failed (exit code {returncode}):\n{output.strip()}") from None


def _relative_path(url: str, base: Path) -> str:
    path = Path(unquote(urlsplit(url).path))
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path)


def format_vnu(messages: Iterable[dict]) -> str:
    """Readable summary of vnu messages for an assertion message."""
    lines = []
    for m in messages:
        where = f"{m.get('path') or m.get('url', '?')}:{m.get('lastLine', '?')}"
        lines.append(f"{where}: {m.get('type', 'error')}: {m.get('message', '')}")
        if m.get("extract"):
            lines.append(f"    {m['extract'].strip()}")
    return "\n".join(lines) or "no vnu messages"
