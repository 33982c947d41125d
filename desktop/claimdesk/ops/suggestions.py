"""Suggestions: running the detector over documents and deciding on what it proposes.

Running it replaces a document's pending suggestions and never proposes again a span
that was accepted or rejected, or one a claim of the same kind already covers. For the
articles of a digest page the officials rule ("one per person per document") spans the
whole page.

Accepting a suggestion whose fact a claim already states merges into that claim, and a
manual tag takes up the pending suggestions of its fact (``core.claim_merge``, ``ops.merging``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimdesk.core.claim_merge import same_fact
from claimdesk.core.claims import Claim, ClaimError, CreateClaim, DeleteClaim, RestoreClaim
from claimdesk.core.kinds import OFFICIAL
from claimdesk.core.names import name_key
from claimdesk.core.model import StoredDocument
from claimdesk.core.suggestion_commands import (AcceptSuggestion, DeleteAdoptingClaim, MergeSuggestion,
                                                RejectSuggestion, ReopenSuggestion, RestoreAccepted,
                                                RestoreAdoptingClaim, SuggestionCommand, UnacceptSuggestion,
                                                UnmergeSuggestion)
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import merging
from claimdesk.ops.changes import Changes
from claimdesk.ops.documents import each_leaf_document
from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store import events
from claimdesk.store import suggestions as repo
from claimdesk.store.events import current_actor, now_iso
from claimdesk.store.project import Project
from claimdesk.store.suggestions import StoredSuggestion

if TYPE_CHECKING:  # the detectors load on first use, not with ops
    from claimdesk.core.suggest import Suggestion

DETECTOR = "rules-1"


@dataclass
class SuggestReport:
    documents: int = 0
    suggestions: int = 0
    cancelled: bool = False

    @property
    def changes(self) -> Changes:
        """The documents run had their pending suggestions replaced; claims were not touched."""
        return Changes(suggestions=self.documents > 0)


def suggest_documents(project: Project, document_ids: list[int] | None = None,
                      progress: Callable[[int, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> SuggestReport:
    """Runs the detector over these documents (all when None), one transaction each."""
    report = SuggestReport()
    for document in each_leaf_document(project, document_ids, report, progress, cancelled):
        report.suggestions += suggest_document(project, document.id)
        report.documents += 1
    return report


def suggest_document(project: Project, document_id: int) -> int:
    db = project.db
    document = documents_repo.get_document(db, document_id)
    if document is None or document.is_container:
        return 0
    # the detectors compile ~40 ms of patterns on import: loaded on first use, not at startup
    from claimdesk.core.suggest import suggest

    text = claim_ops.document_text(project, document_id)
    published = document.published.value if document.published else None
    found = suggest(text, documents_repo.document_boilerplate(db, document_id), published,
                    _people_seen_before(project, document))
    with db.atomic():
        repo.delete_pending(db, document_id)
        decided = repo.decided_keys(db, document_id)
        claimed = repo.claimed_anchors(db, document_id)
        created, stored = now_iso(), 0
        for item in found:
            if (item.kind, item.start, item.end) in decided or _covered(claimed, item):
                continue
            repo.insert_suggestion(db, document_id, item.kind, item.start, item.end, item.anchor, item.fields,
                                   item.confidence, DETECTOR, created)
            stored += 1
        events.record_event(db, "suggest.run", str(document_id), {"detector": DETECTOR, "suggestions": stored})
    return stored


def _covered(claimed: set[tuple[str, int, int]], item: Suggestion) -> bool:
    return any(kind == item.kind and start <= item.anchor < end for kind, start, end in claimed)


def _people_seen_before(project: Project, document: StoredDocument) -> set[str]:
    """Names of officials already claimed or suggested in earlier articles of the same page."""
    if document.parent_id is None:
        return set()
    seen = set()
    for sibling in documents_repo.articles_of(project.db, document.parent_id):
        if sibling.id >= document.id:
            continue
        for claim in claims_repo.claims_for_document(project.db, sibling.id):
            if claim.kind == OFFICIAL and claim.fields.get("name"):
                seen.add(name_key(claim.fields["name"]))
        for item in repo.suggestions_for(project.db, sibling.id, state=None, kind=OFFICIAL):
            if item.state != "rejected" and item.fields.get("name"):
                seen.add(name_key(item.fields["name"]))
    return seen


def pending(project: Project, document_id: int | None = None, kind: str | None = None) -> list[StoredSuggestion]:
    return repo.suggestions_for(project.db, document_id, "pending", kind)


def get_suggestion(project: Project, suggestion_id: int) -> StoredSuggestion | None:
    return repo.get_suggestion(project.db, suggestion_id)


def pending_counts(project: Project) -> dict[int, int]:
    return repo.count_pending(project.db)


def apply_command(project: Project, command: SuggestionCommand, actor: str | None = None) -> SuggestionCommand:
    """Applies one review decision inside the caller's transaction; returns its inverse."""
    actor = actor or current_actor()
    if isinstance(command, AcceptSuggestion):
        item = _require(project, command.suggestion_id, "pending")
        target = merging.find_target(project, merging.suggestion_proposal(project, item))
        if target is not None:  # one claim per fact: the suggestion fills the claim already marked
            return _merge(project, item, target, actor)
        inverse = claim_ops.apply_command(project, CreateClaim(item.document_id, item.kind, item.start, item.end,
                                                         item.fields, origin="suggested",
                                                         confidence=item.confidence), actor)
        repo.set_state(project.db, item.id, "accepted", inverse.claim_id, now_iso(), actor)
        return UnacceptSuggestion(item.id)
    if isinstance(command, UnacceptSuggestion):
        item = _require(project, command.suggestion_id, "accepted")
        restore = claim_ops.apply_command(project, DeleteClaim(_accepted_into(item)), actor)
        repo.set_state(project.db, item.id, "pending", None, None, None)
        return RestoreAccepted(item.id, restore.claim)
    if isinstance(command, RestoreAccepted):
        item = _require(project, command.suggestion_id, "pending")
        claim_ops.apply_command(project, RestoreClaim(command.claim), actor)
        repo.set_state(project.db, item.id, "accepted", command.claim.id, now_iso(), actor)
        return UnacceptSuggestion(item.id)
    if isinstance(command, RejectSuggestion):
        item = _require(project, command.suggestion_id, "pending")
        repo.set_state(project.db, item.id, "rejected", None, now_iso(), actor)
        events.record_event(project.db, "suggestion.reject", str(item.id), {"kind": item.kind})
        return ReopenSuggestion(item.id)
    if isinstance(command, ReopenSuggestion):
        item = _require(project, command.suggestion_id, "rejected")
        repo.set_state(project.db, item.id, "pending", None, None, None)
        events.record_event(project.db, "suggestion.reopen", str(item.id), {"kind": item.kind})
        return RejectSuggestion(item.id)
    if isinstance(command, (MergeSuggestion, UnmergeSuggestion, DeleteAdoptingClaim, RestoreAdoptingClaim)):
        return _apply_merge_command(project, command, actor)
    raise TypeError(f"not a suggestion command: {command!r}")


def command_changes(project: Project, command: SuggestionCommand | CreateClaim,
                    inverse: SuggestionCommand | DeleteClaim) -> Changes:
    """What a review decision did once applied (``inverse`` is what it returned), or a manual
    tag (``CreateClaim``) that may have taken up pending suggestions: the claim it created,
    merged into or took away, its document and the suggestions."""
    if isinstance(command, CreateClaim):
        if not isinstance(inverse, (DeleteClaim, DeleteAdoptingClaim)):
            raise TypeError(f"{inverse!r} does not undo {command!r}")
        changes = claim_ops.command_changes(project, command, inverse)
        return changes | Changes(suggestions=True) if isinstance(inverse, DeleteAdoptingClaim) else changes
    if isinstance(command, (DeleteAdoptingClaim, RestoreAdoptingClaim)):
        claim = _restored(command, inverse) if isinstance(command, DeleteAdoptingClaim) else command.claim
        return Changes(claims=frozenset({claim.id}), documents=frozenset({claim.document_id}), structural=True,
                       suggestions=True, subjects=True)
    item = repo.get_suggestion(project.db, command.suggestion_id)
    documents = frozenset({item.document_id}) if item is not None else frozenset()
    if isinstance(command, (RejectSuggestion, ReopenSuggestion)):
        return Changes(documents=documents, suggestions=True)
    if isinstance(command, (MergeSuggestion, UnmergeSuggestion)):  # the claim's fields, not its place
        return Changes(claims=frozenset({command.claim_id}), documents=documents, suggestions=True)
    if isinstance(command, AcceptSuggestion):  # a claim created, or merged into (``UnmergeSuggestion``)
        if isinstance(inverse, UnmergeSuggestion):
            return Changes(claims=frozenset({inverse.claim_id}), documents=documents, suggestions=True)
        created = frozenset({item.claim_id}) if item is not None and item.claim_id is not None else frozenset()
        return Changes(claims=created, documents=documents, suggestions=True, structural=True)
    claim = _restored(command, inverse) if isinstance(command, UnacceptSuggestion) else command.claim  # RestoreAccepted
    return Changes(claims=frozenset({claim.id}), documents=documents, structural=True, suggestions=True,
                   subjects=True)


def _restored(command: SuggestionCommand, inverse: SuggestionCommand | DeleteClaim) -> Claim:
    """The claim a command took away, as the inverse that brings it back holds it."""
    if isinstance(inverse, (RestoreAccepted, RestoreAdoptingClaim)):
        return inverse.claim
    raise TypeError(f"{inverse!r} does not undo {command!r}")


@dataclass
class AcceptReport:
    documents: int = 0
    accepted: int = 0
    merged_into: list[int] = field(default_factory=list)  # claims that already stated an accepted fact
    cancelled: bool = False


LOCK_HOLD_SECONDS = 0.25  # documents accepted in one transaction until this much time has passed
# then the lock is left free this long: a waiting Claimdesk retries every few milliseconds
# (store.project.ProjectDatabase) and would rarely find a gap between two commits otherwise
TURN_SECONDS = 0.005


def accept_pending(project: Project, document_ids: list[int] | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None, actor: str | None = None) -> AcceptReport:
    """Accepts every pending suggestion of these documents (all when None) in bounded
    transactions: whole documents, as many as fit in LOCK_HOLD_SECONDS (one at least), so
    another Claimdesk waits at most that long (or one large document) for its turn, and a
    run stopped or killed keeps what it committed; running it again accepts what is still
    pending (a suggestion's state changes with its claim, so none is accepted twice).
    Undo is per command, not per run. Small documents share a transaction because each
    commit costs about as much as accepting a dozen suggestions."""
    actor = actor or current_actor()
    waiting = sorted(d for d in repo.count_pending(project.db) if document_ids is None or d in document_ids)
    report = AcceptReport()
    index = 0
    while index < len(waiting) and not report.cancelled:
        done = AcceptReport()
        with project.db.atomic():
            began = time.monotonic()
            while index < len(waiting):
                if cancelled and cancelled():
                    report.cancelled = True
                    break
                if progress:
                    progress(index, len(waiting))
                accepted, merged = _accept_document(project, waiting[index], actor)
                done.documents += 1
                done.accepted += accepted
                done.merged_into += merged
                index += 1
                if time.monotonic() - began >= LOCK_HOLD_SECONDS:
                    break
        report.documents += done.documents  # counted once committed
        report.accepted += done.accepted
        report.merged_into += done.merged_into
        if index < len(waiting):
            time.sleep(TURN_SECONDS)
    if progress and not report.cancelled:
        progress(len(waiting), len(waiting))
    return report


def _accept_document(project: Project, document_id: int, actor: str) -> tuple[int, list[int]]:
    """Inside the caller's transaction: what AcceptSuggestion does for each pending
    suggestion of the document, with the document's claims read once."""
    items = repo.suggestions_for(project.db, document_id, "pending")
    facts = merging.DocumentClaims(project, document_id)
    writer = claim_ops.DocumentClaimWriter(project, document_id, facts.text)
    merged = []
    for item in items:
        target = facts.target(item)
        if target is not None:  # one claim per fact: the suggestion fills the claim already marked
            _merge(project, item, target, actor)
            merged.append(target.id)
            claim = claim_ops.require_claim(project, target.id)
        else:
            claim = writer.create(CreateClaim(item.document_id, item.kind, item.start, item.end, item.fields,
                                              origin="suggested", confidence=item.confidence), actor)
            repo.set_state(project.db, item.id, "accepted", claim.id, now_iso(), actor)
        facts.accepted_into(claim, item)
    events.record_event(project.db, "suggestion.accept_all", str(document_id),
                        {"accepted": len(items), "merged": len(merged)})
    return len(items), merged


def create_claim_adopting(project: Project, command: CreateClaim,
                          actor: str | None = None) -> DeleteClaim | DeleteAdoptingClaim:
    """A manual tag: creates the claim, then takes up the pending suggestions that state its
    fact (their parsed fields fill what the analyst left empty; they count as accepted into
    it, so the fact is not proposed twice). Returns DeleteClaim, or DeleteAdoptingClaim when
    suggestions were taken up."""
    actor = actor or current_actor()
    inverse = claim_ops.apply_command(project, command, actor)
    claim = claim_ops.require_claim(project, inverse.claim_id)
    # a suggestion's figure lies in its clause: clauses away from the tag need no closer look
    near = [item for item in repo.suggestions_for(project.db, claim.document_id, "pending", claim.kind)
            if item.start < claim.end and claim.start < item.end]
    if not near:
        return inverse
    text = claim_ops.document_text(project, claim.document_id)
    adopted: list[int] = []
    figures: list[tuple[int, int]] = []  # once one is taken up the claim's figure is known (core.claim_merge, rule 2)
    for item in near:
        proposal = merging.suggestion_proposal(project, item, text)
        if same_fact(claim, proposal, figures):
            merging.merge_into(project, claim, item.fields, f"suggestion #{item.id}", actor)
            repo.set_state(project.db, item.id, "accepted", claim.id, now_iso(), actor)
            adopted.append(item.id)
            figures.append(proposal.figure)
            claim = claim_ops.require_claim(project, claim.id)
    return DeleteAdoptingClaim(claim.id, tuple(adopted)) if adopted else inverse


def _merge(project: Project, item: StoredSuggestion, claim: Claim, actor: str) -> UnmergeSuggestion:
    restore = merging.merge_into(project, claim, item.fields, f"suggestion #{item.id}", actor)
    repo.set_state(project.db, item.id, "accepted", claim.id, now_iso(), actor)
    return UnmergeSuggestion(item.id, restore)


def _apply_merge_command(project: Project,
                         command: MergeSuggestion | UnmergeSuggestion | DeleteAdoptingClaim | RestoreAdoptingClaim,
                         actor: str) -> SuggestionCommand:
    if isinstance(command, MergeSuggestion):
        item = _require(project, command.suggestion_id, "pending")
        claim = claims_repo.get_claim(project.db, command.claim_id)
        if claim is None:
            raise ClaimError(f"no claim #{command.claim_id} to merge suggestion #{item.id} into")
        return _merge(project, item, claim, actor)
    if isinstance(command, UnmergeSuggestion):
        item = _require_into(project, command.suggestion_id, command.claim_id)
        claim_ops.apply_command(project, command.restore, actor)
        repo.set_state(project.db, item.id, "pending", None, None, None)
        return MergeSuggestion(item.id, command.claim_id)
    if isinstance(command, DeleteAdoptingClaim):
        for suggestion_id in command.suggestion_ids:
            _require_into(project, suggestion_id, command.claim_id)
            repo.set_state(project.db, suggestion_id, "pending", None, None, None)
        restore = claim_ops.apply_command(project, DeleteClaim(command.claim_id), actor)
        return RestoreAdoptingClaim(restore.claim, command.suggestion_ids)
    claim_ops.apply_command(project, RestoreClaim(command.claim), actor)
    for suggestion_id in command.suggestion_ids:
        _require(project, suggestion_id, "pending")
        repo.set_state(project.db, suggestion_id, "accepted", command.claim.id, now_iso(), actor)
    return DeleteAdoptingClaim(command.claim.id, command.suggestion_ids)


def _require_into(project: Project, suggestion_id: int, claim_id: int) -> StoredSuggestion:
    item = _require(project, suggestion_id, "accepted")
    if item.claim_id != claim_id:
        raise ClaimError(f"suggestion #{suggestion_id} was accepted into claim #{item.claim_id}, not #{claim_id}")
    return item


def _accepted_into(item: StoredSuggestion) -> int:
    if item.claim_id is None:  # the store sets it with the state: a damaged row
        raise ClaimError(f"suggestion #{item.id} is accepted into no claim")
    return item.claim_id


def _require(project: Project, suggestion_id: int, state: str) -> StoredSuggestion:
    item = repo.get_suggestion(project.db, suggestion_id)
    if item is None:
        raise ClaimError(f"no suggestion #{suggestion_id}")
    if item.state != state:
        raise ClaimError(f"suggestion #{suggestion_id} is {item.state}, not {state}")
    return item
