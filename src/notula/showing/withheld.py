"""Attachments the public build withholds: those that name someone the group's policy hides.

Notula cannot redact a name inside a PDF or a Word file, so such a file stays on the
members' site only; the public meeting page lists it without a link and says why. The text
is read as the leak audit reads it (notula.reading.filetext): plain text, the text parts of .docx and
.odt, a PDF's uncompressed and Flate-compressed streams. A name in a picture, or in a PDF
whose fonts encode the letters, cannot be read this way; the README says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from notula import urls
from notula.reading.filetext import Text, decoded, name_words

if TYPE_CHECKING:
    from notula.model.corpus import Corpus
    from notula.model.names import NamePolicy

REASON = "nämner personer vars namn inte visas offentligt"


def withheld_attachments(corpus: Corpus, names: NamePolicy) -> dict[str, str]:
    """Site-relative address -> why, for every attachment of the corpus that names a hidden person."""
    withheld: dict[str, str] = {}
    for meeting in corpus.meetings:
        hidden = names.hidden.get(meeting.doc.group)
        files = [a.file for a in meeting.doc.attachments if a.file]  # not those given by url
        if not hidden or not files:
            continue
        hidden_words = [name_words(name) for name in hidden]
        for file in files:
            text = Text(decoded((meeting.path.parent / file).read_bytes()))
            if any(text.names(name) for name in hidden_words):
                withheld[urls.attachment(meeting.id, file)] = REASON
    return withheld
