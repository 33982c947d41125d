"""Merging two analysts' projects (ops.project_merge): counts of new / same / disagreeing
claims, a second merge changing nothing, A<-B holding what B<-A holds, hostile FROM files
refused with INTO byte for byte as it was, the backup, and what comes along with a claim."""

from __future__ import annotations

import json

import pytest

from claimdesk.core.claims import CreateClaim, DeleteClaim, EditClaim
from claimdesk.core.project_merge import MergeError
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import review as review_ops
from claimdesk.ops.project_merge import merge, open_source, preview
from claimdesk.ops.projects import new_project, open_existing
from claimdesk.store import migrations as migrations_module
from tests.analysts import AGREED, CLINICS
from tests.analysts import documents_by_file as _documents
from tests.analysts import mark_phrase as _mark
from tests.analysts import marked_project as _analyst
from tests.analysts import merge_paths as _merged


def test_two_analysts_merge_with_the_expected_counts(pair):
    alice_path, bob_path, alice_ids, _bob_ids = pair
    planned, result = _merged(alice_path, bob_path)
    assert (planned.new, planned.same, planned.disagreeing) == (2, 1, 2)
    assert (result.counts.new, result.counts.same, result.counts.disagreeing) == (2, 1, 2)
    assert result.counts.documents == 1 and result.counts.new_disagreements == 2
    with open_existing(alice_path) as project:
        agreed = claim_ops.get_claim(project, alice_ids[0])
        assert agreed.fields["period"] == "2026"  # filled in: only Bob had it
        assert agreed.author == "alice"
        target = claim_ops.get_claim(project, alice_ids[1])
        assert target.fields["quantity"] == "120"  # never overwritten
        rows = project.db.execute("SELECT attribute, kept_value, kept_author, other_value, other_author, state "
                                  "FROM merge_disagreements ORDER BY attribute").fetchall()
        assert [(a, json.loads(k), ka, json.loads(o), oa, s) for a, k, ka, o, oa, s in rows] == [
            ("fields.quantity", "120", "alice", "100", "bob", "open"),
            ("span", {"start": rows and json.loads(rows[1][1])["start"], "end": json.loads(rows[1][1])["end"],
                      "quote": "45 km"}, "alice", json.loads(rows[1][3]), "bob", "open")]
        assert json.loads(rows[1][3])["quote"] == "45 km of"
        added = project.db.execute("SELECT author, quote FROM claims WHERE author = 'bob' ORDER BY id").fetchall()
        assert [quote for _a, quote in added][0] == "310 specialists" and len(added) == 2
        assert "merge" in [e["action"] for e in claim_ops.claim_history(project, alice_ids[0])]


def test_merging_twice_changes_nothing(pair):
    alice_path, bob_path, _a, _b = pair
    _merged(alice_path, bob_path)
    with open_existing(alice_path) as project:
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = alice_path.read_bytes()
    backups = sorted(alice_path.parent.glob("alice.claimdesk.before-merge-*.bak"))
    planned, result = _merged(alice_path, bob_path)
    assert not result.changed and result.backup is None
    # what was new the first time is the same claim now
    assert (planned.new, planned.new_disagreements, planned.same, planned.disagreeing) == (0, 0, 3, 2)
    with open_existing(alice_path) as project:
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert alice_path.read_bytes() == before
    assert sorted(alice_path.parent.glob("alice.claimdesk.before-merge-*.bak")) == backups


def _content(path) -> dict:
    """What a project holds, ids and the merge's own bookkeeping aside: each claim by its
    document's file, kind and span, with every value; a value under an open disagreement is
    the pair of both values, so the side that kept its value does not matter."""
    with open_existing(path) as project:
        db = project.db
        disputed = {}
        for claim_id, attribute, kept, other in db.execute(
                "SELECT claim_id, attribute, kept_value, other_value FROM merge_disagreements WHERE state = 'open'"):
            disputed[(claim_id, attribute)] = tuple(sorted([kept, other]))
        claims = set()
        for claim in db.execute("SELECT c.id, d.file_name, k.name, c.start, c.\"end\", c.quote, c.fields, c.status, "
                                "c.note FROM claims c JOIN documents d ON d.id = c.document_id "
                                "JOIN kinds k ON k.id = c.kind_id"):
            claim_id, file_name, kind, start, end, quote, fields, status, note = claim
            span = disputed.get((claim_id, "span")) or json.dumps({"start": start, "end": end, "quote": quote})
            values = tuple(sorted((name, disputed.get((claim_id, f"fields.{name}"), json.dumps(value)))
                                  for name, value in json.loads(fields).items()))
            history = tuple(sorted(
                (e["at"], e["actor"], e["action"], e["note"]) for e in claim_ops.claim_history(project, claim_id)
                if e["action"] != "merge"))
            authors = tuple(sorted({e[1] for e in history if e[2] == "create"}))
            claims.add((file_name, kind, span, values, status, note, history, authors))
        documents = {row[0] for row in db.execute("SELECT original_sha256 FROM documents")}
        return {"claims": claims, "documents": documents,
                "disagreements": sorted(disputed.values())}


def test_a_into_b_holds_what_b_into_a_holds(tmp_path, pair):
    alice_path, bob_path, _a, _b = pair
    copies = {}
    for name, path in (("alice", alice_path), ("bob", bob_path)):
        copies[name] = tmp_path / f"{name}-copy.claimdesk"
        copies[name].write_bytes(path.read_bytes())
    _merged(alice_path, bob_path)  # A <- B
    _merged(copies["bob"], copies["alice"])  # B <- A
    a_into_b, b_into_a = _content(alice_path), _content(copies["bob"])
    assert a_into_b == b_into_a
    assert len(a_into_b["claims"]) == 6 and len(a_into_b["disagreements"]) == 2


def test_a_backup_of_into_is_written_beside_it_first(pair):
    alice_path, bob_path, alice_ids, _b = pair
    with open_existing(alice_path) as project:
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        count_before = project.db.execute("SELECT count(*) FROM claims").fetchone()[0]
    _planned, result = _merged(alice_path, bob_path)
    assert result.backup.parent == alice_path.parent and result.backup.name.startswith("alice.claimdesk.before-merge-")
    assert str(result.backup) in result.message(alice_path, bob_path)
    with open_existing(result.backup) as backup:
        assert backup.db.execute("SELECT count(*) FROM claims").fetchone()[0] == count_before
        assert backup.db.execute("SELECT count(*) FROM merge_disagreements").fetchone()[0] == 0


def _write_bytes_snapshot(path):
    with open_existing(path) as project:
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


def test_a_file_that_is_not_a_project_is_refused_and_into_unchanged(pair, tmp_path):
    alice_path, _bob, _a, _b = pair
    before = _write_bytes_snapshot(alice_path)
    fake = tmp_path / "notes.claimdesk"
    fake.write_text("these are my notes, not a project")
    with open_existing(alice_path) as into:
        with pytest.raises(MergeError, match="notes.claimdesk: not a Claimdesk project.*nothing was merged"):
            open_source(fake, into)
        with pytest.raises(MergeError, match="that is the project being merged into"):
            open_source(alice_path, into)
    assert alice_path.read_bytes() == before
    assert not list(tmp_path.glob("*.before-merge-*"))


def test_a_project_from_a_newer_claimdesk_is_refused_and_into_unchanged(pair, tmp_path):
    alice_path, bob_path, _a, _b = pair
    with open_existing(bob_path) as bob:
        bob.db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                       "VALUES ('claimdesk', '0099_from_the_future', '2030-01-01')")
        bob.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    from_before = bob_path.read_bytes()
    before = _write_bytes_snapshot(alice_path)
    with open_existing(alice_path) as into:
        with pytest.raises(MergeError, match="newer Claimdesk.*0099_from_the_future.*Nothing was merged"):
            open_source(bob_path, into)
    assert alice_path.read_bytes() == before and bob_path.read_bytes() == from_before
    assert not list(tmp_path.glob("*.before-merge-*"))


def test_an_older_from_is_migrated_in_a_private_copy(tmp_path, monkeypatch):
    steps = list(migrations_module.migrations._migrations)
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps[:-1])
    old, _ids = _analyst(tmp_path / "old.claimdesk", "bob", [CLINICS], [AGREED])
    old.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    old.close()
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps)
    old_bytes = (tmp_path / "old.claimdesk").read_bytes()
    with new_project(tmp_path / "into.claimdesk") as into, open_source(tmp_path / "old.claimdesk", into) as source:
        result = merge(into, source)
        assert result.counts.new == 1 and result.counts.documents == 1
    assert (tmp_path / "old.claimdesk").read_bytes() == old_bytes
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("old")) == ["old.claimdesk"]


def test_a_new_claim_comes_with_its_history_evidence_and_review(pair):
    alice_path, bob_path, _alice_ids, bob_ids = pair
    with open_existing(bob_path) as bob:
        claim_ops.apply_command(bob, EditClaim(bob_ids[2], {"note": "from the ministry's table"}), actor="bob")
        claim_ops.apply_command(bob, EditClaim(bob_ids[2], {"status": "verified"}, "checked"), actor="carol")
        review_ops.add_evidence(bob, bob_ids[2], url="https://example.org/table", retrieved="2026-03-15", actor="carol")
    with open_existing(alice_path) as into, open_source(bob_path, into) as source:
        merge(into, source, actor="tester")
        claim_id = into.db.execute("SELECT id FROM claims WHERE quote = '310 specialists'").fetchone()[0]
        claim = claim_ops.get_claim(into, claim_id)
        assert (claim.author, claim.status, claim.note) == ("bob", "verified", "from the ministry's table")
        history = claim_ops.claim_history(into, claim_id)
        assert [(e["actor"], e["action"]) for e in history] == [
            ("bob", "create"), ("bob", "edit"), ("carol", "review"), ("tester", "merge")]
        assert all(e["after"]["id"] == claim_id for e in history if e["after"])
        evidence = into.db.execute("SELECT url, author FROM evidence WHERE claim_id = ?", [claim_id]).fetchall()
        assert evidence == [("https://example.org/table", "carol")]


def test_a_threshold_decides_what_is_the_same_claim(pair):
    alice_path, bob_path, _a, _b = pair
    with open_existing(alice_path) as into, open_source(bob_path, into) as source:
        strict = preview(into, source, threshold=0.9).counts
        loose = preview(into, source, threshold=0.2).counts
        with pytest.raises(MergeError, match="threshold"):
            preview(into, source, threshold=1.5)
    # "45 km" against "45 km of" (overlap 5/8): the same claim under 0.5, not under 0.9
    assert (strict.new, strict.same, strict.disagreeing) == (3, 1, 1)
    assert (loose.new, loose.same, loose.disagreeing) == (2, 1, 2)


def test_claims_in_a_document_decoded_differently_are_placed_by_their_quotes(pair):
    """Bob's copy of a release holds other text (as if read by another reader version): his
    claims there are placed in Alice's text by quote and context; one whose quote Alice's
    text does not hold is listed, not added."""
    alice_path, bob_path, _a, _b = pair
    extra = "Corrected 15.03.2026: figures for 2026 revised.\n"
    with open_existing(bob_path) as bob:
        doc_id = _documents(bob)[CLINICS][0]
        with bob.db.atomic():
            bob.db.execute("UPDATE documents SET text = ? || text, text_sha256 = 'changed' WHERE id = ?",
                           [extra, doc_id])
            bob.db.execute('UPDATE claims SET start = start + ?, "end" = "end" + ? WHERE document_id = ?',
                           [len(extra), len(extra), doc_id])
        claim_ops.apply_command(bob, CreateClaim(doc_id, "statistic", 0, 9), actor="bob")  # "Corrected"
    with open_existing(alice_path) as into, open_source(bob_path, into) as source:
        result = merge(into, source)
        assert (result.counts.new, result.counts.same, result.counts.disagreeing) == (2, 1, 2)
        assert len(result.unplaced) == 1 and "'Corrected'" in result.unplaced[0]
        added = into.db.execute("SELECT quote, start FROM claims WHERE quote = '310 specialists'").fetchone()
        text = _documents(into)[CLINICS][1]
        assert text[added[1]:added[1] + len(added[0])] == "310 specialists"


def test_two_claims_on_one_span_pair_with_their_like_after_one_was_made_again(tmp_path):
    stations = (CLINICS, "120 medical stations", "target", {"quantity": "120", "unit": "medical stations"})
    people = (CLINICS, "120 medical stations", "target", {"quantity": "640000", "unit": "people"})
    alice, _ = _analyst(tmp_path / "alice.claimdesk", "alice", [CLINICS], [stations, people])
    bob, bob_ids = _analyst(tmp_path / "bob.claimdesk", "bob", [CLINICS], [stations, people])
    claim_ops.apply_command(bob, DeleteClaim(bob_ids[0]), actor="bob")
    _mark(bob, "bob", *stations)  # the same claim again, with a newer id than the other
    alice.close()
    bob.close()
    copies = {}
    for name in ("alice", "bob"):
        copies[name] = tmp_path / f"{name}-copy.claimdesk"
        copies[name].write_bytes((tmp_path / f"{name}.claimdesk").read_bytes())
    planned, _result = _merged(tmp_path / "alice.claimdesk", tmp_path / "bob.claimdesk")
    backwards, _result = _merged(copies["bob"], copies["alice"])
    assert (planned.new, planned.same, planned.disagreeing) == (0, 2, 0)
    assert (backwards.new, backwards.same, backwards.disagreeing) == (0, 2, 0)
    assert _content(tmp_path / "alice.claimdesk")["disagreements"] == _content(copies["bob"])["disagreements"] == []
