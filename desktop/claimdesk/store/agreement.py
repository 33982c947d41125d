"""What agreement reads from a project: the markable texts with the key that finds the same
text in another analyst's file (original SHA-256 + article ordinal), and the claims with
their authors. Read-only queries; ops/agreement.py compares."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database


@dataclass(frozen=True)
class MarkableText:
    id: int
    original_sha256: str
    ordinal: int  # 0 for a whole file, 1.. for the articles cut from a digest page
    article_offset: int  # where the text starts in its original's text (a digest article)
    title: str
    text_sha256: str
    length: int


@dataclass(frozen=True)
class AuthoredClaim:
    id: int
    document_id: int
    kind: str
    start: int
    end: int
    fields: dict[str, Any]
    quote: str
    author: str
    status: str = ""


# How a merge's resolution names itself in the claim's history (ops/merge_disagreements.py:
# "merge disagreement #N: took …", its undo "undo: merge disagreement #N: …").
RESOLUTION_NOTES = ("merge disagreement #", "undo: merge disagreement #")


def markable_texts(db: Database) -> list[MarkableText]:
    """Every text claims can be marked in (digest pages are not: their articles are), in
    library order."""
    rows = db.execute(
        "SELECT id, original_sha256, ordinal, coalesce(parent_offset, 0), "
        "CASE WHEN title != '' THEN title ELSE file_name END, text_sha256, length(text) "
        "FROM documents WHERE is_container = 0 ORDER BY coalesce(parent_id, id), ordinal, id").fetchall()
    return [MarkableText(*row) for row in rows]


def authored_claims(db: Database, kind: str | None = None) -> list[AuthoredClaim]:
    condition, params = ("WHERE k.name = ?", [kind]) if kind else ("", [])
    rows = db.execute(
        'SELECT c.id, c.document_id, k.name, c.start, c."end", c.fields, c.quote, c.author, c.status '
        f"FROM claims c JOIN kinds k ON k.id = c.kind_id {condition} ORDER BY c.document_id, c.start, c.id",
        params).fetchall()
    return [AuthoredClaim(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7], r[8]) for r in rows]


def own_versions_before_merging(db: Database) -> dict[int, dict[str, Any]]:
    """claim id -> its author's own last version, for every claim a merge filled in or a
    merge's resolution edited (the row now holds values its author never set). Read from the
    claim's history: the last snapshot of its own author written here by anything but a
    merge or a resolution (or its undo), else the state just before the first of those.
    Another project's history merged in beside the claim (``merged_from``) is their copy's,
    even where it names the same author."""
    marks = " OR ".join("note LIKE ?" for _ in RESOLUTION_NOTES)
    rows = db.execute(
        "SELECT e.claim_id, e.action, e.note, e.before, e.after, c.author, e.merged_from FROM claim_events e "
        "JOIN claims c ON c.id = e.claim_id WHERE e.claim_id IN (SELECT claim_id FROM claim_events "
        f"WHERE (action = 'merge' AND after IS NOT NULL) OR {marks}) ORDER BY e.claim_id, e.id",
        [f"{note}%" for note in RESOLUTION_NOTES]).fetchall()
    versions: dict[int, dict[str, Any]] = {}
    for claim_id, action, note, before, after, author, merged_from in rows:
        if merged_from and action != "merge":
            continue
        if action == "merge" or note.startswith(RESOLUTION_NOTES):
            if claim_id not in versions and before and json.loads(before).get("author") == author:
                versions[claim_id] = json.loads(before)
            continue
        snapshot = json.loads(after) if after else None
        if snapshot is not None and snapshot.get("author") == author:
            versions[claim_id] = snapshot
    return versions


def other_authors_versions(db: Database) -> list[tuple[int, str, dict[str, Any] | None]]:
    """(claim id, author, that author's last version of it or None if they deleted it) for
    every claim whose history holds snapshots of another author's claim: a merge pairs two
    analysts' claims into one row and appends the other's history to it, whose snapshots
    still name their own author. Merge events themselves describe the kept row, not a side."""
    rows = db.execute(
        "SELECT e.claim_id, json_extract(coalesce(e.after, e.before), '$.author') AS who, e.after "
        "FROM claim_events e JOIN claims c ON c.id = e.claim_id "
        "WHERE e.action != 'merge' AND who IS NOT NULL AND who != c.author ORDER BY e.claim_id, e.id").fetchall()
    last: dict[tuple[int, str], dict[str, Any] | None] = {}
    for claim_id, who, after in rows:
        last[claim_id, who] = json.loads(after) if after else None
    return [(claim_id, who, version) for (claim_id, who), version in last.items()]


def kind_names(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT name FROM kinds ORDER BY position, id")]

