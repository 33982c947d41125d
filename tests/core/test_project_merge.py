"""The pure rules of a project merge: span overlap, one-to-one pairing whichever side is
which, filling values only one side has, disagreements, and who set a value."""

from __future__ import annotations

import pytest

from claimdesk.core.project_merge import (MergeClaim, MergeError, compare_claims, match_claims, span_overlap,
                                          value_setters)

DOC = ("sha", "document", 0)


def _claim(claim_id, start, end, kind="statistic", author="alice", **values):
    return MergeClaim(claim_id, DOC, kind, start, end, values.pop("quote", "q"), values.pop("fields", {}),
                      values.pop("status", "unverified"), values.pop("promise_status", "not yet rated"),
                      values.pop("statement", ""), values.pop("note", ""), author, values.pop("setters", {}))


def test_overlap_is_over_the_union():
    assert span_overlap(0, 10, 0, 10) == 1.0
    assert span_overlap(0, 10, 5, 15) == pytest.approx(5 / 15)
    assert span_overlap(0, 10, 10, 20) == 0.0


def test_claims_pair_one_to_one_best_first_and_alike_in_either_direction():
    ours = [_claim(1, 0, 10), _claim(2, 20, 30), _claim(3, 40, 50, kind="target")]
    theirs = [_claim(7, 1, 10, author="bob"), _claim(8, 0, 9, author="bob"), _claim(9, 40, 50, author="bob")]
    pairs = match_claims(ours, theirs)
    assert [(a.id, b.id) for a, b in pairs] == [(1, 8)]  # 7 and 8 both overlap 9/10: the spans break the tie
    backwards = match_claims(theirs, ours)
    assert {(b.id, a.id) for a, b in backwards} == {(a.id, b.id) for a, b in pairs}
    assert match_claims(ours, theirs, threshold=0.95) == []
    with pytest.raises(MergeError):
        match_claims(ours, theirs, threshold=0)


def test_values_only_the_other_side_has_fill_and_different_ones_disagree():
    kept = _claim(1, 0, 10, fields={"value": "5", "unit": ""}, note="mine")
    other = _claim(2, 0, 12, author="bob", fields={"value": "6", "unit": "km", "as_of": "2025"}, note="",
                   status="disputed", quote="q2")
    result = compare_claims(kept, other)
    assert result.changes == {"fields": {"value": "5", "unit": "km", "as_of": "2025"}, "status": "disputed"}
    assert sorted(result.filled) == ["fields.as_of", "fields.unit", "status"]
    assert [(d.attribute, d.kept_value, d.kept_author, d.other_value, d.other_author)
            for d in result.disagreements] == [
        ("span", {"start": 0, "end": 10, "quote": "q"}, "alice", {"start": 0, "end": 12, "quote": "q2"}, "bob"),
        ("fields.value", "5", "alice", "6", "bob")]


def test_the_author_verifying_their_own_claim_through_a_merge_is_a_disagreement():
    kept = _claim(1, 0, 10, author="bob")
    other = _claim(2, 0, 10, author="carol", status="verified", setters={"status": "bob"})
    result = compare_claims(kept, other, two_person_rule=True)
    assert result.changes == {} and [d.attribute for d in result.disagreements] == ["status"]
    assert compare_claims(kept, other, two_person_rule=False).changes == {"status": "verified"}
    # the same person whatever the spelling, as the two-person rule compares names everywhere
    respelled = _claim(2, 0, 10, author="carol", status="verified", setters={"status": " BOB "})
    assert compare_claims(kept, respelled, two_person_rule=True).changes == {}


def test_who_set_a_value_comes_from_the_history():
    history = [("alice", None, {"start": 0, "end": 5, "fields": {"value": "1"}, "status": "unverified", "note": ""}),
               ("bob", {"start": 0, "end": 5, "fields": {"value": "1"}, "status": "unverified", "note": ""},
                {"start": 0, "end": 5, "fields": {"value": "2"}, "status": "verified", "note": ""})]
    setters = value_setters(history)
    assert setters["fields.value"] == "bob" and setters["status"] == "bob" and setters["span"] == "alice"


def test_claims_on_one_span_pair_by_their_values_not_their_ids():
    # the detector's two claims on one sentence; bob deleted his first and made it again (a new id)
    ours = [_claim(1, 0, 20, fields={"value": "120", "unit": "stations"}),
            _claim(2, 0, 20, fields={"value": "640000", "unit": "people"})]
    theirs = [_claim(5, 0, 20, author="bob", fields={"value": "640000", "unit": "people"}),
              _claim(9, 0, 20, author="bob", fields={"value": "120", "unit": "stations"})]
    pairs = match_claims(ours, theirs)
    assert sorted((a.id, b.id) for a, b in pairs) == [(1, 9), (2, 5)]
    assert all(not compare_claims(a, b).disagreements for a, b in pairs)
    assert sorted((b.id, a.id) for a, b in match_claims(theirs, ours)) == [(1, 9), (2, 5)]


def test_among_equal_overlaps_the_smaller_difference_pairs_first():
    ours = [_claim(1, 0, 20, fields={"value": "5", "unit": "km", "as_of": "2025"}),
            _claim(2, 0, 20, fields={"value": "6", "unit": "m", "as_of": "2024"})]
    theirs = [_claim(3, 0, 20, author="bob", fields={"value": "6", "unit": "m", "as_of": "2025"}),
              _claim(4, 0, 20, author="bob", fields={"value": "5", "unit": "km"})]
    assert sorted((a.id, b.id) for a, b in match_claims(ours, theirs)) == [(1, 4), (2, 3)]
    assert sorted((b.id, a.id) for a, b in match_claims(theirs, ours)) == [(1, 4), (2, 3)]
