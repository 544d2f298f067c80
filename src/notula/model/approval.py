"""Approval (justering): which documents still await the approval their group requires."""

from __future__ import annotations

from notula.model.corpus import Corpus, Meeting

APPROVAL_TYPES = ("minutes",)  # what a group with `approval: required` approves (notes are informal)


def unapproved(group, doc_type: str, approved: bool) -> bool:
    """Whether a document of this type in this group (None: unknown) still awaits a required approval."""
    return doc_type in APPROVAL_TYPES and not approved and group is not None and group.approval == "required"


def awaiting_approval(meeting: Meeting, corpus: Corpus) -> bool:
    """Minutes of a group that requires approval (justering) that are not approved yet."""
    doc = meeting.doc
    return unapproved(corpus.registry.groups.get(doc.group), doc.type, doc.approved is not None)
