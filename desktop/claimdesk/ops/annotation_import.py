"""Reading W3C Web Annotation exports into another project (the round trip): each
annotation is anchored in the document whose original has the same SHA-256."""

from __future__ import annotations

import json
from pathlib import Path

from claimdesk.core.anchoring import ORPHANED, reanchor
from claimdesk.core.claims import ClaimError, CreateClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.store import documents as documents_repo
from claimdesk.store.project import Project


def import_annotations(project: Project, path: Path) -> tuple[int, list[str]]:
    """(claims created, problems). Each claim is created where its quote anchors."""
    try:
        collection = json.loads(Path(path).read_text(encoding="utf-8"))
        items = collection["first"]["items"] if collection.get("type") == "AnnotationCollection" else collection
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ClaimError(f"{path}: not a W3C Web Annotation export ({exc})") from None
    created, problems = 0, []
    for item in items:
        try:
            target = item["target"]
            selectors = {s["type"]: s for s in target["selector"]}
            quote, position = selectors["TextQuoteSelector"], selectors.get("TextPositionSelector", {})
            bodies = {b.get("purpose"): b for b in item.get("body", [])}
            kind = bodies["tagging"]["value"]
        except (KeyError, TypeError):
            problems.append(f"{item.get('id', '?')}: missing target, selectors or tagging body")
            continue
        documents = [d for d in documents_repo.documents_with_original(project.db, target.get("sha256", ""))]
        placed = None
        for document in _with_articles(project, documents):
            text = documents_repo.document_text(project.db, document.id)
            anchor = reanchor(text, position.get("start", 0), position.get("end", 0), quote["exact"],
                              quote.get("prefix", ""), quote.get("suffix", ""))
            if anchor.state != ORPHANED:
                placed = (document.id, anchor)
                break
        if placed is None:
            problems.append(f"{item.get('id', '?')}: no document here holds {quote['exact'][:40]!r}")
            continue
        fields = (bodies.get("describing") or {}).get("fields") or {}
        claim_ops.apply_command(project, CreateClaim(placed[0], kind, placed[1].start, placed[1].end, fields,
                                               origin="imported"))
        created += 1
    return created, problems


def _with_articles(project: Project, documents):
    for document in documents:
        if document.is_container:
            yield from documents_repo.articles_of(project.db, document.id)
        else:
            yield document
