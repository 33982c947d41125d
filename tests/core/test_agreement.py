"""core.agreement: Krippendorff's alpha against hand-computed figures and a character-by-
character reference computation, span coverage in runs, claim matching, value agreement."""

import random
from fractions import Fraction

from claimdesk.core.agreement import (KIND, ONLY_FIRST, ONLY_SECOND, SPAN, VALUES, Mark, Text, compare, match,
                                      coverage_runs, differing_fields, figure_text, nominal_alpha)

N = None
# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: four
# observers, twelve units, missing values. Value counts n_1..n_5 = 9, 13, 10, 5, 3 (n = 40),
# off-diagonal coincidences 8, so alpha = 1 - 39 * 8 / (40^2 - 384) = 113/152 (the paper's 0.743).
PAPER = [[1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
         [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N]]


def test_nominal_alpha_gives_the_papers_figure_with_missing_values():
    units = [(1, [row[u] for row in PAPER]) for u in range(12)]
    assert nominal_alpha(units) == Fraction(113, 152)


def test_a_weight_counts_a_unit_that_many_times():
    units = [(1, [row[u] for row in PAPER]) for u in range(12)]
    assert nominal_alpha([(3, values) for _, values in units]) == nominal_alpha(units * 3)


def test_alpha_is_undefined_when_every_value_is_the_same_and_one_when_all_pairs_agree():
    assert nominal_alpha([(5, (False, False)), (2, (False, None))]) is None
    assert nominal_alpha([(5, ("a", "a")), (3, ("b", "b"))]) == 1


def mark(claim_id, start, end, kind="funding", key="doc", **fields):
    return Mark(claim_id, key, kind, start, end, fields, f"q{claim_id}")


def test_span_alpha_over_code_points_by_hand():
    # 20 code points; first marks 0-10, second 5-10. Units 0-4 (1,0) x5, 5-9 (1,1) x5, 10-19 (0,0) x10:
    # o_11 = 10, o_00 = 20, o_10 = o_01 = 5; n_1 = 15, n_0 = 25, n = 40;
    # alpha = 1 - 39 * 10 / (2 * 15 * 25) = 1 - 390/750 = 12/25
    report = compare([Text("doc", "d", 20)], [mark(1, 0, 10)], [mark(2, 5, 10)])
    [funding] = report.kinds
    assert funding.span_alpha == Fraction(12, 25)
    assert (funding.characters, funding.first_characters, funding.second_characters,
            funding.both_characters) == (20, 10, 5, 5)
    assert funding.observed == Fraction(15, 20)
    assert (funding.matched, funding.same_span) == (1, 0)
    [disagreement] = report.disagreements
    assert disagreement.about == (SPAN,) and disagreement.first.claim_id == 1 and disagreement.second.claim_id == 2


def test_texts_add_up_as_one_stream_of_units_and_a_text_nobody_marked_counts_as_agreement():
    # second text, 10 code points, unmarked by both: adds 10 units (0,0): o_00 = 40, n_0 = 45, n = 60;
    # alpha = 1 - 59 * 10 / (2 * 15 * 45) = 1 - 590/1350 = 76/135
    texts = [Text("doc", "d", 20), Text("other", "o", 10)]
    report = compare(texts, [mark(1, 0, 10)], [mark(2, 5, 10)])
    assert report.kinds[0].span_alpha == Fraction(76, 135)


def test_split_claims_cover_the_same_units_as_one_and_spans_are_clipped_to_the_text():
    one = compare([Text("doc", "d", 20)], [mark(1, 0, 10)], [mark(2, 5, 10)]).kinds[0].span_alpha
    split = compare([Text("doc", "d", 20)], [mark(1, 0, 4), mark(3, 4, 10)], [mark(2, 5, 10)]).kinds[0].span_alpha
    assert split == one
    assert list(coverage_runs(10, [(8, 30)], [(-5, 2)])) == [(2, (False, True)), (6, (False, False)),
                                                             (2, (True, False))]


def test_overlapping_claims_match_one_to_one_largest_overlap_first():
    first = [mark(1, 0, 10, amount="5"), mark(2, 8, 20, amount="7")]
    second = [mark(3, 9, 20, amount="7")]
    report = compare([Text("doc", "d", 30)], first, second)
    funding = report.kinds[0]
    assert (funding.first_claims, funding.second_claims, funding.matched) == (2, 1, 1)
    abouts = {(d.about, d.first and d.first.claim_id, d.second and d.second.claim_id) for d in report.disagreements}
    assert abouts == {((ONLY_FIRST,), 1, None), ((SPAN,), 2, 3)}


def test_claims_of_different_kinds_over_one_figure_are_a_kind_disagreement():
    report = compare([Text("doc", "d", 30)], [mark(1, 0, 10, kind="funding")], [mark(2, 2, 10, kind="statistic")])
    assert [k.kind for k in report.kinds] == ["funding", "statistic"]
    assert all(k.matched == 0 for k in report.kinds)
    [d] = report.disagreements
    assert d.about == (KIND,) and d.first.kind == "funding" and d.second.kind == "statistic"
    apart = compare([Text("doc", "d", 30)], [mark(1, 0, 10, kind="funding")], [mark(2, 20, 25, kind="statistic")])
    assert sorted(d.about for d in apart.disagreements) == [(ONLY_FIRST,), (ONLY_SECOND,)]


def test_values_agree_as_decimals_and_text_without_case_or_spacing():
    assert differing_fields({"amount": "1.50", "currency": "KZT", "payer": "Ministry  of Health"},
                            {"amount": "1.5", "currency": "kzt", "payer": "ministry of health", "purpose": ""}) == ()
    assert differing_fields({"amount": "2", "period": "2026"}, {"amount": "2", "period": "2027"}) == ("period",)
    assert differing_fields({"amount": "2"}, {"amount": "2", "currency": "USD"}) == ("currency",)


def test_value_agreement_counts_pairs_and_fields():
    first = [mark(1, 0, 5, amount="10", currency="KZT"), mark(2, 10, 15, amount="3", currency="USD"),
             mark(4, 20, 25, amount="1")]
    second = [mark(5, 0, 5, amount="10.0", currency="KZT"), mark(6, 10, 15, amount="4", currency="USD"),
              mark(7, 20, 25, amount="1", payer="akimat")]
    funding = compare([Text("doc", "d", 30)], first, second).kinds[0]
    assert (funding.matched, funding.same_span, funding.same_values) == (3, 3, 1)
    assert funding.value_agreement == Fraction(1, 3)
    assert funding.field_agreement == {"amount": (2, 3), "currency": (2, 2), "payer": (0, 1)}
    report = compare([Text("doc", "d", 30)], first, second)
    assert [(d.about, d.fields) for d in report.disagreements] == [((VALUES,), ("amount",)), ((VALUES,), ("payer",))]


def test_a_kind_filter_and_marks_outside_the_compared_texts():
    texts = [Text("doc", "d", 20)]
    report = compare(texts, [mark(1, 0, 5), mark(2, 0, 5, key="elsewhere"), mark(3, 6, 9, kind="target")],
                     [mark(4, 0, 5)], kinds=["funding"])
    assert [k.kind for k in report.kinds] == ["funding"]
    assert report.kinds[0].first_claims == 1 and report.kinds[0].span_alpha == 1
    assert not report.disagreements
    nobody = compare(texts, [], [], kinds=["target"])
    assert nobody.kinds[0].span_alpha is None and nobody.kinds[0].observed == 1


def _alpha_char_by_char(coded: list[list[int]]) -> Fraction:
    """Nominal alpha the textbook way, one unit per character (two coders, none missing):
    the coincidence matrix counts each unit's two ordered pairs."""
    values = sorted({*coded[0], *coded[1]})
    pairs = {(v, w): 0 for v in values for w in values}
    for first, second in zip(*coded):
        pairs[first, second] += 1
        pairs[second, first] += 1
    totals = {v: sum(pairs[v, w] for w in values) for v in values}
    n = sum(totals.values())
    observed = sum(pairs[v, w] for v in values for w in values if v != w)
    expected = sum(totals[v] * totals[w] for v in values for w in values if v != w)
    return 1 - Fraction((n - 1) * observed, expected)


def test_span_alpha_in_runs_equals_alpha_computed_character_by_character():
    # the module counts runs between span boundaries; a character at a time must agree exactly
    # (the krippendorff package gave the same on these marks, but needs numpy, and numpy in the
    # test environment makes sqlite-utils import it with every project)
    rng = random.Random(18)
    for _ in range(25):
        lengths = [rng.randint(20, 80) for _ in range(rng.randint(1, 3))]
        texts = [Text(n, f"t{n}", length) for n, length in enumerate(lengths)]
        sides = []
        for side in range(2):
            marks = []
            for n, length in enumerate(lengths):
                for i in range(rng.randint(0, 4)):
                    start = rng.randrange(length - 1)
                    marks.append(Mark(100 * side + 10 * n + i, n, "funding", start,
                                      rng.randint(start + 1, min(length, start + 15))))
            sides.append(marks)
        ours = compare(texts, *sides, kinds=["funding"]).kinds[0].span_alpha
        coded = [[0] * sum(lengths), [0] * sum(lengths)]
        for side, marks in enumerate(sides):
            for m in marks:
                base = sum(lengths[:m.key])
                for position in range(m.start, m.end):
                    coded[side][base + position] = 1
        if len({*coded[0], *coded[1]}) < 2:
            assert ours is None
            continue
        assert ours == _alpha_char_by_char(coded)


def test_identical_claims_on_one_span_pair_by_their_values_not_their_order():
    # the detector often makes two claims on one sentence: both analysts have the same two, stored
    # in another order; pairing by index called both pairs "values: unit, value" disagreements
    first = [mark(1, 0, 20, kind="statistic", value="48", unit="clinics"),
             mark(2, 0, 20, kind="statistic", value="2027", unit="year")]
    second = [mark(3, 0, 20, kind="statistic", value="2027", unit="year"),
              mark(4, 0, 20, kind="statistic", value="48", unit="clinics")]
    for theirs in (second, second[::-1]):
        report = compare([Text("doc", "d", 30)], first, theirs)
        [statistic] = report.kinds
        assert (statistic.matched, statistic.same_values, statistic.same_span) == (2, 2, 2)
        assert report.disagreements == ()
    # of two equally overlapping candidates the one with fewer differing fields wins
    pairs, _, _ = match([mark(1, 0, 20, value="48", unit="clinics", year="2027")],
                        [mark(3, 0, 20, value="5", unit="schools", year="2027"),
                         mark(4, 0, 20, value="48", unit="clinics", year="2026")])
    assert [(a.claim_id, b.claim_id) for a, b in pairs] == [(1, 4)]


def test_a_figure_below_one_is_never_shown_as_one_nor_one_above_zero_as_zero():
    # "characters agreeing 100.0 %" was shown for an observed agreement of 0.999877
    assert figure_text(Fraction(999877, 1000000), 1, 100, " %") == "99.99 %"
    assert figure_text(Fraction(999877, 1000000), 3) == "0.9999"
    assert figure_text(Fraction(1, 10 ** 7), 1, 100, " %") == "0.00001 %"
    assert (figure_text(Fraction(1), 1, 100, " %"), figure_text(Fraction(0), 3)) == ("100.0 %", "0.000")
    assert (figure_text(Fraction(411, 550), 3), figure_text(Fraction(-17, 122), 3)) == ("0.747", "-0.139")
    assert figure_text(None, 3, undefined="undefined") == "undefined"
    assert figure_text(1 - Fraction(1, 10 ** 15), 1, 100, " %") == "99.999999999999 %"  # cut, not rounded
