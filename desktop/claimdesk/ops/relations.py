"""Relations: proposing corroborations, conflicts and sum mismatches; the analyst's
decisions on them. Decided relations are kept when proposals are recomputed."""

from __future__ import annotations

from claimdesk.core.relations import ClaimFacts, propose
from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store import events
from claimdesk.store import relations as repo
from claimdesk.store import review as review_repo
from claimdesk.store.events import current_actor, now_iso
from claimdesk.store.project import Project, storage_errors


def propose_relations(project: Project) -> int:
    from claimdesk.core.suggest.clauses import sentences  # the detectors' package: loaded on first use

    db = project.db
    published = dict(repo.claim_facts_rows(db))
    facts, sentence_starts = [], {}
    for claim in claims_repo.all_claims(db):
        if claim.document_id not in sentence_starts:
            text = documents_repo.document_text(db, claim.document_id) or ""
            sentence_starts[claim.document_id] = sentences(text)
        sentence = next((s for s in sentence_starts[claim.document_id] if s[0] <= claim.start < s[1]), None)
        facts.append(ClaimFacts(claim, published.get(claim.id), (claim.document_id, sentence[0]) if sentence else None))
    proposals = propose(facts)
    with storage_errors(), db.atomic():
        repo.delete_proposed(db)
        decided = repo.decided_keys(db)
        stored = 0
        for relation in proposals:
            if (relation.kind, relation.first, relation.second) in decided:
                continue
            repo.insert_relation(db, relation.kind, relation.first, relation.second, relation.reason, relation.score)
            stored += 1
        events.record_event(db, "relations.propose", "", {"proposed": stored})
    return stored


def list_relations(project: Project) -> list[dict]:
    """Each relation with both claims as ``first_claim``/``second_claim``: the claim line of
    ``claims --jsonl`` (id, quote, status, document id, title and file name, offsets)."""
    from claimdesk.ops.claim_lines import claim_lines_by_id

    relations = repo.relations(project.db)
    lines = claim_lines_by_id(project, [r["first"] for r in relations] + [r["second"] for r in relations])
    return [{**r, "first_claim": lines.get(r["first"]), "second_claim": lines.get(r["second"])} for r in relations]


def relations_of(project: Project, claim_id: int) -> list[dict]:
    return repo.relations_of(project.db, claim_id)


def decide(project: Project, relation_id: int, state: str, actor: str | None = None) -> None:
    if state not in ("confirmed", "dismissed", "proposed"):
        raise ValueError(f"a relation is confirmed, dismissed or proposed, not {state!r}")
    actor = actor or current_actor()
    with storage_errors(), project.db.atomic():
        if not repo.set_state(project.db, relation_id, state, actor, now_iso()):
            raise LookupError(f"no relation #{relation_id}")
        if state == "confirmed":  # a confirmed relation is evidence on both claims
            relation = next(r for r in repo.relations(project.db) if r["id"] == relation_id)
            note = f"{relation['kind']}: {relation['reason']}"
            for claim_id, other in ((relation["first"], relation["second"]), (relation["second"], relation["first"])):
                review_repo.add_evidence(project.db, claim_id, "claim", other, "", "", note, actor, now_iso())
        events.record_event(project.db, f"relation.{state}", str(relation_id), {})
