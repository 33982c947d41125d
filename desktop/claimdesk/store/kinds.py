"""Rows of claim kinds."""

from __future__ import annotations

import json

from claimdesk.core.kinds import FieldDef, Kind


def list_kinds(db) -> list[Kind]:
    rows = db.execute("SELECT name, label, colour, shortcut, fields, position FROM kinds ORDER BY position, id")
    return [Kind(r[0], r[1], r[2], r[3], tuple(FieldDef.from_json(f) for f in json.loads(r[4])), r[5])
            for r in rows.fetchall()]


def insert_kind(db, kind: Kind) -> None:
    db.execute("INSERT INTO kinds (name, label, colour, shortcut, fields, position) VALUES (?, ?, ?, ?, ?, ?)",
               [kind.name, kind.label, kind.colour, kind.shortcut, _fields_json(kind), kind.position])


def update_kind(db, kind: Kind) -> None:
    db.execute("UPDATE kinds SET label = ?, colour = ?, shortcut = ?, fields = ?, position = ? WHERE name = ?",
               [kind.label, kind.colour, kind.shortcut, _fields_json(kind), kind.position, kind.name])


def _fields_json(kind: Kind) -> str:
    return json.dumps([f.as_json() for f in kind.fields], ensure_ascii=False)
