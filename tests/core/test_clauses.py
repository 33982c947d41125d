"""Clause breaks: the fast scans must find exactly what the plain single pattern (kept here
as the specification) finds, on any text and from any sentence start."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimdesk.core.suggest import clauses
from claimdesk.core.suggest.clauses import clause_around, clause_breaks, sentences

REFERENCE = re.compile(
    r"\b(?:said|noted|reported|stated|announced|emphasi[sz]ed|added|stressed|explained|"
    r"informed|told|сообщил\w*|отметил\w*|заявил\w*)(?:\s+that)?\s+(?=\w)|\s*[;:]\s+|\s*\(\s*|\s*\)\s*|"
    r",\s+|\s+[–—-]\s+|\s+and\s+(?=[^,]*\d)")
PIECES = ["said", "that", " ", "  ", ";", ":", "(", ")", ",", "-", "–", "and", "5", "x", "\n", "but",
          "unsaid", "told", "сообщили", "_", "Schools"]


def reference_breaks(text, sentence):
    return [(m.start(), m.end()) for m in REFERENCE.finditer(text, *sentence)]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=20), st.integers(0, 3))
def test_breaks_match_the_reference_pattern(pieces, offset):
    text = "".join(pieces)
    sentence = (min(offset, len(text)), len(text))
    assert clause_breaks(text, sentence) == reference_breaks(text, sentence)


def test_a_clause_is_cut_at_reporting_verbs_brackets_and_dashes():
    text = ("The minister said that 40 schools were built; 12 more (in the north) will open – "
            "and 300 teachers were hired.")
    sentence = sentences(text)[0]
    assert clause_breaks(text, sentence) == reference_breaks(text, sentence)
    start = text.index("12 more")
    clause = clause_around(text, sentence, start, start + 2)
    assert text[clause[0]:clause[1]] == "40 schools were built; 12 more"  # under 3 words: borrows its left
    hired = text.index("300")
    assert text[slice(*clause_around(text, sentence, hired, hired + 3))] == "300 teachers were hired"


# what a sentence end is made of: each mark, quotes after and before, line breaks with and
# without a lower-case continuation, spaces, capitals of both scripts, digits
END_PIECES = [".", "!", "?", "…", "\"", "”", "»", "’", "'", "“", "«", " ", "  ", "\n", "\n\n", "\t", "A", "a",
              "Б", "б", "5", "No", "Dr", "x"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(END_PIECES), min_size=1, max_size=25), st.integers(0, 4), st.integers(0, 4))
def test_sentence_ends_found_one_opening_character_at_a_time_are_the_plain_pattern(pieces, skip, cut):
    text = "".join(pieces)
    start, end = min(skip, len(text)), max(min(skip, len(text)), len(text) - cut)
    plain = [match.span() for match in clauses._SENTENCE_END.finditer(text, start, end)]
    assert clauses._sentence_ends(text, start, end) == plain


@example(["x", " ", "and", " ", "5"], 0, 0)  # each literal scan has an example of its own
@example(["x", " ", "-", " ", "y"], 0, 0)
@example(["x", " ", "–", " ", "y"], 0, 0)
@example(["x", " ", "—", " ", "y"], 0, 0)
@example(["they", " ", "said", " ", "x"], 0, 0)
@example(["они", " ", "заявила", " ", "x"], 0, 0)
@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["emphasized", "reported", "added", "notedd", "заявила", "отметил", "d", "л",
                                          "Said", "resaid", "—", "\t", "sand", "andy", "5,"]), min_size=1, max_size=20),
       st.integers(0, 5), st.integers(0, 5))
def test_breaks_from_the_candidates_found_once_are_the_plain_ones(pieces, skip, cut):
    text = "".join(pieces)
    sentence = (min(skip, len(text)), max(min(skip, len(text)), len(text) - cut))
    assert clause_breaks(text, sentence, clauses.break_candidates(text)) == clause_breaks(text, sentence)


def plain_clause_around(text, sentence, start, end, breaks):
    """clause_around as first written: every piece listed, then the first that holds the figure."""
    s_start, s_end = sentence
    pieces, cursor = [], s_start
    for break_start, break_end in breaks:
        if break_start < end and break_end > start:
            continue
        if break_start > cursor:
            pieces.append((cursor, break_start))
        cursor = break_end
    if s_end > cursor:
        pieces.append((cursor, s_end))
    index = next((i for i, (a, b) in enumerate(pieces) if a <= start < b or a < end <= b), None)
    if index is None:
        return clauses._trim(text, max(s_start, start), min(s_end, end))
    clause_start, clause_end = min(pieces[index][0], start), max(pieces[index][1], end)
    if index > 0 and len(text[clause_start:clause_end].split(maxsplit=2)) < 3:
        clause_start = pieces[index - 1][0]
    clause_start, clause_end = clauses._trim(text, clause_start, clause_end)
    lead = clauses._LEADING_JOIN.match(text, clause_start, clause_end)
    return (lead.end() if lead and lead.end() <= start else clause_start), clause_end


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["but", "were", "built"]), min_size=1, max_size=20), st.data())
def test_the_clause_around_any_span_is_the_plain_one(pieces, data):
    text = "".join(pieces)
    sentence = sentences(text)[0] if sentences(text) else (0, len(text))
    breaks = clause_breaks(text, sentence)
    start = data.draw(st.integers(max(0, sentence[0] - 1), len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert clause_around(text, sentence, start, end, breaks) == plain_clause_around(text, sentence, start, end, breaks)
