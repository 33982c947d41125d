"""Two analysts' projects built from the samples for the project-merge tests (ops, CLI, GUI,
crash): a phrase marked as a claim, a project of marked samples, Alice's and Bob's pair, and
one project merged into another with the counts its preview planned."""

from __future__ import annotations

import shutil

from claimdesk.core.claims import CreateClaim, DeleteClaim, EditClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.importing import import_paths
from claimdesk.ops.project_merge import merge, open_source, preview
from claimdesk.ops.projects import new_project, open_existing
from tests.conftest import SAMPLES

CLINICS, ROADS, WATER = "01-rural-clinics.txt", "02-city-roads.md", "05-water-programme.html"


def documents_by_file(project) -> dict[str, tuple[int, str]]:
    """Each document that is not a container, by file name: (id, stored text)."""
    return {name: (doc_id, text) for doc_id, name, text in project.db.execute(
        "SELECT id, file_name, text FROM documents WHERE is_container = 0")}


def mark_phrase(project, actor, file_name, phrase, kind, fields=None, widen=0):
    """``actor`` marks the first ``phrase`` of ``file_name`` (and ``widen`` code points more); the claim's id."""
    doc_id, text = documents_by_file(project)[file_name]
    start = text.index(phrase)
    command = CreateClaim(doc_id, kind, start, start + len(phrase) + widen, fields or {})
    inverse = claim_ops.apply_command(project, command, actor=actor)
    return inverse.claim_id


def marked_project(path, actor, files, marks):
    """A new project of the named samples, each of ``marks`` marked by ``actor``; left open."""
    project = new_project(path)
    import_paths(project, [SAMPLES / name for name in files])
    ids = [mark_phrase(project, actor, *mark) for mark in marks]
    return project, ids


AGREED = (CLINICS, "12.4 billion tenge", "funding", {"amount": "12400000000", "currency": "KZT"})


def merge_paths(into_path, from_path, **options):
    """Merges the project at ``from_path`` into ``into_path``: (the preview's counts, the result)."""
    with open_existing(into_path) as into, open_source(from_path, into) as source:
        planned = preview(into, source, **options).counts
        result = merge(into, source, **options)
    return planned, result


def two_analysts(folder):
    """Alice and Bob marked the same two releases; Bob also imported a third. Both projects
    are closed: (Alice's path, Bob's path, Alice's claim ids, Bob's claim ids)."""
    alice, alice_ids = marked_project(folder / "alice.claimdesk", "alice", [CLINICS, ROADS], [
        AGREED,
        (CLINICS, "120 medical stations", "target", {"quantity": "120", "deadline": "2028"}),
        (CLINICS, "640 thousand people", "statistic", {"value": "640000"}),
        (ROADS, "45 km", "target", {"quantity": "45"}),
    ])
    bob, bob_ids = marked_project(folder / "bob.claimdesk", "bob", [CLINICS, ROADS, WATER], [
        (CLINICS, "12.4 billion tenge", "funding", {"amount": "12400000000", "currency": "KZT", "period": "2026"}),
        (CLINICS, "120 medical stations", "target", {"quantity": "100", "deadline": "2028"}),
        (CLINICS, "310 specialists", "statistic", {"value": "310"}),
        (ROADS, "45 km", "target", {"quantity": "45", "unit": "km"}, 3),  # a wider span, still the same claim
    ])
    water_id, _water_text = documents_by_file(bob)[WATER]
    claim_ops.apply_command(bob, CreateClaim(water_id, "statistic", 0, 12), actor="bob")
    alice.close()
    bob.close()
    return folder / "alice.claimdesk", folder / "bob.claimdesk", alice_ids, bob_ids


PHRASES = [("12.4 billion tenge", "funding"), ("120 medical stations", "target"), ("640 thousand people", "statistic")]


def shared_start(folder):
    """Alice marks a release; Bob starts from a copy of her project (the same claims, ids
    and history). Returns both paths and the claim ids."""
    alice = folder / "alice.claimdesk"
    with new_project(alice) as project:
        import_paths(project, [SAMPLES / CLINICS])
        (doc_id, text), = project.db.execute("SELECT id, text FROM documents WHERE is_container = 0").fetchall()
        ids = []
        for phrase, kind in PHRASES:
            start = text.index(phrase)
            ids.append(claim_ops.apply_command(project, CreateClaim(doc_id, kind, start, start + len(phrase)),
                                               actor="alice").claim_id)
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    bob = folder / "bob.claimdesk"
    shutil.copyfile(alice, bob)
    return alice, bob, ids


def alice_deleted(started):
    """From ``shared_start``: Alice deleted the statistic; Bob kept it and stated its value."""
    alice, bob, ids = started
    with open_existing(alice) as project:
        claim_ops.apply_command(project, DeleteClaim(ids[2]), actor="alice")
    with open_existing(bob) as project:
        claim_ops.apply_command(project, EditClaim(ids[2], {"fields": {"value": "640000"}}), actor="bob")
    return alice, bob, ids


def replaced_version(folder):
    """Alice marks the water release; Bob starts from a copy of her project and marks one
    more figure; then Alice imports a new version of the release (a correction before the
    text, so every offset moves). Both closed: (Alice's path, Bob's path, Bob's new phrase)."""
    alice = folder / "alice.claimdesk"
    project, _ids = marked_project(alice, "alice", [WATER], [(WATER, "78.7 billion tenge", "funding")])
    project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    project.close()
    bob = folder / "bob.claimdesk"
    shutil.copyfile(alice, bob)
    with open_existing(bob) as project:
        mark_phrase(project, "bob", WATER, "36 treatment plants", "target")
    corrected = folder / "new-version" / WATER
    corrected.parent.mkdir()
    corrected.write_text((SAMPLES / WATER).read_text(encoding="utf-8").replace(
        '<p class="date">', "<p>Corrected: the programme's cost was revised on 20 April.</p>\n<p class=\"date\">"),
        encoding="utf-8")
    with open_existing(alice) as project:
        report = import_paths(project, [corrected])
        assert [result.status for result in report.results] == ["new version"]
    return alice, bob, "36 treatment plants"


def merged_start(folder):
    """Alice marks a release; Bob, in a project of his own (no copy of hers), imports it and
    merges Alice's project in: the same claims, no common file. Both closed: (Alice's path,
    Bob's path, Alice's claim ids)."""
    alice, ids = marked_project(folder / "alice.claimdesk", "alice", [CLINICS], [(CLINICS, *mark) for mark in PHRASES])
    alice.close()
    bob = new_project(folder / "bob.claimdesk")
    import_paths(bob, [SAMPLES / CLINICS])
    bob.close()
    merge_paths(folder / "bob.claimdesk", folder / "alice.claimdesk")
    return folder / "alice.claimdesk", folder / "bob.claimdesk", ids
