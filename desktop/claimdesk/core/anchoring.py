"""Re-anchoring a claim in a new version of its document's text.

A claim keeps a position selector (start/end) and a quote selector (exact text with up
to 32 characters of prefix and suffix). In the new text it is found, in order, by:
its old position if the quote still sits there; the exact quote, choosing among
occurrences by prefix/suffix agreement and closeness to the old position; its prefix
and suffix still framing a changed text; or an approximate match of the quote near
where it should be (scored on quote similarity and closeness, as web annotation
clients do). The outcome is anchored, moved, changed or orphaned; nothing is dropped.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

ANCHORED, MOVED, CHANGED, ORPHANED = "anchored", "moved", "changed", "orphaned"
APPROXIMATE_MIN = 0.75  # quote similarity below this is not the same claim


@dataclass(frozen=True)
class Anchor:
    state: str
    start: int | None = None
    end: int | None = None
    score: float = 0.0


def reanchor(new_text: str, start: int, end: int, quote: str, prefix: str, suffix: str,
             old_length: int | None = None) -> Anchor:
    if new_text[start:end] == quote and _context_score(new_text, start, end, prefix, suffix) > 0.5:
        return Anchor(ANCHORED, start, end, 1.0)
    expected = _expected_position(start, old_length, len(new_text))
    exact = _exact_occurrences(new_text, quote)
    if exact:
        best = max(exact, key=lambda at: (_context_score(new_text, at, at + len(quote), prefix, suffix),
                                          -abs(at - expected)))
        return Anchor(ANCHORED if best == start else MOVED, best, best + len(quote), 1.0)
    framed = _framed_by_context(new_text, prefix, suffix, len(quote), expected)
    if framed is not None:
        return Anchor(CHANGED, framed[0], framed[1], 0.8)
    approximate = _approximate(new_text, quote, expected)
    if approximate is not None:
        return Anchor(CHANGED, *approximate)
    return Anchor(ORPHANED)


def _expected_position(start: int, old_length: int | None, new_length: int) -> int:
    if not old_length:
        return start
    return round(start * new_length / old_length)


def _exact_occurrences(text: str, quote: str) -> list[int]:
    found, at = [], text.find(quote)
    while at >= 0 and quote:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """0..1: how much of the stored prefix and suffix still surround start..end."""
    before, after = text[max(0, start - len(prefix)):start], text[end:end + len(suffix)]
    agreed = _common_suffix(before, prefix) + _common_prefix(after, suffix)
    return agreed / max(1, len(prefix) + len(suffix)) if prefix or suffix else 1.0


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _framed_by_context(text: str, prefix: str, suffix: str, quote_length: int,
                      expected: int) -> tuple[int, int] | None:
    """The stored prefix and suffix still stand with changed text between them."""
    if len(prefix) < 8 or len(suffix) < 8:
        return None
    candidates: list[tuple[int, int, int]] = []
    for at in _exact_occurrences(text, prefix):
        start = at + len(prefix)
        finish = text.find(suffix, start)
        if finish >= 0 and 0 < finish - start <= max(2 * quote_length, quote_length + 40):
            candidates.append((abs(start - expected), start, finish))
    if not candidates:
        return None
    _distance, start, finish = min(candidates)
    return start, finish


def _approximate(text: str, quote: str, expected: int) -> tuple[int, int, float] | None:
    """The most similar stretch of about the quote's length near the expected position."""
    if len(quote) < 4:
        return None
    radius = max(2000, len(quote) * 20)
    low, high = max(0, expected - radius), min(len(text), expected + radius)
    window = text[low:high]
    matcher = difflib.SequenceMatcher(None, window, quote, autojunk=False)
    best: tuple[int, int, float] | None = None  # (start, end, score)
    for block in matcher.get_matching_blocks():
        if block.size < min(8, len(quote) // 3):
            continue
        # align the candidate so the matching block sits where it sits in the quote
        start = max(0, block.a - block.b)
        for length in {len(quote), len(quote) - 4, len(quote) + 4}:
            candidate = window[start:start + max(1, length)]
            ratio = difflib.SequenceMatcher(None, candidate, quote, autojunk=False).ratio()
            closeness = 1 - min(1.0, abs(low + start - expected) / radius)
            score = ratio * 0.9 + closeness * 0.1
            if ratio >= APPROXIMATE_MIN and (best is None or score > best[2]):
                best = (low + start, low + start + len(candidate.rstrip()), round(score, 3))
    return best
