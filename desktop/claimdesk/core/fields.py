"""Claim field values checked against their kind's field definitions (Qt-free).

``ops.claims`` calls ``check_fields`` for every create and edit, so the CLI, the GUI,
undo/redo, suggestions and annotation imports all store only values of the declared
types: decimals as exact digit strings, ISO 4217 codes, dates as YYYY, YYYY-MM or
YYYY-MM-DD (a publication date may carry THH:MM), one of a choice field's choices.

``canonical_input`` is the lenient side for people typing into a form ("1,300",
"kzt", "31.12.2027"); what it cannot read it hands on unchanged, and the strict check
then says what is wrong with it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from claimdesk.core.claims import ClaimError
from claimdesk.core.currencies import ISO_4217
from claimdesk.core.kinds import FieldDef, Kind
from claimdesk.core.values import decimal_to_field, parse_currency, parse_decimal, parse_partial_date

# ASCII digits only, and the whole value (``$`` would let a trailing newline through, and
# ``\d`` Arabic-Indic or full-width digits that sort as 0 and export as other digits)
_EXACT_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:T([0-9]{2}):([0-9]{2}))?)?)?")


class FieldError(ClaimError):
    """A field value the claim's kind does not accept; ``field`` names the field and
    ``reason`` is the message without claim and field (for showing beside the field)."""

    def __init__(self, field: str, message: str, reason: str = ""):
        super().__init__(message)
        self.field = field
        self.reason = reason or message


def check_value(definition: FieldDef, value: object) -> None:
    """Raises ValueError saying what is wrong with ``value`` for this field ("" or None: unset)."""
    if value is None or value == "":
        return
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not text (values are stored as strings)")
    if definition.type == "decimal" and not _EXACT_DECIMAL.fullmatch(value):
        raise ValueError(f"{value!r} is not a number (digits, optionally a minus and a point: 1300000, -2 or 12.5)")
    if definition.type == "currency" and value not in ISO_4217:
        raise ValueError(f"{value!r} is not an ISO 4217 currency code (such as KZT, USD, EUR)")
    if definition.type == "date" and not _real_date(value):
        raise ValueError(f"{value!r} is not a date: use 2027, 2027-12 or 2027-12-31")
    if definition.type == "choice" and value not in definition.choices:
        raise ValueError(f"{value!r} is not one of {', '.join(definition.choices)}")


def check_fields(kind: Kind, fields: Mapping[str, Any], held: Mapping[str, Any] | None = None,
                 claim_label: str = "") -> None:
    """Checks the values in ``fields`` that differ from ``held`` (the claim's stored
    fields; None for a new claim). Values the claim already holds pass unchanged, so
    values kept from a previous kind survive a change of kind and later edits of the
    other fields; a key the kind does not define may not be added."""
    held = held or {}
    where = f"{claim_label}: " if claim_label else ""
    if not isinstance(fields, Mapping):
        raise ClaimError(f"{where}fields must be a mapping of field names to values, not {type(fields).__name__}")
    for name, value in fields.items():
        if name in held and held[name] == value:
            continue
        definition = kind.field(name)
        if definition is None:
            defined = ", ".join(f.name for f in kind.fields) or "none"
            raise FieldError(name, f"{where}{kind.label} has no field {name!r} (its fields: {defined})",
                             f"{kind.label} has no such field")
        try:
            check_value(definition, value)
        except ValueError as exc:
            raise FieldError(name, f"{where}{name.replace('_', ' ')}: {exc}", str(exc)) from None


def canonical_input(definition: FieldDef, raw: str) -> str:
    """What a person typed, in the stored form where it can be read ("1,300" -> "1300",
    "kzt" -> "KZT", "31.12.2027" -> "2027-12-31"); otherwise the text as typed, for
    ``check_value`` to refuse with its reason."""
    raw = raw.strip()
    if not raw:
        return ""
    try:
        if definition.type == "decimal":
            return decimal_to_field(parse_decimal(raw))
        if definition.type == "currency":
            return parse_currency(raw)
        if definition.type == "date":
            return parse_partial_date(raw)[0]
    except ValueError:
        return raw
    return raw


def _real_date(value: str) -> bool:
    match = _DATE.fullmatch(value)
    if not match:
        return False
    year, month, day, hour, minute = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return hour is None or (int(hour) < 24 and int(minute) < 60)
