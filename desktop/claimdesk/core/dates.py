"""Finds a document's publication date in its opening text, with its precision.

Formats seen in releases: "07.01.2026, 16:50", "21 January 2026, 13:00",
"date 2026-01-08", "January 21, 2026", "21 января 2026 г.", "2026 жылғы 21 қаңтар",
ISO dates. The earliest match in the head of the text wins.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

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


def _to_date(groups: dict[str, Any]) -> PublishedDate | None:  # a match's groupdict()
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


# Deadlines and reference dates inside a sentence (lower-cased), in English, Russian and
# Kazakh. A day ("к 1 сентября 2026 года", "2024 жылғы 1 қаңтардан бастап") wins over a
# year ("по итогам 2024 года", "на 2025 год", "2030 жылға дейін"); a relative year ("в
# текущем году", "биыл", "this year") is read from the publication year.
# each alternative opens with a digit so the scan skips running text; a digit before the
# match is checked afterwards
_DAY_MONTH_YEAR = re.compile(r"(?P<day>\d{1,2})\s+" + _MONTH + r"\s+(?P<year>(?:19|20)\d\d)(?!\d)|"
                             r"(?P<kyear>(?:19|20)\d\d)\s+(?:жылғы|жылдың|jylǵy|jyldyń)\s+(?P<kday>\d{1,2})\s+"
                             r"(?P<kmonth>" + _MONTH[len("(?P<month>"):])
_YEAR_PHRASE = re.compile(
    r"(?:(?<!\w)(?:по\s+итогам|на|к|до|в|за)\s+(?:концу\s+|конца\s+)?(?P<ru>(?:19|20)\d\d)\s*(?:год\w*|г\.?)(?!\w))|"
    r"(?:(?<!\d)(?P<kk>(?:19|20)\d\d)\s*(?:-?\s*)(?:жылға|жылы|жылдың\s+соңына|jylǵa|jyly)(?!\w))|"
    r"(?:(?<!\w)(?:in|since|during|as\s+of|(?:at|by)\s+the\s+end\s+of|for|by)\s+(?P<en>(?:19|20)\d\d)(?!\d))")
_RELATIVE_YEAR = re.compile(r"(?<!\w)(?:(?P<this>в\s+текущем\s+году|в\s+этом\s+году|this\s+year|биыл|bıyl|"
                            r"осы\s+жылы|osy\s+jyly|(?:by\s+)?the\s+end\s+of\s+the\s+year|(?:as\s+of\s+)?the\s+year-end|"
                            r"(?:до|к)\s+концу?\s+года|жыл\s+соңына\s+дейін)|"
                            r"(?P<next>в\s+следующем\s+году|next\s+year|келесі\s+жылы|kelesi\s+jyly)|"
                            r"(?P<last>в\s+прошлом\s+году|прошлого\s+года|last\s+year|өткен\s+жылы|ótken\s+jyly))(?!\w)")
# "will be delivered in October", "by December": the month of the publication year, or of
# the next year when that month has passed
_MONTH_ONLY = re.compile(r"(?<!\w)(?:by|in|until|till|before)\s+(?:the\s+end\s+of\s+)?(?P<month>january|february|"
                         r"march|april|may|june|july|august|september|october|november|december)(?!\s*,?\s*\d)(?!\w)")


_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
# cheap scans (a literal or class first) before the phrase patterns, which open with a lookbehind
_RELATIVE_HINT = re.compile(r"год|year|биыл|bıyl|жыл|jyl")
# what a day date needs (a digit, spaces, a month; or a Kazakh "жылғы"): its pattern, whose
# branches open with groups, is tried at every position (6 µs a sentence), this scan skips to digits
_DAY_MONTH_HINT = re.compile(r"\d\s+" + _MONTH)
_MONTH_HINT = re.compile(r"(?:january|february|march|april|may|june|july|august|september|october|november|december)")


def date_in_sentence(sentence: str, published: str | None = None) -> str | None:
    """The first day, else year, a lower-cased sentence names as a deadline or reference
    date (ISO prefix), or None. ``published`` (ISO prefix) resolves "this year", "next
    year" and a month without a year."""
    if _YEAR_DIGITS.search(sentence):  # most sentences name no year: skip the slower scans
        day = None
        if _DAY_MONTH_HINT.search(sentence) or "жыл" in sentence or "jyl" in sentence:
            day = next((m for m in _DAY_MONTH_YEAR.finditer(sentence)
                        if not m.start() or not sentence[m.start() - 1].isdigit()), None)
        if day:
            groups = day.groupdict()
            if groups["kyear"]:
                groups = {"year": groups["kyear"], "day": groups["kday"], "month": groups["kmonth"]}
            date = _to_date(groups)
            if date:
                return date.value
        year = _YEAR_PHRASE.search(sentence)
        if year:
            return year.group("ru") or year.group("kk") or year.group("en")
    if not published or not published[:4].isdigit():
        return None
    published_year = int(published[:4])
    relative = _RELATIVE_YEAR.search(sentence) if _RELATIVE_HINT.search(sentence) else None
    if relative:
        return str(published_year + (1 if relative.group("next") else -1 if relative.group("last") else 0))
    month = _MONTH_ONLY.search(sentence) if _MONTH_HINT.search(sentence) else None
    if month:
        number = _MONTHS[month.group("month")]
        published_month = int(published[5:7]) if published[5:7].isdigit() else 1
        return f"{published_year + (1 if number < published_month else 0)}-{number:02d}"
    return None
