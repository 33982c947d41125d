"""Officials named only as the speaker of a quote, with their position in another clause or
sentence: '"…," the Mayor said. … "…," added Name.' or 'заявил глава Минэнерго … сказал
Имя Фамилия'. Each such name is paired with the nearest unnamed speaking position within a few
sentences that no named official of the document already holds; the name is the quote and the
position comes from the context (one claim per person: names already suggested are skipped).

Cheap on purpose: the unnamed positions are looked for only around title words the caller has
already found, and names only near those positions."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from claimdesk.core.suggest.officials import (NAME, _CYR_NAME, _RU_CORE, _plausible_name, organisation_of,
                                              person_key)
from claimdesk.core.suggest.results import OfficialMention

_EN_VERB = (r"(?:said|added|noted|stated|told|explained|stressed|emphasi[sz]ed|announced|continued|concluded|"
            r"informed|underlined|recalled)")
_RU_VERB = r"(?:сказал|заявил|добавил|отметил|сообщил|озвучил|подчеркнул|рассказал|пояснил|уточнил|напомнил)а?"
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
    for title in title_starts:
        before = bisect_right(spans, (title, len(text) + 1)) - 1
        if before >= 0 and spans[before][0] <= title < spans[before][1]:
            continue  # the title of a named official
        low, high = max(0, title - _AROUND_TITLE), min(len(text), title + _AROUND_TITLE)
        if not _SPEECH_VERB.search(text, low, high):
            continue
        for pattern in UNNAMED[:2] if text[title].isascii() else UNNAMED[2:]:
            for match in pattern.finditer(text, low, high):
                position = " ".join(match.group("position").split())
                if match.start("position") <= title < match.end("position") and not _held(position, held):
                    positions[match.start("position")] = (match.end("position"), position)
    if not positions:
        return []
    names: dict[int, tuple[int, str]] = {}
    for low, high in _merged((max(0, p - MAX_GAP), min(len(text), p + MAX_GAP)) for p in sorted(positions)):
        for verb in _SPEECH_VERB.finditer(text, low, high):
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
