"""Marks lines that are page furniture rather than reporting, so detectors skip them.

Line-based rules written from the genre of news-site pages: share prompts, photo
credits, reproduction notices, "relevant news" and "most viewed" headings, lists of
packed headlines with timestamps, and dateline/view-counter lines of digest pages.
The text itself is never changed; only spans are recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimdesk.core.model import Span

_WHOLE_LINE = re.compile(
    r"^(tell a friend|share|print|skip to main content|search|menu|subscribe|advertisement"
    r"|relevant news|related news|read also|read more|see also|most viewed|most read|popular"
    r"|поделиться|рассказать друзьям|читайте также|похожие новости|популярное|самое читаемое"
    r"|бөлісу|оқи отырыңыз)\s*:?$",
    re.I,
)
_LONGEST_FURNITURE = 40  # characters: the longest whole-line phrase above with its colon and spaces
_PREFIXES = re.compile(
    r"^((images?|photo|photos|фото|сурет)\s*[|:©]"
    r"|this information may not be reproduced|copyright\b|©|all rights reserved"
    r"|при использовании материалов|перепечатка|материалды көшіріп)",
    re.I,
)
DATELINE = re.compile(r"^\s*(?:date\s+\d{4}-\d{2}-\d{2}\s+)?"
                      r"(\d{1,2}\.\d{1,2}\.\d{4}),\s*(\d{1,2}:\d{2})(?:\s+(\d+))?\s*$")
_STAMP = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4},\s*\d{1,2}:\d{2}")


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, line) for each line, end excluding the newline."""
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line), line
        start += len(line) + 1


def classify_line(line: str) -> str | None:
    """The boilerplate reason for a line, or None for content."""
    stripped = line.strip()
    if not stripped:
        return None
    if DATELINE.match(line):
        return "dateline"
    # the length and character tests skip the patterns on ordinary prose (0.06 s on a 500-page PDF before)
    if len(stripped) <= _LONGEST_FURNITURE and _WHOLE_LINE.match(stripped):
        return "furniture"
    if _PREFIXES.match(stripped):
        return "notice"
    if ":" in stripped and len(_STAMP.findall(stripped)) >= 2:
        return "headline list"
    return None


def find_boilerplate(text: str) -> list[Span]:
    spans = []
    for start, end, line in iter_lines(text):
        reason = classify_line(line)
        if reason:
            spans.append(Span(start, end, reason))
    return spans


def is_furniture_heading(line: str) -> bool:
    """Headings after which a page holds only furniture ("Most viewed" and the like)."""
    return bool(re.match(r"^(most viewed|most read|popular|популярное|самое читаемое)\s*:?$", line.strip(), re.I))
