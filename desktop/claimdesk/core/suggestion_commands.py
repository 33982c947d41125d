"""Undoable review decisions on suggestions, as plain values (like the claim commands).

Accepting creates a claim (origin "suggested", with the detector's confidence); undoing
it deletes that claim and reopens the suggestion, and redoing restores the *same* claim
id, so later commands that name the claim stay valid. ``Batch`` groups decisions taken
together ("accept all funding in this document") into one step.

One claim per fact (``core.claim_merge``): accepting a suggestion that states the fact of a
claim already marked merges into that claim (its inverse is ``UnmergeSuggestion``), and a
manual tag over a pending suggestion takes it up (its inverse is ``DeleteAdoptingClaim``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimdesk.core.claims import Claim, EditClaim


@dataclass(frozen=True)
class AcceptSuggestion:
    suggestion_id: int


@dataclass(frozen=True)
class UnacceptSuggestion:
    suggestion_id: int


@dataclass(frozen=True)
class RestoreAccepted:
    suggestion_id: int
    claim: Claim


@dataclass(frozen=True)
class RejectSuggestion:
    suggestion_id: int


@dataclass(frozen=True)
class ReopenSuggestion:
    suggestion_id: int


@dataclass(frozen=True)
class MergeSuggestion:
    """Accepts a suggestion into an existing claim: its empty fields are filled from it."""

    suggestion_id: int
    claim_id: int


@dataclass(frozen=True)
class UnmergeSuggestion:
    """Undoes a merge: ``restore`` puts the claim's fields back, the suggestion reopens."""

    suggestion_id: int
    restore: EditClaim

    @property
    def claim_id(self) -> int:
        return self.restore.claim_id


@dataclass(frozen=True)
class DeleteAdoptingClaim:
    """Undoes a manual tag that took up pending suggestions: the claim goes, they reopen."""

    claim_id: int
    suggestion_ids: tuple[int, ...]


@dataclass(frozen=True)
class RestoreAdoptingClaim:
    """Redoes such a tag: the same claim id back, the suggestions accepted into it again."""

    claim: Claim
    suggestion_ids: tuple[int, ...]


@dataclass(frozen=True)
class Batch:
    commands: tuple[Any, ...]  # any undoable command (claims, suggestions, links), nested batches too


SuggestionCommand = (AcceptSuggestion | UnacceptSuggestion | RestoreAccepted | RejectSuggestion | ReopenSuggestion
                     | MergeSuggestion | UnmergeSuggestion | DeleteAdoptingClaim | RestoreAdoptingClaim)


def merged_claim_ids(inverse: object) -> list[int]:
    """Claims that a step's suggestions merged into, read off the inverse it returned (in
    the order the step took them), so a caller can say so."""
    if isinstance(inverse, UnmergeSuggestion):
        return [inverse.claim_id]
    if isinstance(inverse, Batch):  # a batch's inverse lists its parts last first
        return [claim_id for part in reversed(inverse.commands) for claim_id in merged_claim_ids(part)]
    return []
