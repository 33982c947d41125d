"""EPUB through EbookLib: the spine's XHTML documents in reading order."""

from __future__ import annotations

import tempfile
import warnings

from claimdesk.core.dates import parse_date_string
from claimdesk.core.model import ParsedDocument, ReaderError
from claimdesk.core.normalize import collapse_spaces, normalise_text


def read_epub(data: bytes) -> ParsedDocument:
    import ebooklib
    from ebooklib import epub
    from lxml import html

    from claimdesk.core.readers.html import block_text

    with tempfile.NamedTemporaryFile(suffix=".epub") as handle:  # EbookLib wants a path
        handle.write(data)
        handle.flush()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                book = epub.read_epub(handle.name, options={"ignore_ncx": True})
        except Exception as exc:  # EbookLib raises bare exceptions for malformed books
            raise ReaderError(f"damaged EPUB ({type(exc).__name__}: {exc})") from None
    parts = []
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    for item_id, _linear in book.spine:
        item = book.get_item_with_id(item_id)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT:
            continue
        content = item.get_content()
        if not content.strip():
            continue
        root = html.document_fromstring(content, parser=parser)
        for element in list(root.iter("script", "style", "head")):
            element.drop_tree()
        parts.append(block_text(root))
    def first(name):
        values = book.get_metadata("DC", name)
        return collapse_spaces(values[0][0]) if values and values[0][0] else ""
    return ParsedDocument(
        text=normalise_text("\n\n".join(p for p in parts if p.strip())),
        media_type="application/epub+zip",
        title=first("title"),
        publisher=first("publisher") or first("creator"),
        fallback_published=parse_date_string(first("date")),
    )
