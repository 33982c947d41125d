"""`claimdesk merge` end to end with a document one analyst replaced with a new version:
--dry-run and --json count it as a document in another version, never a new document, and
the merged project holds the document once."""

from __future__ import annotations

import json

from claimdesk.cli import main
from claimdesk.ops.projects import open_existing
from tests.analysts import replaced_version


def test_a_new_version_is_counted_not_added(tmp_path, capsys):
    alice, bob, _phrase = replaced_version(tmp_path)
    before = alice.read_bytes()
    assert main(["merge", str(alice), str(bob), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "bob.claimdesk: preview: 1 new, 1 same, 0 disagreeing, 1 document in another version" in out
    assert "new document" not in out and alice.read_bytes() == before
    assert main(["merge", str(alice), str(bob), "--json"]) == 0
    merged = json.loads(capsys.readouterr().out)["merges"][0]
    assert (merged["preview"]["versions"], merged["result"]["documents"], merged["result"]["new"]) == (1, 0, 1)
    with open_existing(alice) as project:
        assert project.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert main(["merge", str(alice), str(bob)]) == 0
    assert "nothing to merge" in capsys.readouterr().out
