"""A status the user added to the project's vocabulary is a status like the built-in ones:
claims take it, and the claims table's filter and the claim lines (`claimdesk claims --status`,
end to end in tests/cli/test_claims_status.py) find them."""

from __future__ import annotations

import pytest

from claimdesk.core.claims import ClaimFilter, CreateClaim, EditClaim
from claimdesk.core.review import UnknownStatus
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import review as review_ops
from claimdesk.ops.claim_lines import claim_lines
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths


@pytest.fixture
def two_claims(project, tmp_path):
    return add_two_claims(project, tmp_path)


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


def test_the_claims_filter_finds_a_custom_status(project, two_claims):
    first, _ = two_claims
    assert claim_ops.claim_ids(project, ClaimFilter(status="needs source")) == [first]


def test_claim_lines_filter_by_a_custom_status_in_any_spelling(project, two_claims):
    first, second = two_claims
    assert [line["id"] for line in claim_lines(project, status="Needs  Source")] == [first]
    assert [line["id"] for line in claim_lines(project, status="unverified")] == [second]
    with pytest.raises(UnknownStatus, match="'needs a source' is not a review status of this project"):
        claim_lines(project, status="needs a source")

