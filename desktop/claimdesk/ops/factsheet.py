"""Builds the fact sheet view-model from a project: the claims the options select, after
the integrity checks (failing claims are left out, or marked with ``force``)."""

from __future__ import annotations

from dataclasses import dataclass

from claimdesk.core.integrity import ERROR
from claimdesk.core.values import format_value
from claimdesk.exports.factsheet import (KIND_ORDER, Entry, FactSheet, Section, Source, default_statement,
                                         funding_totals)
from claimdesk.ops.verify import verify
from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store import kinds as kinds_repo
from claimdesk.store import relations as relations_repo
from claimdesk.store import review as review_repo
from claimdesk.store.project import Project

VERDICTS = ("disputed", "false", "inconclusive")


@dataclass(frozen=True)
class ExportOptions:
    title: str = "Fact sheet"
    statuses: tuple[str, ...] = ("verified",)  # add VERDICTS for published verdicts; draft: every status
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
    kinds = {k.name: k for k in kinds_repo.list_kinds(db)}
    documents = {d.id: d for d in documents_repo.list_documents(db)}
    relations = [r for r in relations_repo.relations(db) if r["state"] == "confirmed"]
    sources: dict[int, Source] = {}
    sections: dict[str, list[Entry]] = {}
    selected, left_out, corrections = [], [], []
    all_claims = {c.id: c for c in claims_repo.all_claims(db)}
    for claim in all_claims.values():
        if not options.draft and claim.status not in options.statuses:
            continue
        if (options.kind and claim.kind != options.kind) or (
                options.document_id is not None and claim.document_id != options.document_id):
            continue
        if claim.id in failing and not options.force:
            left_out.append(f"claim #{claim.id}: " + "; ".join(failing[claim.id]))
            continue
        document = documents[claim.document_id]
        page_document = documents.get(document.parent_id, document)
        source = sources.setdefault(document.id, Source(
            document.id, document.title or document.file_name, document.publisher or page_document.publisher,
            document.published.display() if document.published else "", document.source_url, document.file_name,
            document.original_sha256, document.retrieved))
        history = claims_repo.claim_history(db, claim.id)
        reviewer, reviewed_at = _last_review(history, claim.status)
        corrections += _corrections(history, claim.id)
        kind = kinds.get(claim.kind)
        fields_def = kind.fields if kind else ()
        entry = Entry(
            claim.id, claim.kind, claim.statement or default_statement(claim, fields_def),
            format_value(claim.fields, fields_def), claim.quote, claim.prefix, claim.suffix, source, claim.page, claim.start,
            claim.end, claim.status, reviewer, reviewed_at,
            claim.promise_status if claim.kind == "target" else "",
            _related(relations, claim.id, "corroborates", all_claims, documents),
            _related(relations, claim.id, "conflicts", all_claims, documents),
            [_evidence(e) for e in review_repo.evidence_for(db, claim.id)],
            failing.get(claim.id, []))
        sections.setdefault(claim.kind, []).append(entry)
        selected.append((claim, source.published))
    ordered = [k for k in KIND_ORDER if k in sections] + sorted(k for k in sections if k not in KIND_ORDER)
    authors = sorted({claim.author for claim, _ in selected})
    reviewers = sorted({e.reviewer for entries in sections.values() for e in entries if e.reviewer})
    return FactSheet(
        title=options.title, scope=options.scope(), generated_at=generated_at, authors=authors, reviewers=reviewers,
        statuses=review_repo.statuses(db), two_person_rule=review_repo.two_person_rule(db), draft=options.draft,
        sections=[Section(k, kinds[k].label if k in kinds else k, sections[k]) for k in ordered],
        funding_totals=funding_totals(selected),
        targets=sorted((c.fields.get("deadline") or "—", c.promise_status, e.statement, e.value)
                       for c, _ in selected if c.kind == "target"
                       for e in sections["target"] if e.claim_id == c.id),
        officials=sorted((c.fields.get("name", ""), c.fields.get("position", ""), c.fields.get("as_of") or pub)
                         for c, pub in selected if c.kind == "official"),
        sources=sorted(sources.values(), key=lambda s: (s.published, s.title)),
        corrections=sorted(corrections), left_out=left_out)


def _last_review(history: list[dict], status: str) -> tuple[str, str]:
    for event in reversed(history):
        if event["action"] == "review" and (event.get("after") or {}).get("status") == status:
            return event["actor"], event["at"][:10]
    return "", ""


def _corrections(history: list[dict], claim_id: int) -> list[tuple[str, str, int, str]]:
    """Changes made after the claim was first verified."""
    verified_at = next((i for i, e in enumerate(history)
                        if (e.get("after") or {}).get("status") == "verified"), None)
    if verified_at is None:
        return []
    result = []
    for event in history[verified_at + 1:]:
        before, after = event.get("before") or {}, event.get("after") or {}
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k) and k != "updated_at")
        what = f"{event['action']}: {', '.join(changed)}" + (f" ({event['note']})" if event.get("note") else "")
        result.append((event["at"][:19], event["actor"], claim_id, what))
    return result


def _related(relations, claim_id, kind, claims, documents) -> list[str]:
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


def _evidence(item: dict) -> str:
    if item["kind"] == "url":
        return f"{item['url']} (retrieved {item['retrieved'] or 'date not recorded'})"
    if item["kind"] == "claim":
        return f"claim #{item['other_claim']}" + (f": {item['note']}" if item["note"] else "")
    return item["note"]
