"""Validation results kept between builds in one process (the preview), so that a save
validates the saved file again, not the whole archive.

A file's result is reused only while all it was computed from is unchanged: the file's bytes,
the registries (every registry file's bytes, the minutes folder, the site's default names
policy) and, for each attachment the file names, whether that file exists. The cross-file checks (unique pages, follow-ups) are cheap and always run
again on the outlines of every file (see validate.check_corpus).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from notula.model.schema import ABBREVIATIONS_FILE, REGISTRY_FILES
from notula.reading.source import SourceError, read_source

if TYPE_CHECKING:
    from notula.model.corpus import Meeting
    from notula.problems import Problem

Result = tuple["Meeting | None", object, "list[Problem]"]  # the meeting, its validate.Outline, the problems


def registry_key(minutes_dir: Path, usable: bool, public_names: str) -> bytes:
    """What every file's validation depends on besides the file: the registry files' bytes (and
    whether the registry was usable: a broken one is not used to check the files), the minutes
    folder (messages name it) and the site's default names policy (the groups' policies)."""
    digest = hashlib.blake2b(b"usable" if usable else b"broken")
    digest.update(f"{minutes_dir}\0{public_names}\0".encode())
    for name in sorted([filename for filename, _ in REGISTRY_FILES.values()] + [ABBREVIATIONS_FILE]):
        try:
            data = (minutes_dir / name).read_bytes()
        except OSError:
            data = b"\0missing"
        digest.update(name.encode() + b"\0" + hashlib.blake2b(data).digest())
    return digest.digest()


@dataclass(frozen=True)
class _Entry:
    digest: bytes  # of the file's bytes
    registry: bytes  # registry_key at the time
    attachments: tuple[tuple[Path, bool], ...]  # each attachment named, and whether it was a file
    result: Result


class ValidationCache:
    """Per-file validation results, keyed on content, registries and attachments."""

    def __init__(self) -> None:
        self._entries: dict[Path, _Entry] = {}
        self.hits = 0
        self.misses = 0

    def get(self, path: Path, key: bytes) -> tuple[bytes | None, Result | None]:
        """The digest of the file now (None if it cannot be read), and its earlier result if
        nothing that result depends on has changed (key: registry_key)."""
        try:
            digest = hashlib.blake2b(path.read_bytes()).digest()
        except OSError:
            self._entries.pop(path, None)
            return None, None
        entry = self._entries.get(path)
        if entry is not None and entry.digest == digest and entry.registry == key and all(
                target.is_file() == was for target, was in entry.attachments):
            self.hits += 1
            return digest, entry.result
        self.misses += 1
        return digest, None

    def put(self, path: Path, key: bytes, digest: bytes | None, result: Result) -> None:
        """Keep the result of validating the file whose bytes had digest (from get)."""
        if digest is not None:
            self._entries[path] = _Entry(digest, key, _attachment_states(path, result), result)

    def keep_only(self, paths: list[Path]) -> None:
        """Forget the files that are gone."""
        wanted = set(paths)
        for path in [p for p in self._entries if p not in wanted]:
            del self._entries[path]

    def __len__(self) -> int:
        return len(self._entries)


def _attachment_states(path: Path, result: Result) -> tuple[tuple[Path, bool], ...]:
    """The attachments the file names (read leniently when it did not validate), and whether each is a file."""
    meeting = result[0]
    if meeting is not None:
        names = [a.file for a in meeting.doc.attachments]
    else:
        try:
            listed = read_source(path, str(path)).meta.get("attachments")
        except (SourceError, OSError):
            listed = None
        names = [a.get("file") for a in listed if isinstance(a, dict)] if isinstance(listed, list) else []
    targets = [(path.parent / name).resolve() for name in names if isinstance(name, str) and name]
    return tuple((target, target.is_file()) for target in targets)
