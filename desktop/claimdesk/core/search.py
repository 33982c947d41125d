"""Turns what a user types into safe FTS5 queries, and finds the hits again in a text.

The syntax (README, "Search syntax"; ``claimdesk search --help``):

- ``word``: any form of the word (stems, see core/word_forms.py), with ё and the Kazakh
  letters folded; case never matters. Words are ANDed.
- ``word*``: words that begin with these letters (folded), in any index term.
- ``12,4`` or ``Нур-Султан`` (a word of several parts): the folded parts side by side
  (FTS5 NEAR: within two index terms of each other, in either order), not stemmed.
- ``"several words"`` (or one quoted word): exactly these words in this order, not
  stemmed and not folded (теңге does not find тенге); case and Latin accents are ignored.

Every user word becomes a quoted FTS5 string, so operators and punctuation typed by the
user are plain text. Word forms query the word-form index (documents_terms, claims_terms),
quoted phrases the exact one (documents_fts, claims_fts); a query with both needs a row
in each. Snippets and the offset a document opens at come from the original text, so they
always show the form actually written there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from claimdesk.core.word_forms import WORD, fold, is_cyrillic, word_terms

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
# A Cyrillic stem this long also finds longer words that begin with it: Snowball leaves
# participles apart (предусмотрено -> предусмотр, предусмотренных -> предусмотрен), and
# Kazakh words keep growing. Shorter stems would drag in unrelated words (тен*, дом*).
STEM_PREFIX_MIN = 5
SNIPPET_WORDS = 12
_MAX_STEMS_AFTER_WORD = 2  # Russian or English stem, Kazakh stem (core/word_forms.word_terms)
_WORDS_BEFORE_HIT = 3


@dataclass(frozen=True)
class WordTerm:
    """One query word: a text word matches when one of its terms is in ``terms`` or
    begins with one of ``prefixes``."""
    terms: frozenset[str]
    prefixes: tuple[str, ...]

    def matches(self, text_terms: Iterable[str]) -> bool:
        return any(t in self.terms or t.startswith(self.prefixes) for t in text_terms)

    def fts(self) -> str:
        alternatives = [f'"{t}"' for t in sorted(self.terms)] + [f'"{p}"*' for p in self.prefixes]
        return "(" + " OR ".join(alternatives) + ")"


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query: FTS5 match strings for the word-form and the exact index ('' when
    the query has no such part), and what to look for when finding hits in a text.
    ``word_form_parts`` and ``exact_parts`` are the ANDed pieces of those strings, each a
    match string of its own (a long document's segments are matched piece by piece)."""
    word_forms: str
    exact: str
    words: tuple[WordTerm, ...]
    phrases: tuple[tuple[str, ...], ...]
    word_form_parts: tuple[str, ...] = ()
    exact_parts: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.word_forms or self.exact)


# A query uses its first distinct words and phrases up to this many (documented in the help):
# each word becomes an OR of its forms, and a pasted paragraph of repeated words took minutes.
MAX_QUERY_TERMS = 24


def to_fts_query(user_text: str) -> SearchQuery:
    words: list[WordTerm] = []
    phrases: list[tuple[str, ...]] = []
    matches: list[str] = []
    seen: set[str] = set()
    for phrase, word in _TOKEN.findall(user_text):
        token = (phrase or word).casefold()
        if token in seen:
            continue  # "tenge tenge" finds what "tenge" finds
        if len(seen) >= MAX_QUERY_TERMS:
            break
        seen.add(token)
        if phrase:
            parts = WORD.findall(phrase)
            if parts:
                phrases.append(tuple(parts))
            continue
        prefix = word.endswith("*") and len(word) > 1
        parts = WORD.findall(word)
        if len(parts) > 1:
            matches.append(_joined_parts(parts, prefix))
            words += [WordTerm(frozenset({fold(part)}), ()) for part in parts]
        elif parts:
            words.append(WordTerm(frozenset(), (fold(parts[0]),)) if prefix else _word_term(parts[0]))
            matches.append(words[-1].fts())
    exact_parts = tuple('"' + " ".join(parts) + '"' for parts in phrases)
    return SearchQuery(" AND ".join(matches), " ".join(exact_parts), tuple(words), tuple(phrases),
                       tuple(matches), exact_parts)


def _joined_parts(parts: list[str], prefix: bool) -> str:
    """A word of several parts (12,4 or Нур-Султан): its folded parts next to each other.
    In the word-form index each word is followed by up to two stems, hence the slack."""
    quoted = [f'"{fold(part)}"' for part in parts]
    if prefix:
        quoted[-1] += "*"
    return f"NEAR({' '.join(quoted)}, {_MAX_STEMS_AFTER_WORD * (len(parts) - 1)})"


def _word_term(word: str) -> WordTerm:
    terms = word_terms(word)
    prefixes = tuple(t for t in terms[1:] if len(t) >= STEM_PREFIX_MIN and is_cyrillic(t))
    exact = frozenset(t for t in terms if not t.startswith(prefixes))
    return WordTerm(exact, prefixes)


@dataclass(frozen=True)
class Located:
    offset: int | None  # where the first hit starts in the text (code points), None if absent
    snippet: str  # words around it, hits in [brackets], … where the text goes on


def locate(text: str, query: SearchQuery, width: int = SNIPPET_WORDS) -> Located:
    """The first hit of a query in a text and a snippet around it, from the text itself."""
    matcher = _Matcher(query)
    start = matcher.first_hit(text)
    if start is None:
        return Located(None, _snippet(text, 0, width, matcher, highlight=False))
    return Located(start, _snippet(text, start, width, matcher, highlight=True))


class _Matcher:
    def __init__(self, query: SearchQuery):
        self.words = query.words
        # stems keep a word's first letter, so other first letters can be skipped unstemmed
        self.initials = {t[0] for w in query.words for t in (*w.terms, *w.prefixes)}
        self.phrases = [re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, parts)) + r"(?![^\W_])",
                                   re.IGNORECASE) for parts in query.phrases]

    def is_hit_word(self, word: str) -> bool:
        if fold(word[0])[:1] not in self.initials:
            return False
        terms = word_terms(word)
        return any(w.matches(terms) for w in self.words)

    def first_hit(self, text: str) -> int | None:
        starts = [m.start() for m in (p.search(text) for p in self.phrases) if m]
        if self.words:
            limit = min(starts, default=len(text))
            for match in WORD.finditer(text, 0, limit):
                if self.is_hit_word(match.group()):
                    starts.append(match.start())
                    break
        return min(starts, default=None)

    def spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        found = [(m.start(), m.end()) for p in self.phrases for m in p.finditer(text, start, end)]
        if self.words:
            found += [m.span() for m in WORD.finditer(text, start, end) if self.is_hit_word(m.group())]
        merged: list[tuple[int, int]] = []
        for span in sorted(found):
            if merged and span[0] < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], span[1]))
            else:
                merged.append(span)
        return merged


def _snippet(text: str, hit: int, width: int, matcher: _Matcher, highlight: bool) -> str:
    before = [m.start() for m in WORD.finditer(text, max(0, hit - 200), hit)][-_WORDS_BEFORE_HIT:]
    window_start = before[0] if before else hit
    end = hit
    for count, match in enumerate(WORD.finditer(text, hit), start=len(before) + 1):
        end = match.end()
        if count >= width:
            break
    spans = matcher.spans(text, window_start, end) if highlight else []
    end = max([end] + [e for _, e in spans])
    pieces, cursor = [], window_start
    for span_start, span_end in spans:
        pieces += [text[cursor:span_start], "[", text[span_start:span_end], "]"]
        cursor = span_end
    pieces.append(text[cursor:end])
    lead = "…" if WORD.search(text, 0, window_start) else ""
    tail = "…" if WORD.search(text, end) else ""
    return lead + "".join(pieces) + tail
