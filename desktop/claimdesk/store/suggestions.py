"""Rows of detector suggestions and their review state."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from claimdesk.store.rows import Row, record_reader


@dataclass(frozen=True)
class StoredSuggestion:
    id: int
    document_id: int
    kind: str
    start: int
    end: int
    anchor: int
    fields: dict[str, Any]
    confidence: float
    state: str
    claim_id: int | None


_COLUMNS = 'id, document_id, kind, start, "end", anchor, fields, confidence, state, claim_id'


def _suggestions(cursor: sqlite3.Cursor) -> list[StoredSuggestion]:
    read = record_reader(cursor, StoredSuggestion, {"fields": json.loads})
    return [read(row) for row in cursor.fetchall()]


def decided_keys(db: Database, document_id: int) -> set[Row]:
    """(kind, start, end) of suggestions already accepted or rejected in a document."""
    rows = db.execute('SELECT kind, start, "end" FROM suggestions WHERE document_id = ? AND state != \'pending\'',
                      [document_id]).fetchall()
    return {tuple(r) for r in rows}


def delete_pending(db: Database, document_id: int) -> int:
    return db.execute("DELETE FROM suggestions WHERE document_id = ? AND state = 'pending'", [document_id]).rowcount


def insert_suggestion(db: Database, document_id: int, kind: str, start: int, end: int, anchor: int,
                      fields: dict[str, Any], confidence: float, detector: str, created_at: str) -> None:
    db.execute('INSERT OR IGNORE INTO suggestions (document_id, kind, start, "end", anchor, fields, confidence, '
               "detector, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [document_id, kind, start, end, anchor, json.dumps(fields, ensure_ascii=False, sort_keys=True),
                confidence, detector, created_at])


def get_suggestion(db: Database, suggestion_id: int) -> StoredSuggestion | None:
    found = _suggestions(db.execute(f"SELECT {_COLUMNS} FROM suggestions WHERE id = ?", [suggestion_id]))
    return found[0] if found else None


def suggestions_for(db: Database, document_id: int | None = None, state: str | None = "pending",
                    kind: str | None = None) -> list[StoredSuggestion]:
    where, params = [], []
    for column, value in (("document_id", document_id), ("state", state), ("kind", kind)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql = f"SELECT {_COLUMNS} FROM suggestions" + (" WHERE " + " AND ".join(where) if where else "")
    return _suggestions(db.execute(sql + " ORDER BY document_id, start, anchor, id", params))


def set_state(db: Database, suggestion_id: int, state: str, claim_id: int | None, at: str | None,
              actor: str | None) -> None:
    db.execute("UPDATE suggestions SET state = ?, claim_id = ?, decided_at = ?, decided_by = ? WHERE id = ?",
               [state, claim_id, at, actor, suggestion_id])


def accepted_into(db: Database, claim_ids: list[int]) -> list[StoredSuggestion]:
    """Suggestions accepted into these claims (created them, merged into them or were taken up)."""
    if not claim_ids:
        return []
    marks = ",".join("?" * len(claim_ids))
    return _suggestions(db.execute(f"SELECT {_COLUMNS} FROM suggestions WHERE state = 'accepted' "
                                   f"AND claim_id IN ({marks}) ORDER BY id", list(claim_ids)))


def claimed_anchors(db: Database, document_id: int) -> set[tuple[str, int, int]]:
    """(kind, start, end) of the spans already covered by a claim, so suggestions do not repeat them."""
    rows = db.execute('SELECT k.name, c.start, c."end" FROM claims c JOIN kinds k ON k.id = c.kind_id '
                      "WHERE c.document_id = ?", [document_id]).fetchall()
    return {(kind, start, end) for kind, start, end in rows}


def count_pending(db: Database) -> dict[int, int]:
    return dict(db.execute("SELECT document_id, count(*) FROM suggestions WHERE state = 'pending' "
                           "GROUP BY document_id").fetchall())
