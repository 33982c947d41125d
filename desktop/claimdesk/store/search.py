"""Full-text search over documents and claims, and the word-form indexes behind it.

Two FTS5 indexes per source: the exact one (documents_fts, claims_fts: words as written,
case folded) and the word-form one (documents_terms, claims_terms: contentless, holding
each word's folded form and stems from core/word_forms.py). Triggers fill the word-form
indexes through the SQL function ``claimdesk_search_terms``, which every writing
connection registers (store/project.py); a connection without it (the sqlite3 shell)
cannot change documents or claims and gets "no such function", rather than leaving the
index behind. Because the index is contentless, its rows are deleted by recomputing their
terms: ``refresh_word_forms`` re-indexes a project whose terms came from another version
of the stemmer before anything else is written.

A document's text longer than SEGMENT_BYTES is indexed in segments (migration 0013), so
the memory an index row needs stays bounded; both document indexes are contentless and
share the segments' rowids. Search reports each document once, at its best segment.
"""

from __future__ import annotations

import json
import re
import sqlite3

from sqlite_utils import Database

from claimdesk.core.search import SearchQuery
from claimdesk.core.word_forms import WORD_FORMS_VERSION, index_terms
from claimdesk.store.migrations import (
    CLAIM_TERMS_SQL,
    EXACT_SEGMENT_COLUMNS,
    SEGMENT_BYTES,
    SEGMENTS_OF,
    TERM_SEGMENT_COLUMNS,
)
from claimdesk.store.rows import Row


def register_functions(conn: sqlite3.Connection) -> None:
    """claimdesk_search_terms(text, languages JSON or NULL for any): the triggers' terms;
    claimdesk_segment_numbers and claimdesk_segment_cut: where they cut a long text."""
    conn.create_function("claimdesk_search_terms", 2, _terms, deterministic=True)
    conn.create_function("claimdesk_segment_numbers", 1, segment_numbers, deterministic=True)
    conn.create_function("claimdesk_segment_cut", 1, segment_cut, deterministic=True)


def _terms(text: str | None, languages: str | None) -> str:
    return index_terms(text or "", languages)


def segment_numbers(size: int) -> str:
    """JSON [0, 1, ...]: the segments of a text of ``size`` bytes (one per SEGMENT_BYTES begun)."""
    return json.dumps(list(range(-(-size // SEGMENT_BYTES))))


_LINE_BREAK, _SPACE = re.compile(rb"\n"), re.compile(rb"[ \t\r\f\v]")
_NOT_IN_A_WORD = re.compile(rb"[\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]")  # ASCII but letters, digits, _


def segment_cut(window: bytes) -> int:
    """Where in these bytes (the SEGMENT_CUT_WINDOW bytes from a multiple of SEGMENT_BYTES
    on) a segment starts: after the first line break, else space, else other ASCII
    non-word byte - never inside a word or a UTF-8 sequence; bytes without any are cut
    at their first character boundary."""
    for pattern in (_LINE_BREAK, _SPACE, _NOT_IN_A_WORD):
        found = pattern.search(window)
        if found:
            return found.end()
    at = 0
    while at < len(window) and 0x80 <= window[at] < 0xC0:  # a UTF-8 continuation byte
        at += 1
    return at


def refresh_word_forms(db: Database) -> None:
    """Re-index word forms when the project's were made by another stemmer version."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents_terms'").fetchone():
        return  # a schema before word forms (only while tests build old projects)
    row = db.execute("SELECT value FROM meta WHERE key = 'word_forms'").fetchone()
    if row and row[0] == WORD_FORMS_VERSION:
        return
    with db.atomic():
        rebuild_word_forms(db)


def rebuild_word_forms(db: Database) -> None:
    db.execute("INSERT INTO documents_terms(documents_terms) VALUES ('delete-all')")
    _index_documents(db, "documents_terms", "terms", TERM_SEGMENT_COLUMNS)
    db.execute("INSERT INTO claims_terms(claims_terms) VALUES ('delete-all')")
    db.execute("INSERT INTO claims_terms(rowid, terms) SELECT c.id, " + CLAIM_TERMS_SQL.format("c") + " FROM claims c")
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('word_forms', ?)", [WORD_FORMS_VERSION])


def rebuild_document_indexes(db: Database) -> None:
    """Both document indexes from the stored texts (migration 0013)."""
    db.execute("INSERT INTO documents_fts(documents_fts) VALUES ('delete-all')")
    _index_documents(db, "documents_fts", "title, text", EXACT_SEGMENT_COLUMNS)
    rebuild_word_forms(db)


def _index_documents(db: Database, table: str, columns: str, segment_columns: str) -> None:
    # Each document's columns are bound as parameters, as a trigger sees new.*: cutting
    # segments out of a column (or a subquery) read the whole text again for every one.
    insert = f"INSERT INTO {table}(rowid, {columns}) SELECT {segment_columns} FROM {SEGMENTS_OF}".format("doc")
    for column in ("id", "title", "text", "languages"):
        insert = insert.replace(f"doc.{column}", f":{column}")
    for (document_id,) in db.execute("SELECT id FROM documents WHERE is_container = 0 ORDER BY id").fetchall():
        row = db.execute("SELECT id, title, text, languages FROM documents WHERE id = ?", [document_id]).fetchone()
        db.execute(insert, dict(zip(("id", "title", "text", "languages"), row)))


def _matching(query: SearchQuery, terms_table: str, exact_table: str) -> tuple[str, str, list[str]]:
    """(ranked FTS table, extra WHERE condition on its rowid, parameters)."""
    if not query.word_forms:
        return exact_table, "", [query.exact]
    if not query.exact:
        return terms_table, "", [query.word_forms]
    return (terms_table, f" AND {terms_table}.rowid IN (SELECT rowid FROM {exact_table} WHERE {exact_table} MATCH ?)",
            [query.word_forms, query.exact])


def search_documents(db: Database, query: SearchQuery, limit: int = 50) -> list[Row]:
    """(document id, title, text, rank) of the best matching documents, best first. A
    document indexed in segments ranks as its best segment; one whose words are found only
    in different segments (each ANDed part somewhere in it) ranks as the sum of each
    part's best segment, as bm25 adds up over the parts of a query."""
    table, also, params = _matching(query, "documents_terms", "documents_fts")
    if not _has_segments(db):  # one row per document: no grouping (2x faster over 100k hits)
        return db.execute(
            f"""SELECT d.id, d.title, d.text, bm25({table}) FROM {table} JOIN documents d ON d.id = {table}.rowid
                WHERE {table} MATCH ?{also} ORDER BY bm25({table}) LIMIT ?""", params + [limit]).fetchall()
    best = dict(db.execute(
        f"""WITH hits AS MATERIALIZED (
                SELECT {_DOCUMENT_OF_ROWID.format(table)} AS document_id, bm25({table}) AS rank FROM {table}
                WHERE {table} MATCH ?{also})
            SELECT document_id, min(rank) AS rank FROM hits GROUP BY document_id ORDER BY rank LIMIT ?""",
        params + [limit]).fetchall())
    for document_id, rank in _across_segments(db, query).items():
        best.setdefault(document_id, rank)
    ranked = sorted(best.items(), key=lambda item: item[1])[:limit]
    rows = {row[0]: row for row in db.execute(
        f"SELECT id, title, text FROM documents WHERE id IN ({','.join('?' * len(ranked))})",
        [document_id for document_id, _rank in ranked]).fetchall()} if ranked else {}
    return [(*rows[document_id], rank) for document_id, rank in ranked if document_id in rows]


# a segment's rowid is -(document id * 65536 + segment number) (store/migrations.py, 0013)
_DOCUMENT_OF_ROWID = "CASE WHEN {0}.rowid > 0 THEN {0}.rowid ELSE (-{0}.rowid) / 65536 END"


def _has_segments(db: Database) -> bool:
    """Whether any document is indexed in segments (rowids below zero, read from the index's start)."""
    return db.execute("SELECT 1 FROM documents_terms WHERE rowid < 0 LIMIT 1").fetchone() is not None


def _across_segments(db: Database, query: SearchQuery) -> dict[int, float]:
    """{document id: rank} of segmented documents in which every part of the query is
    found, though maybe not all in one segment (only queries of several parts)."""
    parts = [("documents_terms", part) for part in query.word_form_parts]
    parts += [("documents_fts", part) for part in query.exact_parts]
    if len(parts) < 2:
        return {}
    ranked_table = parts[0][0]
    found: dict[int, float] | None = None
    for table, part in parts:
        ranks = dict(db.execute(
            f"""WITH hits AS MATERIALIZED (
                    SELECT (-rowid) / 65536 AS document_id, bm25({table}) AS rank FROM {table}
                    WHERE {table} MATCH ? AND rowid < 0)
                SELECT document_id, min(rank) FROM hits GROUP BY document_id""", [part]).fetchall())
        if table != ranked_table:
            ranks = dict.fromkeys(ranks, 0.0)  # an exact phrase beside word forms only filters, as in _matching
        found = ranks if found is None else {d: found[d] + ranks[d] for d in found if d in ranks}
        if not found:
            return {}
    return found or {}


def search_claims(db: Database, query: SearchQuery, limit: int) -> list[Row]:
    """(claim id, document id, start, document title, kind, quote, note), best first."""
    table, also, params = _matching(query, "claims_terms", "claims_fts")
    return db.execute(
        f"""SELECT c.id, c.document_id, c.start, d.title, k.name, c.quote, c.note
            FROM {table} JOIN claims c ON c.id = {table}.rowid JOIN kinds k ON k.id = c.kind_id
            JOIN documents d ON d.id = c.document_id
            WHERE {table} MATCH ?{also} ORDER BY bm25({table}) LIMIT ?""", params + [limit]).fetchall()


def claim_match_condition(query: SearchQuery) -> tuple[str, list[str]]:
    """A WHERE condition on ``c.id`` (claims c) for the claims a query finds."""
    conditions, params = [], []
    for table, match in (("claims_terms", query.word_forms), ("claims_fts", query.exact)):
        if match:
            conditions.append(f"+c.id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
            params.append(match)
    return " AND ".join(conditions), params
