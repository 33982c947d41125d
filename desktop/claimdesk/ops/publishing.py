"""Publishing a project for readers (`claimdesk publish P OUT.db [--verified-only]`): a
read-only SQLite database of the claims with their quotes, typed values and citations,
their sources (URLs, SHA-256 of the originals), subjects and measures, and the relations
between them, plus Datasette's metadata beside it, named after it (``OUT.db`` ->
``OUT.metadata.json``: two publications in one folder keep their own), with titles,
descriptions, licence, facets and canned queries, so ``datasette OUT.db -m
OUT.metadata.json`` serves it. Claimdesk only writes the two files; serving them is
Datasette's job, which `pip install claimdesk[publish]` brings.

What is published is what the fact sheet exports: the claims of every status (or, with
``verified_only``, the verified ones), after the integrity checks and the two-person rule,
each with the same record the CSV/JSON exports carry (positions count code points in the
text of the original its ``sha256`` names). Claims failing a check are left out and listed.
Relations are published between published claims, dismissed ones never. Both files are
written beside their targets and renamed into place, so a failure leaves what was there.
A file already at either place is replaced only when Claimdesk published it (the
database's application id, the metadata's "source"), or with ``force``; a Claimdesk
project never.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from claimdesk import __version__
from claimdesk.exports.factsheet import Source
from claimdesk.exports.records import POSITIONS, claim_records
from claimdesk.ops.exporting import EmptyExport, ExportError, check_scope
from claimdesk.ops.factsheet import ExportOptions, build_factsheet
from claimdesk.store import events
from claimdesk.store import kinds as kinds_repo
from claimdesk.store import relations as relations_repo
from claimdesk.store.events import now_iso
from claimdesk.store.project import Project, storage_errors
from claimdesk.store.publishing import CANNED_QUERIES, PROJECT, PUBLICATION, file_kind, write_published

METADATA_SUFFIX = ".metadata.json"
READ_ONLY = 0o444
NUMBER_FIELDS = ("amount", "quantity", "value")  # a claim's figure, in this order (as the claims table sorts)


class PublishError(ExportError):
    """The database cannot be published; the message says why (nothing was written)."""


class ReplaceableError(PublishError):
    """Refused only because a file Claimdesk did not publish stands at a target: ``force``
    replaces it. ``problem`` says what is there, without the command line's advice."""

    def __init__(self, problem: str, advice: str) -> None:
        super().__init__(f"{problem}; nothing was written ({advice})")
        self.problem = problem


@dataclass(frozen=True)
class PublishOptions:
    verified_only: bool = False
    title: str = ""  # blank: "Claims from <project file>"
    description: str = ""
    license: str = ""  # e.g. "CC BY 4.0"; blank: the metadata says the licence is not stated
    license_url: str = ""
    timestamp: str | None = None  # fixed "published at" for reproducible output (ISO 8601)
    force: bool = False  # replace files at the targets that Claimdesk did not publish (never a project)


@dataclass
class Published:
    database: Path
    metadata: Path
    claims: int
    sources: int
    relations: int
    left_out: list[str] = field(default_factory=list)  # claims failing a check, with why


def metadata_path(out: Path) -> Path:
    """Where Datasette's metadata for the database ``out`` goes: beside it, named after it."""
    return out.with_name(out.stem + METADATA_SUFFIX)


def check_timestamp(text: str) -> str:
    """``text`` if it is an ISO 8601 date or date and time, else PublishError."""
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        raise PublishError(f"{text!r} is not an ISO 8601 date and time (e.g. 2026-12-02T10:00:00+00:00)") from None
    return text


def publish(project: Project, out: str | Path, options: PublishOptions = PublishOptions()) -> Published:
    out = Path(out)
    if options.timestamp is not None:
        check_timestamp(options.timestamp)
    metadata_file = metadata_path(out)
    _check_target(project, out, metadata_file, options.force)
    title = options.title or f"Claims from {project.path.stem}"
    export_options = ExportOptions(title=title, statuses=("verified",), draft=not options.verified_only,
                                   timestamp=options.timestamp)
    try:
        check_scope(project, export_options)  # EmptyExport (nothing in scope) names what would let claims in
    except EmptyExport as exc:
        raise EmptyExport(f"{project.path.name}: {exc}", exc.hint) from None
    published_at = options.timestamp or now_iso()
    with storage_errors():
        sheet = build_factsheet(project, export_options, published_at)
        types = {k.name: {f.name: f.type for f in k.fields} for k in kinds_repo.list_kinds(project.db)}
        relations = relations_repo.relations(project.db)
    if sheet.count == 0:
        more = "; …" if len(sheet.left_out) > 3 else ""
        raise EmptyExport(f"{project.path.name}: every claim in scope fails a check, so nothing would be published "
                          f"({'; '.join(sheet.left_out[:3])}{more}); fix them first")
    claims = [_claim_row(record) for record in claim_records(sheet, field_types=types)]
    ids = {row["claim_id"] for row in claims}
    used = {row["document_id"] for row in claims}
    sources = [_source_row(s) for s in sheet.sources if s.document_id in used]
    entries = [e for section in sheet.sections for e in section.entries]
    subjects = {e.about.subject_id: {"id": e.about.subject_id, "name": e.about.subject,
                                     "category": e.about.subject_category, "aliases": list(e.about.subject_aliases)}
                for e in entries if e.about is not None}
    measures = {e.about.measure_id: {"id": e.about.measure_id, "subject_id": e.about.subject_id,
                                     "name": e.about.measure, "unit_class": e.about.unit_class, "unit": e.about.unit}
                for e in entries if e.about is not None}
    links = [{"id": r["id"], "kind": r["kind"], "first_claim": r["first"], "second_claim": r["second"],
              "state": r["state"], "reason": r["reason"], "proposed_promise": r["proposed_promise"],
              "decided_by": r["decided_by"] or "", "decided_at": r["decided_at"] or ""}
             for r in relations if r["first"] in ids and r["second"] in ids and r["state"] != "dismissed"]
    publication = {"title": title, "project": project.path.name, "published_at": published_at,
                   "scope": "verified claims" if options.verified_only else "claims of every review status",
                   "claims": len(claims), "positions": POSITIONS, "claimdesk": __version__,
                   "license": options.license}
    metadata = datasette_metadata(out.stem, title, options, publication)
    partials = [out.with_name(f".{out.name}.part"), metadata_file.with_name(f".{metadata_file.name}.part")]
    try:
        for partial in partials:
            partial.unlink(missing_ok=True)
        with storage_errors():
            write_published(partials[0], publication=publication, claims=claims, sources=sources,
                            subjects=sorted(subjects.values(), key=lambda s: s["id"]),
                            measures=sorted(measures.values(), key=lambda m: m["id"]), relations=links)
        os.chmod(partials[0], READ_ONLY)  # for readers: nothing is meant to change it
        partials[1].write_text(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(partials[0], out)
        os.replace(partials[1], metadata_file)
    except OSError as exc:
        raise PublishError(f"{exc.filename or out}: could not write ({exc.strerror or exc}); "
                           "nothing was published") from None
    finally:
        for partial in partials:
            partial.unlink(missing_ok=True)
    if not project.read_only:  # publishing only reads; a read-only project cannot log it
        with project.db.atomic():
            events.record_event(project.db, "publish", str(out), {"claims": len(claims),
                                                                   "verified_only": options.verified_only})
    return Published(out, metadata_file, len(claims), len(sources), len(links), list(sheet.left_out))


def datasette_metadata(database: str, title: str, options: PublishOptions,
                       publication: dict[str, Any]) -> dict[str, Any]:
    """Datasette's metadata.json (0.6x): titles, descriptions, licence, facets, canned queries."""
    description = options.description or (
        f"Claims from government press releases and news, marked and checked in Claimdesk "
        f"({publication['scope']}; {publication['claims']} claims, published {publication['published_at']}). "
        "Every claim quotes its source and says where: start and end count characters (code points) in the "
        "text of the original file named by its SHA-256.")
    licence = {"license": options.license or "not stated by the publisher"}
    if options.license_url:
        licence["license_url"] = options.license_url
    return {
        "title": title, "description": description, **licence,
        "source": f"Claimdesk {__version__} project {publication['project']}",
        "databases": {database: {
            "title": title, "description": description,
            "tables": {
                "claims": {"title": "Claims", "label_column": "statement", "sort": "claim_id",
                           "description": "One row per claim: kind, review status, the one-line statement, the quote "
                                          "with its context, the typed values (amount, currency, quantity, unit, "
                                          "dates with precision ...; numbers as exact decimal text, and as `number` "
                                          "for sorting), its source and position, subject and measure.",
                           "facets": ["kind", "status", "subject", "measure", "source_title"]},
                "sources": {"title": "Sources", "label_column": "title",
                            "description": "The documents the claims cite: title, publisher, date, URL, file name "
                                           "and the SHA-256 of the original file."},
                "subjects": {"title": "Subjects", "label_column": "name",
                             "description": "What the claims are about: programmes, projects, places, facilities; "
                                            "aliases lists their other names."},
                "measures": {"title": "Measures", "label_column": "name",
                             "description": "The thing counted or paid under a subject (its unit class and unit)."},
                "relations": {"title": "Relations", "facets": ["kind", "state"],
                              "description": "Corroborations, conflicts, revisions and progress between two "
                                             "published claims; state: proposed (not yet decided) or confirmed; "
                                             "proposed_promise: the promise status a progress relation proposes "
                                             "for its target (null for the other kinds)."},
                "publication": {"title": "About this publication",
                                "description": "What this file holds, when and from which project it was made."},
                "open_conflicts": {"title": "Open conflicts",
                                   "description": "Conflicts between two published figures not dismissed by an "
                                                  "analyst, both sides with their sources."},
                "claims_per_subject": {"title": "Claims per subject"},
            },
            "queries": {name: {"title": label, "sql": sql, "description": about}
                        for name, (label, sql, about) in CANNED_QUERIES.items()},
        }},
    }


def _claim_row(record: dict[str, Any]) -> dict[str, Any]:
    row = dict(record)
    row["number"] = _number(next((record[name] for name in NUMBER_FIELDS if record.get(name)), None))
    return row


def _number(text: str | None) -> float | None:
    try:
        return float(Decimal(text)) if text else None
    except InvalidOperation:
        return None


def _source_row(source: Source) -> dict[str, Any]:
    return {"document_id": source.document_id, "title": source.title, "publisher": source.publisher,
            "published": source.published, "url": source.url, "file_name": source.file_name,
            "sha256": source.sha256, "retrieved": source.retrieved,
            "original_document_id": source.original_document_id, "article_offset": source.article_offset}


def _check_target(project: Project, out: Path, metadata: Path, force: bool) -> None:
    if not out.parent.is_dir():
        raise PublishError(f"{out}: folder {out.parent} does not exist")
    if out.is_dir():
        raise PublishError(f"{out}: is a folder; name the database file to write")
    if out.exists() and out.resolve() == project.path.resolve():
        raise PublishError(f"{out}: that is the project itself; name a new file for the published database")
    foreign = []  # every file force would replace, so that confirming one (the dialog asks) names both
    if out.exists():
        kind = file_kind(out)
        if kind == PROJECT:
            raise PublishError(f"{out}: is a Claimdesk project, never replaced by a publication; name another file")
        if kind != PUBLICATION:
            foreign.append(f"{out}: exists and is not a database Claimdesk published")
    if metadata.is_dir():
        raise PublishError(f"{metadata}: is a folder, where the metadata for {out.name} goes")
    if metadata.exists() and file_kind(metadata) == PROJECT:  # force or not: that is someone's work
        raise PublishError(f"{metadata}: is a Claimdesk project, where the metadata for {out.name} goes; never "
                           "replaced by it: name another database file")
    if metadata.exists() and not _is_our_metadata(metadata):
        foreign.append(f"{metadata}: exists and is not metadata Claimdesk wrote")
    if foreign and not force:
        raise ReplaceableError("; ".join(foreign), "name another database file, or replace "
                               + ("them" if len(foreign) > 1 else "it") + " with --force")


def _is_our_metadata(path: Path) -> bool:
    """Whether ``path`` holds Datasette metadata that Claimdesk wrote (its "source")."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and str(data.get("source", "")).startswith("Claimdesk ")
