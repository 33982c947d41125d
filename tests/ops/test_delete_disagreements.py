"""Deleting a claim deletes its merge disagreements with it (migration 0016's trigger);
undoing the delete - one claim or a batch, through ops.claims or the undo stack's
run_command - brings them back as they were, ids, values and resolutions, and redoing it
deletes them again. A settled deletion disagreement outlives the claim and is left alone."""

from __future__ import annotations

import pytest

from claimdesk.core.claims import DeleteClaim, RestoreClaim
from claimdesk.core.project_merge import ResolveDisagreement
from claimdesk.core.suggestion_commands import Batch
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import merge_disagreements
from claimdesk.ops.commands import run_command
from claimdesk.ops.project_merge import merge, open_source
from claimdesk.ops.projects import open_existing


@pytest.fixture
def merged(pair):
    """Alice's project after merging Bob's: open disagreements on claim 2 (quantity) and 4 (span)."""
    alice_path, bob_path, alice_ids, _bob_ids = pair
    with open_existing(alice_path) as into, open_source(bob_path, into) as source:
        merge(into, source)
    with open_existing(alice_path) as project:
        yield project, alice_ids


def _all(project):
    return merge_disagreements.disagreements(project, state=None)


def test_undoing_a_delete_brings_back_its_open_disagreement_and_redo_deletes_it_again(merged):
    project, ids = merged
    before = _all(project)
    assert [(d.claim_id, d.attribute, d.state) for d in before] == [(ids[1], "fields.quantity", "open"),
                                                                   (ids[3], "span", "open")]
    undo = claim_ops.apply_command(project, DeleteClaim(ids[1]), actor="alice")
    assert [d.claim_id for d in _all(project)] == [ids[3]]
    redo = claim_ops.apply_command(project, undo, actor="alice")
    assert _all(project) == before  # same ids, values, authors, source and state
    assert claim_ops.get_claim(project, ids[1]).fields["quantity"] == "120"
    undo = claim_ops.apply_command(project, redo, actor="alice")
    assert [d.claim_id for d in _all(project)] == [ids[3]]
    claim_ops.apply_command(project, undo, actor="alice")  # the redo's inverse carries them again
    assert _all(project) == before
    # the claim's open disagreement is listed and resolvable as before the delete
    quantity = before[0]
    merge_disagreements.apply_command(project, ResolveDisagreement(quantity.id, "other"), actor="carol")
    assert claim_ops.get_claim(project, ids[1]).fields["quantity"] == "100"


def test_undoing_a_batch_delete_in_the_undo_stack_brings_back_every_claims_disagreements(merged):
    project, ids = merged
    before = _all(project)
    outcome = run_command(project, Batch((DeleteClaim(ids[1]), DeleteClaim(ids[3]))), actor="alice")
    assert _all(project) == [] and claim_ops.get_claim(project, ids[3]) is None
    redone = run_command(project, outcome.result, actor="alice")
    assert _all(project) == before
    run_command(project, redone.result, actor="alice")
    assert _all(project) == []


def test_a_resolved_disagreement_comes_back_resolved_and_the_other_claims_are_untouched(merged):
    project, ids = merged
    quantity, span = _all(project)
    merge_disagreements.apply_command(project, ResolveDisagreement(quantity.id, "kept"), actor="carol")
    settled = _all(project)
    assert (settled[0].state, settled[0].resolution) == ("resolved", "kept")
    restore = claim_ops.apply_command(project, DeleteClaim(ids[1]), actor="alice")
    assert isinstance(restore, RestoreClaim) and [d["id"] for d in restore.disagreements] == [quantity.id]
    assert _all(project) == [span]
    claim_ops.apply_command(project, restore, actor="alice")
    assert _all(project) == settled
    stored = project.db.execute("SELECT resolved_by, resolved_at FROM merge_disagreements WHERE id = ?",
                                [quantity.id]).fetchone()
    assert stored[0] == "carol" and stored[1]


def test_a_settled_deletion_disagreement_stays_through_a_delete_and_its_undo(alice_deleted):
    alice, bob, ids = alice_deleted
    with open_existing(alice) as into, open_source(bob, into) as source:
        merge(into, source)
    with open_existing(alice) as project:
        [deletion] = _all(project)
        # taking Bob's kept claim restores it here; the settled deletion disagreement records why
        merge_disagreements.apply_command(project, ResolveDisagreement(deletion.id, "other"), actor="carol")
        settled = _all(project)
        assert [(d.attribute, d.state) for d in settled] == [("claim", "resolved")]
        restore = claim_ops.apply_command(project, DeleteClaim(ids[2]), actor="alice")
        assert restore.disagreements == ()  # the trigger keeps it: nothing to put back
        assert [(d.id, d.state, d.resolution) for d in _all(project)] == [(deletion.id, "resolved", "other")]
        claim_ops.apply_command(project, restore, actor="alice")
        assert _all(project) == settled
