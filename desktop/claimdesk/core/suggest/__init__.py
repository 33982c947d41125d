"""Offline suggestions: funding, targets, statistics and officials found in a text.

``suggest(text, ...)`` reads sentence by sentence, skipping boilerplate spans, and
returns ``Suggestion``s with a clause-level span inside one sentence, a kind, fields and
a confidence. Nothing here touches the network or the store.
"""

from __future__ import annotations

import gc
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from operator import attrgetter

from claimdesk.core.model import Span
from claimdesk.core.numbers import find_quantities
from claimdesk.core.suggest.clauses import _trim, break_candidates, clause_around, clause_breaks, sentence_spans
from claimdesk.core.suggest.cues import language_of
from claimdesk.core.suggest.figures import classify_lowered, fields_for
from claimdesk.core.suggest.officials import find_officials, person_key, title_hits
from claimdesk.core.suggest.results import OfficialMention, Suggestion
from claimdesk.core.suggest.speakers import find_speaker_officials

__all__ = ["CONFIDENCE", "Suggestion", "suggest"]

CONFIDENCE = {"funding": 0.9, "official": 0.85, "target": 0.75, "statistic": 0.65}


def suggest(text: str, boilerplate: Sequence[Span] = (), published: str | None = None,
            seen_people: set[str] | None = None) -> list[Suggestion]:
    """Suggestions for ``text``. ``published`` (ISO prefix) dates statistics and officials
    and tells past years from future ones; ``seen_people`` carries "one official claim per
    person" across the articles of one digest page."""
    # The detector allocates some 20 small objects per figure (figures, matches, tuples, fields)
    # and builds no reference cycles, so the cyclic collector only walks them again and again:
    # paused while it runs (dense samples ~10 % faster), resumed after, left alone if a caller paused it.
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        return _suggest(text, boilerplate, published, seen_people)
    finally:
        if collecting:
            gc.enable()


def _suggest(text: str, boilerplate: Sequence[Span], published: str | None,
             seen_people: set[str] | None) -> list[Suggestion]:
    seen_people = set() if seen_people is None else seen_people
    document_year = int(published[:4]) if published else None
    as_of = published[:10] if published else None
    skipped = sorted((s.start, s.end) for s in boilerplate)
    results: list[Suggestion] = []
    claims = [q for q in find_quantities(text) if not q.excluded]
    starts = [q.start for q in claims]
    candidates = break_candidates(text) if claims else None  # where clauses may break, found once
    hits = title_hits(text)  # one scan; most sentences name no position
    titles = [hit[0] for hit in hits]
    officials: list[OfficialMention] = []
    last_kind: str | None = None  # of the last target or statistic: "… m² are planned. That is 175,000 homes."
    # sentences are in text order: one cursor into the figures and one into the titles; a sentence
    # holding neither is passed over before it is trimmed (a dense release has twice as many)
    next_claim, next_title, claim_count, title_count = 0, 0, len(claims), len(titles)
    for raw_start, raw_end in sentence_spans(text):
        while next_claim < claim_count and starts[next_claim] < raw_start:
            next_claim += 1
        while next_title < title_count and titles[next_title] < raw_start:
            next_title += 1
        if not ((next_claim < claim_count and starts[next_claim] < raw_end)
                or (next_title < title_count and titles[next_title] < raw_end)):
            continue
        sentence = _trim(text, raw_start, raw_end)
        if skipped and _within(skipped, sentence[0]):
            continue
        first_title, after_titles = next_title, bisect_left(titles, sentence[1], next_title)
        for found in (find_officials(text, *sentence, hits[first_title:after_titles])
                      if first_title < after_titles else ()):
            mention = _with_predecessor(found, officials) if found.successor_of else found
            key = person_key(mention.name) if mention else ""
            if mention is None or key in seen_people:
                continue
            officials.append(mention)
            results.append(_official(mention, seen_people, as_of, key))
        first, after_claims = next_claim, bisect_left(starts, sentence[1], next_claim)
        if first == after_claims:
            continue
        # per sentence, once: its clause breaks, lower-cased text and language
        breaks = clause_breaks(text, sentence, candidates)
        sentence_end = sentence[1]
        sentence_text = text[sentence[0]:sentence_end]
        sentence_lower = sentence_text.lower()
        language = language_of(sentence_lower)
        previous_kind: str | None = last_kind
        for quantity in claims[first:after_claims]:
            conversion, figure_start = quantity.conversion, quantity.start
            figure_end = quantity.end if conversion is None else conversion.end + 1  # through ")"
            if figure_end > sentence_end:
                figure_end = sentence_end
            clause = clause_around(text, sentence, figure_start, figure_end, breaks)
            clause_start = clause[0]
            clause_lower = text[clause_start:clause[1]].lower()
            kind = "funding" if quantity.currency is not None else classify_lowered(
                clause_lower, sentence_lower, language, document_year, figure_start - clause_start, previous_kind)
            if kind != "funding":
                last_kind = kind
            fields = fields_for(kind, quantity, text, clause, sentence, as_of,
                                (clause_lower, sentence_text, sentence_lower, language))
            # Suggestion(...) without the frozen dataclass's per-field object.__setattr__
            suggestion = object.__new__(Suggestion)
            suggestion.__dict__.update(kind=kind, start=clause_start, end=clause[1], fields=fields,
                                       confidence=(_WORDS_CONFIDENCE if quantity.from_words else _CONFIDENCE)[kind],
                                       anchor=figure_start)
            results.append(suggestion)
    for mention in find_speaker_officials(text, titles, officials, seen_people) if titles else ():
        if not _within(skipped, mention.start):
            results.append(_official(mention, seen_people, as_of))
    return sorted(results, key=_BY_POSITION)


_BY_POSITION = attrgetter("start", "anchor")
# a figure's confidence by its kind, less where it was written in words ("seven"), rounded once
_CONFIDENCE = {kind: round(confidence, 2) for kind, confidence in CONFIDENCE.items()}
_WORDS_CONFIDENCE = {kind: round(confidence - 0.15, 2) for kind, confidence in CONFIDENCE.items()}


def _within(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` falls inside one of the sorted, non-overlapping ``spans`` (boilerplate)."""
    inside = bisect_right(spans, (position, sys.maxsize)) - 1
    return inside >= 0 and spans[inside][0] <= position < spans[inside][1]


assert list(Suggestion.__dataclass_fields__) == ["kind", "start", "end", "fields", "confidence", "anchor"]


def _official(mention: OfficialMention, seen_people: set[str], as_of: str | None, key: str = "") -> Suggestion:
    seen_people.add(key or person_key(mention.name))
    fields = {"name": mention.name, "position": mention.position}
    if mention.organisation:
        fields["organisation"] = mention.organisation
    if as_of:
        fields["as_of"] = as_of
    return Suggestion("official", mention.start, mention.end, fields, CONFIDENCE["official"], mention.start)


def _with_predecessor(mention: OfficialMention, officials: list[OfficialMention]) -> OfficialMention | None:
    """"Ardan’s successor, Name" is an official when Ardan is one in this document: the
    successor holds the predecessor's post."""
    surname = person_key(mention.successor_of)
    predecessor = next((o for o in officials if surname in person_key(o.name).split()), None)
    if predecessor is None:
        return None
    position = f"{predecessor.position} (successor of {predecessor.name})"
    return replace(mention, position=position, organisation=predecessor.organisation)
