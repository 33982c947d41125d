"""EPUB through EbookLib: the spine's XHTML documents in reading order."""

from __future__ import annotations

import warnings
from io import BytesIO

from claimdesk.core.dates import parse_date_string
from claimdesk.core.model import ParsedDocument, ReaderError
from claimdesk.core.normalize import collapse_spaces, normalise_text


def read_epub(data: bytes) -> ParsedDocument:
    import ebooklib
    from ebooklib import epub

    from claimdesk.core.readers.html import block_text, parse_untruncated

    try:  # from memory: a temp file would outlive a parser killed on a timeout
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = epub.read_epub(BytesIO(data), options={"ignore_ncx": True})
    except Exception as exc:  # EbookLib raises bare exceptions for malformed books
        raise ReaderError(f"damaged EPUB ({type(exc).__name__}: {exc})") from None
    parts = []
    for item_id, _linear in book.spine:
        item = book.get_item_with_id(item_id)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT:
            continue
        # the file's own bytes: EbookLib's get_content() re-parses them and cuts deep nesting
        content = item.content if isinstance(item.content, bytes) else item.get_content()
        if not content.strip():
            continue
        root = parse_untruncated(content)
        for element in list(root.iter("script", "style", "head")):
            element.drop_tree()
        parts.append(block_text(root))
    def first(name: str) -> str:
        values = book.get_metadata("DC", name)
        return collapse_spaces(values[0][0]) if values and values[0][0] else ""
    return ParsedDocument(
        text=normalise_text("\n\n".join(p for p in parts if p.strip())),
        media_type="application/epub+zip",
        title=first("title"),
        publisher=first("publisher") or first("creator"),
        fallback_published=parse_date_string(first("date")),
    )
