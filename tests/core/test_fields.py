"""Field values against the kind's field definitions: the checks ops runs on every claim."""

import pytest

from claimdesk.core.claims import ClaimError
from claimdesk.core.fields import FieldError, canonical_input, check_fields, check_value
from claimdesk.core.kinds import FieldDef, Kind

FUNDING = Kind("funding", "Funding", "#e0a800", "1", (
    FieldDef("amount", "decimal"), FieldDef("currency", "currency"), FieldDef("period", "date"),
    FieldDef("status", "choice", ("allocated", "spent")), FieldDef("payer", "text")))


@pytest.mark.parametrize("definition, value", [
    (FieldDef("amount", "decimal"), "1300000000"), (FieldDef("amount", "decimal"), "-12.5"),
    (FieldDef("currency", "currency"), "KZT"), (FieldDef("period", "date"), "2027"),
    (FieldDef("period", "date"), "2027-12"), (FieldDef("period", "date"), "2027-12-31"),
    (FieldDef("as_of", "date"), "2026-01-07T16:50"), (FieldDef("status", "choice", ("allocated",)), "allocated"),
    (FieldDef("payer", "text"), "Ministry of Finance"), (FieldDef("amount", "decimal"), ""),
])
def test_values_of_the_declared_type_pass(definition, value):
    check_value(definition, value)


@pytest.mark.parametrize("definition, value, reason", [
    (FieldDef("amount", "decimal"), "banana", "not a number"),
    (FieldDef("amount", "decimal"), "1,300", "not a number"),  # the stored form has no separators
    (FieldDef("amount", "decimal"), "1e9", "not a number"),
    (FieldDef("amount", "decimal"), "\u0663", "not a number"),  # Arabic-Indic three: sorts as 0, exports as 3
    (FieldDef("amount", "decimal"), "\uff11\uff12", "not a number"),  # full-width digits
    (FieldDef("amount", "decimal"), "5\n", "not a number"),  # a trailing newline slipped past ``$``
    (FieldDef("amount", "decimal"), "NaN", "not a number"),
    (FieldDef("period", "date"), "2025\n", "not a date"),
    (FieldDef("period", "date"), "\u0662\u0660\u0662\u0665", "not a date"),
    (FieldDef("amount", "decimal"), 12.5, "not text"),  # a float is not an exact decimal
    (FieldDef("currency", "currency"), "kzt", "ISO 4217"),
    (FieldDef("currency", "currency"), "TENGE", "ISO 4217"),
    (FieldDef("period", "date"), "2027-13", "not a date"),
    (FieldDef("period", "date"), "2027-02-30", "not a date"),
    (FieldDef("period", "date"), "31.12.2027", "not a date"),
    (FieldDef("status", "choice", ("allocated", "spent")), "maybe", "not one of allocated, spent"),
])
def test_values_of_another_type_are_refused_with_the_reason(definition, value, reason):
    with pytest.raises(ValueError, match=reason):
        check_value(definition, value)


def test_unknown_keys_are_refused_unless_the_claim_already_holds_them():
    with pytest.raises(FieldError, match="Funding has no field 'bogus'") as refused:
        check_fields(FUNDING, {"amount": "5", "bogus": 1})
    assert refused.value.field == "bogus" and isinstance(refused.value, ClaimError)
    held = {"quantity": "48", "amount": "5"}  # "quantity" kept from the claim's previous kind
    check_fields(FUNDING, {"quantity": "48", "amount": "6"}, held=held)
    with pytest.raises(FieldError, match="no field 'quantity'"):  # a changed value is a new one
        check_fields(FUNDING, {"quantity": "49"}, held=held)


def test_held_values_pass_unchanged_and_changed_ones_are_checked():
    held = {"status": "planned"}  # a target's status, valid for that kind, kept after a change of kind
    check_fields(FUNDING, {"status": "planned", "amount": "1"}, held=held)
    with pytest.raises(FieldError, match="claim #3: amount: 'banana' is not a number") as refused:
        check_fields(FUNDING, {"status": "planned", "amount": "banana"}, held=held, claim_label="claim #3")
    assert refused.value.field == "amount"
    with pytest.raises(ClaimError, match="fields must be a mapping"):
        check_fields(FUNDING, ["amount"])


@pytest.mark.parametrize("definition, typed, stored", [
    (FieldDef("amount", "decimal"), " 1,300,000 ", "1300000"), (FieldDef("amount", "decimal"), "1,5", "1.5"),
    (FieldDef("currency", "currency"), "kzt", "KZT"), (FieldDef("period", "date"), "31.12.2027", "2027-12-31"),
    (FieldDef("amount", "decimal"), "lots", "lots"),  # handed on for the check to refuse
    (FieldDef("payer", "text"), "  akimat ", "akimat"), (FieldDef("amount", "decimal"), "  ", ""),
])
def test_typed_input_becomes_the_stored_form_where_it_can_be_read(definition, typed, stored):
    assert canonical_input(definition, typed) == stored
