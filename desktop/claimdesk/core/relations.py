"""Relations between claims, proposed for the analyst to confirm or dismiss.

Across documents, two figures are compared only when they measure the same thing: both
claims link to the same measure (the subjects model), or, for two claims that neither
have a measure, when their units (or funding purposes) share a head noun and enough
words (the rule from before measures, kept for projects whose claims are not linked).
They must also speak of the same reference period; figures for different periods are
neither conflicts nor corroborations. Compared figures:

- **corroborate** when they agree, **conflict** when they do not. Agreement honours
  rounding (each figure stands for the values that round to it at the precision it is
  written with, half-open: 26.5 covers 26.45–26.55, "19 million" 18.5–19.5 million, so
  26.54 agrees with 26.5 and 26.7 does not, 18 and 19 do not meet), stated
  approximations ("about", "almost", "около", "шамамен": ±10 %), comparators ("more than
  650" agrees with 655; two "more than" figures agree only when their bounds do) and
  ranges. Figures a factor of two apart are more likely different things wrongly linked
  than a conflict, and are left alone. When a release states a figure of the same kind
  that agrees with X, its other figures of the measure are not proposed as X's conflicts
  unless both periods are stated (they speak of another region, stage or year).
- **revised**: two plans (targets, or planned funding) of one measure from releases of
  different dates whose values differ (same period), or whose values agree but whose
  deadlines differ: the later release restates the plan; both release dates are in the
  reason. Kept apart from conflicts.
- **progress**: a reported figure (a statistic, or a target reported as in progress)
  against a planned target of the same measure, from the plan's release on (an earlier
  figure is its baseline). It proposes the target's promise status: achieved ("kept")
  when the report meets the target, overdue ("broken") when the report is for the
  deadline or later and does not meet it, or the deadline has passed (``today``) and no
  report meets it, else in progress ("in the works"). Only the standing report is
  proposed: one that meets the target, else the latest. A report far past the target is a
  stock beside a flow (7,000 schools in all, 370 to build) and proposes nothing. A plan
  and a report for the same period are also compared as above.

Within a document, parts listed with a total ("of which", "including") must not add up
to more than the total.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TypeGuard

from claimdesk.core.claims import Claim
from claimdesk.core.kinds import FUNDING, PRINCIPAL_FIELD, STATISTIC, TARGET
from claimdesk.core.periods import Period, periods_comparable
from claimdesk.core.values import parse_decimal

CORROBORATES, CONFLICTS, PARTS_EXCEED_TOTAL = "corroborates", "conflicts", "parts exceed total"
REVISED, PROGRESS = "revised", "progress"
KINDS = (CORROBORATES, CONFLICTS, REVISED, PROGRESS, PARTS_EXCEED_TOTAL)
# the promise status a progress relation proposes, in the vocabulary of core/review.py
PROMISE_OF_PROGRESS = {"achieved": "kept", "in progress": "in the works", "overdue": "broken"}
ABOUT = Decimal("0.10")
CLOSE = Decimal("1.25")  # without a measure, corroborating figures are within 25 % of each other
FAR = Decimal("2")  # beyond a factor of two two figures are not proposed as a conflict
MAX_DAYS_APART = 730  # figures without a stated period: releases at most two years apart
LOWER_BOUNDS, UPPER_BOUNDS = ("more than", "at least"), ("up to", "less than")
_STOP = {"the", "of", "in", "for", "and", "a", "an", "new", "more", "additional", "existing", "rural", "areas", "area"}
_PARTS = re.compile(r"\b(?:of which|including|in particular|из них|в том числе|оның ішінде)\b", re.IGNORECASE)
_WRITTEN_DIGITS = re.compile(r"\d(?:[\d\u00a0\u202f\u2009 ,.·]*\d)?")


@dataclass(frozen=True)
class ClaimFacts:
    """What relation rules need to know of a claim."""

    claim: Claim
    published: str | None  # the document's date, ISO prefix
    sentence_key: tuple[int, int] | None = None  # (document id, sentence start) for within-document sums
    measure_id: int | None = None  # the claim's measure (claim_measures), None when unlinked
    measure: str = ""  # "subject: measure", for reasons
    period: Period | None = None  # the figure's reference period


@dataclass(frozen=True)
class Relation:
    kind: str
    first: int  # claim ids, first < second for cross-document relations
    second: int
    reason: str
    score: float
    promise: str | None = None  # progress: the promise status proposed for the target
    target: int | None = None  # progress: the target's claim id
    # progress proposed overdue only because the deadline has passed: (plan, report), so that
    # propose() can take it back when another report meets the target
    pair: tuple[ClaimFacts, ClaimFacts] | None = field(default=None, compare=False, repr=False)
    reported: str = field(default="", compare=False, repr=False)  # progress: when the report stands


def propose(facts: list[ClaimFacts], today: str | None = None, unlinked_fallback: bool = True) -> list[Relation]:
    """Every relation among ``facts``; ``unlinked_fallback`` compares claims without a
    measure by their unit words (off: only claims sharing a measure are compared).
    ``today`` (ISO date) lets a target whose deadline has passed be proposed overdue."""
    relations = []
    numeric = [f for f in facts if _value(f.claim) is not None]
    by_measure: dict[int, list[ClaimFacts]] = {}
    for fact in numeric:
        if fact.measure_id is not None:
            by_measure.setdefault(fact.measure_id, []).append(fact)
    for group in by_measure.values():
        for a, b in _cross_document_pairs(group):
            relations += _within_measure(a, b, today)
    if unlinked_fallback:
        for a, b in _cross_document_pairs([f for f in numeric if f.measure_id is None]):
            relation = _compare_unlinked(a, b)
            if relation is not None:
                relations.append(relation)
    met = {r.target for r in relations if r.kind == PROGRESS and r.promise == PROMISE_OF_PROGRESS["achieved"]}
    relations = [_progress(*r.pair, today=None)[0] if r.pair and r.target in met else r for r in relations]
    relations = _latest_progress(relations)
    return _without_conflicts_beside_a_counterpart(relations, {f.claim.id: f for f in numeric}) + _sums(numeric)


def _latest_progress(relations: list[Relation]) -> list[Relation]:
    """A target's standing is its latest report's (or a report that meets it): earlier
    reports falling short are its history, not proposals of its promise status."""
    standing: dict[int, tuple[bool, str]] = {}
    for r in relations:
        if r.kind == PROGRESS and r.target is not None:
            standing[r.target] = max(standing.get(r.target, _rank(r)), _rank(r))
    return [r for r in relations if r.kind != PROGRESS or r.target is None or _rank(r) == standing[r.target]]


def _rank(progress: Relation) -> tuple[bool, str]:
    """A report that meets the target stands above any that does not; then the latest."""
    return progress.promise == PROMISE_OF_PROGRESS["achieved"], progress.reported


def _without_conflicts_beside_a_counterpart(relations: list[Relation],
                                            fact_of: dict[int, ClaimFacts]) -> list[Relation]:
    """A figure's counterpart in another release is the figure of its kind there that agrees with it;
    the release's other figures of the measure, when the texts state no period to tell
    them apart, speak of something else (another region, stage or year), so they are not
    proposed as its conflicts. Conflicts between stated, comparable periods always stand."""
    agreeing = set()
    for r in relations:
        if r.kind == CORROBORATES and fact_of[r.first].claim.kind == fact_of[r.second].claim.kind:
            agreeing |= {(r.first, fact_of[r.second].claim.document_id), (r.second, fact_of[r.first].claim.document_id)}

    def beside_a_counterpart(r: Relation) -> bool:
        first, second = fact_of[r.first], fact_of[r.second]
        if _stated(first.period) and _stated(second.period):
            return False
        return (r.first, second.claim.document_id) in agreeing or (r.second, first.claim.document_id) in agreeing

    return [r for r in relations if r.kind != CONFLICTS or not beside_a_counterpart(r)]


def _cross_document_pairs(facts: list[ClaimFacts]) -> Iterator[tuple[ClaimFacts, ClaimFacts]]:
    for index, a in enumerate(facts):
        for b in facts[index + 1:]:
            if a.claim.document_id != b.claim.document_id:
                yield a, b


# --- figures -----------------------------------------------------------------------

def _value(claim: Claim) -> Decimal | None:
    key = PRINCIPAL_FIELD.get(claim.kind)
    try:
        return Decimal(str(claim.fields[key])) if key and claim.fields.get(key) not in (None, "") else None
    except InvalidOperation:
        return None


def _figure(claim: Claim) -> Decimal:
    """The claim's figure, for rules that compare only claims that have one."""
    value = _value(claim)
    if value is None:
        raise ValueError(f"claim {claim.id} states no figure to compare")
    return value


def _exponent(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int):  # 'n'/'N'/'F': core.fields stores only finite digit strings
        raise ValueError(f"{number} is not a finite figure")
    return exponent


def precision(claim: Claim) -> Decimal:
    """The step the figure is written to: 1 for "655", 0.1 for "26.5", a million for
    "19 million", 100 for "18 963,4 тыс.". Read from the figure as the quote writes it;
    from the stored value's decimals when the quote does not show it."""
    return _precision(claim.quote or "", _figure(claim))


@lru_cache(maxsize=4096)  # every pair of a measure asks again; reading the quote is the cost
def _precision(quote: str, value: Decimal) -> Decimal:
    from claimdesk.core.numbers import find_quantities  # the grammar compiles on first use, not at startup

    for quantity in find_quantities(quote):
        if quantity.value != value:
            continue
        digits = _WRITTEN_DIGITS.search(quantity.as_written)
        try:
            written = parse_decimal(digits.group(0).replace("·", ".")) if digits else None
        except ValueError:
            written = None
        if written:
            return (value / written) * Decimal(1).scaleb(min(0, _exponent(written)))
    return Decimal(1).scaleb(min(0, _exponent(value.normalize())))


def interval(claim: Claim) -> tuple[Decimal, Decimal]:
    """The values a claim allows, rounding included: "more than 650" is 649.5–∞,
    "about 700" 629.5–770.5, "26.5" 26.45–26.55."""
    value = _figure(claim)
    high_field = claim.fields.get(f"{PRINCIPAL_FIELD[claim.kind]}_high")
    high = Decimal(str(high_field)) if high_field not in (None, "") else value
    half = precision(claim) / 2
    comparator = claim.fields.get("comparator") or "exactly"
    if comparator == "about":
        return value * (1 - ABOUT) - half, high * (1 + ABOUT) + half
    if comparator in LOWER_BOUNDS:
        return value - half, Decimal("Infinity")
    if comparator in UPPER_BOUNDS:
        return Decimal(0), high + half
    return value - half, high + half


def agree(a: Claim, b: Claim) -> bool:
    """Whether two figures of one measure can both be true. Two lower bounds (or two
    upper bounds) state the same figure loosely, so their bounds must agree: "more than
    7.4 million" and "over 7.1 million" do not."""
    comparators = (a.fields.get("comparator") or "exactly", b.fields.get("comparator") or "exactly")
    if all(c in LOWER_BOUNDS for c in comparators) or all(c in UPPER_BOUNDS for c in comparators):
        a, b = _as_exact(a), _as_exact(b)
    low_a, high_a = interval(a)
    low_b, high_b = interval(b)
    return low_a < high_b and low_b < high_a  # half-open: 18.5 rounds to 19, so 18 and 19 do not meet


def meets(report: Claim, target: Claim) -> bool:
    """Whether a reported figure reaches the target (for a ceiling, "up to", stays under it)."""
    low_report, high_report = interval(_as_exact(report) if _comparator(report) == "about" else report)
    low_target, high_target = interval(_as_exact(target))
    if _comparator(target) in UPPER_BOUNDS:
        return high_report <= high_target
    return low_report >= low_target


def _as_exact(claim: Claim) -> Claim:
    return replace(claim, fields={**claim.fields, "comparator": "exactly"})


def _comparator(claim: Claim) -> str:
    return claim.fields.get("comparator") or "exactly"


def _written(claim: Claim) -> str:
    comparator = _comparator(claim)
    value = claim.fields.get(PRINCIPAL_FIELD[claim.kind])
    high = claim.fields.get(f"{PRINCIPAL_FIELD[claim.kind]}_high")
    currency = claim.fields.get("currency") or ""
    unit = "%" if claim.fields.get("unit") == "%" else ""
    number = f"{value}–{high}" if high not in (None, "") else str(value)
    return f"{comparator + ' ' if comparator != 'exactly' else ''}{currency + ' ' if currency else ''}{number}{unit}"


def _far_apart(a: Claim, b: Claim) -> bool:
    value_a, value_b = abs(_figure(a)), abs(_figure(b))
    return max(value_a, value_b) > FAR * max(min(value_a, value_b), Decimal("0.0001"))


# --- within a measure --------------------------------------------------------------

def _is_report(claim: Claim) -> bool:
    return claim.kind == STATISTIC or (claim.kind == TARGET and claim.fields.get("status") == "in progress")


def is_plan(claim: Claim) -> bool:
    if claim.kind == TARGET:
        return claim.fields.get("status") != "in progress"
    return claim.kind == FUNDING and claim.fields.get("status") == "planned"


def _within_measure(a: ClaimFacts, b: ClaimFacts, today: str | None) -> list[Relation]:
    if (a.claim.fields.get("currency") or "") != (b.claim.fields.get("currency") or ""):
        return []
    first, second = sorted((a, b), key=lambda f: f.claim.id)
    relations = []
    plan_report = [(p, r) for p, r in ((first, second), (second, first)) if is_plan(p.claim) and _is_report(r.claim)]
    if plan_report:
        relations += _progress(*plan_report[0], today)
    same_period = _same_period(a, b)
    if is_plan(a.claim) and is_plan(b.claim) and a.claim.kind == b.claim.kind:
        revision = _revision(first, second, same_period)
        if revision is not None:
            return relations + [revision]
    if not same_period or _far_apart(a.claim, b.claim):
        return relations
    where = _where(first, second)
    if agree(a.claim, b.claim):
        relations.append(Relation(CORROBORATES, first.claim.id, second.claim.id,
                                  f"{where}: values agree ({_written(first.claim)} / {_written(second.claim)})", 0.8))
    else:
        relations.append(Relation(CONFLICTS, first.claim.id, second.claim.id,
                                  f"{where}: values differ ({_written(first.claim)} / {_written(second.claim)})", 0.7))
    return relations


def _where(a: ClaimFacts, b: ClaimFacts) -> str:
    measure = f"same measure ({a.measure})" if a.measure else "same measure"
    period = _period_text(a.period) or _period_text(b.period)
    return f"{measure}, {period}" if period else measure


def _period_text(period: Period | None) -> str:
    return period.label() if period is not None else ""


def _stated(period: Period | None) -> TypeGuard[Period]:
    return period is not None and period.source != "published"


def _same_period(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Periods must be comparable (core.periods: a release date standing in for a period
    rules out only figures years apart); without any period, releases up to two years apart."""
    if a.period is not None and b.period is not None:
        return periods_comparable(a.period, b.period)
    return _within_window(a.published, b.published)


def _revision(first: ClaimFacts, second: ClaimFacts, same_period: bool) -> Relation | None:
    first_date, second_date = first.published, second.published
    if not first_date or not second_date or first_date[:10] == second_date[:10]:
        return None  # one release, or undated: no "later" to restate the plan
    (earlier, earlier_date), (later, later_date) = sorted(((first, first_date), (second, second_date)),
                                                          key=lambda dated: dated[1])
    values_agree = agree(first.claim, second.claim)
    deadline_a, deadline_b = (f.claim.fields.get("deadline") or "" for f in (earlier, later))
    moved = bool(deadline_a and deadline_b and deadline_a != deadline_b)
    if values_agree and moved:
        change = f"deadline {deadline_a} → {deadline_b}"
    elif not values_agree and same_period and not _far_apart(first.claim, second.claim):
        change = f"{_written(earlier.claim)} → {_written(later.claim)}"
    else:
        return None
    reason = (f"{_where(first, second)}: plan restated, {change} (release of {earlier_date[:10]}, "
              f"then {later_date[:10]})")
    return Relation(REVISED, first.claim.id, second.claim.id, reason, 0.7)


def _progress(plan: ClaimFacts, report: ClaimFacts, today: str | None) -> list[Relation]:
    """A report against the plan it counts towards, with the promise status it proposes."""
    target, statistic = plan.claim, report.claim
    if _far_apart(target, statistic) and (meets(statistic, target) or _comparator(target) in UPPER_BOUNDS):
        return []  # far past the target is a stock beside a flow (7,000 schools in all, 370 to build)
    deadline_end = plan.period.end[:10] if _stated(plan.period) and plan.period.source == "deadline" else None
    report_end = (report.period.end if _stated(report.period) else report.published or "")[:10]
    if plan.published and report_end and report_end < plan.published[:len(report_end)]:
        return []  # a figure for a time before the plan was made is its baseline, not progress on it
    if meets(statistic, target):
        status = "achieved"
    elif deadline_end and report_end and report_end >= deadline_end:
        status = "overdue"  # reported for the deadline's period or later without meeting it
    elif deadline_end and today and today[:10] > deadline_end:
        status = "overdue"  # the deadline has passed (propose() keeps this only when no report meets it)
    else:
        status = "in progress"
    promise = PROMISE_OF_PROGRESS[status]
    deadline = f" due {_period_text(plan.period)}" if deadline_end else ""
    reason = (f"{_where(plan, report)}: reported {_written(statistic)} against the plan of {_written(target)}{deadline}"
              f" — proposes promise status {status} ({promise})")
    first, second = sorted((target.id, statistic.id))
    late = (plan, report) if status == "overdue" and not (report_end and report_end >= (deadline_end or "")) else None
    return [Relation(PROGRESS, first, second, reason, 0.6, promise, target.id, late, report_end)]


# --- claims without a measure (the rule from before measures) ------------------------

def _compare_unlinked(a: ClaimFacts, b: ClaimFacts) -> Relation | None:
    first, second = a.claim, b.claim
    if first.kind != second.kind:
        return None
    if first.kind == FUNDING and (first.fields.get("currency") or "") != (second.fields.get("currency") or ""):
        return None
    if not _within_window(a.published, b.published):
        return None
    value_a, value_b = _figure(first), _figure(second)
    ratio = max(value_a, value_b) / max(min(value_a, value_b), Decimal("0.0001"))
    same, why = _same_thing(first, second, close=ratio <= CLOSE)
    if not same or ratio > FAR:
        return None
    low_id, high_id = sorted((first.id, second.id))
    values_agree = agree(first, second)
    if values_agree and ratio <= CLOSE:
        return Relation(CORROBORATES, low_id, high_id,
                        f"{why}; values agree ({_written(first)} / {_written(second)})", 0.8)
    if not values_agree:
        return Relation(CONFLICTS, low_id, high_id,
                        f"{why}; values differ ({_written(first)} / {_written(second)})", 0.6)
    return None


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(text: str) -> list[str]:
    return [_singular(w) for w in re.findall(r"[^\W\d]+", text.lower()) if w not in _STOP]


def _same_thing(a: Claim, b: Claim, close: bool) -> tuple[bool, str]:
    """Units (or purposes) about the same thing: the head noun agrees and enough words are
    shared; figures close in value need fewer shared words."""
    if a.kind == FUNDING:
        text_a = f"{a.fields.get('purpose', '')} {a.fields.get('payer', '')}"
        text_b = f"{b.fields.get('purpose', '')} {b.fields.get('payer', '')}"
    else:
        text_a, text_b = a.fields.get("unit", ""), b.fields.get("unit", "")
    words_a, words_b = _words(text_a), _words(text_b)
    if not words_a or not words_b:
        return False, ""
    percent_a, percent_b = a.fields.get("unit") == "%", b.fields.get("unit") == "%"
    if a.kind != FUNDING and (words_a[-1] != words_b[-1] or percent_a != percent_b):
        return False, ""  # the head noun ("facilities") must agree
    shared = set(words_a) & set(words_b)
    overlap = len(shared) / len(set(words_a) | set(words_b))
    if overlap < (0.2 if close else 0.4):
        return False, ""
    return True, f"same {'purpose' if a.kind == FUNDING else 'unit'} ({', '.join(sorted(shared))})"


def _within_window(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True  # undated documents are not ruled out

    def parse(value: str) -> date:
        parts = [int(p) for p in value[:10].split("-")] + [1, 1]
        return date(parts[0], parts[1] or 1, parts[2] or 1)

    return abs((parse(a) - parse(b)).days) <= MAX_DAYS_APART


# --- within a document ---------------------------------------------------------------

def _sums(facts: list[ClaimFacts]) -> list[Relation]:
    """Within one sentence: a total followed by parts ("of which", "including")."""
    by_sentence: dict[tuple[int, int], list[ClaimFacts]] = {}
    for fact in facts:
        if fact.sentence_key is not None and fact.claim.kind == FUNDING:
            by_sentence.setdefault(fact.sentence_key, []).append(fact)
    relations = []
    for group in by_sentence.values():
        group.sort(key=lambda f: f.claim.start)
        total = group[0].claim
        parts = [f.claim for f in group[1:] if f.claim.fields.get("currency") == total.fields.get("currency")]
        if not parts or not _PARTS.search(" ".join(p.prefix for p in parts)):
            continue
        part_sum = sum(_figure(p) for p in parts)
        if part_sum > _figure(total):
            relations.append(Relation(PARTS_EXCEED_TOTAL, total.id, parts[-1].id,
                                      f"parts add up to {part_sum}, more than the total {_figure(total)}", 0.7))
    return relations
