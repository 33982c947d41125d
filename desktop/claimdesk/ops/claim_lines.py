"""Claims (or pending suggestions) as JSON lines for scripts and for
../shared/tools/eval_claims.py, which reads {"doc": original file name, "kind", "start",
"end", "quote", "fields"}. Offsets address the stored text of the file's top-level
document, so a claim in a digest article is shifted by the article's offset in its page;
decimals stay strings.

Every line also names what other commands take: a claim line carries the claim's ``id``
(what ``review``, ``relations`` and evidence name), ``status``, ``origin`` and
``document_id`` (the article's id for a digest), with ``"suggestion": false``. A
suggestion line carries the *suggestion's* id as ``id`` with ``"suggestion": true``, its
state as ``status`` ("pending") and ``origin`` "detector"; it is not a claim id.
A claim with open disagreements from a project merge carries them as ``disagreements``
(each with both values and who set them; see ``claimdesk disagreements``); the key is
left out when there are none.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from claimdesk.core.claims import Claim
from claimdesk.core.model import StoredDocument
from claimdesk.core.review import known_status
from claimdesk.ops import merge_disagreements
from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store import review as review_repo
from claimdesk.store import suggestions as suggestions_repo
from claimdesk.store.project import Project

ClaimLine = dict[str, Any]  # one claim or suggestion as the CLI prints it (JSON)


def claim_lines(project: Project, suggestions: bool = False, document_id: int | None = None,
                status: str | None = None) -> list[ClaimLine]:
    """``status``: only claims with this review status (any of the project's, its own
    spelling found regardless of case; UnknownStatus otherwise); not for suggestions."""
    if status is not None:
        status = known_status(review_repo.statuses(project.db), status)
    lines = []
    disagreements = {} if suggestions else merge_disagreements.open_by_claim(project)
    for document in documents_repo.list_documents(project.db):
        if document.is_container or (document_id is not None and document.id != document_id):
            continue
        text = documents_repo.document_text(project.db, document.id) or ""
        if suggestions:
            for s in suggestions_repo.suggestions_for(project.db, document.id, "pending"):
                lines.append(_line(document, text, s.id, True, s.kind, s.state, "detector", s.start, s.end,
                                   s.fields, s.confidence))
        else:
            claims = claims_repo.claims_for_document(project.db, document.id)
            lines.extend(claim_line(claim, document, text, disagreements.get(claim.id, ())) for claim in claims
                         if status is None or claim.status == status)
    return lines


def claim_line(claim: Claim, document: StoredDocument, text: str,
               disagreements: Iterable[dict[str, Any]] = ()) -> ClaimLine:
    """One claim's line; ``text`` is its document's stored text, ``disagreements`` its open
    ones as stored (``merge_disagreements.open_by_claim``)."""
    line = _line(document, text, claim.id, False, claim.kind, claim.status, claim.origin, claim.start, claim.end,
                 claim.fields, claim.confidence)
    shift = document.parent_offset or 0
    listed = [merge_disagreements.disagreement_line(row, shift) for row in disagreements]
    if listed:
        line["disagreements"] = listed
    return line


def claim_lines_by_id(project: Project, claim_ids: Iterable[int]) -> dict[int, ClaimLine]:
    """Lines of the given claims (the ones that exist), each document's text read once."""
    documents: dict[int, StoredDocument | None] = {}
    texts: dict[int, str] = {}
    lines: dict[int, ClaimLine] = {}
    for claim_id in sorted(set(claim_ids)):
        claim = claims_repo.get_claim(project.db, claim_id)
        if claim is None:
            continue
        if claim.document_id not in documents:
            documents[claim.document_id] = documents_repo.get_document(project.db, claim.document_id)
            texts[claim.document_id] = documents_repo.document_text(project.db, claim.document_id) or ""
        document = documents[claim.document_id]
        if document is not None:  # always: a claim's document cannot be deleted before the claim
            lines[claim_id] = claim_line(claim, document, texts[claim.document_id])
    return lines


def _line(document: StoredDocument, text: str, item_id: int, suggestion: bool, kind: str, status: str,
          origin: str, start: int, end: int, fields: dict[str, Any], confidence: float | None) -> ClaimLine:
    shift = document.parent_offset or 0
    line = {"id": item_id, "suggestion": suggestion, "doc": document.file_name, "document_id": document.id,
            "document_title": document.title, "kind": kind, "status": status, "origin": origin,
            "start": start + shift, "end": end + shift, "quote": text[start:end], "fields": fields}
    if confidence is not None:
        line["confidence"] = confidence
    return line
