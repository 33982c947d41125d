"""DOCX through python-docx: paragraphs and table rows in document order."""

from __future__ import annotations

from io import BytesIO

from claimdesk.core.model import ParsedDocument, PublishedDate, ReaderError
from claimdesk.core.normalize import collapse_spaces, normalise_text


def read_docx(data: bytes) -> ParsedDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(BytesIO(data))
    except PackageNotFoundError:
        raise ReaderError("damaged DOCX (not a Word package)") from None
    except KeyError as exc:
        raise ReaderError(f"damaged DOCX (the part {exc} is missing)") from None
    except Exception:  # lxml, zipfile and python-docx internals: their text means nothing to a reader
        raise ReaderError("damaged DOCX (its package description or a part of it is malformed)") from None
    lines: list[str] = []
    title = ""
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            lines.append(paragraph.text)
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            if not title and paragraph.text.strip() and style.lower() in ("title", "heading 1"):
                title = collapse_spaces(paragraph.text)
        elif tag == "tbl":
            table = Table(child, document)
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
