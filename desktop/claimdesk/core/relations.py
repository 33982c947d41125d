"""Relations between claims, proposed for the analyst to confirm or dismiss.

Across documents, two claims of the same kind about the same thing corroborate when
their values are consistent (comparator-aware: "more than 650" and 655 agree; "about
700" allows ±10 %) and conflict when they are not. "Same thing" means the units (or
funding purposes and payers) share their head noun and enough words, the currencies
agree, and the documents are no more than two years apart. Within a document, parts
listed with a total ("of which", "including") must not add up to more than the total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from claimdesk.core.claims import Claim

CORROBORATES, CONFLICTS, PARTS_EXCEED_TOTAL = "corroborates", "conflicts", "parts exceed total"
ABOUT = Decimal("0.10")
CLOSE = Decimal("1.25")  # corroborating figures are within 25 % of each other
FAR = Decimal("2")  # beyond a factor of two two figures are not proposed as a conflict
MAX_DAYS_APART = 730
PRINCIPAL = {"funding": "amount", "target": "quantity", "statistic": "value"}
_STOP = {"the", "of", "in", "for", "and", "a", "an", "new", "more", "additional", "existing", "rural", "areas", "area"}
_PARTS = re.compile(r"\b(?:of which|including|in particular|из них|в том числе|оның ішінде)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ClaimFacts:
    """What relation rules need to know of a claim."""

    claim: Claim
    published: str | None  # the document's date, ISO prefix
    sentence_key: tuple[int, int] | None = None  # (document id, sentence start) for within-document sums


@dataclass(frozen=True)
class Relation:
    kind: str
    first: int  # claim ids, first < second for cross-document relations
    second: int
    reason: str
    score: float


def propose(facts: list[ClaimFacts]) -> list[Relation]:
    relations = []
    numeric = [f for f in facts if _value(f.claim) is not None]
    for index, a in enumerate(numeric):
        for b in numeric[index + 1:]:
            relation = _compare(a, b)
            if relation is not None:
                relations.append(relation)
    relations += _sums(numeric)
    return relations


def _compare(a: ClaimFacts, b: ClaimFacts) -> Relation | None:
    first, second = a.claim, b.claim
    if first.kind != second.kind or first.document_id == second.document_id:
        return None
    if first.kind == "funding" and (first.fields.get("currency") or "") != (second.fields.get("currency") or ""):
        return None
    if not _within_window(a.published, b.published):
        return None
    value_a, value_b = _value(first), _value(second)
    ratio = max(value_a, value_b) / max(min(value_a, value_b), Decimal("0.0001"))
    same, why = _same_thing(first, second, close=ratio <= CLOSE)
    if not same or ratio > FAR:
        return None  # far-apart values are more likely different things than a conflict
    low_a, high_a = _interval(first)
    low_b, high_b = _interval(second)
    ids = tuple(sorted((first.id, second.id)))
    if low_a <= high_b and low_b <= high_a and ratio <= CLOSE:
        return Relation(CORROBORATES, *ids, f"{why}; values agree ({_written(first)} / {_written(second)})", 0.8)
    if not (low_a <= high_b and low_b <= high_a):
        return Relation(CONFLICTS, *ids, f"{why}; values differ ({_written(first)} / {_written(second)})", 0.6)
    return None


def _value(claim: Claim) -> Decimal | None:
    key = PRINCIPAL.get(claim.kind)
    try:
        return Decimal(str(claim.fields[key])) if key and claim.fields.get(key) not in (None, "") else None
    except InvalidOperation:
        return None


def _interval(claim: Claim) -> tuple[Decimal, Decimal]:
    """The values a claim allows: "more than 650" is (650, ∞), "about 700" is 630–770."""
    value = _value(claim)
    key = PRINCIPAL[claim.kind]
    high_field = claim.fields.get(f"{key}_high")
    high = Decimal(str(high_field)) if high_field not in (None, "") else value
    comparator = claim.fields.get("comparator", "exactly")
    if comparator == "about":
        return value * (1 - ABOUT), high * (1 + ABOUT)
    if comparator in ("more than", "at least"):
        return value, Decimal("Infinity")
    if comparator in ("up to", "less than"):
        return Decimal(0), high
    return value, high


def _written(claim: Claim) -> str:
    comparator = claim.fields.get("comparator", "exactly")
    value = claim.fields.get(PRINCIPAL[claim.kind])
    return f"{comparator + ' ' if comparator not in ('exactly', '') else ''}{value}"


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(text: str) -> list[str]:
    return [_singular(w) for w in re.findall(r"[^\W\d]+", text.lower()) if w not in _STOP]


def _same_thing(a: Claim, b: Claim, close: bool) -> tuple[bool, str]:
    """Units (or purposes) about the same thing: the head noun agrees and enough words are
    shared; figures close in value need fewer shared words ("655 primary healthcare
    facilities" / "more than 650 medical facilities")."""
    if a.kind == "funding":
        text_a = f"{a.fields.get('purpose', '')} {a.fields.get('payer', '')}"
        text_b = f"{b.fields.get('purpose', '')} {b.fields.get('payer', '')}"
    else:
        text_a, text_b = a.fields.get("unit", ""), b.fields.get("unit", "")
    words_a, words_b = _words(text_a), _words(text_b)
    if not words_a or not words_b:
        return False, ""
    if a.kind != "funding" and (words_a[-1] != words_b[-1] or (a.fields.get("unit") == "%") != (b.fields.get("unit") == "%")):
        return False, ""  # the head noun ("facilities") must agree
    shared = set(words_a) & set(words_b)
    overlap = len(shared) / len(set(words_a) | set(words_b))
    if overlap < (0.2 if close else 0.4):
        return False, ""
    return True, f"same {'purpose' if a.kind == 'funding' else 'unit'} ({', '.join(sorted(shared))})"


def _within_window(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True  # undated documents are not ruled out
    from datetime import date

    def parse(value: str) -> date:
        parts = [int(p) for p in value[:10].split("-")] + [1, 1]
        return date(parts[0], parts[1] or 1, parts[2] or 1)

    return abs((parse(a) - parse(b)).days) <= MAX_DAYS_APART


def _sums(facts: list[ClaimFacts]) -> list[Relation]:
    """Within one sentence: a total followed by parts ("of which", "including")."""
    by_sentence: dict[tuple, list[ClaimFacts]] = {}
    for fact in facts:
        if fact.sentence_key is not None and fact.claim.kind == "funding":
            by_sentence.setdefault(fact.sentence_key, []).append(fact)
    relations = []
    for group in by_sentence.values():
        group.sort(key=lambda f: f.claim.start)
        total = group[0].claim
        parts = [f.claim for f in group[1:] if f.claim.fields.get("currency") == total.fields.get("currency")]
        if not parts or not _PARTS.search(" ".join(p.prefix for p in parts)):
            continue
        part_sum = sum(_value(p) for p in parts)
        if part_sum > _value(total):
            relations.append(Relation(PARTS_EXCEED_TOTAL, total.id, parts[-1].id,
                                      f"parts add up to {part_sum}, more than the total {_value(total)}", 0.7))
    return relations
