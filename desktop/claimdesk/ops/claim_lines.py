"""Claims (or pending suggestions) as JSON lines, in the shape ../shared/tools/eval_claims.py
reads: {"doc": original file name, "kind", "start", "end", "quote", "fields"}. Offsets
address the stored text of the file's top-level document, so a claim in a digest
article is shifted by the article's offset in its page; decimals stay strings."""

from __future__ import annotations

from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store import suggestions as suggestions_repo
from claimdesk.store.project import Project


def claim_lines(project: Project, suggestions: bool = False, document_id: int | None = None) -> list[dict]:
    lines = []
    for document in documents_repo.list_documents(project.db):
        if document.is_container or (document_id is not None and document.id != document_id):
            continue
        shift = document.parent_offset or 0
        text = documents_repo.document_text(project.db, document.id)
        if suggestions:
            items = [(s.kind, s.start, s.end, s.fields, s.confidence)
                     for s in suggestions_repo.suggestions_for(project.db, document.id, "pending")]
        else:
            items = [(c.kind, c.start, c.end, c.fields, c.confidence)
                     for c in claims_repo.claims_for_document(project.db, document.id)]
        for kind, start, end, fields, confidence in items:
            line = {"doc": document.file_name, "document_id": document.id, "kind": kind, "start": start + shift,
                    "end": end + shift, "quote": text[start:end], "fields": fields}
            if confidence is not None:
                line["confidence"] = confidence
            lines.append(line)
    return lines
