"""Annotated PDFs: a copy of each PDF source with a highlight over every exported claim,
the annotation carrying its kind, value and status. Written as a ZIP of PDFs (one per
source); the stored originals are never modified. Claims are placed by their positions
in the original's text (a digest article's claims by the page's text).

An exported copy carries none of the source's active content: scripts, open and page
actions, launch, submit and non-http(s) link actions, embedded and attached files and
form fields are removed first (see ``strip_active_content``); text and pages stay."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from claimdesk.core.kinds import UNKNOWN_KIND_COLOUR
from claimdesk.core.model import PageSpan
from claimdesk.core.readers.pdf import WordBox, page_word_boxes
from claimdesk.exports.factsheet import Entry, FactSheet, Original
from claimdesk.exports.registry import RenderError
from claimdesk.exports.safe import clean

if TYPE_CHECKING:  # loaded when an annotated PDF is made, not with the exports
    from pymupdf import Document

_ZIP_DATE = (2020, 1, 1, 0, 0, 0)


class NoPdfSources(RenderError):
    pass


def annotated_pdfs(sheet: FactSheet, colours: dict[str, str], originals: dict[int, Original]) -> bytes:
    """``colours``: kind name -> colour; ``originals``: the cited paged originals by document id,
    with their pages, text and bytes (others may be absent)."""
    import pymupdf

    by_document: dict[int, list[Entry]] = {}
    for section in sheet.sections:
        for entry in section.entries:
            by_document.setdefault(entry.source.original_document_id, []).append(entry)
    pdf_ids = [d for d in sorted(by_document) if d in originals and originals[d].pages]
    if not pdf_ids:
        raise NoPdfSources("none of the exported claims is in a PDF source")
    stamp = "D:" + "".join(ch for ch in sheet.generated_at[:19] if ch.isdigit()).ljust(14, "0")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for document_id in pdf_ids:
            original = originals[document_id]
            with pymupdf.open("pdf", original.content) as pdf:
                if pdf.needs_pass:
                    continue  # encrypted: its password is not stored, so it cannot be annotated
                strip_active_content(pdf)
                boxes = _WordBoxes(pdf, original.pages, original.text)
                for entry in by_document[document_id]:
                    _highlight(pdf, boxes, entry, colours.get(entry.kind, UNKNOWN_KIND_COLOUR), stamp)
                data = pdf.tobytes(garbage=3, deflate=True, no_new_id=True)
            name = PurePath(by_document[document_id][0].source.file_name).stem
            info = zipfile.ZipInfo(f"{document_id:04d}-{clean(name)[:60]}-annotated.pdf", _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/ResetForm", "/GoToE", "/GoToR",
                   "/Rendition", "/RichMediaExecute", "/Movie", "/Sound"}
_SAFE_URI = re.compile(r"^\(?\s*(https?://|mailto:)", re.IGNORECASE)


def strip_active_content(pdf: Document) -> None:
    """Removes what a PDF viewer would run or hand to the system: JavaScript anywhere,
    open/additional actions, launch/submit/import actions, links to anything but http(s)
    or mailto, embedded and attached files, and forms (their widgets included)."""
    pdf.scrub(attached_files=True, clean_pages=False, embedded_files=True, hidden_text=False, javascript=True,
              metadata=False, redactions=False, remove_links=False, reset_fields=False, reset_responses=False,
              thumbnails=False, xml_metadata=False)
    import pymupdf

    mupdf: Any = pymupdf  # its partial types leave out the annotation type constants
    carriers = (mupdf.PDF_ANNOT_FILE_ATTACHMENT, mupdf.PDF_ANNOT_SOUND, mupdf.PDF_ANNOT_MOVIE,
                mupdf.PDF_ANNOT_SCREEN, mupdf.PDF_ANNOT_RICH_MEDIA)
    for page in pdf.pages():
        for widget in list(page.widgets()):
            page.delete_widget(widget)
        for annot in list(page.annots(types=carriers)):
            page.delete_annot(annot)
        for link in page.get_links():
            unsafe_uri = link["kind"] == pymupdf.LINK_URI and not _SAFE_URI.match((link.get("uri") or "").strip())
            if link["kind"] == pymupdf.LINK_LAUNCH or unsafe_uri:
                page.delete_link(link)
    catalog = pdf.pdf_catalog()
    for key in ("OpenAction", "AA", "AcroForm", "Names/JavaScript", "Names/EmbeddedFiles"):
        if pdf.xref_get_key(catalog, key)[0] != "null":
            pdf.xref_set_key(catalog, key, "null")  # a null entry is an absent one (PDF 32000 7.3.7)
    if pdf.xref_get_key(catalog, "PageMode")[1] == "/UseAttachments":
        pdf.xref_set_key(catalog, "PageMode", "/UseNone")
    for xref in range(1, pdf.xref_length()):
        _neutralise_object(pdf, xref)


def _neutralise_object(pdf: Document, xref: int) -> None:
    """An action dictionary (itself or inline under /A) that runs something becomes inert;
    additional actions and stray scripts on any object go."""
    try:
        if not pdf.xref_is_stream(xref) and not pdf.xref_object(xref, compressed=True).lstrip().startswith("<<"):
            return
    except (RuntimeError, ValueError):
        return
    for key in ("AA", "JS", "JavaScript", "EmbeddedFiles", "EF"):
        if pdf.xref_get_key(xref, key)[0] != "null":
            pdf.xref_set_key(xref, key, "null")
    for prefix in ("", "A/"):
        kind, action = pdf.xref_get_key(xref, prefix + "S")
        if kind != "name":
            continue
        uri_kind, uri = pdf.xref_get_key(xref, prefix + "URI")
        unsafe_uri = action == "/URI" and not (uri_kind == "string" and _SAFE_URI.match(uri.strip()))
        if action in _ACTIVE_ACTIONS or unsafe_uri:
            if prefix:
                pdf.xref_set_key(xref, "A", "null")
            else:
                pdf.update_object(xref, "<<>>")


class _WordBoxes:
    """Word boxes per page, found once per page and only for pages that hold a claim
    (projects imported before boxes became lazy still carry them stored)."""

    def __init__(self, pdf: Document, pages: list[PageSpan], text: str):
        self.pdf, self.pages, self.text = pdf, pages, text
        self._found: dict[int, tuple[WordBox, ...]] = {}

    def on_page(self, page_span: PageSpan) -> tuple[WordBox, ...]:
        if page_span.words:
            return page_span.words
        if page_span.number not in self._found:
            self._found[page_span.number] = page_word_boxes(
                self.pdf[page_span.number - 1], self.text[page_span.start:page_span.end], page_span.start)
        return self._found[page_span.number]


def _highlight(pdf: Document, boxes: _WordBoxes, entry: Entry, colour: str, stamp: str) -> None:
    import pymupdf

    rgb = tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    for page_span in boxes.pages:
        if page_span.end <= entry.start or page_span.start >= entry.end:
            continue
        rects = [pymupdf.Rect(w[:4]) for w in boxes.on_page(page_span) if w[4] < entry.end and w[5] > entry.start]
        if not rects:
            continue
        page = pdf[page_span.number - 1]  # keep the page alive while its annotation is edited
        annot = page.add_highlight_annot(quads=[r.quad for r in rects])
        annot.set_colors(stroke=rgb)
        annot.set_info(title=f"Claimdesk: {entry.kind}", subject=clean(entry.status),
                       content=clean(f"#{entry.claim_id} {entry.kind}: {entry.value or entry.statement} "
                                     f"(status: {entry.status})"),
                       creationDate=stamp, modDate=stamp)
        annot.update()
