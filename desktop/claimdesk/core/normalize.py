"""The one normalisation every stored text goes through, so offsets stay stable.

Rules (docs/decisions.md repeats them for users of exported offsets):
- line ends CRLF, CR, NEL, LS, PS, VT and FF become LF;
- a byte-order mark at the start, NUL and other C0/C1 control characters
  (except tab and LF) are removed;
- the result is in Unicode NFC.
Nothing else changes: spaces, tabs and blank lines stay as the source had them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def normalise_text(text: str) -> str:
    text = text.removeprefix("\ufeff")
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def collapse_spaces(text: str) -> str:
    """Whitespace runs to one space, trimmed: for titles and metadata fields."""
    return " ".join(text.split())
