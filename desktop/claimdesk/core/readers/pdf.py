"""PDF through PyMuPDF: per-page text and a page map; word boxes for highlighting on demand.

Pages are joined with a blank line. Import stores only the text and where each page
sits in it: extracting and locating every word box at import tripled the time of a
500-page file (see docs/decisions.md). ``page_word_boxes`` finds one page's boxes later,
when a page is shown or exported, by locating each word in the stored page text in
reading order, so a box knows the document offsets of its word. A truncated file is
refused even though MuPDF could "repair" it, because a repaired file silently loses
pages; an encrypted one needs its password.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from claimdesk.core.dates import parse_date_string
from claimdesk.core.model import PageSpan, ParsedDocument, PasswordRequired, ReaderError
from claimdesk.core.normalize import collapse_spaces, normalise_text

WordBox = tuple[float, float, float, float, int, int]  # (x0, y0, x1, y1, start, end)

PAGE_SEPARATOR = "\n\n"


def read_pdf(data: bytes, password: str | None = None) -> ParsedDocument:
    import pymupdf  # lazy: ~100 ms to import, and only PDFs need it

    pymupdf.TOOLS.mupdf_display_errors(False)
    if b"%%EOF" not in data[-2048:]:
        raise ReaderError("truncated or damaged PDF (no end-of-file marker)")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF raises its own types, all meaning "cannot open"
        raise ReaderError(f"damaged PDF ({exc})") from None
    with doc:
        if doc.needs_pass:
            if not password:
                raise PasswordRequired("encrypted PDF: a password is required")
            if not doc.authenticate(password):
                raise PasswordRequired("encrypted PDF: wrong password")
        if doc.is_repaired:
            raise ReaderError("damaged PDF (its cross-reference table had to be rebuilt)")
        parts: list[str] = []
        pages: list[PageSpan] = []
        offset = 0
        for number in range(1, doc.page_count + 1):
            try:
                page = doc.load_page(number - 1)
            except Exception as exc:  # MuPDF's own error types: a page the page tree counts but cannot load
                raise ReaderError(f"damaged PDF (page {number}: {exc})") from None
            if parts:
                parts.append(PAGE_SEPARATOR)
                offset += len(PAGE_SEPARATOR)
            page_text = _page_text(page, page.get_textpage())
            parts.append(page_text)
            pages.append(PageSpan(number, offset, offset + len(page_text),
                                  round(page.rect.width, 2), round(page.rect.height, 2)))
            offset += len(page_text)
        text = "".join(parts)
        if not text.strip():
            raise ReaderError("the PDF has no extractable text (scanned pages need OCR, which Claimdesk does not do)")
        meta = doc.metadata or {}
        return ParsedDocument(
            text=text,
            media_type="application/pdf",
            title=collapse_spaces(meta.get("title") or ""),
            publisher=collapse_spaces(meta.get("author") or ""),
            pages=pages,
            fallback_published=parse_date_string(meta.get("creationDate") or ""),
            metadata={"page_count": len(pages)},
        )


def _page_text(page: Any, textpage: Any) -> str:  # PyMuPDF Page, TextPage (untyped)
    return normalise_text(page.get_text("text", textpage=textpage)).rstrip()


def page_word_boxes(page: Any, page_text: str, base: int) -> tuple[WordBox, ...]:
    """(x0, y0, x1, y1, start, end) of each word of a PyMuPDF ``page`` whose stored text
    is ``page_text`` beginning at document offset ``base``. Uses the same layout pass as
    import, so the words are those of the stored text; one that cannot be found (the
    file changed, or another MuPDF lays it out differently) simply gets no box."""
    return _locate_words(page_text, page.get_text("words", textpage=page.get_textpage()), base)


def _locate_words(page_text: str, words: Iterable[tuple[Any, ...]], base: int) -> tuple[WordBox, ...]:
    located: list[WordBox] = []
    cursor = 0
    find, normalize = page_text.find, unicodedata.normalize
    for x0, y0, x1, y1, word, *_ in words:
        if not word.isascii():
            word = normalize("NFC", word)
        at = find(word, cursor)
        if at < 0:
            continue  # a glyph run the text extraction merged differently; it keeps no box
        # boxes to 0.01 pt; int arithmetic instead of round(x, 2), which showed in the profile (800k calls)
        located.append((int(x0 * 100 + 0.5) / 100, int(y0 * 100 + 0.5) / 100, int(x1 * 100 + 0.5) / 100,
                        int(y1 * 100 + 0.5) / 100, base + at, base + at + len(word)))
        cursor = at + len(word)
    return tuple(located)

