"""Migration 0010: a project made before subjects gains the tables on opening, its claims
and documents untouched, and the tables hold their rules (one measure per claim, keys
unique, known unit classes and categories, links gone with their claim)."""

from __future__ import annotations

import sqlite3

import pytest

from claimdesk.ops.projects import new_project, open_existing
from claimdesk.store import migrations as migrations_module
from claimdesk.store.project import schema_version

SUBJECT_TABLES = {"subjects", "subject_aliases", "measures", "claim_measures", "claim_measure_removals",
                  "document_subjects"}


def _tables(db) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _add_document_and_claim(db) -> None:
    db.execute("INSERT INTO originals VALUES ('x', 1, 'text/plain', 'a.txt', x'00')")
    db.execute("INSERT INTO documents (original_sha256, file_name, title, retrieved, imported_at, media_type, text, "
               "text_sha256) VALUES ('x', 'a.txt', 'LRT', 'd', 'd', 'text/plain', 'The LRT has 18 stations.', 'h')")
    db.execute('INSERT INTO claims (document_id, kind_id, start, "end", quote, author, created_at, updated_at) '
               "VALUES (1, 2, 12, 23, '18 stations', 'me', 'now', 'now')")


def test_a_project_made_before_subjects_gains_them_on_opening(tmp_path, monkeypatch):
    path = tmp_path / "v9.claimdesk"
    steps = list(migrations_module.migrations._migrations)
    names = [step.name for step in steps]
    before = names.index("0010_subjects_and_measures")
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps[:before])
    with new_project(path) as project:
        assert not _tables(project.db) & SUBJECT_TABLES
        _add_document_and_claim(project.db)
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps)
    with open_existing(path) as project:
        assert SUBJECT_TABLES <= _tables(project.db)
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        assert project.db.execute("SELECT quote FROM claims").fetchall() == [("18 stations",)]
        assert project.db.execute("SELECT count(*) FROM subjects").fetchone()[0] == 0
    assert (tmp_path / f"v9.claimdesk.v{before}.bak").exists()


def test_the_tables_keep_their_rules(project):
    db = project.db
    _add_document_and_claim(db)
    db.execute("INSERT INTO subjects (name, key, category, created_at) VALUES ('Astana LRT', 'astana lrt', "
               "'project', 'now')")
    with pytest.raises(sqlite3.IntegrityError):  # one subject per key
        db.execute("INSERT INTO subjects (name, key, created_at) VALUES ('astana LRT', 'astana lrt', 'now')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO subjects (name, key, category, created_at) VALUES ('A', 'a', 'city', 'now')")
    assert db.execute("SELECT category FROM subjects").fetchall() == [("project",)]
    db.execute("INSERT INTO measures (subject_id, name, key, unit_class) VALUES (1, 'stations', 'station', 'count')")
    with pytest.raises(sqlite3.IntegrityError):  # one measure per key under a subject
        db.execute("INSERT INTO measures (subject_id, name, key, unit_class) VALUES (1, 'Stations', 'station', "
                   "'count')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO measures (subject_id, name, key, unit_class) VALUES (1, 'cost', 'cost', 'money')")
    db.execute("INSERT INTO claim_measures (claim_id, measure_id, state, source) VALUES (1, 1, 'proposed', "
               "'detector')")
    with pytest.raises(sqlite3.IntegrityError):  # a claim links to at most one measure
        db.execute("INSERT INTO claim_measures (claim_id, measure_id, state) VALUES (1, 1, 'confirmed')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE claim_measures SET state = 'maybe'")
    db.execute("INSERT INTO document_subjects (document_id, subject_id, confidence) VALUES (1, 1, 0.8)")
    db.execute("INSERT INTO claim_measure_removals (claim_id, removed_by, removed_at) VALUES (1, 'me', 'now')")
    db.execute("DELETE FROM claims WHERE id = 1")
    assert db.execute("SELECT count(*) FROM claim_measures").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM claim_measure_removals").fetchone()[0] == 0
    db.execute("DELETE FROM subjects WHERE id = 1")
    assert db.execute("SELECT count(*) FROM measures").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM document_subjects").fetchone()[0] == 0
