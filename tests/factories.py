"""Builds test files (PDF, DOCX, EPUB) inside the tests, from text the tests choose."""

from __future__ import annotations

import io
import zipfile


def make_pdf(pages: list[str], *, password: str | None = None) -> bytes:
    import pymupdf

    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page()
        page.insert_text((72, 72), text, fontname="helv", fontsize=11)
    if password:
        return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=password, owner_pw=password + "-owner")
    return doc.tobytes()


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None, title: str = "") -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=0, cols=len(table[0]))
        for row in table:
            for cell, value in zip(grid.add_row().cells, row):
                cell.text = value
    document.core_properties.title = title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_epub(chapters: list[tuple[str, str]], title: str = "Test book") -> bytes:
    import tempfile
    from pathlib import Path

    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("claimdesk-test")
    book.set_title(title)
    book.set_language("en")
    book.add_metadata("DC", "date", "2026-03-01")
    items = []
    for n, (heading, body) in enumerate(chapters):
        chapter = epub.EpubHtml(title=heading, file_name=f"c{n}.xhtml", lang="en")
        chapter.content = f"<html><body><h1>{heading}</h1><p>{body}</p><script>alert(1)</script></body></html>"
        book.add_item(chapter)
        items.append(chapter)
    book.toc = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = items
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "book.epub"
        epub.write_epub(str(target), book)
        return target.read_bytes()


def zip_bomb(names: list[str], member: str, megabytes: int) -> bytes:
    """A zip holding ``names`` (tiny) and ``member``: ``megabytes`` MiB of one text run that
    deflate squeezes to almost nothing, as a DOCX or EPUB bomb."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(name, "<x/>")
        with archive.open(member, "w") as handle:
            chunk = b"<w:t>" + b"A" * (1 << 20) + b"</w:t>"
            for _ in range(megabytes):
                handle.write(chunk)
    return buffer.getvalue()
