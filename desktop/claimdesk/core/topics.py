"""Common programme topics that releases state without a name ("gasification of the
country", «газификация», «газдандыру»): a small lexicon in English, Russian and Kazakh
(Cyrillic and the Latin alphabet of 2021) whose entries become subjects.

Patterns match lower-cased text. A topic that ``absorbs_named`` takes in the named
subjects whose name states it ("Astana LRT" is the light rail project a city builds);
one that does not keeps named members apart ("Kokshetau TPP" and "Semey TPP" are two
plants, both thermal power plants). The same scan finds facility words ("airport",
«завод») that a name next to them makes a subject (``core.subjects``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    key: str
    name: str
    category: str
    pattern: re.Pattern[str]
    absorbs_named: bool = True


def _topic(key: str, name: str, category: str, pattern: str, absorbs_named: bool = True) -> Topic:
    return Topic(key, name, category, re.compile(pattern), absorbs_named)


TOPICS: tuple[Topic, ...] = (
    _topic("topic gasification", "Gasification", "programme",
           r"gasifi\w*|газифик\w*|газдандыр\w*|gazdandyr\w*|gas supply|газоснабжен\w*|"
           r"access to (?:natural )?gas|доступ\w* к газу"),
    _topic("topic housing", "Housing construction", "programme",
           r"housing|residential (?:construction|buildings?)|жиль\w*|жилищн\w*|тұрғын үй\w*|turǵyn úı\w*"),
    _topic("topic grain", "Grain harvest", "programme",
           r"harvest\w*|grains?\b|wheat|урожа\w*|зерн\w*|пшениц\w*|уборочн\w*|астық\w*|astyq\w*|бидай\w*|"
           r"bıdaı\w*|егін\w*|egin\b"),
    _topic("topic minimum wage", "Minimum wage and social payments", "programme",
           r"minimum (?:wage|salary)|минимальн\w+ (?:заработн\w+|зарплат\w+|размер\w+ оплат\w+)|мзп|"
           r"ең төменгі жалақы\w*|\bетж\b|pensions?\b|пенси\w*|зейнетақы\w*|social (?:aid|payments?|benefits?)|"
           r"социальн\w+ выплат\w*|әлеуметтік төлем\w*|subsistence|прожиточн\w+|monthly calculation index|"
           r"\bмрп\b|\bаек\b|айлық есептік"),
    _topic("topic light rail", "Light rail (LRT)", "project",
           r"light[- ]rail\w*|\blrt\b|легкорельс\w*|\bлрт\b"),
    _topic("topic thermal power plants", "Thermal power plants", "facility",
           r"thermal power (?:plant|station)s?|\bchps?\b|\btpps?\b|combined heat and power|\bтэц\b|"
           r"жылу электр орталығ\w*", absorbs_named=False),
    _topic("topic rural healthcare", "Healthcare", "programme",
           r"health\s?care|medical (?:facilit|organi[sz]ation|institution)\w*|feldsher\w*|"
           r"здравоохранени\w*|медицинск\w+ (?:объект|организац|учрежден)\w*|денсаулық сақта\w*"),
    _topic("topic schools", "Schools", "programme", r"schools?\b|школ\w*|мектеп\w*|mektep\w*"),
    _topic("topic broadband", "Broadband internet", "programme",
           r"broadband|internet|интернет\w*|ғаламтор\w*|ǵalamtor\w*"),
    _topic("topic roads", "Roads", "programme",
           r"\broads?\b|highways?\b|автодорог\w*|автомобильн\w+ дорог\w*|автомобиль жол\w*"),
    _topic("topic kindergartens", "Kindergartens", "programme",
           r"kindergartens?|pre-?schools?|детск\w+ сад\w*|дошкольн\w+|балабақша\w*|balabaqsha\w*"),
    _topic("topic utilities", "Utility networks", "programme",
           r"utilit(?:y|ies)|heating networks?|жкх|коммунальн\w+|теплосет\w*|тепловых сет\w*|жылу желі\w*|"
           r"тұрғын үй-коммуналдық"),
    _topic("topic tourism", "Tourism", "programme", r"touris\w*|туризм\w*|турист\w*"),
    _topic("topic economy", "Economy (GDP, inflation)", "programme",
           r"gdp|gross domestic product|ввп|валов\w+ внутренн\w+ продукт\w*|\bжім\b|inflation|инфляци\w*|"
           r"инфляция\w*"),
    _topic("topic water supply", "Water supply", "programme",
           r"water supply|drinking water|водоснабжен\w*|питьев\w+ вод\w*|ауыз су\w*|сумен жабдықта\w*"),
)

def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (``|`` outside brackets)."""
    parts, depth, current, index = [], 0, "", 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            current += pattern[index:index + 2]
            index += 2
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
        index += 1
    return parts + [current]


def _by_first_letter(patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    """Every pattern's alternatives in one pattern, grouped under their first letter: the scan
    then tries one group per word start instead of eighty branches (25 ms per MB against
    100 for a plain alternation and 230 for one scan per topic)."""
    groups: dict[str, list[str]] = {}
    for pattern in patterns:
        for alternative in _alternatives(pattern.pattern):
            alternative = alternative.removeprefix(r"\b")
            first = alternative[0] if alternative[:1].isalpha() else ""
            groups.setdefault(first, []).append(alternative[1:] if first else alternative)
    branches = [f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()]
    return re.compile(r"\b(?:" + "|".join(branches) + ")")


# kinds of facility that a name before them (English) or after them (Russian, Kazakh) makes
# a subject: "Almaty International Airport", «аэропорт Алматы»
FACILITY_WORDS = re.compile(
    r"(?:international )?airport|metro|ring road|refinery|seaport|bridge|stadium|pipeline|highway|motorway|"
    r"reservoir|plant|factory|аэропорт\w*|метрополитен\w*|нпз|завод\w*|комбинат\w*|стадион\w*|әуежай\w*")

# matches exactly where some topic's own pattern, or a facility word, matches at a word start
ANY_KEYWORD = _by_first_letter([t.pattern for t in TOPICS] + [FACILITY_WORDS])

# words a topic's name may carry without naming anything more specific
_FILLER = re.compile(
    r"\b(?:the|of|in|for|and|a|an|country|nation(?:al|wide)?|kazakhstan|republic|state|programme|program|project|"
    r"modern[a-z]*|development|construction|populated|areas?|settlements|population|rural|"
    r"страны|республики|казахстана|в|и|по|программа|проект|развити\w*|модернизац\w*|строительств\w*|сельск\w*|"
    r"ауыл\w*|жаңғырт\w*|"
    r"населенн\w+|пункт\w*|ел\w*|елдің|бағдарлама\w*|жоба\w*|ұлттық)\b")


def topic_of_name(name: str) -> Topic | None:
    """The topic a name states and nothing more ("gasification of the country",
    «газификация», "Light rail (LRT)"), or None."""
    lowered = name.lower()
    for topic in TOPICS:
        if topic.pattern.search(lowered):
            rest = _FILLER.sub(" ", topic.pattern.sub(" ", lowered))
            if not re.search(r"\w", rest):
                return topic
    return None


def absorbs_named(key: str) -> bool:
    return next((t.absorbs_named for t in TOPICS if t.key == key), False)
