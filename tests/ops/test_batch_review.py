"""One review decision over many claims: each checked on its own, saved together, undoable."""

import json

import pytest

from claimdesk.core.claims import ClaimError, CreateClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.batch_review import review_claims
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths
from tests.conftest import SAMPLES


@pytest.fixture
def claims(project):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    text = project.db.execute("SELECT text FROM documents").fetchone()[0]
    spans = [text.index(words) for words in ("12.4 billion tenge", "48 rural", "120 medical stations")]
    return [claim_ops.apply_command(project, CreateClaim(1, "funding", at, at + 10), actor=author).claim_id
            for at, author in zip(spans, ("alice", "alice", "bob"))]


def statuses(project):
    return dict(project.db.execute("SELECT id, status FROM claims").fetchall())


def test_each_claim_on_its_own_and_one_event(project, claims):
    first, second, bobs = claims
    report = review_claims(project, [first, 999, bobs, first, second], {"status": "verified"}, note="law 12",
                           actor="bob")
    assert report.applied == [first, second]  # the repeated id once, in the order first given
    assert [(o.claim_id, o.problem) for o in report.refused][0] == (999, "no such claim")
    assert report.refused[1].claim_id == bobs and "two-person rule" in report.refused[1].problem
    assert statuses(project) == {first: "verified", second: "verified", bobs: "unverified"}
    action, detail = project.db.execute("SELECT action, detail FROM events ORDER BY id DESC").fetchone()
    assert action == "review.batch"
    assert json.loads(detail) == {"changes": {"status": "verified"}, "applied": [first, second],
                                  "refused": {"999": "no such claim", str(bobs): report.refused[1].problem}}
    assert claim_ops.claim_history(project, first)[-1]["note"] == "law 12"
    run_command(project, report.undo, actor="bob")
    assert set(statuses(project).values()) == {"unverified"}


def test_a_storage_failure_midway_changes_nothing(project, claims, monkeypatch):
    import sqlite3

    from claimdesk.store import claims as claims_repo

    updates = []
    real_update = claims_repo.update_claim

    def update_then_fail(db, claim):
        updates.append(claim.id)
        if len(updates) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        real_update(db, claim)

    monkeypatch.setattr(claims_repo, "update_claim", update_then_fail)
    with pytest.raises(ClaimError, match="disk is full"):
        review_claims(project, claims[:2], {"status": "disputed"}, actor="bob")
    assert set(statuses(project).values()) == {"unverified"}
