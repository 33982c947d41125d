"""Official suggestions: a public position attached to a personal name, before or after
it, in Latin or Cyrillic script ("Minister of Healthcare Azhar Giniyat", "Alikhan
Smailov, Prime Minister", "Аким Каракольского района Данияр Омаров", "Kazakh PM Name",
"Name, the city's mayor", "Astana Akim (Mayor) Name", Latin-script Kazakh "… vıtse-mınıstri
Name"), and speakers named only as "added Name" whose position the text gives nearby
("…," the Mayor said) - see speakers.py."""

from __future__ import annotations

import re
from functools import lru_cache

from claimdesk.core.names import name_key
from claimdesk.core.suggest.results import OfficialMention

# a release names its people again and again (each mention, each "Name said"): their keys are
# kept by name, never by sentence
person_key = lru_cache(maxsize=1024)(name_key)

_CAP = r"[A-Z][\w’'-]*"
# "and" joins a body's words ("Trade and Integration") but not two posts in a list
_CONNECT = (r"(?:\s+(?:of|for|on|in|the|&)\b|\s+and\b(?!\s+(?:Deputy|Vice|First|Minister|Akim|Rector|Governor|"
            r"Mayor|Director|Chairman|President|Head)\b))*\s+")
_PLACE_WORD = r"(?:region|city|district|oblast|province)\b"  # "Akim of Zhanaqala region" keeps "region"
_OF = rf"(?:\s+of\s+(?:the\s+)?{_CAP}(?:{_CONNECT}(?:{_CAP}|{_PLACE_WORD}))*)?"
_CORE = (r"(?:Prime\s+Minister|PM|Minister|Akim|Chairman|Chairwoman|Chairperson|Chair|President|Rector|Governor|Mayor|"
         r"Director(?:\s+General)?|Ambassador|Speaker|Commissioner|Ombudsman|Prosecutor\s+General|Head|"
         r"State\s+Secretary|Secretary(?:\s+General)?|Chief\s+Executive(?:\s+Officer)?|CEO)")
_MODIFIERS = r"(?:(?:First|Vice|Deputy|Acting|Executive)[\s-]+)*"
_BEFORE_CORE = rf"(?:{_CAP}(?:\s+and)?\s+)*?"  # "Deputy Defense Minister", "Digital Development Minister"
_GLOSS = r"(?:\s+\([A-Z][a-z]+(?:\s+[A-Za-z]+){0,2}\))?"  # "Astana Akim (Mayor) Name"
_ONE_POSITION = rf"{_MODIFIERS}{_BEFORE_CORE}{_MODIFIERS}{_CORE}{_GLOSS}{_OF}"
POSITION = rf"{_ONE_POSITION}(?:\s+[–—-]\s+{_ONE_POSITION})?"
_NAME_TOKEN = r"[A-Z][a-z’']+(?:-[A-Z][a-z’']+)?"
NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,2}}"

# lower-case titles need a word that makes them a post: "current mayor Name", "Name, the
# company's director", "Name, Nur-Sultan's mayor"
_LOWER_CORE = (r"(?:(?:deputy\s+|vice[\s-]+|first\s+)*(?:prime\s+minister|minister|akim|mayor|governor|director"
               r"(?:\s+general)?|chairman|chairwoman|president|rector|ambassador|chief\s+executive|head))")
_LOWER_OF = r"(?:\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})?"
_POST_MODIFIER = r"(?:current|former|then|new|acting|incumbent|late)"
_OWNER = r"(?:(?P<owner>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)|the\s+[a-z]+|its|their|his|her)[’']s?\s+"
_NAME_THEN_POST = rf"(?:(?:the\s+)?(?:{_POST_MODIFIER}\s+)?{_OWNER}|(?:the\s+)?{_POST_MODIFIER}\s+)"

_CYR_UPPER, _CYR_LOWER = "А-ЯЁӘҒҚҢӨҰҮҺІ", "а-яёәғқңөұүһі"
_CYR_NAME = (rf"[{_CYR_UPPER}][{_CYR_LOWER}]+(?:-[{_CYR_UPPER}][{_CYR_LOWER}]+)?\s+[{_CYR_UPPER}][{_CYR_LOWER}]+"
             rf"(?:\s+[{_CYR_UPPER}][{_CYR_LOWER}]+(?:вич|вна|ұлы|қызы))?")
# "Аким Алматы Ерболат Досаев": when the word after a position-first name is a surname, the
# name's first word was a place that belongs to the position (see _shift_into_position)
_NEXT_SURNAME = re.compile(rf"\s+([{_CYR_UPPER}][{_CYR_LOWER}]+(?:ов|ев|ёв|ин|ова|ева|ёва|ина|ына|ский|ская|цкий|"
                           rf"цкая|ұлы|қызы))\b")
_CYR_WORD = rf"[{_CYR_UPPER}{_CYR_LOWER}-]+"
_RU_CORE = (r"(?:(?:[Пп]ервый\s+)?(?:[Вв]ице-|[Зз]аместитель\s+)?(?:[Пп]ремьер-)?[Мм]инистра?|[Аа]кима?|[Мм]эр|"
            r"[Гг]убернатор|[Дд]иректор|[Пп]резидент|[Пп]редседатель(?:\s+правления)?|[Рр]ектор|[Гг]лава)")
_RU_POSITION = rf"{_RU_CORE}(?:\s+{_CYR_WORD}){{0,5}}?"
# after "Name, " the position runs over words that are not verbs in the past or present tense
_RU_TAIL_WORD = rf"(?:[{_CYR_UPPER}{_CYR_LOWER}-]+(?<!л)(?<!ла)(?<!ли)(?<!ет)(?<!ит)(?<!ют)(?<!ят)(?<!ся))"
_KK_POSITION = (rf"(?<![\w-])(?:[{_CYR_UPPER}][{_CYR_LOWER}-]+(?:\s+[{_CYR_LOWER}-]+){{0,2}}\s+)?"
                rf"(?:министрі(?:нің\s+(?:бірінші\s+)?орынбасары)?|вице-министрі|әкімі|"
                rf"төрағасы|ректоры|Президенті|Премьер-Министрі)")
# Kazakh in Latin script (the 2021 alphabet: á ǵ ı ń ó ú ý ...): "Aýyl sharýashylyǵy vıtse-mınıstri"
_KKL_UPPER, _KKL_LOWER = "A-ZÁÄǴIİŃÓÖŞÚÜÝ", "a-záäǵıińóöşúüýç’'"
_KKL_NAME = (rf"[{_KKL_UPPER}][{_KKL_LOWER}]+(?:-[{_KKL_UPPER}][{_KKL_LOWER}]+)?\s+[{_KKL_UPPER}][{_KKL_LOWER}]+"
             rf"(?!\s+[{_KKL_UPPER}])")
_KKL_POSITION = (rf"(?<![\w-])(?:[{_KKL_UPPER}][{_KKL_LOWER}]+(?:\s+[{_KKL_LOWER}]+){{0,2}}\s+)?"
                 rf"(?:(?:vıtse-)?mınıstri(?:niń\s+(?:birinshi\s+)?orynbasary)?|ákimi|tóraǵasy|rektory|"
                 rf"Prezıdenti|Premer-Mınıstri)")

# the lookaheads name each pattern's possible first letters: sre then skips other positions
# quickly (the English position-first pattern 2.6x faster, the Russian one 10x on the seeds)
PATTERNS = [
    re.compile(rf"(?=[A-Z])(?P<position>{POSITION}),?\s+(?P<name>{NAME})\b"),
    re.compile(rf"(?P<name>{NAME}),\s+(?:the\s+)?(?P<position>{POSITION})\b"),
    re.compile(rf"(?P<name>{NAME})\s+(?:named|appointed|elected)\s+(?:as\s+)?(?:the\s+)?(?:new\s+)?"
               rf"(?P<position>{POSITION})\b"),
    re.compile(rf"(?=[ПпВвЗзМмАаРрГгДд])(?P<position>{_RU_POSITION})\s+(?P<name>{_CYR_NAME})\b"),
    re.compile(rf"(?=[{_CYR_UPPER}{_CYR_LOWER}-])(?P<position>{_KK_POSITION})\s+(?P<name>{_CYR_NAME})\b"),
    re.compile(rf"(?=[cftnaild])(?P<position>{_POST_MODIFIER}\s+{_LOWER_CORE}{_LOWER_OF})\s+(?P<name>{NAME})\b"),
    re.compile(rf"(?P<name>{NAME}),\s+(?P<position>{_NAME_THEN_POST}{_LOWER_CORE}{_LOWER_OF})\b"),
    re.compile(rf"(?P<name>{_CYR_NAME}),\s+(?P<position>{_RU_CORE}(?:\s+{_RU_TAIL_WORD}){{0,4}})(?=[\s,.;:)—–-])"),
    re.compile(rf"(?=[{_KKL_UPPER}{_KKL_LOWER}])(?P<position>{_KKL_POSITION})\s+(?P<name>{_KKL_NAME})\b"),
    re.compile(rf"(?P<owner_of>{_NAME_TOKEN})[’']s\s+(?P<position>successor|predecessor),?\s+(?P<name>{NAME})\b"),
    re.compile(rf"(?P<position>(?:[Tt]he\s+[a-z]+|(?P<owner>[A-Z][\w-]*))[’']s\s+{_LOWER_CORE}{_LOWER_OF}),?\s+"
               rf"(?P<name>{NAME})\b"),
]
_NOT_NAME = {"The", "This", "That", "These", "According", "In", "On", "At", "As", "For", "From", "With", "By",
             "Kazakhstan", "Government", "Republic", "Ministry", "Region", "City", "Akimat", "National", "State",
             "Astana", "Almaty", "Parliament", "Senate", "Majilis", "Mazhilis", "President", "Minister", "Akim",
             "Deputy", "Vice", "First", "Head", "Prime", "Chairman", "Council", "Committee", "Agency", "Fund",
             "Office", "Department", "Administration", "Board", "Today", "Also", "He", "She", "They", "It",
             "During", "After", "Before", "Under", "Meanwhile", "However", "Moreover", "Earlier", "Later",
             "Qazinform", "Kazinform", "News", "Information", "Culture", "Education", "Healthcare", "Health",
             "Finance", "Energy", "Science", "Higher", "Labor", "Social", "Digital", "Development", "Affairs",
             "Artificial", "Intelligence", "Defense", "Defence", "Foreign", "Internal", "Justice", "Economy",
             "Industry", "Construction", "Transport", "Agriculture", "Ecology", "Tourism", "Sports", "Trade",
             "Integration", "Emergency", "Situations", "Water", "Resources", "Management", "University",
             "Academy", "Sciences", "Center", "Centre", "Institute", "Bank", "Company", "Holding", "Corporation"}
_POSITION_WORDS = re.compile(r"\b(?:Minister|Akim|Chairman|President|Rector|Head|Prime)\b")


def mention(start: int, end: int, name: str, position: str, organisation: str,
            successor_of: str = "") -> OfficialMention:
    """``OfficialMention(...)`` without the frozen dataclass's per-field ``object.__setattr__``
    (a release names its officials again and again)."""
    built = object.__new__(OfficialMention)
    built.__dict__.update(start=start, end=end, name=name, position=position, organisation=organisation,
                          successor_of=successor_of)
    return built


assert list(OfficialMention.__dataclass_fields__) == ["start", "end", "name", "position", "organisation",
                                                      "successor_of"]


# case-sensitive and all literals on purpose: sre then jumps between candidate first letters.
# With IGNORECASE this one scan took 0.37 s per MB, with [Мм]-style classes 0.08 s, as literals 0.01 s.
# Each title word names the family of patterns that can use it; a sentence runs only those.
_FAMILIES = {
    "latin": (["Minister", "Akim", "Chair", "President", "Rector", "Governor", "Mayor", "Director", "Ambassador",
               "Speaker", "Commissioner", "Ombudsman", "Prosecutor", "Head", "Secretary", "Chief", "CEO", "PM"],
              (0, 1, 2)),
    "latin lower": (["minister", "mayor", "akim", "governor", "director", "chairman"], (5, 6, 10)),
    "successor": (["successor"], (9,)),
    "cyrillic": ([case(word) for word in ("министр", "аким", "президент", "председател", "ректор", "глава", "мэр",
                                          "губернатор", "директор") for case in (str.lower, str.capitalize)]
                 + ["әкімі"], (3, 4, 7)),
    "kazakh latin": (["mınıstri", "ákimi", "tóraǵasy", "rektory", "Prezıdenti", "Mınıstri"], (8,)),
}
_FAMILY_OF = {word: family for family, (words, _) in _FAMILIES.items() for word in words}
# one regex scan finds the words that open with a capital or a Cyrillic letter (sre skips Latin
# running text fast); lower-case Latin first letters are everywhere, and a regex of those words
# took 4x that scan, so str.find looks for them word by word (Latin-script Kazakh only where
# the text has its dotless ı)
_SCANNED = [word for word, family in _FAMILY_OF.items() if family in ("latin", "cyrillic")]
TITLE_WORD = re.compile("|".join(sorted(_SCANNED, key=len, reverse=True)))
_FOUND_ONE_BY_ONE = [(word, family) for word, family in _FAMILY_OF.items() if word not in _SCANNED]


def title_hits(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, pattern family) of each title word in text[start:end], in text order."""
    end = len(text) if end is None else end
    hits = [(m.start(), m.end(), _FAMILY_OF[m.group(0)]) for m in TITLE_WORD.finditer(text, start, end)]
    kazakh_latin = text.find("ı", start, end) >= 0
    for word, family in _FOUND_ONE_BY_ONE:
        if family == "kazakh latin" and not kazakh_latin:
            continue
        at = text.find(word, start, end)
        while at >= 0:
            hits.append((at, at + len(word), family))
            at = text.find(word, at + 1, end)
    return sorted(hits)


_LEAD_BEFORE_TITLE = 160  # characters: "Deputy Minister", "Mr Daniyar Omarov, the First Deputy Prime Minister"
_TRAIL_AFTER_TITLE = 240  # "Minister of Ecology and Natural Resources of the Republic of Kazakhstan Yerlan Nyssanbayev"
# cheap tests before a pattern: the window must hold one of these ("name, position" needs its
# comma, "X appointed Y" its verb, "current mayor Name" its modifier)
_NEEDS_ANY = {1: (",",), 2: ("named", "appointed", "elected"),
              5: ("current", "former", "then", "new", "acting", "incumbent", "late"), 6: (",",), 7: (",",),
              10: ("’s", "'s")}
_DROPPED_MODIFIER = re.compile(r"^(?:[Tt]he\s+)?(?:current\s+|new\s+|incumbent\s+|then\s+)?")
_NATIONAL = re.compile(r"^Kazakh(?:stan[’']s)?\s+(?=[A-Z])")


def find_officials(text: str, start: int = 0, end: int | None = None,
                   titles: list[tuple[int, int, str]] | None = None) -> list[OfficialMention]:
    """Officials in text[start:end]; ``titles`` are its title_hits when the caller has them."""
    end = len(text) if end is None else end
    found: list[OfficialMention] = []
    titles = title_hits(text, start, end) if titles is None else titles
    if not titles:
        return found  # most sentences name no position: skip the patterns
    # a mention holds its title word: at most a few capitalised words come before it and a
    # name (or an "of ..." body, then a name) after it; the window ends at a word boundary
    start = max(start, titles[0][0] - _LEAD_BEFORE_TITLE)
    boundary = text.find(" ", titles[-1][1] + _TRAIL_AFTER_TITLE, end)
    end = end if boundary < 0 else boundary
    if len(titles) == 1:  # most often
        patterns, last_title_letter = _PATTERNS_OF_FAMILY[titles[0][2]], titles[0][1] - 1
    else:
        patterns = _patterns_for(frozenset(family for _, _, family in titles))
        last_title_letter = max(hit[1] for hit in titles) - 1
    for pattern, needs, held_by_title in patterns:
        if needs is not None and needs.search(text, start, end) is None:
            continue
        # pattern.finditer(text, start, end), without the last search's scan of the rest of the
        # window when no match can start there: after the last title word (see _HOLD_A_TITLE)
        last_start = last_title_letter if held_by_title else end
        cursor = start
        while cursor <= last_start:
            match = pattern.search(text, cursor, end)
            if match is None:
                break
            cursor = match.end()
            name, position = match.group("name"), " ".join(match.group("position").split())
            match_end = match.end()
            if pattern is PATTERNS[3] or pattern is PATTERNS[4]:
                name, position, match_end = _shift_into_position(text, name, position, match_end, end)
            if not _plausible_name(name) or not position:
                continue
            if any(f.start <= match.start() < f.end or match.start() <= f.start < match.end() for f in found):
                continue
            groups = match.groupdict()
            successor_of = groups.get("owner_of") or ""
            position = _position_as_written(position, groups.get("owner"), successor_of)
            found.append(mention(match.start(), match_end, name, position, organisation_of(position), successor_of))
    return sorted(found, key=lambda f: f.start) if len(found) > 1 else found


@lru_cache(maxsize=64)  # keyed by a set of pattern families: a handful of keys in any text
def _patterns_for(families: frozenset[str]) -> tuple[tuple[re.Pattern[str], re.Pattern[str] | None, bool], ...]:
    """The patterns title words of these families can use, in pattern order, each with the
    scan that must find one of its needed words in the window (None: needs none) and whether
    its matches hold a title word (_HOLD_A_TITLE)."""
    indices = sorted({index for family in families for index in _FAMILIES[family][1]})
    return tuple((PATTERNS[index], _NEEDS_SCAN.get(index), index in _HOLD_A_TITLE) for index in indices)


_NEEDS_SCAN = {index: re.compile("|".join(map(re.escape, keys))) for index, keys in _NEEDS_ANY.items()}
# The patterns whose every position holds a word TITLE_WORD scans for (Minister, Mayor, аким …;
# "Prime Minister" holds Minister): such a word is a title hit, or inside one where a longer hit
# overlaps it ("PMinister"), so none of their matches starts after the last letter of a title
# hit. Not so the lower-case posts ("the current president", "tóraǵasy"), and "predecessor".
_HOLD_A_TITLE = frozenset({0, 1, 2, 3, 7})
_PATTERNS_OF_FAMILY = {family: _patterns_for(frozenset({family})) for family in _FAMILIES}


def _shift_into_position(text: str, name: str, position: str, match_end: int, end: int) -> tuple[str, str, int]:
    following = _NEXT_SURNAME.match(text, match_end, end)
    if following is None or len(name.split()) != 2:
        return name, position, match_end
    first, second = name.split()
    return f"{second} {following.group(1)}", f"{position} {first}", following.end()


# the wording of a position, compiled once (each mention of an official asks)
_POSSESSIVE = re.compile(r"^(?:the\s+)?(?:(?:former|acting|late)\s+)?(.+?)[’']s?\s+(.+)$")
_KAZAKH_OWNER = re.compile(r"(?:Kazakhstan|Kazakh)$")
_DASHED = re.compile(r"\s+[–—-]\s+")
_MINISTER_OF = re.compile(r"Minister\s+of\s+(.+)$")
_OF_KAZAKHSTAN = re.compile(r"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?Kazakhstan$")
_NAMED_MINISTRY = re.compile(r"(?:First\s+|Vice\s+|Deputy\s+)*((?:[A-Z]\w+\s+(?:and\s+)?)+)Minister\b")
_AKIM_OF = re.compile(r"Akim\s+of\s+(.+)$")
_HEAD_OF = re.compile(r"\b(?:Board|Chairman|Chairwoman|Rector|President|Director|Head|Governor)\s+of\s+"
                      r"(?:the\s+)?(.+)$")
_NESTED_OF = re.compile(r"\bof\s+(?:the\s+)?(.+)$")


@lru_cache(maxsize=1024)  # a post is named again at each mention of its holder
def _position_as_written(position: str, owner: str | None, successor_of: str) -> str:
    """"Kazakhstan’s Minister of Health" -> "Minister of Health"; "Nur-Sultan’s mayor" -> "mayor
    of Nur-Sultan"; "the company’s director" -> "director"; "Name’s successor" -> "successor of Name"."""
    if successor_of:
        return f"{position} of {successor_of}"
    position = _DROPPED_MODIFIER.sub("", position)
    position = _NATIONAL.sub("", position).replace("PM", "Prime Minister")  # "Kazakh PM" is the post
    possessive = _POSSESSIVE.match(position)
    if possessive and ("’" in position or "'" in position):
        core = possessive.group(2)
        if owner and not _KAZAKH_OWNER.match(owner) and owner == possessive.group(1) \
                and not core[:1].isupper():
            return f"{core} of {owner}"
        return core
    return position


@lru_cache(maxsize=1024)  # a name recurs at each mention of its holder
def _plausible_name(name: str) -> bool:
    tokens = name.split()
    return (len(tokens) >= 2 and not any(t in _NOT_NAME for t in tokens)
            and not _POSITION_WORDS.search(name))


@lru_cache(maxsize=1024)  # a post is named again at each mention of its holder
def organisation_of(position: str) -> str:
    """The body a position belongs to, where its wording says so."""
    last = _DASHED.split(position)[-1]
    ministry = _MINISTER_OF.search(last)
    if ministry:
        return "Ministry of " + _OF_KAZAKHSTAN.sub("", ministry.group(1))
    named_ministry = _NAMED_MINISTRY.search(last)
    if named_ministry and named_ministry.group(1).strip() not in ("Prime",):
        return "Ministry of " + named_ministry.group(1).strip()
    akim = _AKIM_OF.search(last)
    if akim:
        return "Akimat of " + akim.group(1)
    other = _HEAD_OF.search(last)
    if other and other.group(1) not in ("State", "Government"):
        nested = _NESTED_OF.search(other.group(1))
        return nested.group(1) if nested and "Board" in last else other.group(1)
    return ""
