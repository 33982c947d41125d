"""Two analysts work from the same seeds (../shared/seeds): each imports them and accepts the
detector's suggestions under their own name; Bob then states another value in some claims,
deletes some, and marks some of his own. Merging Bob's project into Alice's counts exactly
what he did: his own marks new, his changed values disagreeing, his deletions disagreements
(each project keeps its own choice), the rest the same; merged again it changes nothing,
and the other way round it reports the same."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest

from claimdesk.core.claims import CreateClaim, DeleteClaim, EditClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.importing import import_paths
from claimdesk.ops.project_merge import merge, open_source
from claimdesk.ops.projects import new_project, open_existing
from claimdesk.ops.suggestions import accept_pending, suggest_documents

NUMBERS = ("amount", "value", "quantity")


def _analyst(path, seeds_dir, actor):
    with new_project(path) as project:
        import_paths(project, sorted(seeds_dir.iterdir()))
        suggest_documents(project)
        accept_pending(project, actor=actor)
        return [c for d, in project.db.execute("SELECT id FROM documents WHERE is_container = 0 ORDER BY id")
                for c in claim_ops.claims_for_document(project, d)]


def _free_span(claims, claim):
    """Whether no claim of kind 'official' overlaps this claim's span (an official claim
    marked there is Bob's own)."""
    return not any(c.kind == "official" and c.document_id == claim.document_id and c.start < claim.end
                   and claim.start < c.end for c in claims)


@pytest.fixture
def seed_projects(tmp_path, seeds_dir):
    alice_claims = _analyst(tmp_path / "alice.claimdesk", seeds_dir, "alice")
    bob_claims = _analyst(tmp_path / "bob.claimdesk", seeds_dir, "bob")
    assert len(alice_claims) == len(bob_claims) > 10
    with_numbers = [c for c in bob_claims if any(c.fields.get(name) for name in NUMBERS)]
    changed, deleted = with_numbers[:3], with_numbers[3:5]
    own = [c for c in bob_claims if c.kind != "official" and _free_span(bob_claims, c) and c not in deleted][-2:]
    assert (len(changed), len(deleted), len(own)) == (3, 2, 2)
    with open_existing(tmp_path / "bob.claimdesk") as bob:
        for claim in changed:
            name = next(name for name in NUMBERS if claim.fields.get(name))
            fields = {**claim.fields, name: str(Decimal(claim.fields[name]) + 1)}
            claim_ops.apply_command(bob, EditClaim(claim.id, {"fields": fields}), actor="bob")
        for claim in deleted:
            claim_ops.apply_command(bob, DeleteClaim(claim.id), actor="bob")
        for claim in own:
            claim_ops.apply_command(bob, CreateClaim(claim.document_id, "official", claim.start, claim.end),
                                    actor="bob")
    return tmp_path / "alice.claimdesk", tmp_path / "bob.claimdesk", len(alice_claims), len(changed), len(deleted), \
        len(own)


def _merge(into_path, from_path):
    with open_existing(into_path) as into, open_source(from_path, into) as source:
        return merge(into, source)


def test_the_same_seeds_marked_by_two_analysts_merge_as_counted(seed_projects, tmp_path):
    alice, bob, marked, changed, deleted, own = seed_projects
    shutil.copyfile(alice, tmp_path / "alice-copy.claimdesk")
    shutil.copyfile(bob, tmp_path / "bob-copy.claimdesk")
    result = _merge(alice, bob)
    counts = result.counts
    assert (counts.new, counts.disagreeing, counts.same) == (own, changed, marked - changed - deleted)
    # the claims Bob deleted stay in Alice's project, each a disagreement
    assert counts.documents == 0 and counts.deleted == deleted and counts.new_disagreements == changed + deleted
    again = _merge(alice, bob)
    assert not again.changed and again.counts.new == 0 and again.counts.new_disagreements == 0
    backwards = _merge(tmp_path / "bob-copy.claimdesk", tmp_path / "alice-copy.claimdesk").counts
    # Alice's project has the claims Bob deleted and lacks his own: the other way round Bob's
    # deletions stand (not added back) and are the same disagreements
    assert (backwards.new, backwards.disagreeing, backwards.same, backwards.deleted) == (
        0, changed, marked - changed - deleted, deleted)
    assert backwards.new_disagreements == counts.new_disagreements
    with open_existing(alice) as a, open_existing(tmp_path / "bob-copy.claimdesk") as b:
        assert a.db.execute("SELECT count(*) FROM claims").fetchone() == (marked + own,)
        assert b.db.execute("SELECT count(*) FROM claims").fetchone() == (marked - deleted + own,)
