"""Fuzzing with hypothesis: random bytes never crash the readers (a ReaderError or a
document, nothing else), and random edits never lose a claim silently when it is
re-anchored (it is found where its quote is, marked changed, or orphaned)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdesk.core.anchoring import ANCHORED, CHANGED, MOVED, ORPHANED, reanchor
from claimdesk.core.claims import quote_selector
from claimdesk.core.model import ReaderError
from claimdesk.core.numbers import find_quantities
from claimdesk.core.readers import read_document

TEXT = ("The akimat allocated 4.2 billion tenge to repair roads. By 2030, 45 bridges will be rebuilt. "
        "About 900 people took part in the hearings, the ministry reported on Monday.")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000), st.sampled_from(["a.txt", "a.html", "a.md"]))
def test_readers_never_crash_on_random_bytes(data, name):
    try:
        document = read_document(data, name)
    except ReaderError as exc:
        assert str(exc)
        return
    assert isinstance(document.text, str) and "\x00" not in document.text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(TEXT)), st.integers(0, 30), st.text(max_size=20)), max_size=6),
       st.sampled_from([(21, 45), (61, 87), (89, 120)]))
def test_random_edits_never_lose_a_claim_silently(edits, span):
    start, end = span
    quote, prefix, suffix = quote_selector(TEXT, start, end)
    text = TEXT
    for position, length, insert in edits:
        position = min(position, len(text))
        text = text[:position] + insert + text[position + length:]
    anchor = reanchor(text, start, end, quote, prefix, suffix, len(TEXT))
    assert anchor.state in (ANCHORED, MOVED, CHANGED, ORPHANED)
    if anchor.state in (ANCHORED, MOVED):
        assert text[anchor.start:anchor.end] == quote  # exactly where the quote is
    elif anchor.state == CHANGED:
        assert 0 <= anchor.start < anchor.end <= len(text)
    if quote in text:
        assert anchor.state in (ANCHORED, MOVED)  # an intact quote is always found


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_the_number_grammar_never_crashes_and_keeps_spans_in_the_text(text):
    for quantity in find_quantities(text):
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert text[quantity.start:quantity.end] == quantity.as_written
