"""Organisation names in imported minutes, matched against the registry; unknown ones become
ready-to-paste registry entries."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from notula.i18n import _
from notula.importing.yamltext import quote
from notula.model.references import ID_PATTERN
from notula.model.registry import Registry


@dataclass(frozen=True)
class OrgMatch:
    """How a name in the text was read: the registry entry it names, and whether it was a near miss."""

    text: str
    org_id: str | None  # None: not in the registry
    label: str  # what to write in the file
    near: bool = False


def _variants(name: str) -> list[str]:
    """Ways the same organisation is written: 'Varbergs kommun', 'Varberg kommun', 'Varberg'."""
    key = " ".join(name.casefold().replace("’", "'").split())
    out = [key]
    stripped = re.sub(r"\s+(kommun|stad)$", "", key)
    if stripped != key:
        out += [stripped, stripped[:-1] if stripped.endswith("s") else stripped + "s"]
    return out


@dataclass
class OrgMatcher:
    """Reads organisation names against the registry: names, short names, aliases, variants, near misses."""

    registry: Registry
    names: dict[str, str] = field(default_factory=dict)  # variant -> id
    spellings: list[str] = field(default_factory=list)

    def __post_init__(self):
        for org in self.registry.organisations.values():
            for name in (org.id, org.name, org.short, *org.aliases):
                if name:
                    for variant in _variants(name):
                        self.names.setdefault(variant, org.id)
        self.spellings = sorted({n for org in self.registry.organisations.values()
                                 for n in (org.name, org.short, *org.aliases) if n}, key=len, reverse=True)

    def known_names(self) -> list[str]:
        """Every spelling of every organisation, longest first (for finding them in running text)."""
        return self.spellings

    def match(self, text: str) -> OrgMatch | None:
        """The registry organisation text names, or None."""
        text = text.strip(" .,;:()")
        if not text:
            return None
        for variant in _variants(text):
            if variant in self.names:
                return self._found(text, self.names[variant])
        close = difflib.get_close_matches(_variants(text)[0], list(self.names), n=1, cutoff=0.88)
        if close and len(text) >= 5:
            return self._found(text, self.names[close[0]], near=True)
        return None

    def _found(self, text: str, org_id: str, near: bool = False) -> OrgMatch:
        org = self.registry.organisations[org_id]
        exact = any(text.casefold() == (n or "").casefold() for n in (org.name, org.short, *org.aliases))
        return OrgMatch(text, org_id, text if exact else org.label, near)

    def read(self, text: str) -> OrgMatch:
        """The organisation text names; an unknown one is kept as written."""
        return self.match(text) or OrgMatch(text.strip(" .,;:()"), None, text.strip(" .,;:()"))


def slug(name: str) -> str:
    """An id for a new registry entry: 'Kompetensplattform Halland' -> 'kompetensplattform-halland'."""
    ascii_name = unicodedata.normalize("NFKD", name.casefold()).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")
    return value if re.match(ID_PATTERN, value or "") else "org-" + (value or "x")


def guess_kind(name: str) -> str:
    """Only what the name itself says: a municipality or a project; otherwise 'other'."""
    lowered = name.casefold()
    if re.search(r"\bkommun$", lowered):
        return "municipality"
    if lowered.startswith("projekt"):
        return "project"
    return "other"


def registry_entries(names: list[str], registry: Registry) -> list[dict]:
    """New organisations.yml entries for names not in the registry, with unique ids."""
    used = set(registry.organisations)
    entries = []
    for name in names:
        base = slug(name)
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        entries.append({"id": candidate, "name": name, "kind": guess_kind(name)})
    return entries


def entries_yaml(entries: list[dict]) -> str:
    """The entries as organisations.yml text (ready to paste)."""
    return "".join(f"- id: {e['id']}\n  name: {quote(e['name'])}\n  kind: {e['kind']}\n" for e in entries)


def add_to_registry(path: Path, entries: list[dict]) -> None:
    """Append entries to organisations.yml, keeping what is there (comments included)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + "# " + _("Added by notula import: check the names and kinds.") + "\n" + entries_yaml(entries),
                    encoding="utf-8")
