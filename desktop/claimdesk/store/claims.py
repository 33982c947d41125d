"""Rows of claims and their append-only history."""

from __future__ import annotations

import json

from claimdesk.core.claims import Claim, ClaimRow
from claimdesk.core.search import SearchQuery
from claimdesk.store.migrations import CLAIM_VALUE_SQL
from claimdesk.store.search import claim_match_condition

_COLUMNS = ('c.id, c.document_id, k.name, c.start, c."end", c.quote, c.prefix, c.suffix, c.page, c.fields, '
            "c.status, c.origin, c.confidence, c.author, c.created_at, c.updated_at, c.anchor_state, c.note, c.promise_status, c.statement")
_N = 20  # columns of a claim in _COLUMNS


def kind_id(db, name: str) -> int | None:
    row = db.execute("SELECT id FROM kinds WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def insert_claim(db, claim: Claim, *, with_id: bool = False) -> int:
    columns = ["document_id", "kind_id", "start", '"end"', "quote", "prefix", "suffix", "page", "fields",
               "status", "origin", "confidence", "author", "created_at", "updated_at", "anchor_state", "note",
               "promise_status", "statement"]
    values = [claim.document_id, kind_id(db, claim.kind), claim.start, claim.end, claim.quote, claim.prefix,
              claim.suffix, claim.page, json.dumps(claim.fields, ensure_ascii=False, sort_keys=True),
              claim.status, claim.origin, claim.confidence, claim.author, claim.created_at, claim.updated_at,
              claim.anchor_state, claim.note, claim.promise_status, claim.statement]
    if with_id:
        columns.insert(0, "id")
        values.insert(0, claim.id)
    cursor = db.execute(f"INSERT INTO claims ({', '.join(columns)}) VALUES ({', '.join('?' * len(values))})", values)
    return cursor.lastrowid


def update_claim(db, claim: Claim) -> None:
    db.execute(
        'UPDATE claims SET kind_id = ?, start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?, page = ?, '
        "fields = ?, status = ?, note = ?, promise_status = ?, anchor_state = ?, statement = ?, updated_at = ? "
        "WHERE id = ?",
        [kind_id(db, claim.kind), claim.start, claim.end, claim.quote, claim.prefix, claim.suffix, claim.page,
         json.dumps(claim.fields, ensure_ascii=False, sort_keys=True), claim.status, claim.note,
         claim.promise_status, claim.anchor_state, claim.statement, claim.updated_at, claim.id])


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
                       before: dict | None, after: dict | None, note: str = "") -> None:
    db.execute("INSERT INTO claim_events (claim_id, at, actor, action, before, after, note) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)",
               [claim_id, at, actor, action,
                json.dumps(before, ensure_ascii=False, sort_keys=True) if before is not None else None,
                json.dumps(after, ensure_ascii=False, sort_keys=True) if after is not None else None, note])


def claim_history(db, claim_id: int) -> list[dict]:
    rows = db.execute("SELECT at, actor, action, before, after, note FROM claim_events WHERE claim_id = ? "
                      "ORDER BY id", [claim_id]).fetchall()
    return [dict(at=r[0], actor=r[1], action=r[2], before=json.loads(r[3]) if r[3] else None,
                 after=json.loads(r[4]) if r[4] else None, note=r[5]) for r in rows]


def _claim(row) -> Claim:
    return Claim(id=row[0], document_id=row[1], kind=row[2], start=row[3], end=row[4], quote=row[5],
                 prefix=row[6], suffix=row[7], page=row[8], fields=json.loads(row[9]), status=row[10],
                 origin=row[11], confidence=row[12], author=row[13], created_at=row[14], updated_at=row[15],
                 anchor_state=row[16], note=row[17], promise_status=row[18], statement=row[19])


# Each ordering: the tables in loop order and the sort terms, chosen so that an index
# (migration 0008) yields the rows already sorted. CROSS JOIN fixes the loop order; the unary
# "+" on a filter keeps SQLite from trading the ordered scan for that filter's index plus a
# sort, which cost up to 3x more at 100k claims when the filter matched many rows.
_BY_DOCUMENT = "documents d CROSS JOIN claims c ON c.document_id = d.id"
_ORDERS = {
    "kind": ("kinds k CROSS JOIN claims c ON c.kind_id = k.id", ["k.position", "k.id"]),
    "value": ("claims c", [CLAIM_VALUE_SQL.replace("fields", "c.fields"), "c.kind_id", "c.status"]),
    "quote": ("claims c", ["c.quote COLLATE NOCASE"]),
    "document": (_BY_DOCUMENT, ["coalesce(d.parent_id, d.id)", "d.ordinal", "d.id", "c.start"]),
    "date": (_BY_DOCUMENT, ["d.published", "d.id", "c.start"]),
    "status": ("claims c", ["c.status"]),
    "author": ("claims c", ["c.author"]),
}


def claim_ids(db, *, kind: str | None, status: str | None, document_id: int | None, fts_query: SearchQuery,
              order_by: str, descending: bool, anchor_state: str | None = None,
              relation: str | None = None, subject_id: int | None = None) -> list[int]:
    """Ids of the claims matching a filter, in display order (ties broken by id)."""
    tables, terms = _ORDERS[order_by]
    where, params = [], []
    if kind:
        where.append("+c.kind_id = (SELECT id FROM kinds WHERE name = ?)")
        params.append(kind)
    if status:
        where.append("+c.status = ?")
        params.append(status)
    if document_id is not None:
        where.append("c.document_id = ?")
        params.append(document_id)
    if anchor_state:
        where.append("c.anchor_state = ?")
        params.append(anchor_state)
    if relation:
        where.append("+c.id IN (SELECT first_claim FROM relations WHERE kind = ? AND state != 'dismissed' "
                     "UNION SELECT second_claim FROM relations WHERE kind = ? AND state != 'dismissed')")
        params += [relation, relation]
    if subject_id is not None:
        where.append("+c.id IN (SELECT cm.claim_id FROM claim_measures cm JOIN measures m ON m.id = cm.measure_id "
                     "WHERE m.subject_id = ?)")
        params.append(subject_id)
    if fts_query:
        condition, values = claim_match_condition(fts_query)
        where.append(condition)
        params += values
    direction = " DESC" if descending else ""
    order = ", ".join(term + direction for term in terms + ["c.id"])
    sql = f"SELECT c.id FROM {tables}" + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {order}"
    return [row[0] for row in db.execute(sql, params).fetchall()]


def claim_rows(db, ids: list[int]) -> dict:
    """id -> ClaimRow for these claims (ids that no longer exist are absent)."""
    rows = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start:chunk_start + 500]
        result = db.execute(
            f"SELECT {_COLUMNS}, d.title, d.published FROM claims c JOIN kinds k ON k.id = c.kind_id "
            f"JOIN documents d ON d.id = c.document_id WHERE c.id IN ({','.join('?' * len(chunk))})", chunk)
        for row in result.fetchall():
            rows[row[0]] = ClaimRow(_claim(row[:_N]), row[_N], row[_N + 1])
    return rows


def field_in_use(db, kind: str, field_name: str) -> bool:
    row = db.execute("SELECT 1 FROM claims c JOIN kinds k ON k.id = c.kind_id WHERE k.name = ? "
                     "AND json_extract(c.fields, ?) IS NOT NULL LIMIT 1", [kind, f'$."{field_name}"']).fetchone()
    return row is not None


def count_claims(db) -> int:
    return db.execute("SELECT count(*) FROM claims").fetchone()[0]


def count_in_scope(db, statuses: tuple[str, ...] | None, kind: str | None, document_id: int | None) -> int:
    """Claims with one of ``statuses`` (None: any), of ``kind`` and in ``document_id`` when given."""
    conditions, params = [], []
    if statuses is not None:
        conditions.append(f"c.status IN ({', '.join('?' for _ in statuses)})")
        params += list(statuses)
    if kind:
        conditions.append("k.name = ?")
        params.append(kind)
    if document_id is not None:
        conditions.append("c.document_id = ?")
        params.append(document_id)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return db.execute(f"SELECT count(*) FROM claims c JOIN kinds k ON k.id = c.kind_id{where}", params).fetchone()[0]


def all_claims(db) -> list[Claim]:
    rows = db.execute(f"SELECT {_COLUMNS} FROM claims c JOIN kinds k ON k.id = c.kind_id "
                      'ORDER BY c.document_id, c.start, c.id').fetchall()
    return [_claim(row) for row in rows]
