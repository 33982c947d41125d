"""DOCX through python-docx: paragraphs and table rows in document order."""

from __future__ import annotations

from io import BytesIO

from claimdesk.core.model import ParsedDocument, PublishedDate, ReaderError
from claimdesk.core.normalize import collapse_spaces, normalise_text


def read_docx(data: bytes) -> ParsedDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReaderError(f"damaged DOCX ({exc})") from None
    except Exception as exc:  # lxml and zipfile errors from a malformed package
        raise ReaderError(f"damaged DOCX ({type(exc).__name__}: {exc})") from None
    lines: list[str] = []
    title = ""
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = docx.text.paragraph.Paragraph(child, document)
            lines.append(paragraph.text)
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            if not title and paragraph.text.strip() and style.lower() in ("title", "heading 1"):
                title = collapse_spaces(paragraph.text)
        elif tag == "tbl":
            table = docx.table.Table(child, document)
            for row in table.rows:
                lines.append("\t".join(collapse_spaces(cell.text) for cell in row.cells))
    props = document.core_properties
    created = props.created
    return ParsedDocument(
        text=normalise_text("\n".join(lines)).strip("\n"),
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        title=collapse_spaces(props.title or "") or title,
        publisher=collapse_spaces(props.author or ""),
        fallback_published=PublishedDate(created.date().isoformat(), "day") if created else None,
    )
