"""Plain text and Markdown: decoded (see core.encoding) and stored as written."""

from __future__ import annotations

from claimdesk.core.encoding import decode_text
from claimdesk.core.model import ParsedDocument
from claimdesk.core.normalize import normalise_text


def read_text(data: bytes, media_type: str, encoding: str | None = None) -> ParsedDocument:
    decoded = decode_text(data, encoding)
    return ParsedDocument(
        text=normalise_text(decoded.text),
        media_type=media_type,
        encoding=decoded.encoding,
        encoding_method=decoded.method,
    )
