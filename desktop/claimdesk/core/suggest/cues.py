"""Word lists that decide a figure's kind, kept as data per language (en, ru, kk).

Each language has these cue sets, matched against the lower-cased clause that carries a
figure or, where said, the whole sentence; ``DECISIVE`` joins the plan, progress, result,
baseline and plan-reference cues into one pattern per language:

- ``plan``: tense and modality of a plan or a specification of something not yet built
  ("will", "would have", "is to reach", "составит", "позволит", "довести … до", "жоспар").
- ``result``: a reported result, past tense or a past reference date ("made", "reached",
  "достиг", "составил", "на 1 января", "құрады").
- ``present``: the present state ("current", "existing", "действующих"), a weak result
  cue heard only when the clause has no plan, progress or result cue.
- ``baseline`` / ``plan_reference``: a compared level ("против 59 %", "up from 4.1 %") or a
  plan's own figure ("при плане 30,8 млн"); they speak of the figure after them only, so
  "до 59,9 % против 59 %" keeps its first figure a target.
- ``progress``: a share or amount of a plan already delivered ("of the … planned",
  "already built", "от запланированного") - a target in progress.
- ``terms``: terms of an agreed instrument (a loan's period and rate) - reported, even
  in the future tense.
- ``plan_frame`` / ``progress_frame``: a sentence-level frame that makes every figure in
  it part of a plan ("План на 2025 год …") or of its delivery ("Исполнение программы …
  составляет 46,4 %, или 51,5 млн кв. м"), used when the clause itself has no cue.
- ``restatement``: a sentence that opens by restating the previous figure ("That is …",
  "Это …", "Бұл …") takes that figure's kind when it has no cue of its own.
- ``dependent`` / ``finite``: whether a clause leans on its sentence's verb ("of which …",
  "improving …", "в том числе …") or has none; such a clause takes the sentence's cue
  nearest its figure.

``language_of`` picks the cue set per sentence, so a Russian quote inside an English
release is read with the Russian lists. Every pattern is compiled once, here, and
searched in lower-cased text (IGNORECASE made each search about four times slower).

Morphology (decided for issue 15): pymorphy3 with its Russian dictionaries tells the
perfective future ("составит") from the past ("составил") and finds infinitives, but it
cost about 140 µs a word on this machine (under load) - some 1.4 ms for a ten-word clause,
several times the whole per-figure budget of 2 MB/s - and adds 16 MB of dictionaries.
The lists below name whole word forms instead (the few verbs releases use for plans and
results), and only the ``finite`` checks fall back on endings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class LanguageCues:
    plan: re.Pattern[str]
    result: re.Pattern[str]
    baseline: re.Pattern[str]  # a result cue for the figure after it only: "до 60 % против 59 %"
    present: re.Pattern[str]  # weak: the present state, heard only when the clause has no other cue
    progress: re.Pattern[str]
    plan_reference: re.Pattern[str]  # a plan cue for the figure after it only: "введено 37 млн при плане 31 млн"
    terms: re.Pattern[str]
    plan_frame: re.Pattern[str]
    progress_frame: re.Pattern[str]
    dependent: re.Pattern[str]  # matched at the clause's start: a clause leaning on its sentence's verb
    finite: re.Pattern[str]  # a verb of the clause's own
    restatement: re.Pattern[str]  # matched at the sentence's start: it restates the figure before


_WORD_START, _WORD_END = r"(?<!\w)(?:", r")(?!\w)"


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(_WORD_START + "|".join(alternatives) + _WORD_END)


def _alternatives(pattern: re.Pattern[str]) -> str:
    return pattern.pattern[len(_WORD_START):-len(_WORD_END)]


# matches nothing; it opens with a literal so sre rejects a text by one fast search for that
# character (a cue set left empty is asked for every sentence: "(?!x)x" tried every position, 2 µs)
_NEVER = re.compile(r"\x00(?!)")

ENGLISH = LanguageCues(
    plan=_words(
        r"will", r"shall", r"plan(?:s|ned|ning)?\s+to", r"(?:is|are|was|were)\s+planned", r"planned", r"plans",
        r"aims?\s+to", r"aimed\s+at", r"intends?\s+to", r"intended", r"(?:is|are)\s+expected", r"expected\s+to",
        r"expected", r"projected", r"forecast", r"targets?", r"task\s+(?:has\s+been|was)\s+set", r"next\s+stage",
        r"upcoming", r"scheduled", r"envisag\w+", r"foreseen", r"going\s+to", r"designed\s+to", r"set\s+to",
        r"may\s+reach", r"to\s+be\s+(?:built|opened|commissioned|launched|created)",
        # the conditional of a planned object: "the route would link …", "would have 18 stops"
        r"would(?!\s+have\s+been)",
        # "X is to reach 53 % in 2021", "seeks to build", "anticipated", "an estimated 17 million tons"
        r"(?:is|are)\s+to\s+(?:reach|be|grow|increase|rise|exceed|total|amount)", r"seeks?\s+to", r"anticipat\w+",
        # a forecast, not a past estimate ("officials estimated that 4,000 jobs were lost")
        r"an\s+estimated", r"(?:is|are)\s+estimated", r"estimated\s+to", r"necessary\s+to", r"needs?\s+to", r"must",
        r"underway", r"under\s+way",
        r"(?:can|could|may|might)\s+be\s+\w+"),
    result=_words(
        r"made", r"amounted\s+to",
        # the past passive, unless it reports a plan ("were expected to", "was planned")
        r"(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?!expected|planned|scheduled|set|designed|due|supposed|"
        r"going|intended|aimed|projected|forecast|envisaged|estimated|to\b)\w+(?:ed|en|wn|lt|ld|nt|ght|id)",
        r"totall?ed", r"reached", r"stood\s+at", r"was\s+recorded", r"were\s+recorded",
        r"has\s+(?:grown|risen|increased|decreased|fallen|reached)", r"have\s+(?:grown|risen|increased|reached)",
        r"(?:rose|fell|grew|increased|decreased|declined)\s+(?:by|to)", r"as\s+of\s+(?:january|february|march|april|"
        r"may|june|july|august|september|october|november|december|the\s+end)",
        # a baseline the figure is compared with is itself a reported figure
        ),
    baseline=_words(r"(?:up|down)\s+from", r"compared\s+(?:to|with)"),
    plan_reference=_words(r"against\s+(?:a|the)\s+plan(?:ned)?(?:\s+of)?", r"(?:the\s+)?plan\s+(?:was|of)"),
    present=_words(r"current(?:ly)?", r"existing", r"to\s+date", r"so\s+far"),
    progress=_words(
        r"already\s+(?:been\s+)?(?:commissioned|built|constructed|completed|opened|implemented|renovated|"
        r"repaired|launched|put\s+into\s+operation)", r"of\s+the\s+[^,;]{0,40}planned", r"against\s+the\s+plan(?:ned)?",
        r"of\s+the\s+plan"),
    terms=_words(r"(?:loan|credit)s?\s+(?:will\s+)?(?:run|be\s+(?:granted|issued|repaid))\s+for",
                 r"(?:annual\s+)?interest\s+rate", r"maturity", r"repayment\s+period",
                 r"grace\s+period"),
    plan_frame=_NEVER,
    progress_frame=_NEVER,
    dependent=re.compile(r"(?:\w+ing|to|for|with|thus|thereby|of\s+which|of\s+them|including)\b"),
    finite=_words(r"is", r"are", r"was", r"were", r"has", r"have", r"had", r"will", r"would", r"can", r"could",
                  r"may", r"might", r"must", r"shall", r"should", r"does", r"do", r"did",
                  r"\w+(?:s|ed)\s+(?:to|by|in|on|for)",
                  # a past verb before its object: "Kazakhstan exported 9 million tons"
                  r"[a-z]{3,}ed\s+(?:\d|the|a|an|over|more|about|nearly|almost|some|up\s+to)"),
    restatement=re.compile(r"(?:this|that|these|it)\s+(?:is|are|means|equals|amounts\s+to|would\s+be)\b"),
)

# Russian: the perfective future ("составит", "позволит", "получат") and the infinitive
# after a plan word ("увеличить … до", "довести … до", "достигнуть") mark plans; the past
# ("составил", "достиг", "введено") and a reference date ("на 1 января") mark results.
RUSSIAN = LanguageCues(
    plan=_words(
        r"будет", r"будут", r"планир\w+", r"запланир\w+", r"предусм\w+", r"намечен\w*", r"ожида\w+", r"прогноз\w*",
        r"составит", r"составят", r"позволит", r"позволят", r"получат", r"обеспечит", r"обеспечат", r"достигнет",
        r"увеличится", r"вырастет", r"планах", r"плану", r"цель\w*", r"задач\w+",
        r"довести", r"достигнуть", r"достичь", r"увеличить", r"поднять", r"повысить", r"нарастить", r"снизить",
        r"сократить", r"обеспечить", r"построить", r"ввести", r"возвести",
        r"газифицировать", r"собрать", r"оценивается", r"должн\w+",
        # the purpose of an allocation or a project under way: "на реализацию 145 проектов",
        # "строительство газопровода (15 млрд м3/год)"
        r"на\s+реализацию", r"строительств[оа]"),
    result=_words(
        r"составил[аои]?", r"составлял[аои]?", r"достиг(?:ла|ло|ли)?", r"выросл?[аои]?", r"увеличил\w*",
        r"снизил\w*",
        # a short participle is a result unless "будет/будут" makes it future ("будет построено 25 школ")
        r"(?<!будет\s)(?<!будут\s)(?:достигнут|введен|построен|собран)[оаы]?",
        r"на\s+1\s+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\s+\d{4}"),
    present=_words(r"действующ\w+", r"в\s+настоящее\s+время", r"на\s+сегодня(?:шний\s+день)?"),
    baseline=_words(r"против", r"по\s+сравнению\s+с"),
    plan_reference=_words(r"при\s+плане", r"при\s+запланированных"),
    progress=_words(r"от\s+(?:запланированн|плана)\w*", r"из\s+запланированн\w+",
                    r"уже\s+(?:введен|построен|сдан|реализован|выполнен|открыт)\w*",
                    r"(?:исполнение|выполнение|реализация)\s+[^,;.]{0,80}(?:программ|план)\w*"),
    terms=_words(r"процентн\w+\s+ставк\w+", r"срок\w*\s+кредит\w+", r"под\s+[\d,.]+\s*%\s+годовых"),
    plan_frame=_words(r"план\s+на\s+\d{4}", r"в\s+планах", r"планиру\w+"),
    progress_frame=_words(r"(?:исполнение|выполнение|реализация)\s+[^.;]{0,120}(?:программ|план)\w*"),
    dependent=re.compile(r"(?:из\s+них|в\s+том\s+числе|в\s+их\s+числе|что\s+позволит|или|а\s+также)\b"),
    # present, past and short-participle endings: enough to tell "составляет 46 %" from "(15 млрд м3/год)"
    finite=re.compile(r"\w(?:ет|ит|ют|ят|ут|ется|ится|ются|ятся|ал|ил|ел|ла|ло|ли|ено|ано|ены|аны)\b|"
                      r"(?<!\w)(?:является|был\w*|будет|будут|есть)(?!\w)"),
    restatement=re.compile(r"(?:это|что\s+составляет|то\s+есть)\b"),
)

# Kazakh (Cyrillic and the Latin alphabet of 2021): plan words, "… жылға дейін/қарай"
# (by the year), the nominal future "-уы тиіс"; the past in -ды/-ді/-ты/-ті ("құрады",
# "жиналды") marks results.
KAZAKH = LanguageCues(
    plan=_words(
        r"жоспар\w*", r"жылға\s+(?:қарай|дейін)", r"көзделі\w*", r"көзделген", r"тиіс", r"болады", r"болмақ",
        r"ұлғаю\w*", r"арттыру\w*", r"jospar\w*", r"jylǵa\s+(?:qaraı|deıin)", r"kózdel\w*", r"tıis",
        r"будет", r"будут", r"планир\w+"),
    result=_words(r"\w+(?:ылды|ілді|ынды|інді|алды|елді)", r"құрады", r"жиналды", r"жетті", r"артты", r"өсті",
                  r"qurady", r"jınaldy", r"jetti", r"artty",
                  r"ósti", r"ulǵaıdy", r"ұлғайды"),
    present=_words(r"қазір\w*", r"qazir\w*"),
    baseline=_words(r"салыстырғанда", r"salystyrǵanda"),
    plan_reference=_words(r"жоспар\s+бойынша", r"jospar\s+boıynsha"),
    progress=_words(r"жоспардың", r"jospardyń"),
    terms=_NEVER,
    plan_frame=_words(r"жоспар\w*", r"jospar\w*"),
    progress_frame=_NEVER,
    dependent=re.compile(r"(?:оның\s+ішінде|onyń\s+ishinde)\b"),
    # past in -ды/-ді/-ты/-ті, present/future in -ады/-еді/-йды/-иді, "болды", "тиіс"
    finite=re.compile(r"\w(?:ды|ді|ты|ті|ады|еді|йды|йді|dy|di|ty|ti|ady|edi)\b|(?<!\w)(?:тиіс|tıis)(?!\w)"),
    restatement=re.compile(r"(?:бұл|bul)\b"),
)

CUES = {"en": ENGLISH, "ru": RUSSIAN, "kk": KAZAKH}

# The status of an amount, by the verb of its clause; the first listed status stated wins.
# Russian and Kazakh put the future first: "средства будут выделены" is planned, not allocated.
_ALLOCATED = r"\ballocat\w+|выдел\w+|направлен\w*|бөл(?:ді|інді|інген|інеді|ген)\w*|bóld\w*|bólin\w*"
_INVESTED = r"\binvest\w*|инвест\w+|ınvest\w*"
_SPENT = r"\bspen[dt]\w*|expenditure\w*|disburs\w+|paid|израсход\w+|освоен\w*|потрачен\w*|жұмсал\w*|jumsal\w*"
_NEEDED = r"\bneed\w*|requir\w+|shortfall|необходим\w*|требу\w+|қажет\w*|qajet\w*"
_PLANNED = (r"\bwill\b|plan\w*|budgeted|earmark\w*|envisag\w+|будет|будут|планир\w+|запланир\w+|предусм\w+|"
            r"выделят|выделит|направят|направит|жоспар\w*|jospar\w*|көзделген|kózdelgen")


def _top_level(source: str) -> list[str]:
    """The alternatives of ``source``'s outermost alternation (its "|" outside groups and classes)."""
    alternatives: list[str] = []
    depth, start, in_class, at = 0, 0, False, 0
    while at < len(source):
        char = source[at]
        if char == "\\":
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            alternatives.append(source[start:at])
            start = at + 1
        at += 1
    alternatives.append(source[start:])
    return alternatives


_OPENING_WORD = re.compile(r"\\b([^\\\[\](){}?*+.^$|]+)")


def _literal_first(source: str) -> re.Pattern[str]:
    """``source`` with each alternative's opening "\\bword" written "word(?<!\\wword)": the same
    matches (the look-behind checks the character before the word, as the word boundary did),
    but every alternative opens with a literal, so sre skips to the letters they open with
    instead of trying each position (tests/core/test_cue_scans.py compares both)."""
    alternatives: list[str] = []
    for alternative in _top_level(source):
        word = _OPENING_WORD.match(alternative)
        if word:
            literal = word.group(1)
            if alternative[word.end():word.end() + 1] in ("?", "*", "{"):
                literal = literal[:-1]  # "\\bds?" opens with "d"
            rest = alternative[len(r"\b") + len(literal):]
            alternative = f"{literal}(?<!\\w{literal}){rest}"
        alternatives.append(alternative)
    return re.compile("|".join(alternatives))


# (pattern, status) in the order they are asked
FUNDING_STATUS = {
    "en": [(_literal_first(p), status)
           for p, status in ((_ALLOCATED, "allocated"), (_INVESTED, "invested"), (_SPENT, "spent"),
                             (_NEEDED, "needed"), (_PLANNED, "planned"))],
    "ru": [(_literal_first(p), status)
           for p, status in ((_PLANNED, "planned"), (_ALLOCATED, "allocated"), (_INVESTED, "invested"),
                             (_SPENT, "spent"), (_NEEDED, "needed"))],
}
FUNDING_STATUS["kk"] = FUNDING_STATUS["ru"]

# A year named with a preposition: past years count as result cues ("in 2019 … made").
_YEAR = r"(?:in|since|for|during|в|за)\s+(?P<year>(?:19|20)\d\d)"


_LEADING_LOOK_BEHINDS = re.compile(r"(?:\(\?<[!=][^()]*\))*")


def _expanded(alternative: str) -> list[str]:
    """``alternative`` as one alternative per choice of the non-capturing group it opens with
    (after any look-behinds), in the order sre tries them - "(?:is|are)\\s+planned" is
    "is\\s+planned|are\\s+planned", "(?:annual\\s+)?interest" is "annual\\s+interest|interest" -
    so each opens with a literal, which sre's alternation tests before it enters the branch."""
    behind = _LEADING_LOOK_BEHINDS.match(alternative)
    prefix = behind.group() if behind else ""
    rest = alternative[len(prefix):]
    if not rest.startswith("(?:"):
        return [alternative]
    depth, at = 0, 0
    while True:  # to the group's closing parenthesis
        char = rest[at]
        if char == "\\":
            at += 1
        elif char == "[":
            at = rest.index("]", at + 2)  # (the cue patterns' classes hold no "]")
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                break
        at += 1
    choices, after = _top_level(rest[3:at]), rest[at + 1:]
    optional = after.startswith("?")
    if optional:
        after = after[1:]
    if after[:1] in ("?", "*", "+", "{") or "(?P<" in rest[:at]:
        return [alternative]  # (a lazy or repeated group, or a named one, stays as it is)
    expanded = [piece for choice in choices for piece in _expanded(prefix + choice + after)]
    return expanded + (_expanded(prefix + after) if optional else [])


_LOOK_BEHIND = re.compile(r"\(\?<[!=][^()]*\)")


def _by_first_letter(alternatives: list[str]) -> str:
    """An alternation of ``alternatives`` that sre tries by their first letters: when each
    opens with a letter (after its look-behinds, which move behind it: "(?<!x)ab" is
    "a(?<!xa)b"), they are grouped by that letter, in order within a group - two alternatives
    opening with different letters never match at the same place, so the first that matches
    is the same - and sre tests a group's letter instead of each alternative; else as they are."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        behind = _LEADING_LOOK_BEHINDS.match(alternative)
        prefix = behind.group() if behind else ""
        letter, rest = alternative[len(prefix):len(prefix) + 1], alternative[len(prefix) + 1:]
        if not letter.isalpha() or rest[:1] in ("?", "*", "+", "{"):
            return "|".join(alternatives)
        moved = "".join(look[:-1] + letter + ")" for look in _LOOK_BEHIND.findall(prefix))
        groups.setdefault(letter, []).append(moved + rest)
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())


# the year cue without its named group (read from the last four characters of its match)
_YEAR_CUE = _YEAR.replace("(?P<year>", "(?:")


def _decisive(cues: LanguageCues) -> tuple[re.Pattern[str], dict[str, str]]:
    """terms, plan, progress, result, baseline, plan-reference, present and year cues as one
    pattern and one pair of word-boundary checks: a single scan of a clause, 2-3x faster than
    a scan per set; and the cue set of each of its marks. It opens with the non-word character
    before the cue (searched in the text after a space: see ``decisive_cues``) instead of a
    look-behind, so sre skips from one such character to the next instead of trying every
    position. Its alternatives are the sets' own, flat and in order (each expanded to open
    with a literal) and grouped by first letter, so sre tests a letter instead of entering a
    group per set; an empty group after each, its mark, names the set it came from
    (``match.lastgroup``: it closes last)."""
    alternatives: list[str] = []
    marks: dict[str, str] = {}
    for name, pattern in (("terms", cues.terms), ("plan", cues.plan), ("progress", cues.progress),
                          ("result", cues.result), ("baseline", cues.baseline),
                          ("plan_reference", cues.plan_reference), ("present", cues.present), ("year", None)):
        if pattern is _NEVER:
            continue
        source = _YEAR_CUE if pattern is None else _alternatives(pattern)
        for alternative in [piece for whole in _top_level(source) for piece in _expanded(whole)]:
            mark = f"{name}_{len(alternatives)}"
            marks[mark] = name
            alternatives.append(f"{alternative}(?P<{mark}>)")
    return re.compile(r"\W(?:" + _by_first_letter(alternatives) + _WORD_END), marks


def word_scan(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A ``_words`` pattern as the decisive scan is built (flat, grouped by first letter,
    opening with the non-word character before the word): searched in " " + text, it finds a
    match where ``pattern`` finds one in text."""
    alternatives = [piece for whole in _top_level(_alternatives(pattern)) for piece in _expanded(whole)]
    return re.compile(r"\W(?:" + _by_first_letter(alternatives) + _WORD_END)


# a sentence of plans makes an amount without a status verb planned
PLAN_SCAN = {language: word_scan(cues.plan) for language, cues in CUES.items()}
# the languages with a sentence-level frame (English has none: its figures are never asked)
FRAMED = frozenset(language for language, cues in CUES.items()
                   if cues.plan_frame is not _NEVER or cues.progress_frame is not _NEVER)

DECISIVE: dict[str, re.Pattern[str]] = {}
_CUE_OF_MARK: dict[str, dict[str, str]] = {}
for _language, _cues in CUES.items():
    DECISIVE[_language], _CUE_OF_MARK[_language] = _decisive(_cues)


def decisive_cues(text: str, language: str) -> list[tuple[int, int, str, int]]:
    """(start, end, cue set, year or 0) of each decisive cue in lower-cased ``text``: what
    ``(?<!\\w)(?:…)(?!\\w)`` finds, read as the non-word character before each cue in
    " " + text. Every alternative opens with a word character and a cue ends before a non-word
    one, so the character a cue needs before it is never taken by the cue before."""
    found: list[tuple[int, int, str, int]] = []
    cue_of_mark = _CUE_OF_MARK[language]
    for match in DECISIVE[language].finditer(" " + text):
        group = cue_of_mark[match.lastgroup or ""]  # (every alternative ends with its mark)
        year = int(match.group()[-4:]) if group == "year" else 0  # (a year cue ends with the year)
        found.append((match.start(), match.end() - 1, group, year))
    return found


_NOT_ENGLISH = re.compile(r"[а-яёәғқңөұүһіǵńúýı]")  # one class: an English sentence is scanned once
_CYRILLIC = re.compile(r"[а-яё]")
_KAZAKH_LETTER = re.compile(r"[әғқңөұүһі]|[ǵńúýı](?=\w)")


@lru_cache(maxsize=64)  # asked again for every figure of a sentence
def language_of(sentence: str) -> str:
    """en, ru or kk for one lower-cased sentence, from its letters (Latin-script Kazakh by
    its ǵ, ń, ý, ú, ı)."""
    first = _NOT_ENGLISH.search(sentence)
    if first is None:
        return "en"
    if _KAZAKH_LETTER.search(sentence, first.start()):
        return "kk"
    return "ru" if _CYRILLIC.search(sentence, first.start()) else "en"
