"""Migration 0017: a progress relation's proposed promise status gets its own column. A
project made before it keeps its relations on opening, and each progress relation's column
is filled from the end of its reason, where the status used to be kept; other kinds, and a
reason that does not say it, get none."""

from __future__ import annotations

from claimdesk.ops.projects import new_project, open_existing
from claimdesk.store import migrations as migrations_module
from claimdesk.store import relations as relations_repo
from claimdesk.store.project import schema_version

_RELATION = "INSERT INTO relations (kind, first_claim, second_claim, reason, score, state) VALUES (?, ?, ?, ?, 0.6, ?)"


def _add_claims(db, count: int) -> None:
    db.execute("INSERT INTO originals VALUES ('x', 1, 'text/plain', 'a.txt', x'00')")
    db.execute("INSERT INTO documents (original_sha256, file_name, title, retrieved, imported_at, media_type, text, "
               "text_sha256) VALUES ('x', 'a.txt', 'Gas', 'd', 'd', 'text/plain', 'Gas access 60 % by 2025.', 'h')")
    for _ in range(count):
        db.execute('INSERT INTO claims (document_id, kind_id, start, "end", quote, author, created_at, updated_at) '
                   "VALUES (1, 2, 11, 15, '60 %', 'me', 'now', 'now')")


def test_progress_relations_made_before_get_their_promise_from_the_reason(tmp_path, monkeypatch):
    path = tmp_path / "v16.claimdesk"
    steps = list(migrations_module.migrations._migrations)
    before = [step.name for step in steps].index("0017_relation_proposed_promise")
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps[:before])
    with new_project(path) as project:
        db = project.db
        _add_claims(db, 4)
        db.execute(_RELATION, ["progress", 1, 2, "gas: reported 58.4 % against the plan of 60 % due 2025 — "
                               "proposes promise status in progress (in the works)", "proposed"])
        db.execute(_RELATION, ["progress", 1, 3, "gas: reported 61 % against the plan of 60 % — "
                               "proposes promise status achieved (kept)", "confirmed"])
        db.execute(_RELATION, ["progress", 1, 4, "an analyst's own words", "dismissed"])
        db.execute(_RELATION, ["conflicts", 2, 3, "58.4 % against 61 % — proposes promise status x (kept)",
                               "proposed"])
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps)
    with open_existing(path) as project:
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        found = [(r["kind"], r["second"], r["state"], r["proposed_promise"])
                 for r in relations_repo.relations(project.db)]
    assert found == [("progress", 2, "proposed", "in the works"), ("progress", 3, "confirmed", "kept"),
                     ("progress", 4, "dismissed", None), ("conflicts", 3, "proposed", None)]
    assert (tmp_path / f"v16.claimdesk.v{before}.bak").exists()


def test_a_relation_stores_the_promise_it_is_given(project):
    with project.db.atomic():
        _add_claims(project.db, 2)
        relations_repo.insert_relation(project.db, "progress", 1, 2, "any wording", 0.6, "broken")
    [stored] = relations_repo.relations(project.db)
    assert stored["proposed_promise"] == "broken" and relations_repo.relation(project.db, stored["id"]) == stored
