"""Agreement between two analysts who marked the same documents (issue #18): how far their
claims' spans agree per kind, chance-corrected, and how often their values agree where both
marked the same claim, with every disagreement listed. Pure Python, no numpy (the app bundle
has no room for it); ops/agreement.py gathers the marks from one project or two files.

Span agreement is Krippendorff's alpha for nominal data over code-point units, the
documented equivalent of unitized alpha over characters that the issue allows. Every code
point of every compared text is a unit; for a kind K each analyst gives the unit the value
"inside a K claim" or "not". With the coincidence matrix o (each unit that c >= 2 analysts
valued adds, for every ordered pair of them, 1/(c-1) to o[value_i][value_j]), n_v = sum over
w of o[v][w] and n = sum of n_v:

    alpha = 1 - (n - 1) * sum_{v != w} o[v][w] / sum_{v != w} n_v * n_w

1 is perfect agreement, 0 what chance gives, below 0 systematic disagreement. It is undefined
(None) when every unit has one value (neither analyst marked the kind, or both marked every
character), as Krippendorff leaves it. Units are counted in runs between span boundaries,
so a long text costs its claims, not its length. The result is exact (fractions): tests
compare it with hand-computed figures.

Value agreement is observed, not chance-corrected: values are amounts, dates and names,
where chance agreement is near zero. Two claims are matched when they are in the same
document, of the same kind, and their spans overlap; each claim matches at most one, the
largest overlap first, then the pair whose fields agree (see ``match``). A matched pair
agrees on a field when both leave it empty or both give the same value (numbers compared
as decimals, "1.50" = "1.5"; text compared with case and runs of spaces ignored); it agrees
on its values when every field either set agrees.

Review statuses are not agreement on what the text says, so they count in neither figure;
two matched claims with different verdicts (verified and disputed; "unverified" is none)
are listed as a STATUS disagreement, as a project merge holds them.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from claimdesk.core.statuses import UNVERIFIED

FIRST, SECOND = "first", "second"
# what a disagreement is about
ONLY_FIRST, ONLY_SECOND, KIND, SPAN, VALUES = "only first", "only second", "kind", "span", "values"
STATUS = "status"


@dataclass(frozen=True)
class Text:
    """A text both analysts marked: ``key`` is the same on both sides, ``length`` its code
    points; ``sha256`` names its original and ``offset`` is where it starts in the original's
    text (a digest article), for reports that cite positions in the original."""

    key: Hashable
    title: str
    length: int
    sha256: str = ""
    offset: int = 0


@dataclass(frozen=True)
class Mark:
    """One analyst's claim as agreement sees it (offsets in the text named by ``key``)."""

    claim_id: int
    key: Hashable
    kind: str
    start: int
    end: int
    fields: Mapping[str, Any] = field(default_factory=dict)
    quote: str = ""
    status: str = ""  # its review status ("" when not known)


@dataclass(frozen=True)
class Disagreement:
    """One place where the analysts differ. ``about`` holds ONLY_FIRST or ONLY_SECOND for a
    claim the other did not mark, KIND for overlapping claims of different kinds, or SPAN,
    VALUES and/or STATUS for a matched pair; ``fields`` names the fields whose values differ."""

    key: Hashable
    kind: str
    about: tuple[str, ...]
    first: Mark | None
    second: Mark | None
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class KindAgreement:
    kind: str
    characters: int  # code points compared (every compared text's)
    first_characters: int  # of them, inside a claim of the kind by the first analyst
    second_characters: int
    both_characters: int
    span_alpha: Fraction | None
    first_claims: int
    second_claims: int
    matched: int  # pairs of overlapping claims
    same_span: int  # matched pairs with identical boundaries
    same_values: int  # matched pairs that agree on every field
    field_agreement: dict[str, tuple[int, int]]  # field -> (pairs agreeing, pairs where either set it)

    @property
    def observed(self) -> Fraction | None:
        """Share of the compared characters both analysts gave the same value."""
        if not self.characters:
            return None
        differing = self.first_characters + self.second_characters - 2 * self.both_characters
        return 1 - Fraction(differing, self.characters)

    @property
    def value_agreement(self) -> Fraction | None:
        return Fraction(self.same_values, self.matched) if self.matched else None


@dataclass(frozen=True)
class AgreementReport:
    first: str  # who the first analyst is (an author, or a file)
    second: str
    texts: tuple[Text, ...]
    kinds: tuple[KindAgreement, ...]
    disagreements: tuple[Disagreement, ...]
    skipped: tuple[str, ...] = ()  # texts not compared, and why


def nominal_alpha(units: Iterable[tuple[int, Sequence[Hashable | None]]]) -> Fraction | None:
    """Krippendorff's alpha for nominal values. Each unit is (weight, one value per analyst,
    None where that analyst gave none); a weight w counts the unit w times (a run of w code
    points with the same values). Units fewer than two analysts valued are not pairable and
    count for nothing. None when alpha is undefined (every pairable value the same)."""
    coincidences: dict[tuple[Hashable, Hashable], Fraction] = {}
    for weight, values in units:
        given = [v for v in values if v is not None]
        if len(given) < 2 or weight <= 0:
            continue
        share = Fraction(weight, len(given) - 1)
        for i, first in enumerate(given):
            for j, second in enumerate(given):
                if i != j:
                    coincidences[first, second] = coincidences.get((first, second), 0) + share
    totals: dict[Hashable, Fraction] = {}
    for (value, _other), count in coincidences.items():
        totals[value] = totals.get(value, 0) + count
    n = sum(totals.values())
    observed = sum(count for (v, w), count in coincidences.items() if v != w)
    expected = n * n - sum(t * t for t in totals.values())  # sum over v != w of n_v * n_w
    if not expected:
        return None
    return 1 - (n - 1) * Fraction(observed) / expected


def coverage_runs(length: int, first: Sequence[tuple[int, int]],
                  second: Sequence[tuple[int, int]]) -> Iterator[tuple[int, tuple[bool, bool]]]:
    """(run length, (inside a first span, inside a second span)) for consecutive runs of a
    text of ``length`` code points, cut at every span boundary (spans clipped to the text)."""
    events: dict[int, list[int]] = {0: [0, 0], length: [0, 0]}
    for side, spans in enumerate((first, second)):
        for start, end in spans:
            start, end = max(0, min(start, length)), max(0, min(end, length))
            if start < end:
                events.setdefault(start, [0, 0])[side] += 1
                events.setdefault(end, [0, 0])[side] -= 1
    depth = [0, 0]
    positions = sorted(events)
    for position, following in zip(positions, positions[1:]):
        depth[0] += events[position][0]
        depth[1] += events[position][1]
        yield following - position, (depth[0] > 0, depth[1] > 0)


def compare(texts: Sequence[Text], first: Sequence[Mark], second: Sequence[Mark], *,
            first_name: str = FIRST, second_name: str = SECOND, kinds: Sequence[str] | None = None,
            skipped: Sequence[str] = ()) -> AgreementReport:
    """Agreement of two analysts' marks over ``texts`` (marks in other texts are ignored),
    per kind: ``kinds`` when given, else every kind either analyst marked, in first-seen order."""
    keys = {text.key for text in texts}
    first = [m for m in first if m.key in keys]
    second = [m for m in second if m.key in keys]
    if kinds is None:
        kinds = list(dict.fromkeys(m.kind for m in [*first, *second]))
    first = [m for m in first if m.kind in kinds]
    second = [m for m in second if m.kind in kinds]
    pairs, unmatched_first, unmatched_second = {}, {}, {}
    for kind in kinds:
        pairs[kind], unmatched_first[kind], unmatched_second[kind] = match(
            [m for m in first if m.kind == kind], [m for m in second if m.kind == kind])
    results = [_kind_agreement(kind, texts, first, second, pairs[kind]) for kind in kinds]
    disagreements = []
    for kind in kinds:
        for a, b in pairs[kind]:
            about = ((SPAN,) if (a.start, a.end) != (b.start, b.end) else ()) + (
                (VALUES,) if differing_fields(a.fields, b.fields) else ()) + (
                (STATUS,) if statuses_differ(a.status, b.status) else ())
            if about:
                disagreements.append(Disagreement(a.key, kind, about, a, b, differing_fields(a.fields, b.fields)))
    left_first = [m for kind in kinds for m in unmatched_first[kind]]
    left_second = [m for kind in kinds for m in unmatched_second[kind]]
    crossed, left_first, left_second = match(left_first, left_second, same_kind=False)
    disagreements += [Disagreement(a.key, a.kind, (KIND,), a, b) for a, b in crossed]
    disagreements += [Disagreement(m.key, m.kind, (ONLY_FIRST,), m, None) for m in left_first]
    disagreements += [Disagreement(m.key, m.kind, (ONLY_SECOND,), None, m) for m in left_second]
    order = {text.key: n for n, text in enumerate(texts)}
    disagreements.sort(key=lambda d: (order[d.key], _position(d), d.about))
    return AgreementReport(first_name, second_name, tuple(texts), tuple(results), tuple(disagreements),
                           tuple(skipped))


def match(first: Sequence[Mark], second: Sequence[Mark], *,
          same_kind: bool = True) -> tuple[list[tuple[Mark, Mark]], list[Mark], list[Mark]]:
    """(pairs, unmatched first, unmatched second): overlapping marks of one text (and one kind,
    unless ``same_kind`` is False) paired one to one: the same kind first, then the largest
    overlap, then the fewest differing fields, then the closest boundaries, then reading
    order; the marks' order in the lists only breaks ties between identical claims. So two
    identical claims on one span (the detector often makes two on one sentence) pair with the
    other analyst's claims whose values they share, whichever was stored first (the rule
    core/project_merge.match_claims follows: kind, overlap, then agreeing fields)."""
    by_text: dict[Hashable, list[tuple[int, Mark]]] = {}
    for j, mark in enumerate(second):
        by_text.setdefault(mark.key, []).append((j, mark))
    candidates = []
    for i, a in enumerate(first):
        for j, b in by_text.get(a.key, ()):
            overlap = min(a.end, b.end) - max(a.start, b.start)
            if overlap > 0 and (a.kind == b.kind or not same_kind):
                candidates.append((a.kind != b.kind, -overlap, len(differing_fields(a.fields, b.fields)),
                                   abs(a.start - b.start) + abs(a.end - b.end), a.start, b.start, i, j))
    candidates.sort()
    taken_first: set[int] = set()
    taken_second: set[int] = set()
    pairs = []
    for *_, i, j in candidates:
        if i in taken_first or j in taken_second:
            continue
        taken_first.add(i)
        taken_second.add(j)
        pairs.append((first[i], second[j]))
    pairs.sort(key=lambda pair: (pair[0].start, pair[0].end, pair[0].claim_id))
    return (pairs, [m for i, m in enumerate(first) if i not in taken_first],
            [m for j, m in enumerate(second) if j not in taken_second])


def statuses_differ(first: str, second: str) -> bool:
    """Whether two review statuses are two different verdicts, as a project merge holds them
    (a claim one side left unverified, or whose status is not known, is no disagreement)."""
    return first not in ("", UNVERIFIED) and second not in ("", UNVERIFIED) and first != second


def differing_fields(first: Mapping[str, Any], second: Mapping[str, Any]) -> tuple[str, ...]:
    """Names of the fields whose values differ (a field only one side set differs)."""
    names = sorted(set(first) | set(second))
    return tuple(name for name in names if _comparable(first.get(name)) != _comparable(second.get(name)))


_SPACES = re.compile(r"\s+")


def _comparable(value: Any) -> tuple[str, Decimal | str] | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return ("text", str(value).casefold())
    text = _SPACES.sub(" ", str(value).strip())
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    return ("number", number) if number is not None and number.is_finite() else ("text", text.casefold())


def figure_text(value: Fraction | None, digits: int, scale: int = 1, suffix: str = "",
                undefined: str = "-") -> str:
    """``value`` x ``scale`` with ``digits`` decimals, or more where that would round a figure
    below 1 (x scale) up to it, or one above 0 down to it (0.999877 is "99.99 %", never
    "100.0 %"); at 12 decimals, cut rather than rounded."""
    if value is None:
        return undefined
    scaled = Fraction(value) * scale
    top = scale if 0 <= value <= 1 else None
    for places in range(digits, 13):
        shown = round(scaled, places)
        if (top is None or shown != top or scaled == top) and (shown != 0 or scaled == 0):
            break
    else:
        shown = Fraction(int(scaled * 10 ** places), 10 ** places)
    return f"{float(shown):.{places}f}{suffix}"


def _kind_agreement(kind: str, texts: Sequence[Text], first: Sequence[Mark], second: Sequence[Mark],
                    pairs: list[tuple[Mark, Mark]]) -> KindAgreement:
    spans: dict[Hashable, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {text.key: ([], []) for text in texts}
    for side, marks in enumerate((first, second)):
        for mark in marks:
            if mark.kind == kind:
                spans[mark.key][side].append((mark.start, mark.end))
    units: list[tuple[int, tuple[bool, bool]]] = []
    counts = [0, 0, 0]
    for text in texts:
        for run, (in_first, in_second) in coverage_runs(text.length, *spans[text.key]):
            units.append((run, (in_first, in_second)))
            counts[0] += run * in_first
            counts[1] += run * in_second
            counts[2] += run * (in_first and in_second)
    field_agreement: dict[str, list[int]] = {}
    same_values = 0
    for a, b in pairs:
        differing = differing_fields(a.fields, b.fields)
        same_values += not differing
        for name in sorted(set(a.fields) | set(b.fields)):
            if _comparable(a.fields.get(name)) is None and _comparable(b.fields.get(name)) is None:
                continue
            tally = field_agreement.setdefault(name, [0, 0])
            tally[0] += name not in differing
            tally[1] += 1
    return KindAgreement(
        kind, sum(text.length for text in texts), counts[0], counts[1], counts[2], nominal_alpha(units),
        sum(m.kind == kind for m in first), sum(m.kind == kind for m in second), len(pairs),
        sum((a.start, a.end) == (b.start, b.end) for a, b in pairs), same_values,
        {name: (agree, compared) for name, (agree, compared) in sorted(field_agreement.items())})


def _position(disagreement: Disagreement) -> tuple[int, int]:
    mark = disagreement.first or disagreement.second
    assert mark is not None  # a disagreement names at least one claim
    return mark.start, mark.end
