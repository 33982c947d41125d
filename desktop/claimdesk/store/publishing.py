"""The SQL of a published database (`claimdesk publish`): a new SQLite file made for readers
and for Datasette, not a project. ops/publishing.py gathers the rows; this module only
writes them: tables with primary and foreign keys (Datasette links a claim to its source,
subject and measure), a full-text index over the claims' words, the views readers ask for,
and a one-row ``publication`` table saying what the file holds. The file is written in
rollback-journal mode (no -wal beside it, readable from read-only media) and compacted.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import sqlite_utils

from claimdesk.store.project import APPLICATION_ID as PROJECT_APPLICATION_ID
from claimdesk.store.project import SQLITE_MAGIC

# "ClmP" in the SQLite header marks a published database (a project is "ClmD"): publishing
# again may replace it, never a file that is not one
PUBLICATION_APPLICATION_ID = 0x436C6D50
PUBLICATION, PROJECT, OTHER = "publication", "project", "other"

# column -> SQLite type of each table's columns (present even when the table has no row);
# a column a row brings beyond these is TEXT
CLAIM_TYPES: dict[str, Any] = {"claim_id": int, "document_id": int, "original_document_id": int,
                               "article_offset": int, "page": int, "start": int, "end": int, "subject_id": int,
                               "measure_id": int, "number": float}
SOURCE_TYPES: dict[str, Any] = {"document_id": int, "title": str, "publisher": str, "published": str, "url": str,
                                "file_name": str, "sha256": str, "retrieved": str, "original_document_id": int,
                                "article_offset": int}
SUBJECT_TYPES: dict[str, Any] = {"id": int, "name": str, "category": str, "aliases": str}
MEASURE_TYPES: dict[str, Any] = {"id": int, "subject_id": int, "name": str, "unit_class": str, "unit": str}
RELATION_TYPES: dict[str, Any] = {"id": int, "kind": str, "first_claim": int, "second_claim": int, "state": str,
                                  "reason": str, "proposed_promise": str, "decided_by": str, "decided_at": str}
PUBLICATION_TYPES: dict[str, Any] = {"claims": int}

VIEWS = {
    # every undismissed conflict between two published claims, both sides side by side
    "open_conflicts": """
        SELECT r.id AS relation_id, r.state, coalesce(a.subject, b.subject) AS subject,
               coalesce(a.measure, b.measure) AS measure, r.reason,
               a.claim_id AS first_claim, a.value_text AS first_value, a.quote AS first_quote,
               a.source_title AS first_source, a.published AS first_published,
               b.claim_id AS second_claim, b.value_text AS second_value, b.quote AS second_quote,
               b.source_title AS second_source, b.published AS second_published
        FROM relations r JOIN claims a ON a.claim_id = r.first_claim JOIN claims b ON b.claim_id = r.second_claim
        WHERE r.kind = 'conflicts' AND r.state != 'dismissed'""",
    "claims_per_subject": """
        SELECT s.id AS subject_id, s.name AS subject, s.category, count(c.claim_id) AS claims,
               sum(c.status = 'verified') AS verified
        FROM subjects s LEFT JOIN claims c ON c.subject_id = s.id GROUP BY s.id""",
}
# Datasette's canned queries (metadata.json): name -> (title, SQL, description)
CANNED_QUERIES = {
    "open_conflicts_per_subject": (
        "Open conflicts per subject",
        "SELECT coalesce(subject, '(no subject)') AS subject, count(*) AS open_conflicts FROM open_conflicts "
        "GROUP BY subject ORDER BY open_conflicts DESC, subject",
        "How many undismissed conflicts each subject's figures are in."),
    "figures_of_a_subject": (
        "Figures about a subject, in time order",
        "SELECT claim_id, kind, status, measure, value_text, reference_start, reference_end, quote, source_title, "
        "source_url FROM claims WHERE subject = :subject ORDER BY measure, reference_start, claim_id",
        "Every published figure about one subject (type its name), by measure and period."),
    "claims_of_a_source": (
        "Claims of one source",
        'SELECT claim_id, kind, status, value_text, quote, start, "end" FROM claims WHERE sha256 = :sha256 '
        "ORDER BY start",
        "The claims citing one original file, by its SHA-256, in reading order."),
}


def write_published(target: Path, *, publication: Mapping[str, Any], claims: Sequence[Mapping[str, Any]],
                    sources: Sequence[Mapping[str, Any]], subjects: Sequence[Mapping[str, Any]],
                    measures: Sequence[Mapping[str, Any]], relations: Sequence[Mapping[str, Any]]) -> None:
    """Writes a new database at ``target`` (which must not exist) holding these rows."""
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f"PRAGMA application_id = {PUBLICATION_APPLICATION_ID}")
        db = sqlite_utils.Database(conn, execute_plugins=False)  # (no plugins: see store/project.py)
        with db.atomic():
            _table(db, "publication", [publication], pk=None, types=PUBLICATION_TYPES, declared=False)
            _table(db, "sources", sources, pk="document_id", types=SOURCE_TYPES)
            _table(db, "subjects", subjects, pk="id", types=SUBJECT_TYPES)
            _table(db, "measures", measures, pk="id", types=MEASURE_TYPES,
                   foreign_keys=[("subject_id", "subjects", "id")])
            _table(db, "claims", claims, pk="claim_id", types=CLAIM_TYPES, declared=False,
                   foreign_keys=[("document_id", "sources", "document_id"), ("subject_id", "subjects", "id"),
                                 ("measure_id", "measures", "id")])
            _table(db, "relations", relations, pk="id", types=RELATION_TYPES,
                   foreign_keys=[("first_claim", "claims", "claim_id"), ("second_claim", "claims", "claim_id")])
            for name, sql in VIEWS.items():
                db.execute(f"CREATE VIEW {name} AS {sql}")
        claims_table = db.table("claims")
        claims_table.enable_fts(["quote", "statement", "source_title", "subject", "measure"], create_triggers=False)
        claims_table.optimize()
        conn.execute("VACUUM")
    finally:
        conn.close()


def file_kind(path: Path) -> str:
    """What the existing file at ``path`` is: PUBLICATION (a database `claimdesk publish`
    wrote: its application id, or, written before it had one, a ``publication`` table
    with a ``claimdesk`` column), PROJECT (a Claimdesk project) or OTHER. Read without
    writing anything beside it."""
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                return OTHER
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    except (OSError, sqlite3.Error):
        return OTHER
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if application_id == PROJECT_APPLICATION_ID:
            return PROJECT
        if application_id == PUBLICATION_APPLICATION_ID:
            return PUBLICATION
        columns = {row[1] for row in conn.execute("PRAGMA table_info(publication)")}
        return PUBLICATION if application_id == 0 and "claimdesk" in columns else OTHER
    except sqlite3.Error:
        return OTHER
    finally:
        conn.close()


def _table(db: sqlite_utils.Database, name: str, rows: Sequence[Mapping[str, Any]], *, pk: str | None,
           types: Mapping[str, Any], declared: bool = True,
           foreign_keys: Iterable[tuple[str, str, str]] = ()) -> None:
    """A table with the ``declared`` columns of ``types`` and a column for every other key a
    row has (in first-seen order; TEXT unless ``types`` says); lists and dicts become JSON
    text, empty strings NULL. Claims take their columns from the records (never empty)."""
    columns: dict[str, Any] = dict(types) if declared else {}
    for row in rows:
        for key in row:
            columns.setdefault(key, types.get(key, str))
    table = db.table(name)
    table.create(columns, pk=pk, foreign_keys=list(foreign_keys))
    table.insert_all([{key: _cell(value) for key, value in row.items()} for row in rows])


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    if value == "":
        return None
    return value
