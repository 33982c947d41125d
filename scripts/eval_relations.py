"""Scoring of proposed relations and subject links against a gold list of cross-document pairs
(../shared/dev2/conflicts.json). Dev tooling for `make eval`, not part of the app: pure
functions on plain data, so tests can feed it small synthetic cases.

A gold pair names two gold claims (quote, optional 0-based occurrence) in two documents and a
relation, `conflicts` or `corroborates`. A predicted claim is a span (doc, start, end) in its
document's stored text. A gold pair is *found* when one live (proposed or confirmed) relation of
a matching kind links a claim overlapping one gold quote with a claim overlapping the other;
`revised` counts as a conflict.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass

MATCHING_KINDS = {
    "conflicts": frozenset({"conflicts", "revised"}),
    "corroborates": frozenset({"corroborates"}),
}
LIVE_STATES = frozenset({"proposed", "confirmed"})


@dataclass(frozen=True)
class Span:
    doc: str
    start: int
    end: int

    def overlap(self, other: Span) -> int:
        if self.doc != other.doc:
            return 0
        return max(0, min(self.end, other.end) - max(self.start, other.start))


@dataclass(frozen=True)
class GoldSide:
    span: Span
    kind: str
    figure: Span | None  # where the pair's figure sits inside the quote, when it can be found
    figure_digits: str = ""  # the figure's significant digits ("11.7 million" -> "117")


@dataclass(frozen=True)
class GoldPair:
    relation: str
    a: GoldSide
    b: GoldSide
    reason: str = ""


@dataclass(frozen=True)
class PredictedClaim:
    id: int
    span: Span
    kind: str
    value_digits: str = ""  # its principal value's significant digits ("11700000" -> "117")


@dataclass(frozen=True)
class PredictedRelation:
    kind: str
    state: str
    first: PredictedClaim
    second: PredictedClaim

    @property
    def live(self) -> bool:
        return self.state in LIVE_STATES

    @property
    def cross_document(self) -> bool:
        return self.first.span.doc != self.second.span.doc


class GoldError(ValueError):
    """A gold quote or reference that cannot be placed in its document."""


def locate_quote(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int] | None:
    """(start, end) of the occurrence-th (0-based) appearance of quote in text; runs of
    whitespace in the quote match any whitespace run in the text. None when absent."""
    if not quote:
        return None
    hits = [(m.start(), m.end()) for m in re.finditer(re.escape(quote), text)]
    if not hits:
        pattern = r"\s+".join(re.escape(word) for word in quote.split())
        hits = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    index = occurrence or 0
    return hits[index] if index < len(hits) else None


def claim_from_line(line: Mapping) -> PredictedClaim:
    """A claim from one `claims --jsonl` line (or a relation's first_claim/second_claim)."""
    fields = line.get("fields") or {}
    value = next((fields.get(k) for k in ("amount", "quantity", "value") if fields.get(k)), "")
    return PredictedClaim(int(line["id"]), Span(str(line["doc"]), int(line["start"]), int(line["end"])),
                          str(line.get("kind", "")), significant_digits(str(value)))


def significant_digits(text: str) -> str:
    """The digits that identify a figure whatever its scale or separators: "11.7 million",
    "11,700,000" and "11700000" all give "117"; "" when it has none."""
    return "".join(ch for ch in text if ch.isdigit()).lstrip("0").rstrip("0")


def relation_from_line(line: Mapping) -> PredictedRelation:
    """A relation from one `relations --jsonl` line."""
    return PredictedRelation(str(line["kind"]), str(line.get("state", "proposed")),
                             claim_from_line(line["first_claim"]), claim_from_line(line["second_claim"]))


def gold_pairs(conflicts: Iterable[Mapping], gold_lines: list[Mapping],
               text_of: Callable[[str], str]) -> list[GoldPair]:
    """The pairs of conflicts.json placed in the documents' texts. Each side's quote and
    occurrence come from its gold.jsonl line (1-based `line`), else from the side itself."""
    pairs = []
    for number, entry in enumerate(conflicts, 1):
        sides = [_gold_side(entry[name], gold_lines, text_of, f"pair {number} side {name}") for name in "ab"]
        pairs.append(GoldPair(str(entry["relation"]), sides[0], sides[1], str(entry.get("reason", ""))))
    return pairs


def _gold_side(side: Mapping, gold_lines: list[Mapping], text_of: Callable[[str], str], label: str) -> GoldSide:
    source: Mapping = side
    line = side.get("line")
    if line is not None:
        if not 1 <= int(line) <= len(gold_lines):
            raise GoldError(f"{label}: gold line {line} does not exist ({len(gold_lines)} lines)")
        source = gold_lines[int(line) - 1]
    doc = str(source.get("doc") or side["doc"])
    quote = str(source.get("quote") or side.get("quote") or "")
    text = text_of(doc)
    found = locate_quote(text, quote, source.get("occurrence"))
    if found is None:
        raise GoldError(f"{label}: quote {quote[:60]!r} is not in {doc}")
    start, end = found
    inside = locate_figure(text[start:end], str(side.get("figure") or ""))
    figure = Span(doc, start + inside[0], start + inside[1]) if inside else None
    return GoldSide(Span(doc, start, end), str(source.get("kind") or side.get("kind") or ""), figure,
                    significant_digits(without_note(str(side.get("figure") or ""))))


def without_note(figure: str) -> str:
    """The figure without a bracketed note: '61,1% (2024)' states 61,1 %, not 2024."""
    return re.sub(r"\s*[(\[][^)\]]*[)\]]", "", figure)


def locate_figure(quote: str, figure: str) -> tuple[int, int] | None:
    """Where a pair's `figure` sits in its quote. Figures may carry a note in brackets
    ("60% (2020 year-end)") or differ in wording, so: the figure, then without its bracketed
    note, then its first number."""
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", figure)
    number = re.search(r"\d+(?:[.,·  ]\d+)*", bare)
    for candidate in (figure, bare, number.group() if number else ""):
        found = locate_quote(quote, candidate) if candidate else None
        if found is not None:
            return found
    return None


def links(relation: PredictedRelation, pair: GoldPair) -> bool:
    """Whether the relation's two claims overlap the pair's two quotes (either order)."""
    first, second = relation.first.span, relation.second.span
    a, b = pair.a.span, pair.b.span
    return bool((first.overlap(a) and second.overlap(b)) or (first.overlap(b) and second.overlap(a)))


def pair_found(pair: GoldPair, relations: Iterable[PredictedRelation], kinds: Iterable[str] | None = None) -> bool:
    """Found: a live relation of a matching kind (default: MATCHING_KINDS of the pair's
    relation) links both quotes."""
    wanted = frozenset(kinds) if kinds is not None else MATCHING_KINDS.get(pair.relation, frozenset({pair.relation}))
    return any(r.live and r.kind in wanted and links(r, pair) for r in relations)


def score_pairs(pairs: list[GoldPair], relations: list[PredictedRelation]) -> dict[str, tuple[int, int]]:
    """(found, total) per gold relation, plus `linked`: pairs linked by a live relation of any kind."""
    scores: dict[str, tuple[int, int]] = {}
    for relation in sorted({p.relation for p in pairs} | set(MATCHING_KINDS)):
        of_kind = [p for p in pairs if p.relation == relation]
        scores[relation] = (sum(pair_found(p, relations) for p in of_kind), len(of_kind))
    any_kind = {r.kind for r in relations}
    scores["linked"] = (sum(pair_found(p, relations, any_kind) for p in pairs), len(pairs))
    return scores


def linked_kinds(pair: GoldPair, relations: Iterable[PredictedRelation]) -> list[str]:
    """Kinds of the live relations linking both of the pair's quotes, sorted, each once."""
    return sorted({r.kind for r in relations if r.live and links(r, pair)})


def other_kinds(pairs: list[GoldPair], relations: list[PredictedRelation]) -> dict[tuple[str, str], int]:
    """For pairs not found but linked by a relation of another kind: (gold relation, kind) -> count."""
    counts: dict[tuple[str, str], int] = {}
    for pair in pairs:
        if pair_found(pair, relations):
            continue
        for kind in linked_kinds(pair, relations):
            counts[(pair.relation, kind)] = counts.get((pair.relation, kind), 0) + 1
    return counts


def cross_cluster(relations: Iterable[PredictedRelation], cluster_of: Mapping[str, str]) -> tuple[int, int]:
    """(links between different clusters, live cross-document relations whose documents both
    have a cluster): the precision guard. Documents without a cluster are left out."""
    cross = total = 0
    for r in relations:
        if not (r.live and r.cross_document):
            continue
        first, second = cluster_of.get(r.first.span.doc), cluster_of.get(r.second.span.doc)
        if first is None or second is None:
            continue
        total += 1
        cross += first != second
    return cross, total


def outside_gold(relations: Iterable[PredictedRelation], pairs: list[GoldPair]) -> tuple[int, int]:
    """(live cross-document relations that link no gold pair, live cross-document relations)."""
    live = [r for r in relations if r.live and r.cross_document]
    return sum(not any(links(r, p) for p in pairs) for r in live), len(live)


def claim_for(side: GoldSide, claims: Iterable[PredictedClaim]) -> PredictedClaim | None:
    """The predicted claim standing for a gold claim: among those overlapping its quote, the
    one covering the pair's figure, then the one whose value is that figure (several claims
    can share one clause span), then of the same kind, then with the largest overlap."""
    best, best_key = None, None
    for claim in claims:
        overlap = claim.span.overlap(side.span)
        if not overlap:
            continue
        covers_figure = bool(side.figure and claim.span.overlap(side.figure))
        states_figure = bool(side.figure_digits) and claim.value_digits == side.figure_digits
        key = (covers_figure, states_figure, claim.kind == side.kind, overlap, -claim.id)
        if best_key is None or key > best_key:
            best, best_key = claim, key
    return best


def subject_accuracy(pairs: list[GoldPair], claims: list[PredictedClaim],
                     measure_of: Mapping[int, Hashable]) -> tuple[int, int] | None:
    """(pairs whose two claims share one measure, pairs): each side's claim is `claim_for`;
    a side without a claim or a measure counts as wrong. None when no claim has a measure
    (the data is not there, rather than 0 %)."""
    if not any(value is not None for value in measure_of.values()):
        return None
    agree = 0
    for pair in pairs:
        a, b = claim_for(pair.a, claims), claim_for(pair.b, claims)
        if a is None or b is None:
            continue
        measure_a, measure_b = measure_of.get(a.id), measure_of.get(b.id)
        agree += measure_a is not None and measure_a == measure_b
    return agree, len(pairs)


def claimed_pairs(pairs: list[GoldPair], claims: list[PredictedClaim]) -> int:
    """Pairs with a predicted claim on both sides: the ceiling for any relation finder."""
    return sum(claim_for(p.a, claims) is not None and claim_for(p.b, claims) is not None for p in pairs)


def measure_from_line(line: Mapping) -> Hashable | None:
    """A claim line's measure, whatever shape it takes: `measure_id`, or `measure` as an id,
    a name or an object with `id` (or `subject`+`name`). None when the line carries none."""
    if line.get("measure_id") is not None:
        return ("id", line["measure_id"])
    measure = line.get("measure")
    if measure is None or measure == "":
        return None
    if isinstance(measure, Mapping):
        if measure.get("id") is not None:
            return ("id", measure["id"])
        name = measure.get("key") or measure.get("name")
        if not name:
            return None
        subject = measure.get("subject_id") or measure.get("subject") or line.get("subject")
        return ("name", _hashable(subject), name)
    if isinstance(measure, int):
        return ("id", measure)
    return ("name", _hashable(line.get("subject")), str(measure))


def _hashable(value) -> Hashable:
    if isinstance(value, Mapping):
        return value.get("id") or value.get("key") or value.get("name")
    return value


def agree_as_group(claim_ids: Iterable[int], relations: Iterable[PredictedRelation],
                   agreeing: frozenset[str] = frozenset({"corroborates", "progress"}),
                   disagreeing: frozenset[str] = frozenset({"conflicts", "revised"})) -> bool:
    """Whether live agreeing relations among these claims connect them all (directly or
    through one another) and no live disagreeing relation links two of them."""
    group = set(claim_ids)
    edges = [(r.first.id, r.second.id, r.kind) for r in relations
             if r.live and r.first.id in group and r.second.id in group and r.first.id != r.second.id]
    if any(kind in disagreeing for *_, kind in edges):
        return False
    reached, frontier = set(), [next(iter(group))] if group else []
    while frontier:
        claim = frontier.pop()
        if claim in reached:
            continue
        reached.add(claim)
        frontier += [b if a == claim else a for a, b, kind in edges if kind in agreeing and claim in (a, b)]
    return reached == group


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"
