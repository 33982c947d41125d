"""Two writers on one project (issue 16): an import racing another of the same file, a
change waiting for the write lock, and an export whose log entry is refused."""

import sqlite3
import threading

import pytest

from claimdesk.core.worker import ParserProcess
from claimdesk.ops.exporting import export
from claimdesk.ops.factsheet import ExportOptions
from claimdesk.ops.importing import DUPLICATE, IMPORTED, import_paths, store_parsed
from claimdesk.ops.projects import StorageError, open_existing
from claimdesk.ops.verify import verify
from claimdesk.store import documents as repo
from tests.conftest import SAMPLES

TEXT = "The ministry allocated 4 billion tenge to 12 rural clinics in 2026.\n"


class RacingParser:
    """Parses as usual, but another Claimdesk imports the same file while it does."""

    def __init__(self, parser, other_path, file):
        self.parser, self.other_path, self.file, self.raced = parser, other_path, file, False

    def parse(self, *args, **kwargs):
        parsed = self.parser.parse(*args, **kwargs)
        if not self.raced:
            self.raced = True
            with open_existing(self.other_path) as other:
                assert import_paths(other, [self.file], parser=self.parser).results[0].status == IMPORTED
        return parsed


def top_level(project):
    return [d for d in repo.list_documents(project.db) if d.parent_id is None]


def test_a_file_imported_meanwhile_by_another_claimdesk_is_a_duplicate(project, tmp_path):
    file = tmp_path / "clinics.txt"
    file.write_text(TEXT)
    with ParserProcess() as parser:
        report = import_paths(project, [file], parser=RacingParser(parser, project.path, file))
    assert [r.status for r in report.results] == [DUPLICATE]
    assert "meanwhile" in report.results[0].message
    assert len(top_level(project)) == 1


def test_the_schema_refuses_a_second_top_level_copy_of_one_original(project, tmp_path):
    from claimdesk.core.readers import read_document

    data = TEXT.encode()
    with project.db.atomic():
        store_parsed(project, read_document(data, "a.txt"), data, "a.txt", "2026-01-01")
    with pytest.raises(StorageError, match="already imported"):
        with project.db.atomic():
            store_parsed(project, read_document(data, "b.txt"), data, "b.txt", "2026-01-01")
    assert len(top_level(project)) == 1


def test_verify_reports_a_file_stored_twice(project, tmp_path):
    from claimdesk.core.readers import read_document

    data = TEXT.encode()
    project.db.execute("DROP TRIGGER documents_one_per_original")  # a project raced before the trigger
    for name in ("a.txt", "b.txt"):
        with project.db.atomic():
            store_parsed(project, read_document(data, name), data, name, "2026-01-01")
    findings = [f for f in verify(project).errors if f.check == "duplicate-document"]
    assert len(findings) == 1 and "#1, #2" in findings[0].message


def _holder(path):
    """Another Claimdesk's connection holding the write lock."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def test_a_change_waits_for_another_writer_and_says_so_once(project, monkeypatch):
    holder = _holder(project.path)
    waiting = threading.Event()
    calls = []

    def on_wait():
        calls.append(1)
        waiting.set()

    def release():
        waiting.wait(10)
        holder.execute("COMMIT")

    monkeypatch.setattr(project.db, "on_wait", on_wait)
    monkeypatch.setattr(project.db, "lock_wait", 20.0)
    releaser = threading.Thread(target=release)
    releaser.start()
    with project.db.atomic():
        project.db.execute("INSERT INTO meta (key, value) VALUES ('waited', 'yes')")
    releaser.join()
    holder.close()
    assert calls == [1]
    assert project.db.execute("SELECT value FROM meta WHERE key = 'waited'").fetchone() == ("yes",)


def test_past_the_wait_a_change_is_refused_in_one_message(project, monkeypatch):
    holder = _holder(project.path)
    monkeypatch.setattr(project.db, "lock_wait", 0.3)
    try:
        with pytest.raises(StorageError, match="busy with another task or another Claimdesk"):
            with project.db.atomic():
                project.db.execute("INSERT INTO meta (key, value) VALUES ('refused', 'yes')")
    finally:
        holder.close()
    assert project.db.execute("SELECT 1 FROM meta WHERE key = 'refused'").fetchone() is None


def test_an_export_that_cannot_be_logged_leaves_no_file(tmp_path, monkeypatch):
    from claimdesk.ops.samples import ensure_sample_project
    from claimdesk.paths import sample_claims_file

    with ensure_sample_project(tmp_path / "s.claimdesk", SAMPLES, sample_claims_file()) as project:
        holder = _holder(project.path)
        monkeypatch.setattr(project.db, "lock_wait", 0.3)
        out = tmp_path / "sheet.html"
        try:
            with pytest.raises(StorageError):
                export(project, "html", out, ExportOptions(draft=True))
        finally:
            holder.close()
        assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("s.claimdesk")) == []
