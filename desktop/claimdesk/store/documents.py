"""Rows of documents, originals and pages (search: store/search.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any

from sqlite_utils import Database

from claimdesk.core.model import PageSpan, PublishedDate, Span, StoredDocument
from claimdesk.store.rows import Row, inserted_id

_COLUMNS = ("id, parent_id, parent_offset, is_container, file_name, title, publisher, source_url, "
            "published, published_precision, retrieved, imported_at, media_type, languages, encoding, "
            "encoding_method, original_sha256, text_sha256, length(text), "
            "(SELECT count(*) FROM pages p WHERE p.document_id = documents.id)")


def has_original(db: Database, sha256: str) -> bool:
    return db.execute("SELECT 1 FROM originals WHERE sha256 = ?", [sha256]).fetchone() is not None


def insert_original(db: Database, sha256: str, content: bytes, media_type: str, file_name: str) -> None:
    db.execute(
        "INSERT OR IGNORE INTO originals (sha256, size, media_type, first_file_name, content) VALUES (?, ?, ?, ?, ?)",
        [sha256, len(content), media_type, file_name, content],
    )


def insert_original_pieces(db: Database, sha256: str, size: int, pieces: Iterable[bytes], media_type: str,
                           file_name: str) -> None:
    """Stores an original written piece by piece (SQLite's incremental blob I/O), so its
    bytes are never whole in memory; nothing is read when the original is already stored.
    ``pieces`` must add up to ``size`` bytes (it raises, inside the transaction, if not)."""
    cursor = db.execute(
        "INSERT OR IGNORE INTO originals (sha256, size, media_type, first_file_name, content) "
        "VALUES (?, ?, ?, ?, zeroblob(?))", [sha256, size, media_type, file_name, size])
    if cursor.rowcount != 1:
        return
    with db.conn.blobopen("originals", "content", inserted_id(cursor)) as blob:
        for piece in pieces:
            blob.write(piece)


def insert_document(db: Database, *, parent_id: int | None, parent_offset: int | None, ordinal: int,
                    is_container: bool, original_sha256: str, file_name: str, title: str,
                    publisher: str, source_url: str, published: PublishedDate | None, retrieved: str,
                    imported_at: str, media_type: str, languages: list[str], encoding: str,
                    encoding_method: str, text: str | bytes, text_sha256: str, boilerplate: list[Span],
                    metadata: dict[str, Any]) -> int:
    """``text`` may come as UTF-8 bytes (a long text whose str the caller let go of)."""
    cursor = db.execute(
        f"""INSERT INTO documents (parent_id, parent_offset, ordinal, is_container, original_sha256, file_name,
               title, publisher, source_url, published, published_precision, retrieved, imported_at,
               media_type, languages, encoding, encoding_method, text, text_sha256, boilerplate, metadata)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
               {"CAST(? AS TEXT)" if isinstance(text, bytes) else "?"}, ?, ?, ?)""",
        [parent_id, parent_offset, ordinal, int(is_container), original_sha256, file_name, title, publisher,
         source_url, published.value if published else None, published.precision if published else None,
         retrieved, imported_at, media_type, json.dumps(languages), encoding, encoding_method, text,
         text_sha256, json.dumps([[s.start, s.end, s.reason] for s in boilerplate]),
         json.dumps(metadata, ensure_ascii=False, sort_keys=True)],
    )
    return inserted_id(cursor)


def insert_pages(db: Database, document_id: int, pages: list[PageSpan]) -> None:
    db.table("pages").insert_all(
        ({"document_id": document_id, "number": p.number, "start": p.start, "end": p.end,
          "width": p.width, "height": p.height, "words": json.dumps(p.words)} for p in pages),
        batch_size=200,
    )


def documents_with_original(db: Database, sha256: str) -> list[StoredDocument]:
    rows = db.execute(f"SELECT {_COLUMNS} FROM documents WHERE original_sha256 = ? AND parent_id IS NULL "
                      "ORDER BY id", [sha256]).fetchall()
    return [_document(row) for row in rows]


def list_documents(db: Database) -> list[StoredDocument]:
    """Top-level documents in import order, each digest container followed by its articles."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM documents "
        "ORDER BY coalesce(parent_id, id), parent_id IS NOT NULL, ordinal, id").fetchall()
    return [_document(row) for row in rows]


def articles_of(db: Database, parent_id: int) -> list[StoredDocument]:
    """The articles cut from one digest page, in page order."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM documents WHERE parent_id = ? ORDER BY ordinal, id", [parent_id])
    return [_document(row) for row in rows.fetchall()]


def get_document(db: Database, document_id: int) -> StoredDocument | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM documents WHERE id = ?", [document_id]).fetchone()
    return _document(row) if row else None


def document_text(db: Database, document_id: int) -> str | None:
    row = db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()
    return row[0] if row else None


def document_boilerplate(db: Database, document_id: int) -> list[Span]:
    row = db.execute("SELECT boilerplate FROM documents WHERE id = ?", [document_id]).fetchone()
    return [Span(start, end, reason) for start, end, reason in json.loads(row[0])] if row else []


def original_content(db: Database, document_id: int) -> bytes | None:
    row = db.execute("SELECT o.content FROM documents d JOIN originals o ON o.sha256 = d.original_sha256 "
                     "WHERE d.id = ?", [document_id]).fetchone()
    return row[0] if row else None


def claim_counts(db: Database) -> dict[int, int]:
    """Claims per document; a digest page counts the claims of its articles."""
    counts = dict(db.execute("SELECT document_id, count(*) FROM claims GROUP BY document_id").fetchall())
    for parent, total in db.execute("SELECT d.parent_id, count(*) FROM claims c JOIN documents d "
                                    "ON d.id = c.document_id WHERE d.parent_id IS NOT NULL GROUP BY d.parent_id"):
        counts[parent] = counts.get(parent, 0) + total
    return counts


def document_pages(db: Database, document_id: int) -> list[PageSpan]:
    rows = db.execute('SELECT number, start, "end", width, height, words FROM pages '
                      "WHERE document_id = ? ORDER BY number", [document_id]).fetchall()
    return [PageSpan(r[0], r[1], r[2], r[3], r[4], tuple(tuple(w) for w in json.loads(r[5]))) for r in rows]


def count_claims_in_trees(db: Database, document_ids: list[int]) -> int:
    """Claims marked in these documents or in the articles cut from them."""
    marks = ",".join("?" * len(document_ids))
    return int(db.execute(
        f"SELECT count(*) FROM claims WHERE document_id IN ({marks}) "
        f"OR document_id IN (SELECT id FROM documents WHERE parent_id IN ({marks}))",
        document_ids + document_ids).fetchone()[0])


def delete_document_tree(db: Database, document_id: int) -> None:
    db.execute("DELETE FROM documents WHERE parent_id = ?", [document_id])
    db.execute("DELETE FROM documents WHERE id = ?", [document_id])


def document_as_dict(document: StoredDocument) -> dict[str, Any]:
    data = asdict(document)
    data["published"] = document.published.value if document.published else None
    data["published_precision"] = document.published.precision if document.published else None
    data["languages"] = list(document.languages)
    return data


def _document(row: Row) -> StoredDocument:
    return StoredDocument(
        id=row[0], parent_id=row[1], parent_offset=row[2], is_container=bool(row[3]), file_name=row[4],
        title=row[5], publisher=row[6], source_url=row[7],
        published=PublishedDate(row[8], row[9]) if row[8] else None,
        retrieved=row[10], imported_at=row[11], media_type=row[12], languages=tuple(json.loads(row[13])),
        encoding=row[14], encoding_method=row[15], original_sha256=row[16], text_sha256=row[17],
        char_count=row[18], page_count=row[19],
    )


def iter_originals(db: Database) -> Iterator[tuple[str, str, bytes]]:
    """(sha256, first file name, content) of every stored original, one at a time."""
    for sha, name in db.execute("SELECT sha256, first_file_name FROM originals ORDER BY first_file_name").fetchall():
        content = db.execute("SELECT content FROM originals WHERE sha256 = ?", [sha]).fetchone()[0]
        yield sha, name, content


def top_level_with_source_url(db: Database, source_url: str) -> StoredDocument | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM documents WHERE source_url = ? AND parent_id IS NULL "
                     "ORDER BY id DESC LIMIT 1", [source_url]).fetchone()
    return _document(row) if row else None


def replace_version(db: Database, document_id: int, *, original_sha256: str, file_name: str, title: str,
                    publisher: str, published: PublishedDate | None, retrieved: str, imported_at: str,
                    languages: list[str], encoding: str, encoding_method: str, text: str, text_sha256: str,
                    boilerplate: list[Span],
                    metadata: dict[str, Any], pages: list[PageSpan]) -> None:
    """Puts a new version's text in place of a document's; the old original stays stored."""
    db.execute(
        """UPDATE documents SET original_sha256 = ?, file_name = ?, title = ?, publisher = ?, published = ?,
               published_precision = ?, retrieved = ?, imported_at = ?, languages = ?, encoding = ?,
               encoding_method = ?, text = ?, text_sha256 = ?, boilerplate = ?, metadata = ? WHERE id = ?""",
        [original_sha256, file_name, title, publisher, published.value if published else None,
         published.precision if published else None, retrieved, imported_at, json.dumps(languages), encoding,
         encoding_method, text, text_sha256, json.dumps([[s.start, s.end, s.reason] for s in boilerplate]),
         json.dumps(metadata, ensure_ascii=False, sort_keys=True), document_id])
    db.execute("DELETE FROM pages WHERE document_id = ?", [document_id])
    if pages:
        insert_pages(db, document_id, pages)


def duplicate_top_level(db: Database) -> list[tuple[str, list[int], str]]:
    """(sha256, ids, first file name) of originals stored as more than one top-level
    document (imports that raced before migration 0011 refused a second insert)."""
    rows = db.execute("SELECT original_sha256, group_concat(id), min(file_name) FROM "
                      "(SELECT original_sha256, id, file_name FROM documents WHERE parent_id IS NULL ORDER BY id) "
                      "GROUP BY original_sha256 HAVING count(*) > 1 ORDER BY min(id)").fetchall()
    return [(sha, [int(i) for i in ids.split(",")], name) for sha, ids, name in rows]
