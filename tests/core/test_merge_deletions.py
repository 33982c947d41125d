"""core.merge_deletions: which claims a project deleted (its own history's last event a
delete, the claim gone, its document still there) and how they pair with the other side's
unpaired claims, the same pairs whichever side is INTO."""

from __future__ import annotations

import json

from claimdesk.core.merge_deletions import deleted_claims, pair_deletions
from claimdesk.core.project_merge import CLAIM, DELETED, MergeClaim

DOC = ("sha", "document", 0)


def _snapshot(claim_id: int, start: int, end: int, kind: str = "target", document_id: int = 1) -> str:
    return json.dumps({"id": claim_id, "document_id": document_id, "kind": kind, "start": start, "end": end,
                       "quote": "q" * (end - start), "fields": {"quantity": "5"}, "status": "unverified",
                       "author": "alice"})


def _event(action: str, actor: str, before: str | None = None, merged_from: str | None = None) -> dict:
    return {"action": action, "actor": actor, "before": before, "after": None, "merged_from": merged_from}


def _live(claim_id: int, start: int, end: int, kind: str = "target") -> MergeClaim:
    return MergeClaim(claim_id, DOC, kind, start, end, "q" * (end - start), {"quantity": "5"}, "unverified",
                      "not yet rated", "", "", "bob")


def test_a_deleted_claim_is_its_own_last_delete_and_only_that():
    history = {
        1: [_event("create", "alice"), _event("delete", "alice", _snapshot(1, 0, 10))],
        2: [_event("create", "alice"), _event("delete", "alice", _snapshot(2, 20, 30)), _event("restore", "alice")],
        3: [_event("delete", "alice", _snapshot(3, 40, 50)), _event("edit", "bob", merged_from="bob.claimdesk")],
        4: [_event("delete", "alice", _snapshot(4, 60, 70, document_id=9))],  # its document is gone
        5: [_event("delete", "alice", _snapshot(5, 80, 90))],  # deleted, then restored: it has a row
    }
    found = deleted_claims(history, {2, 5}, {1: DOC}, lambda snapshot: snapshot)
    assert [(d.claim.id, d.claim.start, d.deleted_by) for d in found] == [(1, 0, "alice"), (3, 40, "alice")]
    assert deleted_claims(history, set(), {1: DOC}, lambda snapshot: None) == []  # cannot be placed


def test_deletions_pair_the_same_either_way_round():
    history = {7: [_event("create", "alice"), _event("delete", "alice", _snapshot(7, 0, 10))]}
    deleted = deleted_claims(history, set(), {1: DOC}, lambda snapshot: snapshot)
    kept = [_live(8, 0, 12), _live(9, 0, 10, kind="funding"), _live(10, 30, 40)]  # only #8 is the same claim
    bob_history = {8: [_event("create", "bob")]}
    into_deleted = pair_deletions(0.5, deleted, [], [], kept, history, bob_history)
    into_kept = pair_deletions(0.5, [], deleted, kept, [], bob_history, history)
    assert into_deleted.not_added == {8} and into_kept.not_added == set()
    assert into_deleted.to_delete == into_kept.to_delete == []
    [(claim_a, a)], [(claim_b, b)] = into_deleted.disagreements, into_kept.disagreements
    assert (claim_a, claim_b) == (7, 8) and a.attribute == b.attribute == CLAIM
    assert (a.kept_value, a.kept_author, a.other_author) == (DELETED, "alice", "bob")
    assert (b.other_value, b.other_author, b.kept_author) == (DELETED, "alice", "bob")
    assert a.other_value == b.kept_value == {"start": 0, "end": 12, "quote": "q" * 12, "fields": {"quantity": "5"},
                                             "status": "unverified", "promise_status": "not yet rated",
                                             "statement": "", "note": ""}


def test_a_deletion_the_other_side_never_changed_after_is_taken_without_a_disagreement():
    create = {**_event("create", "alice"), "at": "2026-12-01T10:00:00Z", "note": "",
              "after": _snapshot(7, 0, 10)}
    delete = {**_event("delete", "alice", _snapshot(7, 0, 10)), "at": "2026-12-01T11:00:00Z", "note": ""}
    alice = {7: [create, delete]}
    # Bob's copy holds only Alice's creation (with his project's ids) and the merge that brought it
    bob = {8: [{**create, "after": _snapshot(8, 0, 10, document_id=3)},
               {**_event("merge", "bob", merged_from="alice.claimdesk"), "at": "2026-12-01T10:30:00Z", "note": ""}]}
    deleted = deleted_claims(alice, set(), {1: DOC}, lambda snapshot: snapshot)
    into_deleted = pair_deletions(0.5, deleted, [], [], [_live(8, 0, 10)], alice, bob)
    into_kept = pair_deletions(0.5, [], deleted, [_live(8, 0, 10)], [], bob, alice)
    assert (into_deleted.disagreements, into_deleted.not_added, into_deleted.to_delete) == ([], {8}, [])
    assert (into_kept.disagreements, into_kept.not_added, into_kept.to_delete) == ([], set(), [(8, delete)])
    bob[8].append({**_event("edit", "bob"), "at": "2026-12-01T12:00:00Z", "note": ""})  # changed after: decide
    assert [d.kept_author for _id, d in pair_deletions(0.5, [], deleted, [_live(8, 0, 10)], [], bob,
                                                        alice).disagreements] == ["bob"]
