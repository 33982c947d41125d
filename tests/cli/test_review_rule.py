"""`claimdesk review`: the claim's author cannot verify it after another reviewer did."""

import subprocess
import sys

from claimdesk.core.claims import CreateClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project, open_existing
from tests.conftest import SAMPLES


def test_a_self_review_after_another_reviewer_exits_1_and_changes_nothing(tmp_path):
    path = tmp_path / "rule.claimdesk"
    with new_project(path) as project:
        import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
        for start in (0, 20, 40):
            claim_ops.apply_command(project, CreateClaim(1, "funding", start, start + 10), actor="root")

    def review(reviewer):
        return subprocess.run([sys.executable, "-m", "claimdesk", "review", str(path), "3", "--status", "verified",
                               "--reviewer", reviewer], capture_output=True, text=True, timeout=120)

    assert review("bob").returncode == 0
    for spelling in ("root", "Root", " root "):  # no spelling of the author's name passes
        refused = review(spelling)
        assert refused.returncode == 1, spelling
        assert ("claim #3 was created by root; under the two-person rule another reviewer must verify it"
                in refused.stderr)
    blank = review("  ")
    assert blank.returncode == 2 and "--reviewer is blank" in blank.stderr
    with open_existing(path) as project:
        reviews = [e["actor"] for e in claim_ops.claim_history(project, 3) if e["action"] == "review"]
    assert reviews == ["bob"]
