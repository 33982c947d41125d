import pytest

from claimdesk.core.dates import detect_published, parse_date_string
from claimdesk.core.model import PublishedDate


@pytest.mark.parametrize("text,value,precision", [
    ("07.01.2026, 16:50 29751\nHeadline", "2026-01-07T16:50", "minute"),
    ("21 January 2026, 13:00\n\nBody", "2026-01-21T13:00", "minute"),
    (" date 2026-01-08 07.01.2026, 16:50", "2026-01-08", "day"),
    ("Press release, January 21, 2026", "2026-01-21", "day"),
    ("Астана, 21 января 2026 г.", "2026-01-21", "day"),
    ("2026 жылғы 20 қаңтар", "2026-01-20", "day"),
    ("Report for March 2026", "2026-03", "month"),
    ("Published 2026-04-18T11:00:00+05:00", "2026-04-18T11:00", "minute"),
])
def test_dates_in_the_head(text, value, precision):
    assert detect_published(text) == PublishedDate(value, precision)


@pytest.mark.parametrize("text", ["31.02.2026 is not a date", "no date here", "Page 12 of 40", "99.99.9999"])
def test_no_false_dates(text):
    assert detect_published(text) is None


def test_dates_past_the_head_are_ignored():
    assert detect_published("x" * 1000 + " 21 January 2026") is None


def test_pdf_metadata_dates():
    assert parse_date_string("D:20260210090000+05'00'") == PublishedDate("2026-02-10", "day")
