"""The claims of a fact sheet as flat records: the CSV and JSON exports (Qt- and store-free;
ops gathers the sheet and the kinds' field types)."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from claimdesk.core.values import decimal_to_field, parse_partial_date
from claimdesk.core.periods import Period
from claimdesk.exports.factsheet import Entry, FactSheet
from claimdesk.exports.safe import clean

POSITIONS = ("start and end count code points in the stored text of the original named by sha256 "
             "(for a digest article: its page's text, article_offset + the offset in the article)")

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


def claim_records(sheet: FactSheet, nested_fields: bool = False,
                  field_types: dict[str, dict[str, str]] | None = None) -> list[dict[str, Any]]:
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


def _about_columns(entry: Entry) -> dict[str, Any]:
    """What the claim is about: its measure's subject and the measure (ids, names, unit
    class) and the link's state (proposed or confirmed); None (an empty cell) when unlinked."""
    about = entry.about
    if about is None:
        return dict.fromkeys(("subject_id", "subject", "measure_id", "measure", "unit_class", "link_state"))
    return {"subject_id": about.subject_id, "subject": clean(about.subject), "measure_id": about.measure_id,
            "measure": clean(about.measure), "unit_class": about.unit_class, "link_state": about.link_state}


def _reference_columns(period: Period | None) -> dict[str, Any]:
    """The figure's reference period (core.periods): ISO start and end dates (inclusive),
    precision, and where it came from (as_of, deadline, period, or published: the release's
    date as a fallback); None (empty cells) when neither the claim nor its document dates it."""
    if period is None:
        return dict.fromkeys(("reference_start", "reference_end", "reference_precision", "reference_source"))
    return {"reference_start": period.start, "reference_end": period.end, "reference_precision": period.precision,
            "reference_source": period.source}


def typed_fields(fields: dict[str, Any], types: dict[str, str]) -> dict[str, Any]:
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


def _exact(raw: object) -> str:
    try:
        return decimal_to_field(Decimal(str(raw)))
    except InvalidOperation:
        return clean(raw)  # not a number: kept as written rather than dropped


def _csv(records: list[dict[str, Any]]) -> str:
    extra = sorted({k for r in records for k in r} - set(CSV_COLUMNS) - set(FIELD_COLUMNS) - set(LIST_COLUMNS))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=(*CSV_COLUMNS, *FIELD_COLUMNS, *extra, *LIST_COLUMNS),
                            lineterminator="\n", restval="")
    writer.writeheader()
    for record in records:
        row = {key: " | ".join(value) if isinstance(value, list) else value for key, value in record.items()}
        writer.writerow({k: defuse_formula(v) for k, v in row.items()})
    return buffer.getvalue()


def defuse_formula(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula (starting with = + - @, tab or CR,
    as OWASP lists) gets a leading apostrophe; empty cells and plain numbers stay as they are."""
    if isinstance(cell, str) and cell and cell[0] in "=+-@\t\r" and not _NUMBER.match(cell):
        return "'" + cell
    return cell


def csv_bytes(sheet: FactSheet, field_types: dict[str, dict[str, str]]) -> bytes:
    return _csv(claim_records(sheet, field_types=field_types)).encode()


def json_bytes(sheet: FactSheet, generated_at: str, field_types: dict[str, dict[str, str]]) -> bytes:
    return (json.dumps({"title": sheet.title, "generated_at": generated_at, "scope": sheet.scope,
                        "positions": POSITIONS,
                        "claims": claim_records(sheet, nested_fields=True, field_types=field_types)},
                       ensure_ascii=False, indent=2) + "\n").encode()
