"""The fact sheet as plain data: one view-model that every format renders.

Built by ``ops.exporting`` from the project; renderers (HTML, PDF, Markdown) only lay
it out. Money is summed per currency only, never across currencies.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

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
    start: int
    end: int
    status: str
    reviewer: str
    reviewed_at: str
    promise_status: str = ""
    corroborations: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # failing checks, when exported with --force


@dataclass
class Section:
    kind: str
    label: str
    entries: list[Entry]


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
    funding_totals: list[tuple[str, str, str, str]]  # currency, payer, year, formatted total
    targets: list[tuple[str, str, str, str]]  # deadline, promise status, statement, value
    officials: list[tuple[str, str, str]]  # name, position, as of
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


def funding_totals(entries: list[tuple[Claim, str]]) -> list[tuple[str, str, str, str]]:
    """(currency, payer, year, total) over funding claims, one currency at a time."""
    totals: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    for claim, published in entries:
        if claim.kind != "funding" or not claim.fields.get("amount"):
            continue
        year = str(claim.fields.get("period") or published or "")[:4] or "—"
        key = (claim.fields.get("currency") or "?", claim.fields.get("payer") or "—", year)
        totals[key] += Decimal(str(claim.fields["amount"]))
    return [(currency, payer, year, format_decimal(total))
            for (currency, payer, year), total in sorted(totals.items())]
