"""One claim per fact: when a proposed claim states the fact of a claim already marked, and
how the two become one.

A proposal is what the detector suggests, an annotation being imported, or a suggestion
that a manual tag lands on. It is the *same fact* as an existing claim when

1. both are in the same document and of the same kind;
2. the claim's span shares at least one character with the proposal's *figure*: the
   number or name the proposal is about (for a suggestion, the quantity that starts at its
   anchor; for an annotation, the part of its quote that states its value; an official's
   figure is the whole name). Where the claim's own figure is known (it was accepted from,
   or took up, a suggestion) the proposal's figure must overlap that figure instead;
3. their principal values (funding amount, target quantity, statistic value, official
   name) do not differ where both state one.

Why not "the spans overlap": a suggestion's span is a whole clause, and one clause often
holds two figures ("KZT 5 bn for new schools with 2,000 seats"); a claim on one figure
overlaps the clause of the other, and merging them would lose a fact without a trace.
Why not a proportion of overlap: an analyst's tag may be far shorter ("5 bn") or longer (the
whole sentence) than the detector's clause and still be about the same figure; what places
a fact is its figure, not the length of the selection. Rule 3 separates two figures that
sit inside one tagged span: the first fills the claim's value, the second then differs and
becomes a claim of its own. The known figure keeps "accept all" from folding two equal
figures of one clause ("KZT 5 bn in 2024 and KZT 5 bn in 2025") into the claim the first
one created. Limit: two equal figures inside one span tagged by hand, with no suggestion
taken up, are taken as one fact; the merge is in the claim's history and undo separates them.

Merging fills the claim's empty fields from the proposal; values the analyst gave stay.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from claimdesk.core.claims import Claim
from claimdesk.core.kinds import FUNDING, OFFICIAL, PRINCIPAL_FIELD, STATISTIC, TARGET
from claimdesk.core.names import name_key

PRINCIPAL = {**PRINCIPAL_FIELD, OFFICIAL: "name"}  # an official claim states a name
_WORD_AT = re.compile(r"\S+")


@dataclass(frozen=True)
class Proposal:
    document_id: int
    kind: str
    figure: tuple[int, int]  # where the number or name it is about stands, in the document's text
    fields: dict[str, Any]


def suggestion_figure(text: str, kind: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """Where a suggestion's figure stands: the quantity starting at its anchor."""
    if kind == OFFICIAL:
        return start, end
    from claimdesk.core.numbers import find_quantities  # its grammar compiles in ~30 ms: not at startup

    for quantity in find_quantities(text[anchor:end]):
        if quantity.start == 0:
            return anchor, anchor + quantity.end
    word = _WORD_AT.match(text, anchor)
    return anchor, word.end() if word else anchor + 1


def stated_figure(text: str, kind: str, start: int, end: int, fields: dict[str, Any]) -> tuple[int, int]:
    """Where a claim-like span states its principal value (the whole span when it states
    none, or names an official)."""
    value = _decimal(fields.get(PRINCIPAL.get(kind, "")))
    if kind == OFFICIAL or value is None:
        return start, end
    from claimdesk.core.numbers import find_quantities

    for quantity in find_quantities(text[start:end]):
        if value in (quantity.value, quantity.high) or (quantity.conversion and value == quantity.conversion.value):
            return start + quantity.start, start + quantity.end
    return start, end


def values_differ(kind: str, first: dict[str, Any], second: dict[str, Any]) -> bool:
    """Whether both state the kind's principal value and the values are not the same, or
    both state what the value counts in and that differs: an amount in KZT and one in USD
    are two figures even at one place ("$1 billion (KZT 480 billion)"), and filling one's
    amount into the other would state a figure the text does not."""
    if _qualifiers_differ(kind, first, second):
        return True
    key = PRINCIPAL.get(kind)
    a, b = (first.get(key), second.get(key)) if key else (None, None)
    if _empty(a) or _empty(b):
        return False
    if kind == OFFICIAL:
        return name_key(str(a)) != name_key(str(b))
    da, db = _decimal(a), _decimal(b)
    return da != db if da is not None and db is not None else str(a).strip() != str(b).strip()


def _qualifiers_differ(kind: str, first: dict[str, Any], second: dict[str, Any]) -> bool:
    if kind == FUNDING:
        a, b = first.get("currency"), second.get("currency")
        return not _empty(a) and not _empty(b) and str(a).strip().upper() != str(b).strip().upper()
    if kind in (TARGET, STATISTIC):
        a, b = first.get("unit"), second.get("unit")
        if _empty(a) or _empty(b):
            return False
        words_a, words_b = set(str(a).casefold().split()), set(str(b).casefold().split())
        return not (words_a & words_b)  # "schools" and "new schools" count in one unit; "km" and "stops" do not
    return False


def same_fact(claim: Claim, proposal: Proposal, claim_figures: Sequence[tuple[int, int]] = ()) -> bool:
    """``claim_figures``: where the claim's own figure is known to stand (see rule 2)."""
    figure_start, figure_end = proposal.figure
    places = claim_figures or [(claim.start, claim.end)]
    return (claim.document_id == proposal.document_id and claim.kind == proposal.kind
            and any(start < figure_end and figure_start < end for start, end in places)
            and not values_differ(claim.kind, claim.fields, proposal.fields))


def merge_target(claims: list[Claim], proposal: Proposal,
                 claim_figures: dict[int, list[tuple[int, int]]] | None = None) -> Claim | None:
    """The claim the proposal states the same fact as: of several, the one covering most of
    the figure, then the tightest span, then the oldest. ``claim_figures``: claim id ->
    where its figure is known to stand."""
    claim_figures = claim_figures or {}
    candidates = [c for c in claims if same_fact(c, proposal, claim_figures.get(c.id, ()))]
    if not candidates:
        return None
    figure_start, figure_end = proposal.figure
    return min(candidates, key=lambda c: (-(min(c.end, figure_end) - max(c.start, figure_start)),
                                          c.end - c.start, c.id))


def filled_fields(claim_fields: dict[str, Any], proposed: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The claim's fields with its empty ones taken from the proposal, and which were filled."""
    merged, filled = dict(claim_fields), []
    for name, value in proposed.items():
        if _empty(merged.get(name)) and not _empty(value):
            merged[name] = value
            filled.append(name)
    return merged, sorted(filled)


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decimal(value: object) -> Decimal | None:
    if _empty(value):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
