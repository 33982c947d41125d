"""Exports: File ▸ Export and `claimdesk export`. Every format is written to a temporary
file beside the target and renamed into place, so a failed export leaves nothing
half-written; the integrity checks run first (inside the fact sheet builder). An export
that would hold no claim is refused with the reason, never written as an empty file."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from claimdesk.core.values import decimal_to_field, parse_partial_date
from claimdesk.exports.factsheet import FactSheet, Original
from claimdesk.exports.safe import clean
from claimdesk.exports.templates import render
from claimdesk.ops.factsheet import ExportOptions, build_factsheet
from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store import events
from claimdesk.store import kinds as kinds_repo
from claimdesk.store.events import now_iso
from claimdesk.store.project import Project

FORMATS = ("html", "pdf", "md", "csv", "json", "webanno", "claimreview", "qdpx", "annotated-pdf")
POSITIONS = ("start and end count code points in the stored text of the original named by sha256 "
             "(for a digest article: its page's text, article_offset + the offset in the article)")


class ExportError(Exception):
    """An export that cannot be written; the message says why."""


class ExportUsageError(ExportError):
    """The options name something the project does not hold (a kind, a document)."""


class EmptyExport(ExportError):
    """The options select no claim to export. ``hint`` names the option that would let
    claims in ("draft": every status; "force": claims failing checks, marked), if any;
    the CLI and the dialog word it for their own controls."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


def check_scope(project: Project, options: ExportOptions) -> None:
    """Raises ExportUsageError for an unknown kind or document and EmptyExport when no
    claim fits the options. Cheap (no integrity checks), so the dialog can ask first."""
    db = project.db
    if options.kind:
        kinds = [k.name for k in kinds_repo.list_kinds(db)]
        if options.kind not in kinds:
            raise ExportUsageError(f"no claim kind named {options.kind!r}; kinds: {', '.join(kinds)}")
    if options.document_id is not None:
        document = documents_repo.get_document(db, options.document_id)
        if document is None:
            raise ExportUsageError(f"no document #{options.document_id} in this project")
        if document.is_container:
            articles = ", ".join(f"#{a.id}" for a in documents_repo.articles_of(db, document.id))
            raise ExportUsageError(f"document #{document.id} is a digest page; its claims are in its articles "
                                   f"({articles})")
    # counted in SQL: the dialog asks on every option change, and loading 100k claims each time would stall it
    statuses = None if options.draft else tuple(options.statuses)
    if claims_repo.count_in_scope(db, statuses, options.kind, options.document_id):
        return
    total = claims_repo.count_claims(db)
    if not total:
        raise EmptyExport("the project holds no claims yet; mark or accept claims first")
    conditions = ([] if options.draft else [" or ".join(options.statuses)]) + (
        [f"of kind {options.kind!r}"] if options.kind else []) + (
        [f"in document #{options.document_id}"] if options.document_id is not None else [])
    draft_helps = not options.draft and claims_repo.count_in_scope(db, None, options.kind, options.document_id) > 0
    raise EmptyExport(f"0 of {total} claims are {' and '.join(conditions)}", "draft" if draft_helps else None)


def cli_hint(error: ExportError) -> str:
    """The message with the command-line option that would let claims in."""
    hint = getattr(error, "hint", None)
    return str(error) + {"draft": "; use --draft to export unverified claims (marked DRAFT)",
                         "force": "; use --force to export them marked"}.get(hint, "")


def export(project: Project, fmt: str, out: Path, options: ExportOptions) -> FactSheet:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    if not out.parent.is_dir():
        raise ExportError(f"{out}: folder {out.parent} does not exist")
    check_scope(project, options)
    generated_at = options.timestamp or now_iso()
    sheet = build_factsheet(project, options, generated_at)
    if sheet.count == 0:
        which = "the only claim" if len(sheet.left_out) == 1 else f"all {len(sheet.left_out)} claims"
        raise EmptyExport(f"{which} in scope fail{'s' if len(sheet.left_out) == 1 else ''} a check, so nothing "
                          f"would be exported ({'; '.join(sheet.left_out[:3])}"
                          f"{'; …' if len(sheet.left_out) > 3 else ''}); fix them first", "force")
    data = _render(project, fmt, sheet, options, generated_at)
    partial = out.with_name(f".{out.name}.part")
    # the file is renamed into place inside the transaction that logs it: a project too busy
    # to log the export (or a failed rename) leaves neither the file nor the event
    try:
        partial.write_bytes(data)
        if project.read_only:  # exporting only reads; a read-only project cannot log it
            os.replace(partial, out)
        else:
            with project.db.atomic():
                events.record_event(project.db, "export", fmt, {"out": str(out), "claims": sheet.count})
                os.replace(partial, out)
    except OSError as exc:
        raise ExportError(f"{out}: could not write ({exc.strerror or exc})") from None
    finally:
        partial.unlink(missing_ok=True)
    return sheet


def _render(project: Project, fmt: str, sheet: FactSheet, options: ExportOptions, generated_at: str) -> bytes:
    if fmt == "html":
        return render("factsheet.html.j2", sheet=sheet).encode()
    if fmt == "md":
        return render("factsheet.md.j2", sheet=sheet).encode()
    if fmt == "csv":
        return _csv(claim_records(sheet, field_types=_field_types(project))).encode()
    if fmt == "json":
        return (json.dumps({"title": sheet.title, "generated_at": generated_at, "scope": sheet.scope,
                            "positions": POSITIONS,
                            "claims": claim_records(sheet, nested_fields=True, field_types=_field_types(project))},
                           ensure_ascii=False, indent=2) + "\n").encode()
    if fmt == "pdf":
        from claimdesk.exports.pdf import PdfFontError, render_pdf

        try:
            return render_pdf(sheet)
        except PdfFontError as exc:
            raise ExportError(str(exc)) from None
    if fmt == "webanno":
        from claimdesk.exports.webanno import annotations

        return _json_ld(annotations(sheet))
    if fmt == "claimreview":
        from claimdesk.exports.claimreview import claim_reviews

        return _json_ld(claim_reviews(sheet))
    if fmt == "qdpx":
        from claimdesk.exports.qdpx import qdpx_bytes

        return qdpx_bytes(sheet, kinds_repo.list_kinds(project.db), _originals(project, sheet))
    from claimdesk.exports.annotated_pdf import NoPdfSources, annotated_pdfs

    try:
        colours = {k.name: k.colour for k in kinds_repo.list_kinds(project.db)}
        return annotated_pdfs(sheet, colours, _originals(project, sheet, paged_only=True))
    except NoPdfSources as exc:
        raise ExportError(str(exc)) from None


def _originals(project: Project, sheet: FactSheet, paged_only: bool = False) -> dict[int, Original]:
    """The originals the sheet's claims cite (positions count in their text), read once each;
    ``paged_only``: only paged sources, with their pages and bytes (for annotated PDFs)."""
    originals = {}
    for document_id in sorted({e.source.original_document_id for s in sheet.sections for e in s.entries}):
        document = documents_repo.get_document(project.db, document_id)
        text = documents_repo.document_text(project.db, document_id) or ""
        if not paged_only:
            originals[document_id] = Original(document, text)
            continue
        pages = documents_repo.document_pages(project.db, document_id)
        if pages:
            originals[document_id] = Original(document, text, pages,
                                               documents_repo.original_content(project.db, document_id))
    return originals


def _field_types(project: Project) -> dict[str, dict[str, str]]:
    return {k.name: {f.name: f.type for f in k.fields} for k in kinds_repo.list_kinds(project.db)}


def _json_ld(document) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


CSV_COLUMNS = ("claim_id", "kind", "statement", "value_text", "quote", "prefix", "suffix", "document_id",
               "original_document_id", "article_offset", "source_title", "source_url", "published", "file_name",
               "sha256", "page", "start", "end", "status", "author", "reviewer", "reviewed_at", "promise_status",
               "subject_id", "subject", "measure_id", "measure", "unit_class", "link_state",
               "reference_start", "reference_end", "reference_precision", "reference_source")
# The default kinds' typed fields (../shared/docs/claims.md); "status" of a funding or a
# target (allocated, planned, …) becomes field_status, apart from the review status, and
# the formatted one-line value is value_text, apart from a statistic's value.
FIELD_COLUMNS = ("amount", "amount_high", "currency", "as_written", "field_status", "payer", "purpose", "period",
                 "period_precision", "quantity", "quantity_high", "value", "value_high", "comparator", "unit",
                 "deadline", "deadline_precision", "responsible", "as_of", "as_of_precision", "name", "position",
                 "organisation")
LIST_COLUMNS = ("corroborations", "conflicts", "evidence", "flags")
_PROVENANCE = set(CSV_COLUMNS) | set(LIST_COLUMNS) | {"fields"}
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def claim_records(sheet: FactSheet, nested_fields: bool = False, field_types: dict | None = None) -> list[dict]:
    """One flat record per exported claim: provenance, positions in the original's text,
    status, the typed fields as their own keys (decimals as exact strings, dates with
    their precision) and relations. ``nested_fields`` adds the stored fields as one object."""
    records = []
    for section in sheet.sections:
        for e in section.entries:
            record = {
                "claim_id": e.claim_id, "kind": e.kind, "statement": clean(e.statement), "value_text": clean(e.value),
                "quote": clean(e.quote), "prefix": clean(e.prefix), "suffix": clean(e.suffix),
                "document_id": e.source.document_id, "original_document_id": e.source.original_document_id,
                "article_offset": e.source.article_offset, "source_title": clean(e.source.title),
                "source_url": clean(e.source.url), "published": e.source.published,
                "file_name": clean(e.source.file_name), "sha256": e.source.sha256, "page": e.page,
                "start": e.start, "end": e.end, "status": e.status, "author": clean(e.author),
                "reviewer": clean(e.reviewer), "reviewed_at": e.reviewed_at, "promise_status": e.promise_status,
                **_about_columns(e), **_reference_columns(e.reference),
                **typed_fields(e.fields, (field_types or {}).get(e.kind, {})),
                "corroborations": [clean(x) for x in e.corroborations], "conflicts": [clean(x) for x in e.conflicts],
                "evidence": [clean(x) for x in e.evidence], "flags": e.flags}
            if nested_fields:
                record["fields"] = {k: clean(v) if isinstance(v, str) else v for k, v in e.fields.items()}
            records.append(record)
    return records


def _about_columns(entry) -> dict:
    """What the claim is about: its measure's subject and the measure (ids, names, unit
    class) and the link's state (proposed or confirmed); None (an empty cell) when unlinked."""
    about = entry.about
    if about is None:
        return dict.fromkeys(("subject_id", "subject", "measure_id", "measure", "unit_class", "link_state"))
    return {"subject_id": about.subject_id, "subject": clean(about.subject), "measure_id": about.measure_id,
            "measure": clean(about.measure), "unit_class": about.unit_class, "link_state": about.link_state}


def _reference_columns(period) -> dict:
    """The figure's reference period (core.periods): ISO start and end dates (inclusive),
    precision, and where it came from (as_of, deadline, period, or published: the release's
    date as a fallback); None (empty cells) when neither the claim nor its document dates it."""
    if period is None:
        return dict.fromkeys(("reference_start", "reference_end", "reference_precision", "reference_source"))
    return {"reference_start": period.start, "reference_end": period.end, "reference_precision": period.precision,
            "reference_source": period.source}


def typed_fields(fields: dict, types: dict[str, str]) -> dict:
    """The claim's fields as columns: every column of FIELD_COLUMNS (empty when the kind
    has no such field), numbers as exact decimal strings, "<date>_precision" beside dates."""
    row = dict.fromkeys(FIELD_COLUMNS, "")
    for name, raw in fields.items():
        if raw in (None, ""):
            continue
        # "status" of a funding or target is not the review status; a custom field never
        # overwrites provenance
        key = f"field_{name}" if name in _PROVENANCE else name
        kind_type = types.get(name) or ("decimal" if name in ("amount", "amount_high", "quantity", "quantity_high",
                                                               "value", "value_high") else "")
        row[key] = _exact(raw) if kind_type == "decimal" else clean(raw)
        if kind_type == "date" or name in ("period", "deadline", "as_of"):
            row[f"{key}_precision"] = _precision(str(raw))
    return row


def _precision(value: str) -> str:
    """year, month or day for a stored date; minute for a date with a time; empty when the
    value is not a date (an old project may hold free text there)."""
    try:
        return parse_partial_date(value)[1]
    except ValueError:
        return "minute" if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?", value) else ""


def _exact(raw) -> str:
    try:
        return decimal_to_field(Decimal(str(raw)))
    except InvalidOperation:
        return clean(raw)  # not a number: kept as written rather than dropped


def _csv(records: list[dict]) -> str:
    extra = sorted({k for r in records for k in r} - set(CSV_COLUMNS) - set(FIELD_COLUMNS) - set(LIST_COLUMNS))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=(*CSV_COLUMNS, *FIELD_COLUMNS, *extra, *LIST_COLUMNS),
                            lineterminator="\n", restval="")
    writer.writeheader()
    for record in records:
        row = {key: " | ".join(value) if isinstance(value, list) else value for key, value in record.items()}
        writer.writerow({k: defuse_formula(v) for k, v in row.items()})
    return buffer.getvalue()


def defuse_formula(cell):
    """A text cell a spreadsheet would run as a formula (starting with = + - @, tab or CR,
    as OWASP lists) gets a leading apostrophe; empty cells and plain numbers stay as they are."""
    if isinstance(cell, str) and cell and cell[0] in "=+-@\t\r" and not _NUMBER.match(cell):
        return "'" + cell
    return cell
