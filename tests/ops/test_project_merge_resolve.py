"""Resolving what a merge found the two analysts disagree on: take the other value, keep
this one, or keep both; each is one undoable step with an event, and merging the same file
again never reopens a settled disagreement."""

from __future__ import annotations

import pytest

from claimdesk.core.claims import ClaimError
from claimdesk.core.project_merge import ResolveDisagreement
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import merge_disagreements
from claimdesk.ops.project_merge import merge, open_source
from claimdesk.ops.projects import open_existing


@pytest.fixture
def merged(pair):
    alice_path, bob_path, alice_ids, _bob_ids = pair
    with open_existing(alice_path) as into, open_source(bob_path, into) as source:
        merge(into, source)
    with open_existing(alice_path) as project:
        yield project, bob_path, alice_ids


def _by_attribute(project):
    return {d.attribute: d for d in merge_disagreements.disagreements(project)}


def test_taking_the_other_value_edits_the_claim_and_undo_puts_it_back(merged):
    project, _bob, alice_ids = merged
    quantity = _by_attribute(project)["fields.quantity"]
    assert (quantity.claim_id, quantity.kept_value, quantity.other_value) == (alice_ids[1], "120", "100")
    assert (quantity.kept_author, quantity.other_author, quantity.quote) == ("alice", "bob", "120 medical stations")
    inverse = merge_disagreements.apply_command(project, ResolveDisagreement(quantity.id, "other"), actor="carol")
    assert claim_ops.get_claim(project, alice_ids[1]).fields["quantity"] == "100"
    assert "fields.quantity" not in _by_attribute(project)
    last = claim_ops.claim_history(project, alice_ids[1])[-1]
    assert last["actor"] == "carol" and f"merge disagreement #{quantity.id}" in last["note"]
    assert project.db.execute("SELECT count(*) FROM events WHERE action = 'merge.resolve'").fetchone()[0] == 1
    redo = merge_disagreements.apply_command(project, inverse, actor="carol")
    assert claim_ops.get_claim(project, alice_ids[1]).fields["quantity"] == "120"
    assert _by_attribute(project)["fields.quantity"].state == "open"
    merge_disagreements.apply_command(project, redo, actor="carol")
    assert claim_ops.get_claim(project, alice_ids[1]).fields["quantity"] == "100"


def test_taking_the_other_span_moves_the_claim(merged):
    project, _bob, alice_ids = merged
    span = _by_attribute(project)["span"]
    merge_disagreements.apply_command(project, ResolveDisagreement(span.id, "other"), actor="carol")
    claim = claim_ops.get_claim(project, span.claim_id)
    assert claim.quote == "45 km of" == span.other_value["quote"]


@pytest.mark.parametrize("choice", ["kept", "both"])
def test_keeping_leaves_the_claim_as_it_is(merged, choice):
    project, _bob, alice_ids = merged
    quantity = _by_attribute(project)["fields.quantity"]
    merge_disagreements.apply_command(project, ResolveDisagreement(quantity.id, choice), actor="carol")
    assert claim_ops.get_claim(project, alice_ids[1]).fields["quantity"] == "120"
    settled = [d for d in merge_disagreements.disagreements(project, state="resolved")]
    assert [(d.id, d.resolution) for d in settled] == [(quantity.id, choice)]
    with pytest.raises(ClaimError, match="already resolved"):
        merge_disagreements.apply_command(project, ResolveDisagreement(quantity.id, "other"))
    with pytest.raises(ClaimError, match="resolved as one of"):
        merge_disagreements.apply_command(project, ResolveDisagreement(_by_attribute(project)["span"].id, "mine"))


def test_merging_again_after_resolving_adds_nothing(merged):
    project, bob_path, _alice_ids = merged
    for item in merge_disagreements.disagreements(project):
        merge_disagreements.apply_command(project, ResolveDisagreement(item.id, "other"), actor="carol")
    with open_source(bob_path, project) as source:
        result = merge(project, source)
    assert not result.changed and result.counts.new_disagreements == 0
    assert merge_disagreements.disagreements(project) == []
