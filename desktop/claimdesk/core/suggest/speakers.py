"""Officials named only as the speaker of a quote, with their position in another clause or
sentence: '"…," the Mayor said. … "…," added Name.' or 'заявил глава Минэнерго … сказал
Имя Фамилия'. Each such name is paired with the nearest unnamed speaking position within a few
sentences that no named official of the document already holds; the name is the quote and the
position comes from the context (one claim per person: names already suggested are skipped).

Cheap on purpose: the unnamed positions are looked for only around title words the caller has
already found, and names only near those positions."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from claimdesk.core.suggest.officials import (NAME, _CYR_NAME, _RU_CORE, _plausible_name, organisation_of,
                                              person_key)
from claimdesk.core.suggest.results import OfficialMention

_EN_VERBS = ("said", "added", "noted", "stated", "told", "explained", "stressed", "emphasised", "emphasized",
             "announced", "continued", "concluded", "informed", "underlined", "recalled")
_RU_VERBS = ("сказал", "заявил", "добавил", "отметил", "сообщил", "озвучил", "подчеркнул", "рассказал", "пояснил",
             "уточнил", "напомнил")
_EN_VERB = rf"(?:{'|'.join(_EN_VERBS)})"
_RU_VERB = rf"(?:{'|'.join(_RU_VERBS)})а?"
_EN_TITLE = (r"(?:(?:[A-Z][a-z]+\s+){0,2}?(?:(?:Deputy|Vice|First)[\s-]+)*(?:Prime\s+Minister|Minister|Mayor|"
             r"Akim|Governor|Chairman|Chairwoman|President|Director|Rector|Head)|(?:(?:deputy|vice|first)[\s-]+)*"
             r"(?:prime\s+minister|minister|mayor|akim|governor|chairman|chairwoman|director|rector))")
_NOT_A_NAME_NEXT = r"(?!,?\s+[A-Z][a-z]+\s+[A-Z][a-z]+)(?!\s+of\b)"
_RU_TAIL = r"(?:\s+[А-ЯЁа-яё-]+){0,3}?"
_RU_STOP = r"(?=\s*[,.;:!?»\"]|\s+(?:на|в|во|по|при|перед|после|журналистам)\b|\s*$)"
# positions that speak without a name: "the Mayor said", "said the vice minister",
# "заявил глава Минэнерго на заседании", "— озвучил вице-министр во время …"
UNNAMED = [
    re.compile(rf"\b[Tt]he\s+(?P<position>{_EN_TITLE})\s+{_EN_VERB}\b"),
    re.compile(rf"\b{_EN_VERB}\s+the\s+(?P<position>{_EN_TITLE})\b{_NOT_A_NAME_NEXT}"),
    re.compile(rf"{_RU_VERB}\s+(?P<position>{_RU_CORE}{_RU_TAIL}){_RU_STOP}"),
    re.compile(rf"(?<![\w-])(?P<position>{_RU_CORE}{_RU_TAIL})\s+{_RU_VERB}\b"),
]
# a verb that reports speech, then the name that speaks without a position: "added Name",
# "Name said", "сказал Имя Фамилия" (the verbs are found first: a literal scan is cheap)
_SPEECH_VERB = re.compile(rf"\b(?:{_EN_VERB}|{_RU_VERB})\b")
# a speech verb's last letter (d, л), found with a literal scan and told apart by lookbehinds
# (the letter before it, then each verb): a window holds a speech verb only where one of these
# stands, and searching the verbs themselves tries their whole alternation at every position
_VERB_END_SCANS = tuple(
    re.compile(rf"{last}(?<=[{''.join(sorted({verb[-2] for verb in verbs}))}]{last})"
               rf"(?:{'|'.join(f'(?<={verb})' for verb in verbs)})")
    for last, verbs in sorted({verb[-1]: [v for v in _EN_VERBS + _RU_VERBS if v.endswith(verb[-1])]
                               for verb in _EN_VERBS + _RU_VERBS}.items()))
_LONGEST_VERB = max(map(len, _EN_VERBS + _RU_VERBS))
_NAME_AFTER = re.compile(rf"\s+(?P<name>{NAME}|{_CYR_NAME})\b")
_NAME_BEFORE = re.compile(rf"(?<![\w-])(?P<name>{NAME}|{_CYR_NAME})\s+\Z")
_NAME_LENGTH = 60  # characters a name before its verb may take
_AROUND_TITLE = 60  # characters either side of a title word where its speech verb stands
MAX_GAP = 1500  # characters between a position and the name it is paired with (a few sentences)


def find_speaker_officials(text: str, title_starts: list[int], officials: list[OfficialMention],
                           seen_keys: set[str]) -> list[OfficialMention]:
    """Speakers named without a position, paired with nearby positions named without a person."""
    held = [o.position.lower() for o in officials]
    positions: dict[int, tuple[int, str]] = {}
    spans = sorted((o.start, o.end) for o in officials)
    length = len(text)
    verb_ends = _verb_ends(text)
    for title in title_starts:
        low, high = max(0, title - _AROUND_TITLE), min(length, title + _AROUND_TITLE)
        if not _has_speech_verb(text, low, high, verb_ends):
            continue
        before = bisect_right(spans, (title, length + 1)) - 1
        if before >= 0 and spans[before][0] <= title < spans[before][1]:
            continue  # the title of a named official
        for pattern in UNNAMED[:2] if text[title].isascii() else UNNAMED[2:]:
            for match in pattern.finditer(text, low, high):
                position = " ".join(match.group("position").split())
                if match.start("position") <= title < match.end("position") and not _held(position, held):
                    positions[match.start("position")] = (match.end("position"), position)
    if not positions:
        return []
    names: dict[int, tuple[int, str]] = {}
    around_positions = _merged([(max(0, p - MAX_GAP), min(length, p + MAX_GAP)) for p in sorted(positions)])
    for low, high in around_positions:
        for verb in _speech_verbs(text, low, high, verb_ends):
            after = _NAME_AFTER.match(text, verb.end(), high)
            name_before = _NAME_BEFORE.search(text[max(low, verb.start() - _NAME_LENGTH):verb.start()])
            if after:
                names.setdefault(after.start("name"), (after.end("name"), after.group("name")))
            if name_before:
                start = max(low, verb.start() - _NAME_LENGTH) + name_before.start("name")
                names.setdefault(start, (start + len(name_before.group("name")), name_before.group("name")))
    found, free = [], dict(positions)
    for start, (end, name) in sorted(names.items()):
        if not free:
            break  # every unnamed position has its speaker
        key = person_key(name)
        if key in seen_keys or not _plausible_name(name):
            continue
        nearest = min(free, key=lambda p: abs(p - start))
        if abs(nearest - start) > MAX_GAP:
            continue
        position = free.pop(nearest)[1]
        seen_keys = seen_keys | {key}
        found.append(OfficialMention(start, end, name, position, organisation_of(position)))
    return found


def _verb_ends(text: str) -> list[int]:
    """Where the last letter of a speech verb stands, in text order (one scan: a few ms per MB)."""
    return sorted(verb_end.start() for scan in _VERB_END_SCANS for verb_end in scan.finditer(text))


def _has_speech_verb(text: str, low: int, high: int, verb_ends: list[int]) -> bool:
    """Whether ``_SPEECH_VERB.search(text, low, high)`` finds a verb, searched only from just
    before the first of ``verb_ends`` (every verb's last letter in the window is among them)."""
    first_end = bisect_left(verb_ends, low)
    if first_end == len(verb_ends) or verb_ends[first_end] >= high:
        return False  # no speech verb can end in the window
    # a verb that ends at or after that letter starts at most _LONGEST_VERB before it
    return _SPEECH_VERB.search(text, max(low, verb_ends[first_end] - _LONGEST_VERB + 1), high) is not None


def _speech_verbs(text: str, low: int, high: int, verb_ends: list[int]) -> list[re.Match[str]]:
    """What ``_SPEECH_VERB.finditer(text, low, high)`` finds, searched only from just before
    each of ``verb_ends`` (every verb's last letter in the window is among them)."""
    verbs: list[re.Match[str]] = []
    cursor = low
    for index in range(bisect_left(verb_ends, low), len(verb_ends)):
        verb_end = verb_ends[index]
        if verb_end >= high:
            break
        if verb_end < cursor:
            continue  # the last letter of a verb found already
        verb = _SPEECH_VERB.search(text, max(cursor, verb_end - _LONGEST_VERB + 1), high)
        if verb is None:
            break
        verbs.append(verb)
        cursor = verb.end()
    return verbs


def _merged(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for low, high in ranges:
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _held(position: str, held: list[str]) -> bool:
    """A named official of the document already holds this post ("the Minister said" after
    "Minister Name opened …" is that minister)."""
    last = position.lower().split()[-1]
    return any(last in other for other in held)
