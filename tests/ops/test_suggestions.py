"""Suggestions through the ops layer: run, accept, reject, undo, never re-proposed."""

import pytest

from claimdesk.core.claims import ClaimError, CreateClaim
from claimdesk.core.suggestion_commands import AcceptSuggestion, Batch, RejectSuggestion
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.ops.claim_lines import claim_lines
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths
from tests.conftest import SAMPLES


@pytest.fixture
def clinics(project):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    suggestion_ops.suggest_documents(project)
    return project


def _first(project, kind):
    return next(s for s in suggestion_ops.pending(project) if s.kind == kind)


def test_suggest_finds_each_kind_with_fields(clinics):
    kinds = {s.kind for s in suggestion_ops.pending(clinics)}
    assert kinds == {"funding", "target", "statistic", "official"}
    funding = _first(clinics, "funding")
    assert funding.fields["amount"] == "12400000000" and funding.fields["currency"] == "KZT"
    assert funding.fields["status"] == "allocated" and funding.confidence > 0.5


def test_accept_creates_a_suggested_claim_and_undo_redo_keep_its_id(clinics):
    funding = _first(clinics, "funding")
    undo = run_command(clinics, AcceptSuggestion(funding.id)).result
    claim = claim_ops.claims_for_document(clinics, 1)[0]
    assert (claim.origin, claim.confidence, claim.fields["amount"]) == ("suggested", funding.confidence, "12400000000")
    assert suggestion_ops.get_suggestion(clinics, funding.id).state == "accepted"
    redo = run_command(clinics, undo).result
    assert claim_ops.claims_for_document(clinics, 1) == []
    assert suggestion_ops.get_suggestion(clinics, funding.id).state == "pending"
    run_command(clinics, redo)
    assert [c.id for c in claim_ops.claims_for_document(clinics, 1)] == [claim.id]


def test_rejected_spans_are_not_proposed_again(clinics):
    statistic = _first(clinics, "statistic")
    undo = run_command(clinics, RejectSuggestion(statistic.id)).result
    suggestion_ops.suggest_documents(clinics)
    again = [s for s in suggestion_ops.pending(clinics) if (s.start, s.end, s.kind) ==
             (statistic.start, statistic.end, statistic.kind)]
    assert again == []
    run_command(clinics, undo)
    assert suggestion_ops.get_suggestion(clinics, statistic.id).state == "pending"


def test_spans_already_claimed_are_not_proposed(project):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    text = project.db.execute("SELECT text FROM documents").fetchone()[0]
    start = text.index("12.4 billion tenge")
    claim_ops.apply_command(project, CreateClaim(1, "funding", start, start + 18))
    suggestion_ops.suggest_documents(project)
    assert [s for s in suggestion_ops.pending(project) if s.kind == "funding" and s.anchor == start] == []


def test_accept_all_of_a_kind_is_one_undoable_batch(clinics):
    targets = suggestion_ops.pending(clinics, 1, "target")
    undo = run_command(clinics, Batch(tuple(AcceptSuggestion(s.id) for s in targets))).result
    assert len(claim_ops.claims_for_document(clinics, 1)) == len(targets) >= 1
    run_command(clinics, undo)
    assert claim_ops.claims_for_document(clinics, 1) == []
    assert len(suggestion_ops.pending(clinics, 1, "target")) == len(targets)


def test_deciding_twice_is_refused(clinics):
    official = _first(clinics, "official")
    run_command(clinics, RejectSuggestion(official.id))
    with pytest.raises(ClaimError, match="rejected, not pending"):
        run_command(clinics, AcceptSuggestion(official.id))


def test_a_digest_names_each_official_once_and_lines_use_page_offsets(project):
    import_paths(project, [SAMPLES / "03-regional-digest.txt"])
    suggestion_ops.suggest_documents(project)
    lines = claim_lines(project, suggestions=True)
    page = project.db.execute("SELECT text FROM documents WHERE parent_id IS NULL").fetchone()[0]
    assert lines and all(page[line["start"]:line["end"]] == line["quote"] for line in lines)
    names = [line["fields"]["name"] for line in lines if line["kind"] == "official"]
    assert len(names) == len(set(names))
    assert all(line["doc"] == "03-regional-digest.txt" for line in lines)


def test_russian_and_kazakh_officials_and_amounts(project):
    import_paths(project, [SAMPLES / "04-energy-ru-cp1251.txt", SAMPLES / "06-education-kk.txt"])
    suggestion_ops.suggest_documents(project)
    found = {(s.kind, s.fields.get("name") or s.fields.get("amount") or s.fields.get("quantity"))
             for s in suggestion_ops.pending(project)}
    assert ("official", "Асель Кудайбергенова") in found and ("funding", "1300000000") in found
    assert ("official", "Гүлнар Сәрсенбаева") in found and ("funding", "2500000000000") in found
    assert ("target", "370") in found
