"""Builds the fact sheet view-model from a project: the claims the options select, after
the integrity checks (failing claims are left out, or marked with ``force``), each with
its reference period and the subject and measure it is linked to, laid out subject ->
measure by ``exports.factsheet_layout`` (a conflict's other claim is cited even when it
is not itself exported, with its review status).

Who verified a claim is read from its history: the latest reviewer who set it verified
and is not its author. With the two-person rule on, a claim that only its author
verified (possible in projects from before the rule was enforced on every path) fails
a "two-person" check, so it is left out like any claim failing a check."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from claimdesk.core.claims import Claim
from claimdesk.core.integrity import ERROR
from claimdesk.core.kinds import TARGET
from claimdesk.core.model import StoredDocument
from claimdesk.core.values import format_value
from claimdesk.core.project_merge import from_another_project, status_timeline
from claimdesk.core.review import VERIFIED, same_person
from claimdesk.exports.factsheet import (KIND_ORDER, Citation, Counts, Entry, FactSheet, Section, Source,
                                        default_statement)
from claimdesk.ops import review as review_ops
from claimdesk.ops import subjects as subject_ops
from claimdesk.exports.factsheet_layout import about_of, citation, lay_out, period_label, reference_period
from claimdesk.ops.verify import verify
from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store import kinds as kinds_repo
from claimdesk.store import relations as relations_repo
from claimdesk.store import review as review_repo
from claimdesk.store.project import Project

@dataclass(frozen=True)
class ExportOptions:
    title: str = "Fact sheet"
    statuses: tuple[str, ...] = (VERIFIED,)  # add VERDICTS for published verdicts; draft: every status
    draft: bool = False
    kind: str | None = None
    document_id: int | None = None
    force: bool = False  # export claims failing checks, marked, instead of leaving them out
    timestamp: str | None = None  # fixed "generated at" for reproducible output

    def scope(self) -> str:
        parts = ["every status (internal draft)" if self.draft else "status: " + ", ".join(self.statuses)]
        if self.kind:
            parts.append(f"kind: {self.kind}")
        if self.document_id is not None:
            parts.append(f"document #{self.document_id}")
        return "; ".join(parts)


def build_factsheet(project: Project, options: ExportOptions, generated_at: str) -> FactSheet:
    db = project.db
    report = verify(project)
    failing: dict[int, list[str]] = {}
    for finding in report.findings:
        if finding.subject.startswith("claim #") and finding.severity == ERROR:
            failing.setdefault(int(finding.subject[7:]), []).append(f"{finding.check}: {finding.message}")
    two_person_rule = review_ops.two_person_rule(project)
    kinds = {k.name: k for k in kinds_repo.list_kinds(db)}
    documents = {d.id: d for d in documents_repo.list_documents(db)}
    all_relations = relations_repo.relations(db)
    relations = [r for r in all_relations if r["state"] == "confirmed"]
    sources: dict[int, Source] = {}
    sections: dict[str, list[Entry]] = {}
    selected, left_out, corrections = [], [], []
    all_claims = {c.id: c for c in claims_repo.all_claims(db)}
    for claim in in_scope(all_claims.values(), options):
        history = claims_repo.claim_history(db, claim.id)
        reviewer, reviewed_at, self_verified = _last_review(history, claim)
        if claim.status == VERIFIED and two_person_rule and (self_verified or not reviewer):
            why = f"verified only by its author, {claim.author}" if self_verified else "no verifying reviewer recorded"
            failing.setdefault(claim.id, []).append(f"two-person: {why}; another reviewer has to verify it")
            reviewer, reviewed_at, self_verified = "", "", False
        if claim.id in failing and not options.force:
            left_out.append(f"claim #{claim.id}: " + "; ".join(failing[claim.id]))
            continue
        document = documents[claim.document_id]
        source = sources.setdefault(document.id, _source(document, documents))
        shift = source.article_offset
        corrections += _corrections(history, claim.id)
        kind = kinds.get(claim.kind)
        fields_def = kind.fields if kind else ()
        entry = Entry(
            claim.id, claim.kind, claim.statement or default_statement(claim, fields_def),
            format_value(claim.fields, fields_def), claim.quote, claim.prefix, claim.suffix, source, claim.page,
            claim.start + shift, claim.end + shift, claim.status, reviewer, reviewed_at,
            claim.promise_status if claim.kind == TARGET else "",
            _related(relations, claim.id, "corroborates", all_claims, documents),
            _related(relations, claim.id, "conflicts", all_claims, documents),
            [_evidence(e) for e in review_repo.evidence_for(db, claim.id)],
            failing.get(claim.id, []), author=claim.author, fields=dict(claim.fields),
            self_verified=self_verified, created_at=claim.created_at, updated_at=claim.updated_at)
        entry.reference = reference_period(claim.kind, claim.fields,
                                           document.published.value if document.published else None)
        entry.period, entry.period_key = period_label(entry.reference), entry.reference.start if entry.reference else ""
        sections.setdefault(claim.kind, []).append(entry)
        selected.append(claim)
    ordered = [k for k in KIND_ORDER if k in sections] + sorted(k for k in sections if k not in KIND_ORDER)
    authors = sorted({claim.author for claim in selected})
    reviewers = sorted({e.reviewer for entries in sections.values() for e in entries if e.reviewer})
    statuses = review_repo.statuses(db)
    labels = [(k, kinds[k].label if k in kinds else k) for k in ordered]
    entries = [e for k in ordered for e in sections[k]]
    links = subject_ops.links_for_claims(project, [e.claim_id for e in entries])
    # with aliases; once per subject, not once per claim (a measure holds many claims)
    named = {subject_id: subject_ops.get_subject(project, subject_id)
             for subject_id in {s.id for s, _, _ in links.values()}}
    links = {claim_id: (named[s.id] or s, m, link) for claim_id, (s, m, link) in links.items()}
    for entry in entries:
        if entry.claim_id in links:
            entry.about = about_of(*links[entry.claim_id], [entry.fields])
    in_sheet = {e.claim_id for e in entries}

    def cite(claim_id: int) -> Citation | None:
        claim = all_claims.get(claim_id)
        if claim is None:
            return None
        document = documents[claim.document_id]
        source = sources.setdefault(document.id, _source(document, documents))
        kind = kinds.get(claim.kind)
        return citation(claim, document, source, kind.fields if kind else (), in_sheet=claim_id in in_sheet,
                        flags=failing.get(claim_id, ()))

    subjects, other = lay_out(entries, links, all_relations, cite, draft=options.draft, labels=dict(labels))
    return FactSheet(
        title=options.title, scope=options.scope(), generated_at=generated_at, authors=authors, reviewers=reviewers,
        statuses=statuses, two_person_rule=two_person_rule, draft=options.draft, forced=options.force,
        sections=[Section(k, label, sections[k]) for k, label in labels],
        counts=_counts(labels, sections, statuses),
        sources=sorted(sources.values(), key=lambda s: (s.published, s.title)),
        corrections=sorted(corrections), left_out=left_out, subjects=subjects, other=other)


def _source(document: StoredDocument, documents: dict[int, StoredDocument]) -> Source:
    page_document = documents.get(document.parent_id, document) if document.parent_id is not None else document
    return Source(document.id, document.title or document.file_name, document.publisher or page_document.publisher,
                  document.published.display() if document.published else "", document.source_url,
                  document.file_name, document.original_sha256, document.retrieved, page_document.id,
                  document.parent_offset or 0)  # a digest article starts at parent_offset in its page's text


def in_scope(claims: Iterable[Claim], options: ExportOptions) -> Iterator[Claim]:
    """The claims the options select by status, kind and document (before any check)."""
    for claim in claims:
        if not options.draft and claim.status not in options.statuses:
            continue
        if (options.kind and claim.kind != options.kind) or (
                options.document_id is not None and claim.document_id != options.document_id):
            continue
        yield claim


def _counts(labels: list[tuple[str, str]], sections: dict[str, list[Entry]], statuses: list[str]) -> Counts:
    present = {e.status for entries in sections.values() for e in entries}
    columns = [s for s in statuses if s in present] + sorted(present - set(statuses))
    rows = [(label, [sum(e.status == s for e in sections[kind]) for s in columns], len(sections[kind]))
            for kind, label in labels]
    return Counts(columns, rows)


def _last_review(history: list[dict[str, Any]], claim: Claim) -> tuple[str, str, bool]:
    """(reviewer, date, verified by its author only) for the claim's current status.

    For "verified": the latest reviewer other than the author who set it verified since
    it last became verified, along the claim's own timeline (``status_timeline``: a merge
    puts another analyst's history beside it, which did not change this claim's status);
    the author is named only when nobody else did (then the third value is True and the
    caller decides whether that may be shown)."""
    if claim.status != VERIFIED:
        for event in status_timeline(history):
            if event["action"] == "review" and (event.get("after") or {}).get("status") == claim.status:
                return event["actor"], event["at"][:10], False
        return "", "", False
    by_author = None
    for event in status_timeline(history):
        before, after = event.get("before") or {}, event.get("after") or {}
        if "status" in after and after["status"] != VERIFIED:
            break  # before this the claim was not verified: earlier verifications no longer count
        sets_verified = before.get("status") != VERIFIED or before.get("promise_status") == after.get(
            "promise_status")
        if event["action"] != "review" or not sets_verified:
            continue
        if not same_person(event["actor"], claim.author):
            return event["actor"], event["at"][:10], False
        by_author = by_author or (event["actor"], event["at"][:10])
    if by_author:
        return by_author[0], by_author[1], True
    return "", "", False


def _corrections(history: list[dict[str, Any]], claim_id: int) -> list[tuple[str, str, int, str]]:
    """Changes made after the claim was first verified (another analyst's history that a
    merge put beside the claim's own changed their copy, not this claim)."""
    history = [event for event in history if not from_another_project(event)]
    verified_at = next((i for i, e in enumerate(history)
                        if (e.get("after") or {}).get("status") == VERIFIED), None)
    if verified_at is None:
        return []
    result = []
    for event in history[verified_at + 1:]:
        before, after = event.get("before") or {}, event.get("after") or {}
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k) and k != "updated_at")
        if not changed:
            continue  # e.g. a merge that filled nothing: in the claim's history, not a correction
        what = f"{event['action']}: {', '.join(changed)}" + (f" ({event['note']})" if event.get("note") else "")
        result.append((event["at"][:19], event["actor"], claim_id, what))
    return result


def _related(relations: list[dict[str, Any]], claim_id: int, kind: str, claims: dict[int, Claim],
             documents: dict[int, StoredDocument]) -> list[str]:
    found = []
    for relation in relations:
        if relation["kind"] != kind or claim_id not in (relation["first"], relation["second"]):
            continue
        other = claims.get(relation["second"] if relation["first"] == claim_id else relation["first"])
        if other is not None:
            document = documents.get(other.document_id)
            title = document.title if document else "?"
            found.append(f"{' '.join(other.quote.split())} — {title}")
    return found


def _evidence(item: dict[str, Any]) -> str:
    if item["kind"] == "url":
        return f"{item['url']} (retrieved {item['retrieved'] or 'date not recorded'})"
    if item["kind"] == "claim":
        return f"claim #{item['other_claim']}" + (f": {item['note']}" if item["note"] else "")
    return item["note"]
