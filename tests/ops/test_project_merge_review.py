"""Who verified a claim, after a merge: a claim verified in INTO keeps its reviewer in
the fact sheet (the other analyst's history merged in beside it did not change its
status), and a status taken from FROM keeps the reviewer who set it there."""

from __future__ import annotations

from claimdesk.core.claims import EditClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import review as review_ops
from claimdesk.ops.factsheet import ExportOptions, build_factsheet
from claimdesk.ops.projects import open_existing
from tests.analysts import merge_paths as _merged

STAMP = "2026-12-02T00:00:00+00:00"


def _verify(path, claim_ids, actor, status="verified"):
    with open_existing(path) as project:
        for claim_id in claim_ids:
            claim_ops.apply_command(project, EditClaim(claim_id, {"status": status}, "checked"), actor=actor)


def _sheet(path):
    with open_existing(path) as project:
        sheet = build_factsheet(project, ExportOptions(), STAMP)
    return {entry.claim_id: entry.reviewer for section in sheet.sections for entry in section.entries}, sheet


def test_claims_verified_in_into_keep_their_reviewer_after_a_merge(pair):
    alice_path, bob_path, alice_ids, _bob_ids = pair
    _verify(alice_path, alice_ids, "carol")  # bob never reviewed these
    reviewers, _sheet_before = _sheet(alice_path)
    assert reviewers == dict.fromkeys(alice_ids, "carol")
    _merged(alice_path, bob_path)
    reviewers, sheet = _sheet(alice_path)
    assert reviewers == dict.fromkeys(alice_ids, "carol")
    assert sheet.left_out == []
    # bob's create changed his copy, not these claims; the values the merge filled in did
    assert [what.split(":")[0] for _at, _actor, _claim, what in sheet.corrections] == ["merge", "merge"]


def test_the_other_analysts_later_review_of_their_copy_is_not_this_claims(pair):
    alice_path, bob_path, alice_ids, bob_ids = pair
    _verify(alice_path, alice_ids[:1], "carol")
    _verify(bob_path, bob_ids[:1], "dave", status="disputed")  # later, on bob's copy: a disagreement
    _merged(alice_path, bob_path)
    reviewers, sheet = _sheet(alice_path)
    assert reviewers == {alice_ids[0]: "carol"} and sheet.left_out == []


def test_a_status_taken_from_from_keeps_the_reviewer_who_set_it_there(pair):
    alice_path, bob_path, alice_ids, bob_ids = pair
    _verify(bob_path, bob_ids[:1], "carol")  # alice's copy is unverified: the merge fills it in
    _merged(alice_path, bob_path)
    reviewers, sheet = _sheet(alice_path)
    assert reviewers == {alice_ids[0]: "carol"} and sheet.left_out == []


def test_a_claim_verified_only_by_its_author_stays_out_after_a_merge(pair):
    alice_path, bob_path, alice_ids, bob_ids = pair
    with open_existing(alice_path) as project:  # the rule off while alice verified her own claim
        review_ops.set_two_person_rule(project, False)
    _verify(alice_path, alice_ids[:1], "alice")
    _verify(bob_path, bob_ids[:1], "carol")  # bob's copy verified by carol does not vouch for alice's
    with open_existing(alice_path) as project:
        review_ops.set_two_person_rule(project, True)
    _merged(alice_path, bob_path)
    reviewers, sheet = _sheet(alice_path)
    assert alice_ids[0] not in reviewers
    assert any(line.startswith(f"claim #{alice_ids[0]}: two-person") for line in sheet.left_out)


def test_a_second_merge_names_who_set_this_projects_value(pair, tmp_path):
    alice_path, bob_path, alice_ids, _bob_ids = pair
    carol_path = tmp_path / "carol.claimdesk"
    carol_path.write_bytes(bob_path.read_bytes())  # carol started from bob's file, then changed the quantity
    with open_existing(carol_path) as carol:
        claim_id = carol.db.execute("SELECT id FROM claims WHERE quote = '120 medical stations'").fetchone()[0]
        claim_ops.apply_command(carol, EditClaim(claim_id, {"fields": {"quantity": "90", "deadline": "2028"}}),
                                actor="carol")
    _merged(alice_path, bob_path)
    _merged(alice_path, carol_path)
    with open_existing(alice_path) as project:
        rows = project.db.execute("SELECT kept_author, other_value, other_author FROM merge_disagreements "
                                  "WHERE claim_id = ? AND attribute = 'fields.quantity' ORDER BY id",
                                  [alice_ids[1]]).fetchall()
    # bob's history merged in beside alice's claim did not make bob the one who set alice's 120
    assert rows == [("alice", '"100"', "bob"), ("alice", '"90"', "carol")]
