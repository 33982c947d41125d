"""Converts between code-point offsets (what the store keeps) and UTF-16 positions
(what Qt's text classes count). They differ only after characters outside the BMP."""

from __future__ import annotations

import re
from bisect import bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Utf16Map:
    def __init__(self, text: str):
        # code-point offsets of astral characters; each adds one extra UTF-16 unit after it
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_utf16 = [i + n for n, i in enumerate(self._astral)]

    def to_utf16(self, offset: int) -> int:
        return offset + bisect_right(self._astral, offset - 1) if self._astral else offset

    def to_codepoint(self, position: int) -> int:
        if not self._astral:
            return position
        # each astral character starting before this position took two units (a position
        # inside a surrogate pair maps to the start of its character)
        return position - bisect_right(self._astral_utf16, position - 1)
