"""The export formats, each defined once: name, file suffix, description, whether it is a fact
sheet to read or data for another tool, what sources it needs, and its renderer. The CLI's
``--format`` choices, File ▸ Export's list and suffixes and ``ops.exporting`` all read
``FORMATS``; adding a format is one entry here plus its renderer.

Renderers take data only (``RenderInput``, gathered by ``ops.exporting``) and are imported
when their format is asked for, so PyMuPDF and lxml stay out of the CLI's and window's start."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI builds its --format choices from here: nothing heavy at import
    from claimdesk.core.kinds import Kind
    from claimdesk.exports.factsheet import FactSheet, Original

NO_SOURCES, CITED_SOURCES, CITED_PDFS = "", "cited", "cited-pdfs"


class RenderError(Exception):
    """A renderer cannot write this export (no PDF source, no font); the message says why."""


@dataclass(frozen=True)
class RenderInput:
    """What a renderer gets: the sheet, and the project's kinds and cited originals when its
    format asks for them (``ExportFormat.sources``)."""

    sheet: FactSheet
    generated_at: str
    kinds: tuple[Kind, ...] = ()
    originals: dict[int, Original] = field(default_factory=dict)

    def field_types(self) -> dict[str, dict[str, str]]:
        return {k.name: {f.name: f.type for f in k.fields} for k in self.kinds}


@dataclass(frozen=True)
class ExportFormat:
    name: str  # what --format takes and the event log records
    suffix: str  # the file name's suffix the dialog proposes
    description: str
    fact_sheet: bool  # a document to read (html, pdf, md); False: data for another tool
    render: Callable[[RenderInput], bytes]
    sources: str = NO_SOURCES  # CITED_SOURCES: every cited original's text; CITED_PDFS: paged ones with bytes


def _html(data: RenderInput) -> bytes:
    from claimdesk.exports.templates import render

    return render("factsheet.html.j2", sheet=data.sheet).encode()


def _markdown(data: RenderInput) -> bytes:
    from claimdesk.exports.templates import render

    return render("factsheet.md.j2", sheet=data.sheet).encode()


def _pdf(data: RenderInput) -> bytes:
    from claimdesk.exports.pdf import render_pdf

    return render_pdf(data.sheet)


def _csv(data: RenderInput) -> bytes:
    from claimdesk.exports.records import csv_bytes

    return csv_bytes(data.sheet, data.field_types())


def _json(data: RenderInput) -> bytes:
    from claimdesk.exports.records import json_bytes

    return json_bytes(data.sheet, data.generated_at, data.field_types())


def _webanno(data: RenderInput) -> bytes:
    from claimdesk.exports import webanno

    return json_ld(webanno.annotation_collection(data.sheet))


def _claimreview(data: RenderInput) -> bytes:
    from claimdesk.exports.claimreview import claim_reviews

    return json_ld(claim_reviews(data.sheet))


def _qdpx(data: RenderInput) -> bytes:
    from claimdesk.exports.qdpx import qdpx_bytes

    return qdpx_bytes(data.sheet, list(data.kinds), data.originals)


def _annotated_pdf(data: RenderInput) -> bytes:
    from claimdesk.exports.annotated_pdf import annotated_pdfs

    return annotated_pdfs(data.sheet, {k.name: k.colour for k in data.kinds}, data.originals)


def json_ld(document: object) -> bytes:
    import json

    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("html", ".html", "the fact sheet as a web page", True, _html),
    ExportFormat("pdf", ".pdf", "the fact sheet as PDF (A4)", True, _pdf),
    ExportFormat("md", ".md", "the fact sheet as Markdown", True, _markdown),
    ExportFormat("csv", ".csv", "one row per claim with its typed fields", False, _csv),
    ExportFormat("json", ".json", "the claims with their fields and provenance", False, _json),
    ExportFormat("webanno", ".jsonld", "W3C Web Annotations (imports into another project)", False, _webanno),
    ExportFormat("claimreview", ".jsonld", "schema.org ClaimReview of the reviewed claims", False, _claimreview),
    ExportFormat("qdpx", ".qdpx", "REFI-QDA project with the cited sources", False, _qdpx, CITED_SOURCES),
    ExportFormat("annotated-pdf", ".zip", "the cited PDFs with each claim highlighted", False, _annotated_pdf,
                 CITED_PDFS),
)}


def fact_sheet_names() -> tuple[str, ...]:
    return tuple(name for name, f in FORMATS.items() if f.fact_sheet)


def data_names() -> tuple[str, ...]:
    return tuple(name for name, f in FORMATS.items() if not f.fact_sheet)
