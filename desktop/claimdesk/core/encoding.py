"""Turns the bytes of a text file into a string, saying which codec was used and why.

Order: an explicit override; a BOM (UTF-8, UTF-16, UTF-32); strict UTF-8; then a guess.
charset-normalizer is reliable on cp1251 but guesses wrong on short KOI8-R and
KZ-1048 texts, so single-byte Cyrillic is decided first by a letter-case test
(Russian and Kazakh prose is mostly lower case; KOI8-R and cp1251 swap the cases)
and by the Kazakh letters that only KZ-1048 places in the 0x80-0xBF range.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from claimdesk.core.model import ReaderError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CYRILLIC_CODECS = ("cp1251", "koi8_r", "kz1048", "iso8859_5", "cp866", "mac_cyrillic")
# the most frequent letters of Russian and Kazakh prose: the right code page turns most
# letters into these, a wrong one into rarer ones (measured: ~70 % vs under 35 %)
_COMMON = set("оеаинтсрвлкмдпуыяьгзбчйжәіңғүұқөһ")
# Kazakh letters KZ-1048 places where cp1251 has Serbian and Ukrainian ones (і is in both).
_KAZAKH = set("ӘәҒғҚқҢңӨөҰұҮүҺһ")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    method: str  # override | bom | utf-8 | detected


def decode_text(data: bytes, override: str | None = None) -> Decoded:
    if override:
        try:
            name = codecs.lookup(override).name
        except LookupError:
            raise ReaderError(f"unknown encoding {override!r}") from None
        try:
            return Decoded(data.decode(name), name, "override")
        except UnicodeDecodeError as exc:
            raise ReaderError(f"not valid {name} at byte {exc.start}") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name), name.replace("-sig", ""), "bom")
            except UnicodeDecodeError as exc:
                raise ReaderError(f"starts with a {name} byte-order mark but is not valid {name} "
                                  f"at byte {exc.start}") from None
    reject_binary(data)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    return _guess_legacy(data)


def reject_binary(data: bytes) -> None:
    """Raise if the bytes look like binary data rather than text."""
    head = data[:65536]
    if b"\x00" in head:
        raise ReaderError("binary data, not text (contains NUL bytes)")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > 0.05:
        raise ReaderError("binary data, not text (too many control bytes)")


def _guess_legacy(data: bytes) -> Decoded:
    cyrillic = _cyrillic_guess(data)
    if cyrillic:
        return Decoded(data.decode(cyrillic), codecs.lookup(cyrillic).name, "detected")
    from charset_normalizer import from_bytes  # lazy: only legacy files pay for it

    best = from_bytes(data).best()
    if best is None:
        raise ReaderError("not text in any known encoding (tried UTF-8, UTF-16, legacy code pages)")
    name = codecs.lookup(best.encoding).name
    return Decoded(str(best), name, "detected")


def _cyrillic_guess(data: bytes) -> str | None:
    high = sum(1 for b in data if b >= 0x80)
    latin = sum(1 for b in data if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A)
    if not high or high < 0.3 * (high + latin):
        return None  # mostly Latin letters with a few accented ones: not Cyrillic prose
    scores = {}
    for name in _CYRILLIC_CODECS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        letters = [c for c in text if "\u0400" <= c <= "\u04ff"]
        if len(letters) < 0.6 * high:  # most high bytes must be Cyrillic letters
            continue
        lower = sum(1 for c in letters if c.islower()) / len(letters)
        if lower < 0.5:  # prose is mostly lower case; code pages that swap the cases fail here
            continue
        scores[name] = sum(1 for c in letters if c.lower() in _COMMON) / len(letters) + lower / 10
    if not scores:
        return None
    best = max(scores, key=lambda name: scores[name])
    if best in ("cp1251", "kz1048") and "kz1048" in scores:
        # The two differ only in 0x80-0xBF: Kazakh prose shows several distinct Kazakh letters there.
        return "kz1048" if len(set(data.decode("kz1048")) & _KAZAKH) >= 2 else "cp1251"
    return best
