"""What ops report as changed: the ``Changes`` of each command (and of its undo), of the
review, relation and kind ops the window calls, and of an import and a detector run."""

from __future__ import annotations

from dataclasses import fields

import pytest

from claimdesk.core.claims import CreateClaim, DeleteClaim, EditClaim
from claimdesk.core.subjects_model import LinkClaimMeasure
from claimdesk.core.suggestion_commands import AcceptSuggestion, Batch, RejectSuggestion
from claimdesk.ops import kinds as kind_ops
from claimdesk.ops import relations as relation_ops
from claimdesk.ops import review as review_ops
from claimdesk.ops import subjects as subject_ops
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.ops.changes import Changes, Outcome
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths
from tests.conftest import SAMPLES

TEXT = "The Astana LRT budget is 3 billion tenge. The line will have 18 stations by 2026."


@pytest.fixture
def document(project, tmp_path):
    (tmp_path / "lrt.txt").write_text(TEXT, encoding="utf-8")
    report = import_paths(project, [tmp_path / "lrt.txt"])
    return report.results[0].document_ids[0]


def _tag(project, document, words, kind="funding"):
    start = TEXT.index(words)
    return run_command(project, CreateClaim(document, kind, start, start + len(words)))


def test_changes_combine_every_set_and_flag():
    first = Changes(claims=frozenset({1}), documents=frozenset({7}), structural=True)
    second = Changes(claims=frozenset({2}), suggestions=True, new_documents=frozenset({9}))
    both = first | second
    assert both == Changes(claims=frozenset({1, 2}), documents=frozenset({7}), structural=True, suggestions=True,
                           new_documents=frozenset({9}))
    assert Changes.combine([first, second, Changes.none()]) == both
    assert not Changes.none() and Changes(kinds=True) and Changes(claims=frozenset({3}))
    # every field, including one added later, survives a union
    everything = Changes(**{f.name: frozenset({1}) if f.type.startswith("frozenset") else True
                            for f in fields(Changes)})
    assert Changes.combine([Changes.none(), everything]) == everything == everything | Changes.none()


def test_a_tag_an_edit_and_a_deletion_say_which_claim_and_whether_it_moved(project, document):
    created = _tag(project, document, "3 billion tenge")
    assert isinstance(created, Outcome)
    claim_id = created.result.claim_id
    # a new claim: the table's rows and the library's counts change; it has no subject yet
    assert created.changes == Changes(claims=frozenset({claim_id}), documents=frozenset({document}),
                                      structural=True)

    note = run_command(project, EditClaim(claim_id, {"note": "checked"}))
    assert note.changes == Changes(claims=frozenset({claim_id}), documents=frozenset({document}))
    kind = run_command(project, EditClaim(claim_id, {"kind": "statistic"}))
    assert kind.changes.structural and kind.changes.claims == {claim_id}

    deleted = run_command(project, DeleteClaim(claim_id))
    # its subject link goes with it, so the subjects' counts may change
    assert deleted.changes == Changes(claims=frozenset({claim_id}), documents=frozenset({document}),
                                      structural=True, subjects=True)
    restored = run_command(project, deleted.result)  # undo reports the same claim coming back
    assert restored.changes == deleted.changes


def test_decisions_on_suggestions_name_the_claim_they_made_and_the_suggestions(project):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    suggestion_ops.suggest_documents(project)
    pending = suggestion_ops.pending(project)
    funding, statistic = (next(s for s in pending if s.kind == kind) for kind in ("funding", "statistic"))
    rejected = run_command(project, RejectSuggestion(statistic.id))
    assert rejected.changes == Changes(documents=frozenset({statistic.document_id}), suggestions=True)

    accepted = run_command(project, AcceptSuggestion(funding.id))
    claim_id = suggestion_ops.get_suggestion(project, funding.id).claim_id
    assert accepted.changes.claims == {claim_id} and accepted.changes.suggestions and accepted.changes.structural

    undone = run_command(project, accepted.result)
    assert undone.changes.claims == {claim_id} and undone.changes.suggestions and undone.changes.structural
    targets = [s for s in suggestion_ops.pending(project) if s.kind == "target"][:2]
    batch = run_command(project, Batch(tuple(AcceptSuggestion(s.id) for s in targets)))
    made = {suggestion_ops.get_suggestion(project, s.id).claim_id for s in targets}
    assert batch.changes.claims == made and len(made) == 2 and batch.changes.suggestions


def test_a_manual_tag_that_takes_up_a_suggestion_says_so(project):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    suggestion_ops.suggest_documents(project)
    funding = next(s for s in suggestion_ops.pending(project) if s.kind == "funding")
    tagged = run_command(project, CreateClaim(funding.document_id, "funding", funding.start, funding.end))
    assert tagged.result.suggestion_ids == (funding.id,)
    assert tagged.changes.suggestions and tagged.changes.claims == {tagged.result.claim_id}


def test_a_link_changes_the_subjects_and_the_claims_place(project, document):
    claim_id = _tag(project, document, "3 billion tenge").result.claim_id
    lrt = subject_ops.find_or_add_subject(project, "Astana LRT", "project")
    budget = subject_ops.find_or_add_measure(project, lrt.id, "budget", "currency", "KZT")
    linked = run_command(project, LinkClaimMeasure(claim_id, budget.id))
    assert linked.changes == Changes(claims=frozenset({claim_id}), documents=frozenset({document}), structural=True,
                                     subjects=True)


def test_the_review_relation_and_kind_ops_the_window_calls_report_their_changes(project, document):
    claim_id = _tag(project, document, "3 billion tenge").result.claim_id
    assert review_ops.set_statuses(project, review_ops.statuses(project) + ["needs source"]) == Changes(statuses=True)
    assert review_ops.set_two_person_rule(project, False) == Changes(review_rule=True)
    evidence = review_ops.add_evidence(project, claim_id, note="called the ministry")
    assert evidence.result == review_ops.evidence_for(project, claim_id)[0]["id"]
    assert evidence.changes == Changes(claims=frozenset({claim_id}), documents=frozenset({document}))
    proposed = relation_ops.propose_relations(project)
    assert proposed.result == 0 and proposed.changes.relations and proposed.changes.structural
    added = kind_ops.add_kind(project, "Procurement", "#aa3300", "5")
    assert added.result.name == "procurement" and added.changes == Changes(kinds=True)


def test_an_import_reports_its_new_documents_and_a_detector_run_its_suggestions(project, tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    report = import_paths(project, [tmp_path / "a.txt", SAMPLES / "01-rural-clinics.txt"])
    ids = frozenset(i for r in report.results for i in r.document_ids)
    assert len(ids) == 2
    assert report.changes == Changes(documents=ids, new_documents=ids, document_list=True)
    again = import_paths(project, [tmp_path / "a.txt"])  # a duplicate adds nothing
    assert not again.changes
    assert suggestion_ops.suggest_documents(project).changes == Changes(suggestions=True)
    assert not suggestion_ops.suggest_documents(project, []).changes
