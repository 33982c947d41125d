"""Exports: File ▸ Export and `claimdesk export`. Every format is written to a temporary
file beside the target and renamed into place, so a failed export leaves nothing
half-written; the integrity checks run first (inside the fact sheet builder). An export
that would hold no claim is refused with the reason, never written as an empty file.
The formats are ``exports.registry.FORMATS``; this module gathers what their renderers need."""

from __future__ import annotations

import os
from pathlib import Path

from claimdesk.exports.factsheet import FactSheet, Original
from claimdesk.exports.registry import CITED_PDFS, FORMATS, ExportFormat, RenderError, RenderInput
from claimdesk.ops.factsheet import ExportOptions, build_factsheet
from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store import events
from claimdesk.store import kinds as kinds_repo
from claimdesk.store.events import now_iso
from claimdesk.store.project import Project


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
    hint = getattr(error, "hint", None) or ""
    return str(error) + {"draft": "; use --draft to export unverified claims (marked DRAFT)",
                         "force": "; use --force to export them marked"}.get(hint, "")


def export(project: Project, fmt: str, out: Path, options: ExportOptions) -> FactSheet:
    export_format = FORMATS.get(fmt)
    if export_format is None:
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
    data = _render(project, export_format, sheet, generated_at)
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


def _render(project: Project, fmt: ExportFormat, sheet: FactSheet, generated_at: str) -> bytes:
    """Gathers what the format's renderer needs (renderers never read the project) and runs it."""
    kinds = tuple(kinds_repo.list_kinds(project.db))
    originals = _originals(project, sheet, paged_only=fmt.sources == CITED_PDFS) if fmt.sources else {}
    try:
        return fmt.render(RenderInput(sheet, generated_at, kinds, originals))
    except RenderError as exc:
        raise ExportError(str(exc)) from None


def _originals(project: Project, sheet: FactSheet, paged_only: bool = False) -> dict[int, Original]:
    """The originals the sheet's claims cite (positions count in their text), read once each;
    ``paged_only``: only paged sources, with their pages and bytes (for annotated PDFs)."""
    originals = {}
    for document_id in sorted({e.source.original_document_id for s in sheet.sections for e in s.entries}):
        document = documents_repo.get_document(project.db, document_id)
        if document is None:  # another Claimdesk removed it after the sheet was read
            raise ExportError(f"document #{document_id} was removed while exporting; export again")
        text = documents_repo.document_text(project.db, document_id) or ""
        if not paged_only:
            originals[document_id] = Original(document, text)
            continue
        pages = documents_repo.document_pages(project.db, document_id)
        if pages:
            originals[document_id] = Original(document, text, pages,
                                               documents_repo.original_content(project.db, document_id))
    return originals
