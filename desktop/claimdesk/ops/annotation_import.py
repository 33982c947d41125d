"""Reading W3C Web Annotation exports into another project (the round trip): each
annotation is anchored in the document whose original has the same SHA-256."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from claimdesk.core.anchoring import ORPHANED, reanchor
from claimdesk.core.claims import ClaimError, CreateClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import merging
from claimdesk.store import documents as documents_repo
from claimdesk.store.events import current_actor
from claimdesk.store.project import Project


def import_annotations(project: Project, path: Path, *,
                       merged_into: list[int] | None = None) -> tuple[int, list[str]]:
    """(claims created, problems). Each claim is created where its quote anchors, unless a
    claim there already states its fact (``core.claim_merge``): then the annotation fills
    that claim's empty fields instead, and the claim's id is appended to ``merged_into``."""
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
        placed = _place(project, documents, position, quote)
        if placed is None:
            problems.append(f"{item.get('id', '?')}: no document here holds {quote['exact'][:40]!r}")
            continue
        fields = (bodies.get("describing") or {}).get("fields") or {}
        merged = _create_or_merge(project, placed[0], kind, placed[1].start, placed[1].end, fields,
                                  item.get("id", "?"))
        if merged is None:
            created += 1
        elif merged_into is not None:
            merged_into.append(merged)
    return created, problems


def _create_or_merge(project: Project, document_id: int, kind: str, start: int, end: int, fields: dict,
                     annotation_id: str) -> int | None:
    """Creates the imported claim, or merges it into the claim that states its fact and
    returns that claim's id."""
    with project.db.atomic():
        target = merging.find_target(project, merging.span_proposal(project, document_id, kind, start, end, fields))
        if target is not None:
            merging.merge_into(project, target, fields, f"imported annotation {annotation_id}", current_actor())
            return target.id
        claim_ops.apply_command(project, CreateClaim(document_id, kind, start, end, fields, origin="imported"))
    return None


def _place(project: Project, documents, position: dict, quote: dict):
    """(document id, anchor in that document) for a quote whose TextPositionSelector counts
    in the original's text: a digest page's text for its articles, so a claim is anchored
    in the page and given to the article that holds it, at article offsets. Exports from
    before positions counted in the page are still placed: each article is tried with the
    positions as they were written."""
    start, end = position.get("start", 0), position.get("end", 0)
    selector = (quote["exact"], quote.get("prefix", ""), quote.get("suffix", ""))
    for document in documents:
        text = documents_repo.document_text(project.db, document.id)
        anchor = reanchor(text, start, end, *selector)
        if not document.is_container:
            if anchor.state != ORPHANED:
                return document.id, anchor
            continue
        articles = [(a, documents_repo.document_text(project.db, a.id)) for a in
                    documents_repo.articles_of(project.db, document.id)]
        if anchor.state != ORPHANED:
            for article, article_text in articles:
                offset = article.parent_offset or 0
                if offset <= anchor.start and anchor.end <= offset + len(article_text):
                    return article.id, replace(anchor, start=anchor.start - offset, end=anchor.end - offset)
        for article, article_text in articles:
            fallback = reanchor(article_text, start, end, *selector)
            if fallback.state != ORPHANED:
                return article.id, fallback
    return None
