"""Merging a document one analyst replaced with a new version (same source URL, other
bytes): it is the same document in another version, never a second copy, so the version
INTO's analyst replaced does not come back with FROM's claims; FROM's claims are placed in
INTO's version by their quotes, and either merge order counts the same."""

from __future__ import annotations

import shutil

from claimdesk.ops.projects import open_existing
from tests.analysts import WATER, documents_by_file, merge_paths, replaced_version


def test_the_version_into_replaced_is_not_added_back(tmp_path):
    alice, bob, phrase = replaced_version(tmp_path)
    planned, result = merge_paths(alice, bob)
    assert (planned.documents, planned.versions, planned.new, planned.same) == (0, 1, 1, 1)
    assert "new document" not in planned.line() and "1 document in another version" in planned.line()
    assert result.changed and result.counts == planned
    with open_existing(alice) as project:
        (doc_id, text), = documents_by_file(project).values()
        rows = project.db.execute('SELECT document_id, start, "end", quote, author FROM claims ORDER BY id').fetchall()
    assert len(rows) == 2 and {row[0] for row in rows} == {doc_id}
    _doc, start, end, quote, author = rows[1]
    assert (author, quote, text[start:end]) == ("bob", phrase, phrase)
    assert text.index("Corrected:") < start  # placed in Alice's new version, not at Bob's old offsets


def test_merging_again_changes_nothing(tmp_path):
    alice, bob, _phrase = replaced_version(tmp_path)
    merge_paths(alice, bob)
    planned, result = merge_paths(alice, bob)
    assert not result.changed and (planned.new, planned.documents, planned.versions, planned.same) == (0, 0, 1, 2)


def test_either_order_finds_the_same_document(tmp_path):
    alice, bob, _phrase = replaced_version(tmp_path)
    alice_first, bob_first = tmp_path / "a.claimdesk", tmp_path / "b.claimdesk"
    shutil.copyfile(alice, alice_first)
    shutil.copyfile(bob, bob_first)
    into_alice, _ = merge_paths(alice_first, bob)
    into_bob, _ = merge_paths(bob_first, alice)
    assert into_bob.documents == into_alice.documents == 0 and into_bob.versions == into_alice.versions == 1
    assert (into_bob.same, into_bob.disagreeing) == (into_alice.same, into_alice.disagreeing) == (1, 0)
    with open_existing(bob_first) as project:
        assert list(documents_by_file(project)) == [WATER]  # Bob keeps his version; a merge replaces nothing
        assert project.db.execute("SELECT count(*) FROM claims").fetchone()[0] == 2
