"""make eval's relation and subject scoring (scripts/eval_relations.py) on small synthetic
documents: overlap matching, revised as a conflict, the cross-cluster share, subject accuracy."""

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import eval_relations as score  # noqa: E402

TEXTS = {
    "a.txt": "The line will be 22.4 km long. Budget: 100 units. The line will be 22.4 km long.",
    "b.txt": "Officials said the route is 22.6 km. The budget is 100 units.",
    "c.txt": "An unrelated harvest of 5 tons.",
}
GOLD_LINES = [
    {"doc": "a.txt", "kind": "target", "quote": "The line will be 22.4 km long", "occurrence": 1},
    {"doc": "b.txt", "kind": "target", "quote": "the route is 22.6 km"},
    {"doc": "a.txt", "kind": "funding", "quote": "Budget: 100 units"},
    {"doc": "b.txt", "kind": "funding", "quote": "The budget is 100 units"},
]
CONFLICTS = [
    {"a": {"line": 1, "doc": "a.txt", "figure": "22.4 km"}, "b": {"line": 2, "doc": "b.txt", "figure": "22.6 km"},
     "relation": "conflicts"},
    {"a": {"line": 3, "doc": "a.txt", "figure": "100 units"}, "b": {"line": 4, "doc": "b.txt", "figure": "100 units"},
     "relation": "corroborates"},
]


def span_of(doc, quote, occurrence=0):
    start, end = score.locate_quote(TEXTS[doc], quote, occurrence)
    return start, end


def claim(claim_id, doc, quote, kind="target", occurrence=0):
    start, end = span_of(doc, quote, occurrence)
    return {"id": claim_id, "doc": doc, "start": start, "end": end, "kind": kind}


def relation(kind, first, second, state="proposed"):
    return score.relation_from_line({"kind": kind, "state": state, "first_claim": first, "second_claim": second})


@pytest.fixture
def pairs():
    return score.gold_pairs(CONFLICTS, GOLD_LINES, TEXTS.__getitem__)


SECOND_LINE_A = claim(1, "a.txt", "22.4 km long", occurrence=1)
FIRST_LINE_A = claim(2, "a.txt", "22.4 km long", occurrence=0)
ROUTE_B = claim(3, "b.txt", "route is 22.6")
BUDGET_A = claim(4, "a.txt", "100 units", "funding")
BUDGET_B = claim(5, "b.txt", "100 units", "funding")
HARVEST_C = claim(6, "c.txt", "5 tons", "statistic")


def test_locate_quote_takes_the_occurrence_and_tolerates_whitespace():
    text = "one two three, one  two\nthree, one two three"
    assert score.locate_quote(text, "one two three") == (0, 13)
    assert score.locate_quote(text, "one two three", 1) == (31, 44)
    assert score.locate_quote(text, "one two three", 2) is None
    # whitespace runs differ only when no exact occurrence exists (as eval_claims.py places quotes)
    assert score.locate_quote("x one  two\nthree", "one two three") == (2, 16)
    assert score.locate_quote(text, "four") is None


def test_gold_pairs_place_quotes_by_their_gold_line_and_occurrence(pairs):
    conflict = pairs[0]
    assert conflict.relation == "conflicts"
    assert (conflict.a.span.start, conflict.a.span.end) == span_of("a.txt", "The line will be 22.4 km long", 1)
    assert conflict.a.kind == "target"
    assert TEXTS["a.txt"][conflict.a.figure.start:conflict.a.figure.end] == "22.4 km"
    assert conflict.a.figure.start > TEXTS["a.txt"].index("Budget")


def test_a_figure_is_found_without_its_note_or_by_its_first_number():
    quote = "the rate reached 60,5 % at the end of the year, up from 59"
    assert score.locate_figure(quote, "60,5 %") == (17, 23)
    assert score.locate_figure(quote, "60,5 % (2020 year-end)") == (17, 23)
    assert score.locate_figure(quote, "60,5 percent (2020)") == (17, 21)
    assert score.locate_figure(quote, "61 percent") is None
    assert score.locate_figure(quote, "") is None


def test_a_missing_gold_quote_is_reported():
    with pytest.raises(score.GoldError, match="b.txt"):
        score.gold_pairs([{"a": {"line": 1}, "b": {"doc": "b.txt", "quote": "not there"}, "relation": "conflicts"}],
                         GOLD_LINES, TEXTS.__getitem__)


def test_a_pair_is_found_when_one_relation_overlaps_both_quotes_in_either_order(pairs):
    conflict = pairs[0]
    assert score.pair_found(conflict, [relation("conflicts", SECOND_LINE_A, ROUTE_B)])
    assert score.pair_found(conflict, [relation("conflicts", ROUTE_B, SECOND_LINE_A)])
    # the same words at the quote's other occurrence do not overlap the gold claim
    assert not score.pair_found(conflict, [relation("conflicts", FIRST_LINE_A, ROUTE_B)])
    # both claims must overlap: one side alone is not enough
    assert not score.pair_found(conflict, [relation("conflicts", SECOND_LINE_A, HARVEST_C)])


def test_touching_spans_do_not_overlap():
    assert score.Span("a.txt", 0, 5).overlap(score.Span("a.txt", 5, 9)) == 0
    assert score.Span("a.txt", 0, 6).overlap(score.Span("a.txt", 5, 9)) == 1
    assert score.Span("a.txt", 0, 6).overlap(score.Span("b.txt", 0, 6)) == 0


def test_revised_counts_as_a_conflict_and_kinds_must_match(pairs):
    conflict, corroboration = pairs
    assert score.pair_found(conflict, [relation("revised", SECOND_LINE_A, ROUTE_B)])
    assert not score.pair_found(conflict, [relation("corroborates", SECOND_LINE_A, ROUTE_B)])
    assert not score.pair_found(corroboration, [relation("revised", BUDGET_A, BUDGET_B)])
    assert not score.pair_found(corroboration, [relation("conflicts", BUDGET_A, BUDGET_B)])
    assert score.pair_found(corroboration, [relation("corroborates", BUDGET_A, BUDGET_B)])


def test_dismissed_relations_find_nothing(pairs):
    assert not score.pair_found(pairs[0], [relation("conflicts", SECOND_LINE_A, ROUTE_B, state="dismissed")])
    assert score.pair_found(pairs[0], [relation("conflicts", SECOND_LINE_A, ROUTE_B, state="confirmed")])


def test_score_pairs_counts_found_per_relation_and_linked_by_any_kind(pairs):
    relations = [relation("revised", SECOND_LINE_A, ROUTE_B), relation("conflicts", BUDGET_A, BUDGET_B)]
    scores = score.score_pairs(pairs, relations)
    assert scores["conflicts"] == (1, 1)
    assert scores["corroborates"] == (0, 1)
    assert scores["linked"] == (2, 2)


def test_pairs_linked_by_another_kind_are_counted_by_kind(pairs):
    relations = [relation("progress", SECOND_LINE_A, ROUTE_B), relation("corroborates", ROUTE_B, SECOND_LINE_A),
                 relation("corroborates", BUDGET_A, BUDGET_B), relation("conflicts", BUDGET_A, BUDGET_B)]
    assert score.linked_kinds(pairs[0], relations) == ["corroborates", "progress"]
    # the corroboration is found, so its extra conflict is not listed
    assert score.other_kinds(pairs, relations) == {("conflicts", "corroborates"): 1, ("conflicts", "progress"): 1}


def test_cross_cluster_share_counts_live_cross_document_relations_only():
    clusters = {"a.txt": "LRT", "b.txt": "LRT", "c.txt": "Grain"}
    relations = [
        relation("conflicts", SECOND_LINE_A, ROUTE_B),        # same cluster
        relation("conflicts", BUDGET_A, HARVEST_C),           # different clusters
        relation("conflicts", BUDGET_B, HARVEST_C, "dismissed"),
        relation("corroborates", FIRST_LINE_A, BUDGET_A),     # one document: not cross-document
        relation("conflicts", ROUTE_B, {**HARVEST_C, "doc": "unknown.txt"}),  # no cluster: left out
    ]
    assert score.cross_cluster(relations, clusters) == (1, 2)
    assert score.cross_cluster([], clusters) == (0, 0)


def test_outside_gold_counts_cross_document_relations_linking_no_pair(pairs):
    relations = [relation("conflicts", SECOND_LINE_A, ROUTE_B), relation("conflicts", BUDGET_A, HARVEST_C),
                 relation("conflicts", FIRST_LINE_A, BUDGET_A)]
    assert score.outside_gold(relations, pairs) == (1, 2)


def test_subject_accuracy_is_none_without_measures_and_counts_shared_measures(pairs):
    claims = [score.claim_from_line(c) for c in (SECOND_LINE_A, ROUTE_B, BUDGET_A, BUDGET_B)]
    assert score.subject_accuracy(pairs, claims, {}) is None
    assert score.subject_accuracy(pairs, claims, {1: None, 3: None}) is None
    measures = {1: ("id", 7), 3: ("id", 7), 4: ("id", 8), 5: ("id", 9)}
    assert score.subject_accuracy(pairs, claims, measures) == (1, 2)
    assert score.subject_accuracy(pairs, claims, {**measures, 5: ("id", 8)}) == (2, 2)
    # two claims without a measure do not share one
    assert score.subject_accuracy(pairs, claims, {1: ("id", 7), 3: ("id", 7)}) == (1, 2)
    # a side without a claim counts as wrong
    assert score.subject_accuracy(pairs, claims[1:], {**measures, 5: ("id", 8)}) == (1, 2)


def test_the_claim_standing_for_a_gold_claim_covers_the_pair_figure(pairs):
    # two claims overlap the gold quote "The line will be 22.4 km long": only one covers "22.4 km"
    start, end = span_of("a.txt", "The line will be 22.4 km long", 1)
    around = {"id": 11, "doc": "a.txt", "start": start, "end": start + 8, "kind": "target"}
    figure = {"id": 12, "doc": "a.txt", "start": start + 15, "end": end, "kind": "statistic"}
    claims = [score.claim_from_line(c) for c in (around, figure)]
    assert score.claim_for(pairs[0].a, claims).id == 12
    assert score.claim_for(pairs[0].b, claims) is None


def test_measure_from_line_reads_the_shapes_a_claim_line_may_carry():
    assert score.measure_from_line({"id": 1}) is None
    assert score.measure_from_line({"id": 1, "measure": None}) is None
    assert score.measure_from_line({"measure_id": 4}) == ("id", 4)
    assert score.measure_from_line({"measure": 4}) == ("id", 4)
    assert score.measure_from_line({"measure": {"id": 4, "name": "seats"}}) == ("id", 4)
    by_name = score.measure_from_line({"measure": "seats", "subject": "Astana LRT"})
    assert by_name == ("name", "Astana LRT", "seats")
    assert by_name != score.measure_from_line({"measure": "seats", "subject": "Gasification"})
    assert score.measure_from_line({"measure": {"name": "seats", "subject": {"id": 2}}}) == ("name", 2, "seats")


def test_a_group_agrees_when_agreeing_relations_connect_it_and_nothing_contradicts():
    first, second, third = (claim(i, "a.txt", "22.4 km long") for i in (1, 2, 3))
    chain = [relation("corroborates", first, second), relation("progress", third, second)]
    assert score.agree_as_group([1, 2, 3], chain)
    assert not score.agree_as_group([1, 2, 3], chain[:1])
    assert not score.agree_as_group([1, 2, 3], chain + [relation("revised", first, third)])
    assert not score.agree_as_group([1, 2, 3], [chain[0], relation("progress", third, second, "dismissed")])


def test_eval_dev2_without_shared_exits_2_naming_what_is_missing(tmp_path):
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "eval-dev2")], cwd=REPO, capture_output=True,
                            text=True, timeout=60, env={**os.environ, "SHARED": str(tmp_path / "absent")})
    assert result.returncode == 2
    assert str(tmp_path / "absent" / "dev2") in result.stderr and "missing" in result.stderr
    assert result.stdout == ""


def test_of_claims_sharing_one_clause_span_the_one_stating_the_figure_stands_for_it(pairs):
    # one clause, two figures, two claims with identical offsets: the value picks the right one
    start, end = span_of("a.txt", "The line will be 22.4 km long", 1)
    lines = [{"id": 21, "doc": "a.txt", "start": start, "end": end, "kind": "target", "fields": {"quantity": "7"}},
             {"id": 22, "doc": "a.txt", "start": start, "end": end, "kind": "target",
              "fields": {"quantity": "22.4"}}]
    claims = [score.claim_from_line(line) for line in lines]
    assert score.claim_for(pairs[0].a, claims).id == 22  # lowest id would have been 21
    assert score.significant_digits("11.7 million") == score.significant_digits("11700000") == "117"
    assert score.significant_digits(score.without_note("61,1% (2024)")) == "611"
