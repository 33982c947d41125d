"""The figure grammar's shortcuts (issue #15's speed work) against the plain path, kept here as
the specification: the pattern searched from up to 8 characters before every anchor, each
figure read from its match, dates and view counters tried at every digit run start. The
grammar reads a bare run of digits without the pattern, searches from the anchor when
nothing before it can open a figure, and finds dates and view counters with one scan each;
on any text the figures must be the same, and so must the detector's sentences and clauses."""

from __future__ import annotations

import gc
import re
from bisect import bisect_left, bisect_right
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimdesk.core.suggest as detector
from claimdesk.core import numbers
from claimdesk.core.names import name_key
from claimdesk.core.numbers import Quantity, find_quantities
from claimdesk.core.readers import read_document
from claimdesk.core.suggest import Suggestion, suggest
from claimdesk.core.suggest import clauses
from claimdesk.core.suggest.clauses import _trim, clause_around, clause_breaks, sentences
from claimdesk.core.suggest.cues import language_of
from claimdesk.core.suggest.figures import classify_lowered, fields_for
from claimdesk.core.suggest.officials import find_officials, title_hits
from claimdesk.core.suggest.speakers import find_speaker_officials

REFERENCE_DATE = re.compile(r"(?=\d)(?<!\w)(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?\b"
                            r"|\d{1,2}:\d{2}\b)")
REFERENCE_VIEW_COUNTER = re.compile(r"(?=\d)\b\d{1,2}\.\d{1,2}\.\d{4},?\s+\d{1,2}:\d{2}\s+(\d+)\b")
REFERENCE_BLOCKING = [(REFERENCE_DATE, "date or time", 0), (numbers._PHONE, "phone number", 0),
                      (REFERENCE_VIEW_COUNTER, "view counter", 1)]


def reference_blocked_spans(text: str, digit_starts: list[int]):
    spans = []
    for pattern, reason, group in REFERENCE_BLOCKING:
        covered = 0
        for start in digit_starts:
            if start < covered or not text[start].isdigit():
                continue
            at = start - 1 if pattern is numbers._PHONE and start and text[start - 1] in "+(" \
                and start - 1 >= covered else start
            match = pattern.match(text, at)
            if match is None and at != start:
                match = pattern.match(text, start)
            if match is not None:
                spans.append((match.start(group), match.end(group), reason))
                covered = match.end()
    spans.sort()
    return spans


def reference_find_quantities(text: str) -> list[Quantity]:
    lower = numbers._lower_keeping_offsets(text)
    digit_starts = [m.start() for m in numbers._DIGIT_RUN.finditer(text)]
    blocked = numbers._blocked_at(reference_blocked_spans(text, digit_starts))
    found, position = [], 0
    for anchor in numbers._anchors(lower, digit_starts):
        if anchor < position:
            continue
        start = max(position, anchor - 8)
        while start < anchor and start > 0 and text[start - 1].isalnum() and text[start].isalnum():
            start += 1
        match = numbers.QUANTITY.search(lower, start)
        if match is None:
            break
        quantity = numbers._from_match(text, match)
        if quantity is None and match.group("high"):
            match = numbers.SINGLE_QUANTITY.search(lower, match.start("low"))
            quantity = numbers._from_match(text, match) if match else None
        if match is None:
            position += 1
            continue
        position = max(match.end(), position + 1)
        if quantity is None:
            continue
        numbers._settle(text, lower, quantity, match.start("low"), blocked)
        found.append(quantity)
    return numbers._attach_conversions(text, numbers._with_fractions(text, lower, found))


def reference_sentences(text: str) -> list[tuple[int, int]]:
    spans, cursor = [], 0
    for match in clauses._SENTENCE_END.finditer(text):
        boundary = match.start() + 1 if text[match.start()] in clauses._TERMINAL else match.start()
        gap = text[boundary:match.end()]
        if gap.strip() == "" and "\n" not in gap:
            last_word = clauses._LAST_WORD.search(text, max(cursor, boundary - 24), boundary)
            if last_word and last_word.group(1).rstrip(".") in clauses._ABBREVIATIONS:
                continue
        spans.append((cursor, boundary))
        cursor = match.end()
    spans.append((cursor, len(text)))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def reference_suggest(text: str, published: str = "2026-01-15") -> list:
    """The detector's loop before the cursors: every sentence trimmed, figures and titles by bisection."""
    seen_people, document_year, as_of = set(), int(published[:4]), published
    results, quantities = [], find_quantities(text)
    starts = [q.start for q in quantities]
    hits = title_hits(text)
    titles = [hit[0] for hit in hits]
    officials, last_kind = [], None
    for sentence in reference_sentences(text):
        first_title, after_titles = bisect_left(titles, sentence[0]), bisect_left(titles, sentence[1])
        for mention in (find_officials(text, *sentence, hits[first_title:after_titles])
                        if first_title < after_titles else ()):
            mention = detector._with_predecessor(mention, officials) if mention.successor_of else mention
            key = name_key(mention.name) if mention else ""
            if mention is None or key in seen_people:
                continue
            officials.append(mention)
            results.append(detector._official(mention, seen_people, as_of, key))
        first = bisect_left(starts, sentence[0])
        breaks, previous_kind = None, last_kind
        for quantity in quantities[first:bisect_left(starts, sentence[1])]:
            if quantity.excluded:
                continue
            if breaks is None:
                breaks = clause_breaks(text, sentence)
                sentence_text = text[sentence[0]:sentence[1]]
                sentence_lower = sentence_text.lower()
                language = language_of(sentence_lower)
            figure_end = quantity.conversion.end + 1 if quantity.conversion else quantity.end
            clause = reference_clause_around(text, sentence, quantity.start, min(figure_end, sentence[1]), breaks)
            clause_lower = text[clause[0]:clause[1]].lower()
            kind = "funding" if quantity.is_money else classify_lowered(
                clause_lower, sentence_lower, language, document_year, quantity.start - clause[0], previous_kind)
            last_kind = kind if kind != "funding" else last_kind
            fields = fields_for(kind, quantity, text, clause, sentence, as_of,
                                (clause_lower, sentence_text, sentence_lower, language))
            confidence = detector.CONFIDENCE[kind] - (0.15 if quantity.from_words else 0.0)
            results.append(Suggestion(kind, clause[0], clause[1], fields, round(confidence, 2), quantity.start))
    for mention in find_speaker_officials(text, titles, officials, seen_people) if titles else ():
        results.append(detector._official(mention, seen_people, as_of))
    return sorted(results, key=lambda s: (s.start, s.anchor))


def reference_clause_around(text, sentence, start, end, breaks):
    s_start, s_end = sentence
    pieces, cursor = [], s_start
    for break_start, break_end in breaks:
        if break_start < end and break_end > start:
            continue
        pieces.append((cursor, break_start))
        cursor = break_end
    pieces.append((cursor, s_end))
    pieces = [p for p in pieces if p[1] > p[0]]
    index = next((i for i, (a, b) in enumerate(pieces) if a <= start < b or a < end <= b), None)
    if index is None:
        return _trim(text, max(s_start, start), min(s_end, end))
    clause_start, clause_end = pieces[index]
    clause_start, clause_end = min(clause_start, start), max(clause_end, end)
    if len(text[clause_start:clause_end].split()) < 3 and index > 0:
        clause_start = pieces[index - 1][0]
    clause_start, clause_end = _trim(text, clause_start, clause_end)
    lead = re.compile(r"(?:and|but|while|whereas|as well as|и|а|но)\s+", re.IGNORECASE).match(
        text, clause_start, clause_end)
    if lead and lead.end() <= start:
        clause_start = lead.end()
    return clause_start, clause_end


# pieces of figures and of what stands around them: every shortcut's edge (a prefix before the
# anchor, a continuation after the run, a date, a phone number, a code) is among them
PIECES = ["5", "12", "2024", "1,300", "18 963", "1 000", "7\u00a0500", "0.5", "22,4", "3·5", "148", "19",
          "14.03.2026", "10:30", "2024-05-01", "14.03.2026, 10:30 1204", "+7 701 123 45 67", "(727) 123-45-67", "1204",
          " ", " ", "  ", "\n", "\n\n", ".", ",", ";", ":", "-", "–", "/", "(", ")", "%", "№", "#", "\"", "«",
          "kzt", "KZT", "US$", "$", "₸", "T", "t", "tenge", "тенге", "usd", "from", "от", "to", "до", "or", "или",
          "million", "bln", "млрд", "тыс.", "thousand", "percent", "процентов", "one", "two", "seven", "twenty",
          "a third", "the", "of", "schools", "said", "Article", "No.", "in", "January", "января", "year", "years",
          "over", "bed", "MW", "G", "st", "th", "x", "Minister", "Министр", "Аким", "will", "was", "составит"]


def text_from(pieces: list[str]) -> str:
    return "".join(pieces)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
def test_the_grammar_finds_what_the_plain_path_finds(pieces):
    text = text_from(pieces)
    assert find_quantities(text) == reference_find_quantities(text)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
def test_date_and_counter_scans_find_what_trying_every_run_finds(pieces):
    text = text_from(pieces)
    run_ends = dict(m.span() for m in numbers._DIGIT_RUN.finditer(text))
    assert numbers._blocked_spans(text, run_ends) == reference_blocked_spans(text, list(run_ends))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
def test_sentences_and_clauses_are_the_plain_ones(pieces):
    text = text_from(pieces)
    assert sentences(text) == reference_sentences(text)
    for sentence in sentences(text):
        breaks = clause_breaks(text, sentence)
        for quantity in find_quantities(text):
            if sentence[0] <= quantity.start < sentence[1]:
                end = min(quantity.end, sentence[1])
                assert clause_around(text, sentence, quantity.start, end, breaks) == \
                    reference_clause_around(text, sentence, quantity.start, end, breaks)


def test_each_shortcut_is_taken_and_left_where_it_should_be():
    # a bare run of digits: read without the pattern, the same figure
    plain = find_quantities("Built 48 clinics.")
    assert [(q.as_written, q.value) for q in plain] == [("48", 48)]
    # what continues a run makes the pattern read it: a decimal, a group, a scale, a range, a currency
    for text, written in (("Built 4.8 km.", "4.8"), ("Built 1,300 homes.", "1,300"), ("Built 18 963 homes.", "18 963"),
                          ("Spent 5 million.", "5 million"), ("From 5 to 7 days.", "From 5 to 7"),
                          ("Paid 5 tenge.", "5 tenge"), ("Grew 5%.", "5%")):
        assert [q.as_written for q in find_quantities(text)][:1] == [written], text
        assert find_quantities(text) == reference_find_quantities(text)
    # what can open a figure before its anchor is still read with it
    for text, written in (("Cost KZT 5 in all", "KZT 5"), ("Cost US$5 in all", "US$5"), ("Cost T500 here", "T500"),
                          ("rose from 5 to 9", "from 5 to 9"), ("вырос от 5 до 9", "от 5 до 9")):
        assert [q.as_written for q in find_quantities(text)][:1] == [written], text
    # dates, times, view counters, ordinals stay excluded, and only where the plain path excludes them
    dated = find_quantities("14.03.2026, 10:30 1204 views; call +7 701 123 45 67")
    assert [(q.as_written, q.excluded) for q in dated] == [
        ("14.03", "date or time"), ("2026", "date or time"), ("10", "date or time"), ("30", "date or time"),
        ("1204", "view counter"), ("7 701 123", "phone number"), ("45", "phone number"), ("67", "phone number")]
    for text in ("14.03.2026, 10:30 1204", "x14.03.2026, 10:30 1204", "a2024-05-01", "the 5 th time", "the 5\tth",
                 "21 st", "on 8\u00a0January", "January\u00a08 and 9", "8 қаңтардан", "(727) 123-45-67 and 5"):
        assert find_quantities(text) == reference_find_quantities(text), text


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_the_detector_suggests_what_its_plain_loop_suggests(pieces):
    text = text_from(pieces)
    assert suggest(text, (), "2026-01-15") == reference_suggest(text)


def test_the_sample_corpus_reads_the_same_as_the_plain_path():
    samples = Path(__file__).resolve().parents[2] / "resources" / "samples"
    for path in sorted(samples.iterdir()):
        if path.is_file():
            text = read_document(path.read_bytes(), path.name).text
            assert find_quantities(text) == reference_find_quantities(text), path.name
            assert sentences(text) == reference_sentences(text), path.name
            assert suggest(text, (), "2026-01-15") == reference_suggest(text), path.name


def test_a_sentence_without_figures_or_titles_is_passed_over_and_the_rest_are_read():
    text = ("Intro line.\n\n   \n\"Minister of Energy Almasadam Satkaliyev opened 40 schools.\" Nothing here. "
            "In 2025, 27 clinics were commissioned.")
    found = suggest(text, (), "2026-01-15")
    assert [(s.kind, text[s.anchor:s.anchor + 2]) for s in found] == [
        ("official", "Mi"), ("statistic", "40"), ("statistic", "27")]
    assert found == reference_suggest(text)


def test_the_collector_pauses_while_the_detector_runs_and_resumes_as_it_was():
    text = " ".join(f"In 2025, {n} clinics opened and {n + 7} schools will be built by 2030." for n in range(2000))
    collections = []
    callback = lambda phase, info: collections.append(phase)  # noqa: E731
    gc.callbacks.append(callback)
    try:
        assert gc.isenabled()
        assert len(suggest(text, (), "2026-01-15")) > 3000  # (the counts from 1900 to 2100 read as years)
        assert collections == [] and gc.isenabled()
        with pytest.raises(ValueError):
            suggest(text, (), "year 2026")  # a bad date fails; the collector still resumes
        assert gc.isenabled()
        gc.disable()
        suggest("In 2025, 27 clinics opened.", (), "2026-01-15")
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()
        gc.callbacks.remove(callback)


@pytest.mark.parametrize("text", [
    "1.2.2024, 10:30 5", "14.03.2026, 10:30 1204", "14.03.2026 10:30 1204 15.03.2026, 11:00 7",
    "14.03.2026, 10:30 12.03.2026, 11:00 5", "1.1.10.10.2024, 10:30 5", "x14.03.2026, 10:30 5",
    "114.03.2026, 10:30 5", "4.03.2026, 10:30 5", ".2026, 10:30 5", "14.3.2026,\n9:05  77 views"])
def test_view_counters_are_found_from_the_dot_before_their_year(text):
    run_ends = dict(m.span() for m in numbers._DIGIT_RUN.finditer(text))
    assert numbers._blocked_spans(text, run_ends) == reference_blocked_spans(text, list(run_ends))


AFTER_PIECES = [" ", "\u00a0", "\n", "s", "t", "nd", "rd", "th", "st", "year", "Years", "YEAR", "month", "Week", "days",
                "hours", "minute", "decades", "лет", "года", "Года", "месяцев", "дней", "жыл", "ай", "jyl", "Jyl", "ı",
                "ᲀ", "x", "-", ",", ".", "5", "K", "İ", "ſ", "schools"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(AFTER_PIECES), min_size=0, max_size=6))
def test_the_ordinal_and_duration_pretests_pass_wherever_their_patterns_match(pieces):
    after = "".join(pieces)
    first = after[:1]
    if numbers._ORDINAL_SUFFIX.match(after) and first not in "snrt":
        assert first.isspace() and after[1:2] in numbers._ORDINAL_LETTERS
    if numbers._DURATION_UNIT.match(after):
        unit_at = after[1:2] if first.isspace() else first
        assert unit_at in numbers._DURATION_OPENERS or not unit_at.isascii()


def test_the_duration_openers_hold_every_latin_unit_word():
    words = numbers._DURATION_UNIT.pattern.split("(?:", 1)[1].rsplit(")", 1)[0].split("|")
    assert len(words) > 10
    for word in words:
        if word[0].isascii():
            assert word[0] in numbers._DURATION_OPENERS and word[0].upper() in numbers._DURATION_OPENERS, word


# The comparator before its shortcuts: the words around the figure sliced from the text and lowered
# on their own, the last words tried one by one and the stem keys found by a scan
REFERENCE_STEM_KEY_SCAN = re.compile("|".join(map(re.escape, numbers._STEM_KEYS)))


def reference_comparator(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 32):start].lower()
    trimmed = before.rstrip()
    if len(before) - len(trimmed) <= 2 and (trimmed.endswith(numbers._LAST_WORDS)
                                            or REFERENCE_STEM_KEY_SCAN.search(trimmed)):
        words = numbers._TAIL_WORDS.findall(trimmed)[-3:]
        if words and trimmed.endswith(words[-1]):
            for size in (3, 2, 1):
                phrase = " ".join(words[-size:])
                if len(words) >= size and phrase in numbers._BEFORE_LITERAL:
                    return numbers._BEFORE_LITERAL[phrase]
            for pattern, comparator in numbers._BEFORE_STEMS:
                if pattern.match(words[-1]):
                    return comparator
    following = text[end:end + 20].lower()
    after = numbers._AFTER_COMPARATOR.match(following) if numbers._AFTER_KEY_SCAN.search(following) else None
    if after:
        return numbers.COMPARATORS_AFTER[numbers._entry(after)][1]
    return "exactly"


COMPARATOR_PIECES = ["5", "12", "1,300", " ", "  ", "\n", ".", ",", "-", "İ", "I", "Σ", "ς", "ſ", "K", "x", "of",
                     "Of", "OVER", "over", "more than", "no more than", "not", "less", "than", "approx.", "approx",
                     "up to", "to", "до", "не", "более", "Более", "свыше", "exceed", "exceeds", "EXCEEDED", "surpass",
                     "surpassing", "превыша", "превышает", "ПРЕВЫШАЛ", "or more", "and above", "астам", "жуық",
                     "дейін", "ASTAM", "jýyq", "deıin", "deİin", "schools", "about", "around", "least", "at"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(COMPARATOR_PIECES), min_size=1, max_size=16), st.integers(0, 120),
       st.integers(0, 8))
def test_the_comparator_reads_the_lowered_text_as_the_words_lowered_on_their_own(pieces, start, width):
    text = "".join(pieces)
    lower = numbers._lower_keeping_offsets(text)
    start = min(start, len(text))
    end = min(start + width, len(text))
    assert numbers._comparator(lower, start, end) == reference_comparator(text, start, end)


def test_dotted_capital_i_is_the_one_letter_lowering_to_more_than_one():
    # the comparator lowers it itself in the lower-cased text, which keeps it (one code point each)
    assert [code for code in range(0x110000) if len(chr(code).lower()) != 1] == [ord(numbers._DOTTED_I)]


def test_the_comparators_of_the_sample_corpus_are_the_plain_ones():
    samples = Path(__file__).resolve().parents[2] / "resources" / "samples"
    for path in sorted(samples.iterdir()):
        if path.is_file():
            text = read_document(path.read_bytes(), path.name).text
            lower = numbers._lower_keeping_offsets(text)
            for quantity in find_quantities(text):
                assert numbers._comparator(lower, quantity.start, quantity.end) == \
                    reference_comparator(text, quantity.start, quantity.end), (path.name, quantity)


BEFORE_PIECES = [" ", "  ", "\u00a0", "\n", ".", "..", "№", "#", "x", "İ", "K", "ſ", "no", "No", "NO", "nr", "art",
                 "ART", "Article", "part", "parts", "п", "П", "ст", "Ст", "статья", "Пункт", "постановление", "of",
                 "in", "round", "and", "line", "(", "5"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(BEFORE_PIECES), min_size=0, max_size=12))
def test_the_identifier_pretest_passes_wherever_the_word_test_finds_a_numbering_word(pieces):
    # the pretest as _exclusion writes it, before it asks _identifier_before
    before = "".join(pieces)[-30:]
    last = before[-1:]
    tail = before[-3:-1] if last.isspace() else before[-2:]
    if numbers._identifier_before(before):
        assert tail[-1:] in numbers._IDENT_ENDS or tail.lower() in numbers._IDENT_TAILS, before


@pytest.mark.parametrize("text", ["Article 15 of the law", "under No. 5", "order № 12", "item #3", "see п 5", "П. 7",
                                  "ART5 says", "Resolution 3", "ст. 5", "статья 8", "постановление 1", "NO 44",
                                  "parts 5", "in 5 regions", "round 2", "and 7 more"])
def test_numbering_words_before_a_figure_make_it_an_identifier(text):
    figure = find_quantities(text)[0]
    words = text[:figure.start]
    assert (figure.excluded == "identifier") == numbers._identifier_before(words[-30:]), text
    assert (figure.excluded == "identifier") == (not text.startswith(("parts", "in", "and"))), text


REFERENCE_FRACTION = re.compile("|".join(numbers.FRACTIONS))
FRACTION_PIECES = ["one", "a", "two", "three", "third", "thirds", "quarter", "quarters", "fifth", "tenth", " ", "",
                   "s", "x", "1", "ONE"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(FRACTION_PIECES), min_size=0, max_size=14))
def test_the_fraction_phrases_are_found_as_a_scan_for_any_of_them_finds_them(pieces):
    lower = numbers._lower_keeping_offsets("".join(pieces))
    assert numbers._fraction_matches(lower) == \
        [(match.start(), match.end(), match.group()) for match in REFERENCE_FRACTION.finditer(lower)]


@pytest.mark.parametrize("text", ["a third", "one third", "aone third", "one thirds", "two thirdsa third", "a tenth",
                                  "three quarter", "three quarters", "a quartera quarter", "one fifthone fifth"])
def test_overlapping_and_adjoining_fraction_phrases(text):
    assert numbers._fraction_matches(text) == \
        [(match.start(), match.end(), match.group()) for match in REFERENCE_FRACTION.finditer(text)]


def reference_blocked_reason(spans: list[tuple[int, int, str]], position: int) -> str | None:
    """The first span (in order) starting at most 40 characters before the position that holds it."""
    starts = [start for start, _, _ in spans]
    for start, end, reason in spans[bisect_left(starts, position - 40):bisect_right(starts, position)]:
        if start <= position < end:
            return reason
    return None


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 120), st.integers(1, 60), st.sampled_from(["date or time", "phone number",
                                                                                     "view counter"])), max_size=8))
def test_the_blocked_positions_are_those_the_spans_hold(raw):
    spans = sorted((start, start + length, reason) for start, length, reason in raw)
    blocked = numbers._blocked_at(spans)
    for position in range(200):
        assert blocked.get(position) == reference_blocked_reason(spans, position), (spans, position)


PHONE_PIECES = ["7", "70", "701", "7012", "70123", "701234", "+", "(", ")", " ", "  ", "-", "\u00a0", "\n", "x", "²",
                "٣٤", "45", "67", "123", ".", "/", ":", "T", "_", "2024"]


@settings(max_examples=4000, deadline=None)
@given(st.lists(st.sampled_from(PHONE_PIECES), min_size=1, max_size=14))
def test_dates_and_phone_numbers_are_found_where_trying_every_run_finds_them(pieces):
    text = "".join(pieces)
    run_ends = dict(m.span() for m in numbers._DIGIT_RUN.finditer(text))
    assert numbers._blocked_spans(text, run_ends) == reference_blocked_spans(text, list(run_ends))


MONTH_PIECES = [" ", "\u00a0", "\n", "January", "JAN", "jan.", "Sept", "auguſt", "AUGUST", "aprıl", "aprİl", "May",
                "марта", "МАЯ", "қаңтардан", "Qyrkúiekke", "qyrkúıek", "sáýir", "SÁÝIR", "jeltoqsan", "ſeptember",
                "Kelvin", "x", "5", ",", "of", "the"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(MONTH_PIECES), min_size=0, max_size=6))
def test_the_month_pretests_pass_wherever_the_month_patterns_match(pieces):
    text = "".join(pieces)
    if numbers._MONTH_AFTER.match(text):
        assert numbers._may_open_month(text[1:3]), text
    for end in range(len(text) + 1):
        before = text[:end]
        if numbers._MONTH_BEFORE.search(before, max(0, len(before) - numbers._MONTH_REACH)):
            assert numbers._may_open_month(before[-3:-1], numbers._MONTH_TAILS), before
