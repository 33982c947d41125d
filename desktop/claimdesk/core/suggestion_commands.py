"""Undoable review decisions on suggestions, as plain values (like the claim commands).

Accepting creates a claim (origin "suggested", with the detector's confidence); undoing
it deletes that claim and reopens the suggestion, and redoing restores the *same* claim
id, so later commands that name the claim stay valid. ``Batch`` groups decisions taken
together ("accept all funding in this document") into one step.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimdesk.core.claims import Claim


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
class Batch:
    commands: tuple


SuggestionCommand = AcceptSuggestion | UnacceptSuggestion | RestoreAccepted | RejectSuggestion | ReopenSuggestion
