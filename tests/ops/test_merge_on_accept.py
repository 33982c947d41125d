"""One claim per fact through ops: accepting a suggestion whose figure a claim already states
merges into that claim, a manual tag takes up the pending suggestion of its fact, and both
undo and redo exactly. The sentences are written here; the rule is in core.claim_merge."""

import pytest

from claimdesk.core.claims import CreateClaim
from claimdesk.core.suggestion_commands import (AcceptSuggestion, Batch, DeleteAdoptingClaim, UnacceptSuggestion,
                                                UnmergeSuggestion)
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths
from claimdesk.store import suggestions as suggestions_repo

TWO_AMOUNTS = "The ministry allocated KZT 5 bn for schools and KZT 2 bn for clinics in 2025.\n"
TWO_TARGETS = "By 2027 the akimat will build 300 schools with 2,000 seats, the minister said.\n"


def _document(project, tmp_path, text: str, name: str = "release.txt") -> tuple[int, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    import_paths(project, [path])
    document_id = project.db.execute("SELECT max(id) FROM documents").fetchone()[0]
    return document_id, project.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0]


def _tag(project, document_id, text, kind, quote, fields=None, occurrence=0):
    """A claim marked by hand before any suggestion was pending (as an older session or an
    import leaves it): straight through ops.claims, so nothing is taken up."""
    start = text.index(quote) if occurrence == 0 else text.index(quote, text.index(quote) + 1)
    inverse = claim_ops.apply_command(project, CreateClaim(document_id, kind, start, start + len(quote),
                                                           fields or {}))
    return inverse.claim_id


def _pending(project, kind, figure_field, value):
    return next(s for s in suggestion_ops.pending(project, kind=kind) if s.fields.get(figure_field) == value)


def _claims(project, document_id, kind=None):
    return [c for c in claim_ops.claims_for_document(project, document_id) if kind is None or c.kind == kind]


def test_accept_over_a_hand_tag_fills_its_empty_fields_keeps_the_analysts_and_undoes(project, tmp_path):
    document_id, text = _document(project, tmp_path, TWO_AMOUNTS)
    # the tag leaves out the currency word, so the detector still proposes the figure
    claim_id = _tag(project, document_id, text, "funding", "5 bn for schools",
                    {"status": "planned", "payer": "Ministry of Education"})
    suggestion_ops.suggest_documents(project)
    five = _pending(project, "funding", "amount", "5000000000")
    before = claim_ops.get_claim(project, claim_id)

    undo = run_command(project, AcceptSuggestion(five.id)).result

    funding = _claims(project, document_id, "funding")
    assert [c.id for c in funding] == [claim_id]
    merged = funding[0]
    assert merged.fields["status"] == "planned" and merged.fields["payer"] == "Ministry of Education"
    assert (merged.fields["amount"], merged.fields["currency"]) == ("5000000000", "KZT")
    assert (merged.start, merged.end, merged.origin) == (before.start, before.end, "manual")
    decided = suggestion_ops.get_suggestion(project, five.id)
    assert (decided.state, decided.claim_id) == ("accepted", claim_id)
    last = claim_ops.claim_history(project, claim_id)[-1]
    assert last["note"].startswith(f"merged suggestion #{five.id}: filled ")
    assert "amount" in last["note"] and "status" not in last["note"]
    assert last["before"]["fields"] == before.fields
    assert isinstance(undo, UnmergeSuggestion) and undo.claim_id == claim_id

    redo = run_command(project, undo).result
    assert claim_ops.get_claim(project, claim_id).fields == before.fields
    assert suggestion_ops.get_suggestion(project, five.id).state == "pending"
    assert [c.id for c in _claims(project, document_id)] == [claim_id]

    run_command(project, redo)
    assert claim_ops.get_claim(project, claim_id).fields == merged.fields
    assert suggestion_ops.get_suggestion(project, five.id).claim_id == claim_id


def test_a_merged_suggestion_is_not_proposed_again(project, tmp_path):
    document_id, text = _document(project, tmp_path, TWO_AMOUNTS)
    _tag(project, document_id, text, "funding", "5 bn for schools")
    suggestion_ops.suggest_documents(project)
    run_command(project, AcceptSuggestion(_pending(project, "funding", "amount", "5000000000").id))
    suggestion_ops.suggest_documents(project)
    assert [s.fields["amount"] for s in suggestion_ops.pending(project, kind="funding")] == ["2000000000"]


def test_another_figure_of_the_same_clause_is_not_merged(project, tmp_path):
    """The hand tag is on "300 schools"; the suggestion for "2,000 seats" spans the whole
    clause, which holds the tag, but its figure is elsewhere: a claim of its own."""
    document_id, text = _document(project, tmp_path, TWO_TARGETS)
    suggestion_ops.suggest_documents(project)
    seats = _pending(project, "target", "quantity", "2000")
    schools = _pending(project, "target", "quantity", "300")
    assert seats.start <= text.index("300 schools") < seats.end  # the clause overlaps the tag
    claim_id = _tag(project, document_id, text, "target", "300 schools", {"quantity": "300"})

    undo = run_command(project, AcceptSuggestion(seats.id)).result
    assert isinstance(undo, UnacceptSuggestion)
    targets = _claims(project, document_id, "target")
    assert len(targets) == 2 and claim_ops.get_claim(project, claim_id).fields == {"quantity": "300"}

    run_command(project, AcceptSuggestion(schools.id))  # its own figure: merges
    assert len(_claims(project, document_id, "target")) == 2
    assert claim_ops.get_claim(project, claim_id).fields["unit"] == "schools"


def test_a_tag_over_two_figures_takes_the_first_and_the_other_becomes_its_own_claim(project, tmp_path):
    """A whole-sentence tag without fields: the batch's first suggestion fills its value, the
    second then states a different value and is a claim of its own; undo puts all back."""
    document_id, text = _document(project, tmp_path, TWO_TARGETS)
    suggestion_ops.suggest_documents(project)
    both = suggestion_ops.pending(project, kind="target")
    assert len(both) == 2
    claim_id = _tag(project, document_id, text, "target", "By 2027 the akimat will build 300 schools with 2,000 seats")

    undo = run_command(project, Batch(tuple(AcceptSuggestion(s.id) for s in both))).result

    targets = _claims(project, document_id, "target")
    assert sorted(c.fields["quantity"] for c in targets) == ["2000", "300"]
    assert claim_ops.get_claim(project, claim_id).fields["quantity"] == "300"
    run_command(project, undo)
    assert [c.id for c in _claims(project, document_id)] == [claim_id]
    assert claim_ops.get_claim(project, claim_id).fields == {}
    assert len(suggestion_ops.pending(project, kind="target")) == 2


def test_two_suggestions_of_one_figure_merge_into_one_claim_in_a_batch(project, tmp_path):
    """Two pending suggestions for the same figure (another span, as another detector run
    would give): one batch merges both into the hand tag, undo restores the tag's fields."""
    document_id, text = _document(project, tmp_path, TWO_AMOUNTS)
    claim_id = _tag(project, document_id, text, "funding", "5 bn")
    suggestion_ops.suggest_documents(project)
    five = _pending(project, "funding", "amount", "5000000000")
    suggestions_repo.insert_suggestion(project.db, document_id, "funding", five.anchor, five.end, five.anchor,
                                       {"amount": "5000000000", "payer": "the ministry"}, 0.5, "test", "2026-01-01")
    fives = [s for s in suggestion_ops.pending(project, kind="funding") if s.anchor == five.anchor]
    assert len(fives) == 2

    undo = run_command(project, Batch(tuple(AcceptSuggestion(s.id) for s in fives))).result

    assert [c.id for c in _claims(project, document_id)] == [claim_id]
    fields = claim_ops.get_claim(project, claim_id).fields
    assert fields["currency"] == "KZT" and fields["payer"] == "the ministry"
    assert {suggestion_ops.get_suggestion(project, s.id).claim_id for s in fives} == {claim_id}
    redo = run_command(project, undo).result
    assert claim_ops.get_claim(project, claim_id).fields == {}
    run_command(project, redo)
    assert claim_ops.get_claim(project, claim_id).fields == fields


def test_accept_all_keeps_two_equal_figures_of_one_clause_apart(project, tmp_path):
    """The first accept creates a claim over the clause; the second figure has the same value
    inside that span, but the claim's own figure is known to be the first."""
    document_id, _ = _document(project, tmp_path, "The akimat will build 300 schools with 300 gyms by 2027.\n")
    suggestion_ops.suggest_documents(project)
    both = suggestion_ops.pending(project, kind="target")
    assert len(both) == 2 and both[0].start <= both[1].anchor < both[0].end
    run_command(project, Batch(tuple(AcceptSuggestion(s.id) for s in both)))
    assert sorted(c.fields["unit"] for c in _claims(project, document_id, "target")) == ["gyms", "schools"]


@pytest.mark.parametrize("quote, kind, merges", [
    ("KZT 5 bn", "funding", True),             # exactly the figure
    ("5 bn", "funding", True),                 # inside the figure (currency left out)
    ("allocated KZT 5 bn for schools", "funding", True),
    ("for schools and", "funding", False),     # in the clause, touching no character of the figure
    ("KZT 2 bn", "funding", False),            # another figure of the sentence
    ("KZT 5 bn", "statistic", False),          # another kind
])
def test_what_counts_as_the_same_fact(project, tmp_path, quote, kind, merges):
    document_id, text = _document(project, tmp_path, TWO_AMOUNTS)
    suggestion_ops.suggest_documents(project)
    five = _pending(project, "funding", "amount", "5000000000")
    claim_id = _tag(project, document_id, text, kind, quote)
    undo = run_command(project, AcceptSuggestion(five.id)).result
    assert isinstance(undo, UnmergeSuggestion) is merges
    assert (suggestion_ops.get_suggestion(project, five.id).claim_id == claim_id) is merges


def test_the_same_sentence_in_another_document_is_not_merged(project, tmp_path):
    first_id, first_text = _document(project, tmp_path, TWO_AMOUNTS, "first.txt")
    _tag(project, first_id, first_text, "funding", "KZT 5 bn")
    second_id, _ = _document(project, tmp_path, "Reprint.\n" + TWO_AMOUNTS, "second.txt")
    suggestion_ops.suggest_documents(project, [second_id])
    five = _pending(project, "funding", "amount", "5000000000")
    run_command(project, AcceptSuggestion(five.id))
    assert len(_claims(project, second_id, "funding")) == 1 and len(_claims(project, first_id)) == 1


def test_a_manual_tag_takes_up_the_pending_suggestion_and_undo_reopens_it(project, tmp_path):
    document_id, text = _document(project, tmp_path, TWO_AMOUNTS)
    suggestion_ops.suggest_documents(project)
    five = _pending(project, "funding", "amount", "5000000000")
    two = _pending(project, "funding", "amount", "2000000000")
    start = text.index("KZT 5 bn")

    undo = run_command(project, CreateClaim(document_id, "funding", start, start + len("KZT 5 bn for schools"),
                                            {"status": "planned"})).result

    assert isinstance(undo, DeleteAdoptingClaim) and undo.suggestion_ids == (five.id,)
    claim = claim_ops.get_claim(project, undo.claim_id)
    assert (claim.origin, claim.fields["status"], claim.fields["amount"]) == ("manual", "planned", "5000000000")
    assert claim.fields["currency"] == "KZT"
    assert [s.id for s in suggestion_ops.pending(project, kind="funding")] == [two.id]
    assert suggestion_ops.get_suggestion(project, five.id).claim_id == claim.id

    redo = run_command(project, undo).result
    assert _claims(project, document_id) == []
    assert {s.id for s in suggestion_ops.pending(project, kind="funding")} == {five.id, two.id}
    run_command(project, redo)
    assert claim_ops.get_claim(project, claim.id) == claim
    assert suggestion_ops.get_suggestion(project, five.id).state == "accepted"


def test_a_manual_tag_over_a_whole_sentence_takes_up_only_one_figure(project, tmp_path):
    document_id, text = _document(project, tmp_path, TWO_AMOUNTS)
    suggestion_ops.suggest_documents(project)
    undo = run_command(project, CreateClaim(document_id, "funding", 0, text.index(" in 2025"))).result
    assert len(undo.suggestion_ids) == 1
    assert claim_ops.get_claim(project, undo.claim_id).fields["amount"] == "5000000000"
    assert [s.fields["amount"] for s in suggestion_ops.pending(project, kind="funding")] == ["2000000000"]


def test_a_manual_tag_away_from_suggestions_stays_a_plain_create(project, tmp_path):
    document_id, text = _document(project, tmp_path, TWO_AMOUNTS)
    suggestion_ops.suggest_documents(project)
    start = text.index("schools")
    undo = run_command(project, CreateClaim(document_id, "funding", start, start + len("schools"))).result
    assert type(undo).__name__ == "DeleteClaim"
    assert len(suggestion_ops.pending(project, kind="funding")) == 2
