"""The detector's word scans that open with the non-word character before a word (so sre
skips from one such character to the next) against the look-behind patterns they stand for,
kept here as the specification: generated text, edge cases and the sample corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdesk.core.readers import read_document
from claimdesk.core.suggest.clauses import sentences
from claimdesk.core.suggest.cues import _NEVER, _WORD_END, CUES, DECISIVE, _alternatives, _YEAR, decisive_cues

LANGUAGES = ("en", "ru", "kk")


def reference_decisive(language: str) -> re.Pattern[str]:
    """The cue pattern as it was written first: a look-behind, then the named groups."""
    cues = CUES[language]
    groups = "|".join(f"(?P<{name}>{_alternatives(getattr(cues, name))})" for name in
                      ("terms", "plan", "progress", "result", "baseline", "plan_reference", "present")
                      if getattr(cues, name) is not _NEVER)
    return re.compile(r"(?<!\w)(?:" + groups + "|" + _YEAR + _WORD_END)


REFERENCE = {language: reference_decisive(language) for language in LANGUAGES}


def reference_cues(text: str, language: str) -> list[tuple[int, int, str, int]]:
    return [(m.start(), m.end(), m.lastgroup or "", int(m.group("year")) if m.lastgroup == "year" else 0)
            for m in REFERENCE[language].finditer(text)]


# cue words of each language, the words around them and every kind of edge between them
PIECES = ["will", "would", "planned", "plans to", "made", "reached", "was built", "up from", "current", "so far",
          "of the 40 planned", "interest rate", "in 2019", "in 2030", "since 2020", "за 2023", "в 2024",
          "будет", "составит", "составил", "против", "действующих", "при плане", "уже введено", "на 1 января 2024",
          "жоспар", "құрады", "жылға дейін", "салыстырғанда", "jospar", "qurady", "қазір",
          "x", "1", "_", "-", "'", "’", " ", "  ", "\n", ".", ",", "(", ")", "%", "«", "»", "ʼ", "é", "ı", "wills"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25), st.sampled_from(LANGUAGES))
def test_the_cue_scan_finds_what_the_look_behind_pattern_finds(pieces, language):
    text = "".join(pieces)
    assert decisive_cues(text, language) == reference_cues(text, language)


@pytest.mark.parametrize("text", ["will", "xwill", "will.will", "will will", "in 2019in 2020", "_will",
                                  "1will", "будет-будет", "", " ", "wills", "plans to will"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_edges_of_the_cue_scan(text, language):
    assert decisive_cues(text, language) == reference_cues(text, language)


def test_the_cue_scan_is_led_by_a_non_word_character_and_reads_the_sample_corpus_the_same():
    assert all(pattern.pattern.startswith(r"\W") for pattern in DECISIVE.values())
    samples = Path(__file__).resolve().parents[2] / "resources" / "samples"
    for path in sorted(samples.iterdir()):
        if path.is_file():
            text = read_document(path.read_bytes(), path.name).text
            for start, end in sentences(text):
                sentence = text[start:end].lower()
                for language in LANGUAGES:
                    assert decisive_cues(sentence, language) == reference_cues(sentence, language), path.name


@pytest.mark.parametrize("text", ["", "x", "\x00", "a\x00b", "(?!x)x", "plan на 2025"])
def test_an_empty_cue_set_matches_nothing(text):
    assert _NEVER.search(text) is None
    assert _NEVER.pattern.startswith("\\x00")  # a literal first: sre rejects a text by one search


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="abceotyxуыдіпаеятсилноё", min_size=2, max_size=8))
def test_the_unit_reader_asks_the_verb_form_pattern_only_of_words_outside_ascii(word):
    from claimdesk.core.suggest.figures import _VERB_FORM
    if _VERB_FORM.fullmatch(word):
        assert not word.isascii()
