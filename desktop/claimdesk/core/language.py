"""Which languages a text is written in, from its scripts.

A heuristic suited to the corpus (English, Russian, Kazakh): Latin letters count as
English, Cyrillic as Kazakh when Kazakh-only letters make up a visible share of it,
else Russian. Languages under 5 % of the letters are not reported.
"""

from __future__ import annotations

_KAZAKH_ONLY = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
MIN_SHARE = 0.05


def detect_languages(text: str) -> list[str]:
    latin = cyrillic = kazakh = 0
    for char in text[:200_000]:
        if "a" <= char.lower() <= "z":
            latin += 1
        elif "\u0400" <= char <= "\u04ff":
            cyrillic += 1
            if char in _KAZAKH_ONLY:
                kazakh += 1
    total = latin + cyrillic
    if not total:
        return []
    shares = {"en": latin / total}
    if cyrillic:
        shares["kk" if kazakh / cyrillic > 0.01 else "ru"] = cyrillic / total
    return [lang for lang, share in sorted(shares.items(), key=lambda kv: -kv[1]) if share >= MIN_SHARE]
