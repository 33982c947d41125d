"""`claimdesk merge` and `claimdesk disagreements` end to end with a claim one analyst
deleted and the other kept: counted in --dry-run and --json, not added back, listed, and
resolved with --keep/--take (--both refused with one line)."""

from __future__ import annotations

import json

from claimdesk.cli import main


def test_a_deletion_is_counted_listed_and_taken(alice_deleted, capsys):
    alice, bob, ids = alice_deleted
    before = alice.read_bytes()
    assert main(["merge", str(alice), str(bob), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "bob.claimdesk: preview: 0 new, 2 same, 0 disagreeing, 1 deleted on one side (1 new disagreement)" in out
    assert alice.read_bytes() == before
    assert main(["merge", str(alice), str(bob), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["merges"][0]["result"]["deleted"] == 1 and report["merges"][0]["result"]["new"] == 0
    assert report["open_disagreements"] == 1

    assert main(["disagreements", str(alice)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].startswith(f"#1 claim #{ids[2]} “640 thousand people”")
    assert "deleted on one side: (deleted) (alice) vs “640 thousand people”" in listed[0]
    assert main(["disagreements", str(alice), "--json"]) == 0
    line = json.loads(capsys.readouterr().out)
    assert (line["attribute"], line["kept_value"], line["other_value"]["fields"]) == (
        "claim", {"deleted": True}, {"value": "640000"})

    assert main(["disagreements", str(alice), "--resolve", "1", "--both"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot be both deleted and kept; nothing was changed" in err[0]
    assert main(["disagreements", str(alice), "--resolve", "1", "--take", "--reviewer", "carol"]) == 0
    capsys.readouterr()
    assert main(["claims", str(alice), "--jsonl"]) == 0
    claims = [json.loads(text) for text in capsys.readouterr().out.splitlines()]
    taken = next(claim for claim in claims if claim["id"] == ids[2])
    assert taken["fields"] == {"value": "640000"} and "disagreements" not in taken


def test_keeping_a_claim_the_other_deleted_then_merging_again_changes_nothing(alice_deleted, capsys):
    alice, bob, ids = alice_deleted
    assert main(["merge", str(bob), str(alice)]) == 0
    assert "1 deleted on one side (1 new disagreement)" in capsys.readouterr().out
    assert main(["disagreements", str(bob), "--resolve", "1", "--keep"]) == 0
    capsys.readouterr()
    assert main(["merge", str(bob), str(alice)]) == 0
    out = capsys.readouterr().out
    assert "alice.claimdesk: nothing to merge" in out and "1 deleted on one side (0 new disagreements)" in out


def test_a_deletion_the_other_never_changed_after_is_taken_and_merging_again_says_nothing(shared_start, capsys):
    from claimdesk.core.claims import DeleteClaim
    from claimdesk.ops import claims as claim_ops
    from claimdesk.ops.projects import open_existing

    alice, bob, ids = shared_start
    with open_existing(alice) as project:
        claim_ops.apply_command(project, DeleteClaim(ids[2]), actor="alice")
    assert main(["merge", str(bob), str(alice), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["merges"][0]["result"]["removed"] == 1 and report["merges"][0]["result"]["deleted"] == 0
    assert report["open_disagreements"] == 0
    for into, source in ((bob, alice), (alice, bob)):
        assert main(["merge", str(into), str(source)]) == 0
        out = capsys.readouterr().out
        assert "nothing to merge" in out and "deleted" not in out


def _lose_history(path, claim_id):
    from claimdesk.ops.projects import open_existing

    with open_existing(path) as project, project.db.atomic():  # as a recovered project can be
        project.db.execute("DROP TRIGGER claim_events_append_only_delete")
        project.db.execute("DELETE FROM claim_events WHERE claim_id = ?", [claim_id])


def test_a_disagreement_whose_claim_is_lost_is_listed_unavailable_and_refused_in_one_line(alice_deleted, capsys):
    alice, bob, ids = alice_deleted
    assert main(["merge", str(alice), str(bob)]) == 0
    _lose_history(alice, ids[2])
    capsys.readouterr()
    assert main(["disagreements", str(alice), "--all"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].startswith(f"#1 claim #{ids[2]} (unavailable: the claim and its history are no longer in this "
                                "project): deleted on one side: (deleted) (alice) vs “640 thousand people”")
    assert main(["disagreements", str(alice), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unavailable"] is True
    assert main(["disagreements", str(alice), "--resolve", "1", "--keep"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"cannot be resolved: claim #{ids[2]} and its history" in err[0]


def test_keeping_a_deletion_restored_since_is_refused_in_one_line(shared_start, capsys):
    from claimdesk.core.claims import DeleteClaim, EditClaim
    from claimdesk.ops import claims as claim_ops
    from claimdesk.ops.projects import open_existing

    alice, bob, ids = shared_start
    with open_existing(bob) as project:
        claim_ops.apply_command(project, EditClaim(ids[2], {"fields": {"value": "640000"}}), actor="bob")
    with open_existing(alice) as project:
        undo = claim_ops.apply_command(project, DeleteClaim(ids[2]), actor="alice")
    assert main(["merge", str(alice), str(bob)]) == 0
    with open_existing(alice) as project:
        claim_ops.apply_command(project, undo, actor="alice")
    capsys.readouterr()
    assert main(["disagreements", str(alice)]) == 0
    assert "deleted on one side: (deleted when merged, restored since: “640 thousand people”" in capsys.readouterr().out
    assert main(["disagreements", str(alice), "--resolve", "1", "--keep"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is live again (restored since), so there is no deletion to keep" in err[0]
    assert main(["disagreements", str(alice), "--resolve", "1", "--both"]) == 0
