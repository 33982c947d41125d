"""Making untrusted text safe to export: no control characters, no invisible bidi
overrides, links only to http(s). Escaping itself is the template engine's job."""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def clean(text: object) -> str:
    """Control characters dropped; bidi overrides shown as [U+202E] so they cannot reorder text."""
    text = "" if text is None else str(text)
    text = _CONTROLS.sub("", text)
    return _BIDI.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", text)


def safe_url(url: object) -> str | None:
    """The URL if it is a plain http(s) link, else None (shown as text, never as a link)."""
    url = clean(url).strip()
    return url if re.match(r"^https?://[^\s<>\"']+$", url, re.IGNORECASE) else None


def markdown_text(text: object) -> str:
    """Text for Markdown: punctuation that would format is backslash-escaped, lines joined."""
    raw = clean(text)
    text = " ".join(raw.split())
    if text and raw[:1].isspace():
        text = " " + text
    if text and raw[-1:].isspace():
        text += " "
    return re.sub(r"([\\`*_{}\[\]()#+\-!|>~])", r"\\\1", text)
