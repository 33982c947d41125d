"""The review workflow: vocabulary, promise status, two-person rule, evidence, CLI."""

import subprocess
import sys

import pytest

from claimdesk.core.claims import ClaimError, CreateClaim, EditClaim
from claimdesk.core.review import ReviewError
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import review as review_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project
from tests.conftest import SAMPLES


@pytest.fixture
def target(project):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    text = project.db.execute("SELECT text FROM documents").fetchone()[0]
    start = text.index("120 medical stations")
    return claim_ops.apply_command(project, CreateClaim(1, "target", start, start + 20), actor="alice").claim_id


def test_the_two_person_rule_and_its_switch(project, target):
    with pytest.raises(ReviewError, match="another reviewer"):
        run_command(project, EditClaim(target, {"status": "verified"}), actor="alice")
    undo = run_command(project, EditClaim(target, {"status": "verified"}, "checked the decree"), actor="bob").result
    history = claim_ops.claim_history(project, target)
    assert (history[-1]["action"], history[-1]["actor"], history[-1]["note"]) == ("review", "bob", "checked the decree")
    run_command(project, undo, actor="bob")
    review_ops.set_two_person_rule(project, False)
    run_command(project, EditClaim(target, {"status": "verified"}), actor="alice")
    assert claim_ops.get_claim(project, target).status == "verified"


def test_vocabulary_and_promise_status(project, target):
    with pytest.raises(ReviewError, match="not a review status"):
        run_command(project, EditClaim(target, {"status": "approved"}), actor="bob")
    review_ops.set_statuses(project, ["unverified", "in review", "verified", "disputed", "needs source"])
    run_command(project, EditClaim(target, {"status": "needs source"}), actor="bob")
    with pytest.raises(ClaimError, match="still have the status needs source"):
        review_ops.set_statuses(project, ["unverified", "verified"])
    run_command(project, EditClaim(target, {"promise_status": "in the works"}), actor="bob")
    assert claim_ops.get_claim(project, target).promise_status == "in the works"
    with pytest.raises(ReviewError, match="promise status"):
        run_command(project, EditClaim(target, {"promise_status": "maybe"}), actor="bob")


def test_evidence_items(project, target):
    other = claim_ops.apply_command(project, CreateClaim(1, "statistic", 0, 10)).claim_id
    review_ops.add_evidence(project, target, other_claim=other)
    review_ops.add_evidence(project, target, url="https://gov.example/decree", retrieved="2026-03-20")
    review_ops.add_evidence(project, target, note="Confirmed by phone with the akimat")
    assert [e["kind"] for e in review_ops.evidence_for(project, target)] == ["claim", "url", "note"]
    with pytest.raises(ClaimError, match="needs another claim"):
        review_ops.add_evidence(project, target)


def test_cli_review_enforces_the_rule(tmp_path):
    path = tmp_path / "r.claimdesk"
    with new_project(path) as project:
        import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
        claim_ops.apply_command(project, CreateClaim(1, "funding", 0, 10), actor="alice")

    def review(*args):
        return subprocess.run([sys.executable, "-m", "claimdesk", "review", str(path), "1", *args],
                              capture_output=True, text=True, timeout=120)

    refused = review("--status", "verified", "--reviewer", "alice")
    assert refused.returncode == 1 and "two-person rule" in refused.stderr
    accepted = review("--status", "verified", "--reviewer", "bob", "--note", "matches the budget law")
    assert accepted.returncode == 0 and "status verified" in accepted.stdout
    assert review().returncode == 2
