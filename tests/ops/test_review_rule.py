"""The two-person rule on every path: first review, re-review after another reviewer,
undo and redo, the rule switched off, and the check asked before a reason."""

import pytest

from claimdesk.core.claims import CreateClaim, EditClaim
from claimdesk.core.review import ReviewError
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import review as review_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths
from tests.conftest import SAMPLES

REFUSAL = "claim #{id} was created by root; under the two-person rule another reviewer must verify it"


@pytest.fixture
def claim_id(project):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    return claim_ops.apply_command(project, CreateClaim(1, "funding", 0, 10), actor="root").claim_id


def _reviews(project, claim_id):
    return [(e["actor"], (e["after"] or {}).get("status")) for e in claim_ops.claim_history(project, claim_id)
            if e["action"] == "review"]


def test_the_author_cannot_verify_after_another_reviewer_did(project, claim_id):
    run_command(project, EditClaim(claim_id, {"status": "verified"}, "matches the decree"), actor="bob")
    with pytest.raises(ReviewError) as refused:
        run_command(project, EditClaim(claim_id, {"status": "verified"}), actor="root")
    assert str(refused.value) == REFUSAL.format(id=claim_id)
    assert _reviews(project, claim_id) == [("bob", "verified")]  # bob stays the one who verified


def test_the_author_cannot_verify_first_but_may_set_other_statuses(project, claim_id):
    with pytest.raises(ReviewError, match=f"claim #{claim_id} was created by root"):
        run_command(project, EditClaim(claim_id, {"status": "verified"}), actor="root")
    undo = run_command(project, EditClaim(claim_id, {"status": "disputed"}), actor="root").result
    run_command(project, undo, actor="root")  # undoing one's own decision to another status
    assert claim_ops.get_claim(project, claim_id).status == "unverified"


def test_undo_or_redo_that_would_set_verified_is_checked_like_any_edit(project, claim_id):
    verify = EditClaim(claim_id, {"status": "verified"})
    unverify = run_command(project, verify, actor="bob").result
    redo = run_command(project, unverify, actor="bob").result  # bob undoes his verification
    with pytest.raises(ReviewError, match="two-person rule"):  # the author redoes it: root would be recorded
        run_command(project, redo, actor="root")
    run_command(project, redo, actor="bob")
    undo_dispute = run_command(project, EditClaim(claim_id, {"status": "disputed"}), actor="root").result
    with pytest.raises(ReviewError, match="two-person rule"):  # the author undoes a dispute of bob's verification
        run_command(project, undo_dispute, actor="root")
    assert claim_ops.get_claim(project, claim_id).status == "disputed"
    run_command(project, undo_dispute, actor="carol")
    assert _reviews(project, claim_id)[-1] == ("carol", "verified")


def test_the_rule_switched_off_lets_the_author_verify(project, claim_id):
    assert review_ops.verification_refusal(project, claim_id, "root") == REFUSAL.format(id=claim_id)
    assert review_ops.verification_refusal(project, claim_id, "bob") is None
    review_ops.set_two_person_rule(project, False)
    assert review_ops.verification_refusal(project, claim_id, "root") is None
    run_command(project, EditClaim(claim_id, {"status": "verified"}), actor="root")
    assert claim_ops.get_claim(project, claim_id).status == "verified"


@pytest.mark.parametrize("spelling", ["Root", "root ", " ROOT", "ｒｏｏｔ", "root\t"])
def test_no_spelling_of_the_authors_name_passes_for_another_reviewer(project, claim_id, spelling):
    run_command(project, EditClaim(claim_id, {"status": "verified"}), actor="bob")
    with pytest.raises(ReviewError, match="two-person rule"):
        run_command(project, EditClaim(claim_id, {"status": "verified"}), actor=spelling)
    assert _reviews(project, claim_id) == [("bob", "verified")]


@pytest.mark.parametrize("blank", ["   ", "\u3000"])
def test_a_verification_needs_a_reviewer_name(project, claim_id, blank):
    with pytest.raises(ReviewError, match="needs the reviewer's name"):
        run_command(project, EditClaim(claim_id, {"status": "verified"}), actor=blank)


def test_the_sheet_never_names_a_respelled_author_as_verifier(project, claim_id):
    from claimdesk.ops.factsheet import ExportOptions, build_factsheet

    review_ops.set_two_person_rule(project, False)
    run_command(project, EditClaim(claim_id, {"status": "verified"}), actor="Root ")  # the author, respelled
    review_ops.set_two_person_rule(project, True)
    sheet = build_factsheet(project, ExportOptions(), "2026-12-01T00:00:00Z")
    assert sheet.count == 0 and any("verified only by its author" in line for line in sheet.left_out)


def test_a_status_differing_only_in_case_or_spaces_is_refused(project):
    from claimdesk.core.claims import ClaimError

    with pytest.raises(ClaimError, match="same status as 'verified'"):
        review_ops.set_statuses(project, review_ops.statuses(project) + ["Verified "])
    assert "Verified" not in review_ops.statuses(project)


@pytest.mark.parametrize("change", [{"fields": {"amount": "999999"}}, {"start": 20, "end": 40}, {"kind": "target"},
                                    {"statement": "A different statement"}])
def test_changing_what_was_verified_reopens_the_review(project, claim_id, change):
    run_command(project, EditClaim(claim_id, {"status": "verified"}), actor="bob")
    undo = run_command(project, EditClaim(claim_id, change), actor="root").result
    claim = claim_ops.get_claim(project, claim_id)
    assert claim.status == "unverified"  # the sheet must not say "verified by bob" for content bob never saw
    assert "verification reopened" in claim_ops.claim_history(project, claim_id)[-1]["note"]
    run_command(project, undo, actor="root")  # undo puts the content back, never "verified"
    assert claim_ops.get_claim(project, claim_id).status == "unverified"


def test_a_note_or_an_unchanged_value_keeps_the_verification(project, claim_id):
    run_command(project, EditClaim(claim_id, {"status": "verified"}), actor="bob")
    run_command(project, EditClaim(claim_id, {"note": "called the ministry"}), actor="root")
    run_command(project, EditClaim(claim_id, {"fields": {}}), actor="root")  # the same (empty) values
    assert claim_ops.get_claim(project, claim_id).status == "verified"
