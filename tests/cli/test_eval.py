"""make eval on the seeds: the detector meets the issue's quality targets."""

import json
import subprocess
import sys

from tests.conftest import REPO


def test_seed_quality_targets(seeds_dir):
    result = subprocess.run(["bash", str(REPO / "scripts" / "eval-seeds"), sys.executable, "--json"],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout[result.stdout.index("{"):])
    assert scores["overall"]["f1"] >= 0.90
    assert scores["kinds"]["funding"]["f1"] >= 0.95 and scores["kinds"]["official"]["f1"] >= 0.95
    matched = sum(k["matched"] for k in scores["kinds"].values())
    agreeing = sum(k["value_accuracy"] * k["matched"] for k in scores["kinds"].values())
    assert agreeing / matched >= 0.98
