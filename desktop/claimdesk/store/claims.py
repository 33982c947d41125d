"""Rows of claims and their append-only history."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from sqlite_utils import Database

from claimdesk.core.claims import Claim, ClaimRow
from claimdesk.core.search import SearchQuery
from claimdesk.store.migrations import CLAIM_VALUE_SQL
from claimdesk.store.rows import dict_rows, inserted_id, record_reader
from claimdesk.store.search import claim_match_condition

# a claim's columns, each named after the Claim field it fills (rows are read by name)
_COLUMNS = ('c.id, c.document_id, k.name AS kind, c.start, c."end", c.quote, c.prefix, c.suffix, c.page, c.fields, '
            "c.status, c.origin, c.confidence, c.author, c.created_at, c.updated_at, c.anchor_state, c.note, "
            "c.promise_status, c.statement")
_DECODE: dict[str, Callable[[Any], Any]] = {"fields": json.loads}


def kind_id(db: Database, name: str) -> int | None:
    row = db.execute("SELECT id FROM kinds WHERE name = ?", [name]).fetchone()
    return int(row[0]) if row else None


def insert_claim(db: Database, claim: Claim, *, with_id: bool = False) -> int:
    record = ({"id": claim.id} if with_id else {}) | _stored(db, claim)
    columns, marks = ", ".join(f'"{name}"' for name in record), ", ".join("?" * len(record))
    return inserted_id(db.execute(f"INSERT INTO claims ({columns}) VALUES ({marks})", list(record.values())))


def update_claim(db: Database, claim: Claim) -> None:
    record = {name: value for name, value in _stored(db, claim).items() if name in _EDITABLE_COLUMNS}
    assignments = ", ".join(f'"{name}" = ?' for name in record)
    db.execute(f"UPDATE claims SET {assignments} WHERE id = ?", [*record.values(), claim.id])


# what an edit may change; where the claim is, who made it and how stay as created
_EDITABLE_COLUMNS = {"kind_id", "start", "end", "quote", "prefix", "suffix", "page", "fields", "status", "note",
                     "promise_status", "anchor_state", "statement", "updated_at"}


def _stored(db: Database, claim: Claim) -> dict[str, Any]:
    """The claims row holding ``claim``, column by column (its kind by id, its fields as JSON)."""
    return {"document_id": claim.document_id, "kind_id": kind_id(db, claim.kind), "start": claim.start,
            "end": claim.end, "quote": claim.quote, "prefix": claim.prefix, "suffix": claim.suffix, "page": claim.page,
            "fields": json.dumps(claim.fields, ensure_ascii=False, sort_keys=True), "status": claim.status,
            "origin": claim.origin, "confidence": claim.confidence, "author": claim.author,
            "created_at": claim.created_at, "updated_at": claim.updated_at, "anchor_state": claim.anchor_state,
            "note": claim.note, "promise_status": claim.promise_status, "statement": claim.statement}


def delete_claim(db: Database, claim_id: int) -> None:
    db.execute("DELETE FROM claims WHERE id = ?", [claim_id])


# a stored merge disagreement's columns (migration 0014), its values as JSON text
DISAGREEMENT_COLUMNS = ("id", "claim_id", "attribute", "kept_value", "kept_author", "other_value", "other_author",
                        "source", "state", "resolution", "resolved_by", "resolved_at", "created_at")


def disagreements_deleted_with(db: Database, claim_id: int) -> list[dict[str, Any]]:
    """The claim's merge disagreements, as stored, that deleting it deletes (the trigger of
    migration 0016: all but a settled deletion disagreement, the record of why it went)."""
    cursor = db.execute(f"SELECT {', '.join(DISAGREEMENT_COLUMNS)} FROM merge_disagreements WHERE claim_id = ? "
                        "AND (attribute != 'claim' OR state = 'open') ORDER BY id", [claim_id])
    return dict_rows(cursor)


def put_back_disagreements(db: Database, rows: Sequence[dict[str, Any]]) -> None:
    """Stores ``disagreements_deleted_with``'s rows again as they were, ids and all."""
    for row in rows:
        db.execute(f"INSERT OR IGNORE INTO merge_disagreements ({', '.join(DISAGREEMENT_COLUMNS)}) "
                   f"VALUES ({', '.join('?' * len(DISAGREEMENT_COLUMNS))})",
                   [row[column] for column in DISAGREEMENT_COLUMNS])


def get_claim(db: Database, claim_id: int) -> Claim | None:
    claims = _claims(db.execute(f"SELECT {_COLUMNS} FROM claims c JOIN kinds k ON k.id = c.kind_id WHERE c.id = ?",
                                [claim_id]))
    return claims[0] if claims else None


def claims_for_document(db: Database, document_id: int) -> list[Claim]:
    return _claims(db.execute(f"SELECT {_COLUMNS} FROM claims c JOIN kinds k ON k.id = c.kind_id "
                              'WHERE c.document_id = ? ORDER BY c.start, c."end", c.id', [document_id]))


def record_claim_event(db: Database, claim_id: int, at: str, actor: str, action: str,
                       before: dict[str, Any] | None, after: dict[str, Any] | None, note: str = "") -> None:
    db.execute("INSERT INTO claim_events (claim_id, at, actor, action, before, after, note) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)",
               [claim_id, at, actor, action,
                json.dumps(before, ensure_ascii=False, sort_keys=True) if before is not None else None,
                json.dumps(after, ensure_ascii=False, sort_keys=True) if after is not None else None, note])


def claim_history(db: Database, claim_id: int) -> list[dict[str, Any]]:
    """The claim's events, oldest first: at, actor, action, before and after (snapshots or None), note,
    merged_from (the other analyst's project a merge brought the event from; None: this project's)."""
    cursor = db.execute("SELECT at, actor, action, before, after, note, merged_from FROM claim_events "
                        "WHERE claim_id = ? ORDER BY id", [claim_id])
    events = dict_rows(cursor)
    for event in events:
        event["before"] = json.loads(event["before"]) if event["before"] else None
        event["after"] = json.loads(event["after"]) if event["after"] else None
    return events


def _claims(cursor: sqlite3.Cursor) -> list[Claim]:
    read = record_reader(cursor, Claim, _DECODE)
    return [read(row) for row in cursor.fetchall()]


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


def claim_ids(db: Database, *, kind: str | None, status: str | None, document_id: int | None, fts_query: SearchQuery,
              order_by: str, descending: bool, anchor_state: str | None = None,
              relation: str | None = None, subject_id: int | None = None) -> list[int]:
    """Ids of the claims matching a filter, in display order (ties broken by id)."""
    tables, terms = _ORDERS[order_by]
    where: list[str] = []
    params: list[Any] = []
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
    return [int(row[0]) for row in db.execute(sql, params).fetchall()]


def claim_rows(db: Database, ids: list[int]) -> dict[int, ClaimRow]:
    """id -> ClaimRow for these claims (ids that no longer exist are absent)."""
    rows: dict[int, ClaimRow] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start:chunk_start + 500]
        cursor = db.execute(
            f"SELECT {_COLUMNS}, d.title AS document_title, d.published AS document_published FROM claims c "
            "JOIN kinds k ON k.id = c.kind_id JOIN documents d ON d.id = c.document_id "
            f"WHERE c.id IN ({','.join('?' * len(chunk))})", chunk)
        read = record_reader(cursor, Claim, _DECODE)
        at = {column[0]: index for index, column in enumerate(cursor.description)}
        title, published = at["document_title"], at["document_published"]
        for row in cursor.fetchall():
            claim = read(row)
            rows[claim.id] = ClaimRow(claim, row[title], row[published])
    return rows


def field_in_use(db: Database, kind: str, field_name: str) -> bool:
    row = db.execute("SELECT 1 FROM claims c JOIN kinds k ON k.id = c.kind_id WHERE k.name = ? "
                     "AND json_extract(c.fields, ?) IS NOT NULL LIMIT 1", [kind, f'$."{field_name}"']).fetchone()
    return row is not None


def count_claims(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM claims").fetchone()[0])


def count_in_scope(db: Database, statuses: tuple[str, ...] | None, kind: str | None, document_id: int | None) -> int:
    """Claims with one of ``statuses`` (None: any), of ``kind`` and in ``document_id`` when given."""
    conditions: list[str] = []
    params: list[Any] = []
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
    row = db.execute(f"SELECT count(*) FROM claims c JOIN kinds k ON k.id = c.kind_id{where}", params).fetchone()
    return int(row[0])


def all_claims(db: Database) -> list[Claim]:
    return _claims(db.execute(f"SELECT {_COLUMNS} FROM claims c JOIN kinds k ON k.id = c.kind_id "
                              'ORDER BY c.document_id, c.start, c.id'))


def statuses_in_use(db: Database) -> set[str]:
    """The review statuses some claim has (what a vocabulary edit must keep)."""
    return {status for (status,) in db.execute("SELECT DISTINCT status FROM claims").fetchall()}
