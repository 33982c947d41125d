"""Funding, target and statistic suggestions from the figures of a sentence.

A figure with a currency is funding; one whose clause speaks of plans or the future
("will be built", "is planned", "aims to", "by 2032") or of progress against a plan is
a target; any other reported figure is a statistic. Fields are filled where the text
states them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from claimdesk.core.quantity import Quantity
from claimdesk.core.dates import date_in_sentence
from claimdesk.core.suggest.cues import CUES, FRAMED, FUNDING_STATUS, PLAN_SCAN, decisive_cues, language_of
from claimdesk.core.values import decimal_to_field

# Searched in " " + the text: each alternative opens at a word start, and the non-word character
# before it (where the alternatives' "\b" stood) lets sre skip from one such character to the
# next instead of trying every position; there it looks ahead for a character an alternative
# opens with (case-blind alike) before it tries them one by one.
_BY_YEAR = re.compile(r"\W(?=[butкд12])(?:(?:by|until|till|before|to)\s+(?:the\s+end\s+of\s+)?((?:19|20)\d\d)\b|"
                      r"(?:к|до)\s+(?:концу\s+|конца\s+)?((?:19|20)\d\d)\s+год\w*|((?:19|20)\d\d)\s+жылға\s+(?:қарай|дейін)|((?:19|20)\d\d)\s+жылы|"
                      r"(?:к|до)\s+\d{1,2}\s+[а-яё]+\s+((?:19|20)\d\d)|((?:19|20)\d\d)\s+jylǵa\s+(?:qaraı|deıin))",
                      re.IGNORECASE)
# "\bin" written "in(?<!\win)": a pattern opening with a literal is scanned for it by sre's fast
# literal search (a word boundary first denies it that, ~6x slower); the look-behind after the
# word checks what "\b" checked, the character before it
_IN_MONTH_YEAR = re.compile(r"in(?<!\win)\s+(january|february|march|april|may|june|july|august|september|october|"
                            r"november|december)\s+((?:19|20)\d\d)\b")
_IN_YEAR = re.compile(r"(?:in(?<!\win)|since(?<!\wsince)|for(?<!\wfor)|during(?<!\wduring)|в(?<!\wв)|за(?<!\wза))"
                      r"\s+((?:19|20)\d\d)\b")
_MONTH_NUMBER = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                             "august", "september", "october", "november", "december"], 1)}
# (searched in " " + the sentence, like _BY_YEAR: it opens with "the", a capital, "budget",
# "akimat" or "from")
_PAYER = re.compile(r"\W(?=[A-Zabtf])(?:(?:the\s+)?((?:[A-Z][\w-]*\s+){0,4}(?:Fund|Budget|budget|Government|"
                    r"Ministry|Bank|Akimat|[Aa]kimat|Corporation|Holding|Company|Samruk-Kazyna))\s+"
                    r"(?:has\s+|have\s+|had\s+)?(?:allocated|provided|invested|spent|financed|disbursed)|"
                    r"from\s+the\s+((?:[\w-]+\s+){0,3}(?:budget|Budget|Fund|fund)))", re.UNICODE)
# a body named in the sentence of a target: "the Ministry of Energy plans to …", "the akimat of X will …"
_RESPONSIBLE = re.compile(r"\b((?:[A-Z][\w-]*\s+)?(?:Ministry|Akimat|akimat|Government|Agency|Committee|Fund|"
                          r"Department|Administration|Corporation|Company)(?:\s+of(?:\s+the)?(?:\s+[A-Z][\w-]*)+)?)"
                          r"(?=[^.]*\b(?:will|plans?|aims?|intends?|is\s+to|are\s+to|must|instructed)\b)")
# Russian and Kazakh: the budget or fund money comes from ("из республиканского бюджета",
# "за счёт средств Нацфонда", "республикалық бюджеттен"), and the body whose plan a target is
# ("В планах Минэнерго …", "Министерство энергетики планирует …", "… әкімдігі жоспарлап отыр")
_PAYER_RU_KK = re.compile(
    r"(?:\bиз|\bза\s+сч[её]т(?:\s+средств)?)\s+((?:[А-ЯЁ]?[а-яё-]+(?:ого|его)\s+)?(?:бюджета|[Нн]ацфонда|"
    r"[Нн]ационального\s+фонда|фонда(?:\s+«[^»]{2,40}»|\s+[А-ЯЁ][\w-]+)?))|"
    r"((?:[Рр]еспубликалық|[Жж]ергілікті|[Мм]емлекеттік)\s+бюджет|[Ұұ]лттық\s+қор)(?:тен|тан|дан|ден|нан|нен)\b")
_RESPONSIBLE_RU_KK = re.compile(
    r"(?:[Вв]\s+планах\s+)([А-ЯЁ][\w-]+(?:\s+[а-яё-]+(?:ия|ии|ов|ой|ых)){0,3})|"
    r"\b((?:Министерство|Правительство|Акимат|Агентство|Комитет|Мин[а-яё]+)(?:\s+[а-яё-]+){0,3}?)"
    r"\s+(?:планирует|намерен\w*|будет|должн\w+|поручено)|"
    r"([А-ЯӘҒҚҢӨҰҮҺІ][\w-]*\s+(?:[\w-]+\s+){0,2}(?:министрлігі|әкімдігі|үкіметі))(?=[^.]*жоспар)")
_PURPOSE = re.compile(r"(?:to(?<!\wto)|for(?<!\wfor))\s+"  # ("\bto": see _IN_MONTH_YEAR)
                      r"((?:complete\s+|finance\s+|build\s+|support\s+)?(?:the\s+)?[^,;.]{4,90})")
_PURPOSE_VERB = re.compile(r"^(?:complete|finance|fund|build|support|cover|carry out|implement|repair|"
                           r"construct|modernize|modernise)\s+(?:the\s+)?", re.IGNORECASE)
# the first four word tokens after a figure (a token: a word, else one character that is no
# space), each after a gap of spaces without a tab or line break, matched at once (see _unit_after)
_UNIT_WORD = r"([^\W\d][\w’'-]*)"
_UNIT_WORDS = re.compile(r"\s*" + _UNIT_WORD + (r"(?:[^\S\t\n]+" + _UNIT_WORD + ")?") * 3)
_UNIT_STOP = {"is", "are", "was", "were", "have", "has", "had", "will", "would", "can", "may", "to", "in", "on",
              "at", "for", "from", "by", "with", "and", "or", "that", "which", "who", "this", "these", "per",
              "than", "of", "into", "under", "over", "since", "after", "before", "as", "be", "been", "being",
              "operate", "live", "study", "did", "do", "does", "not", "still", "already"}
_UNIT_STOP |= {"в", "во", "на", "до", "к", "по", "из", "и", "или", "для", "с", "со", "от", "за", "что", "это", "будет",
               "будут", "был", "была", "было", "были", "против", "при", "а", "также", "уже", "еще", "ещё", "және",
               "мен", "бен", "пен", "үшін", "дейін", "бастап"}
# a Russian or Kazakh verb form ends the unit: "40 мектеп салуды жоспарлап отыр" is "мектеп"
_VERB_FORM = re.compile(r"[а-яёәғқңөұүһі]{2,}(?:уды|уді|ып|іп|ады|еді|йды|йді|ется|ится|ются|ятся|ует|уют|ают|яют|"
                        r"ила|или|ала|али|ено|ены|ано|аны)")


def classify(quantity: Quantity, clause: str, sentence: str, document_year: int | None,
             figure_at: int | None = None, previous: str | None = None) -> str:
    """funding, target or statistic. Within the clause the plan or result cue nearest the
    figure decides (``figure_at``: the figure's offset in the clause); a clause without
    either borrows its sentence's plan frame, or a deadline year not yet past; a sentence
    restating the figure before it ("Это 175 тысяч домов") takes ``previous``, that
    figure's kind."""
    if quantity.is_money:
        return "funding"
    sentence = _lower(sentence)
    return classify_lowered(clause.lower(), sentence, language_of(sentence), document_year, figure_at, previous)


def classify_lowered(clause: str, sentence: str, language: str, document_year: int | None,
                     figure_at: int | None = None, previous: str | None = None) -> str:
    """``classify`` for a figure that is not money, given the lower-cased clause and sentence
    and the sentence's language (the caller computes these once per sentence and clause)."""
    cues = CUES[language]
    figure_at = len(clause) // 2 if figure_at is None else figure_at
    # a loan's terms are reported even in "will run for"; the present state ("the three current
    # operators") is heard only when no plan, progress or result cue is
    nearest = _nearest_cue(clause, language, document_year, figure_at, clause_level=True)
    if nearest:
        return nearest
    offset = sentence.find(clause)
    if offset >= 0 and (cues.dependent.match(clause) or not cues.finite.search(clause)):
        # a clause without a verb of its own, or one leaning on its sentence's verb, takes the
        # sentence's cue nearest the figure: "… planned to reach 400,000 households, improving
        # connectivity for 2.5 million people", "of which 12 million tons … can be exported"
        nearest = _nearest_cue(sentence, language, document_year, offset + figure_at)
        if nearest:
            return nearest
    if previous and cues.restatement.match(sentence):
        return previous  # "That is 175,000 homes": the kind of the figure it restates
    if language in FRAMED and _plan_frame(sentence, language):
        return "target"  # "План на 2025 год: … 62,1 % или … 21 населенный пункт"
    year = _by_year(sentence)
    if year and document_year and year >= document_year:
        return "target"
    return "statistic"


def _nearest_cue(text: str, language: str, document_year: int | None, figure_at: int,
                 clause_level: bool = False) -> str | None:
    """target or statistic from the plan, progress or result cue closest to the figure, else
    None. A year already past ("in 2019 consumption made …") counts as a result cue. In the
    figure's own clause, loan terms decide outright and the present state weakly."""
    best_distance, best, present = len(text) + 1, None, False
    for start, end, group, year in _cues_in(text, language):
        if group in _CLAUSE_ONLY:
            if not clause_level:
                continue
            if group == "terms":
                return "statistic"
            present = True
            continue
        if year and (not document_year or year >= document_year):
            continue
        if group in _BEFORE_ONLY and (start >= figure_at or (group != "year" and figure_at - end > _BASELINE_REACH)):
            continue  # (the figure may open with "from": "up from 8.1 million" starts at "from")
        distance = min(abs(start - figure_at), abs(end - figure_at))
        if distance < best_distance:
            best_distance, best = distance, group
    if best is None:
        return "statistic" if present else None
    return "statistic" if best in ("result", "baseline", "year") else "target"


_CLAUSE_ONLY = frozenset({"terms", "present"})


# cues that speak of the figure after them only; a past year after a figure is usually its
# baseline's ("до 70 % против 64 % в 2025 г.") or a date the clause's verb already covers
_BEFORE_ONLY = frozenset({"baseline", "plan_reference", "year"})
_BASELINE_REACH = 20  # characters: "compared to 17.1 million tons last year), of which 12 million …" is not 12's


_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
_lower = lru_cache(maxsize=16)(str.lower)  # every figure of a sentence lowers it again


# Every figure of a clause or sentence asks again: scanned once, cached.
@lru_cache(maxsize=256)
def _cues_in(text: str, language: str) -> tuple[tuple[int, int, str, int], ...]:
    return tuple(decisive_cues(text, language))


@lru_cache(maxsize=64)
def _plan_frame(sentence: str, language: str) -> bool:
    cues = CUES[language]
    return bool(cues.plan_frame.search(sentence) or cues.progress_frame.search(sentence))


@lru_cache(maxsize=64)  # asked again by every figure of the sentence
def _progress_frame(sentence: str, language: str) -> bool:
    return bool(CUES[language].progress_frame.search(sentence))


@lru_cache(maxsize=64)
def _plan_in(sentence: str, language: str) -> bool:
    return PLAN_SCAN[language].search(" " + sentence) is not None


def fields_for(kind: str, quantity: Quantity, text: str, clause: tuple[int, int], sentence: tuple[int, int],
               as_of: str | None, prepared: tuple[str, str, str, str] | None = None) -> dict[str, Any]:
    """The fields of one figure; ``prepared`` is (clause lower-cased, sentence, sentence
    lower-cased, its language) when the caller has them (computed once per sentence: the
    sentence-level caches then hash one string object instead of a fresh slice per figure)."""
    if prepared is None:
        sentence_text = text[sentence[0]:sentence[1]]
        clause_lower, sentence_lower = text[clause[0]:clause[1]].lower(), sentence_text.lower()
        language = language_of(sentence_lower)
    else:
        clause_lower, sentence_text, sentence_lower, language = prepared
    value, high = decimal_to_field(quantity.value), decimal_to_field(quantity.high) if quantity.high else None
    if kind == "funding":
        fields = {"amount": value, "currency": quantity.currency,
                  "as_written": text[quantity.start:quantity.end] + (
                      f" ({quantity.conversion.as_written})" if quantity.conversion else ""),
                  "status": _funding_status(clause_lower, sentence_lower, language, as_of)}
        if high:
            fields["amount_high"] = high
        payer = _payer(sentence_text, language)
        if payer:
            fields["payer"] = payer
        purpose = _PURPOSE.search(text[quantity.end:clause[1]])
        if purpose:  # "to complete the overhaul of X" states the purpose "overhaul of X"
            fields["purpose"] = _PURPOSE_VERB.sub("", purpose.group(1).strip()) or purpose.group(1).strip()
        has_year = _YEAR_DIGITS.search(clause_lower) is not None
        year = _IN_YEAR.search(clause_lower) if has_year else None
        period = year.group(1) if year else _clause_date(clause_lower, sentence_lower, as_of, has_year)
        if period:
            fields["period"] = period
        return fields
    unit = "%" if quantity.percent else _unit_after(text, quantity.end, clause[1])
    number_key = "quantity" if kind == "target" else "value"
    fields = {number_key: value, "comparator": quantity.comparator}
    if high:
        fields[f"{number_key}_high"] = high
    if unit:
        fields["unit"] = unit
    if kind == "target":
        cues = CUES[language]
        in_progress = cues.progress.search(clause_lower) or (
            language in FRAMED and _progress_frame(sentence_lower, language))
        fields["status"] = "in progress" if in_progress else "planned"
        deadline = _deadline(sentence_lower, language, as_of)
        if deadline:
            fields["deadline"] = deadline
        responsible = _responsible(sentence_text, language)
        if responsible:
            fields["responsible"] = responsible
    else:  # "in 2024", "по итогам 2023 года", "на 1 января 2024 года", "в текущем году", else the release's date
        has_year = _YEAR_DIGITS.search(clause_lower) is not None
        year = _IN_YEAR.search(clause_lower) if has_year else None
        dated = (year.group(1) if year else _clause_date(clause_lower, sentence_lower, as_of, has_year)) or as_of
        if dated:
            fields["as_of"] = dated
    return fields


def _without_article(phrase: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", phrase.strip())


def _funding_status(clause: str, sentence: str, language: str, as_of: str | None) -> str:
    """The first listed status the clause states; an amount with no status verb in a
    sentence of plans or of a date to come (a wage level "from 1 January 2027") is planned."""
    for pattern, status in FUNDING_STATUS[language]:
        if pattern.search(clause):
            return status
    if (language in FRAMED and _plan_frame(sentence, language)) or _plan_in(sentence, language):
        return "planned"
    date = _sentence_date(sentence, as_of)
    if date and as_of and date[:len(as_of)] > as_of[:len(date)]:
        return "planned"
    return "other"


# Sentence-level facts are cached: every figure of a sentence asks for them again, and
# searching the whole sentence each time was a fifth of the per-figure cost.
# Words one of which each pattern needs (its verbs or bodies): a sentence holding none is
# not searched (the patterns open with optional capitalised words, which sre tries everywhere).
# (scans of plain literals: sre skips to their first letters)
_PAYER_NEEDS = re.compile("allocated|provided|invested|spent|financed|disbursed|from")
_PAYER_RU_KK_NEEDS = re.compile("из|за|бюджет|лттық")
_RESPONSIBLE_NEEDS = re.compile("Ministry|Akimat|akimat|Government|Agency|Committee|Fund|Department|"
                                "Administration|Corporation|Company")
_RESPONSIBLE_RU_KK_NEEDS = re.compile("планах|Мин|Правительство|Акимат|Агентство|Комитет|жоспар")
# Each word the two Russian and Kazakh scans need holds a lower-case Cyrillic letter, which
# lower-casing keeps: a sentence ``language_of`` calls English has none, and is not scanned.


@lru_cache(maxsize=64)
def _payer(sentence: str, language: str) -> str:
    match = _PAYER.search(" " + sentence) if _PAYER_NEEDS.search(sentence) else None
    if match:
        return _without_article(match.group(1) or match.group(2))
    if language == "en":  # (no Cyrillic letter: see _RESPONSIBLE_RU_KK_NEEDS)
        return ""
    match = _PAYER_RU_KK.search(sentence) if _PAYER_RU_KK_NEEDS.search(sentence) else None
    return (match.group(1) or match.group(2)) if match else ""


@lru_cache(maxsize=64)
def _responsible(sentence: str, language: str) -> str:
    match = _RESPONSIBLE.search(sentence) if _RESPONSIBLE_NEEDS.search(sentence) else None
    if match:
        return _without_article(match.group(1))
    if language == "en":
        return ""
    match = _RESPONSIBLE_RU_KK.search(sentence) if _RESPONSIBLE_RU_KK_NEEDS.search(sentence) else None
    return next(g for g in match.groups() if g).strip() if match else ""


@lru_cache(maxsize=64)
def _by_year(sentence: str) -> int | None:  # sentence lower-cased
    if not _YEAR_DIGITS.search(sentence):  # both patterns name a year
        return None
    match = _BY_YEAR.search(" " + sentence) or _IN_MONTH_YEAR.search(sentence)
    if match is None:
        return None
    return int(next(g for g in match.groups() if g and g.isdigit()))


@lru_cache(maxsize=64)
def _sentence_date(sentence: str, as_of: str | None) -> str | None:  # sentence lower-cased
    return date_in_sentence(sentence, as_of)


def _clause_date(clause: str, sentence: str, as_of: str | None, has_year: bool) -> str | None:
    """The date the clause names, else its sentence's (lower-cased; ``has_year``: whether the
    clause holds a year's digits); a sentence without one spares the clause's scan."""
    in_sentence = _sentence_date(sentence, as_of)
    if in_sentence is None or not has_year:
        return in_sentence  # a clause without a year of its own keeps its sentence's date
    return date_in_sentence(clause, as_of) or in_sentence


@lru_cache(maxsize=64)
def _deadline(sentence: str, language: str, as_of: str | None) -> str | None:  # sentence lower-cased
    if language != "en":  # "к 1 сентября 2026 года", "по итогам 2024 года", "2030 жылға дейін"
        dated = date_in_sentence(sentence, as_of)
        if dated:
            return dated
    if not _YEAR_DIGITS.search(sentence):  # the three patterns below name a year
        return date_in_sentence(sentence, as_of)
    month = _IN_MONTH_YEAR.search(sentence)
    if month:
        return f"{month.group(2)}-{_MONTH_NUMBER[month.group(1).lower()]:02d}"
    match = _BY_YEAR.search(" " + sentence) or _IN_YEAR.search(sentence)
    if match:
        return next(g for g in match.groups() if g)
    return date_in_sentence(sentence, as_of)  # "this year", "in October"


def _unit_after(text: str, start: int, limit: int) -> str:
    """The unit after a figure: up to four words, ended by a verb, a preposition, punctuation
    or the next table cell. Every character that is no space starts a token, so the gaps
    between tokens are spaces: the words a token-by-token reading would take are the
    groups of one ``_UNIT_WORDS`` match, which stops where that reading would (a token that is no
    word, or a gap with a tab or line break; tests/core/test_cue_scans.py keeps that reading)."""
    run = _UNIT_WORDS.match(text, start, limit)
    if run is None:
        return ""
    words: list[str] = []
    for word in run.groups():
        if word is None or not word[0].isalpha():
            break
        lowered = word.lower()
        # (a verb form is Cyrillic: an ASCII word is never one)
        if lowered in _UNIT_STOP or (words and not lowered.isascii() and _VERB_FORM.fullmatch(lowered)):
            break
        words.append(word)
    return " ".join(words)

