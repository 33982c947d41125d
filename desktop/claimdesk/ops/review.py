"""Review settings of a project and evidence attached to claims. Status changes
themselves are ``EditClaim`` commands (undoable, with a reason) checked by
``core.review`` inside ``ops.claims``."""

from __future__ import annotations

from typing import Any

from claimdesk.core.claims import ClaimError
from claimdesk.core.review import DEFAULT_STATUSES, may_verify, status_key, two_person_refusal
from claimdesk.core.statuses import REQUIRED_STATUSES
from claimdesk.ops.changes import Changes, Outcome
from claimdesk.store import claims as claims_repo
from claimdesk.store import events
from claimdesk.store import review as repo
from claimdesk.store.events import current_actor, now_iso
from claimdesk.store.project import Project, StorageError, storage_errors


def statuses(project: Project) -> list[str]:
    """The project's review vocabulary: the one list the CLI, the editor and the claims
    table's filter offer."""
    return repo.statuses(project.db)


def set_statuses(project: Project, values: list[str]) -> Changes:
    """Edits the vocabulary; "unverified" and "verified" stay, and no status in use is dropped."""
    cleaned = [" ".join(v.split()) for v in values if v.strip()]
    seen: dict[str, str] = {}
    for value in cleaned:
        if status_key(value) in seen:
            raise ClaimError(f"{value!r} is the same status as {seen[status_key(value)]!r} (case and spaces "
                             "do not make another status)")
        seen[status_key(value)] = value
    for required in REQUIRED_STATUSES:
        if required not in cleaned:
            raise ClaimError(f"the vocabulary must keep {required!r}")
    in_use = claims_repo.statuses_in_use(project.db)
    dropped = sorted(in_use - set(cleaned))
    if dropped:
        raise ClaimError(f"claims still have the status {', '.join(dropped)}")
    with storage_errors(), project.db.atomic():
        repo.set_statuses(project.db, cleaned)
        events.record_event(project.db, "review.statuses", "", {"statuses": cleaned})
    return Changes(statuses=True)


def two_person_rule(project: Project) -> bool:
    return repo.two_person_rule(project.db)


def verification_refusal(project: Project, claim_id: int, actor: str | None = None) -> str | None:
    """Why ``actor`` (default: the current user) may not verify the claim (None: they may),
    so a caller can refuse before asking for a reason; ``ops.claims`` checks it again."""
    actor = actor or current_actor()
    claim = claims_repo.get_claim(project.db, claim_id)
    if claim is None:
        return f"no claim #{claim_id}"
    return None if may_verify(claim, actor, repo.two_person_rule(project.db)) else two_person_refusal(claim)


def set_two_person_rule(project: Project, on: bool) -> Changes:
    with storage_errors(), project.db.atomic():
        repo.set_two_person_rule(project.db, on)
        events.record_event(project.db, "review.two_person_rule", "", {"on": on})
    return Changes(review_rule=True)


def add_evidence(project: Project, claim_id: int, *, other_claim: int | None = None, url: str = "",
                 retrieved: str = "", note: str = "", actor: str | None = None) -> Outcome[int]:
    """Attaches evidence to a claim; the result is the evidence's id."""
    claim = claims_repo.get_claim(project.db, claim_id)
    if claim is None:
        raise ClaimError(f"no claim #{claim_id}")
    if other_claim is not None and claims_repo.get_claim(project.db, other_claim) is None:
        raise ClaimError(f"no claim #{other_claim}")
    kind = "claim" if other_claim is not None else "url" if url else "note"
    if kind == "note" and not note.strip():
        raise ClaimError("evidence needs another claim, a URL or a note")
    with storage_errors(), project.db.atomic():
        evidence_id = repo.add_evidence(project.db, claim_id, kind, other_claim, url, retrieved, note,
                                        actor or current_actor(), now_iso())
        events.record_event(project.db, "evidence.add", str(claim_id), {"evidence": evidence_id, "kind": kind})
    return Outcome(evidence_id, Changes(claims=frozenset({claim_id}), documents=frozenset({claim.document_id})))


def evidence_for(project: Project, claim_id: int) -> list[dict[str, Any]]:
    return repo.evidence_for(project.db, claim_id)


# StorageError: what every mutating op raises when SQLite refuses (read-only, busy, disk full)
__all__ = ["DEFAULT_STATUSES", "StorageError", "statuses", "set_statuses", "two_person_rule",
           "set_two_person_rule", "verification_refusal", "add_evidence", "evidence_for"]
