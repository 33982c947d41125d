"""Rows of claims and their append-only history."""

from __future__ import annotations

import json

from claimdesk.core.claims import Claim

_COLUMNS = ('c.id, c.document_id, k.name, c.start, c."end", c.quote, c.prefix, c.suffix, c.page, c.fields, '
            "c.status, c.origin, c.confidence, c.author, c.created_at, c.updated_at, c.anchor_state")


def kind_id(db, name: str) -> int | None:
    row = db.execute("SELECT id FROM kinds WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def insert_claim(db, claim: Claim, *, with_id: bool = False) -> int:
    columns = ["document_id", "kind_id", "start", '"end"', "quote", "prefix", "suffix", "page", "fields",
               "status", "origin", "confidence", "author", "created_at", "updated_at", "anchor_state"]
    values = [claim.document_id, kind_id(db, claim.kind), claim.start, claim.end, claim.quote, claim.prefix,
              claim.suffix, claim.page, json.dumps(claim.fields, ensure_ascii=False, sort_keys=True),
              claim.status, claim.origin, claim.confidence, claim.author, claim.created_at, claim.updated_at,
              claim.anchor_state]
    if with_id:
        columns.insert(0, "id")
        values.insert(0, claim.id)
    cursor = db.execute(f"INSERT INTO claims ({', '.join(columns)}) VALUES ({', '.join('?' * len(values))})", values)
    return cursor.lastrowid


def update_claim(db, claim: Claim) -> None:
    db.execute(
        'UPDATE claims SET kind_id = ?, start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?, page = ?, '
        "fields = ?, status = ?, updated_at = ? WHERE id = ?",
        [kind_id(db, claim.kind), claim.start, claim.end, claim.quote, claim.prefix, claim.suffix, claim.page,
         json.dumps(claim.fields, ensure_ascii=False, sort_keys=True), claim.status, claim.updated_at, claim.id])


def delete_claim(db, claim_id: int) -> None:
    db.execute("DELETE FROM claims WHERE id = ?", [claim_id])


def get_claim(db, claim_id: int) -> Claim | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM claims c JOIN kinds k ON k.id = c.kind_id WHERE c.id = ?",
                     [claim_id]).fetchone()
    return _claim(row) if row else None


def claims_for_document(db, document_id: int) -> list[Claim]:
    rows = db.execute(f"SELECT {_COLUMNS} FROM claims c JOIN kinds k ON k.id = c.kind_id "
                      'WHERE c.document_id = ? ORDER BY c.start, c."end", c.id', [document_id]).fetchall()
    return [_claim(row) for row in rows]


def record_claim_event(db, claim_id: int, at: str, actor: str, action: str,
                       before: dict | None, after: dict | None) -> None:
    db.execute("INSERT INTO claim_events (claim_id, at, actor, action, before, after) VALUES (?, ?, ?, ?, ?, ?)",
               [claim_id, at, actor, action,
                json.dumps(before, ensure_ascii=False, sort_keys=True) if before is not None else None,
                json.dumps(after, ensure_ascii=False, sort_keys=True) if after is not None else None])


def claim_history(db, claim_id: int) -> list[dict]:
    rows = db.execute("SELECT at, actor, action, before, after FROM claim_events WHERE claim_id = ? ORDER BY id",
                      [claim_id]).fetchall()
    return [dict(at=r[0], actor=r[1], action=r[2], before=json.loads(r[3]) if r[3] else None,
                 after=json.loads(r[4]) if r[4] else None) for r in rows]


def _claim(row) -> Claim:
    return Claim(id=row[0], document_id=row[1], kind=row[2], start=row[3], end=row[4], quote=row[5],
                 prefix=row[6], suffix=row[7], page=row[8], fields=json.loads(row[9]), status=row[10],
                 origin=row[11], confidence=row[12], author=row[13], created_at=row[14], updated_at=row[15],
                 anchor_state=row[16])
