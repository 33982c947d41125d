import sqlite3

import pytest

from claimdesk.ops.projects import new_project
from claimdesk.store import migrations as migrations_module
from claimdesk.store.project import (NewerProjectError, ProjectError, open_project, schema_version)


def test_new_project_uses_wal_foreign_keys_and_records_its_schema(tmp_path):
    path = tmp_path / "p.claimdesk"
    with new_project(path) as project:
        assert project.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert project.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        names = [r[0] for r in project.db.execute("SELECT name FROM kinds ORDER BY position")]
        assert names == ["funding", "target", "statistic", "official"]
        assert project.db.execute("SELECT action FROM events").fetchall() == [("project.create",)]
    with open_project(path) as reopened:
        assert reopened.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == schema_version()


def test_creating_over_an_existing_file_is_refused(tmp_path):
    path = tmp_path / "p.claimdesk"
    path.write_text("keep me")
    with pytest.raises(ProjectError, match="already exists"):
        new_project(path)
    assert path.read_text() == "keep me"


def test_newer_schema_is_refused_and_the_file_left_untouched(tmp_path):
    path = tmp_path / "p.claimdesk"
    with new_project(path) as project:
        project.db.execute(f"PRAGMA user_version = {schema_version() + 1}")
        project.db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                           "VALUES ('claimdesk', '9999_from_the_future', '2030-01-01')")
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = path.read_bytes()
    with pytest.raises(NewerProjectError, match="newer Claimdesk"):
        open_project(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak"))


@pytest.mark.parametrize("content,message", [
    (b"", "not an SQLite database"),
    (b"just some text, not a database", "not an SQLite database"),
    (b"SQLite format 3\x00" + b"\xff" * 200, "damaged"),
])
def test_non_projects_are_refused_clearly(tmp_path, content, message):
    path = tmp_path / "x.claimdesk"
    path.write_bytes(content)
    with pytest.raises(ProjectError, match=message):
        open_project(path)
    assert path.read_bytes() == content


def test_another_applications_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(ProjectError, match="not a Claimdesk project"):
        open_project(path)


def test_missing_file(tmp_path):
    with pytest.raises(ProjectError, match="no such project file"):
        open_project(tmp_path / "missing.claimdesk")


def test_older_project_is_backed_up_then_migrated(tmp_path, monkeypatch):
    path = tmp_path / "old.claimdesk"
    new_project(path).close()
    steps = list(migrations_module.migrations._migrations)

    def add_column(db):
        db.execute("ALTER TABLE documents ADD COLUMN note TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(migrations_module.migrations, "_migrations",
                        steps + [type(steps[0])("9999_test_note", add_column)])
    with open_project(path) as project:
        columns = [r[1] for r in project.db.execute("PRAGMA table_info(documents)")]
        assert "note" in columns
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == len(steps) + 1
    backup = tmp_path / f"old.claimdesk.v{len(steps)}.bak"
    assert backup.exists()
    conn = sqlite3.connect(backup)
    assert "note" not in [r[1] for r in conn.execute("PRAGMA table_info(documents)")]
    conn.close()


def test_claim_events_are_append_only(project):
    db = project.db
    db.execute("INSERT INTO claim_events (claim_id, at, actor, action) VALUES (1, 'now', 'me', 'create')")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE claim_events SET actor = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM claim_events")


def test_version_1_project_gains_claim_notes_and_search(tmp_path, monkeypatch):
    """A project made by the first release: its claims become searchable after migration."""
    path = tmp_path / "v1.claimdesk"
    steps = list(migrations_module.migrations._migrations)
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps[:1])
    with new_project(path) as project:
        project.db.execute("INSERT INTO originals VALUES ('x', 1, 'text/plain', 'a.txt', x'00')")
        project.db.execute("INSERT INTO documents (original_sha256, file_name, retrieved, imported_at, media_type, "
                           "text, text_sha256) "
                           "VALUES ('x', 'a.txt', 'd', 'd', 'text/plain', 'Budget of 5 billion', 'h')")
        project.db.execute("INSERT INTO claims (document_id, kind_id, start, \"end\", quote, author, created_at, "
                           "updated_at) VALUES (1, 1, 10, 19, '5 billion', 'me', 'now', 'now')")
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps)
    with open_project(path) as project:
        hits = project.db.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'billion'").fetchall()
        assert hits == [(1,)]
        assert project.db.execute("SELECT note FROM claims").fetchone() == ("",)
    assert (tmp_path / "v1.claimdesk.v1.bak").exists()


def test_a_transaction_takes_the_write_lock_up_front(project):
    """Workers (import, suggest) write on their own connections: a deferred BEGIN would fail
    with "database is locked" when upgrading; BEGIN IMMEDIATE waits for the writer instead."""
    other = sqlite3.connect(project.path, timeout=0)
    try:
        with project.db.atomic():
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            with project.db.atomic():  # nested blocks are savepoints
                project.db.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert project.db.execute("SELECT value FROM meta WHERE key = 'k'").fetchone() == ("v",)
