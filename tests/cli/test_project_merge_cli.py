"""`claimdesk merge INTO FROM...`: the preview, then the result naming the backup; --dry-run
changes nothing; --json; a hostile FROM is refused with exit 1 before anything is merged;
a wrong threshold is a usage error."""

from __future__ import annotations

import json

import pytest

from claimdesk.cli import main
from claimdesk.ops.projects import open_existing
from claimdesk.store import migrations as migrations_module
from tests.analysts import AGREED, CLINICS
from tests.analysts import marked_project as _analyst


def _checkpointed(path) -> bytes:
    with open_existing(path) as project:
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


def test_merge_prints_the_preview_then_the_result(pair, capsys):
    alice, bob, _a, _b = pair
    assert main(["merge", str(alice), str(bob)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("bob.claimdesk: preview: 2 new, 1 same, 2 disagreeing (2 new disagreements), 2 filled in, "
                      "1 new document")
    assert out[1].startswith("bob.claimdesk merged into alice.claimdesk: 2 new, 1 same") and ".before-merge-" in out[1]
    assert out[2].startswith("2 disagreements are open in alice.claimdesk")
    assert "claimdesk disagreements" in out[2] and "File ▸ Merge another analyst's project…" in out[2]
    assert main(["merge", str(alice), str(bob), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["merges"][0]["merged"] is False and again["merges"][0]["preview"]["new"] == 0
    assert again["open_disagreements"] == 2


def test_a_dry_run_changes_nothing(pair, capsys):
    alice, bob, _a, _b = pair
    before = _checkpointed(alice)
    assert main(["merge", str(alice), str(bob), "--dry-run", "--threshold", "0.9"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("bob.claimdesk: preview: 3 new, 1 same, 1 disagreeing") and "merged into" not in out
    assert _checkpointed(alice) == before and not list(alice.parent.glob("*.before-merge-*"))


def test_a_hostile_from_is_refused_before_anything_is_merged(pair, tmp_path, capsys):
    alice, bob, _a, _b = pair
    fake = tmp_path / "fake.claimdesk"
    fake.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = _checkpointed(alice)
    assert main(["merge", str(alice), str(bob), str(fake)]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("claimdesk: error: ") and "fake.claimdesk" in captured.err
    assert "nothing was merged" in captured.err and "Traceback" not in captured.err
    assert captured.out == ""
    assert _checkpointed(alice) == before


def test_a_dry_run_leaves_an_older_into_as_it_is(pair, tmp_path, monkeypatch, capsys):
    _alice, bob, _a, _b = pair
    steps = list(migrations_module.migrations._migrations)
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps[:-1])
    (tmp_path / "old").mkdir()
    old, _ids = _analyst(tmp_path / "old" / "older.claimdesk", "carol", [CLINICS], [AGREED])
    old.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    old.close()
    monkeypatch.setattr(migrations_module.migrations, "_migrations", steps)
    older = tmp_path / "old" / "older.claimdesk"
    before = older.read_bytes()
    assert main(["merge", str(older), str(bob), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("bob.claimdesk: preview: 4 new, 1 same, 0 disagreeing, 1 filled in")
    assert older.read_bytes() == before
    assert sorted(p.name for p in older.parent.iterdir()) == ["older.claimdesk"]  # no .bak, no -wal beside it
    assert main(["merge", str(older), str(older), "--dry-run"]) == 1
    assert "that is the project being merged into" in capsys.readouterr().err


@pytest.mark.parametrize("threshold", ["0", "1.5", "half"])
def test_a_threshold_outside_0_to_1_is_a_usage_error(pair, threshold, capsys):
    alice, bob, _a, _b = pair
    with pytest.raises(SystemExit) as exited:
        main(["merge", str(alice), str(bob), "--threshold", threshold])
    assert exited.value.code == 2 and "threshold" in capsys.readouterr().err


def test_claims_verified_before_a_merge_are_still_exported(pair, tmp_path, capsys):
    alice, bob, alice_ids, _b = pair
    ids = ",".join(str(claim_id) for claim_id in alice_ids)
    assert main(["review", str(alice), "--ids", ids, "--status", "verified", "--reviewer", "carol"]) == 0
    assert main(["merge", str(alice), str(bob)]) == 0
    capsys.readouterr()
    assert main(["export", str(alice), "--format", "md", "-o", str(tmp_path / "x.md")]) == 0
    sheet = (tmp_path / "x.md").read_text()
    assert "two-person" not in sheet + capsys.readouterr().err and "carol" in sheet
