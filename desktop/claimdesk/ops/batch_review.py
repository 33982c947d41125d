"""One review decision applied to many claims at once (`claimdesk review P --ids ...`).

Semantics: each claim is checked and changed on its own, by the same ``EditClaim``
command (and rules: statuses, two-person rule, promise statuses) as a single review, in
a savepoint of its own; a claim the rules refuse, or an id with no claim, is reported
with the reason and left unchanged while the others go on. The changes that succeed are
committed together in one transaction at the end, with one ``review.batch`` event naming
what was applied and what was refused, so an interrupted batch changes nothing. A storage
problem (read-only project, disk full) stops the whole batch and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from claimdesk.core.claims import ClaimError, EditClaim
from claimdesk.core.suggestion_commands import Batch
from claimdesk.ops import claims as claim_ops
from claimdesk.store import claims as claims_repo
from claimdesk.store import events
from claimdesk.store.events import current_actor
from claimdesk.store.project import Project, StorageError, storage_errors


@dataclass(frozen=True)
class ReviewOutcome:
    claim_id: int
    applied: bool
    problem: str = ""  # why it was refused; empty when applied


@dataclass
class BatchReviewReport:
    outcomes: list[ReviewOutcome] = field(default_factory=list)
    undo: Batch = Batch(())  # undoes the applied changes (for the GUI's undo stack)

    @property
    def applied(self) -> list[int]:
        return [o.claim_id for o in self.outcomes if o.applied]

    @property
    def refused(self) -> list[ReviewOutcome]:
        return [o for o in self.outcomes if not o.applied]


def review_claims(project: Project, claim_ids: Iterable[int], changes: dict[str, Any], *, note: str = "",
                  actor: str | None = None) -> BatchReviewReport:
    """Applies ``changes`` (status and/or promise_status) to each claim; ids repeated are
    reviewed once, in the order first given."""
    actor = actor or current_actor()
    report = BatchReviewReport()
    inverses = []
    try:
        with storage_errors(), project.db.atomic():
            for claim_id in dict.fromkeys(claim_ids):
                if claims_repo.get_claim(project.db, claim_id) is None:
                    report.outcomes.append(ReviewOutcome(claim_id, False, "no such claim"))
                    continue
                try:
                    with project.db.atomic():
                        inverses.append(claim_ops.apply_command(project, EditClaim(claim_id, changes, note), actor))
                except ClaimError as exc:
                    report.outcomes.append(ReviewOutcome(claim_id, False, str(exc)))
                else:
                    report.outcomes.append(ReviewOutcome(claim_id, True))
            events.record_event(project.db, "review.batch", "", {
                "changes": changes, "applied": report.applied,
                "refused": {o.claim_id: o.problem for o in report.refused}}, actor=actor)
    except StorageError as exc:
        raise ClaimError(str(exc)) from None
    report.undo = Batch(tuple(reversed(inverses)))
    return report
