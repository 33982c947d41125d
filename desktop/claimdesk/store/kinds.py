"""Rows of claim kinds."""

from __future__ import annotations

import json

from sqlite_utils import Database

from claimdesk.core.kinds import FieldDef, Kind
from claimdesk.store.rows import record_reader


def list_kinds(db: Database) -> list[Kind]:
    cursor = db.execute("SELECT name, label, colour, shortcut, fields, position FROM kinds ORDER BY position, id")
    read = record_reader(cursor, Kind, {"fields": _field_defs})
    return [read(row) for row in cursor.fetchall()]


def insert_kind(db: Database, kind: Kind) -> None:
    db.execute("INSERT INTO kinds (name, label, colour, shortcut, fields, position) VALUES (?, ?, ?, ?, ?, ?)",
               [kind.name, kind.label, kind.colour, kind.shortcut, _fields_json(kind), kind.position])


def update_kind(db: Database, kind: Kind) -> None:
    db.execute("UPDATE kinds SET label = ?, colour = ?, shortcut = ?, fields = ?, position = ? WHERE name = ?",
               [kind.label, kind.colour, kind.shortcut, _fields_json(kind), kind.position, kind.name])


def _field_defs(stored: str) -> tuple[FieldDef, ...]:
    return tuple(FieldDef.from_json(f) for f in json.loads(stored))


def _fields_json(kind: Kind) -> str:
    return json.dumps([f.as_json() for f in kind.fields], ensure_ascii=False)
