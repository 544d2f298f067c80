"""The text of any file as a reader would see it, folded for comparison.

`file_text` reads an attached file with the reader of its type (notula.reading.formats) and
says when its text cannot be read reliably; `decoded` opens what any file packs (gzip, the text
parts of zip files, a PDF's compressed streams) without knowing its type; `clean` decodes
entities and JSON escapes and drops invisible characters; `fold` and `Text` compare words
without case or diacritics. The leak audit and the public build's withheld attachments read
files the same way, through this module.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import io
import itertools
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from notula.i18n import _
from notula.reading import formats

_TOKEN = re.compile(r"[^\W\d_]+")
_JSON_ESCAPE = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})")
# Combining marks and format characters (zero-width, direction marks, soft hyphen) of the BMP,
# and the astral format characters: removed so that "Ann\u200ba" and NFD text read as words.
_INVISIBLE = re.compile("[" + "".join(
    re.escape(chr(c)) for c in range(0x10000) if unicodedata.category(chr(c)) in ("Mn", "Cf")
) + "\U000E0001\U000E0020-\U000E007F\U0001D173-\U0001D17A]")


def clean(text: str) -> str:
    """Text with entities and JSON escapes decoded, composed (NFC), invisible characters removed."""
    if "&" in text:
        text = html.unescape(text)
    if "\\u" in text:
        text = _JSON_ESCAPE.sub(_unescape_json, text)
    if not text.isascii():
        text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return text


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """A word as it is compared: casefolded, without diacritics ("Förmedlingen" -> "formedlingen")."""
    if word.isascii():
        return word.casefold()
    return _INVISIBLE.sub("", unicodedata.normalize("NFKD", word)).casefold()


def fold(text: str) -> str:
    """A whole text folded as fold_word folds each word."""
    return fold_word.__wrapped__(clean(text))


def words(text: str) -> set[str]:
    """The folded words of a text."""
    return Text(text).tokens


_PIECES = re.compile(rb"[A-Za-z\x80-\xff]+")


@lru_cache(maxsize=500_000)
def _split_piece(piece: bytes) -> tuple[str, ...]:
    if piece.isascii():
        return (piece.decode("ascii").casefold(),)
    return tuple(fold_word(w) for w in _TOKEN.findall(piece.decode("utf-8", errors="replace")))


def name_words(name: str) -> tuple[str, ...]:
    """A name as the words it is searched for by (Text.names)."""
    return tuple(_TOKEN.findall(fold(name)))


class Text:
    """The folded words of a text, for quick questions: which of these words does it have,
    does it name this person."""

    def __init__(self, text: str):
        # A coarse split of the UTF-8 bytes is three times faster than a Unicode-aware one; the
        # few distinct pieces are then split and folded exactly (an en dash is not a letter).
        self._pieces = _PIECES.findall(clean(text).encode("utf-8", errors="replace"))  # lone surrogates
        self._table = {piece: _split_piece(piece) for piece in set(self._pieces)}
        self.tokens = {word for words in self._table.values() for word in words}
        self._runs: dict[int, set[tuple[str, ...]]] = {}

    @property
    def words(self) -> list[str]:
        """The folded words in order."""
        return list(itertools.chain.from_iterable(map(self._table.__getitem__, self._pieces)))

    def names(self, name: tuple[str, ...]) -> bool:
        """Whether the text has the name's words in a row, whatever stands between them (spaces,
        a line break, a hyphen), the last one perhaps in the genitive ("Anderssons", "Ek:s")."""
        *first, last = name
        if not (self.tokens.issuperset(first) and (last in self.tokens or last + "s" in self.tokens)):
            return False
        if len(name) not in self._runs:
            words = self.words
            self._runs[len(name)] = set(zip(*(words[i:] for i in range(len(name)))))
        return name in self._runs[len(name)] or (*first, last + "s") in self._runs[len(name)]


@dataclass(frozen=True)
class FileText:
    """What a reader sees in a file. unreadable: why its text cannot be read reliably (then text
    holds what could be read, raw bytes included), and fix: how the secretary can fix that."""

    text: str
    unreadable: str | None = None
    fix: str | None = None


def suffix(name: str) -> str:
    """A file name's type as Notula compares it: '.pdf' for 'Bilaga.PDF' ('' for none)."""
    base = name.rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].casefold() if "." in base else ""


def has_reader(name: str) -> bool:
    """Whether files of this name's type are read with a reader of their own (else as bytes)."""
    return suffix(name) in formats.READABLE


def file_text(name: str, data: bytes) -> FileText:
    """The text of a file (name: its name, for its type) as its program shows it to a reader."""
    kind = suffix(name)
    key = (kind, hashlib.sha256(data).digest())
    found = _READ.get(key)
    if found is None:
        if len(_READ) >= MAX_CACHED:
            _READ.clear()
        found = _READ[key] = _file_text(kind, data)
    return found


# What has been read, by type and content: the public build reads an attachment to withhold it
# and the audit reads its copy; the preview reads every attachment again after each change.
_READ: dict[tuple[str, bytes], FileText] = {}
MAX_CACHED = 20_000


def read_file(path: Path) -> FileText:
    """file_text of a file on disk."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileText("", _("cannot read the file ({error})").format(error=exc.strerror), _("check that it exists and is readable"))
    return file_text(path.name, data)


def _file_text(kind: str, data: bytes) -> FileText:
    try:
        return FileText(formats.read(kind, data))
    except formats.Unreadable as exc:
        return FileText(decoded(data), exc.message, exc.fix)
    except RecursionError:
        return FileText(decoded(data), _("the file is nested too deeply to be read"), _("save it as PDF"))
    except Exception as exc:  # a damaged file makes the libraries fail in ways no reader can list: fail closed
        return FileText(decoded(data), _("the file cannot be read ({error})").format(error=type(exc).__name__),
                        _("open it in its program and save it again, or save it as PDF"))


def decoded(data: bytes) -> str:
    """A file's text as a reader would see it: what it packs opened, decoded (not yet clean)."""
    return text_of(decompressed(data))


def text_of(data: bytes) -> str:
    """Bytes as text: UTF-8, else the one-byte code page a PDF's text is often in."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # a PDF's or another binary file's text is often in a one-byte code page
        text = data.decode("cp1252", errors="replace")
    return text


_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
_ZIP_TEXT = (".xml", ".html", ".htm", ".txt", ".md", ".json", ".csv", ".rels")


def decompressed(data: bytes) -> bytes:
    """The bytes with what they pack opened where that is cheap: gzip (Pagefind's index, .gz
    files), the text parts of zip files (.docx, .odt, .xlsx) and a PDF's compressed streams."""
    try:
        if data[:2] == b"\x1f\x8b":
            return gzip.decompress(data)
        if data[:4] == b"PK\x03\x04":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return b"\n".join(archive.read(info) for info in archive.infolist()
                                  if info.filename.lower().endswith(_ZIP_TEXT) and info.file_size < 50_000_000)
        if data[:5] == b"%PDF-":
            return data + b"\n".join(_inflate(m.group(1)) for m in _PDF_STREAM.finditer(data))
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile, KeyError, RuntimeError, ValueError, NotImplementedError):
        return data  # a damaged zip file (a negative seek, an unknown compression): its bytes as they are
    return data


def _inflate(stream: bytes) -> bytes:
    try:
        return zlib.decompressobj().decompress(stream, 50_000_000)
    except zlib.error:
        return b""


def _unescape_json(match: re.Match) -> str:
    if match.group(3):
        return chr(int(match.group(3), 16))
    high, low = int(match.group(1), 16), int(match.group(2), 16)
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
