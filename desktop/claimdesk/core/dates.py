"""Finds a document's publication date in its opening text, with its precision.

Formats seen in releases: "07.01.2026, 16:50", "21 January 2026, 13:00",
"date 2026-01-08", "January 21, 2026", "21 января 2026 г.", "2026 жылғы 21 қаңтар",
ISO dates. The earliest match in the head of the text wins.
"""

from __future__ import annotations

import datetime as dt
import re

from claimdesk.core.model import PublishedDate

HEAD_CHARS = 600

_MONTHS = {
    **{m: i for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1)},
    **{m: i for i, m in enumerate(
        "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)},
    "sept": 9,
    **{m: i for i, m in enumerate(
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(), 1)},
    **{m: i for i, m in enumerate(
        "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split(), 1)},
    **{m: i for i, m in enumerate(
        "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан".split(), 1)},
}
_MONTH = "(?P<month>" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_TIME = r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2}))?"

_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2}))?"),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\b" + _TIME),
    re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r"\s+(?P<year>\d{4})(?:\s*(?:г\.|года|жыл))?" + _TIME, re.I),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4})" + _TIME, re.I),
    re.compile(r"\b(?P<year>\d{4})\s+жылғы\s+(?P<day>\d{1,2})\s+" + _MONTH + _TIME, re.I),
    re.compile(r"\b" + _MONTH + r"\s+(?P<year>\d{4})\b", re.I),
]


def detect_published(text: str, head_chars: int = HEAD_CHARS) -> PublishedDate | None:
    """The earliest well-formed date in the first ``head_chars`` characters."""
    head = text[:head_chars]
    found: list[tuple[int, PublishedDate]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(head):
            date = _to_date(match.groupdict())
            if date:
                found.append((match.start(), date))
                break
    return min(found, key=lambda item: item[0])[1] if found else None


def parse_date_string(value: str) -> PublishedDate | None:
    """Dates from metadata (ISO, "D:20260107...", or prose)."""
    value = (value or "").strip()
    if value.startswith("D:") and len(value) >= 10 and value[2:10].isdigit():
        value = f"{value[2:6]}-{value[6:8]}-{value[8:10]}"
    return detect_published(value, head_chars=len(value))


def _to_date(groups: dict) -> PublishedDate | None:
    month_text = groups["month"]
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
    year = int(groups["year"])
    if not month or not 1900 <= year <= 2100 or not 1 <= month <= 12:
        return None
    if groups.get("day") is None:
        return PublishedDate(f"{year:04d}-{month:02d}", "month")
    day = int(groups["day"])
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    if groups.get("hour") is not None:
        hour, minute = int(groups["hour"]), int(groups["minute"])
        if hour < 24 and minute < 60:
            return PublishedDate(f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}", "minute")
    return PublishedDate(f"{year:04d}-{month:02d}-{day:02d}", "day")
