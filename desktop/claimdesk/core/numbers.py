"""The number and money grammar: every figure in a text, with its exact value.

``find_quantities(text)`` returns each figure as a ``Quantity``: value as a Decimal
(never a float), the high end of a range, its comparator, ISO 4217 currency, whether it
is a percentage, a bracketed conversion of the same amount, and the exact characters.
Scales apply to both ends of a range ("from 10 to 13 thousand"); compound amounts add
up ("6 billion 564 million"). Figures that are not claims are kept but flagged with
``excluded`` (dates, times, bare years, ordinals, modifiers such as "148-bed",
identifiers, phone numbers, durations, list counts) so detectors can skip them with a
reason. Written from the genre of government releases in English, Russian and Kazakh.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from claimdesk.core.number_words import (COMPARATORS_AFTER, COMPARATORS_BEFORE, CURRENCY_AFTER, CURRENCY_BEFORE,
                                         FRACTIONS, KAZAKH_MONTHS, MONTHS, PERCENT, SCALES, WORD_NUMBER)
from claimdesk.core.quantity import Quantity

__all__ = ["Quantity", "find_quantities"]


# blocked spans (start, end, reason) in order
Blocked = list[tuple[int, int, str]]


_GROUPED = r"\d{1,3}(?:,\d{3})+(?:[.·]\d+)?"  # 1,300,000.5
# 1 300 000, 85 000, 18 963,4: groups of three after a space (no-break or plain). A plain-space
# group must not follow a word, a hyphen, a time's colon or a decimal mark ("COVID-19 120 cases",
# "1,5 000") and must end the digits ("5 0001" is two figures); a year has four digits, so
# "in 2024 5 000 schools" stays a year and 5000.
_SPACED = (r"\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?"
           r"|(?<![\w.,·:/-])\d{1,3}(?: \d{3})+(?![\d\u00a0\u202f\u2009]|[-‐][^\W\d])(?:[.,]\d+)?")
_PLAIN = r"\d+(?:[.,·]\d+)?"  # 22.4, 22,4 and 22·4 (the typographic decimal point of British print)
_DIGITS = rf"(?:{_GROUPED}|{_SPACED}|{_PLAIN})"
_SCALE = r"(?:" + "|".join(SCALES) + r")(?![\w])"
_WORD_NUM = (r"(?:" + "|".join(sorted(WORD_NUMBER, key=len, reverse=True))
             + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?")
_CUR_BEFORE = r"(?:" + "|".join(CURRENCY_BEFORE) + r")"
_CUR_AFTER = r"(?:" + "|".join(CURRENCY_AFTER) + r")(?![\w])"
_PCT = r"(?:\s?%|\s(?:" + "|".join(PERCENT) + r")(?![\w]))"
_SINGLE = rf"(?:{_DIGITS}|\b{_WORD_NUM}\b)(?:\s?{_SCALE})?"
# a compound keeps adding smaller scales after a scaled part: "6 billion 564 million", "1 trillion
# 100 billion"; after a bare number the next one starts a figure of its own
_AMOUNT = rf"(?:{_DIGITS}|\b{_WORD_NUM}\b)(?:\s?{_SCALE}(?:\s(?:{_DIGITS})\s?{_SCALE})*)?"
# "or" joins an estimate of two neighbouring counts ("one or two stations", "5 или 6 дней"), checked after
_RANGE_JOIN = r"(?:\s?[–—-]\s?|\s(?:to|до|or|или|немесе)\s)"

# QUANTITY and SINGLE_QUANTITY search the lower-cased text (same offsets): IGNORECASE slows sre by a
# quarter, and case only matters in the wire-copy prefix "T500", which they read as "t500"
_CUR_BEFORE = _CUR_BEFORE.replace("T(?=", "t(?=")
QUANTITY = re.compile(
    rf"(?P<cur1>{_CUR_BEFORE})?\s?"
    rf"(?:(?P<from>\bfrom\s|\bот\s)?)"
    rf"(?P<low>{_AMOUNT})"
    rf"(?:(?P<join>{_RANGE_JOIN})(?P<cur2>{_CUR_BEFORE})?\s?(?P<high>{_AMOUNT}))?"
    rf"(?P<pct>{_PCT})?"
    rf"(?:\s?(?P<cur3>{_CUR_AFTER}))?",
)
# What can continue a run of digits into a longer figure (its match goes on with one of these right
# after the run): a decimal mark or digit group ("1,300", "18 963"), a range, a percent sign or
# word, a scale, a currency
_AMOUNT_CONTINUES = rf"{_RANGE_JOIN}|{_PCT}|\s?{_SCALE}|\s?{_CUR_AFTER}"
_CONTINUES = re.compile(rf"[.,·\u00a0\u202f\u2009]\d| \d\d\d|{_AMOUNT_CONTINUES}")
# A number that opens at a digit and that nothing continues into a larger figure (a range, percent,
# scale or currency: what the pattern tries after its number, all of it optional) is what the pattern
# reads there: "14.03" of a date, "1,300", "18 963"
_NUMBER_ALONE = re.compile(_DIGITS)
_NUMBER_CONTINUES = re.compile(_AMOUNT_CONTINUES)
_ANY_DIGIT = re.compile(r"\d")
_SPAN = re.Match.span
_OR_JOINS = {"or", "или", "немесе", "OR", "Or"}
_WORDS_AMOUNT = re.compile(rf"{_WORD_NUM}(?:\s?{_SCALE})?", re.IGNORECASE)
_AMOUNT_PARTS = re.compile(rf"({_DIGITS}|{_WORD_NUM})(?:\s?({_SCALE}))?", re.IGNORECASE)
_GROUP_SPACES = re.compile(r"[\u00a0\u202f\u2009 ]")
_DIGIT_GROUP_SPACE = re.compile(r"\d[\u00a0\u202f\u2009 ]\d")
SINGLE_QUANTITY = re.compile(
    rf"(?P<cur1>{_CUR_BEFORE})?\s?(?P<from>)(?P<low>{_AMOUNT})(?P<join>)(?P<cur2>)(?P<high>)(?P<pct>{_PCT})?"
    rf"(?:\s?(?P<cur3>{_CUR_AFTER}))?",
)
_ORDINAL_BEFORE = re.compile(r"(?:first|second|third|fourth|last|this|next|1st|2nd|3rd|4th|I|II|III|IV)\s\Z",
                             re.IGNORECASE)

_MONTH = "|".join(MONTHS)
_MONTH_AFTER = re.compile(rf"\s(?:(?:{_MONTH})\b|(?:{'|'.join(KAZAKH_MONTHS)}))", re.IGNORECASE)  # "8 January"
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH})\s\Z", re.IGNORECASE)  # "January 8"
# opens with a lookahead on its first characters so a scan skips other text quickly
_PHONE = re.compile(r"(?=[\d+(])(?:\+\d[\d\s]*)?\(?\d{3,5}\)?[\s-]\d{2,3}[\s-]\d{2}[\s-]\d{2}\b")
_IDENT_WORDS = {"no", "nr", "art", "article", "clause", "paragraph", "item", "point", "part", "page", "chapter",
                "section", "decree", "order", "resolution", "law", "room", "office", "building", "gate", "platform",
                "route", "line", "level", "stage", "phase", "round", "grade", "class", "version", "п", "ст", "статья",
                "пункт", "приказ", "постановление"}
_DURATION_UNIT = re.compile(r"^\s?(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|лет|года?|месяц\w*|дн\w*"
                            r"|жыл\w*|ай\w*|jyl\w*)\b", re.IGNORECASE)
_DURATION_LEAD = re.compile(r"(?:\b(?:over|for|during|within|next|past|last|recent|coming|previous|after|first|"
                            r"in|в течение|за|через|последние|ближайшие)\s(?:the\s)?(?:\w+\s)?)\Z", re.IGNORECASE)
# "will last six months", "works lasted 3 years": how long something takes is a figure, not a time frame
_LASTS_FOR = re.compile(r"\b(?:(?:will|would|to|may|might|can|could|should|shall|must)\s+last|lasts|lasted|"
                        r"продлится|продлятся|продолжится|займ[её]т)\s(?:about\s|around\s|около\s)?\Z", re.IGNORECASE)
_HYPHEN_WORD = re.compile(r"[-‐][^\W\d]")
# a Kazakh case ending on a percentage ("9%-ға", "9%-ǵa") leaves it a figure, not a modifier
_CASE_ENDING = re.compile(r"[-‐](?:[^\W\d\sA-Za-z]{1,4}|[a-zıóúáǵńýú]{1,3})\b")
_CURRENCY_BEFORE_END = re.compile(r"[$€£₸₽]\Z|\b[A-Z]{3}\Z|US\$\Z|\bT\Z")
_ORDINAL_SUFFIX = re.compile(r"\s?(?:st|nd|rd|th)\b")
_LIST_BEFORE = re.compile(r"(?:^|[\s:;])\Z")
_SCALE_AFTER = re.compile(r"\s?(?:" + _SCALE + r")", re.IGNORECASE)
_UNIT_SUFFIX = re.compile(r"(?:MW|GW|kW|kWh|MWh|GWh|TWh|km|m2|m²|m3|ha|kg|mm|cm)\b")
_LIST_NOUN = re.compile(r"^\s(?:key|main|major|priority|principal|basic|strategic|core|following|new key)\s\w+",
                        re.IGNORECASE)


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in ``text`` in order, non-claims flagged with ``excluded``.

    One scan finds the anchors (digit runs, currency signs, number words); at each, the
    characters around decide whether the figure pattern is needed at all: a run of digits
    that nothing before can open (a currency, "from") and nothing after can continue (a
    decimal or digit group, a scale, range, percent or currency word) is the figure itself,
    and most figures are such runs. The rest are read by the pattern, searched from there."""
    lower = _lower_keeping_offsets(text)
    run_ends = dict(map(_SPAN, _DIGIT_RUN.finditer(text)))  # a currency sign is a run of one
    digit_starts = list(run_ends)
    blocked = _blocked_at(_blocked_spans(text, run_ends))
    found: list[Quantity] = []
    position = 0
    search, continues, new = QUANTITY.search, _CONTINUES.match, _new_quantity
    number_alone, number_continues = _NUMBER_ALONE.match, _NUMBER_CONTINUES.match
    prefix_scan, run_end, settle, append = _PREFIX_SCAN.search, run_ends.get, _settle, found.append
    for anchor in _anchors(lower, digit_starts):
        if anchor < position:
            continue
        # far enough back for a currency prefix or "from" before the anchor, never inside a word
        start = anchor - 8 if anchor - 8 > position else position
        if start < anchor and (lower[anchor - 1] == "t" or prefix_scan(lower, start, anchor)):
            while start < anchor and start > 0 and text[start - 1].isalnum() and text[start].isalnum():
                start += 1
        else:
            start = anchor  # nothing before the anchor can open a figure: spare the pattern 8 tries
            end = run_end(anchor)
            if end is not None and lower[anchor].isdecimal():
                if continues(lower, end) is None:
                    digits = text[anchor:end]  # a bare run of digits: the figure the pattern would read
                    value = _amount_value(digits)[0]
                    assert value is not None  # a run of decimal digits always has one
                    bare = new(anchor, end, value, digits, None, None, False, False, False)
                    position = end
                    settle(text, lower, bare, anchor, blocked)
                    append(bare)
                    continue
                # a decimal mark or digit group continues the run ("14.03", "1,300"); a scale, percent,
                # range or currency after it goes to the pattern, which reads them
                number = number_alone(lower, anchor) if lower[end + 1:end + 2].isdecimal() else None
                if number is not None and number_continues(lower, end := number.end()) is None:
                    value, _, scaled = _amount_value(number.group())
                    position = end
                    if value is not None:
                        alone = new(anchor, end, value, text[anchor:end], None, None, False, scaled, False)
                        settle(text, lower, alone, anchor, blocked)
                        append(alone)
                    continue
        match = search(lower, start)
        if match is None:
            break
        quantity = _from_match(text, match)
        if quantity is None and match.group("high"):
            # not a range ("from 14 to 5" is a change, "2024-25" a period): read the first figure alone
            match = SINGLE_QUANTITY.search(lower, match.start("low"))
            quantity = _from_match(text, match) if match else None
        if match is None:
            position += 1
            continue
        end = match.end()
        position = end if end > position else position + 1
        if quantity is None:
            continue
        settle(text, lower, quantity, match.start("low"), blocked)
        append(quantity)
    found = _with_fractions(text, lower, found)
    return _attach_conversions(text, found)


def _settle(text: str, lower: str, quantity: Quantity, number_start: int, blocked: dict[int, str]) -> None:
    """Why the figure is not a claim, or (for a claim) its comparator ("more than 650")."""
    reason = _exclusion(text, quantity, number_start, blocked)
    # the quantity was just built and is not shared yet: set it in place (replace() is 3x slower);
    # only claims need their comparator, and finding it is a third of a figure's cost
    if reason:
        quantity.__dict__["excluded"] = reason
    else:
        quantity.__dict__["comparator"] = _comparator(lower, quantity.start, quantity.end)


def _lower_keeping_offsets(text: str) -> str:
    """``text.lower()`` with every character at its offset: a few letters lower to two
    ("İ" → "i̇", in Kazakh Latin), and searches of the lower-cased text report offsets
    into the original."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(ch if len(low := ch.lower()) != 1 else low for ch in text)


# The words a fraction's phrase holds one of ("third" of "two thirds"), each held by no other, and
# for each the phrases holding it and where ("a third": 2): str.find looks for a word in C, faster
# than a pattern's scan for the phrases, which stops at every "o", "a" and "t"
_FRACTION_WORDS = {phrase.rsplit(" ", 1)[1] for phrase in FRACTIONS}
_FRACTION_KEYS: dict[str, list[tuple[str, int, int]]] = {
    key: [(phrase, phrase.index(key), order) for order, phrase in enumerate(FRACTIONS) if key in phrase]
    for key in sorted(_FRACTION_WORDS) if not any(other != key and other in key for other in _FRACTION_WORDS)}
assert all(any(key in phrase for key in _FRACTION_KEYS) for phrase in FRACTIONS)


def _fraction_matches(lower: str) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of the fraction phrases in the lower-cased text, as a scan for any of
    them finds them (``re.finditer("|".join(FRACTIONS))``): the leftmost phrase, the first of the
    phrases there in the table's order, none overlapping; word bounds are checked after."""
    candidates: list[tuple[int, int, str]] = []
    for key, phrases in _FRACTION_KEYS.items():
        at = lower.find(key)
        while at >= 0:
            for phrase, offset, order in phrases:
                if at >= offset and lower.startswith(phrase, at - offset):
                    candidates.append((at - offset, order, phrase))
            at = lower.find(key, at + 1)
    matches: list[tuple[int, int, str]] = []
    covered = 0
    for start, _, phrase in sorted(candidates):
        if start >= covered:
            covered = start + len(phrase)
            matches.append((start, covered, phrase))
    return matches


def _with_fractions(text: str, lower: str, found: list[Quantity]) -> list[Quantity]:
    """Shares written as words ("a third of"), replacing number words they contain."""
    starts = None
    dropped: set[int] = set()
    fractions: list[Quantity] = []
    for match_start, match_end, written in _fraction_matches(lower):
        if starts is None:
            starts = [q.start for q in found]  # found is in text order and its figures never overlap
        if not _word_bounded(lower, match_start, match_end):
            continue
        if _ORDINAL_BEFORE.search(text, max(0, match_start - 8), match_start):
            continue  # "the first quarter" is a date, not a share
        first, last = bisect_left(starts, match_start), bisect_left(starts, match_end)
        dropped.update(i for i in range(first, last) if found[i].from_words)
        holder = bisect_right(starts, match_start) - 1
        if holder >= 0 and holder not in dropped and match_start < found[holder].end:
            continue
        fractions.append(Quantity(match_start, match_end, FRACTIONS[written], text[match_start:match_end],
                                  percent=True, from_words=True,
                                  comparator=_comparator(lower, match_start, match_end)))
    if not fractions:
        return found
    kept = [q for i, q in enumerate(found) if i not in dropped] + fractions
    return sorted(kept, key=lambda q: q.start)


# digits and currency signs; a plain class first lets sre skip running text quickly
# Scans of the whole text dominate on running prose, so these open with a plain character
# class, which sre skips to quickly (a lookahead or an alternation first is 2-4x slower)
_DIGIT_RUN = re.compile(r"[\d$€£₸₽](?:(?<=\d)\d*)?")  # a currency sign alone, or a run of digits
# number words grouped by first letter ("t(?:welve|wenty|…)"): sre then tries a handful of branches
# at each word start instead of every word (one word at most ends at a word boundary, so order is moot)
_WORDS = "(?:" + "|".join(
    f"{first}(?:{'|'.join(word[1:] for word in sorted(WORD_NUMBER, key=len, reverse=True) if word[0] == first)})"
    for first in sorted({word[0] for word in WORD_NUMBER})) + r")\b"
_NUMBER_WORD, _FIRST_NUMBER_WORD = re.compile(r"\W" + _WORDS), re.compile(_WORDS)  # on lower-cased text


# What can open a figure before its anchor: a currency (before it: "kzt 5", "us$5", "t500"), "from", "от",
# or a digit after a figure that ended inside a run of digits. Where a window holds none of these (and
# no "t" right before the anchor), a match could start in it only at a space before the anchor, with
# the same groups as the match at the anchor; the starts of number words are anchors themselves and
# lie before the window (each anchor's match ends past it).
_PREFIX_SCAN = re.compile(r"[\d$€£₸₽]|us|kzt|eur|rub|cny|gbp|from|от")


def _word_bounded(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def _anchors(lower: str, digit_starts: list[int]) -> list[int]:
    """Where figures can begin: digits, currency signs and number words. Searching only
    from these (instead of letting the big pattern try every position) is what keeps the
    grammar fast: about 10× on running text."""
    words = [m.start() + 1 for m in _NUMBER_WORD.finditer(lower)]
    if _FIRST_NUMBER_WORD.match(lower):
        words.insert(0, 0)
    return sorted(digit_starts + words) if words else digit_starts


def parse_quantity(text: str) -> Quantity | None:
    """The first figure of a short expression that is a claim ("KZT 8.2 bln" → 8200000000 KZT)."""
    return next((q for q in find_quantities(text) if not q.excluded), None)


def _from_match(text: str, match: re.Match[str]) -> Quantity | None:
    """The figure a match reads; its comparator is left "exactly" until it proves a claim."""
    cur1, from_word, low_text, join, cur2, high_text, pct, cur3 = match.groups()  # in QUANTITY's order
    # an amount opens with a digit (\d is isdecimal) or a number word ("one million 800 thousand" has digits)
    is_words = not low_text[0].isdecimal() and _ANY_DIGIT.search(low_text) is None
    if is_words and not _WORDS_AMOUNT.fullmatch(low_text):
        return None
    low, low_scale, low_scaled = _amount_value(low_text)
    if low is None:
        return None
    high = None
    if high_text:
        high, high_scale, high_scaled = _amount_value(high_text)
        if high is None:
            return None
        if join.strip() in _OR_JOINS and (low_scaled or low != low.to_integral_value()
                                          or high != (low + 1) * high_scale):
            return None  # alternatives, not an estimate: "5 or 10 years", "2 million or 3 million"
        if not low_scaled and high_scaled:  # "from 10 to 13 thousand": the scale applies to both ends
            low *= high_scale
            low_scaled = True
        if high <= low:
            return None  # not a range: "2024-25", "from 14 to 5"
    currency = _currency(cur1 or cur2 or cur3) if cur1 or cur2 or cur3 else None
    start = match.start("cur1") if cur1 else match.start("from") if from_word else match.start("low")
    end = match.end()
    return _new_quantity(start, end, low, text[start:end], high, currency, bool(pct), low_scaled, is_words)


def _new_quantity(start: int, end: int, value: Decimal, as_written: str, high: Decimal | None, currency: str | None,
                  percent: bool, scaled: bool, from_words: bool) -> Quantity:
    """``Quantity(...)`` without the frozen dataclass's per-field ``object.__setattr__`` calls
    (3.7 → 1.4 µs; every figure of a text is built once)."""
    quantity = object.__new__(Quantity)
    quantity.__dict__.update({"start": start, "end": end, "value": value, "as_written": as_written, "high": high,
                              "comparator": "exactly", "currency": currency, "percent": percent, "scaled": scaled,
                              "from_words": from_words, "conversion": None, "excluded": ""})
    return quantity


# every field set, so a field added to Quantity must be added above
assert set(_new_quantity(0, 0, Decimal(0), "", None, None, False, False, False).__dict__) \
    == set(Quantity.__dataclass_fields__)


_ONE = Decimal(1)


@lru_cache(maxsize=4096)  # the same amounts recur in a text ("1", "2024", "10 million"); Decimals are immutable
def _amount_value(amount_text: str) -> tuple[Decimal | None, Decimal, bool]:
    """(value, scale of the last part, whether any scale word appeared)."""
    if amount_text.isdecimal():  # most figures: a plain run of digits
        return Decimal(amount_text), _ONE, False
    total, last_scale, scaled = Decimal(0), Decimal(1), False
    parts = _AMOUNT_PARTS.findall(amount_text)
    if not parts:
        return None, last_scale, False
    for number, scale_word in parts:
        value = _number(number)
        if value is None:
            return None, last_scale, False
        scale = SCALES_VALUE(scale_word) if scale_word else Decimal(1)
        scaled = scaled or bool(scale_word)
        total += value * scale
        last_scale = scale
    return total, last_scale, scaled


def _number(token: str) -> Decimal | None:
    token = token.strip()
    words = token.lower().replace("-", " ").split()
    if words and words[0] in WORD_NUMBER:
        total = Decimal(0)
        for word in words:
            total = total * 100 if word == "hundred" else total + WORD_NUMBER.get(word, Decimal(0))
        return total
    raw = _GROUP_SPACES.sub("", token).replace("·", ".")
    if "," in raw and "." in raw:
        raw = raw.replace(",", "")
    elif "," in raw:
        groups = raw.split(",")
        raw = raw.replace(",", "") if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3 \
            else raw.replace(",", ".")
    try:
        return Decimal(raw)
    except ArithmeticError:
        return None


# one compiled pattern per table, a named group per entry; fullmatch backtracks past entries that match
# only a prefix, so the first entry matching the whole token wins, as it did entry by entry
_SCALE_LOOKUP = re.compile("|".join(f"(?P<s{i}>{pattern})" for i, pattern in enumerate(SCALES)), re.IGNORECASE)
_SCALE_VALUES = list(SCALES.values())
_LOOKAROUND = re.compile(r"\(\?<?[!=][^)]*\)")
_CURRENCY_TABLE = {**CURRENCY_BEFORE, **CURRENCY_AFTER}
_CURRENCY_LOOKUP = re.compile("|".join(f"(?P<c{i}>{_LOOKAROUND.sub('', pattern)})"
                                       for i, pattern in enumerate(_CURRENCY_TABLE)), re.IGNORECASE)
_CURRENCY_CODES = list(_CURRENCY_TABLE.values())


def SCALES_VALUE(word: str) -> Decimal:  # noqa: N802 - reads as the table it looks up
    match = _SCALE_LOOKUP.fullmatch(word.lower().rstrip("."))
    return _SCALE_VALUES[_entry(match)] if match else Decimal(1)


@lru_cache(maxsize=256)  # a handful of currency words recur in every release ("tenge", "kzt", "$")
def _currency(token: str | None) -> str | None:
    if not token:
        return None
    match = _CURRENCY_LOOKUP.fullmatch(token.strip().lower())
    return _CURRENCY_CODES[_entry(match)] if match else None


def _entry(match: re.Match[str]) -> int:
    """The table entry a lookup matched: its groups are named by letter and index ("s3", "c12")."""
    name = match.lastgroup
    assert name is not None, match.re.pattern[:40]
    return int(name[1:])


_BEFORE_LITERAL = {pattern.replace("\\.", "."): comparator for pattern, comparator in COMPARATORS_BEFORE
                   if not any(ch in pattern for ch in "(?*[")}
_BEFORE_STEMS = [(re.compile(pattern + r"\Z"), comparator) for pattern, comparator in COMPARATORS_BEFORE
                 if any(ch in pattern for ch in "(?*[")]
_TAIL_WORDS = re.compile(r"[^\W\d]+\.?")
# cheap C-level tests before the word-by-word lookup: most figures follow no comparator at all
_LAST_WORDS = tuple({phrase.split()[-1] for phrase in _BEFORE_LITERAL})
_STEM_KEYS = tuple(re.sub(r"[\\(\[?*].*", "", pattern) for pattern, _ in COMPARATORS_BEFORE
                   if any(ch in pattern for ch in "(?*["))  # each pattern's literal opening
_AFTER_KEYS = ("астам", "жуық", "дейін", " more", "above", "astam", "jýyq", "deıin")  # a cheap test before the pattern
# the same tests as trimmed.endswith(_LAST_WORDS) and a scan for the stem keys, in fewer steps: the
# last words by their last two letters (each has two or more), the three keys by substring tests
_LAST_WORDS_BY_TAIL = {tail: tuple(word for word in _LAST_WORDS if word.endswith(tail))
                       for tail in {word[-2:] for word in _LAST_WORDS}}
_STEM_KEY_A, _STEM_KEY_B, _STEM_KEY_C = _STEM_KEYS
_DOTTED_I, _DOTTED_I_LOWER = "\u0130", "\u0130".lower()  # "İ" lowers to "i" and a combining dot
_AFTER_KEY_SCAN = re.compile("|".join(map(re.escape, _AFTER_KEYS)))
_AFTER_COMPARATOR = re.compile(
    r"\s?(?:" + "|".join(f"(?P<a{i}>{pattern})" for i, (pattern, _) in enumerate(COMPARATORS_AFTER)) + ")")


def _comparator(lower: str, start: int, end: int) -> str:
    """The comparator around the figure at ``start:end`` of the lower-cased text. The words around
    it read as they did sliced from the text and lowered on their own: _lower_keeping_offsets
    keeps "İ" (the one letter lowering to two), so it is lowered here."""
    before = lower[start - 32 if start > 32 else 0:start]
    if _DOTTED_I in before:
        before = before.replace(_DOTTED_I, _DOTTED_I_LOWER)
    trimmed = before.rstrip()
    if len(before) - len(trimmed) <= 2 and (trimmed.endswith(_LAST_WORDS_BY_TAIL.get(trimmed[-2:], ()))
                                            or _STEM_KEY_A in trimmed or _STEM_KEY_B in trimmed
                                            or _STEM_KEY_C in trimmed):
        words = _TAIL_WORDS.findall(trimmed)[-3:]
        if words and trimmed.endswith(words[-1]):
            for size in (3, 2, 1):
                phrase = " ".join(words[-size:])
                if len(words) >= size and phrase in _BEFORE_LITERAL:
                    return _BEFORE_LITERAL[phrase]
            for pattern, comparator in _BEFORE_STEMS:
                if pattern.match(words[-1]):
                    return comparator
    # no key holds "İ" or the combining dot it lowers to ("i" and the dot), so they are found alike
    # in the lower-cased text, which keeps it, and with it lowered
    if _AFTER_KEY_SCAN.search(lower, end, end + 20) is None:
        return "exactly"
    following = lower[end:end + 20]
    if _DOTTED_I in following:
        following = following.replace(_DOTTED_I, _DOTTED_I_LOWER)
    after = _AFTER_COMPARATOR.match(following)
    if after:
        return COMPARATORS_AFTER[_entry(after)][1]
    return "exactly"


# Numeric dates and times ("14.03.2026", "2024-05-01", "10:30") and news-site view counters
# ("14.03.2026, 10:30 1204") begin where a run of digits starts (their first digit follows no word
# character). Dates are tried at the runs the character after them allows (one or two digits and a
# ".", "/" or ":", four and a "-"), which is cheaper than a scan stopping at every digit; view
# counters are found by a scan (below). Phone numbers also start at a "+" or "(" and can match
# inside a run, so they are tried run by run.
_DATE_SCAN = re.compile(r"\d(?<!\w\d)(?:\d?[./]\d{1,2}[./]\d{2,4}\b|\d{3}-\d{2}-\d{2}(?:T\d{2}:\d{2})?\b"
                        r"|\d?:\d{2}\b)")
_VIEW_COUNTER_SCAN = re.compile(r"\d(?<!\w\d)\d?\.\d{1,2}\.\d{4},?\s+\d{1,2}:\d{2}\s+(\d+)\b")
# A counter holds this from the dot before its year, 3-5 characters after its start; it opens with a
# literal, which sre finds fast, and two of them never overlap (it holds no other dot), so the counters
# are where the pattern matches at one of those starts (a scan of every digit took 15x longer)
_VIEW_COUNTER_CORE = re.compile(r"\.\d{4},?\s+\d{1,2}:\d{2}\s+\d")


def _blocked_spans(text: str, run_ends: dict[int, int]) -> Blocked:
    """Dates, times, phone numbers and view counters, tried only where their first characters
    can be: scans of the whole text with the full patterns cost more than all the figures of a
    typical release."""
    spans: Blocked = []
    covered = 0
    for core in _VIEW_COUNTER_CORE.finditer(text):
        dot = core.start()
        for start in range(max(dot - 5, covered), dot - 2):  # "d.m", "dd.m", "d.mm", "dd.mm" before the dot
            counter = _VIEW_COUNTER_SCAN.match(text, start)
            if counter is not None:
                spans.append((counter.start(1), counter.end(1), "view counter"))
                covered = counter.end()
                break
    covered = date_covered = 0
    for start, end in run_ends.items():  # dates, and phone numbers (from the run or its "+" or "(")
        if not text[start].isdigit():
            continue  # a currency sign
        after = text[end:end + 1]
        if start >= date_covered and after and (after in "./:" if end - start <= 2
                                                else after == "-" and end - start == 4):
            date = _DATE_SCAN.match(text, start)
            if date is not None:
                spans.append((start, date.end(), "date or time"))
                date_covered = date.end()
        if start < covered:
            continue
        at = start - 1 if start and text[start - 1] in "+(" and start - 1 >= covered else start
        if at == start:
            # without a "+" or "(" before it a phone number opens with a run of three to five digits,
            # then a ")" or a space or hyphen and a digit: most runs are shorter, or years before a word
            if not 3 <= end - start <= 5:
                continue
            if after != ")" and not ((after == "-" or after.isspace()) and text[end + 1:end + 2].isdecimal()):
                continue
        match = _PHONE.match(text, at)
        if match is None and at != start:
            match = _PHONE.match(text, start)
        if match is not None:
            spans.append((match.start(), match.end(), "phone number"))
            covered = match.end()
    spans.sort()
    return spans


def _blocked_at(blocked: Blocked) -> dict[int, str]:
    """Where a figure's number is blocked and why: the first blocked span (in order) that starts
    at most 40 characters before the position and holds it (spans are short; this is what a
    figure's test once found by bisecting the spans, in one look-up)."""
    return {position: reason for start, end, reason in reversed(blocked)
            for position in range(start, end if end < start + 41 else start + 41)}


_ORDINAL_LETTERS = ("s", "n", "r", "t")
# the Latin letters a duration unit opens with (either case: the pattern ignores case; a letter
# outside ASCII goes to the pattern, which may fold it)
_DURATION_OPENERS = frozenset("ymwdhjYMWDHJ")
_MONTH_REACH = max(map(len, MONTHS)) + 1  # "january " before a day: where _MONTH_BEFORE can start
# the first two letters of each month name and the last two: cheap tests before the month patterns
_MONTH_HEADS = frozenset(month[:2] for month in MONTHS + KAZAKH_MONTHS)
_MONTH_TAILS = frozenset(month[-2:] for month in MONTHS)


def _may_open_month(letters: str, names: frozenset[str] = _MONTH_HEADS) -> bool:
    """Whether two letters can be a month name's first (or, with _MONTH_TAILS, last) two. The
    patterns ignore case, and a few letters outside ASCII match ASCII ones ("ſ" matches "s"):
    those go to the pattern."""
    return not letters.isascii() or letters.lower() in names
# Decimal against Decimal compares 3-4x faster than against int
_D20, _D30, _D32, _D1900, _D2100 = [Decimal(n) for n in (20, 30, 32, 1900, 2100)]


def _exclusion(text: str, q: Quantity, number_start: int, blocked: dict[int, str]) -> str:
    # each test is the same as it was written first; cheap character tests stand in front of the
    # patterns that need them (a figure is tested once, and half the figures of a text are excluded)
    reason = blocked.get(number_start)
    if reason is not None:
        return reason
    q_start, q_end, value = q.start, q.end, q.value
    before, after = text[q_start - 30 if q_start > 30 else 0:q_start], text[q_end:q_end + 40]
    first, last = after[:1], before[-1:]
    plain = not q.scaled and not q.currency and not q.percent
    if plain and value < _D32 and (
            (first.isspace() and _may_open_month(after[1:3]) and _MONTH_AFTER.match(after))
            or (last.isspace() and _may_open_month(before[-3:-1], _MONTH_TAILS)
                and _MONTH_BEFORE.search(before, len(before) - _MONTH_REACH)
                and not after.startswith(","))):
        return "date"
    if (first in "-‐" and first and _HYPHEN_WORD.match(after) and not (q.percent and _CASE_ENDING.match(after))) or (
            (first.isalnum() or first == "_") and not _UNIT_SUFFIX.match(after) and not q.from_words):
        return "modifier or identifier"  # "148-bed", "2.6-hectare", "5G" (but "7.4MW" is a figure)
    if last and (last.isalnum() or last in "_/.@-") and not _CURRENCY_BEFORE_END.search(before):
        return "part of a word or code"  # "COVID-19", "e-Qazyna.kz", "24/7"
    # (the suffix opens with at most one space: after one, it needs its letter next)
    if first == "/" or (first and (first in "snrt" or (first.isspace() and after[1:2] in _ORDINAL_LETTERS))
                        and _ORDINAL_SUFFIX.match(after)):
        return "ordinal or code"
    if first == ")" and _LIST_BEFORE.search(before) and value < _D30 and not q.scaled:
        return "list item"  # "1) developing …; 2) establishing …"
    # the character a numbering word or sign would end with, and the two before it (see _IDENT_TAILS)
    tail = before[-3:-1] if last.isspace() else before[-2:]
    if (tail[-1:] in _IDENT_ENDS or tail.lower() in _IDENT_TAILS) and _identifier_before(before):
        return "identifier"
    if plain and _D1900 <= value <= _D2100 and _is_year(q) and not _SCALE_AFTER.match(after):
        return "year"
    unit_at = after[1:2] if first.isspace() else first  # where a unit word would start
    if (unit_at in _DURATION_OPENERS or not unit_at.isascii()) and _DURATION_UNIT.match(after) \
            and _DURATION_LEAD.search(before) and not _LASTS_FOR.search(before):
        return "duration"
    if value < _D20 and not q.scaled and _LIST_NOUN.match(after):
        return "list count"
    if q.from_words and value == _ONE and not q.scaled and q.high is None:
        return "the word one"  # "one of the largest" (but "one or two" is a range)
    return ""


# A cheap test before _identifier_before (a quarter of its cost): the word it looks for ends where the
# text before the figure does, or one space earlier, so its last two letters (lowered one by one, as
# the word is) are among these, or it ends with a sign, a dot, or is a one-letter word
_IDENT_TAILS = frozenset(word[-2:] for word in _IDENT_WORDS if len(word) > 1)
_IDENT_ENDS = "№#." + "".join(word + word.upper() for word in _IDENT_WORDS if len(word) == 1)


def _identifier_before(before: str) -> bool:
    """ "Article 15", "No. 5", "№ 12", "#3": the figure only numbers something."""
    stripped = before.rstrip()
    if len(before) - len(stripped) > 1 or not stripped:
        return False
    if stripped[-1] in "№#":
        return True
    return stripped.rsplit(None, 1)[-1].rstrip(".").lower() in _IDENT_WORDS


def _is_year(q: Quantity) -> bool:
    written = q.as_written
    if written.isdigit() and not q.currency and not q.percent and not q.scaled:  # most years: the tests below, at once
        return len(written) in (4, 8) and _D1900 <= q.value <= _D2100
    if q.currency or q.percent or q.scaled or not _D1900 <= q.value <= _D2100 or "," in written \
            or _DIGIT_GROUP_SPACE.search(written):
        return False  # "1,900" and "1 900" are counts: years are never grouped
    digits = len(written) if written.isdigit() else sum(ch.isdigit() for ch in written)
    return q.value == q.value.to_integral_value() and digits in (4, 8)


_CONVERSION_GAP = re.compile(r"\s?\(\s?(?:about|approx\.|approximately|around|some|or|около|примерно|шамамен)?\s?",
                             re.IGNORECASE)


def _attach_conversions(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """An amount in brackets right after another amount is the same claim converted."""
    converted: dict[int, Quantity] = {}
    skip = set()
    last = len(quantities) - 1
    for index in [i for i, q in enumerate(quantities) if q.currency is not None and i < last]:  # money only
        if index in skip:
            continue
        q, following = quantities[index], quantities[index + 1]
        if following.currency is not None and not following.excluded:
            if _CONVERSION_GAP.fullmatch(text, q.end, following.start) \
                    and text[following.end:following.end + 2].lstrip().startswith(")"):
                converted[index] = replace(q, conversion=following)
                skip.add(index + 1)
    if not converted:
        return quantities
    # each converted amount in place, its conversion (the next figure) left out: copied in slices
    # between them (converted holds them in text order)
    kept: list[Quantity] = []
    copied = 0
    for index, amount in converted.items():
        kept += quantities[copied:index]
        kept.append(amount)
        copied = index + 2
    kept += quantities[copied:]
    return kept
