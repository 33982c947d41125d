"""``Quantity``: one figure the number grammar found (``core.numbers.find_quantities``).

A module of its own, outside the compiled core (``scripts/compile-core``): the grammar builds
one per figure through ``__dict__`` (without the frozen dataclass's per-field
``object.__setattr__``), which a compiled (native) class does not have.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: Decimal
    as_written: str
    high: Decimal | None = None
    comparator: str = "exactly"
    currency: str | None = None
    percent: bool = False
    scaled: bool = False  # carried a scale word (thousand, bln, млрд …)
    from_words: bool = False  # "seven", "a quarter"
    conversion: "Quantity | None" = None  # "(US$190,416)" after an amount
    excluded: str = ""  # why this figure is not a claim, or ""

    @property
    def is_money(self) -> bool:
        return self.currency is not None
