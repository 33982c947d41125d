"""Merging a proposed claim into the claim that already states its fact (the rule and its
reasons: ``core.claim_merge``).

A merge is an ``EditClaim`` of the claim's fields through ``ops.claims``, so the field rules
hold for it as for any edit, and the claim's history (claim_events) records what was
merged and which fields it filled. The inverse that edit returns puts the fields back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from claimdesk.core.anchoring import ORPHANED
from claimdesk.core.claim_merge import (Proposal, filled_fields, merge_target, stated_figure, suggestion_figure,
                                        values_differ)
from claimdesk.core.claims import Claim, EditClaim
from claimdesk.core.kinds import OFFICIAL
from claimdesk.ops import claims as claim_ops
from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store import suggestions as suggestions_repo
from claimdesk.store.project import Project
from claimdesk.store.suggestions import StoredSuggestion

_WORD_AT = re.compile(r"\S+")  # as core.claim_merge finds the word a figure falls back to


def suggestion_proposal(project: Project, item: StoredSuggestion, text: str | None = None) -> Proposal:
    text = claim_ops.document_text(project, item.document_id) if text is None else text
    return Proposal(item.document_id, item.kind, suggestion_figure(text, item.kind, item.start, item.end, item.anchor),
                    item.fields)


def span_proposal(project: Project, document_id: int, kind: str, start: int, end: int,
                  fields: dict[str, Any]) -> Proposal:
    """A claim-to-be given by its span and fields (an imported annotation)."""
    text = claim_ops.document_text(project, document_id)
    return Proposal(document_id, kind, stated_figure(text, kind, start, end, fields), fields)


def find_target(project: Project, proposal: Proposal) -> Claim | None:
    """The claim already marked for the proposal's fact, if any (orphaned claims have no
    place in the text to compare)."""
    claims = _candidates(claims_repo.claims_for_document(project.db, proposal.document_id), proposal)
    return merge_target(claims, proposal, known_figures(project, claims)) if claims else None


def _candidates(claims: Iterable[Claim], proposal: Proposal) -> list[Claim]:
    figure_start, figure_end = proposal.figure
    return [c for c in claims if c.kind == proposal.kind and c.anchor_state != ORPHANED and c.start < figure_end
            and figure_start < c.end]


class DocumentClaims:
    """One document's text, claims and the suggestions accepted into them, read once for a
    run of accepts inside one transaction and kept current as it creates and merges claims,
    so each accept costs the same however many came before. It gives the answers of
    ``find_target`` (which reads them all again each time); a figure is parsed only when a
    claim of the kind stands near it."""

    def __init__(self, project: Project, document_id: int):
        self.project, self.document_id = project, document_id
        self.text = documents_repo.document_text(project.db, document_id) or ""
        self.claims = {c.id: c for c in claims_repo.claims_for_document(project.db, document_id)}
        self._accepted: dict[int, list[StoredSuggestion]] = {}  # claim id -> suggestions accepted into it
        for item in suggestions_repo.accepted_into(project.db, list(self.claims)):
            if item.claim_id is not None:  # always set on an accepted suggestion
                self._accepted.setdefault(item.claim_id, []).append(item)
        self._figures: dict[int, tuple[int, int]] = {}  # suggestion id -> where its figure stands

    def target(self, item: StoredSuggestion) -> Claim | None:
        low, high = _figure_bounds(self.text, item)
        # a claim stating another value is never the target (core.claim_merge.same_fact):
        # ruled out first, the figure is rarely parsed at all
        near = [c for c in self.claims.values() if c.kind == item.kind and c.start < high and low < c.end
                and not values_differ(c.kind, c.fields, item.fields)]
        if not near:
            return None
        proposal = Proposal(self.document_id, item.kind, self._figure(item), item.fields)
        claims = _candidates(near, proposal)
        figures = {c.id: [self._figure(s) for s in self._accepted[c.id]] for c in claims if c.id in self._accepted}
        return merge_target(claims, proposal, figures) if claims else None

    def accepted_into(self, claim: Claim, item: StoredSuggestion) -> None:
        """``item`` was accepted into ``claim`` (as it now stands: created or merged into)."""
        self.claims[claim.id] = claim
        self._accepted.setdefault(claim.id, []).append(item)

    def _figure(self, item: StoredSuggestion) -> tuple[int, int]:
        if item.id not in self._figures:
            self._figures[item.id] = suggestion_figure(self.text, item.kind, item.start, item.end, item.anchor)
        return self._figures[item.id]


def _figure_bounds(text: str, item: StoredSuggestion) -> tuple[int, int]:
    """Where ``suggestion_figure`` can place the figure, without parsing it: the span for an
    official, else from the anchor to the span's end or the end of the word at the anchor."""
    if item.kind == OFFICIAL:
        return item.start, item.end
    word = _WORD_AT.match(text, item.anchor)
    return item.anchor, max(item.end, word.end() if word else 0, item.anchor + 1)


def known_figures(project: Project, claims: list[Claim]) -> dict[int, list[tuple[int, int]]]:
    """claim id -> where the figures of the suggestions accepted into it stand (claims of one
    document)."""
    accepted = suggestions_repo.accepted_into(project.db, [c.id for c in claims])
    if not accepted:
        return {}
    text = claim_ops.document_text(project, accepted[0].document_id)
    figures: dict[int, list[tuple[int, int]]] = {}
    for item in accepted:  # the claims are one document's, so are the suggestions accepted into them
        if item.claim_id is None:  # always set on an accepted suggestion
            continue
        figures.setdefault(item.claim_id, []).append(suggestion_figure(text, item.kind, item.start, item.end,
                                                                       item.anchor))
    return figures


def merge_into(project: Project, claim: Claim, fields: dict[str, Any], source: str, actor: str) -> EditClaim:
    """Fills the claim's empty fields from ``fields``; returns the edit that undoes it.

    ``source`` names what was merged ("suggestion #12") in the claim's history; the merge is
    recorded even when it fills nothing, so the history says where the fact was proposed too.
    """
    merged, filled = filled_fields(claim.fields, fields)
    reason = f"merged {source}: " + (f"filled {', '.join(filled)}" if filled else "no empty field to fill")
    return claim_ops.apply_command(project, EditClaim(claim.id, {"fields": merged}, reason), actor)
