"""Relations: proposing corroborations, conflicts, revisions, progress and sum mismatches
within each measure; the analyst's decisions on them. Decided relations are kept when
proposals are recomputed. Confirming a progress relation applies the promise status it
proposes (stored with it, apart from the reason, which is only for people) to the target,
through the same review rules as an edit."""

from __future__ import annotations

from datetime import date
from typing import Any

from claimdesk.core.claims import ClaimError, EditClaim
from claimdesk.core.kinds import TARGET
from claimdesk.core.periods import reference_period
from claimdesk.core.relations import (CONFLICTS, CORROBORATES, PROGRESS, REVISED, ClaimFacts,
                                      is_plan, propose)
from claimdesk.core.subjects_model import Measure, MeasureLink, Subject
from claimdesk.ops.changes import Changes, Outcome
from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store import events
from claimdesk.store import relations as repo
from claimdesk.store import review as review_repo
from claimdesk.store.events import current_actor, now_iso
from claimdesk.store.project import Project, storage_errors

# Claims without a measure link (neither claim has one) are still compared by their unit
# words, the rule from before measures, so projects whose claims are not linked keep their
# relations. On dev2, after subject proposals, it adds no relation (the same 319, none
# across programme clusters), so keeping it costs no precision there.
UNLINKED_FALLBACK = True
VERDICTS = (CORROBORATES, CONFLICTS, REVISED)


def propose_relations(project: Project, today: str | None = None) -> Outcome[int]:
    """Proposes subjects for claims without one, then relations within each measure; the
    result is how many relations are stored."""
    from claimdesk.core.suggest.clauses import sentences  # the detectors' package: loaded on first use
    from claimdesk.ops.subject_proposals import propose_subjects
    from claimdesk.ops.subjects import links_for_claims

    propose_subjects(project, unlinked_only=True)  # claims never proposed for are compared by measure too
    db = project.db
    published: dict[int, str | None] = {claim_id: when for claim_id, when in repo.claim_facts_rows(db)}
    claims = claims_repo.all_claims(db)
    links = links_for_claims(project, [claim.id for claim in claims])
    facts, sentence_starts = [], {}
    for claim in claims:
        if claim.document_id not in sentence_starts:
            text = documents_repo.document_text(db, claim.document_id) or ""
            sentence_starts[claim.document_id] = sentences(text)
        sentence = next((s for s in sentence_starts[claim.document_id] if s[0] <= claim.start < s[1]), None)
        link = links.get(claim.id)
        facts.append(ClaimFacts(
            claim, published.get(claim.id), (claim.document_id, sentence[0]) if sentence else None,
            measure_id=link[1].id if link else None, measure=f"{link[0].name}: {link[1].name}" if link else "",
            period=reference_period(claim.kind, claim.fields, published.get(claim.id))))
    proposals = propose(facts, today=today or date.today().isoformat(), unlinked_fallback=UNLINKED_FALLBACK)
    with storage_errors(), db.atomic():
        repo.delete_proposed(db)
        decided = repo.decided_keys(db)
        # one verdict per pair on how its figures compare: a decided conflict is not proposed
        # again as a revision (or the other way round) when the rules or the claims change
        judged = {(first, second) for kind, first, second in decided if kind in VERDICTS}
        stored = 0
        for relation in proposals:
            if (relation.kind, relation.first, relation.second) in decided or (
                    relation.kind in VERDICTS and (relation.first, relation.second) in judged):
                continue
            repo.insert_relation(db, relation.kind, relation.first, relation.second, relation.reason, relation.score,
                                 relation.promise)
            stored += 1
        events.record_event(db, "relations.propose", "", {"proposed": stored})
    # the claims table filters by relation and by subject: both may have moved
    return Outcome(stored, Changes(relations=True, subjects=True, structural=True))


def list_relations(project: Project) -> list[dict[str, Any]]:
    """Each relation with both claims as ``first_claim``/``second_claim``: the claim line of
    ``claims --jsonl`` (id, quote, status, document id, title and file name, offsets), and
    ``measure``: {id, name, subject} of the measure both claims share (None when they do not)."""
    from claimdesk.ops.claim_lines import claim_lines_by_id
    from claimdesk.ops.subjects import links_for_claims

    relations = repo.relations(project.db)
    ids = [r["first"] for r in relations] + [r["second"] for r in relations]
    lines = claim_lines_by_id(project, ids)
    links = links_for_claims(project, ids)
    return [{**r, "measure": _shared_measure(links, r["first"], r["second"]),
             "first_claim": lines.get(r["first"]), "second_claim": lines.get(r["second"])} for r in relations]


def _shared_measure(links: dict[int, tuple[Subject, Measure, MeasureLink]], first: int,
                    second: int) -> dict[str, Any] | None:
    a, b = links.get(first), links.get(second)
    if a is None or b is None or a[1].id != b[1].id:
        return None
    subject, measure, _ = a
    return {"id": measure.id, "name": measure.name, "subject": subject.name, "subject_id": subject.id,
            "unit_class": measure.unit_class}


def relations_of(project: Project, claim_id: int) -> list[dict[str, Any]]:
    return repo.relations_of(project.db, claim_id)


def decide(project: Project, relation_id: int, state: str, actor: str | None = None) -> Changes:
    """Confirms, dismisses or reopens a relation. Confirming a progress relation also sets
    the target's promise status to the one it proposes (a refused status, e.g. on
    a claim no longer a target, refuses the whole decision)."""
    from claimdesk.ops import claims as claim_ops

    if state not in ("confirmed", "dismissed", "proposed"):
        raise ValueError(f"a relation is confirmed, dismissed or proposed, not {state!r}")
    actor = actor or current_actor()
    touched: frozenset[int] = frozenset()
    with storage_errors(), project.db.atomic():
        if not repo.set_state(project.db, relation_id, state, actor, now_iso()):
            raise LookupError(f"no relation #{relation_id}")
        if state == "confirmed":  # a confirmed relation is evidence on both claims
            relation = repo.relation(project.db, relation_id)
            if relation is None:  # set_state found it, in this transaction
                raise LookupError(f"no relation #{relation_id}")
            touched = frozenset({relation["first"], relation["second"]})
            note = f"{relation['kind']}: {relation['reason']}"
            for claim_id, other in ((relation["first"], relation["second"]), (relation["second"], relation["first"])):
                review_repo.add_evidence(project.db, claim_id, "claim", other, "", "", note, actor, now_iso())
            promise = relation["proposed_promise"] if relation["kind"] == PROGRESS else None
            if promise:
                target = _target_of(project, relation)
                if target is None:
                    raise ClaimError(f"relation #{relation_id}: neither claim is a planned target any more")
                claim_ops.apply_command(project, EditClaim(target, {"promise_status": promise},
                                                           f"progress relation #{relation_id} confirmed"), actor)
        events.record_event(project.db, f"relation.{state}", str(relation_id), {})
    # confirmed: evidence on both claims (and maybe the target's promise); the table filters by relation
    return Changes(claims=touched, relations=True, structural=True)


def _target_of(project: Project, relation: dict[str, Any]) -> int | None:
    for claim_id in (relation["first"], relation["second"]):
        claim = claims_repo.get_claim(project.db, claim_id)
        if claim is not None and claim.kind == TARGET and is_plan(claim):
            return claim_id
    return None
