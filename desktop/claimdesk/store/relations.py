"""Rows of relations between claims."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from claimdesk.store.rows import Row

_COLUMNS = "id, kind, first_claim, second_claim, reason, score, state, decided_by, decided_at, proposed_promise"
_KEYS = ("id", "kind", "first", "second", "reason", "score", "state", "decided_by", "decided_at", "proposed_promise")


def delete_proposed(db: Database) -> None:
    db.execute("DELETE FROM relations WHERE state = 'proposed'")


def decided_keys(db: Database) -> set[Row]:
    return {tuple(r) for r in db.execute("SELECT kind, first_claim, second_claim FROM relations "
                                         "WHERE state != 'proposed'").fetchall()}


def insert_relation(db: Database, kind: str, first: int, second: int, reason: str, score: float,
                    proposed_promise: str | None = None) -> None:
    """``proposed_promise``: a progress relation's promise status for its target (what
    confirming it applies), None for the other kinds."""
    db.execute("INSERT OR IGNORE INTO relations (kind, first_claim, second_claim, reason, score, proposed_promise) "
               "VALUES (?, ?, ?, ?, ?, ?)", [kind, first, second, reason, score, proposed_promise])


def relations(db: Database) -> list[dict[str, Any]]:
    rows = db.execute(f"SELECT {_COLUMNS} FROM relations ORDER BY id").fetchall()
    return [dict(zip(_KEYS, row)) for row in rows]


def relation(db: Database, relation_id: int) -> dict[str, Any] | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM relations WHERE id = ?", [relation_id]).fetchone()
    return dict(zip(_KEYS, row)) if row else None


def set_state(db: Database, relation_id: int, state: str, actor: str, at: str) -> int:
    return db.execute("UPDATE relations SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                      [state, actor, at, relation_id]).rowcount


def claim_facts_rows(db: Database) -> list[Row]:
    """(claim id, document published) for every claim."""
    return db.execute("SELECT c.id, d.published FROM claims c JOIN documents d ON d.id = c.document_id").fetchall()


def relations_of(db: Database, claim_id: int) -> list[dict[str, Any]]:
    return [r for r in relations(db) if claim_id in (r["first"], r["second"])]
