"""Exports: File ▸ Export and `claimdesk export`. Every format is written to a temporary
file beside the target and renamed into place, so a failed export leaves nothing
half-written; the integrity checks run first (inside the fact sheet builder)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from claimdesk.exports.factsheet import FactSheet
from claimdesk.exports.safe import clean
from claimdesk.exports.templates import render
from claimdesk.ops.factsheet import ExportOptions, build_factsheet
from claimdesk.store import events
from claimdesk.store.events import now_iso
from claimdesk.store.project import Project

FORMATS = ("html", "pdf", "md", "csv", "json", "webanno", "claimreview", "qdpx", "annotated-pdf")


class ExportError(Exception):
    """An export that cannot be written; the message says why."""


def export(project: Project, fmt: str, out: Path, options: ExportOptions) -> FactSheet:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    if not out.parent.is_dir():
        raise ExportError(f"{out}: folder {out.parent} does not exist")
    generated_at = options.timestamp or now_iso()
    sheet = build_factsheet(project, options, generated_at)
    data = _render(project, fmt, sheet, options, generated_at)
    partial = out.with_name(f".{out.name}.part")
    try:
        partial.write_bytes(data)
        os.replace(partial, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"{out}: could not write ({exc.strerror or exc})") from None
    with project.db.atomic():
        events.record_event(project.db, "export", fmt, {"out": str(out), "claims": sheet.count})
    return sheet


def _render(project: Project, fmt: str, sheet: FactSheet, options: ExportOptions, generated_at: str) -> bytes:
    if fmt == "html":
        return render("factsheet.html.j2", sheet=sheet).encode()
    if fmt == "md":
        return render("factsheet.md.j2", sheet=sheet).encode()
    if fmt == "csv":
        return _csv(claim_records(sheet)).encode()
    if fmt == "json":
        return (json.dumps({"title": sheet.title, "generated_at": generated_at, "scope": sheet.scope,
                            "claims": claim_records(sheet)}, ensure_ascii=False, indent=2) + "\n").encode()
    if fmt == "pdf":
        from claimdesk.exports.pdf import PdfFontError, render_pdf

        try:
            return render_pdf(sheet)
        except PdfFontError as exc:
            raise ExportError(str(exc)) from None
    if fmt == "webanno":
        from claimdesk.exports.webanno import annotations

        return _json_ld(annotations(project, sheet))
    if fmt == "claimreview":
        from claimdesk.exports.claimreview import claim_reviews

        return _json_ld(claim_reviews(sheet))
    if fmt == "qdpx":
        from claimdesk.exports.qdpx import qdpx_bytes

        return qdpx_bytes(project, sheet)
    from claimdesk.exports.annotated_pdf import NoPdfSources, annotated_pdfs

    try:
        return annotated_pdfs(project, sheet)
    except NoPdfSources as exc:
        raise ExportError(str(exc)) from None


def _json_ld(document) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


CSV_COLUMNS = ("claim_id", "kind", "statement", "value", "quote", "prefix", "suffix", "document_id", "source_title",
               "source_url", "published", "file_name", "sha256", "page", "start", "end", "status", "reviewer",
               "reviewed_at", "promise_status", "corroborations", "conflicts", "evidence", "flags")


def claim_records(sheet: FactSheet) -> list[dict]:
    """One flat record per exported claim: fields, provenance, status and relations."""
    records = []
    for section in sheet.sections:
        for e in section.entries:
            records.append({
                "claim_id": e.claim_id, "kind": e.kind, "statement": clean(e.statement), "value": clean(e.value),
                "quote": clean(e.quote), "prefix": clean(e.prefix), "suffix": clean(e.suffix),
                "document_id": e.source.document_id, "source_title": clean(e.source.title),
                "source_url": clean(e.source.url), "published": e.source.published,
                "file_name": clean(e.source.file_name), "sha256": e.source.sha256, "page": e.page,
                "start": e.start, "end": e.end, "status": e.status, "reviewer": clean(e.reviewer),
                "reviewed_at": e.reviewed_at, "promise_status": e.promise_status,
                "corroborations": [clean(x) for x in e.corroborations], "conflicts": [clean(x) for x in e.conflicts],
                "evidence": [clean(x) for x in e.evidence], "flags": e.flags})
    return records


def _csv(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = {key: " | ".join(value) if isinstance(value, list) else value for key, value in record.items()}
        # a cell starting with = + - @ would run as a formula in spreadsheets
        writer.writerow({k: ("'" + v if isinstance(v, str) and v[:1] in "=+-@" else v) for k, v in row.items()})
    return buffer.getvalue()
