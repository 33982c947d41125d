"""Proposing what claims are about: runs the subject and measure detector
(``core.subjects``) over documents and stores its proposals through ``ops.subjects``.

One transaction per document, with the events ``ops.subjects`` records. Links the analyst
confirmed or removed are left alone (``store_proposals`` skips them); a proposed link is
replaced by the new proposal. Named subjects that file under a topic ("Astana LRT" under
light rail) are kept as the subject's aliases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from claimdesk.core.kinds import FIGURE_KINDS
from claimdesk.core.subjects import (CLAIMING, TOPIC_CONFIDENCE, ClaimSubjectProposal, SubjectMention,
                                    dominant_subject, find_subject_mentions, propose_for_claims)
from claimdesk.ops.documents import each_leaf_document
from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store import subjects as subjects_repo
from claimdesk.store.project import Project



@dataclass
class ProposalReport:
    documents: int = 0  # documents whose claims were read
    proposed: int = 0  # claims given a proposed link
    without: int = 0  # figure claims the detector found nothing for
    cancelled: bool = False


def propose_subjects(project: Project, document_ids: list[int] | None = None, unlinked_only: bool = False,
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> ProposalReport:
    """Proposes a subject and measure for the figure claims of these documents (all when
    None); ``unlinked_only`` proposes only for claims that have no link yet and whose link
    the analyst did not remove, and touches no document it has nothing new for."""
    from claimdesk.ops import subjects as subject_ops

    report = ProposalReport()
    for document in each_leaf_document(project, document_ids, report, progress, cancelled):
        claims = [c for c in claims_repo.claims_for_document(project.db, document.id) if c.kind in FIGURE_KINDS]
        if unlinked_only and claims:
            linked = subject_ops.links_for_claims(project, [c.id for c in claims])
            claims = [c for c in claims if c.id not in linked and not subjects_repo.is_removed(project.db, c.id)]
        if not claims:
            continue
        report.documents += 1
        text = documents_repo.document_text(project.db, document.id) or ""
        language = document.languages[0] if document.languages else None
        mentions = find_subject_mentions(text, language)
        proposals = propose_for_claims(text, document.title, language, claims, mentions)
        usable = [p for p in proposals if p.subject is not None and p.measure is not None]
        report.without += len(claims) - len(usable)
        if unlinked_only and not usable:
            continue  # nothing new to store: no transaction, no event
        dominant = dominant_subject(text, document.title, mentions)
        with project.db.atomic():
            for name, category, aliases in _subjects_with_aliases(mentions, usable):
                subject_ops.find_or_add_subject(project, name, category, aliases)
            report.proposed += subject_ops.store_proposals(project, document.id, usable, dominant)
    return report


def _subjects_with_aliases(mentions: list[SubjectMention],
                           proposals: list[ClaimSubjectProposal]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(name, category, aliases) of each subject the proposals use: the names the text gives
    a subject besides the one proposed, so later releases that use them find it."""
    used = {p.subject.key: p.subject for p in proposals if p.subject is not None}
    if not used:
        return []
    names: dict[str, list[str]] = {key: [] for key in used}
    for mention in mentions:
        if (mention.key in names and mention.confidence != TOPIC_CONFIDENCE and mention.category in CLAIMING
                and mention.name != used[mention.key].name and mention.name not in names[mention.key]):
            names[mention.key].append(mention.name)
    return [(subject.name, subject.category, tuple(names[key])) for key, subject in used.items()]
