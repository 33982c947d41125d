"""What a merge does with a claim one analyst deleted and the other kept, and with a claim
both linked to different confirmed measures: never undone or overwritten silently, each a
disagreement that is counted, listed and resolved (keep, take; "both" refused for a
deletion), the same either way round, and nothing new when merged again."""

from __future__ import annotations

import shutil

import pytest

from claimdesk.core.claims import ClaimError, DeleteClaim, EditClaim
from claimdesk.core.project_merge import ResolveDisagreement
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import merge_disagreements
from claimdesk.ops import review as review_ops
from claimdesk.ops import subjects as subject_ops
from claimdesk.ops.project_merge import merge, open_source, preview
from claimdesk.ops.projects import open_existing

def _merge(into_path, from_path):
    with open_existing(into_path) as into, open_source(from_path, into) as source:
        planned = preview(into, source).counts
        return planned, merge(into, source, actor="carol")


def _claim_ids(path) -> set[int]:
    with open_existing(path) as project:
        return {row[0] for row in project.db.execute("SELECT id FROM claims")}


def _only_disagreement(project):
    items = merge_disagreements.disagreements(project)
    assert len(items) == 1
    return items[0]


def test_a_claim_into_deleted_is_not_added_back_but_is_a_disagreement(alice_deleted):
    alice, bob, ids = alice_deleted
    planned, result = _merge(alice, bob)
    assert (planned.new, planned.deleted, planned.new_disagreements) == (0, 1, 1)
    assert result.counts == planned and result.changed
    assert ids[2] not in _claim_ids(alice) and len(_claim_ids(alice)) == 2
    with open_existing(alice) as project:
        item = _only_disagreement(project)
        assert (item.claim_id, item.attribute, item.kept_author, item.other_author) == (ids[2], "claim", "alice", "bob")
        assert item.kept_text == "(deleted)" and item.quote == "640 thousand people"
        assert item.other_value["fields"] == {"value": "640000"} and "640 thousand people" in item.other_text
    again_planned, again = _merge(alice, bob)
    assert not again.changed and again_planned.deleted == 1 and again_planned.new_disagreements == 0


def test_a_claim_from_deleted_stays_and_both_ways_report_the_same(alice_deleted, tmp_path):
    alice, bob, ids = alice_deleted
    shutil.copyfile(alice, tmp_path / "alice-copy.claimdesk")
    forward = _merge(alice, bob)[1].counts
    backward = _merge(bob, tmp_path / "alice-copy.claimdesk")[1].counts
    assert forward == backward
    assert ids[2] in _claim_ids(bob)  # INTO's data is never removed by a merge
    with open_existing(bob) as project:
        item = _only_disagreement(project)
        assert (item.claim_id, item.attribute, item.kept_author, item.other_author) == (ids[2], "claim", "bob", "alice")
        assert item.other_text == "(deleted)" and item.kept_value["fields"] == {"value": "640000"}
    assert not _merge(bob, tmp_path / "alice-copy.claimdesk")[1].changed


def test_keeping_a_deletion_keeps_the_claim_deleted_and_merging_again_adds_nothing(alice_deleted):
    alice, bob, ids = alice_deleted
    _merge(alice, bob)
    with open_existing(alice) as project:
        item = _only_disagreement(project)
        with pytest.raises(ClaimError, match="cannot be both deleted and kept"):
            merge_disagreements.apply_command(project, ResolveDisagreement(item.id, "both"), actor="carol")
        merge_disagreements.apply_command(project, ResolveDisagreement(item.id, "kept"), actor="carol")
        assert merge_disagreements.disagreements(project) == []
        [settled] = merge_disagreements.disagreements(project, state=None)
        assert settled.resolution == "kept"
    planned, again = _merge(alice, bob)
    assert not again.changed and planned.new == 0 and ids[2] not in _claim_ids(alice)


def test_taking_a_kept_claim_restores_it_with_the_other_values_and_undo_deletes_it(alice_deleted):
    alice, bob, ids = alice_deleted
    _merge(alice, bob)
    with open_existing(alice) as project:
        item = _only_disagreement(project)
        undo = merge_disagreements.apply_command(project, ResolveDisagreement(item.id, "other"), actor="carol")
        claim = claim_ops.get_claim(project, ids[2])
        assert claim.fields == {"value": "640000"} and claim.quote == "640 thousand people"
        history = claim_ops.claim_history(project, ids[2])
        assert [e["action"] for e in history[-2:]] == ["restore", "edit"]
        assert f"merge disagreement #{item.id}" in history[-1]["note"] and history[-1]["actor"] == "carol"
        merge_disagreements.apply_command(project, undo, actor="carol")
        assert claim_ops.get_claim(project, ids[2]) is None
        assert _only_disagreement(project).state == "open"
    planned, _result = _merge(alice, bob)  # still deleted here: still not added
    assert planned.new == 0 and planned.new_disagreements == 0


def test_taking_a_deletion_deletes_the_claim_here_and_undo_restores_it(alice_deleted, tmp_path):
    alice, bob, ids = alice_deleted
    _merge(bob, alice)
    with open_existing(bob) as project:
        item = _only_disagreement(project)
        undo = merge_disagreements.apply_command(project, ResolveDisagreement(item.id, "other"), actor="carol")
        assert claim_ops.get_claim(project, ids[2]) is None
        [settled] = merge_disagreements.disagreements(project, state=None)  # the record of why it went
        assert (settled.resolution, settled.quote) == ("other", "640 thousand people")
        merge_disagreements.apply_command(project, undo, actor="carol")
        assert claim_ops.get_claim(project, ids[2]).fields == {"value": "640000"}
        assert _only_disagreement(project).state == "open"


@pytest.fixture
def different_measures(shared_start):
    """Both confirmed a link of the target to a measure, not the same one."""
    alice, bob, ids = shared_start
    for path, measure, actor in ((alice, "medical stations", "alice"), (bob, "stations built", "bob")):
        with open_existing(path) as project:
            subject_ops.link_claim(project, ids[1], "Rural clinics", measure, unit_class="count", actor=actor)
    return alice, bob, ids


def test_different_confirmed_measures_are_a_disagreement_resolved_by_taking_the_link(different_measures,
                                                                                      tmp_path):
    alice, bob, ids = different_measures
    shutil.copyfile(alice, tmp_path / "alice-copy.claimdesk")
    planned, result = _merge(alice, bob)
    assert (planned.disagreeing, planned.same, planned.new_disagreements) == (1, 2, 1)
    assert _merge(bob, tmp_path / "alice-copy.claimdesk")[1].counts == result.counts
    with open_existing(alice) as project:
        item = _only_disagreement(project)
        assert (item.attribute, item.kept_author, item.other_author) == ("measure", "alice", "bob")
        assert item.kept_text.startswith("Rural clinics: medical stations")
        assert item.other_text.startswith("Rural clinics: stations built")
        assert subject_ops.link_of(project, ids[1])[1].name == "medical stations"  # INTO's link kept
        undo = merge_disagreements.apply_command(project, ResolveDisagreement(item.id, "other"), actor="carol")
        assert subject_ops.link_of(project, ids[1])[1].name == "stations built"
        merge_disagreements.apply_command(project, undo, actor="carol")
        assert subject_ops.link_of(project, ids[1])[1].name == "medical stations"
        merge_disagreements.apply_command(project, ResolveDisagreement(item.id, "both"), actor="carol")
        assert subject_ops.link_of(project, ids[1])[1].name == "medical stations"
    planned, again = _merge(alice, bob)
    assert not again.changed and planned.disagreeing == 1 and planned.new_disagreements == 0


def test_taking_a_kept_claim_obeys_the_two_person_rule(alice_deleted):
    alice, bob, ids = alice_deleted
    with open_existing(bob) as project:
        claim_ops.apply_command(project, EditClaim(ids[2], {"status": "verified"}), actor="dave")
    with open_existing(alice) as project:
        review_ops.set_two_person_rule(project, True)
    _merge(alice, bob)
    with open_existing(alice) as project:
        item = _only_disagreement(project)
        assert item.other_value["status"] == "verified"
        # the claim's author cannot bring it back verified by herself: refused whole
        with pytest.raises(ClaimError, match="verif"):
            merge_disagreements.apply_command(project, ResolveDisagreement(item.id, "other"), actor="alice")
        assert claim_ops.get_claim(project, ids[2]) is None and _only_disagreement(project).state == "open"
        merge_disagreements.apply_command(project, ResolveDisagreement(item.id, "other"), actor="carol")
        assert claim_ops.get_claim(project, ids[2]).status == "verified"


@pytest.mark.parametrize("common", ["copy", "merged"])
def test_a_deletion_the_other_never_changed_after_is_taken_both_ways_and_merging_again_is_a_no_op(
        common, shared_start, tmp_path):
    from tests.analysts import merged_start

    (tmp_path / "merged").mkdir()
    alice, bob, ids = shared_start if common == "copy" else merged_start(tmp_path / "merged")
    with open_existing(bob) as project:
        bob_ids = {row[0] for row in project.db.execute("SELECT id FROM claims")}
        [bobs_statistic] = [i for i in bob_ids if claim_ops.get_claim(project, i).quote == "640 thousand people"]
    with open_existing(alice) as project:
        claim_ops.apply_command(project, DeleteClaim(ids[2]), actor="alice")
    planned, result = _merge(alice, bob)  # Bob never touched it: Alice's deletion stands, nothing to decide
    assert (planned.deleted, planned.removed, planned.new, planned.new_disagreements) == (0, 0, 0, 0)
    assert not result.changed and ids[2] not in _claim_ids(alice)
    planned, result = _merge(bob, alice)  # and Bob's copy goes as hers did
    assert (planned.deleted, planned.removed, planned.new_disagreements) == (0, 1, 0) and result.changed
    assert "1 deleted as the other analyst did" in planned.line()
    assert _claim_ids(bob) == bob_ids - {bobs_statistic}
    with open_existing(bob) as project:
        assert merge_disagreements.disagreements(project, state=None) == []
        history = claim_ops.claim_history(project, bobs_statistic)
        assert [(e["action"], e["actor"]) for e in history[-2:]] == [("delete", "alice"), ("merge", "carol")]
    for into, source in ((alice, bob), (bob, alice)):
        planned, again = _merge(into, source)
        assert not again.changed and (planned.deleted, planned.removed) == (0, 0)


def test_a_deleted_claim_restored_after_the_merge_is_shown_live_and_its_deletion_cannot_be_kept(shared_start):
    alice, bob, ids = shared_start
    with open_existing(bob) as project:
        claim_ops.apply_command(project, EditClaim(ids[2], {"fields": {"value": "640000"}}), actor="bob")
    with open_existing(alice) as project:
        undo_delete = claim_ops.apply_command(project, DeleteClaim(ids[2]), actor="alice")
    _merge(alice, bob)
    with open_existing(alice) as project:
        claim_ops.apply_command(project, undo_delete, actor="alice")  # Alice changes her mind: Ctrl+Z
        item = _only_disagreement(project)
        assert item.live_again and item.kept_text.startswith("(deleted when merged, restored since: “640 thousand")
        with pytest.raises(ClaimError, match="is live again .restored since., so there is no deletion to keep"):
            merge_disagreements.apply_command(project, ResolveDisagreement(item.id, "kept"), actor="carol")
        assert _only_disagreement(project).state == "open"
        undo = merge_disagreements.apply_command(project, ResolveDisagreement(item.id, "other"), actor="carol")
        assert claim_ops.get_claim(project, ids[2]).fields == {"value": "640000"}  # edited, not restored twice
        merge_disagreements.apply_command(project, undo, actor="carol")
        assert claim_ops.get_claim(project, ids[2]).fields == {} and _only_disagreement(project).live_again
        merge_disagreements.apply_command(project, ResolveDisagreement(item.id, "both"), actor="carol")
        assert merge_disagreements.disagreements(project) == [] and claim_ops.get_claim(project, ids[2]) is not None


def test_undoing_a_taken_deletion_brings_back_the_claims_other_disagreements(alice_deleted, tmp_path):
    alice, bob, ids = alice_deleted
    carol = tmp_path / "carol.claimdesk"
    with open_existing(bob) as project:  # Carol started from Bob's copy and stated another value
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(bob, carol)
    with open_existing(carol) as project:
        claim_ops.apply_command(project, EditClaim(ids[2], {"fields": {"value": "650000"}}), actor="carol")
    _merge(bob, carol)
    _merge(bob, alice)
    with open_existing(bob) as project:
        before = [(d.id, d.attribute, d.state) for d in merge_disagreements.disagreements(project, state=None)]
        assert sorted(attribute for _id, attribute, _state in before) == ["claim", "fields.value"]
        deletion = next(d for d in merge_disagreements.disagreements(project) if d.attribute == "claim")
        undo = merge_disagreements.apply_command(project, ResolveDisagreement(deletion.id, "other"), actor="dave")
        assert [d.attribute for d in merge_disagreements.disagreements(project, state=None)] == ["claim"]
        merge_disagreements.apply_command(project, undo, actor="dave")
        assert [(d.id, d.attribute, d.state) for d in merge_disagreements.disagreements(project, state=None)] == before
        assert claim_ops.get_claim(project, ids[2]).fields == {"value": "640000"}


def test_a_disagreement_whose_claim_and_history_are_lost_is_listed_unavailable_and_not_resolved(alice_deleted):
    alice, bob, ids = alice_deleted
    _merge(alice, bob)
    with open_existing(alice) as project:
        with project.db.atomic():  # as a recovered project can be: the deleted claim's history is gone
            project.db.execute("DROP TRIGGER claim_events_append_only_delete")
            project.db.execute("DELETE FROM claim_events WHERE claim_id = ?", [ids[2]])
        [item] = merge_disagreements.disagreements(project, state=None)
        assert (item.available, item.claim_id, item.quote) == (False, ids[2], "")
        assert "no longer in this project" in item.document_title and item.other_value["fields"] == {"value": "640000"}
        for choice in ("kept", "other"):
            with pytest.raises(ClaimError, match=f"disagreement #{item.id} cannot be resolved: claim #{ids[2]} "):
                merge_disagreements.apply_command(project, ResolveDisagreement(item.id, choice), actor="carol")
        assert _only_disagreement(project).state == "open"


def test_evidence_on_the_copy_that_kept_the_claim_makes_a_deletion_a_disagreement_not_a_loss(shared_start,
                                                                                              tmp_path):
    alice, bob, ids = shared_start
    with open_existing(bob) as project:  # no claim event: only the evidence says Bob worked on it
        review_ops.add_evidence(project, ids[2], url="https://example.org/census", actor="bob")
    with open_existing(alice) as project:
        claim_ops.apply_command(project, DeleteClaim(ids[2]), actor="alice")
    shutil.copyfile(bob, tmp_path / "bob-copy.claimdesk")
    planned, _result = _merge(bob, alice)
    assert (planned.deleted, planned.removed) == (1, 0) and ids[2] in _claim_ids(bob)
    with open_existing(bob) as project:
        assert project.db.execute("SELECT count(*) FROM evidence WHERE claim_id = ?", [ids[2]]).fetchone()[0] == 1
    assert _merge(alice, tmp_path / "bob-copy.claimdesk")[0].deleted == 1  # the same either way round


def test_an_open_disagreement_on_the_copy_that_kept_the_claim_makes_a_deletion_a_disagreement(shared_start,
                                                                                               tmp_path):
    alice, bob, ids = shared_start
    carol = tmp_path / "carol.claimdesk"
    shutil.copyfile(bob, carol)
    with open_existing(carol) as project:
        claim = claim_ops.get_claim(project, ids[2])
        claim_ops.apply_command(project, EditClaim(ids[2], {"start": claim.start - 4}), actor="carol")
    _merge(bob, carol)  # Bob, who never changed it, now holds Carol's other span as an open disagreement
    with open_existing(bob) as project:
        assert [d.attribute for d in merge_disagreements.disagreements(project)] == ["span"]
    with open_existing(alice) as project:
        claim_ops.apply_command(project, DeleteClaim(ids[2]), actor="alice")
    planned, _result = _merge(bob, alice)
    assert (planned.deleted, planned.removed) == (1, 0) and ids[2] in _claim_ids(bob)
