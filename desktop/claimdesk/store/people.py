"""Rows of the officials registry: people, their links to official claims, name aliases."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlite_utils import Database

from claimdesk.core.kinds import OFFICIAL
from claimdesk.core.people import OfficialClaim, PersonClaim
from claimdesk.store.rows import inserted_id, record_reader

_DECODE: dict[str, Callable[[Any], Any]] = {"fields": json.loads}


def official_claims(db: Database) -> list[OfficialClaim]:
    """Every official claim with the person it is linked to, if any, in reading order."""
    cursor = db.execute("SELECT c.id AS claim_id, c.document_id, c.fields, l.person_id, l.state AS link_state "
                        "FROM claims c JOIN kinds k ON k.id = c.kind_id LEFT JOIN person_links l ON l.claim_id = c.id "
                        "WHERE k.name = ? ORDER BY c.document_id, c.start, c.id", [OFFICIAL])
    read = record_reader(cursor, OfficialClaim, _DECODE)
    return [read(row) for row in cursor.fetchall()]


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


def mentions(db: Database, person_id: int) -> list[PersonClaim]:
    """A person's official claims with their documents, by publication date."""
    cursor = db.execute("SELECT c.id AS claim_id, d.id AS document_id, d.title AS document_title, d.published, "
                        "c.fields, l.state AS link_state FROM person_links l JOIN claims c ON c.id = l.claim_id "
                        "JOIN documents d ON d.id = c.document_id WHERE l.person_id = ? ORDER BY d.published, c.id",
                        [person_id])
    read = record_reader(cursor, PersonClaim, _DECODE)
    return [read(row) for row in cursor.fetchall()]


def aliases(db: Database, person_id: int) -> list[str]:
    """Other spellings of a person's full name (an alias of one word is a mention by surname)."""
    return [r[0] for r in db.execute("SELECT DISTINCT name FROM person_aliases WHERE person_id = ? AND "
                                     "instr(trim(name), ' ') > 0 ORDER BY name", [person_id])]


def surname_mentions(db: Database, person_id: int) -> list[tuple[int, int, int]]:
    """(document id, start, end) where a text names the person by surname alone."""
    return [tuple(r) for r in db.execute('SELECT document_id, start, "end" FROM person_aliases WHERE person_id = ? '
                                         "AND instr(trim(name), ' ') = 0 AND start >= 0 "
                                         "ORDER BY document_id, start", [person_id])]
