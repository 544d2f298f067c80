"""Attachments the public build withholds: those that name someone the group's policy hides,
and, in such a group, those whose text cannot be read reliably (fail closed).

Notula cannot redact a name inside a PDF or a Word file, so such a file stays on the
members' site only; the public meeting page lists it without a link and says why. The text
is read as its program shows it (notula.reading.filetext): every part of a Word or
OpenDocument file, a PDF through its fonts' Unicode maps, text in its own encoding. A file
that cannot be read so (encrypted, damaged, a scanned page, a picture, an unknown encoding)
is withheld in a group that hides names; `notula check` lists every such file and why.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from notula import urls
from notula.i18n import _
from notula.reading.filetext import Text, name_words, read_file

if TYPE_CHECKING:
    from notula.model.corpus import Corpus, Meeting
    from notula.model.names import NamePolicy

# What the public page says after "bara på medlemmarnas webbplats:" (the site's language).
REASON = "nämner personer vars namn inte visas offentligt"
UNREADABLE = "texten kunde inte granskas"


@dataclass(frozen=True)
class Withheld:
    """One attachment the public build leaves out, and why."""

    meeting: Meeting
    index: int  # its place in the document's attachments
    file: str  # as the document names it: attachments/…
    shown: str  # the reason the public page gives
    why: str  # the reason for the secretary (notula check)
    fix: str

    @property
    def url(self) -> str:
        return urls.attachment(self.meeting.id, self.file)


def withheld(corpus: Corpus, names: NamePolicy) -> Iterator[Withheld]:
    """Every attachment of the corpus's meetings that the public build withholds."""
    for meeting in corpus.meetings:
        hidden = sorted(names.hidden.get(meeting.doc.group, ()))
        if not hidden:
            continue
        for index, attachment in enumerate(meeting.doc.attachments):
            if attachment.file:  # not those given by url
                found = judge(meeting, index, attachment.file, hidden)
                if found:
                    yield found


def judge(meeting: Meeting, index: int, file: str, hidden: list[str]) -> Withheld | None:
    """Whether an attachment of a meeting whose group hides these names is withheld, and why."""
    read = read_file(meeting.path.parent / file)
    text = Text(read.text)
    for name in hidden:
        words = name_words(name)
        if words and text.names(words):
            return Withheld(meeting, index, file, REASON,
                            _("the file names {person}, whose name the public site hides, so it is published on the members' "
                              "site only").format(person=name),
                            _("to publish it, attach a version without the name"))
    if read.unreadable:
        return Withheld(meeting, index, file, UNREADABLE,
                        _("the public site leaves it out: its group hides names, and Notula cannot read its text to check "
                          "it: {why}").format(why=read.unreadable),
                        read.fix or "")
    return None


def withheld_attachments(corpus: Corpus, names: NamePolicy) -> dict[str, str]:
    """Site-relative address -> why (as the public page says it), for every attachment withheld."""
    return {found.url: found.shown for found in withheld(corpus, names)}


def to_be_withheld(corpus: Corpus) -> list[Withheld]:
    """What the public site withholds of the documents meant for it (released or not yet, approved
    or not yet): for `notula check`, which knows no build date."""
    from notula.model.corpus import Corpus
    from notula.model.names import NamePolicy
    from notula.model.schema import declared_audience, own_audience

    names = NamePolicy.build(corpus, public=True)
    meant = [m for m in corpus.meetings
             if declared_audience(own_audience(m.doc.audience, m.doc.release), corpus.registry.groups.get(m.doc.group)) == "public"]
    return list(withheld(Corpus(corpus.registry, meant), names))
