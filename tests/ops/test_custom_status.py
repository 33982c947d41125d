"""A status the user added to the project's vocabulary is a status like the built-in ones:
claims take it, and the claims table's filter and the claim lines (`claimdesk claims --status`,
end to end in tests/cli/test_claims_status.py) find them."""

from __future__ import annotations

import pytest

from claimdesk.core.claims import ClaimFilter
from claimdesk.core.review import UnknownStatus
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.claim_lines import claim_lines
from tests.statuses import add_two_claims


@pytest.fixture
def two_claims(project, tmp_path):
    return add_two_claims(project, tmp_path)


def test_the_claims_filter_finds_a_custom_status(project, two_claims):
    first, _ = two_claims
    assert claim_ops.claim_ids(project, ClaimFilter(status="needs source")) == [first]


def test_claim_lines_filter_by_a_custom_status_in_any_spelling(project, two_claims):
    first, second = two_claims
    assert [line["id"] for line in claim_lines(project, status="Needs  Source")] == [first]
    assert [line["id"] for line in claim_lines(project, status="unverified")] == [second]
    with pytest.raises(UnknownStatus, match="'needs a source' is not a review status of this project"):
        claim_lines(project, status="needs a source")

