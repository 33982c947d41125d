"""The merge's rule for a claim one analyst deleted and the other kept, as plain data.

A project deleted a claim when the claim has no row and its own history (not what a merge
brought in from another project) ends with a delete; the claim stands as that delete's
snapshot recorded it. After the live claims are paired (``core.project_merge``), FROM's
unpaired claims are paired by the same rule (document, kind, overlap, one to one) with
the claims INTO deleted, and INTO's unpaired claims with the claims FROM deleted. Each
such pair is a disagreement on the attribute ``CLAIM``: the deleted side's value is
``DELETED`` (set by whoever deleted it), the other's the claim's values (set by whoever
last changed it). FROM's claim that INTO deleted is not added back; INTO's claim that FROM
deleted stays. Which side is INTO only decides which claim id the disagreement names, so
either merge order finds the same pairs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from claimdesk.core.project_merge import (CLAIM, DELETED, Disagreement, DocumentKey, MergeClaim, deletion_value,
                                          match_claims)

Event = dict[str, Any]  # a claim_events row: actor, action, before/after as stored JSON text, merged_from


@dataclass(frozen=True)
class DeletedClaim:
    claim: MergeClaim  # as it was when deleted (its positions where ``place`` put it)
    deleted_by: str


def own_events(history: list[Event]) -> list[Event]:
    """A claim's events in its own project, without those a merge brought in beside them."""
    return [event for event in history if not event.get("merged_from")]


def deleted_claims(history: dict[int, list[Event]], live_ids: set[int], keys: dict[int, DocumentKey],
                   place: Callable[[dict[str, Any]], dict[str, Any] | None]) -> list[DeletedClaim]:
    """The claims a project deleted in documents it still holds (``keys``: document id ->
    key). ``place`` gets each snapshot (with ``prefix``/``suffix``) and returns it with its
    span in INTO's text of the document, or None when that text no longer holds it."""
    found = []
    for claim_id, events in history.items():
        own = own_events(events)
        if claim_id in live_ids or not own or own[-1]["action"] != "delete" or not own[-1]["before"]:
            continue
        snapshot = json.loads(own[-1]["before"])
        if snapshot.get("document_id") not in keys:
            continue
        placed = place({**snapshot, "prefix": snapshot.get("prefix", ""), "suffix": snapshot.get("suffix", "")})
        if placed is None:
            continue
        claim = MergeClaim(claim_id, keys[snapshot["document_id"]], placed["kind"], placed["start"], placed["end"],
                           placed["quote"], placed.get("fields") or {}, placed.get("status", ""),
                           placed.get("promise_status", ""), placed.get("statement", ""), placed.get("note", ""),
                           placed.get("author", ""))
        found.append(DeletedClaim(claim, own[-1]["actor"]))
    return found


def last_changed_by(claim: MergeClaim, history: list[Event]) -> str:
    """Who last changed the claim in its own project (and so kept it as it is), else its author."""
    own = own_events(history)
    return str(own[-1]["actor"]) if own else claim.author


def claim_values(claim: MergeClaim) -> dict[str, Any]:
    return deletion_value({"start": claim.start, "end": claim.end, "quote": claim.quote, "fields": claim.fields,
                           "status": claim.status, "promise_status": claim.promise_status,
                           "statement": claim.statement, "note": claim.note})


def pair_deletions(threshold: float, our_deleted: list[DeletedClaim], their_deleted: list[DeletedClaim],
                   unpaired_ours: list[MergeClaim], unpaired_theirs: list[MergeClaim],
                   our_history: dict[int, list[Event]],
                   their_history: dict[int, list[Event]]) -> tuple[list[tuple[int, Disagreement]], set[int]]:
    """The deletion disagreements, each with the INTO claim id it names (a deleted one when
    INTO deleted it), and FROM's claims INTO deleted (not to be added)."""
    deleted_by = {("ours", d.claim.id): d.deleted_by for d in our_deleted}
    deleted_by |= {("theirs", d.claim.id): d.deleted_by for d in their_deleted}
    found: list[tuple[int, Disagreement]] = []
    not_added = set()
    for deleted, theirs in match_claims([d.claim for d in our_deleted], unpaired_theirs, threshold):
        not_added.add(theirs.id)
        found.append((deleted.id, Disagreement(CLAIM, DELETED, deleted_by[("ours", deleted.id)], claim_values(theirs),
                                               last_changed_by(theirs, their_history.get(theirs.id, [])))))
    for ours, deleted in match_claims(unpaired_ours, [d.claim for d in their_deleted], threshold):
        kept_by = last_changed_by(ours, our_history.get(ours.id, []))
        found.append((ours.id, Disagreement(CLAIM, claim_values(ours), kept_by, DELETED,
                                            deleted_by[("theirs", deleted.id)])))
    return found, not_added
