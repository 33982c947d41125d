"""Lays the fact sheet out by what its claims are about: subject -> measure -> the figures
in time order, the latest reported value, the target, and the conflicts and revisions of
the measure with both citations side by side. Claims linked to no measure go to "Other".
Subjects come in alphabetical order, each subject's measures by how many figures report
them (then by name).

Time order uses each figure's reference period (``core.periods``: a statistic's as_of, a
target's deadline, a funding's period, else the release's date). Nothing is added up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from claimdesk.core.claims import Claim
from claimdesk.core.kinds import TARGET, FieldDef
from claimdesk.core.model import StoredDocument
from claimdesk.core.periods import Period, reference_period
from claimdesk.core.subjects_model import Measure, MeasureLink, Subject
from claimdesk.core.values import format_value
from claimdesk.exports.factsheet import (KIND_ORDER, About, Citation, Dispute, Entry, MeasureBlock, Section, Source,
                                         SubjectBlock)

Cite = Callable[[int], Citation | None]  # a claim id -> its Citation, None when the claim is gone

DISPUTE_KINDS = ("conflicts", "revised", "parts exceed total")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_SOURCE_WORDS = {"as_of": "as of", "deadline": "by", "period": "", "published": "published"}


def period_label(period: Period | None) -> str:
    """ "as of 1 January 2024", "by 2025", "2024–2026", "published 3 June 2019"; "" for None."""
    if period is None:
        return ""
    if period.source == "period" and period.start[:4] != period.end[:4]:
        return f"{period.start[:4]}–{period.end[:4]}"
    words = _SOURCE_WORDS.get(period.source, "")
    return " ".join(p for p in (words, date_label(period.start, period.precision)) if p)


def date_label(iso: str, precision: str) -> str:
    """ "2024", "March 2024", "1 March 2024" from an ISO date at its precision."""
    parts = iso[:10].split("-")
    try:
        if precision == "year" or len(parts) == 1:
            return parts[0]
        if precision == "month" or len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return iso


def about_of(subject: Subject, measure: Measure, link: MeasureLink, figures_fields: list[dict[str, Any]]) -> About:
    """The About of a link; a currency measure without a stated unit is shown in the
    currency its figures use (when they agree on one)."""
    unit = measure.unit or ("%" if measure.unit_class == "percent" else "")
    if not unit and measure.unit_class == "currency":
        currencies = {str(f["currency"]) for f in figures_fields if f.get("currency")}  # ISO codes
        unit = currencies.pop() if len(currencies) == 1 else ""
    return About(subject.id, subject.name, subject.category, tuple(subject.aliases), measure.id, measure.name,
                 measure.unit_class, unit or "", link.state, link.source)


def lay_out(entries: list[Entry], links: dict[int, tuple[Subject, Measure, MeasureLink]],
            relations: list[dict[str, Any]], cite: Cite, *, draft: bool,
            labels: dict[str, str]) -> tuple[list[SubjectBlock], list[Section]]:
    """(subject blocks, Other sections). ``links`` maps claim id -> (Subject, Measure,
    MeasureLink); ``cite(claim_id)`` gives a Citation for any claim (None if it is gone)."""
    by_measure: dict[int, list[Entry]] = {}
    other: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.claim_id in links:
            by_measure.setdefault(links[entry.claim_id][1].id, []).append(entry)
        else:
            other.setdefault(entry.kind, []).append(entry)
    by_claim: dict[int, list[dict[str, Any]]] = {}  # each block looks only at its own claims' relations
    for relation in relations:
        if relation["state"] != "dismissed":
            for claim_id in {relation["first"], relation["second"]}:
                by_claim.setdefault(claim_id, []).append(relation)
    subjects: dict[int, SubjectBlock] = {}
    for figures in by_measure.values():
        subject, measure, _ = links[figures[0].claim_id]
        figures.sort(key=lambda e: (e.period_key or "9999", e.source.published, e.claim_id))
        for entry in figures:
            entry.detail = beyond_figure(entry)
        block = _measure_block(about_of(subject, measure, links[figures[0].claim_id][2], [e.fields for e in figures]),
                               figures, by_claim, cite, draft)
        subjects.setdefault(subject.id, SubjectBlock(subject.id, subject.name, subject.category,
                                                      tuple(subject.aliases), [])).measures.append(block)
    for subject_block in subjects.values():
        # the measures reported most often first: that is where sources meet
        subject_block.measures.sort(key=lambda m: (-len(m.figures), m.about.measure.casefold(), m.about.measure_id))
    ordered = sorted(subjects.values(), key=lambda s: (s.name.casefold(), s.subject_id))
    kinds = [k for k in KIND_ORDER if k in other] + sorted(k for k in other if k not in KIND_ORDER)
    return ordered, [Section(k, labels.get(k, k), other[k]) for k in kinds]


def beyond_figure(entry: Entry) -> str:
    """The statement, unless it only restates the figure and its date ("53.07 % by 2025")."""
    rest = entry.statement.replace(entry.value, " ") if entry.value else entry.statement
    for name in ("deadline", "as_of", "period"):
        if entry.fields.get(name):
            rest = re.sub(rf"\b(by|as of|in)?\s*{re.escape(str(entry.fields[name]))}", " ", rest)
    return entry.statement if re.search(r"\w", rest) else ""


def _measure_block(about: About, figures: list[Entry], by_claim: dict[int, list[dict[str, Any]]], cite: Cite,
                   draft: bool) -> MeasureBlock:
    relations = list({r["id"]: r for e in figures for r in by_claim.get(e.claim_id, ())}.values())
    relations.sort(key=lambda r: r["id"])
    disputes, undecided = [], 0
    for relation in relations:
        if relation["kind"] not in DISPUTE_KINDS:
            continue
        if relation["state"] != "confirmed" and not draft:
            undecided += 1
            continue
        first, second = cite(relation["first"]), cite(relation["second"])
        if first is None or second is None:
            continue
        earlier, later = sorted((first, second), key=_citation_order)
        disputes.append(Dispute(relation["kind"], relation["state"], relation["reason"] or "", earlier, later))
    reported = [e for e in figures if e.kind != TARGET]
    targets = [e for e in figures if e.kind == TARGET]
    latest = max(reported, key=lambda e: (e.period_key, e.source.published, e.claim_id), default=None)
    target = max(targets, key=lambda e: (e.source.published, e.period_key, e.claim_id), default=None)
    progress = []
    for relation in relations:  # what the target's promise status rests on (proposals: in drafts)
        if relation["kind"] != "progress" or target is None or target.claim_id not in (
                relation["first"], relation["second"]):
            continue
        if relation["state"] == "confirmed" or draft:
            first, second = cite(relation["first"]), cite(relation["second"])
            if first is not None and second is not None:
                progress.append(Dispute("progress", relation["state"], relation["reason"] or "", first, second))
    return MeasureBlock(about, figures, latest, target, disputes, undecided, progress)


def _citation_order(citation: Citation) -> tuple[bool, str, int]:
    return not citation.source.published, citation.source.published, citation.claim_id


def citation(claim: Claim, document: StoredDocument, source: Source, kind_fields: Sequence[FieldDef], *,
             in_sheet: bool, flags: Iterable[str] = ()) -> Citation:
    """A Citation of ``claim`` in ``document`` (whose Source, with its article offset, is given)."""
    label = period_label(reference_period(claim.kind, claim.fields,
                                          document.published.value if document.published else None))
    shift = source.article_offset
    return Citation(claim.id, claim.kind, format_value(claim.fields, kind_fields) or " ".join(claim.quote.split()),
                    claim.quote, claim.prefix, claim.suffix, source, claim.page, claim.start + shift,
                    claim.end + shift, claim.status, label, in_sheet, list(flags))
