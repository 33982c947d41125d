"""Sentences and clauses: the span a suggestion quotes is the clause that carries its
figure, never more than one sentence."""

from __future__ import annotations

import re
from bisect import bisect_left

_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "St", "No", "Nos", "Art", "vs", "etc", "approx", "Jan", "Feb",
                  "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "т", "г", "гг", "тыс",
                  "млн", "млрд", "трлн", "им", "ст", "п", "e.g", "i.e", "U.S", "bln", "mln", "trl")
# a single line break ends a sentence unless the next line goes on in lower case (wrapped PDF lines).
# Every alternative opens with a plain character class so the scan skips running text quickly
# (a lookbehind first made it 2.4x slower); a match may therefore start with the full stop itself.
_AFTER_MARK = r"[\"”»’']?\s+(?=[\"“«‘']?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])"
_LINE_BREAK = r"\n\s*\n\s*|\n(?![a-zа-яёәғқңөұүһі])"
_SENTENCE_END = re.compile(rf"[.!?…]{_AFTER_MARK}|{_LINE_BREAK}")
_TERMINAL = frozenset(".!?…")
# _SENTENCE_END as one scan per character a sentence end opens with: sre skips to a literal
# quickly but tests its opening class [.!?…\n] at every character (twice as slow on the samples)
_SENTENCE_END_SCANS = (re.compile(_LINE_BREAK), *[re.compile(re.escape(mark) + _AFTER_MARK) for mark in ".!?…"])
_LAST_WORD = re.compile(r"([\w.]+)\.\Z")  # searched in the last 24 characters: abbreviations are short
# Where clauses break: after a reporting verb ("said that"), at ; : ( ) and commas, at a spaced
# dash and at "and" before a figure. One alternation of all of these took 44 µs on a 170-character
# sentence because every branch was tried at every position; as separate scans that each open
# with a literal or a class (whitespace before a break is added back afterwards) it takes 12 µs.
_REPORTING_WORDS = ("said", "noted", "reported", "stated", "announced", "emphasised", "emphasized", "added", "stressed",
                    "explained", "informed", "told", "сообщил", "отметил", "заявил")  # the Russian ones are stems
_REPORTING_ALTERNATION = "|".join(word if word.isascii() else rf"{word}\w*" for word in _REPORTING_WORDS)
_REPORTING_VERB = re.compile(rf"(?:{_REPORTING_ALTERNATION})(?:\s+that)?\s+(?=\w)")
# each of those words found from its last letter (d, л) with a literal scan and lookbehinds:
# sre tests the opening letters of the alternation above (s, n, r, a, …) at every character
_REPORTING_WORD_ENDS = tuple(
    re.compile(rf"{last}(?<=[{''.join(sorted({word[-2] for word in words}))}]{last})"
               rf"(?:{'|'.join(f'(?<={word})' for word in words)})")
    for last, words in sorted({word[-1]: [w for w in _REPORTING_WORDS if w.endswith(word[-1])]
                               for word in _REPORTING_WORDS}.items()))
_REPORTING_LENGTH = {word[-4:]: len(word) for word in _REPORTING_WORDS}  # which word by its last four letters
assert len(_REPORTING_LENGTH) == len(_REPORTING_WORDS)
_PUNCTUATION_BREAK = re.compile(r"[;:(),](?:(?<=[;:,])\s+|(?<=[()])\s*)")
_SPACED_BREAK = re.compile(r"\s(?:[–—-]\s+|and\s+(?=[^,]*\d))")
# where _SPACED_BREAK may match (the whitespace before each spaced dash or "and"): literal scans
_SPACED_WORDS = tuple(re.compile(rf"{word}(?<=\s{word})(?=\s)") for word in ("and", "-", "–", "—"))
# what clause_breaks can take from whole-text scans once per text (break_candidates)
BreakCandidates = tuple[list[int], list[int]]
_LEADING_JOIN = re.compile(r"(?:and|but|while|whereas|as well as|и|а|но)\s+", re.IGNORECASE)  # .match()ed


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence between start and end, whitespace trimmed."""
    return [_trim(text, s, e) for s, e in sentence_spans(text, start, end) if not text[s:e].isspace() and s < e]


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The sentences' spans before trimming (some hold only whitespace): ``sentences`` trims
    them all, the detector only those holding a figure or a title, which trimming never
    moves out of them (it takes whitespace, quotes and closing punctuation)."""
    end = len(text) if end is None else end
    spans, cursor = [], start
    for match_start, match_end in _sentence_ends(text, start, end):
        boundary = match_start + 1 if text[match_start] in _TERMINAL else match_start
        gap = text[boundary:match_end]
        if "\n" not in gap and gap.isspace():
            last_word = _LAST_WORD.search(text, max(cursor, boundary - 24), boundary)
            if last_word and last_word.group(1).rstrip(".") in _ABBREVIATIONS:
                continue  # "No. 5", "Dr. Smith"
        spans.append((cursor, boundary))
        cursor = match_end
    spans.append((cursor, end))
    return spans


def _sentence_ends(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``_SENTENCE_END.finditer(text, start, end)``, from one scan per opening
    character. An end that opens with a mark takes whitespace up to the next sentence's first
    character, so the line breaks inside it are no ends of their own: those are dropped."""
    found = [match.span() for match in _SENTENCE_END_SCANS[0].finditer(text, start, end)]
    for scan in _SENTENCE_END_SCANS[1:]:
        found += [match.span() for match in scan.finditer(text, start, end)]
    found.sort()
    ends: list[tuple[int, int]] = []
    covered = start
    for span in found:
        if span[0] >= covered:
            ends.append(span)
            covered = span[1]
    return ends


def break_candidates(text: str) -> BreakCandidates:
    """For ``clause_breaks`` of many sentences of one text, in text order: where each of the
    reporting verbs' words starts (inside longer words too), and where a spaced dash or "and"
    may open a break."""
    spaced = [word.start() - 1 for scan in _SPACED_WORDS for word in scan.finditer(text)]
    spaced.sort()
    return _reporting_word_starts(text), spaced


def _reporting_word_starts(text: str) -> list[int]:
    starts: list[int] = []
    for scan in _REPORTING_WORD_ENDS:
        for last_letter in scan.finditer(text):
            end = last_letter.end()
            starts.append(end - _REPORTING_LENGTH[text[end - 4:end]])
    starts.sort()
    return starts


def clause_breaks(text: str, sentence: tuple[int, int],
                  candidates: BreakCandidates | None = None) -> list[tuple[int, int]]:
    """Where a sentence may be cut into clauses (compute once per sentence), each break
    with the whitespace before it; breaks never overlap, the leftmost wins. ``candidates``
    are the text's ``break_candidates`` when the caller has them."""
    s_start, s_end = sentence
    # (start, end, whether the break still stands once the whitespace before it is taken)
    found = [(m.start(), m.end(), False) for m in (_REPORTING_VERB.finditer(text, s_start, s_end) if candidates is None
                                                     else _reporting_verbs(text, s_start, s_end, candidates[0]))
             if m.start() == 0 or not _is_word_char(text[m.start() - 1])]
    for m in _PUNCTUATION_BREAK.finditer(text, s_start, s_end):
        comma = text[m.start()] == ","
        found.append((m.start() if comma else _after_spaces(text, s_start, m.start()), m.end(), not comma))
    # overlapping candidates on purpose: a rejected one must not hide the next
    for spaced in (_spaced_breaks(text, s_start, s_end) if candidates is None
                   else _spaced_breaks_at(text, s_start, s_end, candidates[1])):
        found.append((_after_spaces(text, s_start, spaced.start()), spaced.end(), False))
    found.sort()
    breaks, covered = [], s_start
    for start, end, spaces_optional in found:
        if start >= covered:
            breaks.append((start, end))
            covered = end
        elif spaces_optional and end > covered and not text[covered].isspace() and text[start:covered].isspace():
            breaks.append((covered, end))  # "; (": the spaces before the bracket went to the break before
            covered = end
    return breaks


def _spaced_breaks(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Every match of _SPACED_BREAK in text[start:end], overlapping ones too."""
    found: list[re.Match[str]] = []
    spaced = _SPACED_BREAK.search(text, start, end)
    while spaced:
        found.append(spaced)
        spaced = _SPACED_BREAK.search(text, spaced.start() + 1, end)
    return found


def _spaced_breaks_at(text: str, start: int, end: int, candidates: list[int]) -> list[re.Match[str]]:
    """What ``_spaced_breaks`` finds, the pattern tried only at ``candidates`` (in text order)."""
    found: list[re.Match[str]] = []
    index, count = bisect_left(candidates, start), len(candidates)
    while index < count and candidates[index] < end:
        spaced = _SPACED_BREAK.match(text, candidates[index], end)
        index += 1
        if spaced is not None:
            found.append(spaced)
    return found


def _reporting_verbs(text: str, start: int, end: int, word_starts: list[int]) -> list[re.Match[str]]:
    """What ``_REPORTING_VERB.finditer(text, start, end)`` finds: the pattern tried only where
    one of its words starts, leftmost first, each match ending the next one's search."""
    verbs: list[re.Match[str]] = []
    cursor = start
    index, count = bisect_left(word_starts, start), len(word_starts)
    while index < count and word_starts[index] < end:
        word_start = word_starts[index]
        index += 1
        if word_start < cursor:
            continue
        verb = _REPORTING_VERB.match(text, word_start, end)
        if verb is not None:
            verbs.append(verb)
            cursor = verb.end()
    return verbs


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _after_spaces(text: str, floor: int, position: int) -> int:
    """The start of the run of whitespace that ends at ``position``."""
    while position > floor and text[position - 1].isspace():
        position -= 1
    return position


def clause_around(text: str, sentence: tuple[int, int], start: int, end: int,
                  breaks: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The clause of ``sentence`` that holds text[start:end]: split at ; : brackets, commas
    and dashes; a fragment without a verb-like word borrows its left neighbour."""
    s_start, s_end = sentence
    # the pieces between the breaks that do not cut through the figure, in order: the first
    # that holds the figure's start or end, and the start of the piece before it
    cursor, clause_start, clause_end, before = s_start, -1, -1, -1
    for break_start, break_end in clause_breaks(text, sentence) if breaks is None else breaks:
        if break_start < end and break_end > start:
            continue  # never cut through the figure itself
        if break_start > cursor:
            if cursor <= start < break_start or cursor < end <= break_start:
                clause_start, clause_end = cursor, break_start
                break
            before = cursor
        cursor = break_end
    else:
        if s_end > cursor and (cursor <= start < s_end or cursor < end <= s_end):
            clause_start, clause_end = cursor, s_end
    if clause_start < 0:
        return _trim(text, max(s_start, start), min(s_end, end))
    if start < clause_start:
        clause_start = start
    if end > clause_end:
        clause_end = end
    if before >= 0 and len(text[clause_start:clause_end].split(maxsplit=2)) < 3:
        clause_start = before  # "… reduced by 19%" keeps its subject
    clause_start, clause_end = _trim(text, clause_start, clause_end)
    lead = _LEADING_JOIN.match(text, clause_start, clause_end)
    if lead and lead.end() <= start:
        clause_start = lead.end()
    return clause_start, clause_end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "\"“«‘'"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?\"”»’'"):
        end -= 1
    return start, end
