"""Migration 0016: a project merged before it keeps its disagreements (ids, values, states)
on opening; afterwards a disagreement may name a claim with no row (one this project
deleted), deleting a claim still deletes its disagreements, and a settled deletion
disagreement stays as the record of why the claim went."""

from __future__ import annotations

import json

from claimdesk.ops.projects import new_project, open_existing
from claimdesk.store import migrations as migrations_module
from claimdesk.store.project import schema_version

_ROW = ("INSERT INTO merge_disagreements (claim_id, attribute, kept_value, kept_author, other_value, other_author, "
        "source, state, resolution, created_at) VALUES (?, ?, ?, 'alice', ?, 'bob', 'bob.claimdesk', ?, ?, 'now')")


def _add_claims(db, count: int) -> None:
    db.execute("INSERT INTO originals VALUES ('x', 1, 'text/plain', 'a.txt', x'00')")
    db.execute("INSERT INTO documents (original_sha256, file_name, title, retrieved, imported_at, media_type, text, "
               "text_sha256) VALUES ('x', 'a.txt', 'LRT', 'd', 'd', 'text/plain', 'The LRT has 18 stations.', 'h')")
    for _ in range(count):
        db.execute('INSERT INTO claims (document_id, kind_id, start, "end", quote, author, created_at, updated_at) '
                   "VALUES (1, 2, 12, 23, '18 stations', 'me', 'now', 'now')")


def test_disagreements_of_an_earlier_merge_survive_the_upgrade(tmp_path, monkeypatch):
    path = tmp_path / "v15.claimdesk"
    steps = list(migrations_module.migrations._migrations)
    before = [step.name for step in steps].index("0016_deletion_disagreements")
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps[:before])
    with new_project(path) as project:
        _add_claims(project.db, 1)
        project.db.execute(_ROW, [1, "fields.value", '"18"', '"19"', "resolved", "both"])
        project.db.execute(_ROW, [1, "note", '""', '"x"', "open", None])
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps)
    with open_existing(path) as project:
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        rows = project.db.execute("SELECT id, claim_id, attribute, state, resolution FROM merge_disagreements "
                                  "ORDER BY id").fetchall()
        assert rows == [(1, 1, "fields.value", "resolved", "both"), (2, 1, "note", "open", None)]
        project.db.execute(_ROW, [1, "status", '"a"', '"b"', "open", None])  # ids go on from the old table's
        assert project.db.execute("SELECT max(id) FROM merge_disagreements").fetchone()[0] == 3


def test_deleting_a_claim_deletes_its_disagreements_but_a_settled_deletion(tmp_path):
    with new_project(tmp_path / "p.claimdesk") as project:
        db = project.db
        _add_claims(db, 2)
        deleted = json.dumps({"deleted": True})
        db.execute(_ROW, [99, "claim", deleted, '{"quote": "18 stations"}', "open", None])  # a claim with no row
        for claim_id in (1, 2):
            db.execute(_ROW, [claim_id, "fields.value", '"18"', '"19"', "resolved", "kept"])
            db.execute(_ROW, [claim_id, "claim", '{"quote": "18 stations"}', deleted, "open", None])
        db.execute("UPDATE merge_disagreements SET state = 'resolved', resolution = 'other' "
                   "WHERE claim_id = 2 AND attribute = 'claim'")
        db.execute("DELETE FROM claims")
        left = db.execute("SELECT claim_id, attribute, state FROM merge_disagreements ORDER BY id").fetchall()
        assert left == [(99, "claim", "open"), (2, "claim", "resolved")]
