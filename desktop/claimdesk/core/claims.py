"""What a claim is in code: its span rules, quote selector and the undoable commands.

Commands are plain, Qt-free values. ``ops.claims.apply_command`` applies one and returns its
inverse, so an undo stack only stores commands (Orange3's paint-data pattern); the GUI
wraps them in one QUndoCommand adapter.
"""

from __future__ import annotations

import re
from bisect import insort
from dataclasses import dataclass, field
from typing import Any

from claimdesk.core.statuses import NOT_YET_RATED

CONTEXT_CHARS = 32  # prefix/suffix length of the W3C TextQuoteSelector
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Claim:
    id: int
    document_id: int
    kind: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    page: int | None
    fields: dict[str, Any]
    status: str
    origin: str
    confidence: float | None
    author: str
    created_at: str
    updated_at: str
    anchor_state: str
    note: str = ""
    promise_status: str = NOT_YET_RATED  # targets only: how the promise is doing
    statement: str = ""  # the fact sheet's one-line statement; blank: built from the fields


@dataclass(frozen=True)
class ClaimRow:
    """A claim with what the claims table shows of its document."""

    claim: Claim
    document_title: str
    document_published: str | None


@dataclass(frozen=True)
class ClaimFilter:
    """What the claims table shows: every field is optional; text is an FTS query."""

    kind: str | None = None
    status: str | None = None
    document_id: int | None = None
    text: str = ""
    anchor_state: str | None = None  # "orphaned": the review list after a new version
    relation: str | None = None  # "conflicts" / "corroborates": claims with such an undismissed relation
    subject_id: int | None = None  # claims linked (proposed or confirmed) to a measure of this subject
    order_by: str = "document"  # one of ORDERINGS
    descending: bool = False


ORDERINGS = ("kind", "value", "quote", "document", "date", "status", "author")


def reading_order(claim: Claim) -> tuple[int, int, int]:
    """How the readers list a document's claims: by position, then length, then id."""
    return claim.start, claim.end, claim.id


def with_changes(claims: list[Claim], changed: dict[int, Claim | None]) -> list[Claim]:
    """``claims`` (in reading order) with the ``changed`` ones replaced, or dropped where
    None, still in reading order; inserting beats re-sorting thousands after one edit."""
    merged = [c for c in claims if c.id not in changed]
    for claim in changed.values():
        if claim is not None:
            insort(merged, claim, key=reading_order)
    return merged


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widens a selection to whole words and trims surrounding whitespace.

    Numbers keep their inner separators ("1,3", "1 300 000" stays as selected inside).
    """
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if start > end:
        start, end = end, start
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while start > 0 and _WORD.match(text[start - 1]) and start < len(text) and _WORD.match(text[start]):
        start -= 1
    while end < len(text) and end > 0 and _WORD.match(text[end]) and _WORD.match(text[end - 1]):
        end += 1
    return start, end


def quote_selector(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(exact, prefix, suffix) with up to CONTEXT_CHARS characters of context each side."""
    return text[start:end], text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS]


class ClaimError(ValueError):
    """A claim edit that cannot be applied; the message says why."""


@dataclass(frozen=True)
class CreateClaim:
    document_id: int
    kind: str
    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)
    origin: str = "manual"
    confidence: float | None = None


@dataclass(frozen=True)
class DeleteClaim:
    claim_id: int


@dataclass(frozen=True)
class RestoreClaim:
    """Puts a deleted claim back with its id, as it was (the inverse of DeleteClaim), and
    with it ``disagreements``: its merge disagreements, as stored, that the delete deleted
    (migration 0016's trigger), ids and all."""

    claim: Claim
    disagreements: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class EditClaim:
    """Changes some of kind, start/end (the quote follows), fields, status, note."""

    claim_id: int
    changes: dict[str, Any]
    reason: str = ""  # why, for review decisions; kept in the claim's history
