"""Reference periods of figures and when two of them may be compared (core.periods)."""

from __future__ import annotations

import pytest

from claimdesk.core.periods import Period, parse_period, periods_comparable, reference_period


def test_each_kind_reads_its_own_date_field():
    assert reference_period("statistic", {"as_of": "2023"}, "2024-02-01") == Period(
        "2023-01-01", "2023-12-31", "year", "as_of")
    assert reference_period("target", {"deadline": "2025-06"}, None) == Period(
        "2025-06-01", "2025-06-30", "month", "deadline")
    assert reference_period("funding", {"period": "2024-2026"}, None) == Period(
        "2024-01-01", "2026-12-31", "year", "period")
    assert reference_period("statistic", {"as_of": "2024-02-29"}, None).precision == "day"


def test_the_release_date_stands_in_and_nothing_is_none():
    assert reference_period("target", {}, "2024-01-16T10:00") == Period("2024-01-16", "2024-01-16", "day", "published")
    assert reference_period("funding", {"period": ""}, "2023-09") == Period("2023-09-01", "2023-09-30", "month",
                                                                           "published")
    assert reference_period("statistic", {}, None) is None
    assert reference_period("official", {"as_of": "2024"}, None) is None  # officials carry no figure


@pytest.mark.parametrize("value", ["2024-13", "2023-02-29", "1700", "soon", "", None, 2024])
def test_values_that_are_no_date_give_no_period(value):
    assert parse_period(value, "as_of") is None


def test_the_mapping_form_of_a_period():
    period = parse_period({"start": "2024-01", "end": "2024-06", "precision": "month"}, "period")
    assert period == Period("2024-01-01", "2024-06-30", "month", "period")
    assert period.label() == "2024-01–2024-06"
    assert parse_period({"value": "2025", "precision": "year"}, "deadline").label() == "2025"


def _stated(value, source="as_of"):
    return parse_period(value, source)


@pytest.mark.parametrize("a, b, comparable", [
    ("2024", "2024-12-31", True),  # the same year at the coarser precision
    ("2024-03", "2024-03-15", True),
    ("2023", "2024", False),
    ("2024-03", "2024-04", False),
    ("2024-01-01", "2023", True),  # as of 1 January reports the year before
    ("2024-01-01", "2024", True),
    ("2024-01-02", "2023", False),
    ("2023-2029", "2023-2029", True),
    ("2023-2029", "2025", False),  # a plan for seven years is not the figure for one of them
])
def test_stated_periods_compare_at_the_coarser_precision(a, b, comparable):
    assert periods_comparable(_stated(a), _stated(b, "deadline")) is comparable
    assert periods_comparable(_stated(b, "deadline"), _stated(a)) is comparable


def test_a_release_date_only_rules_out_periods_far_from_it():
    published = parse_period("2025-12-05", "published")
    assert periods_comparable(published, _stated("2023-2029", "deadline"))
    assert periods_comparable(published, _stated("2024"))
    assert not periods_comparable(published, _stated("2020"))
    assert not periods_comparable(published, _stated("2028", "deadline"))
    assert periods_comparable(published, parse_period("2024-11-01", "published"))
    assert not periods_comparable(published, parse_period("2022-11-01", "published"))


def test_an_unknown_period_never_rules_a_pair_out():
    assert periods_comparable(None, _stated("2024")) and periods_comparable(_stated("2024"), None)
    assert periods_comparable(None, None)
