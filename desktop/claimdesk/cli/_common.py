"""Argument types and terminal helpers the command modules share."""

from __future__ import annotations

import argparse
import math
import re
import sys

MAX_ID = 2**63 - 1  # SQLite's largest integer: a larger "id" is a usage error, not an OverflowError


def id_arg(text: str) -> int:
    """A document, claim or measure id on the command line."""
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (ids are whole numbers up to {MAX_ID}, e.g. 12)")
    return int(text)


_WHOLE = re.compile(r"-?[0-9]+")  # ASCII digits only, as id_arg: no '+', '1_000', spaces or other scripts' digits


class NumberArg:
    """An argparse type for a number option with a stated range. argparse names the option in
    its message ("argument --limit: '0' is not a whole number from 1 to 9223372036854775807"),
    so a value SQLite, a timer or a buffer cannot take is a usage error (exit 2), never a traceback."""

    def __init__(self, low: float, high: float, *, whole: bool = False, above_low: bool = False, of: str = ""):
        self.low, self.high, self.whole, self.above_low = low, high, whole, above_low
        noun = ("a whole number" if whole else "a number") + (f" of {of}" if of else "")
        lower = f"above {_shown(low)} and at most" if above_low else f"from {_shown(low)} to"
        self.expected = f"{noun} {lower} {_shown(high)}"

    def __call__(self, text: str) -> float:
        value = self._parse(text.strip())
        if value is None or not (self.low < value if self.above_low else self.low <= value) or value > self.high:
            shown = text if len(text) <= 40 else text[:40] + "…"
            raise argparse.ArgumentTypeError(f"{shown!r} is not {self.expected}")
        return value

    def _parse(self, text: str) -> float | None:
        if self.whole:
            return int(text) if _WHOLE.fullmatch(text) else None
        try:
            value = float(text)
        except ValueError:
            return None
        return value if math.isfinite(value) else None  # 'inf', 'nan' and 1e400 parse, but no range holds them


def _shown(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def size_arg(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1400x860") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"{text!r}: width and height must be 200–8000 pixels")
    return width, height


def parse_ids(text: str) -> list[int]:
    """Claim ids from '3,4,9', '3 4 9' or lines of them; a token that is not an id is an error."""
    ids = []
    for token in text.replace(",", " ").split():
        if not token.isdigit() or not token.isascii():
            raise ValueError(f"{token!r} is not a claim id (ids are whole numbers, e.g. 3,4,9)")
        if int(token) > MAX_ID:
            raise ValueError(f"{token} is not a claim id (too large)")
        ids.append(int(token))
    return ids


def id_or_name(text: str) -> int | str:
    """An id when the argument is a whole number (one SQLite can hold, else a usage error), else a name."""
    return id_arg(text.strip()) if text.strip().isdigit() and text.isascii() else text


def blank_reviewer(reviewer: str | None) -> bool:
    """Whether ``--reviewer`` was given but blank (said on stderr; the caller exits 2)."""
    if reviewer is None or reviewer.strip():
        return False
    print("claimdesk: error: --reviewer is blank; give the reviewer's name (or leave it out to use "
          "$CLAIMDESK_USER, else \"unnamed analyst\")", file=sys.stderr)
    return True


def counted(number: int, noun: str, plural: str = "") -> str:
    """"1 warning", "2 warnings" ("1 claim is", with ``plural`` for irregular nouns)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def terminal_text(text: object) -> str:
    """A document's own text for the terminal: control characters (escape sequences)
    dropped, bidi controls shown as [U+202E] so a title cannot reorder the line."""
    from claimdesk.exports.safe import clean

    return clean(text)
