"""The fact sheet as plain data: one view-model that every format renders.

Built by ``ops.factsheet`` from the project; every renderer (HTML, PDF, Markdown, CSV,
JSON, W3C annotations, ClaimReview, REFI-QDA) only lays it out. Positions (``start``,
``end``) count code points in the text of the original the sheet names by SHA-256: the
top-level document's stored text, so a claim in a digest article is shifted by the
article's offset in its page.

``sections`` hold every exported claim by kind (the flat formats read them); the sheet
itself is laid out subject -> measure (``subjects``: each measure's figures in time order,
its latest reported value, its target, and its conflicts and revisions with both
citations), then ``other``: the claims linked to no measure, by kind. Figures are never
added up: the summary counts claims.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from claimdesk.core.claims import Claim
from claimdesk.core.kinds import BUILT_IN_KINDS, FUNDING, OFFICIAL, TARGET, FieldDef
from claimdesk.core.model import PageSpan, StoredDocument
from claimdesk.core.periods import Period
from claimdesk.core.values import format_decimal, format_value

KIND_ORDER = BUILT_IN_KINDS  # sections in this order, then a project's own kinds by name
FUNDING_VERBS = {"allocated": "allocated", "spent": "spent", "planned": "plans", "needed": "needs",
                 "invested": "invested"}


@dataclass(frozen=True)
class Original:
    """A cited original as the file-level renderers (QDPX, annotated PDFs) need it, gathered
    by ops: renderers take data only and never read the project."""
    document: StoredDocument
    text: str
    pages: list[PageSpan] = field(default_factory=list)  # paged sources only
    content: bytes | None = None  # the original bytes, where a renderer needs them (PDFs)


@dataclass
class Source:
    document_id: int
    title: str
    publisher: str
    published: str
    url: str
    file_name: str
    sha256: str
    retrieved: str
    original_document_id: int  # the top-level document whose stored text positions count in
    article_offset: int = 0  # where this document starts in that text (digest articles)


@dataclass
class Entry:
    claim_id: int
    kind: str
    statement: str
    value: str
    quote: str
    prefix: str
    suffix: str
    source: Source
    page: int | None
    start: int  # in the original's text (see the module docstring), not in the article
    end: int
    status: str
    reviewer: str  # who set the current status; for "verified", never the author when the rule is on
    reviewed_at: str
    promise_status: str = ""
    corroborations: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # failing checks, when exported with --force
    author: str = ""
    fields: dict[str, Any] = field(default_factory=dict)  # the kind's typed fields as stored (decimals as strings)
    self_verified: bool = False  # verified by its author only (possible only with the rule off)
    created_at: str = ""
    updated_at: str = ""
    about: "About | None" = None  # the subject and measure the claim is linked to, if any
    period: str = ""  # its reference period as shown ("as of 1 January 2024", "by 2025")
    period_key: str = ""  # ISO start of that period, for time order
    reference: Period | None = None  # that period (core.periods): start, end, precision, source
    detail: str = ""  # under a measure: what the statement says beyond the figure and its period


@dataclass(frozen=True)
class About:
    """What a claim is about: its measure's subject and the measure, and how sure the link is."""
    subject_id: int
    subject: str
    subject_category: str
    subject_aliases: tuple[str, ...]
    measure_id: int
    measure: str
    unit_class: str
    unit: str
    link_state: str  # proposed (by the detector or an import) | confirmed (by an analyst)
    link_source: str

    @property
    def headline(self) -> str:
        """ "Astana LRT — line length (km)": a measure always named with its subject."""
        unit = f" ({self.unit})" if self.unit and self.unit.casefold() not in self.measure.casefold().split() else ""
        return f"{self.subject} — {self.measure}{unit}"


@dataclass
class Citation:
    """One side of a conflict or revision: a claim's figure with where it is quoted from.
    The claim need not be exported itself (``in_sheet``); its review status is shown."""
    claim_id: int
    kind: str
    value: str
    quote: str
    prefix: str
    suffix: str
    source: Source
    page: int | None
    start: int
    end: int
    status: str
    period: str
    in_sheet: bool
    flags: list[str] = field(default_factory=list)  # checks it fails (its quote or offsets may be wrong)


@dataclass
class Dispute:
    """An undismissed conflict, revision or parts-exceed-total relation, the earlier release's
    figure first (a release without a date goes second)."""
    kind: str  # conflicts | revised | parts exceed total
    state: str  # confirmed | proposed (proposed ones are shown in drafts only)
    reason: str
    earlier: Citation
    later: Citation

    @property
    def side_labels(self) -> tuple[str, str]:
        """ "Earlier"/"Later" when both releases are dated apart; otherwise no order is claimed."""
        first, second = self.earlier.source.published, self.later.source.published
        return ("Earlier", "Later") if first and second and first < second else ("One source", "Other source")

    @property
    def label(self) -> str:
        return {"conflicts": "Conflict", "revised": "Revision", "progress": "Progress",
                "parts exceed total": "Parts exceed the stated total"}.get(self.kind, self.kind)


@dataclass
class MeasureBlock:
    about: About  # the measure (link fields from its first figure do not matter here)
    figures: list[Entry]  # in time order: reference period, then publication date
    latest: Entry | None  # the latest reported (non-target) figure
    target: Entry | None  # the latest stated target
    disputes: list[Dispute]
    undecided: int = 0  # proposed disputes left out of a published sheet (awaiting a decision)
    progress: list[Dispute] = field(default_factory=list)  # statistics reported against the target shown

    @property
    def shown_evidence(self) -> set[str]:
        """The evidence lines a confirmed relation left on its claims ("claim #12: conflicts:
        …") that this block already shows side by side, so the figures need not repeat them."""
        return {f"claim #{other.claim_id}: {d.kind}: {d.reason}" for d in (*self.disputes, *self.progress)
                for other in (d.earlier, d.later)}

    @property
    def headline(self) -> str:
        return self.about.headline

    @property
    def proposed_links(self) -> int:
        """Figures placed under this measure by the detector or an import, not yet confirmed."""
        return sum(1 for e in self.figures if e.about and e.about.link_state != "confirmed")


@dataclass
class SubjectBlock:
    subject_id: int
    name: str
    category: str
    aliases: tuple[str, ...]
    measures: list[MeasureBlock]


@dataclass
class Section:
    kind: str
    label: str
    entries: list[Entry]


@dataclass
class Counts:
    """Claims per kind and status: the whole summary."""
    statuses: list[str]  # the columns, in the project's status order
    rows: list[tuple[str, list[int], int]]  # kind label, count per status, total

    def described(self) -> list[tuple[str, int, str]]:
        """(kind label, total, "3 verified, 1 disputed") for layouts without a table."""
        return [(label, total, ", ".join(f"{n} {status}" for n, status in zip(counts, self.statuses) if n))
                for label, counts, total in self.rows]


@dataclass
class FactSheet:
    title: str
    scope: str
    generated_at: str
    authors: list[str]
    reviewers: list[str]
    statuses: list[str]
    two_person_rule: bool
    draft: bool
    sections: list[Section]
    counts: "Counts"
    sources: list[Source]
    corrections: list[tuple[str, str, int, str]]  # at, actor, claim id, what changed
    left_out: list[str]  # claims not exported because they failed checks, with why
    subjects: list[SubjectBlock] = field(default_factory=list)
    other: list[Section] = field(default_factory=list)  # claims linked to no measure, by kind
    forced: bool = False  # exported with --force: claims failing checks are shown, flagged

    @property
    def count(self) -> int:
        return sum(len(section.entries) for section in self.sections)


def default_statement(claim: Claim, kind_fields: Sequence[FieldDef]) -> str:
    """A one-line statement from the fields, e.g. "Special State Fund allocated KZT 1,300,000,000
    for the overhaul of the Tayynsha hospital"."""
    f = claim.fields
    if claim.kind == FUNDING and f.get("amount"):
        amount = " ".join(part for part in (f.get("currency", ""), format_decimal(f["amount"])) if part)
        purpose = f" for {f['purpose']}" if f.get("purpose") else ""
        status = f.get("status", "")
        if f.get("payer"):
            return f"{f['payer']} {FUNDING_VERBS.get(status, 'reported')} {amount}{purpose}"
        said = {"allocated": "allocated", "spent": "spent", "planned": "planned", "needed": "needed",
                "invested": "invested"}.get(status, "")
        return f"{amount}{' ' + said if said else ''}{purpose}"
    if claim.kind == TARGET:
        who = f"{f['responsible']}: " if f.get("responsible") else ""
        by = f" by {f['deadline']}" if f.get("deadline") else ""
        return f"{who}{format_value(f, kind_fields) or claim.quote}{by}"
    if claim.kind == OFFICIAL and f.get("name"):
        return f"{f['name']}, {f.get('position', '')}".rstrip(", ")
    return format_value(f, kind_fields) or " ".join(claim.quote.split())
