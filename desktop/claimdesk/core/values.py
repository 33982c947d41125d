"""Typed claim field values: exact decimals, ISO 4217 currencies, dates with precision.

Field values are stored in a claim's JSON as strings ("1300000000", "KZT", "2027-12")
so decimals stay exact; these functions parse what an analyst types and format values
for display ("KZT 1,300,000,000").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from claimdesk.core.currencies import ISO_4217

if TYPE_CHECKING:
    from claimdesk.core.kinds import FieldDef

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009_']")
_DATE_FORMS = (
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "day"),
)
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_decimal(text: str) -> Decimal:
    """An exact Decimal from "1,300,000,000", "1 300 000", "1,3", "1.3e9" or "12.5".

    A lone comma followed by other than three digits is a decimal comma (Russian and
    Kazakh style); commas in groups of three are thousands separators.
    """
    raw = _SPACES.sub("", text.strip())
    if not raw:
        raise ValueError("enter a number")
    if "," in raw and "." in raw:
        decimal_mark = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        raw = raw.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in raw:
        groups = raw.lstrip("+-").split(",")
        if len(groups) > 2 or (len(groups) == 2 and len(groups[1]) == 3 and groups[0] not in ("", "0")):
            if not all(len(g) == 3 for g in groups[1:]):
                raise ValueError(f"{text.strip()!r} is not a number (misplaced comma)")
            raw = raw.replace(",", "")
        else:
            raw = raw.replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"{text.strip()!r} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"{text.strip()!r} is not a finite number")
    return value


def decimal_to_field(value: Decimal) -> str:
    """The stored form: plain digits, no exponent, no trailing zeros after the point."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_decimal(value: str | Decimal) -> str:
    """ "1300000000" -> "1,300,000,000"; "1.25" -> "1.25"."""
    try:
        number = Decimal(value) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        return str(value)
    return format(number, ",f")


def parse_currency(text: str) -> str:
    code = text.strip().upper()
    if code not in ISO_4217:
        raise ValueError(f"{text.strip()!r} is not an ISO 4217 currency code")
    return code


def parse_partial_date(text: str) -> tuple[str, str]:
    """(ISO prefix, precision) from "2027", "2027-12", "2027-12-31" or "31.12.2027"."""
    raw = text.strip()
    dotted = _DOTTED.match(raw)
    if dotted:
        raw = f"{dotted.group(3)}-{dotted.group(2)}-{dotted.group(1)}"
    for pattern, precision in _DATE_FORMS:
        match = pattern.match(raw)
        if not match:
            continue
        parts = [int(p) for p in match.groups()]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            raise ValueError(f"{text.strip()!r} is not a real date") from None
        return "-".join([f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:]]), precision
    raise ValueError(f"{text.strip()!r} is not a date: use 2027, 2027-12 or 2027-12-31")


def date_precision(value: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "minute")


def format_value(fields: Mapping[str, Any], field_defs: Iterable[FieldDef]) -> str:
    """One line for the claims table and tooltips: "KZT 1,300,000,000", "up to 60 stops",
    "about 640,000 people", "Dana Serikbayeva, Minister of Healthcare"."""
    decimals = [f.name for f in field_defs if f.type == "decimal" and not f.name.endswith("_high")]
    currency = next((fields.get(f.name) for f in field_defs if f.type == "currency" and fields.get(f.name)), "")
    for name in decimals:
        if fields.get(name) in (None, ""):
            continue
        number = format_decimal(fields[name])
        high = fields.get(f"{name}_high")
        if high not in (None, ""):
            number += f"–{format_decimal(high)}"
        comparator = fields.get("comparator", "")
        parts = [comparator if comparator and comparator != "exactly" else "", currency, number,
                 fields.get("unit", "")]
        return " ".join(part for part in parts if part)
    texts = [str(fields[f.name]) for f in field_defs if f.type == "text" and fields.get(f.name)]
    return ", ".join(texts[:2])
