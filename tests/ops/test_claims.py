"""Claim commands through the ops layer: offsets, history, and undo by inverse commands."""

import sqlite3

import pytest

from claimdesk.core.claims import ClaimError, CreateClaim, DeleteClaim, EditClaim, RestoreClaim, snap_to_words
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import documents as document_ops
from claimdesk.ops.importing import import_paths
from claimdesk.store.project import StorageError
from tests.conftest import SAMPLES


@pytest.fixture
def clinic(project):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    [document] = document_ops.list_documents(project)
    return project, document.id, document_ops.document_text(project, document.id)


def test_snapping_widens_to_whole_words_and_trims_spaces():
    text = "has allocated 12.4 billion tenge for"
    start = text.index("located")
    assert snap_to_words(text, start, text.index("tenge") + 2) == (text.index("allocated"), text.index(" for"))
    assert snap_to_words(text, 3, 4) == (4, 4)  # only a space: empty
    assert snap_to_words(text, 20, 5) == snap_to_words(text, 5, 20)


def test_create_records_span_quote_context_and_history(clinic):
    project, doc_id, text = clinic
    at = text.index("12.4 billion tenge")
    undo = claim_ops.apply_command(project, CreateClaim(doc_id, "funding", at + 1, at + 16), actor="ana")
    assert isinstance(undo, DeleteClaim)
    claim = claim_ops.get_claim(project, undo.claim_id)
    assert (claim.quote, claim.start, claim.end) == ("12.4 billion tenge", at, at + 18)
    assert claim.prefix == text[at - 32:at] and claim.suffix == text[at + 18:at + 50]
    assert (claim.kind, claim.author, claim.status, claim.origin) == ("funding", "ana", "unverified", "manual")
    [event] = claim_ops.claim_history(project, claim.id)
    assert event["action"] == "create" and event["after"]["quote"] == claim.quote and event["before"] is None


def test_undo_and_redo_keep_the_same_claim_id(clinic):
    project, doc_id, text = clinic
    at = text.index("48 rural outpatient clinics")
    undo_create = claim_ops.apply_command(project, CreateClaim(doc_id, "target", at, at + 27))
    claim_id = undo_create.claim_id
    undo_edit = claim_ops.apply_command(project, EditClaim(claim_id, {"fields": {"quantity": "48"}}))
    assert claim_ops.get_claim(project, claim_id).fields == {"quantity": "48"}
    redo_edit = claim_ops.apply_command(project, undo_edit)            # undo the edit
    assert claim_ops.get_claim(project, claim_id).fields == {}
    redo_create = claim_ops.apply_command(project, undo_create)        # undo the create
    assert claim_ops.get_claim(project, claim_id) is None and isinstance(redo_create, RestoreClaim)
    claim_ops.apply_command(project, redo_create)                      # redo the create: same id
    claim_ops.apply_command(project, redo_edit)                        # redo the edit still applies
    assert claim_ops.get_claim(project, claim_id).fields == {"quantity": "48"}
    actions = [e["action"] for e in claim_ops.claim_history(project, claim_id)]
    assert actions == ["create", "edit", "edit", "delete", "restore", "edit"]


def test_resizing_recomputes_quote_and_changing_kind_is_undoable(clinic):
    project, doc_id, text = clinic
    at = text.index("Dana Serikbayeva")
    claim_id = claim_ops.apply_command(project, CreateClaim(doc_id, "statistic", at, at + 4)).claim_id
    undo = claim_ops.apply_command(project, EditClaim(claim_id, {"kind": "official", "start": at - 20, "end": at + 16}))
    claim = claim_ops.get_claim(project, claim_id)
    assert claim.kind == "official" and claim.quote == "Minister of Healthcare Dana Serikbayeva"
    claim_ops.apply_command(project, undo)
    claim = claim_ops.get_claim(project, claim_id)
    assert (claim.kind, claim.quote) == ("statistic", "Dana")


@pytest.mark.parametrize("command,message", [
    (lambda d: CreateClaim(d, "funding", 5, 99999), "outside the document"),
    (lambda d: CreateClaim(d, "no-such-kind", 0, 5), "no claim kind"),
    (lambda d: CreateClaim(999, "funding", 0, 5), "no document"),
    (lambda d: DeleteClaim(12345), "no claim #12345"),
    (lambda d: EditClaim(1, {"author": "someone"}), "cannot edit author"),
])
def test_bad_commands_change_nothing(clinic, command, message):
    project, doc_id, _text = clinic
    before = project.db.execute("SELECT count(*) FROM claim_events").fetchone()[0]
    with pytest.raises(ClaimError, match=message):
        claim_ops.apply_command(project, command(doc_id))
    assert project.db.execute("SELECT count(*) FROM claim_events").fetchone()[0] == before


def test_claims_go_on_articles_not_on_digest_pages(project):
    import_paths(project, [SAMPLES / "03-regional-digest.txt"])
    container, first_article, *_ = document_ops.list_documents(project)
    with pytest.raises(ClaimError, match="articles of a digest page"):
        claim_ops.apply_command(project, CreateClaim(container.id, "funding", 0, 10))
    text = document_ops.document_text(project, first_article.id)
    at = text.index("T21.6 billion")
    claim_id = claim_ops.apply_command(project, CreateClaim(first_article.id, "funding", at, at + 13)).claim_id
    assert claim_ops.get_claim(project, claim_id).quote == "T21.6 billion"


def test_pdf_claims_know_their_page(project):
    import_paths(project, [SAMPLES / "07-budget-execution.pdf"])
    [pdf] = document_ops.list_documents(project)
    text = document_ops.document_text(project, pdf.id)
    at = text.index("1,450 apartments")
    claim_id = claim_ops.apply_command(project, CreateClaim(pdf.id, "target", at, at + 16)).claim_id
    assert claim_ops.get_claim(project, claim_id).page == 2


def test_a_failed_history_write_rolls_back_the_claim(clinic, monkeypatch):
    project, doc_id, _text = clinic
    from claimdesk.store import claims as repo

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(repo, "record_claim_event", broken)
    with pytest.raises(StorageError, match="disk reported an error"):
        claim_ops.apply_command(project, CreateClaim(doc_id, "funding", 0, 10))
    assert claim_ops.claims_for_document(project, doc_id) == []
