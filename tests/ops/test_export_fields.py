"""What the data exports hold: typed fields as their own columns/keys, CSV cells guarded
against formulas without touching empty ones, a summary that counts instead of adding
money, and a REFI-QDA file that stays valid with nothing in it."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from claimdesk.core.claims import EditClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.commands import run_command
from claimdesk.exports.records import defuse_formula
from claimdesk.ops.exporting import export
from claimdesk.ops.factsheet import ExportOptions, build_factsheet
from claimdesk.ops.samples import ensure_sample_project
from claimdesk.paths import sample_claims_file
from tests.conftest import SAMPLES, SHARED

STAMP = "2026-11-28T12:00:00+00:00"


@pytest.fixture
def sample(tmp_path):
    with ensure_sample_project(tmp_path / "sample.claimdesk", SAMPLES, sample_claims_file()) as project:
        yield project


def _export(project, fmt, tmp_path, **options):
    out = tmp_path / f"out.{fmt}"
    export(project, fmt, out, ExportOptions(timestamp=STAMP, draft=True, **options))
    return out


def _csv_rows(project, tmp_path):
    return list(csv.DictReader(io.StringIO(_export(project, "csv", tmp_path).read_text())))


def _by_quote(rows, start: str):
    return next(r for r in rows if r["quote"].startswith(start))


def test_empty_csv_cells_stay_empty(sample, tmp_path):
    rows = _csv_rows(sample, tmp_path)
    cells = [value for row in rows for value in row.values()]
    assert "'" not in cells  # an empty cell used to be written as a lone apostrophe
    assert any(value == "" for value in cells) and any(row["promise_status"] == "" for row in rows)


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"])
def test_formula_cells_are_defused(cell):
    assert defuse_formula(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["", "12400000000", "-5", "98.4", "Republican Budget", 7, None])
def test_other_cells_are_left_as_they_are(cell):
    assert defuse_formula(cell) == cell


def test_csv_has_typed_field_columns(sample, tmp_path):
    rows = _csv_rows(sample, tmp_path)
    funding = _by_quote(rows, "the Republican Budget has allocated 12.4 billion tenge")
    assert (funding["amount"], funding["currency"], funding["field_status"], funding["payer"]) == (
        "12400000000", "KZT", "allocated", "Republican Budget")
    assert funding["status"] == "unverified" and funding["quantity"] == "" and funding["amount_high"] == ""
    assert funding["claim_id"] and funding["document_id"] and len(funding["sha256"]) == 64
    target = _by_quote(rows, "renovate up to 60 public transport stops")
    assert (target["quantity"], target["comparator"], target["unit"], target["deadline"],
            target["deadline_precision"]) == ("60", "up to", "public transport stops", "2026-09", "month")
    statistic = _by_quote(rows, "regional budget spending")
    assert (statistic["value"], statistic["unit"], statistic["as_of"], statistic["as_of_precision"]) == (
        "98.4", "%", "2025", "year")
    assert statistic["value_text"] == "98.4 %"
    official = _by_quote(rows, "Minister of Healthcare Dana Serikbayeva")
    assert (official["name"], official["position"]) == ("Dana Serikbayeva", "Minister of Healthcare")
    digest = _by_quote(rows, "the construction will cost T21.6 billion")
    assert int(digest["article_offset"]) > 0 and digest["original_document_id"] != digest["document_id"]


def test_json_has_typed_field_keys_with_exact_decimal_strings(sample, tmp_path):
    claim_id = next(i for i in claim_ops.claim_ids(sample, claim_ops.ClaimFilter())
                    if claim_ops.get_claim(sample, i).fields.get("amount") == "12400000000")
    run_command(sample, EditClaim(claim_id, {"fields": {**claim_ops.get_claim(sample, claim_id).fields,
                                                        "amount_high": "12400000000.50"}}), actor="a")
    document = json.loads(_export(sample, "json", tmp_path).read_text())
    assert "original" in document["positions"]
    record = next(r for r in document["claims"] if r["claim_id"] == claim_id)
    assert record["amount"] == "12400000000" and record["amount_high"] == "12400000000.5"
    assert record["currency"] == "KZT" and record["field_status"] == "allocated"
    assert record["fields"]["status"] == "allocated" and record["status"] == "unverified"
    assert isinstance(record["start"], int) and isinstance(record["document_id"], int)
    numbers = [r[k] for r in document["claims"] for k in ("amount", "quantity", "value") if r[k]]
    assert numbers and all(isinstance(n, str) and re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers)


def test_summary_counts_claims_per_kind_and_status_and_adds_no_money(sample, tmp_path):
    ids = claim_ops.claim_ids(sample, claim_ops.ClaimFilter())
    for claim_id in ids[:3]:
        run_command(sample, EditClaim(claim_id, {"status": "verified"}), actor="reviewer")
    sheet = build_factsheet(sample, ExportOptions(draft=True), STAMP)
    assert sheet.counts.statuses == ["unverified", "verified"]
    by_kind = {label: (counts, total) for label, counts, total in sheet.counts.rows}
    for section in sheet.sections:
        counts, total = by_kind[section.label]
        assert total == len(section.entries)
        assert counts == [sum(e.status == s for e in section.entries) for s in sheet.counts.statuses]
    assert sum(total for _, _, total in sheet.counts.rows) == len(ids)
    html = _export(sample, "html", tmp_path).read_text()
    summary = html[html.index('<section id="summary">'):html.index('<section id="sources">')]
    assert "KZT" not in summary and "USD" not in summary and "Total" not in summary
    assert "<th class=\"num\">verified</th>" in summary and "Figures are not added up" in summary
    markdown = _export(sample, "md", tmp_path).read_text()
    md_summary = markdown[markdown.index("## Summary"):markdown.index("## Sources")]
    assert "KZT" not in md_summary and re.search(r"\| Funding \| \d+ \| \d+ \| \d+ \|", md_summary)


def test_pdf_summary_counts_instead_of_totals(sample, tmp_path):
    import pymupdf

    with pymupdf.open(_export(sample, "pdf", tmp_path)) as document:
        flags = pymupdf.TEXTFLAGS_TEXT & ~pymupdf.TEXT_PRESERVE_LIGATURES  # "fi", not the ligature
        text = " ".join(" ".join(page.get_text(flags=flags).split()) for page in document)
    at = text.index("Summary Funding")
    summary = text[at:text.index("Sources", at)]
    assert re.search(r"Funding: \d+ claims \(\d+ unverified\)", summary) and "KZT" not in summary


def test_qdpx_without_claims_is_still_valid_refi_qda(sample):
    from lxml import etree

    from claimdesk.exports.qdpx import project_xml

    sheet = build_factsheet(sample, ExportOptions(kind="no such kind"), STAMP)
    assert sheet.count == 0
    from claimdesk.ops.kinds import list_kinds

    xml, files = project_xml(sheet, list_kinds(sample), {})  # no claims: no originals to cite
    tree = etree.fromstring(xml)
    assert files == {} and tree.find("{urn:QDA-XML:project:1.0}Sources") is None
    xsd = SHARED / "schemas" / "refi-qda" / "Project-mrt2019.xsd"
    if not xsd.exists():
        pytest.skip("../shared/schemas is not present")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    assert schema.validate(tree), schema.error_log


def test_date_precision_is_empty_for_what_is_not_a_date():
    from claimdesk.exports.records import typed_fields

    row = typed_fields({"period": "2026-2027", "deadline": "2026-09", "as_of": "2026-03-14T10:30"},
                       {"period": "date", "deadline": "date", "as_of": "date"})
    assert (row["period"], row["period_precision"]) == ("2026-2027", "")
    assert row["deadline_precision"] == "month" and row["as_of_precision"] == "minute"


def test_the_scope_count_in_sql_agrees_with_the_sheets_own_selection(tmp_path):
    from itertools import product

    from claimdesk.core.claims import CreateClaim, EditClaim
    from claimdesk.ops import claims as claim_ops
    from claimdesk.ops.commands import run_command
    from claimdesk.ops.factsheet import ExportOptions, in_scope
    from claimdesk.ops.importing import import_paths
    from claimdesk.ops.projects import new_project
    from claimdesk.store import claims as claims_repo
    from tests.conftest import SAMPLES

    with new_project(tmp_path / "scope.claimdesk") as project:
        import_paths(project, [SAMPLES / "01-rural-clinics.txt", SAMPLES / "03-regional-digest.txt"])
        documents = [row[0] for row in project.db.execute("SELECT id FROM documents WHERE is_container = 0")]
        assert len(documents) >= 2
        for index, (document, kind) in enumerate(product(documents[:2], ("funding", "target"))):
            claim_id = claim_ops.apply_command(project, CreateClaim(document, kind, 0, 8), actor="root").claim_id
            if index % 2:
                run_command(project, EditClaim(claim_id, {"status": "verified"}), actor="bob")
        claims = claims_repo.all_claims(project.db)
        for draft, kind, document in product((False, True), (None, "funding", "official"), [None] + documents[:2]):
            options = ExportOptions(draft=draft, kind=kind, document_id=document)
            counted = claims_repo.count_in_scope(project.db, None if draft else tuple(options.statuses), kind,
                                                 document)
            assert counted == len(list(in_scope(claims, options))), (draft, kind, document)
