"""Project review settings (in meta) and evidence rows."""

from __future__ import annotations

import json

from claimdesk.core.statuses import DEFAULT_STATUSES


def statuses(db) -> list[str]:
    row = db.execute("SELECT value FROM meta WHERE key = 'statuses'").fetchone()
    return json.loads(row[0]) if row else list(DEFAULT_STATUSES)


def set_statuses(db, values: list[str]) -> None:
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('statuses', ?)", [json.dumps(values)])


def two_person_rule(db) -> bool:
    row = db.execute("SELECT value FROM meta WHERE key = 'two_person_rule'").fetchone()
    return row is None or row[0] == "on"


def set_two_person_rule(db, on: bool) -> None:
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('two_person_rule', ?)", ["on" if on else "off"])


def add_evidence(db, claim_id: int, kind: str, other_claim: int | None, url: str, retrieved: str, note: str,
                 author: str, created_at: str) -> int:
    return db.execute("INSERT INTO evidence (claim_id, kind, other_claim, url, retrieved, note, author, created_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      [claim_id, kind, other_claim, url, retrieved, note, author, created_at]).lastrowid


def evidence_for(db, claim_id: int) -> list[dict]:
    rows = db.execute("SELECT id, kind, other_claim, url, retrieved, note, author, created_at FROM evidence "
                      "WHERE claim_id = ? ORDER BY id", [claim_id]).fetchall()
    keys = ("id", "kind", "other_claim", "url", "retrieved", "note", "author", "created_at")
    return [dict(zip(keys, row)) for row in rows]
