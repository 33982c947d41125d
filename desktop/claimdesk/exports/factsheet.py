"""The fact sheet as plain data: one view-model that every format renders.

Built by ``ops.factsheet`` from the project; every renderer (HTML, PDF, Markdown, CSV,
JSON, W3C annotations, ClaimReview, REFI-QDA) only lays it out. Positions (``start``,
``end``) count code points in the text of the original the sheet names by SHA-256: the
top-level document's stored text, so a claim in a digest article is shifted by the
article's offset in its page. The summary counts claims; it never adds figures up, as
claims are not yet grouped by what they measure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimdesk.core.claims import Claim
from claimdesk.core.values import format_decimal, format_value

KIND_ORDER = ("funding", "target", "statistic", "official")
FUNDING_VERBS = {"allocated": "allocated", "spent": "spent", "planned": "plans", "needed": "needs",
                 "invested": "invested"}


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
    fields: dict = field(default_factory=dict)  # the kind's typed fields as stored (decimals as strings)
    self_verified: bool = False  # verified by its author only (possible only with the rule off)


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

    @property
    def count(self) -> int:
        return sum(len(section.entries) for section in self.sections)


def default_statement(claim: Claim, kind_fields) -> str:
    """A one-line statement from the fields, e.g. "Special State Fund allocated KZT 1,300,000,000
    for the overhaul of the Tayynsha hospital"."""
    f = claim.fields
    if claim.kind == "funding" and f.get("amount"):
        amount = " ".join(part for part in (f.get("currency", ""), format_decimal(f["amount"])) if part)
        purpose = f" for {f['purpose']}" if f.get("purpose") else ""
        status = f.get("status", "")
        if f.get("payer"):
            return f"{f['payer']} {FUNDING_VERBS.get(status, 'reported')} {amount}{purpose}"
        said = {"allocated": "allocated", "spent": "spent", "planned": "planned", "needed": "needed",
                "invested": "invested"}.get(status, "")
        return f"{amount}{' ' + said if said else ''}{purpose}"
    if claim.kind == "target":
        who = f"{f['responsible']}: " if f.get("responsible") else ""
        by = f" by {f['deadline']}" if f.get("deadline") else ""
        return f"{who}{format_value(f, kind_fields) or claim.quote}{by}"
    if claim.kind == "official" and f.get("name"):
        return f"{f['name']}, {f.get('position', '')}".rstrip(", ")
    return format_value(f, kind_fields) or " ".join(claim.quote.split())
