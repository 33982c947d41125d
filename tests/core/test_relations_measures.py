"""Relations within a measure: rounding, comparators and approximations, periods,
revisions and progress against targets."""

from decimal import Decimal

import pytest

from claimdesk.core.claims import Claim
from claimdesk.core.periods import Period
from claimdesk.core.relations import (CONFLICTS, CORROBORATES, PROGRESS, REVISED, ClaimFacts, agree, precision,
                                      propose)

YEAR_2024 = Period("2024-01-01", "2024-12-31", "year", "as_of")
YEAR_2025 = Period("2025-01-01", "2025-12-31", "year", "as_of")


def _claim(claim_id, document_id, kind, fields, quote="quote"):
    return Claim(claim_id, document_id, kind, 0, len(quote), quote, "", "", None, fields, "unverified",
                 "manual", None, "me", "", "", "anchored")


def _stat(claim_id, value, quote="", comparator="exactly", document_id=None, **fields):
    return _claim(claim_id, document_id or claim_id, "statistic",
                  {"value": value, "comparator": comparator, **fields}, quote or value)


def _fact(claim, measure=1, period=YEAR_2024, published="2024-11-01"):
    return ClaimFacts(claim, published, measure_id=measure, measure="Grain harvest: harvest", period=period)


def _kinds(relations):
    return {(r.kind, r.first, r.second) for r in relations}


@pytest.mark.parametrize("first, second, agreeing", [
    (("26500000", "26.5 million tons"), ("26540000", "26.54 million tons"), True),
    (("26500000", "26.5 million tons"), ("26700000", "26,7 млн тонн"), False),
    (("53", "53%"), ("53.07", "53.07%"), True),
    (("19000000", "19 миллионов кв. м"), ("19200000", "19,2 млн кв. м"), True),
    (("22.4", "22.4 km"), ("22.6", "22.6 km"), False),
    (("70000", "₸70,000"), ("85000", "85 000 теңге"), False),
    (("655", "655 facilities"), ("700", "700 facilities"), False),
    (("18", "18 trains"), ("19", "19 units"), False),  # 18.5 rounds to 19: adjacent figures do not meet
])
def test_figures_agree_at_the_rounder_figures_precision(first, second, agreeing):
    a, b = _stat(1, first[0], first[1]), _stat(2, second[0], second[1])
    assert agree(a, b) is agreeing and agree(b, a) is agreeing


def test_precision_is_read_from_the_figure_as_written():
    assert precision(_stat(1, "19000000", "19 million square metres")) == 1000000
    assert precision(_stat(1, "19200000", "19.2 million square metres")) == 100000
    assert precision(_stat(1, "963400", "963,4 тыс. кв. м")) == 100
    assert precision(_stat(1, "26.54", "no figure in this quote")) == Decimal("0.01")


def test_comparators_and_stated_approximations():
    assert agree(_stat(1, "650", "more than 650", "more than"), _stat(2, "655", "655"))
    assert not agree(_stat(1, "650", "more than 650", "more than"), _stat(2, "600", "600"))
    assert agree(_stat(1, "12000000", "more than 12 million", "more than"), _stat(2, "12000000", "12 million"))
    for approximately in ("about 700", "около 700", "порядка 700", "шамамен 700", "nearly 700"):
        assert agree(_stat(1, "700", approximately, "about"), _stat(2, "650", "650")), approximately
    assert not agree(_stat(1, "700", "about 700", "about"), _stat(2, "600", "600"))
    almost = _claim(1, 1, "funding", {"amount": "2000000000", "currency": "USD", "comparator": "about"},
                    "almost $2 billion")
    exact = _claim(2, 2, "funding", {"amount": "1900000000", "currency": "USD"}, "USD 1.9 billion")
    assert agree(almost, exact)
    # two lower bounds state one figure loosely: their bounds must agree
    assert not agree(_stat(1, "7400000", "more than 7.4 million", "more than"),
                     _stat(2, "7100000", "over 7.1 million", "more than"))
    assert agree(_stat(1, "85000", "up to 85 thousand", "up to"), _stat(2, "85000", "85 000"))


def test_one_measure_corroborates_and_conflicts_but_other_measures_and_periods_do_not():
    reported = _stat(1, "26500000", "26.5 million tons")
    same = _stat(2, "26500000", "26.5 million tons")
    differs = _stat(3, "26700000", "26,7 млн тонн")
    assert _kinds(propose([_fact(reported), _fact(same), _fact(differs)])) == {
        (CORROBORATES, 1, 2), (CONFLICTS, 1, 3), (CONFLICTS, 2, 3)}
    other_measure = _fact(differs, measure=2)
    assert propose([_fact(reported), other_measure]) == []
    next_year = _fact(differs, period=YEAR_2025)
    assert propose([_fact(reported), next_year]) == []  # a different year's harvest is no conflict
    unlinked = ClaimFacts(differs, "2024-11-01")
    assert propose([_fact(reported), unlinked]) == []
    reason = propose([_fact(reported), _fact(differs)])[0].reason
    assert "Grain harvest: harvest" in reason and "2024" in reason and "26500000" in reason


def test_different_units_of_one_measure_are_related_without_shared_words():
    budget = _claim(1, 1, "funding", {"amount": "74000000000", "currency": "KZT", "purpose": "gas pipelines"},
                    "74 billion tenge")
    other = _claim(2, 2, "funding", {"amount": "39600000000", "currency": "KZT", "purpose": "газопроводы"},
                   "39,6 млрд тенге")
    assert _kinds(propose([_fact(budget), _fact(other)])) == {(CONFLICTS, 1, 2)}
    dollars = _claim(3, 3, "funding", {"amount": "74000000000", "currency": "USD"}, "74 billion dollars")
    assert propose([_fact(budget), _fact(dollars)]) == []


def test_a_plan_restated_later_is_a_revision_with_both_dates():
    draft = _claim(1, 1, "funding", {"amount": "70000", "currency": "KZT", "status": "planned"}, "₸70,000")
    law = _claim(2, 2, "funding", {"amount": "85000", "currency": "KZT", "status": "planned"}, "85 000 теңге")
    period = Period("2024-01-01", "2024-01-01", "day", "period")
    relations = propose([_fact(draft, period=period, published="2023-08-21"),
                         _fact(law, period=period, published="2023-12-01")])
    assert _kinds(relations) == {(REVISED, 1, 2)}
    assert "2023-08-21" in relations[0].reason and "2023-12-01" in relations[0].reason
    assert "70000 → KZT 85000" in relations[0].reason
    moved = _claim(3, 3, "target", {"quantity": "100", "deadline": "2027", "status": "planned"}, "100 schools")
    again = _claim(4, 4, "target", {"quantity": "100", "deadline": "2029", "status": "planned"}, "100 schools")
    relations = propose([_fact(moved, period=Period("2027-01-01", "2027-12-31", "year", "deadline"),
                               published="2023-01-01"),
                         _fact(again, period=Period("2029-01-01", "2029-12-31", "year", "deadline"),
                               published="2024-01-01")])
    assert _kinds(relations) == {(REVISED, 3, 4)} and "deadline 2027 → 2029" in relations[0].reason
    same_day = propose([_fact(draft, period=period, published="2023-08-21"),
                        _fact(law, period=period, published="2023-08-21")])
    assert _kinds(same_day) == {(CONFLICTS, 1, 2)}  # no later release: two figures for one plan


def _target(claim_id, quantity, deadline=None, comparator="exactly", status="planned"):
    fields = {"quantity": quantity, "comparator": comparator, "status": status}
    if deadline:
        fields["deadline"] = deadline
    return _claim(claim_id, claim_id, "target", fields, quantity)


def _deadline(year):
    return Period(f"{year}-01-01", f"{year}-12-31", "year", "deadline")


def test_progress_against_a_target_proposes_its_promise_status():
    plan = _fact(_target(1, "60", "2025"), period=_deadline(2025), published="2023-01-01")
    early = _fact(_stat(2, "55"), period=YEAR_2024, published="2024-03-01")
    relations = propose([plan, early], today="2024-06-01")
    assert _kinds(relations) == {(PROGRESS, 1, 2)}
    assert relations[0].promise == "in the works"
    met = _fact(_stat(3, "61"), period=YEAR_2025, published="2026-01-10")
    assert {r.promise for r in propose([plan, met], today="2026-02-01") if r.kind == PROGRESS} == {"kept"}
    short = _fact(_stat(4, "58"), period=YEAR_2025, published="2026-01-10")
    relations = propose([plan, short], today="2026-02-01")
    assert {(r.kind, r.promise) for r in relations} == {(PROGRESS, "broken"), (CONFLICTS, None)}
    # the deadline passed with only an early report that falls short: overdue, unless another report meets it
    assert [r.promise for r in propose([plan, early], today="2026-02-01")] == ["broken"]
    assert {r.second: r.promise for r in propose([plan, early, met], today="2026-02-01")
            if r.kind == PROGRESS} == {3: "kept"}  # the earlier report is history, not a proposal
    later = _fact(_stat(5, "57"), period=Period("2025-06-01", "2025-06-30", "month", "as_of"), published="2025-07-01")
    assert {r.second: r.promise for r in propose([plan, early, later], today="2025-08-01")
            if r.kind == PROGRESS} == {5: "in the works"}  # the latest report stands


def test_seeds_story_more_than_650_of_655_is_progress_and_corroborates():
    planned = _fact(_target(1, "655"), period=None, published="2025-02-01")
    about = _fact(_target(2, "700", comparator="about"), period=None, published="2025-02-01")
    commissioned = _fact(_target(3, "650", comparator="more than", status="in progress"), period=None,
                         published="2025-06-01")
    planned = ClaimFacts(planned.claim, planned.published, measure_id=1, period=None)
    about = ClaimFacts(_claim(2, 1, "target", about.claim.fields, "700"), about.published, measure_id=1)
    commissioned = ClaimFacts(commissioned.claim, commissioned.published, measure_id=1)
    relations = propose([planned, about, commissioned], today="2025-07-01")
    assert _kinds(relations) == {(CORROBORATES, 1, 3), (CORROBORATES, 2, 3), (PROGRESS, 1, 3), (PROGRESS, 2, 3)}
    assert {r.promise for r in relations if r.kind == PROGRESS} == {"in the works"}


def test_a_statistic_as_of_its_release_day_weighs_the_period_as_the_release_date():
    from claimdesk.core.periods import reference_period

    def figure_period(claim, published):  # what ops.relations gives each claim
        return reference_period(claim.kind, claim.fields, published)

    stated = figure_period(_stat(1, "7400000", as_of="2023-06"), "2023-07-12")
    assert (stated.source, stated.precision) == ("as_of", "month")
    standing_in = figure_period(_stat(1, "7400000", as_of="2023-07-12"), "2023-07-12")
    assert standing_in.source == "published"
    first = ClaimFacts(_stat(1, "7400000", "more than 7.4 million", "more than", as_of="2023-07-12"), "2023-07-12",
                       measure_id=1, period=standing_in)
    second_claim = _stat(2, "7100000", "over 7.1 million", "more than", as_of="2023-07-24")
    second = ClaimFacts(second_claim, "2023-07-24", measure_id=1, period=figure_period(second_claim, "2023-07-24"))
    assert _kinds(propose([first, second])) == {(CONFLICTS, 1, 2)}


def test_a_release_stating_the_same_figure_is_not_in_conflict_through_its_other_figures():
    undated = dict(period=None, published=None)
    national = _fact(_stat(1, "59", "59%"), **undated)
    same = _fact(_stat(2, "59", "59%", document_id=2), **undated)
    regional = _fact(_stat(3, "100", "100%", document_id=2), **undated)
    assert _kinds(propose([national, same, regional])) == {(CORROBORATES, 1, 2)}
    # stated, comparable periods keep their conflict whatever else the release says
    stated = [_fact(_stat(1, "59", "59%")), _fact(_stat(2, "59", "59%", document_id=2)),
              _fact(_stat(3, "60", "60%", document_id=2))]
    assert _kinds(propose(stated)) == {(CORROBORATES, 1, 2), (CONFLICTS, 1, 3)}


def test_a_figure_from_before_the_plan_is_its_baseline_not_progress():
    plan = _fact(_target(1, "60", "2025"), period=_deadline(2025), published="2023-06-01")
    baseline = _fact(_stat(2, "52"), period=Period("2022-01-01", "2022-12-31", "year", "as_of"),
                     published="2023-02-01")
    assert propose([plan, baseline], today="2024-01-01") == []


def test_a_small_first_report_is_progress_but_a_stock_far_past_the_target_is_not():
    plan = _fact(_target(1, "200", "2029"), period=_deadline(2029), published="2026-04-18")
    first_villages = _fact(_stat(2, "14"), period=None, published="2026-05-11")
    assert [(r.kind, r.promise) for r in propose([plan, first_villages], today="2026-06-01")] == [
        (PROGRESS, "in the works")]
    schools_in_all = _fact(_stat(3, "7000", comparator="more than"), period=None, published="2026-05-11")
    assert propose([plan, schools_in_all], today="2026-06-01") == []
