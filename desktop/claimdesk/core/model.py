"""Plain data that readers produce and the store persists.

Offsets everywhere count Unicode code points of the document's normalised text
(Python ``str`` indices), as W3C Web Annotation selectors do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class ReaderError(Exception):
    """A file could not be read; the message is shown to the user as is."""


class PasswordRequired(ReaderError):
    """An encrypted document was given without (the right) password."""


@dataclass(frozen=True)
class PublishedDate:
    """A date as precise as the source states it.

    ``value`` is an ISO 8601 prefix that matches the precision:
    "2026" (year), "2026-01" (month), "2026-01-07" (day), "2026-01-07T16:50" (minute).
    """

    value: str
    precision: str  # year | month | day | minute

    PRECISIONS = ("year", "month", "day", "minute")

    def display(self) -> str:
        return self.value.replace("T", " ")


@dataclass(frozen=True)
class Span:
    """A stretch of a text with a reason, e.g. boilerplate that detectors skip."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class PageSpan:
    """Where one page of a paged source sits in the text, with its word boxes.

    ``words`` holds (x0, y0, x1, y1, start, end) tuples in PDF points, start/end
    being offsets into the whole document text.
    """

    number: int  # 1-based
    start: int
    end: int
    width: float
    height: float
    words: tuple[tuple[float, float, float, float, int, int], ...] = ()


@dataclass
class Article:
    """One article cut from a digest page: offsets into the page's text."""

    start: int
    end: int
    title: str
    published: PublishedDate | None
    boilerplate: list[Span] = field(default_factory=list)  # offsets within the article


@dataclass
class ParsedDocument:
    """What a reader makes of a file's bytes, after normalisation."""

    text: str
    media_type: str
    title: str = ""
    publisher: str = ""
    source_url: str = ""
    published: PublishedDate | None = None
    # A date from file metadata (PDF/DOCX creation, EPUB dc:date): used when the text states none.
    fallback_published: PublishedDate | None = None
    encoding: str = ""  # for text formats: the codec used
    encoding_method: str = ""  # bom | utf-8 | detected | override | declared
    languages: list[str] = field(default_factory=list)
    pages: list[PageSpan] = field(default_factory=list)
    boilerplate: list[Span] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)  # non-empty for digest pages
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredDocument:
    """A document as the project holds it (its text is fetched separately)."""

    id: int
    parent_id: int | None
    parent_offset: int | None
    is_container: bool
    file_name: str
    title: str
    publisher: str
    source_url: str
    published: PublishedDate | None
    retrieved: str
    imported_at: str
    media_type: str
    languages: tuple[str, ...]
    encoding: str
    encoding_method: str
    original_sha256: str
    text_sha256: str
    char_count: int
    page_count: int


@dataclass(frozen=True)
class SearchHit:
    document_id: int
    title: str
    snippet: str
    rank: float
