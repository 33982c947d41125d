"""Crash safety: a scripted session is SIGKILLed at random moments (50 times by default;
500 more in the slow variant, run with --run-slow); after each kill the project opens, passes PRAGMA integrity_check and
the integrity report, holds no half-imported document, and keeps every saved edit."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from claimdesk.ops.projects import new_project, open_existing
from claimdesk.ops.verify import verify
from tests.conftest import REPO

DRIVER = REPO / "tests" / "reliability" / "crash_driver.py"


def _run_and_kill(project_path, work_dir, seed: int, rng: random.Random) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "desktop")])}
    child = subprocess.Popen([sys.executable, str(DRIVER), str(project_path), str(work_dir), str(seed)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + rng.uniform(0.2, 1.2)  # a random moment in the session
    while time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.02)  # not a test sleep: this is the moment of the crash being chosen
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate()
    lines = out.splitlines()
    return [json.loads(line) for line in lines[:-1]] + (
        [json.loads(lines[-1])] if lines and lines[-1].endswith("}") else [])


@pytest.mark.parametrize("kills", [50, pytest.param(500, marks=pytest.mark.slow)], ids=lambda n: f"{n}-kills")
def test_kills_never_corrupt_or_lose_saved_work(tmp_path, kills):
    project_path = tmp_path / "crash.claimdesk"
    new_project(project_path).close()
    rng = random.Random(20261128)
    expected: dict[int, dict] = {}  # claim id -> what the driver reported as saved last
    documents: set[int] = set()
    for kill in range(kills):
        for fact in _run_and_kill(project_path, tmp_path, kill, rng):
            if fact["op"] == "import":
                documents.add(fact["document"])
            elif fact["op"] in ("create", "restore"):
                expected[fact["claim"]] = {"quote": fact["quote"], "note": expected.get(fact["claim"], {}).get("note")}
            elif fact["op"] == "edit":
                expected.setdefault(fact["claim"], {})["note"] = fact["note"]
            elif fact["op"] == "delete":
                expected[fact["claim"]] = {"deleted": True}
        with open_existing(project_path) as project:
            db = project.db
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"after kill {kill}"
            assert not verify(project).errors, f"after kill {kill}"
            for document_id, text, digest in db.execute("SELECT id, text, text_sha256 FROM documents"):
                from claimdesk.core.normalize import sha256_hex

                assert sha256_hex(text) == digest, f"document #{document_id} half-written (kill {kill})"
            orphan_pages = db.execute("SELECT count(*) FROM pages WHERE document_id NOT IN "
                                      "(SELECT id FROM documents)").fetchone()[0]
            assert orphan_pages == 0
            stored = {row[0] for row in db.execute("SELECT id FROM documents")}
            assert documents <= stored, f"imported documents lost after kill {kill}"
            for claim_id, state in expected.items():
                row = db.execute("SELECT quote, note FROM claims WHERE id = ?", [claim_id]).fetchone()
                if state.get("deleted"):
                    assert row is None, f"claim #{claim_id} came back after kill {kill}"
                    continue
                assert row is not None, f"saved claim #{claim_id} lost after kill {kill}"
                assert row[0] == state["quote"]
                if state.get("note"):
                    assert row[1] == state["note"], f"saved note of #{claim_id} lost after kill {kill}"
    assert len(expected) > 20 and len(documents) > 5  # the sessions really worked
