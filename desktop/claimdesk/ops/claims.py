"""Claim actions: create, delete, restore and edit, each returning its inverse.

``apply_command`` runs one command in one transaction, appends to the claim's history
(claim_events) and returns the command that undoes it. Undoing a create yields a
restore of the same claim, so redo brings back the same id and later commands that
name it stay valid; undoing a delete also brings back the merge disagreements it deleted.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from dataclasses import replace
from typing import Any, overload

from claimdesk.core.claims import (ORDERINGS, Claim, ClaimError, ClaimFilter, ClaimRow, CreateClaim, DeleteClaim,
                                   EditClaim, RestoreClaim, quote_selector, snap_to_words)
from claimdesk.core.fields import check_fields
from claimdesk.core.kinds import Kind
from claimdesk.core.review import VERIFIED, check_review
from claimdesk.core.search import to_fts_query
from claimdesk.core.statuses import UNVERIFIED
from claimdesk.core.suggestion_commands import DeleteAdoptingClaim
from claimdesk.ops.changes import Changes
from claimdesk.store import claims as repo
from claimdesk.store import documents as documents_repo
from claimdesk.store import kinds as kinds_repo
from claimdesk.store import review as review_repo
from claimdesk.store.events import current_actor, now_iso
from claimdesk.store.project import Project, storage_errors

EDITABLE = {"kind", "start", "end", "fields", "status", "note", "promise_status", "statement"}
Command = CreateClaim | DeleteClaim | RestoreClaim | EditClaim


@overload
def apply_command(project: Project, command: EditClaim, actor: str | None = None) -> EditClaim: ...
@overload
def apply_command(project: Project, command: CreateClaim | RestoreClaim, actor: str | None = None) -> DeleteClaim: ...
@overload
def apply_command(project: Project, command: DeleteClaim, actor: str | None = None) -> RestoreClaim: ...
@overload
def apply_command(project: Project, command: Command, actor: str | None = None) -> Command: ...


def apply_command(project: Project, command: Command, actor: str | None = None) -> Command:
    actor = actor or current_actor()
    with storage_errors(), project.db.atomic():
        if isinstance(command, CreateClaim):
            return _create(project, command, actor)
        if isinstance(command, DeleteClaim):
            return _delete(project, command.claim_id, actor)
        if isinstance(command, RestoreClaim):
            return _restore(project, command, actor)
        if isinstance(command, EditClaim):
            return _edit(project, command, actor)
    raise TypeError(f"not a claim command: {command!r}")


def command_changes(project: Project, command: Command, inverse: Command | DeleteAdoptingClaim) -> Changes:
    """What a claim command did, once applied (``inverse`` is what it returned): the claim and
    its document; a claim that came or went, or changed kind, moves in the claims table, and a
    deleted or restored claim's subject link went or came back with it. A manual tag that took
    up pending suggestions (``ops.suggestions.create_claim_adopting``) is undone by a
    DeleteAdoptingClaim."""
    if isinstance(command, EditClaim):
        claim = repo.get_claim(project.db, command.claim_id)
        return Changes(claims=frozenset({command.claim_id}),
                       documents=frozenset({claim.document_id}) if claim is not None else frozenset(),
                       structural="kind" in command.changes)
    if isinstance(command, CreateClaim) and isinstance(inverse, (DeleteClaim, DeleteAdoptingClaim)):
        claim_id, document_id = inverse.claim_id, command.document_id
    elif isinstance(command, DeleteClaim) and isinstance(inverse, RestoreClaim):
        claim_id, document_id = inverse.claim.id, inverse.claim.document_id
    elif isinstance(command, RestoreClaim):
        claim_id, document_id = command.claim.id, command.claim.document_id
    else:
        raise TypeError(f"{inverse!r} does not undo {command!r}")
    return Changes(claims=frozenset({claim_id}), documents=frozenset({document_id}), structural=True,
                   subjects=not isinstance(command, CreateClaim))


def get_claim(project: Project, claim_id: int) -> Claim | None:
    return repo.get_claim(project.db, claim_id)


def claims_for_document(project: Project, document_id: int) -> list[Claim]:
    return repo.claims_for_document(project.db, document_id)


def claim_history(project: Project, claim_id: int) -> list[dict[str, Any]]:
    return repo.claim_history(project.db, claim_id)


def _create(project: Project, command: CreateClaim, actor: str) -> DeleteClaim:
    _check_types({"kind": command.kind, "start": command.start, "end": command.end, "fields": command.fields})
    return DeleteClaim(DocumentClaimWriter(project, command.document_id).create(command, actor).id)


class DocumentClaimWriter:
    """Creates claims in one document by the rules of ``apply_command``'s CreateClaim,
    reading the document, its text, pages and the kinds once: a run of accepts in one
    transaction (call inside it) pays for them once, not per claim."""

    def __init__(self, project: Project, document_id: int, text: str | None = None):
        document = documents_repo.get_document(project.db, document_id)
        if document is None:
            raise ClaimError(f"no document #{document_id}")
        if document.is_container:
            raise ClaimError("claims are marked in the articles of a digest page, not on the page itself")
        self.project, self.document = project, document
        self.text = document_text(project, document.id) if text is None else text
        self.kinds = {k.name: k for k in kinds_repo.list_kinds(project.db)}
        self.pages = documents_repo.document_pages(project.db, document.id) if document.page_count else []

    def create(self, command: CreateClaim, actor: str) -> Claim:
        kind = self.kinds.get(command.kind)
        if kind is None:
            raise ClaimError(f"no claim kind named {command.kind!r}")
        check_fields(kind, command.fields)
        start, end = _span(self.text, command.start, command.end)
        quote, prefix, suffix = quote_selector(self.text, start, end)
        now = now_iso()
        page = next((p.number for p in self.pages if p.start <= start <= p.end), None)
        claim = Claim(id=0, document_id=self.document.id, kind=command.kind, start=start, end=end, quote=quote,
                      prefix=prefix, suffix=suffix, page=page, fields=dict(command.fields), status=UNVERIFIED,
                      origin=command.origin, confidence=command.confidence, author=actor, created_at=now,
                      updated_at=now, anchor_state="anchored")
        claim = replace(claim, id=repo.insert_claim(self.project.db, claim))
        repo.record_claim_event(self.project.db, claim.id, now, actor, "create", None, _snapshot(claim))
        return claim


def _delete(project: Project, claim_id: int, actor: str) -> RestoreClaim:
    claim = require_claim(project, claim_id)
    # the delete trigger takes the claim's open merge disagreements with it; the undo puts them back
    dropped = tuple(repo.disagreements_deleted_with(project.db, claim_id))
    repo.delete_claim(project.db, claim_id)
    repo.record_claim_event(project.db, claim_id, now_iso(), actor, "delete", _snapshot(claim), None)
    return RestoreClaim(claim, dropped)


def _restore(project: Project, command: RestoreClaim, actor: str) -> DeleteClaim:
    claim = command.claim
    if repo.get_claim(project.db, claim.id) is not None:
        raise ClaimError(f"claim #{claim.id} already exists")
    repo.insert_claim(project.db, claim, with_id=True)
    repo.put_back_disagreements(project.db, command.disagreements)
    repo.record_claim_event(project.db, claim.id, now_iso(), actor, "restore", None, _snapshot(claim))
    return DeleteClaim(claim.id)


def _edit(project: Project, command: EditClaim, actor: str) -> EditClaim:
    unknown = set(command.changes) - EDITABLE
    if unknown:
        raise ClaimError(f"cannot edit {', '.join(sorted(unknown))} of a claim")
    _check_types(command.changes)
    before = require_claim(project, command.claim_id)
    check_review(before, command.changes, actor, review_repo.statuses(project.db),
                 review_repo.two_person_rule(project.db))
    after = replace(before, **command.changes, updated_at=now_iso())
    if {"kind", "fields"} & set(command.changes):
        kind = _require_kind(project, after.kind)
        if "fields" in command.changes:
            check_fields(kind, after.fields, held=before.fields, claim_label=f"claim #{before.id}")
    if {"start", "end"} & set(command.changes):
        text = document_text(project, before.document_id)
        start, end = _span(text, after.start, after.end)
        quote, prefix, suffix = quote_selector(text, start, end)
        after = replace(after, start=start, end=end, quote=quote, prefix=prefix, suffix=suffix,
                        page=_page(project, before.document_id, start))
    reason = command.reason
    if before.status == VERIFIED and "status" not in command.changes and _verified_content_changed(before, after):
        after = replace(after, status=REOPENED_STATUS)
        reason = "; ".join(filter(None, [reason, REOPENED_REASON]))
    repo.update_claim(project.db, after)
    action = "review" if {"status", "promise_status"} & set(command.changes) else "edit"
    repo.record_claim_event(project.db, before.id, after.updated_at, actor, action, _snapshot(before),
                            _snapshot(after), reason)
    # the inverse restores what was changed, not "verified": content put back is verified again
    # by a reviewer, never by an undo (which, for the author, the two-person rule would refuse)
    return EditClaim(before.id, {key: getattr(before, key) for key in command.changes},
                     f"undo: {command.reason}" if command.reason else "")


# What a reviewer verified: the span, the kind, the values and the sheet's statement. Changing
# any of them on a verified claim reopens its review, so a fact sheet never names a verifier for
# content nobody verified (notes and the promise status are not what was verified).
VERIFIED_CONTENT = ("kind", "start", "end", "quote", "fields", "statement")
REOPENED_STATUS = UNVERIFIED
REOPENED_REASON = "verification reopened: what was verified changed"


def _verified_content_changed(before: Claim, after: Claim) -> bool:
    return any(getattr(before, name) != getattr(after, name) for name in VERIFIED_CONTENT)


# what each claim attribute holds; a script's "5" for a span or None for a note is refused
# here with the attribute named, not stored as text or turned into a storage error
_TYPES = {"start": int, "end": int, "kind": str, "note": str, "statement": str, "status": str,
          "promise_status": str, "fields": dict}
_TYPE_NAMES = {int: "a whole number", str: "text", dict: "an object of field values"}


def _check_types(values: dict[str, Any]) -> None:
    for key, value in values.items():
        wanted = _TYPES.get(key)
        if wanted is not None and (not isinstance(value, wanted) or isinstance(value, bool)):
            raise ClaimError(f"a claim's {key} must be {_TYPE_NAMES[wanted]}, not {value!r}")


def document_text(project: Project, document_id: int) -> str:
    """The text claims are marked in; a ClaimError when there is no such document."""
    text = documents_repo.document_text(project.db, document_id)
    if text is None:
        raise ClaimError(f"no document #{document_id}")
    return text


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    if not (0 <= start <= len(text) and 0 <= end <= len(text)):
        raise ClaimError(f"span {start}-{end} lies outside the document (length {len(text)})")
    start, end = snap_to_words(text, start, end)
    if start >= end:
        raise ClaimError("the selection holds no text")
    return start, end


def _page(project: Project, document_id: int, offset: int) -> int | None:
    for page in documents_repo.document_pages(project.db, document_id):
        if page.start <= offset <= page.end:
            return page.number
    return None


def _require_kind(project: Project, name: str) -> Kind:
    kind = next((k for k in kinds_repo.list_kinds(project.db) if k.name == name), None)
    if kind is None:
        raise ClaimError(f"no claim kind named {name!r}")
    return kind


def require_claim(project: Project, claim_id: int) -> Claim:
    """The claim; a ClaimError when there is none (deleted, or never made)."""
    claim = repo.get_claim(project.db, claim_id)
    if claim is None:
        raise ClaimError(f"no claim #{claim_id}")
    return claim


_CLAIM_FIELDS = tuple(f.name for f in dataclass_fields(Claim))


def _snapshot(claim: Claim) -> dict[str, Any]:
    """The claim as its history stores it (asdict's deep copy, the cost of a bulk accept, is
    not needed: the snapshot is written as JSON at once)."""
    return {name: getattr(claim, name) for name in _CLAIM_FIELDS}


def claim_ids(project: Project, claim_filter: ClaimFilter) -> list[int]:
    if claim_filter.order_by not in ORDERINGS:
        raise ValueError(f"cannot sort claims by {claim_filter.order_by!r}")
    return repo.claim_ids(project.db, kind=claim_filter.kind, status=claim_filter.status,
                          document_id=claim_filter.document_id, fts_query=to_fts_query(claim_filter.text),
                          order_by=claim_filter.order_by, descending=claim_filter.descending,
                          anchor_state=claim_filter.anchor_state, relation=claim_filter.relation,
                          subject_id=claim_filter.subject_id)


def claim_rows(project: Project, ids: list[int]) -> dict[int, ClaimRow]:
    return repo.claim_rows(project.db, ids)


def count_claims(project: Project) -> int:
    return repo.count_claims(project.db)
