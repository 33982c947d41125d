"""Rows of the officials registry: people, their links to official claims, name aliases."""

from __future__ import annotations

import json

from sqlite_utils import Database

from claimdesk.store.rows import Row, inserted_id


def official_claims(db: Database) -> list[Row]:
    """(claim id, document id, fields, linked person id or None, link state) for official claims."""
    rows = db.execute("SELECT c.id, c.document_id, c.fields, l.person_id, l.state FROM claims c "
                      "JOIN kinds k ON k.id = c.kind_id LEFT JOIN person_links l ON l.claim_id = c.id "
                      "WHERE k.name = 'official' ORDER BY c.document_id, c.start, c.id").fetchall()
    return [(r[0], r[1], json.loads(r[2]), r[3], r[4]) for r in rows]


def insert_person(db: Database, name: str, created_at: str) -> int:
    return inserted_id(db.execute("INSERT INTO people (name, created_at) VALUES (?, ?)", [name, created_at]))


def link(db: Database, claim_id: int, person_id: int, state: str) -> None:
    db.execute("INSERT OR REPLACE INTO person_links (claim_id, person_id, state) VALUES (?, ?, ?)",
               [claim_id, person_id, state])


def link_of(db: Database, claim_id: int) -> tuple[int, str] | None:
    row = db.execute("SELECT person_id, state FROM person_links WHERE claim_id = ?", [claim_id]).fetchone()
    return (row[0], row[1]) if row else None


def move_links(db: Database, from_person: int, to_person: int) -> None:
    db.execute("UPDATE person_links SET person_id = ? WHERE person_id = ?", [to_person, from_person])
    db.execute("UPDATE OR IGNORE person_aliases SET person_id = ? WHERE person_id = ?", [to_person, from_person])


def delete_unlinked_people(db: Database) -> None:
    db.execute("DELETE FROM people WHERE id NOT IN (SELECT person_id FROM person_links)")


def add_alias(db: Database, person_id: int, name: str, document_id: int, start: int, end: int) -> None:
    db.execute('INSERT OR IGNORE INTO person_aliases (person_id, name, document_id, start, "end") '
               "VALUES (?, ?, ?, ?, ?)", [person_id, name, document_id, start, end])


def people(db: Database) -> list[tuple[int, str]]:
    return [tuple(r) for r in db.execute("SELECT id, name FROM people ORDER BY name COLLATE NOCASE, id")]


def person_name(db: Database, person_id: int) -> str | None:
    row = db.execute("SELECT name FROM people WHERE id = ?", [person_id]).fetchone()
    return row[0] if row else None


def mentions(db: Database, person_id: int) -> list[Row]:
    """(claim id, document id, document title, published, fields, state) of a person's official claims."""
    rows = db.execute("SELECT c.id, d.id, d.title, d.published, c.fields, l.state FROM person_links l "
                      "JOIN claims c ON c.id = l.claim_id JOIN documents d ON d.id = c.document_id "
                      "WHERE l.person_id = ? ORDER BY d.published, c.id", [person_id]).fetchall()
    return [(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5]) for r in rows]


def aliases(db: Database, person_id: int) -> list[str]:
    """Other spellings of a person's full name (an alias of one word is a mention by surname)."""
    return [r[0] for r in db.execute("SELECT DISTINCT name FROM person_aliases WHERE person_id = ? AND "
                                     "instr(trim(name), ' ') > 0 ORDER BY name", [person_id])]


def surname_mentions(db: Database, person_id: int) -> list[tuple[int, int, int]]:
    """(document id, start, end) where a text names the person by surname alone."""
    return [tuple(r) for r in db.execute('SELECT document_id, start, "end" FROM person_aliases WHERE person_id = ? '
                                         "AND instr(trim(name), ' ') = 0 AND start >= 0 "
                                         "ORDER BY document_id, start", [person_id])]
