"""Argument types and terminal helpers the command modules share."""

from __future__ import annotations

import argparse

MAX_ID = 2**63 - 1  # SQLite's largest integer: a larger "id" is a usage error, not an OverflowError


def id_arg(text: str) -> int:
    """A document, claim or measure id on the command line."""
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (ids are whole numbers, e.g. 12)")
    return int(text)


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
    """An id when the argument is a whole number, else a name."""
    return int(text) if text.strip().isdigit() and text.isascii() else text


def terminal_text(text: object) -> str:
    """A document's own text for the terminal: control characters (escape sequences)
    dropped, bidi controls shown as [U+202E] so a title cannot reorder the line."""
    from claimdesk.exports.safe import clean

    return clean(text)
