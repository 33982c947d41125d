"""Two (and more) Claimdesks on one project at once (issue 16): imports of one folder,
suggest --accept, suggest, review and export run side by side from separate processes.
No traceback, no file stored twice, no suggestion accepted twice, every write either in
or refused in one line with nothing half-written.

The test holds the project's write lock itself while the processes start, and lets go only
once each has said it is waiting (read from its stderr pipe), so they do meet: no sleeps."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading

import pytest

from claimdesk.ops.projects import open_existing
from claimdesk.ops.verify import verify
from tests.conftest import REPO, SAMPLES

WAITING = "waiting for another Claimdesk"
TIMEOUT = 40  # seconds for any one phase: a hung process fails the test, a slow machine does not


class Run:
    """A `claimdesk` process whose output is read as it comes, so the test can wait for a line."""

    def __init__(self, cwd, *args, env_extra=None):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "desktop")]),
               "CLAIMDESK_USER": "analyst", **(env_extra or {})}
        self.args = args
        self.process = subprocess.Popen([sys.executable, "-m", "claimdesk", *map(str, args)], cwd=cwd, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.out, self.err, self.waiting = [], [], threading.Event()
        self.readers = [threading.Thread(target=self._read, args=(self.process.stdout, self.out)),
                        threading.Thread(target=self._read, args=(self.process.stderr, self.err))]
        for reader in self.readers:
            reader.start()

    def _read(self, stream, lines):
        for line in stream:
            lines.append(line)
            if WAITING in line:
                self.waiting.set()
        self.waiting.set()  # the process ended: the test need not wait for a line any more

    def finish(self) -> int:
        code = self.process.wait(TIMEOUT)
        for reader in self.readers:
            reader.join(TIMEOUT)
        return code

    @property
    def stderr(self) -> str:
        return "".join(self.err)

    @property
    def stdout(self) -> str:
        return "".join(self.out)


class WriteLock:
    """Another writer holding the project, as a long `suggest --accept` batch would."""

    def __init__(self, path):
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self):
        self.conn.execute("COMMIT")
        self.conn.close()


def _all_at_once(cwd, project, commands, env_extra=None) -> list[Run]:
    """Starts every command while the lock is held, lets go when all wait, returns them finished."""
    lock = WriteLock(project)
    runs = [Run(cwd, *command, env_extra=env_extra) for command in commands]
    try:
        for run in runs:
            assert run.waiting.wait(TIMEOUT) and WAITING in run.stderr, f"{run.args} never waited: {run.stderr}"
    finally:
        lock.release()
    for run in runs:
        run.finish()
    return runs


def _clean(run: Run, code: int = 0):
    assert "Traceback" not in run.stderr, run.stderr
    assert run.process.returncode == code, f"{run.args}: {run.stderr}"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted(SAMPLES.iterdir()):
        if path.is_file():
            (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_two_processes_share_a_project_without_traceback_duplicate_or_half_writes(tmp_path, corpus):
    project = tmp_path / "p.claimdesk"
    assert Run(tmp_path, "new", project).finish() == 0
    files = len([p for p in corpus.iterdir() if p.is_file()])

    # the same folder imported twice at once: each file stored once
    first, second = _all_at_once(tmp_path, project, [("import", project, corpus)] * 2)
    for run in (first, second):
        _clean(run)
    with open_existing(project) as opened:
        top_level = opened.db.execute("SELECT count(*) FROM documents WHERE parent_id IS NULL").fetchone()[0]
        assert top_level == files
        assert not [f for f in verify(opened).errors if f.check == "duplicate-document"]

    # claims to review, then accept, suggest, review, export and import all at once
    seeded = Run(tmp_path, "suggest", project, "--accept", "--doc", "1")
    assert seeded.finish() == 0, seeded.stderr
    with open_existing(project) as opened:
        ids = [row[0] for row in opened.db.execute("SELECT id FROM claims ORDER BY id")]
    assert ids
    extra = tmp_path / "late.txt"
    extra.write_text("The akimat allocated 7 billion tenge to 40 new kindergartens in 2026.\n", encoding="utf-8")
    out = tmp_path / "sheet.html"
    runs = _all_at_once(tmp_path, project, [
        ("suggest", project, "--accept"),
        ("suggest", project),
        ("review", project, "--ids", ",".join(map(str, ids)), "--status", "verified", "--reviewer", "reviewer"),
        ("export", project, "--format", "html", "-o", out, "--draft"),
        ("import", project, extra),
    ])
    for run in runs:
        _clean(run)
    assert out.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not list(tmp_path.glob(".*.part"))
    with open_existing(project) as opened:
        db = opened.db
        assert db.execute("SELECT count(*) FROM documents WHERE parent_id IS NULL").fetchone()[0] == files + 1
        statuses = {row[0] for row in db.execute(
            f"SELECT status FROM claims WHERE id IN ({','.join(map(str, ids))})")}
        assert statuses == {"verified"}
        # every claim created once, every accepted suggestion tied to a claim that exists
        assert db.execute("SELECT count(*) FROM claim_events WHERE action = 'create'").fetchone()[0] == \
            db.execute("SELECT count(*) FROM claims").fetchone()[0]
        assert db.execute("SELECT count(*) FROM suggestions s WHERE state = 'accepted' AND NOT EXISTS "
                          "(SELECT 1 FROM claims c WHERE c.id = s.claim_id)").fetchone()[0] == 0
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert not verify(opened).errors

    # a writer that does not let go: each command says so in one line and writes nothing
    refused_out = tmp_path / "refused.html"
    refused_file = tmp_path / "refused.txt"
    refused_file.write_text("The akimat will plant 5,000 trees along 12 km of new roads by 2027.\n", encoding="utf-8")
    lock = WriteLock(project)
    try:
        refused = [Run(tmp_path, *command, env_extra={"CLAIMDESK_LOCK_WAIT": "0.5"}) for command in (
            ("export", project, "--format", "html", "-o", refused_out, "--draft"), ("suggest", project),
            ("review", project, str(ids[0]), "--status", "disputed", "--reviewer", "reviewer"),
            ("import", project, refused_file))]
        for run in refused:
            run.finish()
    finally:
        lock.release()
    for run in refused:
        _clean(run, 1)
        errors = [line for line in run.err if line.startswith("claimdesk: error")]
        assert len(errors) == 1 and "busy" in errors[0], run.stderr
    assert not refused_out.exists() and not list(tmp_path.glob(".*.part"))
    with open_existing(project) as opened:
        assert opened.db.execute("SELECT status FROM claims WHERE id = ?", [ids[0]]).fetchone()[0] == "verified"
        assert opened.db.execute("SELECT count(*) FROM documents WHERE file_name = 'refused.txt'").fetchone()[0] == 0
