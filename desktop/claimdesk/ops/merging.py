"""Merging a proposed claim into the claim that already states its fact (the rule and its
reasons: ``core.claim_merge``).

A merge is an ``EditClaim`` of the claim's fields through ``ops.claims``, so the field rules
hold for it as for any edit, and the claim's history (claim_events) records what was
merged and which fields it filled. The inverse that edit returns puts the fields back.
"""

from __future__ import annotations

from claimdesk.core.anchoring import ORPHANED
from claimdesk.core.claim_merge import Proposal, filled_fields, merge_target, stated_figure, suggestion_figure
from claimdesk.core.claims import Claim, EditClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store import suggestions as suggestions_repo
from claimdesk.store.project import Project
from claimdesk.store.suggestions import StoredSuggestion


def suggestion_proposal(project: Project, item: StoredSuggestion, text: str | None = None) -> Proposal:
    text = documents_repo.document_text(project.db, item.document_id) if text is None else text
    return Proposal(item.document_id, item.kind, suggestion_figure(text, item.kind, item.start, item.end, item.anchor),
                    item.fields)


def span_proposal(project: Project, document_id: int, kind: str, start: int, end: int, fields: dict) -> Proposal:
    """A claim-to-be given by its span and fields (an imported annotation)."""
    text = documents_repo.document_text(project.db, document_id)
    return Proposal(document_id, kind, stated_figure(text, kind, start, end, fields), fields)


def find_target(project: Project, proposal: Proposal) -> Claim | None:
    """The claim already marked for the proposal's fact, if any (orphaned claims have no
    place in the text to compare)."""
    figure_start, figure_end = proposal.figure
    claims = [c for c in claims_repo.claims_for_document(project.db, proposal.document_id)
              if c.kind == proposal.kind and c.anchor_state != ORPHANED and c.start < figure_end
              and figure_start < c.end]
    return merge_target(claims, proposal, known_figures(project, claims)) if claims else None


def known_figures(project: Project, claims: list[Claim]) -> dict[int, list[tuple[int, int]]]:
    """claim id -> where the figures of the suggestions accepted into it stand (claims of one
    document)."""
    accepted = suggestions_repo.accepted_into(project.db, [c.id for c in claims])
    if not accepted:
        return {}
    text = documents_repo.document_text(project.db, accepted[0].document_id)
    figures: dict[int, list[tuple[int, int]]] = {}
    for item in accepted:  # the claims are one document's, so are the suggestions accepted into them
        figures.setdefault(item.claim_id, []).append(suggestion_figure(text, item.kind, item.start, item.end,
                                                                       item.anchor))
    return figures


def merge_into(project: Project, claim: Claim, fields: dict, source: str, actor: str) -> EditClaim:
    """Fills the claim's empty fields from ``fields``; returns the edit that undoes it.

    ``source`` names what was merged ("suggestion #12") in the claim's history; the merge is
    recorded even when it fills nothing, so the history says where the fact was proposed too.
    """
    merged, filled = filled_fields(claim.fields, fields)
    reason = f"merged {source}: " + (f"filled {', '.join(filled)}" if filled else "no empty field to fill")
    return claim_ops.apply_command(project, EditClaim(claim.id, {"fields": merged}, reason), actor)
