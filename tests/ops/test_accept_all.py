"""Accepting every pending suggestion (`suggest --accept`, issue 16): one document per
transaction, the same claims and merges as accepting them one by one, resumable after a
stop, and no accept that reads the whole suggestions table."""

import pytest

from claimdesk.core.claims import CreateClaim
from claimdesk.core.suggestion_commands import AcceptSuggestion, Batch
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project

RELEASES = {
    "amounts.txt": "The ministry allocated KZT 5 bn for schools and KZT 2 bn for clinics in 2025.\n",
    "targets.txt": "By 2027 the akimat will build 300 schools with 2,000 seats, the minister said.\n",
    "mixed.txt": "The ministry allocated 12 million tenge to build 5 schools in region 3.\n"
                 "Unemployment fell to 4% in 2025, and 300 families moved into new flats.\n",
}
HOLD = 0  # the time a long accept holds the lock per transaction, in the waiting test
TAGS = [("amounts.txt", "funding", "5 bn for schools", {"status": "planned"}),
        ("targets.txt", "target", "300 schools", {"quantity": "300"}),
        ("mixed.txt", "funding", "The ministry allocated 12 million tenge to build 5 schools in region 3", {})]


def _project(folder):
    folder.mkdir()
    for name, text in RELEASES.items():
        (folder / name).write_text(text, encoding="utf-8")
    project = new_project(folder / "p.claimdesk")
    import_paths(project, sorted(folder.glob("*.txt")))
    for name, kind, quote, fields in TAGS:  # hand tags marked before the detector ran
        document_id, text = project.db.execute("SELECT id, text FROM documents WHERE file_name = ?",
                                               [name]).fetchone()
        start = text.index(quote)
        claim_ops.apply_command(project, CreateClaim(document_id, kind, start, start + len(quote), fields))
    suggestion_ops.suggest_documents(project)
    return project


def _outcome(project):
    claims = {c.id: (c.document_id, c.kind, c.start, c.end, tuple(sorted(c.fields.items())))
              for d in (1, 2, 3) for c in claim_ops.claims_for_document(project, d)}
    decided = [(s.document_id, s.kind, s.start, s.anchor, s.state, claims[s.claim_id])
               for s in suggestion_ops.repo.suggestions_for(project.db, state=None)]
    return sorted(claims.values()), sorted(decided)


def test_accepting_all_gives_the_claims_and_merges_of_accepting_one_by_one(tmp_path):
    with _project(tmp_path / "one_by_one") as expected, _project(tmp_path / "all") as project:
        waiting = suggestion_ops.pending(expected)
        run_command(expected, Batch(tuple(AcceptSuggestion(s.id) for s in waiting)))
        report = suggestion_ops.accept_pending(project)
        assert (report.documents, report.accepted) == (3, len(waiting))
        assert report.merged_into  # the hand tags took their suggestions
        assert _outcome(project) == _outcome(expected)
        assert not suggestion_ops.pending(project)


def test_a_stopped_run_keeps_the_documents_it_finished_and_a_second_run_accepts_the_rest(tmp_path, monkeypatch):
    with _project(tmp_path / "p") as project:
        total = len(suggestion_ops.pending(project))
        real = suggestion_ops._accept_document
        calls = []

        def killed_on_the_second(project_, document_id, actor):
            calls.append(document_id)
            if len(calls) == 2:
                real(project_, document_id, actor)  # its work is done, then the process dies before commit
                raise KeyboardInterrupt
            return real(project_, document_id, actor)

        monkeypatch.setattr(suggestion_ops, "_accept_document", killed_on_the_second)
        monkeypatch.setattr(suggestion_ops, "LOCK_HOLD_SECONDS", 0)  # one document per transaction
        with pytest.raises(KeyboardInterrupt):
            suggestion_ops.accept_pending(project)
        left = {s.document_id for s in suggestion_ops.pending(project)}
        assert calls[0] not in left and calls[1] in left  # the first committed, the second rolled back
        monkeypatch.setattr(suggestion_ops, "_accept_document", real)

        again = suggestion_ops.accept_pending(project)
        assert not suggestion_ops.pending(project) and again.documents == len(left)
        events = project.db.execute("SELECT count(*) FROM claim_events WHERE action = 'create'").fetchone()[0]
        created = project.db.execute("SELECT count(*) FROM claims WHERE origin = 'suggested'").fetchone()[0]
        accepted = project.db.execute("SELECT count(*) FROM suggestions WHERE state = 'accepted'").fetchone()[0]
        assert accepted == total and events == created + len(TAGS)  # none created twice


@pytest.mark.parametrize("hold, commits", [(0, 3), (60, 1)])
def test_documents_share_a_transaction_only_within_the_hold_time(tmp_path, monkeypatch, hold, commits):
    with _project(tmp_path / "p") as project:
        statements = []
        project.db.conn.set_trace_callback(statements.append)
        monkeypatch.setattr(suggestion_ops, "LOCK_HOLD_SECONDS", hold)
        assert suggestion_ops.accept_pending(project).documents == 3
        project.db.conn.set_trace_callback(None)
        assert statements.count("COMMIT") == commits
        assert project.db.execute("SELECT count(*) FROM events WHERE action = 'suggestion.accept_all'"
                                  ).fetchone()[0] == 3  # one event per document, however grouped


def test_finding_what_was_accepted_into_claims_uses_an_index(project):
    plan = " ".join(str(row) for row in project.db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM suggestions WHERE state = 'accepted' AND claim_id IN (1, 2)"))
    assert "suggestions_claim" in plan


def test_another_claimdesk_writes_while_a_long_accept_runs(tmp_path, monkeypatch):
    """The waiter starts once the accept has committed its first document and must get its
    turn before the accept ends (before issue 16 one transaction held the lock throughout)."""
    import threading

    from claimdesk.ops.projects import open_existing

    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(40):
        (folder / f"r{number}.txt").write_text(
            "".join(f"The ministry allocated {number * 10 + line + 1} million tenge to build {line + 3} schools.\n"
                    for line in range(8)), encoding="utf-8")
    with new_project(tmp_path / "p.claimdesk") as project:
        import_paths(project, [folder])  # 40 releases, 8 figures each
        suggestion_ops.suggest_documents(project)
        done, steps, got_in = threading.Event(), [], []

        def other_claimdesk():
            with open_existing(project.path) as other:
                other.db.lock_wait = 30
                with other.db.atomic():
                    got_in.append(len(steps))
                    other.db.execute("INSERT INTO meta (key, value) VALUES ('other', 'in')")
            done.set()

        waiter = threading.Thread(target=other_claimdesk)

        def progress(index, total):
            steps.append(index)
            if index == 1:
                waiter.start()

        monkeypatch.setattr(suggestion_ops, "LOCK_HOLD_SECONDS", HOLD)  # a transaction per document
        report = suggestion_ops.accept_pending(project, progress=progress)
        waiter.join(30)
        assert done.is_set() and report.documents == 40
        assert got_in[0] < 40, f"the other Claimdesk got in only after the accept ({got_in})"
