"""The SQL of merging one project into another (ops/project_merge.py decides what goes
where): the other project's rows (read from a private copy, store/project.py's
copy_readable) as plain dicts, rows copied across with their ids mapped, and the stored disagreements between the two.

Rows are copied column by column under the names both files share: the other project is
migrated to this version's schema first, so a later migration's column comes along
without a change here.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from claimdesk.core.project_merge import Disagreement, as_json
from claimdesk.store.claims import DISAGREEMENT_COLUMNS
from claimdesk.store.rows import dict_rows, inserted_id

_CHUNK = 500
RowDict = dict[str, Any]  # one row by column name, as the other project stores it


def rows(db: Database, table: str, where: str = "", params: Sequence[Any] = (), order: str = "rowid") -> list[RowDict]:
    cursor = db.execute(f"SELECT * FROM [{table}] {where} ORDER BY {order}", list(params))
    return dict_rows(cursor)


def insert_row(db: Database, table: str, row: RowDict, *, or_ignore: bool = False) -> int:
    return inserted_id(_insert(db, "INSERT OR IGNORE" if or_ignore else "INSERT", table, row))


def replace_row(db: Database, table: str, row: RowDict) -> None:
    _insert(db, "INSERT OR REPLACE", table, row)


def _insert(db: Database, verb: str, table: str, row: RowDict) -> sqlite3.Cursor:
    quoted = ", ".join(f'"{name}"' for name in row)
    return db.execute(f"{verb} INTO [{table}] ({quoted}) VALUES ({', '.join('?' * len(row))})", list(row.values()))


def documents(db: Database) -> list[RowDict]:
    """Every document's identity and what tells two copies apart (not the text itself),
    pages and top-level documents before the articles cut from them."""
    cursor = db.execute("SELECT id, parent_id, ordinal, is_container, original_sha256, text_sha256, title, file_name "
                        "FROM documents ORDER BY parent_id IS NOT NULL, id")
    return dict_rows(cursor)


def document_row(db: Database, document_id: int) -> RowDict:
    return rows(db, "documents", "WHERE id = ?", [document_id])[0]


def replaced_originals(db: Database) -> dict[int, set[str]]:
    """document id -> the SHA-256s of the originals it held before its new versions (the
    ``document.new_version`` events ops/versions.py records)."""
    replaced: dict[int, set[str]] = {}
    for subject, detail in db.execute("SELECT subject, detail FROM events WHERE action = 'document.new_version'"):
        old = json.loads(detail or "{}").get("old_sha256")
        if old and str(subject).isdigit():
            replaced.setdefault(int(subject), set()).add(old)
    return replaced


def original_shas(db: Database) -> set[str]:
    return {row[0] for row in db.execute("SELECT sha256 FROM originals")}


def copy_original(source_db: Database, db: Database, sha256: str) -> None:
    row = rows(source_db, "originals", "WHERE sha256 = ?", [sha256])[0]
    insert_row(db, "originals", row)


def claims(db: Database) -> list[RowDict]:
    """Every claim row with its kind's name (``kind``) beside ``kind_id``."""
    cursor = db.execute("SELECT c.*, k.name AS kind FROM claims c JOIN kinds k ON k.id = c.kind_id ORDER BY c.id")
    return dict_rows(cursor)


def claim_events(db: Database) -> dict[int, list[RowDict]]:
    """claim id -> its history in order (before/after as stored JSON text)."""
    history: dict[int, list[RowDict]] = {}
    for row in rows(db, "claim_events", order="id"):
        history.setdefault(row["claim_id"], []).append(row)
    return history


def append_claim_event(db: Database, claim_id: int, event: RowDict) -> None:
    db.execute("INSERT INTO claim_events (claim_id, at, actor, action, before, after, note, merged_from) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               [claim_id, event["at"], event["actor"], event["action"], event["before"], event["after"],
                event["note"], event.get("merged_from")])


def update_claim_columns(db: Database, claim_id: int, changes: dict[str, Any], updated_at: str) -> None:
    values = {key: (json.dumps(value, ensure_ascii=False, sort_keys=True) if key == "fields" else value)
              for key, value in changes.items()}
    assignments = ", ".join(f'"{key}" = ?' for key in values)
    db.execute(f"UPDATE claims SET {assignments}, updated_at = ? WHERE id = ?",
               [*values.values(), updated_at, claim_id])


def kinds(db: Database) -> dict[str, RowDict]:
    return {row["name"]: row for row in rows(db, "kinds", order="position, id")}


def set_kind_fields(db: Database, name: str, fields_json: str) -> None:
    db.execute("UPDATE kinds SET fields = ? WHERE name = ?", [fields_json, name])


def update_state(db: Database, table: str, key_column: str, key: object, values: dict[str, Any]) -> None:
    assignments = ", ".join(f'"{name}" = ?' for name in values)
    db.execute(f'UPDATE [{table}] SET {assignments} WHERE "{key_column}" = ?', [*values.values(), key])


# disagreements (migration 0014)

def disagreement_keys(db: Database) -> set[tuple[int, str, str, str]]:
    return {tuple(row) for row in db.execute(
        "SELECT claim_id, attribute, kept_value, other_value FROM merge_disagreements")}


def insert_disagreement(db: Database, claim_id: int, item: Disagreement, source: str, created_at: str) -> None:
    db.execute("INSERT OR IGNORE INTO merge_disagreements (claim_id, attribute, kept_value, kept_author, other_value, "
               "other_author, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               [claim_id, item.attribute, as_json(item.kept_value), item.kept_author, as_json(item.other_value),
                item.other_author, source, created_at])


def claims_with_attached_work(db: Database) -> frozenset[int]:
    """Claims with evidence, a decided relation, person or measure link (work on a claim
    that no claim event records) or an open merge disagreement (another copy of it differs)."""
    return frozenset(row[0] for row in db.execute(
        "SELECT claim_id FROM merge_disagreements WHERE state = 'open' UNION "
        "SELECT claim_id FROM evidence UNION SELECT first_claim FROM relations WHERE state != 'proposed' "
        "UNION SELECT second_claim FROM relations WHERE state != 'proposed' "
        "UNION SELECT claim_id FROM person_links WHERE state = 'confirmed' "
        "UNION SELECT claim_id FROM claim_measures WHERE state = 'confirmed'"))


def claim_document(db: Database, claim_id: int) -> int:
    return int(db.execute("SELECT document_id FROM claims WHERE id = ?", [claim_id]).fetchone()[0])


def delete_claim(db: Database, claim_id: int) -> None:
    """Deletes a claim row as ``claims.delete_claim`` does (its links cascade); the caller records the event."""
    db.execute("DELETE FROM claims WHERE id = ?", [claim_id])


def deleted_snapshot(db: Database, claim_id: int) -> RowDict | None:
    """The claim as this project last deleted it (its own last delete event's snapshot; a
    deletion disagreement names a claim with no row), or None."""
    row = db.execute("SELECT before FROM claim_events WHERE claim_id = ? AND action = 'delete' AND before IS NOT NULL "
                     "AND merged_from IS NULL ORDER BY id DESC LIMIT 1", [claim_id]).fetchone()
    return json.loads(row[0]) if row else None


def measure_label(db: Database, measure_id: int) -> str | None:
    """"Subject: measure" for a measure disagreement's value, or None for a measure since removed."""
    row = db.execute("SELECT s.name, m.name FROM measures m JOIN subjects s ON s.id = m.subject_id WHERE m.id = ?",
                     [measure_id]).fetchone()
    return f"{row[0]}: {row[1]}" if row else None


_DISAGREEMENT = ", ".join(DISAGREEMENT_COLUMNS)


def disagreements(db: Database, state: str | None = "open", claim_id: int | None = None) -> list[RowDict]:
    conditions = [(f"{column} = ?", value) for column, value in (("state", state), ("claim_id", claim_id))
                  if value is not None]
    where = ("WHERE " + " AND ".join(condition for condition, _ in conditions)) if conditions else ""
    cursor = db.execute(f"SELECT {_DISAGREEMENT} FROM merge_disagreements {where} ORDER BY claim_id, id",
                        [value for _, value in conditions])
    return [_decoded(row) for row in dict_rows(cursor)]


def get_disagreement(db: Database, disagreement_id: int) -> RowDict | None:
    cursor = db.execute(f"SELECT {_DISAGREEMENT} FROM merge_disagreements WHERE id = ?", [disagreement_id])
    found = dict_rows(cursor)
    return _decoded(found[0]) if found else None


def set_resolution(db: Database, disagreement_id: int, resolution: str | None, actor: str | None,
                   at: str | None) -> None:
    db.execute("UPDATE merge_disagreements SET state = ?, resolution = ?, resolved_by = ?, resolved_at = ? "
               "WHERE id = ?", ["resolved" if resolution else "open", resolution, actor, at, disagreement_id])


def _decoded(row: RowDict) -> RowDict:
    row["kept_value"] = json.loads(row["kept_value"])
    row["other_value"] = json.loads(row["other_value"])
    return row
