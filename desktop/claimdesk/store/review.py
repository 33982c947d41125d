"""Project review settings (in meta) and evidence rows."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from claimdesk.core.statuses import DEFAULT_STATUSES
from claimdesk.store.rows import dict_rows, inserted_id


def statuses(db: Database) -> list[str]:
    row = db.execute("SELECT value FROM meta WHERE key = 'statuses'").fetchone()
    stored: list[str] = json.loads(row[0]) if row else list(DEFAULT_STATUSES)
    return stored


def set_statuses(db: Database, values: list[str]) -> None:
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('statuses', ?)", [json.dumps(values)])


def two_person_rule(db: Database) -> bool:
    row = db.execute("SELECT value FROM meta WHERE key = 'two_person_rule'").fetchone()
    return row is None or row[0] == "on"


def set_two_person_rule(db: Database, on: bool) -> None:
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('two_person_rule', ?)", ["on" if on else "off"])


def add_evidence(db: Database, claim_id: int, kind: str, other_claim: int | None, url: str, retrieved: str,
                 note: str, author: str, created_at: str) -> int:
    return inserted_id(db.execute(
        "INSERT INTO evidence (claim_id, kind, other_claim, url, retrieved, note, author, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [claim_id, kind, other_claim, url, retrieved, note, author, created_at]))


def evidence_for(db: Database, claim_id: int) -> list[dict[str, Any]]:
    cursor = db.execute("SELECT id, kind, other_claim, url, retrieved, note, author, created_at FROM evidence "
                        "WHERE claim_id = ? ORDER BY id", [claim_id])
    return dict_rows(cursor)
