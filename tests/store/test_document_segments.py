"""A long text is indexed in segments (migration 0013): search finds words in any of them,
across them, reports the document once, follows updates and deletes, and indexes texts
up to a segment long exactly as before (same rows, same ranks)."""

from __future__ import annotations

import random

from claimdesk.core.search import to_fts_query
from claimdesk.ops.documents import search
from claimdesk.ops.projects import new_project, open_existing
from claimdesk.ops.search import search_everywhere
from claimdesk.store import migrations as migrations_module
from claimdesk.store.migrations import SEGMENT_BYTES
from claimdesk.store.search import search_documents, segment_cut

INSERT_DOCUMENT = ("INSERT INTO documents (original_sha256, file_name, title, retrieved, imported_at, media_type, "
                   "text, text_sha256, languages) VALUES (?, ?, ?, 'd', 'd', 'text/plain', ?, 'h', ?)")


def _add(db, title, text, languages='["ru"]'):
    sha = f"x{db.execute('SELECT count(*) FROM originals').fetchone()[0]}"
    db.execute("INSERT INTO originals VALUES (?, 1, 'text/plain', ?, x'00')", [sha, title])
    return db.execute(INSERT_DOCUMENT, [sha, f"{title}.txt", title, text, languages]).lastrowid


def _long_text(words_at_end: str = "") -> str:
    """About 2.6 segments of Russian filler (two bytes a letter), then the given words."""
    rng = random.Random(3)
    filler = ["акимат", "области", "выделил", "тенге", "на", "ремонт", "дорог", "в", "районе"]
    lines, size = [], 0
    while size < int(SEGMENT_BYTES * 2.6):
        line = " ".join(rng.choice(filler) for _ in range(12)) + ".\n"
        lines.append(line)
        size += len(line.encode())
    return "Начало отчёта.\n" + "".join(lines) + words_at_end


def _segment_rows(db, table="documents_terms"):
    return [row[0] for row in db.execute(f"SELECT rowid FROM {table} ORDER BY rowid").fetchall()]


def test_a_cut_falls_after_a_line_break_then_a_space_never_inside_a_word():
    assert segment_cut(b"word\nnext word") == 5
    assert segment_cut(b"word next") == 5
    assert segment_cut(b"12,4") == 3
    assert segment_cut("ыва".encode()[1:] + "бв".encode()) == 1  # no separator: the next character boundary


def test_a_long_text_is_found_in_any_segment_once_with_its_snippet(project):
    text = _long_text("Сүлтанғазиев подписал финальный протокол.")
    document_id = _add(project.db, "Длинный", text)
    _add(project.db, "Короткий", "Ремонт дорог в районе.")
    segments = [r for r in _segment_rows(project.db) if r < 0]
    assert len(segments) == 3 and sorted(-r // 65536 for r in segments) == [document_id] * 3
    assert _segment_rows(project.db, "documents_fts") == _segment_rows(project.db)
    for query in ("Сүлтанғазиев", "отчёта", '"финальный протокол"', "Длинный"):  # last segment, first, title
        hits = search(project, query)
        assert [hit.document_id for hit in hits] == [document_id], query
    [hit] = search_everywhere(project, "протоколы")
    assert hit.offset == text.index("протокол") and "[протокол]" in hit.snippet
    assert {hit.title for hit in search(project, "ремонт")} == {"Длинный", "Короткий"}


def test_the_parts_of_a_query_may_lie_in_different_segments(project):
    document_id = _add(project.db, "Длинный", _long_text("Сүлтанғазиев подписал протокол."))
    for query in ("отчёт Сүлтанғазиев", '"Начало отчёта" протокол', '"Начало отчёта" "подписал протокол"'):
        assert [hit.document_id for hit in search(project, query)] == [document_id], query
    assert search(project, "отчёт несуществующее") == []


def test_segments_follow_updates_and_deletes(project):
    document_id = _add(project.db, "Длинный", _long_text("Сүлтанғазиев подписал протокол."))
    project.db.execute("UPDATE documents SET text = ? WHERE id = ?", [_long_text("Новый итог."), document_id])
    assert search(project, "Сүлтанғазиев") == [] and len(search(project, "итог")) == 1
    project.db.execute("UPDATE documents SET text = 'Коротко теперь.' WHERE id = ?", [document_id])
    assert _segment_rows(project.db) == [document_id] and len(search(project, "коротко")) == 1
    project.db.execute("DELETE FROM documents WHERE id = ?", [document_id])
    assert _segment_rows(project.db) == [] and _segment_rows(project.db, "documents_fts") == []
    for table in ("documents_terms", "documents_fts"):
        project.db.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")


def test_short_texts_rank_as_before_the_segments(tmp_path, monkeypatch):
    """A project made before 0013, searched, then migrated: the same documents, same ranks."""
    path = tmp_path / "v12.claimdesk"
    steps = list(migrations_module.migrations._migrations)
    names = [step.name for step in steps]
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps[:names.index("0013_document_segments")])
    rng = random.Random(8)
    words = "бюджет тенге школа ремонт дорога район акимат программа строительство больница".split()
    queries = [to_fts_query(q) for q in ("бюджет", "школы ремонт", '"тенге школа"', "район* акимат", "дороги")]
    with new_project(path) as project:
        for number in range(40):
            _add(project.db, f"d{number}", " ".join(rng.choice(words) for _ in range(rng.randint(5, 60))))
        before = [search_documents(project.db, query) for query in queries]
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps)
    with open_existing(path) as project:
        after = [search_documents(project.db, query) for query in queries]
        assert _segment_rows(project.db) == list(range(1, 41))
    assert all(before_hits for before_hits in before)
    assert [[(row[0], row[3]) for row in hits] for hits in after] == \
        [[(row[0], row[3]) for row in hits] for hits in before]


def test_a_rebuilt_index_holds_what_the_triggers_would_delete(project):
    """The rebuild (migration 0013, a new stemmer) must index exactly what the triggers
    compute on delete, or a contentless index keeps ghost words."""
    from claimdesk.store.search import rebuild_document_indexes

    document_id = _add(project.db, "Длинный", _long_text("Сүлтанғазиев подписал протокол."))
    rows = _segment_rows(project.db)
    with project.db.atomic():
        rebuild_document_indexes(project.db)
    assert _segment_rows(project.db) == rows and len(search(project, "Сүлтанғазиев протокол")) == 1
    project.db.execute("DELETE FROM documents WHERE id = ?", [document_id])
    for table, word in (("documents_terms", "сүлтанғазиев"), ("documents_terms", "акимат"),
                        ("documents_fts", "протокол"), ("documents_fts", "длинный")):
        assert project.db.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [word]).fetchall() == []
    assert _segment_rows(project.db) == []
