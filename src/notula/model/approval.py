"""Approval (justering): which documents still await the approval their group requires.

A group with `approval: required` approves the record of each meeting: its minutes and its
notes (RECORD_TYPES), which say what was said and decided there. Papers written for a
meeting (an agenda, a report, a presentation, a meeting paper) are their authors' documents:
there is nothing to approve, and they follow their audience alone (`approved` on one is an
error, see the schema).

An approval counts from its date: minutes whose `approved.date` lies after the build date are
not approved yet, so they stay members-only until that day (as a `release` date would keep
them), and no page says "Justerat" before it.
"""

from __future__ import annotations

import datetime as dt

from notula.model.corpus import Corpus, Meeting
from notula.model.schema import RECORD_TYPES, Approval, DocType

APPROVAL_TYPES = RECORD_TYPES  # what a group with `approval: required` approves
UNAPPROVED_TYPES = tuple(t.value for t in DocType if t.value not in APPROVAL_TYPES)  # published without it


def approved_by(approved: dt.date | None, today: dt.date) -> bool:
    """Whether an approval dated approved (None: none) is in force on the day today."""
    return approved is not None and approved <= today


def unapproved(group, doc_type: str, approved: dt.date | None, today: dt.date) -> bool:
    """Whether a document of this type in this group (None: unknown), approved on the date
    approved (None: not at all), still awaits a required approval on the day today."""
    return (doc_type in APPROVAL_TYPES and group is not None and group.approval == "required"
            and not approved_by(approved, today))


def approval(meeting: Meeting, today: dt.date) -> Approval | None:
    """The document's approval if it is in force on the day today (else None: not yet approved)."""
    approved = meeting.doc.approved
    return approved if approved is not None and approved_by(approved.date, today) else None


def awaiting_approval(meeting: Meeting, corpus: Corpus, today: dt.date) -> bool:
    """Minutes or notes of a group that requires approval (justering) that are not approved by today."""
    doc = meeting.doc
    return unapproved(corpus.registry.groups.get(doc.group), doc.type,
                      doc.approved.date if doc.approved else None, today)
