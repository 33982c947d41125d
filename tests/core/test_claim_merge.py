"""The "same fact" rule and the field merge, on sentences written here."""

import pytest

from claimdesk.core.claim_merge import (Proposal, filled_fields, merge_target, same_fact, stated_figure,
                                        suggestion_figure, values_differ)
from claimdesk.core.claims import Claim

TEXT = "By 2027 the akimat will build 300 schools with 2,000 seats; it paid $3.5 million for land."


def _claim(claim_id, quote, kind="target", fields=None, document_id=1, occurrence_after=0):
    start = TEXT.index(quote, occurrence_after)
    return Claim(claim_id, document_id, kind, start, start + len(quote), quote, "", "", None, fields or {},
                 "unverified", "manual", None, "me", "", "", "anchored")


def _figure(quote):
    start = TEXT.index(quote)
    return start, start + len(quote)


def test_a_suggestions_figure_is_the_quantity_at_its_anchor():
    clause_end = TEXT.index(";")
    assert suggestion_figure(TEXT, "target", 0, clause_end, TEXT.index("2,000")) == _figure("2,000")
    money = TEXT.index("$")
    assert suggestion_figure(TEXT, "funding", money - 8, len(TEXT) - 1, money) == _figure("$3.5 million")
    assert suggestion_figure(TEXT, "official", 5, 9, 5) == (5, 9)  # a name is its whole span


def test_a_span_states_its_value_where_the_quantity_has_it():
    start = TEXT.index("300")
    end = TEXT.index(";")
    assert stated_figure(TEXT, "target", start, end, {"quantity": "2000"}) == _figure("2,000")
    assert stated_figure(TEXT, "target", start, end, {}) == (start, end)
    assert stated_figure(TEXT, "target", start, end, {"quantity": "7"}) == (start, end)  # not stated: whole span


@pytest.mark.parametrize("kind, first, second, differ", [
    ("funding", {"amount": "5000000000"}, {"amount": "5000000000.00"}, False),
    ("funding", {"amount": "5000000000"}, {"amount": "2000000000"}, True),
    ("funding", {"amount": ""}, {"amount": "2000000000"}, False),       # one side states none
    ("official", {"name": "Aigerim Bekova"}, {"name": "Bekova Aigerim"}, False),
    ("official", {"name": "Aigerim Bekova"}, {"name": "Yedil Ospan"}, True),
    ("note", {"amount": "1"}, {"amount": "2"}, False),                  # a kind without a principal value
    ("funding", {"currency": "KZT"}, {"amount": "1000000000", "currency": "USD"}, True),  # the other currency's figure
    ("funding", {"currency": "kzt"}, {"amount": "480000000000", "currency": "KZT"}, False),
    ("target", {"unit": "schools"}, {"quantity": "300", "unit": "new schools"}, False),
    ("target", {"unit": "km"}, {"quantity": "22", "unit": "stops"}, True),
])
def test_values_differ_only_when_both_state_one(kind, first, second, differ):
    assert values_differ(kind, first, second) is differ


def test_same_fact_needs_the_figure_in_the_claim_and_no_other_value():
    seats = Proposal(1, "target", _figure("2,000"), {"quantity": "2000"})
    assert not same_fact(_claim(1, "300 schools"), seats)                    # touches the clause, not the figure
    assert same_fact(_claim(2, "2,000 seats"), seats)
    assert not same_fact(_claim(3, "2,000 seats", document_id=2), seats)
    assert not same_fact(_claim(4, "2,000 seats", kind="statistic"), seats)
    whole = _claim(5, "300 schools with 2,000 seats", fields={"quantity": "300"})
    assert not same_fact(whole, seats)                                        # holds it, states another value
    assert same_fact(_claim(6, "300 schools with 2,000 seats"), seats)
    assert not same_fact(_claim(7, "300 schools with 2,000 seats"), seats, [_figure("300")])  # its figure is known


def test_of_several_the_claim_covering_most_of_the_figure_then_the_tightest_wins():
    money = Proposal(1, "funding", _figure("$3.5 million"), {})
    wide = _claim(1, "it paid $3.5 million for land", kind="funding")
    tight = _claim(2, "$3.5 million", kind="funding")
    partial = _claim(3, "million for", kind="funding")
    assert merge_target([wide, partial, tight], money) == tight
    assert merge_target([partial, wide], money) == wide
    assert merge_target([], money) is None


def test_filling_keeps_the_analysts_values_and_fills_only_empty_ones():
    merged, filled = filled_fields({"status": "planned", "unit": " ", "payer": None},
                                   {"status": "achieved", "unit": "seats", "payer": "", "quantity": "2000"})
    assert merged == {"status": "planned", "unit": "seats", "payer": None, "quantity": "2000"}
    assert filled == ["quantity", "unit"]


def test_a_tag_holding_an_amount_and_its_conversion_never_gets_the_other_currencys_figure():
    text = "The fund allocated $1 billion (KZT 480 billion) for the line."
    start, end = text.index("$1"), text.index(")")
    tag = Claim(1, 1, "funding", start, end, text[start:end], "", "", None, {"currency": "KZT"},
                "unverified", "manual", None, "me", "", "", "anchored")
    dollars = Proposal(1, "funding", (start, start + len("$1 billion")), {"amount": "1000000000", "currency": "USD"})
    assert not same_fact(tag, dollars)  # filling it would state "KZT 1,000,000,000", which the text does not
