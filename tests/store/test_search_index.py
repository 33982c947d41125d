"""The word-form indexes: built for old projects by migration 0009, kept in step with
documents and claims by triggers, rebuilt when the stemmer changes, and never silently
left behind by a connection that lacks the terms function."""

from __future__ import annotations

import sqlite3

import pytest

from claimdesk.ops import documents as document_ops
from claimdesk.ops.projects import new_project, open_existing
from claimdesk.store import migrations as migrations_module

INSERT_DOCUMENT = ("INSERT INTO documents (original_sha256, file_name, title, retrieved, imported_at, media_type, "
                   "text, text_sha256, languages, is_container) "
                   "VALUES (?, ?, ?, 'd', 'd', 'text/plain', ?, 'h', ?, ?)")


def _add_documents(db, rows):
    for row in rows:  # each its own original: a file is stored as one top-level document (migration 0011)
        sha = f"x{db.execute('SELECT count(*) FROM originals').fetchone()[0]}"
        db.execute("INSERT INTO originals VALUES (?, 1, 'text/plain', ?, x'00')", [sha, row[0]])
        db.execute(INSERT_DOCUMENT, [sha, *row])


def titles(project, query):
    return sorted(hit.title for hit in document_ops.search(project, query))


def test_a_project_made_before_word_forms_gains_them_on_opening(tmp_path, monkeypatch):
    path = tmp_path / "v8.claimdesk"
    steps = list(migrations_module.migrations._migrations)
    names = [step.name for step in steps]
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps[:names.index("0008_sort_indexes") + 1])
    with new_project(path) as project:
        assert not project.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents_terms'").fetchone()
        _add_documents(project.db, [
            ("a.txt", "Дороги", "На ремонт дорог предусмотрено 12 млрд тенге.", '["ru"]', 0),
            ("b.txt", "Мектептер", "Ауылдағы мектептерді жөндеуге қаржы бөлінді.", '["kk"]', 0),
            ("c.txt", "Дайджест", "Сборник: предусмотрено и мектептерді.", '["ru"]', 1)])
        project.db.execute("INSERT INTO claims (document_id, kind_id, start, \"end\", quote, author, created_at, "
                           "updated_at, note) VALUES (1, 1, 16, 28, 'предусмотрено', 'me', 'now', 'now', 'сверено')")
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps)
    with open_existing(path) as project:
        assert titles(project, "предусмотренных") == ["Дороги"]  # the digest container stays unindexed
        assert titles(project, "мектеп теңге") == []
        assert titles(project, "мектеп") == ["Мектептер"]
        assert project.db.execute("SELECT rowid FROM claims_terms WHERE claims_terms MATCH 'сверен*'").fetchall() \
            == [(1,)]
    assert (tmp_path / f"v8.claimdesk.v{names.index('0008_sort_indexes') + 1}.bak").exists()


def test_triggers_follow_changes_to_documents(project):
    _add_documents(project.db, [("a.txt", "Итоги", "Расходы предусмотрены бюджетом.", '["ru"]', 0)])
    assert titles(project, "бюджетов") == ["Итоги"]
    project.db.execute("UPDATE documents SET title = 'Ёмкость', text = 'Мектептерге қаржы бөлінді.', "
                       "languages = '[\"kk\"]' WHERE id = 1")
    assert titles(project, "бюджет") == [] and titles(project, "Итоги") == []
    assert titles(project, "емкость мектептер") == ["Ёмкость"]
    project.db.execute("UPDATE documents SET is_container = 1 WHERE id = 1")
    assert titles(project, "мектеп") == []
    project.db.execute("UPDATE documents SET is_container = 0 WHERE id = 1")
    project.db.execute("DELETE FROM documents WHERE id = 1")
    assert titles(project, "мектеп") == []
    project.db.execute("INSERT INTO documents_terms(documents_terms) VALUES ('integrity-check')")
    assert project.db.execute("SELECT count(*) FROM documents_terms WHERE documents_terms MATCH 'мектеп'")\
        .fetchone()[0] == 0


def test_a_connection_without_the_terms_function_cannot_change_documents(project):
    _add_documents(project.db, [("a.txt", "Итоги", "Расходы предусмотрены бюджетом.", '["ru"]', 0)])
    shell = sqlite3.connect(project.path)
    try:
        with pytest.raises(sqlite3.OperationalError, match="no such function: claimdesk_search_terms"):
            shell.execute("UPDATE documents SET title = 'Другое' WHERE id = 1")
        shell.rollback()
    finally:
        shell.close()
    assert titles(project, "итог") == ["Итоги"]


def test_terms_from_another_stemmer_version_are_rebuilt_on_opening(tmp_path):
    path = tmp_path / "stale.claimdesk"
    with new_project(path) as project:
        _add_documents(project.db, [("a.txt", "Итоги", "Расходы предусмотрены бюджетом.", '["ru"]', 0)])
        project.db.execute("INSERT INTO documents_terms(documents_terms) VALUES ('delete-all')")
        project.db.execute("UPDATE meta SET value = 'an older stemmer' WHERE key = 'word_forms'")
        assert titles(project, "бюджет") == []
    with open_existing(path) as project:
        assert titles(project, "бюджет") == ["Итоги"]
