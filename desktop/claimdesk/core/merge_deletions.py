"""The merge's rule for a claim one analyst deleted and the other kept, as plain data.

A project deleted a claim when the claim has no row and its own history (not what a merge
brought in from another project) ends with a delete; the claim stands as that delete's
snapshot recorded it. After the live claims are paired (``core.project_merge``), FROM's
unpaired claims are paired by the same rule (document, kind, overlap, one to one) with
the claims INTO deleted, and INTO's unpaired claims with the claims FROM deleted.

As a three-way merge does, a deletion of a claim the other side has not changed since
the history both hold (every event of the kept copy's own history is in the deleting
side's history; no evidence, decided link or open disagreement on it) is simply taken:
FROM's copy of a claim INTO deleted is not added back, INTO's copy of a claim FROM
deleted is deleted too (with FROM's delete event), and nothing is left to decide. Only
when the side that kept the claim changed it after (or marked it on its own, with no
history in common) is the pair a disagreement on the attribute ``CLAIM``: the deleted
side's value is ``DELETED`` (set by whoever deleted it), the other's the claim's values
(set by whoever last changed it); FROM's claim that INTO deleted is not added back,
INTO's claim that FROM deleted stays. Which side is INTO only decides which claim id the
disagreement names, so either merge order finds the same pairs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from claimdesk.core.project_merge import (CLAIM, DELETED, Disagreement, DocumentKey, MergeClaim, as_json,
                                          deletion_value, match_claims, without_ids)

Event = dict[str, Any]  # a claim_events row: actor, action, before/after as stored JSON text, merged_from


@dataclass(frozen=True)
class DeletedClaim:
    claim: MergeClaim  # as it was when deleted (its positions where ``place`` put it)
    deleted_by: str
    event: Event  # the delete (what INTO records when it takes the deletion)


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
        found.append(DeletedClaim(claim, own[-1]["actor"], own[-1]))
    return found


def last_changed_by(claim: MergeClaim, history: list[Event]) -> str:
    """Who last changed the claim in its own project (and so kept it as it is), else its author."""
    own = own_events(history)
    return str(own[-1]["actor"]) if own else claim.author


def claim_values(claim: MergeClaim) -> dict[str, Any]:
    return deletion_value({"start": claim.start, "end": claim.end, "quote": claim.quote, "fields": claim.fields,
                           "status": claim.status, "promise_status": claim.promise_status,
                           "statement": claim.statement, "note": claim.note})


def event_key(event: Event) -> tuple[Any, ...]:
    """What makes two projects' copies of one history event the same event (ids aside)."""
    return (event.get("at"), event["actor"], event["action"], event.get("note"),
            as_json(without_ids(_loads(event.get("before")))), as_json(without_ids(_loads(event.get("after")))))


def _loads(text: str | None) -> Any:
    return json.loads(text) if text else None


def changed_since(kept_history: list[Event], deleter_history: list[Event]) -> bool:
    """Whether the side that kept a claim changed it after the history both sides hold: an
    event of its own history (creation, edit, review, restore) the deleting side's history
    lacks. A copy without a history of its own counts as changed (nothing says otherwise)."""
    own = own_events(kept_history)
    seen = {event_key(event) for event in deleter_history}
    return not own or any(event_key(event) not in seen for event in own)


@dataclass
class Deletions:
    """What the merge does with the deletions: the disagreements (each with the INTO claim
    id it names, a deleted one when INTO deleted it), FROM's claims not to add (INTO
    deleted them), and INTO's claims to delete as FROM did, each with FROM's delete event."""

    disagreements: list[tuple[int, Disagreement]]
    not_added: set[int]
    to_delete: list[tuple[int, Event]]


def pair_deletions(threshold: float, our_deleted: list[DeletedClaim], their_deleted: list[DeletedClaim],
                   unpaired_ours: list[MergeClaim], unpaired_theirs: list[MergeClaim],
                   our_history: dict[int, list[Event]], their_history: dict[int, list[Event]],
                   our_attached: frozenset[int] = frozenset(),
                   their_attached: frozenset[int] = frozenset()) -> Deletions:
    """Pairs each side's deleted claims with the other side's unpaired live ones (see the
    module). ``*_attached``: each side's live claims with evidence, a decided link (a
    relation, person or measure) or an open disagreement, which no claim event records:
    such a copy counts as changed, as the merge cannot tell whether the deleting analyst
    saw that (and taking the deletion would delete it)."""
    ours_by_id = {d.claim.id: d for d in our_deleted}
    theirs_by_id = {d.claim.id: d for d in their_deleted}
    result = Deletions([], set(), [])
    for deleted, theirs in match_claims([d.claim for d in our_deleted], unpaired_theirs, threshold):
        result.not_added.add(theirs.id)
        kept_history = their_history.get(theirs.id, [])
        if theirs.id in their_attached or changed_since(kept_history, our_history.get(deleted.id, [])):
            result.disagreements.append((deleted.id, Disagreement(
                CLAIM, DELETED, ours_by_id[deleted.id].deleted_by, claim_values(theirs),
                last_changed_by(theirs, kept_history))))
    for ours, deleted in match_claims(unpaired_ours, [d.claim for d in their_deleted], threshold):
        kept_history = our_history.get(ours.id, [])
        if ours.id not in our_attached and not changed_since(kept_history, their_history.get(deleted.id, [])):
            result.to_delete.append((ours.id, theirs_by_id[deleted.id].event))
            continue
        result.disagreements.append((ours.id, Disagreement(
            CLAIM, claim_values(ours), last_changed_by(ours, kept_history), DELETED,
            theirs_by_id[deleted.id].deleted_by)))
    return result
