"""Rows of subjects, their aliases and measures, claims' links to measures, the links the
analyst removed, and documents' dominant subjects."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from claimdesk.core.subjects_model import Measure, MeasureLink, Subject
from claimdesk.store.rows import Row, inserted_id

_SUBJECT = "s.id, s.name, s.key, s.category"
_MEASURE = "m.id, m.subject_id, m.name, m.key, m.unit_class, m.unit"
_LINK = "l.claim_id, l.measure_id, l.state, l.confidence, l.source"
_CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit


# subjects and aliases

def insert_subject(db: Database, name: str, key: str, category: str, created_at: str) -> int:
    return inserted_id(db.execute("INSERT INTO subjects (name, key, category, created_at) VALUES (?, ?, ?, ?)",
                                  [name, key, category, created_at]))


def get_subject(db: Database, subject_id: int) -> Subject | None:
    row = db.execute(f"SELECT {_SUBJECT} FROM subjects s WHERE s.id = ?", [subject_id]).fetchone()
    return _subject(row, aliases(db, subject_id)) if row else None


def subjects(db: Database) -> list[Subject]:
    by_subject: dict[int, list[str]] = {}
    for subject_id, alias in db.execute("SELECT subject_id, alias FROM subject_aliases ORDER BY alias, id"):
        by_subject.setdefault(subject_id, []).append(alias)
    rows = db.execute(f"SELECT {_SUBJECT} FROM subjects s ORDER BY s.name COLLATE NOCASE, s.id").fetchall()
    return [_subject(row, by_subject.get(row[0], [])) for row in rows]


def subject_id_by_key(db: Database, key: str) -> int | None:
    """The subject whose name or one of whose aliases has this key."""
    row = db.execute("SELECT id FROM subjects WHERE key = ? UNION ALL "
                     "SELECT subject_id FROM subject_aliases WHERE key = ? LIMIT 1", [key, key]).fetchone()
    return row[0] if row else None


def set_subject_name(db: Database, subject_id: int, name: str, key: str) -> None:
    db.execute("UPDATE subjects SET name = ?, key = ? WHERE id = ?", [name, key, subject_id])


def aliases(db: Database, subject_id: int) -> list[str]:
    return [r[0] for r in db.execute("SELECT alias FROM subject_aliases WHERE subject_id = ? ORDER BY alias, id",
                                     [subject_id])]


def alias_keys(db: Database, subject_id: int) -> dict[str, str]:
    """key -> alias of one subject."""
    return {r[0]: r[1] for r in db.execute("SELECT key, alias FROM subject_aliases WHERE subject_id = ?",
                                           [subject_id])}


def add_alias(db: Database, subject_id: int, alias: str, key: str) -> None:
    db.execute("INSERT OR IGNORE INTO subject_aliases (subject_id, alias, key) VALUES (?, ?, ?)",
               [subject_id, alias, key])


def remove_alias(db: Database, subject_id: int, key: str) -> int:
    return db.execute("DELETE FROM subject_aliases WHERE subject_id = ? AND key = ?", [subject_id, key]).rowcount


def delete_subject(db: Database, subject_id: int) -> None:
    db.execute("DELETE FROM subjects WHERE id = ?", [subject_id])


# measures

def insert_measure(db: Database, subject_id: int, name: str, key: str, unit_class: str, unit: str | None) -> int:
    return inserted_id(db.execute(
        "INSERT INTO measures (subject_id, name, key, unit_class, unit) VALUES (?, ?, ?, ?, ?)",
        [subject_id, name, key, unit_class, unit]))


def get_measure(db: Database, measure_id: int) -> Measure | None:
    row = db.execute(f"SELECT {_MEASURE} FROM measures m WHERE m.id = ?", [measure_id]).fetchone()
    return Measure(*row) if row else None


def measure_by_key(db: Database, subject_id: int, key: str) -> Measure | None:
    row = db.execute(f"SELECT {_MEASURE} FROM measures m WHERE m.subject_id = ? AND m.key = ?",
                     [subject_id, key]).fetchone()
    return Measure(*row) if row else None


def measures(db: Database, subject_id: int | None = None) -> list[Measure]:
    where = "WHERE m.subject_id = ?" if subject_id is not None else ""
    rows = db.execute(f"SELECT {_MEASURE} FROM measures m {where} ORDER BY m.name COLLATE NOCASE, m.id",
                      [subject_id] if subject_id is not None else []).fetchall()
    return [Measure(*row) for row in rows]


def set_measure_name(db: Database, measure_id: int, name: str, key: str) -> None:
    db.execute("UPDATE measures SET name = ?, key = ? WHERE id = ?", [name, key, measure_id])


def set_measure_unit(db: Database, measure_id: int, unit: str) -> None:
    db.execute("UPDATE measures SET unit = ? WHERE id = ? AND unit IS NULL", [unit, measure_id])


def move_measure(db: Database, measure_id: int, subject_id: int) -> None:
    db.execute("UPDATE measures SET subject_id = ? WHERE id = ?", [subject_id, measure_id])


def delete_measure(db: Database, measure_id: int) -> None:
    db.execute("DELETE FROM measures WHERE id = ?", [measure_id])


# claims' links

def link(db: Database, claim_id: int, measure_id: int, state: str, confidence: float | None, source: str,
         decided_by: str | None, decided_at: str | None) -> None:
    db.execute("INSERT OR REPLACE INTO claim_measures (claim_id, measure_id, state, confidence, source, decided_by, "
               "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
               [claim_id, measure_id, state, confidence, source, decided_by, decided_at])


def unlink(db: Database, claim_id: int) -> None:
    db.execute("DELETE FROM claim_measures WHERE claim_id = ?", [claim_id])


def link_of(db: Database, claim_id: int) -> MeasureLink | None:
    row = db.execute(f"SELECT {_LINK} FROM claim_measures l WHERE l.claim_id = ?", [claim_id]).fetchone()
    return MeasureLink(*row) if row else None


def link_decision(db: Database, claim_id: int) -> Row:
    """(state, confidence, source, decided_by, decided_at) of a claim's link."""
    return tuple(db.execute("SELECT state, confidence, source, decided_by, decided_at FROM claim_measures "
                            "WHERE claim_id = ?", [claim_id]).fetchone())


def last_link_event(db: Database, claim_id: int) -> dict[str, Any] | None:
    """The detail of the latest link or unlink event of a claim."""
    row = db.execute("SELECT detail FROM events WHERE action IN ('subjects.link', 'subjects.unlink') AND subject = ? "
                     "ORDER BY id DESC LIMIT 1", [str(claim_id)]).fetchone()
    return json.loads(row[0]) if row else None


def measure_now(db: Database, measure_id: int) -> int | None:
    """The measure that stands for this one today: itself, or the one it was merged into
    (followed through later merges, by the merge events), or None when it was deleted."""
    seen = set()
    while measure_id not in seen:
        seen.add(measure_id)
        if db.execute("SELECT 1 FROM measures WHERE id = ?", [measure_id]).fetchone():
            return measure_id
        row = db.execute(
            "SELECT subject, action, detail FROM events WHERE (action = 'subjects.merge_measures' "
            "AND json_extract(detail, '$.merged') = ?) OR (action = 'subjects.merge' "
            "AND json_extract(detail, '$.measures.\"' || ? || '\"') IS NOT NULL) ORDER BY id DESC LIMIT 1",
            [measure_id, measure_id]).fetchone()
        if row is None:
            return None
        if row[1] == "subjects.merge_measures":
            measure_id = int(row[0])
        else:
            measure_id = json.loads(row[2])["measures"][str(measure_id)]
    return None


def links_for_claims(db: Database, claim_ids: Iterable[int]) -> dict[int, tuple[Subject, Measure, MeasureLink]]:
    """claim id -> (subject without aliases, measure, link), for the linked ones of these claims."""
    ids = list(dict.fromkeys(claim_ids))
    result = {}
    for at in range(0, len(ids), _CHUNK):
        chunk = ids[at:at + _CHUNK]
        rows = db.execute(f"SELECT {_SUBJECT}, {_MEASURE}, {_LINK} FROM claim_measures l "
                          "JOIN measures m ON m.id = l.measure_id JOIN subjects s ON s.id = m.subject_id "
                          f"WHERE l.claim_id IN ({', '.join('?' * len(chunk))})", chunk).fetchall()
        for row in rows:
            result[row[10]] = (_subject(row[:4], []), Measure(*row[4:10]), MeasureLink(*row[10:]))
    return result


def claim_ids_of_measure(db: Database, measure_id: int) -> list[int]:
    """The measure's claims in time order: by their document's publication, then position."""
    return [r[0] for r in db.execute(
        "SELECT c.id FROM claim_measures l JOIN claims c ON c.id = l.claim_id JOIN documents d ON d.id = c.document_id "
        "WHERE l.measure_id = ? ORDER BY d.published IS NULL, d.published, c.document_id, c.start, c.id",
        [measure_id])]


def linked_claims_of_subject(db: Database, subject_id: int) -> list[tuple[int, int]]:
    """(claim id, measure id) of every claim linked to one of the subject's measures."""
    return [tuple(r) for r in db.execute("SELECT l.claim_id, l.measure_id FROM claim_measures l JOIN measures m "
                                         "ON m.id = l.measure_id WHERE m.subject_id = ? ORDER BY l.claim_id",
                                         [subject_id])]


def measure_claim_counts(db: Database) -> dict[int, int]:
    return dict(db.execute("SELECT measure_id, count(*) FROM claim_measures GROUP BY measure_id").fetchall())


def measure_open_conflicts(db: Database) -> dict[int, int]:
    """measure id -> undismissed `conflicts` relations with a claim of the measure at either end."""
    return dict(db.execute(
        "SELECT l.measure_id, count(DISTINCT r.id) FROM relations r JOIN claim_measures l "
        "ON l.claim_id IN (r.first_claim, r.second_claim) WHERE r.kind = 'conflicts' AND r.state != 'dismissed' "
        "GROUP BY l.measure_id").fetchall())


def claim_document(db: Database, claim_id: int) -> int | None:
    row = db.execute("SELECT document_id FROM claims WHERE id = ?", [claim_id]).fetchone()
    return row[0] if row else None


# removals: the analyst took a link away, so the detector never proposes one for the claim again

def remember_removal(db: Database, claim_id: int, actor: str, at: str) -> None:
    db.execute("INSERT OR REPLACE INTO claim_measure_removals (claim_id, removed_by, removed_at) VALUES (?, ?, ?)",
               [claim_id, actor, at])


def forget_removal(db: Database, claim_id: int) -> None:
    db.execute("DELETE FROM claim_measure_removals WHERE claim_id = ?", [claim_id])


def is_removed(db: Database, claim_id: int) -> bool:
    return db.execute("SELECT 1 FROM claim_measure_removals WHERE claim_id = ?", [claim_id]).fetchone() is not None


# documents' dominant subjects

def document_subject(db: Database, document_id: int) -> tuple[int, float | None, str] | None:
    """(subject id, confidence, state) of the document's dominant subject."""
    row = db.execute("SELECT subject_id, confidence, state FROM document_subjects WHERE document_id = ?",
                     [document_id]).fetchone()
    return tuple(row) if row else None


def set_document_subject(db: Database, document_id: int, subject_id: int, confidence: float | None, state: str) -> None:
    db.execute("INSERT OR REPLACE INTO document_subjects (document_id, subject_id, confidence, state) "
               "VALUES (?, ?, ?, ?)", [document_id, subject_id, confidence, state])


def documents_of_subject(db: Database, subject_id: int) -> list[int]:
    return [r[0] for r in db.execute("SELECT document_id FROM document_subjects WHERE subject_id = ? "
                                     "ORDER BY document_id", [subject_id])]


def move_documents(db: Database, document_ids: list[int], from_subject: int, to_subject: int) -> None:
    for document_id in document_ids:
        db.execute("UPDATE document_subjects SET subject_id = ? WHERE document_id = ? AND subject_id = ?",
                   [to_subject, document_id, from_subject])


def repoint(db: Database, table: str, old_id: int, new_id: int, handled: tuple[str, ...]) -> None:
    """Points every column that references ``table`` (other than in the ``handled`` tables)
    from one row to another, so deleting the old row cascades nothing away: a later
    migration's reference (say relations.measure_id) follows a merge unasked."""
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for name in tables:
        if name in handled:
            continue
        for reference in db.execute(f"PRAGMA foreign_key_list('{name}')").fetchall():
            if reference[2] == table:
                column = reference[3]
                db.execute(f'UPDATE "{name}" SET "{column}" = ? WHERE "{column}" = ?', [new_id, old_id])


def merge_details(db: Database, subject_id: int) -> list[dict[str, Any]]:
    """The details of the merges into this subject, latest first (from the event log)."""
    rows = db.execute("SELECT detail FROM events WHERE action = 'subjects.merge' AND subject = ? ORDER BY id DESC",
                      [str(subject_id)]).fetchall()
    return [json.loads(row[0]) for row in rows]


def _subject(row: Row, alias_list: Iterable[str]) -> Subject:
    return Subject(row[0], row[1], row[2], row[3], tuple(alias_list))
