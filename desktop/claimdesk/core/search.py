"""Turns what a user types into a safe FTS5 query.

Every word becomes a quoted phrase (so FTS5 operators and punctuation typed by the user
are plain text), words are ANDed, a trailing * keeps its prefix meaning, and a quoted
"several words" stays one phrase.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def to_fts_query(user_text: str) -> str:
    terms = []
    for phrase, word in _TOKEN.findall(user_text):
        raw = phrase if phrase else word
        prefix = bool(word) and word.endswith("*") and len(word) > 1
        raw = raw.rstrip("*") if prefix else raw
        words = re.findall(r"\w+", raw)
        if not words:
            continue
        quoted = '"' + " ".join(words).replace('"', '""') + '"'
        terms.append(quoted + ("*" if prefix else ""))
    return " ".join(terms)


def first_match_offset(text: str, user_text: str) -> int | None:
    """Where the first word of a query occurs in a text (case-insensitive), to open a
    document at its hit. Offsets are code points of ``text``."""
    words = [w for phrase, word in _TOKEN.findall(user_text) for w in re.findall(r"\w+", phrase or word)]
    if not words:
        return None
    pattern = re.compile("|".join(r"\b" + re.escape(w) for w in words), re.IGNORECASE)
    match = pattern.search(text)
    return match.start() if match else None
