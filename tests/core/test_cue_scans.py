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


# The year and purpose patterns of the fields (core/suggest/figures.py) as they were written
# first, opening with a word boundary; the detector's open with the literal word (sre's fast
# literal search) and check the boundary by a look-behind after it, or (the case-blind one)
# with the non-word character before the word, searched in " " + text.
REFERENCE_IN_MONTH_YEAR = re.compile(r"\bin\s+(january|february|march|april|may|june|july|august|september|october|"
                                     r"november|december)\s+((?:19|20)\d\d)\b")
REFERENCE_IN_YEAR = re.compile(r"\b(?:in|since|for|during|в|за)\s+((?:19|20)\d\d)\b")
REFERENCE_BY_YEAR = re.compile(
    r"\b(?:by|until|till|before|to)\s+(?:the\s+end\s+of\s+)?((?:19|20)\d\d)\b|"
    r"\b(?:к|до)\s+(?:концу\s+|конца\s+)?((?:19|20)\d\d)\s+год\w*|\b((?:19|20)\d\d)\s+жылға\s+(?:қарай|дейін)|"
    r"\b((?:19|20)\d\d)\s+жылы|\b(?:к|до)\s+\d{1,2}\s+[а-яё]+\s+((?:19|20)\d\d)|"
    r"\b((?:19|20)\d\d)\s+jylǵa\s+(?:qaraı|deıin)", re.IGNORECASE)
REFERENCE_PURPOSE = re.compile(r"\b(?:to|for)\s+((?:complete\s+|finance\s+|build\s+|support\s+)?(?:the\s+)?"
                               r"[^,;.]{4,90})")
YEAR_PIECES = ["in", "since", "for", "during", "в", "за", "to", "by", "until", "till", "before", "the end of", "к",
               "до", "концу", "конца", "год", "года", "2024", "1999", "2030", "1", "15", "january", "may", "сентября",
               "жылға", "қарай", "дейін", "жылы", "jylǵa", "qaraı", "deıin", "complete", "the", "x", "_", "-", ".",
               ",", "\n", " ", "  ", "й", "ı", "I", "İ", "ſ", "IN", "By", "К", "Д", "ᲁ", "ᲂ", "T", "U"]


REFERENCE_PAYER = re.compile(r"\b(?:the\s+)?((?:[A-Z][\w-]*\s+){0,4}(?:Fund|Budget|budget|Government|Ministry|"
                             r"Bank|Akimat|[Aa]kimat|Corporation|Holding|Company|Samruk-Kazyna))\s+"
                             r"(?:has\s+|have\s+|had\s+)?(?:allocated|provided|invested|spent|financed|disbursed)|"
                             r"\bfrom\s+the\s+((?:[\w-]+\s+){0,3}(?:budget|Budget|Fund|fund))")
PAYER_PIECES = ["the", "The", "National", "Fund", "fund", "Budget", "budget", "akimat", "Akimat", "Samruk-Kazyna",
                "Ministry", "has", "allocated", "spent", "from", "state", "x", "_", "-", " ", "  ", "\n", ".", "1",
                "É", "é", "ı"]


def _groups(match):
    return match and (match.span(), match.groups())


def _the_year_patterns_agree(text):
    from claimdesk.core.suggest import figures
    assert _groups(figures._IN_MONTH_YEAR.search(text)) == _groups(REFERENCE_IN_MONTH_YEAR.search(text))
    assert _groups(figures._IN_YEAR.search(text)) == _groups(REFERENCE_IN_YEAR.search(text))
    assert _groups(figures._PURPOSE.search(text)) == _groups(REFERENCE_PURPOSE.search(text))
    by_year, reference = figures._BY_YEAR.search(" " + text), REFERENCE_BY_YEAR.search(text)
    assert (by_year and by_year.groups()) == (reference and reference.groups())
    payer, reference = figures._PAYER.search(" " + text), REFERENCE_PAYER.search(text)
    assert (payer and payer.groups()) == (reference and reference.groups())


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(YEAR_PIECES), min_size=1, max_size=20))
def test_the_year_and_purpose_scans_find_what_the_word_boundary_patterns_find(pieces):
    _the_year_patterns_agree("".join(pieces))


@pytest.mark.parametrize("text", ["in 2024", "xin 2024", "in may 2024", "_in may 2024", "win may 2024", "", "in",
                                  "в 2024", "кв 2024", "до 2030 года", "ado 2030 года", "by 2030", "BY 2030",
                                  "for the country", "efor the country", "until 2030", "untıl 2030",
                                  "2030 jylǵa deiin"])
def test_edges_of_the_year_and_purpose_scans(text):
    _the_year_patterns_agree(text)


def test_the_year_and_purpose_scans_read_the_sample_corpus_the_same():
    samples = Path(__file__).resolve().parents[2] / "resources" / "samples"
    for path in sorted(samples.iterdir()):
        if path.is_file():
            text = read_document(path.read_bytes(), path.name).text
            for start, end in sentences(text):
                _the_year_patterns_agree(text[start:end].lower())
                _the_year_patterns_agree(text[start:end])


_UNIT_TOKEN = re.compile(r"[^\W\d][\w’'-]*|\S")


def unit_by_tokens(text: str, start: int, limit: int) -> str:
    """The unit after a figure read token by token, as it was written first (the specification
    of ``figures._unit_after``, which matches the words at once)."""
    from claimdesk.core.suggest.figures import _UNIT_STOP, _VERB_FORM
    words: list[str] = []
    previous_end = start
    for match in _UNIT_TOKEN.finditer(text, start, limit):
        word = match.group()
        if not word[0].isalpha() or len(words) == 4:
            break
        lowered = word.lower()
        if lowered in _UNIT_STOP:
            break
        if words:
            gap = text[previous_end:match.start()]
            if "\t" in gap or "\n" in gap or (not lowered.isascii() and _VERB_FORM.fullmatch(lowered)):
                break
        words.append(word)
        previous_end = match.end()
    return " ".join(words)


UNIT_PIECES = ["tons", "households", "km", "m²", "кв", "м", "мектеп", "салуды", "жоспарлап", "домов", "is", "in",
               "в", "и", " ", "  ", "\t", "\n", " \n ", "\r", "\xa0", ",", ".", "-", "'", "’", "_", "_x", "²", "1",
               "2.5", "(", "x", "é", "ı", "Ая", "TONS"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(UNIT_PIECES), max_size=14), st.integers(0, 40), st.integers(0, 40))
def test_the_unit_reader_takes_the_words_the_token_reading_takes(pieces, start, length):
    from claimdesk.core.suggest.figures import _unit_after
    text = "".join(pieces)
    start = min(start, len(text))
    limit = min(start + length, len(text))
    assert _unit_after(text, start, limit) == unit_by_tokens(text, start, limit)


def test_the_unit_reader_reads_the_sample_corpus_the_same():
    from claimdesk.core.numbers import find_quantities
    from claimdesk.core.suggest.figures import _unit_after
    samples = Path(__file__).resolve().parents[2] / "resources" / "samples"
    for path in sorted(samples.iterdir()):
        if path.is_file():
            text = read_document(path.read_bytes(), path.name).text
            for quantity in find_quantities(text):
                limit = min(len(text), quantity.end + 60)
                assert _unit_after(text, quantity.end, limit) == unit_by_tokens(text, quantity.end, limit), path.name


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="abcxyz ÉéIİıАаИиЗзБбюджетЛлТтЫыҚқМнПлах«»", max_size=12))
def test_a_sentence_read_as_english_is_spared_the_russian_and_kazakh_payer_and_body_scans(sentence):
    from claimdesk.core.suggest import figures
    from claimdesk.core.suggest.cues import language_of
    if language_of(sentence.lower()) == "en":
        assert not figures._PAYER_RU_KK_NEEDS.search(sentence)
        assert not figures._RESPONSIBLE_RU_KK_NEEDS.search(sentence)
        assert not figures._PAYER_RU_KK.search(sentence) and not figures._RESPONSIBLE_RU_KK.search(sentence)


@pytest.mark.parametrize("alternative, expanded", [
    (r"(?:is|are)\s+planned", [r"is\s+planned", r"are\s+planned"]),
    (r"(?:annual\s+)?interest\s+rate", [r"annual\s+interest\s+rate", r"interest\s+rate"]),
    (r"(?:was|has\s+been)\s+(?!expected|to\b)\w+",
     [r"was\s+(?!expected|to\b)\w+", r"has\s+been\s+(?!expected|to\b)\w+"]),
    (r"(?<!будет\s)(?:достигнут|введен)[оаы]?", [r"(?<!будет\s)достигнут[оаы]?", r"(?<!будет\s)введен[оаы]?"]),
    (r"(?:loan|credit)s?\s+(?:will\s+)?run", [r"loans?\s+(?:will\s+)?run", r"credits?\s+(?:will\s+)?run"]),
    (r"(?:up|down)+from", [r"(?:up|down)+from"]),  # a repeated group stays whole
    (r"will", [r"will"]),
])
def test_a_cue_opening_with_a_group_is_expanded_into_one_alternative_per_choice(alternative, expanded):
    from claimdesk.core.suggest.cues import _expanded
    assert _expanded(alternative) == expanded


def _first_characters(items) -> set[str] | None:
    """What a parsed pattern can open with (None: any character), from re's own parser."""
    import re._constants as sre
    found: set[str] = set()
    for op, av in items:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue
        if op is sre.LITERAL:
            return found | {chr(av)}
        if op is sre.IN and all(o is sre.LITERAL for o, _ in av):
            return found | {chr(a) for _, a in av}
        if op is sre.SUBPATTERN:
            inner, optional = _first_characters(list(av[3])), False
        elif op is sre.BRANCH:
            choices = [_first_characters(list(choice)) for choice in av[1]]
            if any(choice is None for choice in choices):
                return None
            inner, optional = set().union(*choices), False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            inner, optional = _first_characters(list(av[2])), av[0] == 0
        else:
            return None
        if inner is None:
            return None
        found |= inner
        if not optional:
            return found
    return None


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_cue_scan_tries_its_cues_by_their_first_letter(language):
    import re._constants as sre
    import re._parser as parser
    from claimdesk.core.suggest.cues import PLAN_SCAN
    opening = _first_characters(list(parser.parse(REFERENCE[language].pattern)))
    for scan in (DECISIVE[language], PLAN_SCAN[language]):
        _, (branch, (_, alternatives)), *_ = parser.parse(scan.pattern)  # \W, then the cues
        assert branch is sre.BRANCH
        firsts = [alternative[0] for alternative in alternatives]
        if opening is None:  # kk: "\w+ылды" opens with any letter, so the cues stay as they are
            assert language == "kk"
        else:  # one alternative per letter, each opening with it
            assert all(op is sre.LITERAL for op, _ in firsts)
            letters = [chr(value) for _, value in firsts]
            assert len(set(letters)) == len(letters)
            if scan is DECISIVE[language]:
                assert opening == set(letters)


STATUS_PIECES = ["allocated", "allocation", "invest", "investment", "spend", "spent", "expenditure", "paid", "need",
                 "needs", "required", "will", "willing", "planned", "budgeted", "выделено", "будет", "бөлінді",
                 "bóldi", "ınvest", "x", "_", "1", "-", " ", ".", "é", "ı", "re", "un"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(STATUS_PIECES), min_size=1, max_size=12))
def test_the_funding_status_patterns_find_what_their_word_boundary_sources_find(pieces):
    from claimdesk.core.suggest import cues
    text = "".join(pieces)
    sources = {"allocated": cues._ALLOCATED, "invested": cues._INVESTED, "spent": cues._SPENT,
               "needed": cues._NEEDED, "planned": cues._PLANNED}
    for language in LANGUAGES:
        for pattern, status in cues.FUNDING_STATUS[language]:
            assert (pattern.search(text) is None) == (re.search(sources[status], text) is None), (status, text)
