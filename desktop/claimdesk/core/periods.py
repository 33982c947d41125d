"""The period a figure refers to, so that figures for different periods are not compared
as if they were one (Qt-free).

A statistic refers to its ``as_of``, a target to its ``deadline``, funding to its
``period``; where the claim states none, the release's date stands in (source
"published"). Values may be ISO prefixes ("2024", "2024-06", "2024-06-30"), ranges
("2023-2029", "2024-01..2024-06") or {"start", "end", "precision"} mappings; each becomes
a ``Period`` of ISO dates with the precision it was stated at.

Two periods are comparable when they name the same period at the coarser precision
("2024" and "2024-12-31"); a statistic as of 1 January names the year before it ("as of
1 January 2024" reports the end of 2023). A release date is a weak stand-in: it only
rules out periods that end before the previous year or start after the release's year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any

from claimdesk.core.kinds import DATE_FIELD, STATISTIC

PRECISIONS = ("year", "month", "day")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_RANGE = re.compile(r"^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*(?:\.\.|–|—|/|-(?=\d{4}\b)|\s+to\s+)\s*"
                    r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*$")


@dataclass(frozen=True)
class Period:
    start: str  # ISO date
    end: str  # ISO date, inclusive
    precision: str  # year | month | day
    source: str  # as_of | deadline | period | published

    def label(self) -> str:
        if self.start == self.end or (self.precision != "day" and _prefix(self.start, self.precision)
                                      == _prefix(self.end, self.precision)):
            return _prefix(self.start, self.precision)
        return f"{_prefix(self.start, self.precision)}–{_prefix(self.end, self.precision)}"


def reference_period(kind: str, fields: dict[str, Any], published: str | None) -> Period | None:
    """The period a claim's figure refers to, else its release's date, else None. A
    statistic "as of" its own release's day is the release date standing in for a period
    the text does not state (the detector fills as_of so), and is weighed as one; the
    relations, the fact sheet and the timeline all read periods here."""
    name = DATE_FIELD.get(kind)
    stated = parse_period(fields.get(name), name) if name else None
    as_of = str(fields.get("as_of") or "") if kind == STATISTIC else ""
    if stated is not None and not (published and len(as_of) == 10 and as_of == published[:10]):
        return stated
    return parse_period(published, "published") if published else None


def parse_period(value: object, source: str) -> Period | None:
    """A Period from an ISO prefix, a range or a {"start", "end", "precision"} mapping."""
    if isinstance(value, dict):
        start = _bounds(str(value.get("start") or value.get("value") or ""))
        end = _bounds(str(value.get("end") or value.get("value") or value.get("start") or ""))
        if start is None or end is None:
            return None
        stated = value.get("precision")
        precision = stated if isinstance(stated, str) and stated in PRECISIONS else _coarser(start[2], end[2])
        return Period(start[0], end[1], precision, source)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()[:10] if "T" in value else value.strip()
    ranged = _RANGE.match(text)
    if ranged:
        start, end = _bounds(ranged.group(1)), _bounds(ranged.group(2))
        if start and end and start[0] <= end[1]:
            return Period(start[0], end[1], _coarser(start[2], end[2]), source)
        return None
    bounds = _bounds(text)
    return Period(bounds[0], bounds[1], bounds[2], source) if bounds else None


def periods_comparable(a: Period | None, b: Period | None) -> bool:
    """Whether two figures may be compared as the same period's (None: unknown, never
    rules a pair out)."""
    if a is None or b is None:
        return True
    if a.source == "published" or b.source == "published":
        return _weakly_comparable(a, b)
    precision = _coarser(a.precision, b.precision)
    return bool(_names(a, precision) & _names(b, precision))


def _names(period: Period, precision: str) -> set[str]:
    """What a period is called at ``precision`` (a single day on 1 January is also the year
    before's end, for the statistics reported "as of" it)."""
    start, end = _prefix(period.start, precision), _prefix(period.end, precision)
    names = {start, end} if start == end else {f"{start}..{end}"}
    if period.precision == "day" and period.start == period.end and period.start.endswith("-01-01"):
        previous = str(int(period.start[:4]) - 1)
        names.add(previous if precision == "year" else f"{previous}-12" if precision == "month" else
                  f"{previous}-12-31")
    return names


def _weakly_comparable(a: Period, b: Period) -> bool:
    if a.source == "published" and b.source == "published":
        return abs(int(a.start[:4]) - int(b.start[:4])) <= 1
    stated, published = (b, a) if a.source == "published" else (a, b)
    year = int(published.start[:4])
    return int(stated.end[:4]) >= year - 1 and int(stated.start[:4]) <= year + 1


def _bounds(text: str) -> tuple[str, str, str] | None:
    match = _ISO.match(text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if not 1900 <= int(year) <= 2100:
        return None
    if month is None:
        return f"{year}-01-01", f"{year}-12-31", "year"
    if not 1 <= int(month) <= 12:
        return None
    last = calendar.monthrange(int(year), int(month))[1]
    if day is None:
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}", "month"
    if not 1 <= int(day) <= last:
        return None
    return f"{year}-{month}-{day}", f"{year}-{month}-{day}", "day"


def _coarser(a: str, b: str) -> str:
    return a if PRECISIONS.index(a) < PRECISIONS.index(b) else b


def _prefix(date: str, precision: str) -> str:
    return date[:{"year": 4, "month": 7, "day": 10}[precision]]
