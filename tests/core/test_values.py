"""Field values: exact decimals, currencies, partial dates, one-line formatting."""


from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdesk.core.claims import Claim, reading_order, with_changes
from claimdesk.core.kinds import FieldDef
from claimdesk.core.textmap import Utf16Map
from claimdesk.core.values import (decimal_to_field, format_decimal, format_value, parse_currency, parse_decimal,
                                   parse_partial_date)


@pytest.mark.parametrize("typed, value", [
    ("1,300,000,000", "1300000000"), ("1 300 000 000", "1300000000"), ("1,3", "1.3"), ("12.5", "12.5"),
    ("1.3e9", "1300000000"), ("1.234,5", "1234.5"), ("1,234.5", "1234.5"), ("0,250", "0.25"),
    ("\u00a0640\u202f000 ", "640000"), ("-7", "-7"),
])
def test_parse_decimal_accepts_the_ways_analysts_type_numbers(typed, value):
    assert decimal_to_field(parse_decimal(typed)) == value


@pytest.mark.parametrize("typed", ["", "abc", "1,30,0", "12..5", "inf", "1,2,3"])
def test_parse_decimal_rejects_what_is_not_a_number(typed):
    with pytest.raises(ValueError):
        parse_decimal(typed)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**15, max_value=10**15))
def test_formatted_decimals_parse_back_exactly(value):
    assert parse_decimal(format_decimal(value)) == value


def test_currency_and_dates():
    assert parse_currency(" kzt") == "KZT"
    with pytest.raises(ValueError, match="ISO 4217"):
        parse_currency("TENGE")
    assert parse_partial_date("2027") == ("2027", "year")
    assert parse_partial_date("2027-9") == ("2027-09", "month")
    assert parse_partial_date("31.12.2027") == ("2027-12-31", "day")
    with pytest.raises(ValueError, match="real date"):
        parse_partial_date("2027-02-30")
    with pytest.raises(ValueError, match="not a date"):
        parse_partial_date("next year")


def test_format_value_reads_like_the_claim():
    funding = [FieldDef("amount", "decimal"), FieldDef("amount_high", "decimal"), FieldDef("currency", "currency")]
    assert format_value({"amount": "1300000000", "currency": "KZT"}, funding) == "KZT 1,300,000,000"
    assert format_value({"amount": "264", "amount_high": "575.4", "currency": "KZT"}, funding) == "KZT 264–575.4"
    target = [FieldDef("quantity", "decimal"), FieldDef("comparator", "choice", ("up to",)), FieldDef("unit", "text")]
    assert format_value({"quantity": "60", "comparator": "up to", "unit": "stops"}, target) == "up to 60 stops"
    official = [FieldDef("name", "text"), FieldDef("position", "text")]
    assert format_value({"name": "A B", "position": "Minister"}, official) == "A B, Minister"
    assert format_value({}, funding) == ""


def test_utf16_map_counts_astral_characters_twice():
    text = "a😀b😀c"
    mapping = Utf16Map(text)
    assert [mapping.to_utf16(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert [mapping.to_codepoint(p) for p in [0, 1, 3, 4, 6, 7]] == list(range(6))
    assert mapping.to_codepoint(2) == 1  # inside a surrogate pair: the character's start
    plain = Utf16Map("abc")
    assert plain.to_utf16(2) == 2 and plain.to_codepoint(2) == 2


def test_changed_claims_merge_into_reading_order():
    def claim(claim_id, start, end):
        return Claim(claim_id, 1, "funding", start, end, "", "", "", None, {}, "unverified", "manual", None,
                     "me", "", "", "anchored")

    claims = sorted([claim(1, 0, 5), claim(2, 10, 15), claim(3, 20, 25)], key=reading_order)
    merged = with_changes(claims, {2: None, 3: replace(claims[2], start=1), 9: claim(9, 12, 14)})
    assert [(c.id, c.start) for c in merged] == [(1, 0), (3, 1), (9, 12)]
    assert merged == sorted(merged, key=reading_order) and [c.id for c in claims] == [1, 2, 3]
