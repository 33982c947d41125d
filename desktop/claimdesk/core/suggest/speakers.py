"""Officials named only as the speaker of a quote, with their position in another clause or
sentence: '"…," the Mayor said. … "…," added Name.' or 'заявил глава Минэнерго … сказал
Имя Фамилия'. Each such name is paired with the nearest unnamed speaking position within a few
sentences that no named official of the document already holds; the name is the quote and the
position comes from the context (one claim per person: names already suggested are skipped).

Cheap on purpose: the unnamed positions are looked for only around title words the caller has
already found, and names only near those positions."""

from __future__ import annotations

import re

from claimdesk.core.names import name_key
from claimdesk.core.suggest.officials import (NAME, OfficialMention, _CYR_NAME, _RU_CORE, _plausible_name,
                                              organisation_of)

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
# names that speak without a position: "added Name", "Name said", "сказал Имя Фамилия"
NAMED = [
    re.compile(rf"\b{_EN_VERB}\s+(?P<name>{NAME})\b"),
    re.compile(rf"\b(?P<name>{NAME})\s+{_EN_VERB}\b"),
    re.compile(rf"{_RU_VERB}\s+(?P<name>{_CYR_NAME})"),
    re.compile(rf"(?<![\w-])(?P<name>{_CYR_NAME})\s+{_RU_VERB}\b"),
]
_AROUND_TITLE = 80  # characters either side of a title word where its speech verb stands
MAX_GAP = 1500  # characters between a position and the name it is paired with (a few sentences)


def find_speaker_officials(text: str, title_starts: list[int], officials: list[OfficialMention],
                           seen_keys: set[str]) -> list[OfficialMention]:
    """Speakers named without a position, paired with nearby positions named without a person."""
    held = [o.position.lower() for o in officials]
    positions: dict[int, tuple[int, str]] = {}
    for title in title_starts:
        if any(o.start <= title < o.end for o in officials):
            continue
        low, high = max(0, title - _AROUND_TITLE), min(len(text), title + _AROUND_TITLE)
        for pattern in UNNAMED:
            for match in pattern.finditer(text, low, high):
                position = " ".join(match.group("position").split())
                if match.start("position") <= title < match.end("position") and not _held(position, held):
                    positions[match.start("position")] = (match.end("position"), position)
    if not positions:
        return []
    names: dict[int, tuple[int, str]] = {}
    for start in positions:
        low, high = max(0, start - MAX_GAP), min(len(text), start + MAX_GAP)
        for pattern in NAMED:
            for match in pattern.finditer(text, low, high):
                names.setdefault(match.start("name"), (match.end("name"), match.group("name")))
    found, free = [], dict(positions)
    for start, (end, name) in sorted(names.items()):
        key = name_key(name)
        if key in seen_keys or not _plausible_name(name) or not free:
            continue
        nearest = min(free, key=lambda p: abs(p - start))
        if abs(nearest - start) > MAX_GAP:
            continue
        position = free.pop(nearest)[1]
        seen_keys = seen_keys | {key}
        found.append(OfficialMention(start, end, name, position, organisation_of(position)))
    return found


def _held(position: str, held: list[str]) -> bool:
    """A named official of the document already holds this post ("the Minister said" after
    "Minister Name opened …" is that minister)."""
    last = position.lower().split()[-1]
    return any(last in other for other in held)
