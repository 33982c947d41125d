"""Claims in a custom status, for the ops and CLI tests of statuses the user added."""

from __future__ import annotations

from claimdesk.core.claims import ClaimFilter, CreateClaim, EditClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import review as review_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths


def add_two_claims(project, tmp_path) -> tuple[int, int]:
    """Two claims, the first set to the custom status "needs source", the second unverified."""
    source = tmp_path / "r.txt"
    source.write_text("The akimat allocated 9 billion tenge for schools and 2 billion tenge for roads.")
    [result] = import_paths(project, [source]).results
    document_id = result.document_ids[0]
    claim_ops.apply_command(project, CreateClaim(document_id, "funding", 21, 36))
    claim_ops.apply_command(project, CreateClaim(document_id, "funding", 53, 68))
    first, second = claim_ops.claim_ids(project, ClaimFilter())
    review_ops.set_statuses(project, review_ops.statuses(project) + ["needs source"])
    run_command(project, EditClaim(first, {"status": "needs source"}), actor="reviewer")
    return first, second
