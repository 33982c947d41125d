"""Readers turn a file's bytes into a ParsedDocument. Untrusted: run them in the worker.

``read_document`` sniffs the type from the bytes (the extension only breaks ties),
dispatches to one reader, normalises the text and fills what every format shares:
languages, boilerplate, a publication date found in the text, and digest articles.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import PurePath

from claimdesk.core.boilerplate import classify_line, find_boilerplate
from claimdesk.core.dates import detect_published
from claimdesk.core.digest import split_digest
from claimdesk.core.language import detect_languages
from claimdesk.core.model import ParsedDocument, ReaderError

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx", ".epub"}

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EPUB = "application/epub+zip"
HTML = "text/html"
MARKDOWN = "text/markdown"
PLAIN = "text/plain"
TITLE_CHARS = 120


def sniff_media_type(data: bytes, file_name: str) -> str:
    suffix = PurePath(file_name).suffix.lower()
    if not data:
        raise ReaderError("empty file (0 bytes)")
    if b"%PDF-" in data[:1024]:  # readers accept junk before the header, as MuPDF does
        return PDF
    if suffix == ".pdf":
        raise ReaderError("not a PDF (no %PDF- header)")
    if data.startswith(b"PK\x03\x04"):
        return _zip_type(data)
    if suffix in (".docx", ".epub"):
        raise ReaderError(f"not a {suffix[1:].upper()} file (not a ZIP container)")
    if suffix in HTML_SUFFIXES or _looks_like_html(data):
        return HTML
    if suffix in (".md", ".markdown"):
        return MARKDOWN
    return PLAIN


def read_document(data: bytes, file_name: str, *, password: str | None = None,
                  encoding: str | None = None) -> ParsedDocument:
    media_type = sniff_media_type(data, file_name)
    if media_type == PDF:
        from claimdesk.core.readers.pdf import read_pdf
        doc = read_pdf(data, password)
    elif media_type == DOCX:
        from claimdesk.core.readers.docx import read_docx
        doc = read_docx(data)
    elif media_type == EPUB:
        from claimdesk.core.readers.epub import read_epub
        doc = read_epub(data)
    elif media_type == HTML:
        from claimdesk.core.readers.html import read_html
        doc = read_html(data, encoding)
    else:
        from claimdesk.core.readers.text import read_text
        doc = read_text(data, media_type, encoding)
    return finish(doc)


def finish(doc: ParsedDocument) -> ParsedDocument:
    """Fill in what every format shares, once the reader has set the text."""
    if not doc.text.strip():
        raise ReaderError("no text found in the file")
    doc.languages = detect_languages(doc.text)
    doc.boilerplate = find_boilerplate(doc.text)
    doc.published = doc.published or detect_published(doc.text) or doc.fallback_published
    if not doc.pages:  # paged sources are never digest pages
        doc.articles = split_digest(doc.text, doc.boilerplate)
    if not doc.title:
        doc.title = first_line_title(doc.text)
    return doc


def first_line_title(text: str) -> str:
    """The first content line that is not furniture or a bare date; long lines are cut
    to their first sentence (at most TITLE_CHARS characters, at a word boundary)."""
    for line in text.split("\n"):
        line = line.strip().lstrip("#").strip()
        if not line or classify_line(line) is not None or _is_bare_date(line):
            continue
        if len(line) <= TITLE_CHARS:
            return line
        sentence = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
        if len(sentence) <= TITLE_CHARS:
            return sentence
        return line[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return ""


def _is_bare_date(line: str) -> bool:
    return len(line) <= 40 and detect_published(line) is not None and len(re.findall(r"[^\W\d_]{3,}", line)) <= 2


def _zip_type(data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                _refuse_bomb(archive, "DOCX")
                return DOCX
            if "mimetype" in names and archive.read("mimetype").strip() == EPUB.encode():
                _refuse_bomb(archive, "EPUB")
                return EPUB
    except ReaderError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ReaderError(f"damaged ZIP container ({exc})") from None
    except Exception:  # zipfile's own errors on crafted offsets (ValueError: negative seek value…), zlib, crypto
        raise ReaderError("damaged ZIP container (its directory points outside the file)") from None
    raise ReaderError("ZIP archive that is neither DOCX nor EPUB")


MAX_UNPACKED_MARKUP_MB = 256
_MARKUP = (".xml", ".rels", ".xhtml", ".html", ".htm", ".opf", ".ncx")


def _refuse_bomb(archive: zipfile.ZipFile, kind: str) -> None:
    """The markup a reader would parse, by the sizes the archive declares (images and
    fonts are never unpacked); zipfile stops at the declared size, so the check holds."""
    markup = sum(i.file_size for i in archive.infolist() if i.filename.lower().endswith(_MARKUP))
    if markup > MAX_UNPACKED_MARKUP_MB * 1024 * 1024:
        raise ReaderError(f"{kind} whose text parts unpack to {markup / 1048576:,.0f} MB (limit "
                          f"{MAX_UNPACKED_MARKUP_MB} MB): refused as a likely ZIP bomb")


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<!doctype html", b"\xef\xbb\xbf<html"))
