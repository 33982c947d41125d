"""Corroboration, conflicts and sums between claims."""

from claimdesk.core.claims import Claim
from claimdesk.core.relations import CONFLICTS, CORROBORATES, PARTS_EXCEED_TOTAL, ClaimFacts, propose


def _claim(claim_id, document_id, kind, fields, start=0, prefix=""):
    return Claim(claim_id, document_id, kind, start, start + 5, "quote", prefix, "", None, fields, "unverified",
                 "manual", None, "me", "", "", "anchored")


def _facts(*claims, published="2026-01-10"):
    return [ClaimFacts(c, published) for c in claims]


def test_comparator_aware_corroboration():
    built = _claim(1, 1, "target", {"quantity": "655", "unit": "primary healthcare facilities"})
    commissioned = _claim(2, 2, "target", {"quantity": "650", "comparator": "more than",
                                           "unit": "medical facilities in rural areas"})
    opened = _claim(3, 3, "target", {"quantity": "700", "comparator": "about", "unit": "medical facilities"})
    found = {(r.kind, r.first, r.second) for r in propose(_facts(built, commissioned, opened))}
    assert {(CORROBORATES, 1, 2), (CORROBORATES, 2, 3), (CORROBORATES, 1, 3)} == found


def test_different_values_of_the_same_thing_conflict():
    a = _claim(1, 1, "statistic", {"value": "86000", "unit": "children"})
    b = _claim(2, 2, "statistic", {"value": "70000", "unit": "children"})
    assert [(r.kind, r.first, r.second) for r in propose(_facts(a, b))] == [(CONFLICTS, 1, 2)]


def test_different_things_times_and_currencies_are_not_related():
    a = _claim(1, 1, "statistic", {"value": "86000", "unit": "children"})
    b = _claim(2, 2, "statistic", {"value": "86000", "unit": "teachers"})
    far_apart = _claim(3, 3, "statistic", {"value": "86000", "unit": "children"})
    assert propose(_facts(a, b)) == []
    assert propose([ClaimFacts(a, "2020-01-01"), ClaimFacts(far_apart, "2026-01-01")]) == []
    kzt = _claim(4, 1, "funding", {"amount": "5", "currency": "KZT", "purpose": "school construction"})
    usd = _claim(5, 2, "funding", {"amount": "5", "currency": "USD", "purpose": "school construction"})
    assert propose(_facts(kzt, usd)) == []
    huge_gap = _claim(6, 2, "statistic", {"value": "900000", "unit": "children"})
    assert propose(_facts(a, huge_gap)) == []


def test_parts_that_exceed_their_total_are_flagged():
    total = _claim(1, 1, "funding", {"amount": "78700000000", "currency": "KZT"}, start=10)
    part = _claim(2, 1, "funding", {"amount": "52000000000", "currency": "KZT"}, start=40, prefix="tenge, of which ")
    other = _claim(3, 1, "funding", {"amount": "30000000000", "currency": "KZT"}, start=80, prefix="budget and ")
    facts = [ClaimFacts(c, "2026-01-10", (1, 0)) for c in (total, part, other)]
    assert [(r.kind, r.first) for r in propose(facts)] == [(PARTS_EXCEED_TOTAL, 1)]
    fine = [ClaimFacts(c, "2026-01-10", (1, 0)) for c in (total, part)]
    assert propose(fine) == []
