"""A merge killed (SIGKILL) while it writes leaves INTO as it was: the merge is one
transaction. The child is this file run as a script (the crash harness's way: a process
that is killed, then the parent opens the project and checks it). Once the kill lands
inside the transaction, on purpose; then at random moments, where INTO must be either as
it was or fully merged, never in between."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time

from tests.conftest import REPO

TABLES = ("originals", "documents", "pages", "kinds", "claims", "claim_events", "evidence", "merge_disagreements",
          "subjects", "subject_aliases", "measures", "claim_measures", "people", "person_links", "relations")


def _child(into: str, source: str, stall: str) -> None:
    """Merges ``source`` into ``into``; with ``stall``, says so once the transaction has
    written its first claims and waits there to be killed."""
    from claimdesk.ops import merge_plan
    from claimdesk.ops.project_merge import merge, open_source
    from claimdesk.ops.projects import open_existing

    if stall == "stall":
        real = merge_plan.store.append_claim_event
        written = []

        def append_and_stall(db, claim_id, event):
            real(db, claim_id, event)
            written.append(claim_id)
            if len(written) == 3:
                print("writing", flush=True)
                time.sleep(60)  # the parent kills the process here, mid-transaction

        merge_plan.store.append_claim_event = append_and_stall
    with open_existing(into) as project, open_source(source, project) as opened:
        print("merging", flush=True)
        merge(project, opened)
    print("merged", flush=True)


def _spawn(into, source, stall: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "desktop")])}
    return subprocess.Popen([sys.executable, __file__, str(into), str(source), stall], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def _state(path) -> dict:
    from claimdesk.ops.projects import open_existing

    with open_existing(path) as project:
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {table: project.db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in TABLES}




def test_a_kill_inside_the_merge_leaves_into_as_it_was(pair):
    into, source, _a, _b = pair
    before = _state(into)
    child = _spawn(into, source, "stall")
    assert child.stdout.readline().strip() == "merging"
    assert child.stdout.readline().strip() == "writing"  # three claims and their history written, not committed
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert _state(into) == before
    assert list(into.parent.glob("alice.claimdesk.before-merge-*.bak"))  # the backup was written first


def _content(path) -> dict:
    """What the project holds, the moments things were written aside (two merges run at
    different times): rows per table and every claim's place and values."""
    state = _state(path)
    from claimdesk.ops.projects import open_existing

    with open_existing(path) as project:
        claims = project.db.execute('SELECT document_id, kind_id, start, "end", quote, fields, status, note, author '
                                    "FROM claims ORDER BY id").fetchall()
    return {"rows": {table: len(rows) for table, rows in state.items()}, "claims": claims}


def test_kills_at_random_moments_leave_into_as_it_was_or_merged(pair, tmp_path):
    into, source, _a, _b = pair
    before = _content(into)
    merged_copy = tmp_path / "merged.claimdesk"
    shutil.copyfile(into, merged_copy)
    done = _spawn(merged_copy, source, "no")
    assert done.communicate()[0].split() == ["merging", "merged"]
    after = _content(merged_copy)
    assert after != before
    rng = random.Random(20261202)
    for _kill in range(5):
        child = _spawn(into, source, "no")
        assert child.stdout.readline().strip() == "merging"
        deadline = time.monotonic() + rng.uniform(0.0, 0.2)
        while time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.005)  # not a test sleep: the moment of the crash being chosen
        child.send_signal(signal.SIGKILL)
        child.communicate()
        state = _content(into)
        assert state in (before, after)
        if state == after:
            break


if __name__ == "__main__":
    _child(*sys.argv[1:4])
