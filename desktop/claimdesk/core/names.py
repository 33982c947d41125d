"""Personal names across scripts and spellings: a key that is equal for variants such as
Sultangaziyev / Sultangaziev, "Ospan Yedil" / "Yedil Ospan", Kassym-Jomart / Kasym-Jomart
and Cyrillic / Latin forms, and a similarity score for proposing that two people are one."""

from __future__ import annotations

import difflib
import re
import unicodedata

_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
     "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "a", "g", "k", "n", "o", "u", "u", "h",
     "i"]))
_CYRILLIC_TABLE = str.maketrans(_CYRILLIC)
# spelling variants that romanisations of Kazakh and Russian names alternate between
# (each with the literal it needs: a substitution is skipped when its literal is absent)
_VARIANTS = [(literal, re.compile(pattern), replacement) for literal, pattern, replacement in [
    ("iy", r"iy(?=[aeou]|$)", "i"), ("yi", r"yi", "i"), ("ye", r"\bye", "e"), ("ye", r"(?<=[aeiou])ye", "e"),
    ("iye", r"iye", "ie"), ("yu", r"yu", "u"), ("ya", r"ya", "a"), ("kh", r"kh", "h"), ("zh", r"zh", "j"),
    ("dzh", r"dzh", "j"), ("dj", r"dj", "j"), ("q", r"q", "k"), ("w", r"w", "v"), ("ph", r"ph", "f"),
    ("y", r"y", "i")]]
_NOT_LETTER = re.compile(r"[^a-z\s-]")
_DOUBLED = re.compile(r"(.)\1+")


def transliterate(name: str) -> str:
    text = unicodedata.normalize("NFC", name).lower()
    return text.translate(_CYRILLIC_TABLE)


def name_key(name: str) -> str:
    """Equal for spelling and order variants of one name (tokens are sorted)."""
    text = transliterate(name)
    text = unicodedata.normalize("NFKD", text)
    if not text.isascii():  # ASCII holds no combining marks
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NOT_LETTER.sub("", text).replace("-", " ")
    for literal, pattern, replacement in _VARIANTS:
        if literal in text:
            text = pattern.sub(replacement, text)
    text = _DOUBLED.sub(r"\1", text)  # Kassym / Kasym
    return " ".join(sorted(text.split()))


def similarity(a: str, b: str) -> float:
    """0..1 between two names after normalisation (1.0: the same key)."""
    key_a, key_b = name_key(a), name_key(b)
    if key_a == key_b:
        return 1.0
    return difflib.SequenceMatcher(None, key_a, key_b).ratio()
