"""Reading W3C Web Annotation exports into another project (the round trip): each
annotation is anchored in the document whose original has the same SHA-256. A
``classifying`` body links the claim to its subject's measure (found by name or alias,
else added), with the exported link's state and source 'import'."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from claimdesk.core.anchoring import ORPHANED, Anchor, reanchor
from claimdesk.core.claims import ClaimError, CreateClaim
from claimdesk.core.model import StoredDocument
from claimdesk.core.subjects_model import LINK_STATES, SUBJECT_CATEGORIES, UNIT_CLASSES, LinkClaimMeasure
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import merging
from claimdesk.ops import subjects as subject_ops
from claimdesk.store import documents as documents_repo
from claimdesk.store import events
from claimdesk.store import subjects as subjects_repo
from claimdesk.store.events import current_actor
from claimdesk.store.project import Project

JSON = dict[str, Any]  # an object of the annotation file


def import_annotations(project: Project, path: Path, *,
                       merged_into: list[int] | None = None) -> tuple[int, list[str]]:
    """(claims created, problems). Each claim is created where its quote anchors, unless a
    claim there already states its fact (``core.claim_merge``): then the annotation fills
    that claim's empty fields instead, and the claim's id is appended to ``merged_into``.

    One transaction with one event. A malformed annotation or a value the project refuses
    (unknown kind, a field that is not a number …) is bad input: nothing is imported and the
    ClaimError names the file and every such annotation. An annotation whose source is not
    in this project is only skipped and listed in the problems, as the file itself is sound."""
    items = _items(path)
    created, problems, refused, merged = 0, [], [], []
    with project.db.atomic():
        for index, item in enumerate(items):
            try:
                annotation_id, sha256, quote, position, kind, fields, classification = _read(item, index)
            except ValueError as exc:
                refused.append(str(exc))
                continue
            documents = list(documents_repo.documents_with_original(project.db, sha256))
            placed = _place(project, documents, position, quote)
            if placed is None:
                problems.append(f"{annotation_id}: no document here holds {quote['exact'][:40]!r}")
                continue
            try:
                into = _create_or_merge(project, placed[0], kind, placed[1], placed[2], fields,
                                        annotation_id, classification)
            except ClaimError as exc:
                refused.append(f"{annotation_id}: {exc}")
                continue
            if into is None:
                created += 1
            else:
                merged.append(into)
        if refused:
            raise ClaimError(f"{path}: {len(refused)} annotation(s) cannot be imported, so nothing was: "
                             + "; ".join(refused[:10]) + ("; …" if len(refused) > 10 else ""))
        events.record_event(project.db, "annotations.import", str(path),
                            {"created": created, "merged": len(merged), "skipped": len(problems)})
    if merged_into is not None:
        merged_into.extend(merged)
    return created, problems


def _items(path: Path) -> list[Any]:
    try:
        collection = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ClaimError(f"{path}: not a W3C Web Annotation export ({exc})") from None
    if isinstance(collection, dict) and collection.get("type") == "AnnotationCollection":
        collection = (collection.get("first") or {}).get("items") if isinstance(collection.get("first"), dict) else None
    if not isinstance(collection, list):
        raise ClaimError(f"{path}: not a W3C Web Annotation export (expected an AnnotationCollection "
                         "or a list of annotations)")
    return collection


def _read(item: object, index: int) -> tuple[str, str, JSON, JSON, str, JSON, JSON | None]:
    """(id, original's SHA-256, quote selector, position selector, kind, fields, the
    classifying body's subject and measure or None), or a ValueError naming the annotation
    and what is wrong with it."""
    if not isinstance(item, dict):
        raise ValueError(f"item {index + 1}: not an annotation object")
    annotation_id = str(item.get("id") or f"item {index + 1}")
    target = item.get("target")
    selectors = target.get("selector") if isinstance(target, dict) else None
    if (not isinstance(target, dict) or not isinstance(selectors, list)
            or not all(isinstance(s, dict) for s in selectors)):
        raise ValueError(f"{annotation_id}: missing target or selectors")
    by_type = {s.get("type"): s for s in selectors}
    quote, position = by_type.get("TextQuoteSelector"), by_type.get("TextPositionSelector") or {}
    if not isinstance(quote, dict) or not isinstance(quote.get("exact"), str) or not quote["exact"]:
        raise ValueError(f"{annotation_id}: no TextQuoteSelector with the exact text")
    if any(not isinstance(quote.get(k, ""), str) for k in ("prefix", "suffix")):
        raise ValueError(f"{annotation_id}: the quote's prefix and suffix must be text")
    if any(type(position.get(k, 0)) is not int or position.get(k, 0) < 0 for k in ("start", "end")):
        raise ValueError(f"{annotation_id}: TextPositionSelector start and end must be whole numbers")
    bodies = item.get("body", [])
    bodies = [bodies] if isinstance(bodies, dict) else bodies
    if not isinstance(bodies, list) or not all(isinstance(b, dict) for b in bodies):
        raise ValueError(f"{annotation_id}: its body is not a list of objects")
    by_purpose = {b.get("purpose"): b for b in bodies}
    kind = (by_purpose.get("tagging") or {}).get("value")
    if not isinstance(kind, str) or not kind:
        raise ValueError(f"{annotation_id}: no tagging body naming the claim kind")
    fields = (by_purpose.get("describing") or {}).get("fields") or {}
    if not isinstance(fields, dict):
        raise ValueError(f"{annotation_id}: the describing body's fields must be an object")
    try:
        classification = _classification(by_purpose.get("classifying"))
    except ValueError as exc:
        raise ValueError(f"{annotation_id}: its classifying body {exc}") from None
    sha256 = target.get("sha256", "")
    return annotation_id, sha256 if isinstance(sha256, str) else "", quote, position, kind, fields, classification


def _create_or_merge(project: Project, document_id: int, kind: str, start: int, end: int, fields: JSON,
                     annotation_id: str, classification: JSON | None = None) -> int | None:
    """Creates the imported claim, or merges it into the claim that states its fact and
    returns that claim's id; links either to the classification's measure, unless the
    claim already has a link or the analyst removed one."""
    with project.db.atomic():  # inside import_annotations: a savepoint of its one transaction
        target = merging.find_target(project, merging.span_proposal(project, document_id, kind, start, end, fields))
        if target is not None:
            merging.merge_into(project, target, fields, f"imported annotation {annotation_id}", current_actor())
            _link(project, target.id, classification)
            return target.id
        created = claim_ops.apply_command(project, CreateClaim(document_id, kind, start, end, fields,
                                                               origin="imported"))
        _link(project, created.claim_id, classification)
    return None


def _classification(body: JSON | None) -> JSON | None:
    """The subject, measure and link state of a classifying body, checked; None without one."""
    if body is None:
        return None
    data: Any = body.get("classification")  # as the file has it: a wrong shape fails below
    try:
        subject, measure = data["subject"], data["measure"]
        result = {"subject": str(subject["name"]).strip(), "category": subject.get("category") or "programme",
                  "aliases": [str(a) for a in subject.get("aliases") or []], "measure": str(measure["name"]).strip(),
                  "unit_class": measure.get("unitClass") or "other", "unit": measure.get("unit") or None,
                  "state": data.get("state") or "proposed"}
    except (KeyError, TypeError, AttributeError):
        raise ValueError("lacks classification.subject.name or classification.measure.name") from None
    if not result["subject"] or not result["measure"]:
        raise ValueError("has an empty subject or measure name")
    for key, allowed in (("category", SUBJECT_CATEGORIES), ("unit_class", UNIT_CLASSES), ("state", LINK_STATES)):
        if result[key] not in allowed:
            raise ValueError(f"has {key} {result[key]!r}, not one of {', '.join(allowed)}")
    return result


def _link(project: Project, claim_id: int, classification: JSON | None) -> None:
    """Links the claim as the export did (source 'import'), unless it has a link already or
    the analyst removed its link."""
    if classification is None or subject_ops.link_of(project, claim_id) is not None or \
            subjects_repo.is_removed(project.db, claim_id):
        return
    subject = subject_ops.find_or_add_subject(project, classification["subject"], classification["category"],
                                              classification["aliases"])
    measure = subject_ops.find_or_add_measure(project, subject.id, classification["measure"],
                                              classification["unit_class"], classification["unit"])
    subject_ops.apply_link(project, LinkClaimMeasure(claim_id, measure.id, classification["state"], source="import"))


def _place(project: Project, documents: Iterable[StoredDocument], position: dict[str, Any],
           quote: dict[str, Any]) -> tuple[int, int, int] | None:
    """(document id, start, end in that document) for a quote whose TextPositionSelector counts
    in the original's text: a digest page's text for its articles, so a claim is anchored
    in the page and given to the article that holds it, at article offsets. Exports from
    before positions counted in the page are still placed: each article is tried with the
    positions as they were written."""
    start, end = position.get("start", 0), position.get("end", 0)
    selector = (quote["exact"], quote.get("prefix", ""), quote.get("suffix", ""))
    for document in documents:
        text = claim_ops.document_text(project, document.id)
        span = _span(reanchor(text, start, end, *selector))
        if not document.is_container:
            if span is not None:
                return document.id, span[0], span[1]
            continue
        articles = [(a, claim_ops.document_text(project, a.id)) for a in
                    documents_repo.articles_of(project.db, document.id)]
        if span is not None:
            for article, article_text in articles:
                offset = article.parent_offset or 0
                if offset <= span[0] and span[1] <= offset + len(article_text):
                    return article.id, span[0] - offset, span[1] - offset
        for article, article_text in articles:
            fallback = _span(reanchor(article_text, start, end, *selector))
            if fallback is not None:
                return article.id, fallback[0], fallback[1]
    return None


def _span(anchor: Anchor) -> tuple[int, int] | None:
    """Where an anchor landed; None for an orphan (the one state without a span)."""
    if anchor.state == ORPHANED or anchor.start is None or anchor.end is None:
        return None
    return anchor.start, anchor.end
