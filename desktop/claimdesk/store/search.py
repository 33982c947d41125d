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
"""

from __future__ import annotations

from claimdesk.core.search import SearchQuery
from claimdesk.core.word_forms import WORD_FORMS_VERSION, index_terms
from claimdesk.store.migrations import CLAIM_TERMS_SQL, DOCUMENT_TERMS_SQL


def register_functions(conn) -> None:
    """claimdesk_search_terms(text, languages JSON or NULL for any): the triggers' terms."""
    conn.create_function("claimdesk_search_terms", 2, _terms, deterministic=True)


def _terms(text, languages):
    return index_terms(text or "", languages)


def refresh_word_forms(db) -> None:
    """Re-index word forms when the project's were made by another stemmer version."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents_terms'").fetchone():
        return  # a schema before word forms (only while tests build old projects)
    row = db.execute("SELECT value FROM meta WHERE key = 'word_forms'").fetchone()
    if row and row[0] == WORD_FORMS_VERSION:
        return
    with db.atomic():
        rebuild_word_forms(db)


def rebuild_word_forms(db) -> None:
    db.execute("INSERT INTO documents_terms(documents_terms) VALUES ('delete-all')")
    db.execute("INSERT INTO documents_terms(rowid, terms) SELECT d.id, " + DOCUMENT_TERMS_SQL.format("d")
               + " FROM documents d WHERE d.is_container = 0")
    db.execute("INSERT INTO claims_terms(claims_terms) VALUES ('delete-all')")
    db.execute("INSERT INTO claims_terms(rowid, terms) SELECT c.id, " + CLAIM_TERMS_SQL.format("c") + " FROM claims c")
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('word_forms', ?)", [WORD_FORMS_VERSION])


def _matching(query: SearchQuery, terms_table: str, exact_table: str) -> tuple[str, str, list[str]]:
    """(ranked FTS table, extra WHERE condition on its rowid, parameters)."""
    if not query.word_forms:
        return exact_table, "", [query.exact]
    if not query.exact:
        return terms_table, "", [query.word_forms]
    return (terms_table, f" AND {terms_table}.rowid IN (SELECT rowid FROM {exact_table} WHERE {exact_table} MATCH ?)",
            [query.word_forms, query.exact])


def search_documents(db, query: SearchQuery, limit: int = 50) -> list[tuple]:
    """(document id, title, text, rank) of the best matching documents, best first."""
    table, also, params = _matching(query, "documents_terms", "documents_fts")
    return db.execute(
        f"""SELECT d.id, d.title, d.text, bm25({table}) FROM {table} JOIN documents d ON d.id = {table}.rowid
            WHERE {table} MATCH ?{also} ORDER BY bm25({table}) LIMIT ?""", params + [limit]).fetchall()


def search_claims(db, query: SearchQuery, limit: int) -> list[tuple]:
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
