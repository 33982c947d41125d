"""What figures are about: subject mentions in a text, their keys, a document's dominant
subject and the subject and measure proposed for each claim (Qt-free, offline).

A subject is named (a quoted name after or before a cue such as "national project",
«программа», «ұлттық жобасы»; "X programme"; a facility such as "Astana LRT",
"Kokshetau TPP", "Almaty International Airport" or «аэропорт Алматы») or a common
programme topic stated without a name ("gasification of the country", «газификация»).
Topics come from a small multilingual lexicon (``core.topics``); a named subject whose
name states a topic is filed under the topic, so releases that name the programme and
releases that only describe it meet.

``subject_key`` is equal for variants of one name: case, quotes, punctuation, generic
words ("programme", «проект»), word order and script (Cyrillic is transliterated with
``core.names``) do not count; a name that only states a topic keys as that topic.

A document's dominant subject is the one its title and lead name, then the most
mentioned. A claim takes the document's subject when its sentence (else its paragraph)
names it; else the programme, project or facility its sentence names before the figure
(a programme or project also from its paragraph); else the document's subject.
Organisations named beside a figure (payers, operators) never take it over.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from claimdesk.core.claims import Claim
from claimdesk.core.kinds import FIGURE_KINDS
from claimdesk.core.measures import MeasureProposal, figure_span, measure_key, propose_measure
from claimdesk.core.names import name_key
from claimdesk.core.topics import ANY_KEYWORD, FACILITY_WORDS, TOPICS, Topic, absorbs_named, topic_of_name

__all__ = ["SubjectMention", "ClaimSubjectProposal", "MeasureProposal", "subject_key", "measure_key",
           "find_subject_mentions", "dominant_subject", "propose_measure", "propose_for_claims"]

LEAD_CHARS = 400  # the lead: the first paragraph, at most this long
TITLE_WEIGHT = 4.0
TOPIC_CONFIDENCE = 0.5  # a topic stated without a name
SENTENCE_WINDOW = 400
MEASURE_LOOKBACK = 250  # text before a claim's sentence that may name what it counts
CLAIMING = ("programme", "project", "initiative", "facility", "place")  # categories that take a claim

# generic words a name may carry or drop without becoming another subject
_GENERIC = {
    "the", "a", "an", "of", "for", "on", "and", "in", "to", "national", "project", "projects", "programme",
    "program", "programmes", "programs", "state", "government", "initiative", "llp", "jsc", "ltd", "llc", "plc",
    "национальный", "национального", "национальном", "проект", "проекта", "проекту", "проектом", "программа",
    "программы", "программе", "программу", "госпрограмма", "госпрограммы", "государственная", "государственной",
    "по", "и", "в", "тоо", "ао", "ұлттық", "жоба", "жобасы", "жобасын", "жобасының", "бағдарлама",
    "бағдарламасы", "бағдарламасын", "бағдарламасының", "мемлекеттік", "ulttyq", "zhoba", "jobasy",
    "bagdarlama", "bagdarlamasy",
}
# facility types written several ways: one token in the key
_FACILITY_SYNONYMS = [(re.compile(p), r) for p, r in [
    (r"\b(?:thermal power (?:plant|station)|combined heat and power (?:plant)?|chp|tpp|тэц)\b", " tpp "),
    (r"\b(?:light[- ]rail(?: transit| train| system)?|lrt|лрт|легкорельсов\w*(?: транспорт\w*)?)\b", " lrt "),
    (r"\b(?:hydro(?:electric)? power (?:plant|station)|hpp|гэс)\b", " hpp "),
    (r"\b(?:state district power (?:plant|station)|gres|грэс)\b", " gres "),
    (r"\b(?:international )?(?:airport|аэропорт\w*|әуежай\w*)", " airport "),
    (r"\b(?:plant|factory|завод\w*|комбинат\w*)", " plant "),
    (r"\b(?:refinery|нпз)\b", " refinery "),
    (r"\b(?:metro|метрополитен\w*)", " metro "),
]]
_QUOTES = "«»“”„\"'‘’"

# --- mention patterns: compiled once, each scans the text once -----------------------
# a cue right before a quoted name: its last one or two words (fullmatch on them is cheap,
# a search anchored at the window's end tried every position of it)
_CUE_BEFORE = re.compile(
    r"(?P<cue>national\s+projects?|state\s+programmes?|state\s+programs?|programmes?|programs?|projects?|"
    r"initiatives?|strategy|concept|национальн\w+\s+проект\w*|государственн\w+\s+программ\w*|госпрограмм\w*|"
    r"программ\w*|проект\w*|инициатив\w*|ұлттық\s+жоба\w*|бағдарлама\w*|жоба\w*|"
    r"(?:JSC|LLP|АО|ТОО|фонд\w*|Fund|company|компани\w*|corporation|корпорац\w*|holding|холдинг\w*|"
    r"агентств\w*|agency|bureau|бюро))", re.IGNORECASE)
_CUE_AFTER = re.compile(
    r"\s*(?P<cue>national\s+project|programme|program|project|initiative|ұлттық\s+жоба\w*|бағдарлама\w*|"
    r"жоба\w*|JSC|LLP|АО|ТОО)\b", re.IGNORECASE)
_SENTENCE_INSIDE = re.compile(r"[.!?]\s")
_QUOTED = re.compile(r"[«“\"]([^«»“”\"\n]{2,80})[»”\"]")
# Names before a cue ("Comfortable School national project") and facility names ("Astana
# LRT") are found from the cue or facility type, which are rare, and then read backwards in
# a short window: scanning for capitalised words first cost 50 ms per MB.
_CUE_WORD = re.compile(r"(?:pro(?:gramme|gram|ject)|initiative)s?\b")  # literal-led: a fast scan
_CUE_QUALIFIER = re.compile(r"(?:national|state|government)\s+$")
_FACILITY_TYPE = re.compile(r"\b(?:LRT|BRT|GRES(?:-\d+)?|CHP(?:-\d+)?|TPP(?:-\d+)?|HPP|NPP|ГРЭС(?:-\d+)?|"
                            r"ТЭЦ(?:-\d+)?|ГЭС|АЭС)\b|power\s+(?:plant|station)\b")
_POWER_KIND = re.compile(r"(?:thermal|hydro(?:electric)?|nuclear|solar|wind)\s+$")
# "the national project for the modernisation of rural healthcare, which …"
_NAME_AFTER = re.compile(r"\s+(?:on|for|of|to)?\s*((?:[a-z][\w-]*\s+){0,6}?[a-z][\w-]*)"
                         r"(?=\s*(?:[,.;:(]|\s(?:is|are|was|were|will|has|have|which|that|in|at)\b))")
_OPENS_SENTENCE = re.compile(r"(?:[.!?…]\s+|\n\s*)$")
_CAPITALISED_AFTER = re.compile(r"\s+[«\"]?(?:[А-ЯЁӘҒҚҢӨҰҮҺІA-Z][\w-]+)(?:\s+[А-ЯЁӘҒҚҢӨҰҮҺІA-Z][\w-]+)?")
_PLACE_AFTER = re.compile(r"\s+in\s+([A-Z][\w’'-]+(?:-[A-Z][\w-]+)?)")
_ORGANISATION_CUE = re.compile(r"^(?:jsc|llp|ао|тоо|фонд|fund|compan|компани|corporat|корпорац|holding|холдинг|"
                               r"агентств|agency|bureau|бюро)", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")
_NAME_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_START_WORDS = {"the", "a", "an", "this", "that", "its", "their", "our", "in", "on", "of", "as", "by", "under"}


@dataclass(frozen=True)
class _Cue:
    """A cue or facility type found in a text, read like a match."""

    begin: int
    finish: int
    text: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.text


@dataclass(frozen=True)
class SubjectMention:
    start: int
    end: int
    name: str
    key: str
    category: str
    confidence: float


@dataclass(frozen=True)
class ClaimSubjectProposal:
    claim_id: int
    subject: SubjectMention | None
    measure: MeasureProposal | None
    confidence: float


@lru_cache(maxsize=4096)
def subject_key(name: str) -> str:
    """Equal for variants of one subject's name (see the module docstring)."""
    topic = topic_of_name(name)
    if topic is not None:
        return topic.key
    text = name.lower()
    for pattern, replacement in _FACILITY_SYNONYMS:
        text = pattern.sub(replacement, text)
    words = [w for w in re.findall(r"\w+", text.replace("_", " ")) if w not in _GENERIC]
    keyed = sorted(w if w.isdigit() else (name_key(w) or w) for w in words)
    return " ".join(keyed)


def find_subject_mentions(text: str, language: str | None = None) -> list[SubjectMention]:
    """Every subject mention in ``text``, in order of position (``language`` is accepted for
    callers that know it; the patterns of all three languages run either way)."""
    found: list[SubjectMention] = []
    for match in _QUOTED.finditer(text):
        mention = _quoted(text, match)
        if mention:
            found.append(mention)
    for found_cue in _CUE_WORD.finditer(text):
        if found_cue.start() and text[found_cue.start() - 1].isalnum():
            continue
        qualifier = _CUE_QUALIFIER.search(text, max(0, found_cue.start() - 12), found_cue.start())
        cue_start = qualifier.start() if qualifier else found_cue.start()
        cue = _Cue(cue_start, found_cue.end(), text[cue_start:found_cue.end()])
        named_at, words = _trailing_capitalised(text, cue.start(), 5, 80) or (0, [])
        while words and words[0].lower() in _START_WORDS:
            words.pop(0)
        if words:
            start = text.find(words[0], named_at, cue.start())
            _add(found, start, cue.end(), text[start:cue.end()], _category(cue.group()), 0.7)
        if cue.group().startswith(("national", "state")):
            after = _NAME_AFTER.match(text, cue.end())
            if after:
                _add(found, cue.start(), after.end(1), text[cue.start():after.end(1)], "programme", 0.6)
    for found_kind in _FACILITY_TYPE.finditer(text):
        if found_kind.group().startswith("power"):
            power = _POWER_KIND.search(text, max(0, found_kind.start() - 16), found_kind.start())
            if power is None:
                continue
            kind = _Cue(power.start(), found_kind.end(), text[power.start():found_kind.end()])
        else:
            kind = _Cue(found_kind.start(), found_kind.end(), found_kind.group())
        place_at, place_words = _trailing_capitalised(text, kind.start(), 2, 50) or (0, [])
        words = [w for w in place_words if w.lower() not in _START_WORDS]
        after = _PLACE_AFTER.match(text, kind.end()) if not words else None
        if words:
            start = text.find(words[0], place_at, kind.start())
            _add(found, start, kind.end(), " ".join(words + [kind.group()]), "facility", 0.75)
        elif after:
            _add(found, kind.start(), after.end(), f"{after.group(1)} {kind.group()}", "facility", 0.75)
    topic_hits, facility_hits = _keyword_hits(text)
    for start, end in facility_hits:
        _named_facility(found, text, start, end)
    for topic, start, end in topic_hits:
        found.append(SubjectMention(start, end, topic.name, topic.key, topic.category, TOPIC_CONFIDENCE))
    return _named_under_topics(sorted(found, key=lambda m: (m.start, -m.end)))


def _quoted(text: str, match: re.Match[str]) -> SubjectMention | None:
    name = match.group(1).strip()
    if (not name or not (name[0].isupper() or name[0].isdigit()) or len(name.split()) > 8
            or _SENTENCE_INSIDE.search(name)):
        return None
    before = _cue_before(text, match.start())
    after = _CUE_AFTER.match(text, match.end(), min(len(text), match.end() + 40))
    cue = (before or after)
    if cue is None:
        return None  # a quotation without a cue is more often speech than a name
    category = _category(cue.group("cue"))
    return SubjectMention(match.start(), match.end(), name, subject_key(name), category,
                          0.8 if category != "organisation" else 0.6)


def _named_facility(found: list[SubjectMention], text: str, start: int, end: int) -> None:
    """"Almaty International Airport" (a name before the facility word) or «аэропорт Алматы»
    (a name after it); a facility word without a name is no subject."""
    if text[start].isascii():
        place_at, place_words = _trailing_capitalised(text, start, 3, 60) or (0, [])
        words = [w for w in place_words if w.lower() not in _START_WORDS]
        if words:
            first = text.find(words[0], place_at, start)
            opens_sentence = first == 0 or _OPENS_SENTENCE.search(text, max(0, first - 3), first) is not None
            if len(words) > 1 or not opens_sentence or text[start].isupper():  # "Power plant workers …"
                _add(found, first, end, text[first:end], "facility", 0.7)
        return
    after = _CAPITALISED_AFTER.match(text, end)
    if after:
        _add(found, start, after.end(), text[start:after.end()], "facility", 0.7)


def _cue_before(text: str, position: int) -> re.Match[str] | None:
    window = text[max(0, position - 40):position]
    if window[-1:] not in (" ", "\u00a0", ""):
        return None
    words = window.split()
    for count in (2, 1):
        if len(words) >= count:
            found = _CUE_BEFORE.fullmatch(" ".join(words[-count:]))
            if found:
                return found
    return None


def _trailing_capitalised(text: str, end: int, most: int, reach: int) -> tuple[int, list[str]] | None:
    """The capitalised words (at most ``most``) that end right before ``end``, with the
    offset of the first; None when the word before ``end`` is not capitalised."""
    window_start = max(0, end - reach)
    window = text[window_start:end]
    if not window[-1:].isspace():
        return None
    kept: list[tuple[int, str]] = []
    for token in reversed(list(_TOKEN.finditer(window))[-most:]):
        word = token.group()
        if not (word[0].isupper() and _NAME_WORD.fullmatch(word)):
            break
        kept.insert(0, (token.start(), word))
    return (window_start + kept[0][0], [word for _, word in kept]) if kept else None


def _category(cue: str) -> str:
    cue = cue.lower()
    if _ORGANISATION_CUE.match(cue):
        return "organisation"
    if "initiativ" in cue or "инициатив" in cue:
        return "initiative"
    if cue.startswith(("project", "проект", "жоба")):
        return "project"
    return "programme"


def _add(found: list[SubjectMention], start: int, end: int, name: str, category: str, confidence: float) -> None:
    name = " ".join(name.strip(_QUOTES + " ,.;:").split())
    key = subject_key(name)
    if key:
        found.append(SubjectMention(start, end, name, key, category, confidence))


def _keyword_hits(text: str) -> tuple[list[tuple[Topic, int, int]], list[tuple[int, int]]]:
    """(topic hits, facility word hits) from one scan of the lower-cased text with every
    topic's pattern and the facility words at once (eleven scans cost 140 ms per MB); each
    hit is then told apart by the patterns themselves."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower-case to two characters: keep offsets
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    topics, facilities = [], []
    for match in ANY_KEYWORD.finditer(lowered):
        word = match.group()
        if word not in _TOPIC_OF_WORD:
            _TOPIC_OF_WORD[word] = next((t for t in TOPICS if t.pattern.fullmatch(word)), None)
        topic = _TOPIC_OF_WORD[word]
        if topic is not None:
            topics.append((topic, match.start(), match.end()))
        elif FACILITY_WORDS.fullmatch(word):
            facilities.append((match.start(), match.end()))
    return topics, facilities


_TOPIC_OF_WORD: dict[str, Topic | None] = {}  # the few words that state topics recur in every text


def _named_under_topics(mentions: list[SubjectMention]) -> list[SubjectMention]:
    """A named subject that states a topic ("Modernisation of rural healthcare", "Astana
    LRT") files under that topic: its key becomes the topic's; the name stays for aliases.
    ``mentions`` are sorted by start."""
    topic_hits = [m for m in mentions if m.confidence == TOPIC_CONFIDENCE and absorbs_named(m.key)]
    hit_starts = [m.start for m in topic_hits]
    result = []
    for mention in mentions:
        if mention.confidence != TOPIC_CONFIDENCE and mention.category != "organisation":
            first = bisect_left(hit_starts, mention.start)
            inside = next((h.key for h in topic_hits[first:bisect_left(hit_starts, mention.end)]
                           if h.end <= mention.end), None)
            if inside and inside != mention.key:
                mention = SubjectMention(mention.start, mention.end, mention.name, inside, mention.category,
                                         mention.confidence)
        result.append(mention)
    return result


def topic_name(key: str) -> str | None:
    """The lexicon's name for a topic key, or None for a named subject's key."""
    return next((t.name for t in TOPICS if t.key == key), None)


def dominant_subject(text: str, title: str | None, mentions: list[SubjectMention]) -> SubjectMention | None:
    """The subject the title and lead name, then the most mentioned one; None without mentions.
    Organisations only dominate when nothing else is named."""
    if not mentions:
        return None
    title_mentions = find_subject_mentions(title) if title else []
    paragraph_end = text.find("\n\n", 80)
    lead_end = min(len(text), LEAD_CHARS, paragraph_end if paragraph_end > 0 else LEAD_CHARS)
    scores: dict[str, float] = defaultdict(float)
    best: dict[str, SubjectMention] = {}
    for mention in mentions:
        weight = 1.0 + (1.5 if mention.start < lead_end else 0.0)
        if mention.category == "organisation":
            weight *= 0.3
        scores[mention.key] += weight * (0.8 + mention.confidence)
        if mention.key not in best or _better_name(mention, best[mention.key]):
            best[mention.key] = mention
    for mention in title_mentions:
        if mention.key in scores:
            scores[mention.key] += TITLE_WEIGHT
    key = max(scores, key=lambda k: (scores[k], -best[k].start))
    total = sum(scores.values())
    chosen = best[key]
    share = scores[key] / total
    return SubjectMention(chosen.start, chosen.end, _display_name(chosen), key, chosen.category,
                          round(min(0.95, 0.4 + 0.5 * share), 2))


def _better_name(candidate: SubjectMention, held: SubjectMention) -> bool:
    """Named mentions name a subject better than a topic's lexicon name."""
    return candidate.confidence > held.confidence


def _display_name(mention: SubjectMention) -> str:
    """What a subject is called: its topic's name when it files under a topic."""
    return topic_name(mention.key) or mention.name


def propose_for_claims(text: str, title: str | None, language: str | None, claims: Sequence[Claim],
                       mentions: list[SubjectMention] | None = None) -> list[ClaimSubjectProposal]:
    """A subject and a measure for each claim of one document (offsets in ``text``). Claims
    of kinds without figures (officials) get no proposal. ``mentions``: the text's
    ``find_subject_mentions``, when the caller has them already."""
    mentions = find_subject_mentions(text, language) if mentions is None else mentions
    document_subject = dominant_subject(text, title, mentions)
    claiming = [m for m in mentions if m.category in CLAIMING]
    starts = [m.start for m in claiming]
    paragraphs = [m.start() for m in re.finditer(r"\n\s*\n", text)]
    proposals = []
    for claim in claims:
        if claim.kind not in FIGURE_KINDS:
            continue
        sentence = _sentence_around(text, claim.start, claim.end)
        paragraph = _paragraph(paragraphs, len(text), claim.start)
        figure = figure_span(claim.kind, claim.fields, claim.quote)
        anchor = claim.start + (figure[0] if figure else 0)
        subject, confidence = _claim_subject(claiming, starts, sentence, paragraph, anchor, document_subject)
        context = text[max(paragraph[0], sentence[0] - MEASURE_LOOKBACK):max(sentence[1], claim.end)]
        measure = propose_measure(claim.kind, claim.fields, claim.quote, context, language)
        if subject is None and measure is None:
            continue
        overall = confidence * (measure.confidence if measure else 0.5)
        proposals.append(ClaimSubjectProposal(claim.id, subject, measure, round(overall, 2)))
    return proposals


_SENTENCE_END = re.compile(r"[.!?…][\"”»’']?\s+(?=[\"“«‘']?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])|\n")


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end], read from a window around it (splitting the whole
    text again, as the detector did, cost a fifth of the proposals' time)."""
    low = max(0, start - SENTENCE_WINDOW)
    left = low
    for match in _SENTENCE_END.finditer(text, low, min(len(text), start + 4)):  # room for the lookahead
        if match.end() <= start:
            left = match.end()
    right = _SENTENCE_END.search(text, end, min(len(text), end + SENTENCE_WINDOW))
    return left, (right.start() + 1 if right else min(len(text), end + SENTENCE_WINDOW))


def _paragraph(breaks: list[int], length: int, position: int) -> tuple[int, int]:
    index = bisect_left(breaks, position)
    return (breaks[index - 1] if index else 0), (breaks[index] if index < len(breaks) else length)


def _claim_subject(claiming: list[SubjectMention], starts: list[int], sentence: tuple[int, int],
                   paragraph: tuple[int, int], anchor: int, document_subject: SubjectMention | None
                   ) -> tuple[SubjectMention | None, float]:
    """The document's subject when its sentence (else its paragraph) names it, else the
    subject named last before the claim's figure (``anchor``) there ("the 22 km route would
    link the station with Astana Airport" is not about the airport; a facility counts only in
    the claim's own sentence), else the document's subject; with a confidence that
    is lower for a paragraph than a sentence and for a topic than a name."""
    for (low, high), confidence, facilities in ((sentence, 0.85, True), (paragraph, 0.7, False)):
        inside = claiming[bisect_left(starts, low):bisect_left(starts, high)]
        if document_subject is not None and any(m.key == document_subject.key for m in inside):
            return _named(document_subject), confidence
        before = [m for m in inside if m.start < anchor  # what a sentence is about comes before its figure
                  and (facilities or m.category != "facility")]  # a facility only in its sentence
        if before:
            nearest = max(before, key=lambda m: m.start)
            return _named(nearest), round(confidence * min(1.0, nearest.confidence / 0.8), 2)
    if document_subject is not None:
        return document_subject, document_subject.confidence
    return None, 0.0


def _named(mention: SubjectMention) -> SubjectMention:
    name = topic_name(mention.key)
    if name and name != mention.name:
        return SubjectMention(mention.start, mention.end, name, mention.key, mention.category, mention.confidence)
    return mention
