"""Word forms for search: letter folding, stems, and the terms a text is indexed under.

Matching only; offsets never come from here. A word is a run of letters and digits. It is
folded (lower case, ё→е, the Kazakh letters news sites spell with Russian ones: ң→н, ғ→г,
қ→к, ү/ұ→у, ө→о, һ→х, і→и, ә→а, Latin accents dropped as SQLite's unicode61 does) and
stemmed with Snowball (PyStemmer): English for Latin words, Russian for Cyrillic ones.
Snowball has no Kazakh, so Cyrillic words in Kazakh texts (and any word holding a
Kazakh-only letter) also get ``kazakh_stem``: a small suffix stripper for the case,
possessive and plural endings, documented in docs/decisions.md ("Search by word forms").

A text is indexed under every distinct term of its words (the folded word and its stems);
a query word matches a text word when their terms meet (see core/search.py).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any

import Stemmer

# Bump when folding, stemming or the Kazakh endings change: projects re-index on open.
WORD_FORMS_VERSION = f"1 pystemmer {Stemmer.version()}"

WORD = re.compile(r"[^\W_]+")
_KAZAKH_ONLY = re.compile(r"[әғқңөұүһі]")
_FOLD = str.maketrans("ёңғқүұөһіә", "енгкууохиа")
_PER_THREAD = threading.local()  # a PyStemmer object must not be shared between threads

# Outermost first: a Kazakh noun is root + plural + possessive + case. Folded spellings.
_CASE_ENDINGS = sorted({
    "нын", "нин", "дын", "дин", "тын", "тин",          # genitive
    "ны", "ни", "ды", "ди", "ты", "ти",                  # accusative
    "га", "ге", "ка", "ке", "на", "не",                  # dative
    "нда", "нде", "да", "де", "та", "те",                # locative
    "ндан", "нден", "нан", "нен", "дан", "ден", "тан", "тен",  # ablative
    "менен", "бенен", "пенен", "мен", "бен", "пен",      # instrumental
}, key=len, reverse=True)
_POSSESSIVE_ENDINGS = sorted({
    "ымыз", "имиз", "мыз", "миз", "ыныз", "иниз", "ныз", "низ",
    "лары", "лери", "дары", "дери", "тары", "тери",
    "сы", "си", "ым", "им", "ын", "ин",
}, key=len, reverse=True)
_PLURAL_ENDINGS = ("лар", "лер", "дар", "дер", "тар", "тер")
_MIN_KAZAKH_STEM = 3
# Roots whose last letters look like an ending (теңге is not тең + dative -ге); folded.
_KAZAKH_ROOTS = ("тенге", "алматы", "астана", "караганды")
_VOWELS = set("аеиоуыэюя")


def fold(word: str) -> str:
    """Lower case with ё and the Kazakh-only letters spelt the Russian way, Latin accents dropped."""
    folded = word.lower().translate(_FOLD)
    if folded.isascii():
        return folded
    return "".join(_strip_latin_accent(ch) for ch in folded)


def _strip_latin_accent(ch: str) -> str:
    if "\u00c0" <= ch <= "\u024f":
        base = unicodedata.normalize("NFD", ch)[0]
        return base if base.isascii() else ch
    return ch


def is_cyrillic(folded: str) -> bool:
    return "\u0400" <= folded[0] <= "\u04ff"


def kazakh_stem(folded: str) -> str:
    """The folded word without its Kazakh case, possessive and plural endings (each at most
    once, outermost first), never shorter than three letters with a vowel, and never
    cutting into a few known roots that end like an ending."""
    stem = folded
    for endings in (_CASE_ENDINGS, _POSSESSIVE_ENDINGS, _PLURAL_ENDINGS):
        if stem in _KAZAKH_ROOTS:
            break
        for ending in endings:
            if stem.endswith(ending) and _long_enough(stem[:-len(ending)]):
                stem = stem[:-len(ending)]
                break
    return stem


def _long_enough(stem: str) -> bool:
    return len(stem) >= _MIN_KAZAKH_STEM and any(ch in _VOWELS for ch in stem)


@lru_cache(maxsize=65536)
def word_terms(word: str, kazakh: bool = True) -> tuple[str, ...]:
    """The distinct terms a word is indexed under: its folded form, then its stems."""
    folded = fold(word)
    if folded.isdigit():
        return (folded,)
    if is_cyrillic(folded):
        terms = [folded, _stemmer("russian").stemWord(folded)]
        if kazakh or _KAZAKH_ONLY.search(word.lower()):
            terms.append(kazakh_stem(folded))
    else:
        terms = [folded, _stemmer("english").stemWord(folded)]
    return tuple(dict.fromkeys(terms))


def _stemmer(language: str) -> Any:  # a PyStemmer Stemmer (the C extension has no stubs)
    stemmers = getattr(_PER_THREAD, "stemmers", None)
    if stemmers is None:
        stemmers = _PER_THREAD.stemmers = {}
    if language not in stemmers:
        stemmers[language] = Stemmer.Stemmer(language)
    return stemmers[language]


def index_terms(text: str, languages: str | None = "[]") -> str:
    """What a text is indexed under, as space-separated terms (the SQL function behind the
    word-form indexes). ``languages`` is the document's JSON list; Kazakh stems are added
    for Cyrillic words when it names Kazakh or is None (any language), and for words with
    Kazakh-only letters."""
    if not text:
        return ""
    kazakh = languages is None or '"kk"' in languages
    joined = _JOINED_TERMS[kazakh]
    out = []
    for word in WORD.findall(text):
        terms = joined.get(word)
        if terms is None:
            if len(joined) >= 200_000:
                joined.clear()
            terms = joined[word] = " ".join(word_terms(word, kazakh))
        out.append(terms)
    return " ".join(out)


# word -> its terms joined, per Kazakh flag: indexing is a dictionary look-up per word
_JOINED_TERMS: dict[bool, dict[str, str]] = {False: {}, True: {}}
