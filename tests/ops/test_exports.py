"""Exports from the sample project: reproducible, integrity-gated, safe with hostile text."""

import csv
import io
import json

import pytest

from claimdesk.core.claims import CreateClaim, EditClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.exporting import ExportError, export
from claimdesk.ops.factsheet import ExportOptions
from claimdesk.ops.samples import ensure_sample_project
from claimdesk.paths import sample_claims_file
from tests.conftest import SAMPLES

STAMP = "2026-11-28T12:00:00+00:00"
HOSTILE = ('<script>alert(1)</script> "><img src=x onerror=alert(2)> javascript:alert(3) '
           "\u202eevil\u202c \x00nul " + "x" * 10000)


@pytest.fixture
def sample(tmp_path):
    with ensure_sample_project(tmp_path / "sample.claimdesk", SAMPLES, sample_claims_file()) as project:
        for claim_id in claim_ops.claim_ids(project, claim_ops.ClaimFilter())[:10]:
            run_command(project, EditClaim(claim_id, {"status": "verified"}, "checked"), actor="reviewer")
        yield project


def _hostile_claim(project) -> int:
    """A verified claim whose statement and source title hold HOSTILE text, its URL javascript:."""
    text = project.db.execute("SELECT text FROM documents WHERE id = 1").fetchone()[0]
    start = text.index("12.4 billion tenge")
    claim_id = claim_ops.apply_command(project, CreateClaim(1, "funding", start, start + 18,
                                                      {"amount": "12400000000", "currency": "KZT"})).claim_id
    run_command(project, EditClaim(claim_id, {"statement": HOSTILE}), actor="a")
    run_command(project, EditClaim(claim_id, {"status": "verified"}), actor="reviewer")
    project.db.execute("UPDATE documents SET source_url = 'javascript:alert(4)', title = ? WHERE id = 1", [HOSTILE])
    return claim_id


def _export(project, fmt, tmp_path, **options):
    out = tmp_path / f"out.{fmt}"
    export(project, fmt, out, ExportOptions(timestamp=STAMP, **options))
    return out


@pytest.mark.parametrize("fmt", ["html", "md", "csv", "json", "webanno", "claimreview"])
def test_same_timestamp_gives_byte_identical_exports(sample, tmp_path, fmt):
    first = _export(sample, fmt, tmp_path).read_bytes()
    second = _export(sample, fmt, tmp_path).read_bytes()
    assert first == second and len(first) > 300


def test_only_verified_claims_by_default_and_drafts_are_marked(sample, tmp_path):
    records = json.loads(_export(sample, "json", tmp_path).read_text())["claims"]
    assert len(records) == 10 and {r["status"] for r in records} == {"verified"}
    assert all(r["reviewer"] == "reviewer" and r["sha256"] for r in records)
    html = _export(sample, "html", tmp_path, draft=True).read_text()
    assert "DRAFT" in html and html.count('class="entry ') == 16
    assert "Content-Security-Policy" in html and "<script" not in html.lower()


def test_claims_failing_checks_are_left_out_or_marked(sample, tmp_path):
    claim_id = claim_ops.claim_ids(sample, claim_ops.ClaimFilter())[0]
    sample.db.execute("UPDATE claims SET quote = 'tampered' WHERE id = ?", [claim_id])
    records = json.loads(_export(sample, "json", tmp_path).read_text())["claims"]
    assert claim_id not in [r["claim_id"] for r in records]
    forced = json.loads(_export(sample, "json", tmp_path, force=True).read_text())["claims"]
    flagged = next(r for r in forced if r["claim_id"] == claim_id)
    assert flagged["flags"] and "quote-offsets" in flagged["flags"][0]


def test_hostile_text_exports_safely_in_every_text_format(sample, tmp_path):
    claim_id = _hostile_claim(sample)
    html = _export(sample, "html", tmp_path).read_text()
    assert "<script>" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html and "[U+202E]" in html and "\x00" not in html
    markdown = _export(sample, "md", tmp_path).read_text()
    assert "<script>" not in markdown and "<img" not in markdown and "\u202e" not in markdown
    rows = list(csv.DictReader(io.StringIO(_export(sample, "csv", tmp_path).read_text())))
    hostile_row = next(r for r in rows if r["claim_id"] == str(claim_id))
    assert hostile_row["statement"].startswith("<script>") and "\x00" not in hostile_row["statement"]
    records = json.loads(_export(sample, "json", tmp_path).read_text())["claims"]
    assert any(r["statement"].startswith("<script>") for r in records)  # JSON keeps text, escaped by JSON


def test_formulas_in_csv_cells_are_defused(sample, tmp_path):
    claim_id = claim_ops.claim_ids(sample, claim_ops.ClaimFilter())[0]
    run_command(sample, EditClaim(claim_id, {"statement": "=HYPERLINK(\"http://x\")"}), actor="a")
    run_command(sample, EditClaim(claim_id, {"status": "verified"}), actor="b")  # the edit reopened its review
    rows = list(csv.DictReader(io.StringIO(_export(sample, "csv", tmp_path).read_text())))
    assert next(r for r in rows if r["claim_id"] == str(claim_id))["statement"].startswith("'=")


def test_bad_targets_are_refused_clearly(sample, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export(sample, "html", tmp_path / "missing" / "x.html", ExportOptions())
    with pytest.raises(ExportError, match="unknown format"):
        export(sample, "docx", tmp_path / "x.docx", ExportOptions())


def test_web_annotations_round_trip_into_another_project(sample, tmp_path):
    from claimdesk.ops.annotation_import import import_annotations
    from claimdesk.ops.importing import import_paths
    from claimdesk.ops.projects import new_project

    out = _export(sample, "webanno", tmp_path, draft=True)
    collection = json.loads(out.read_text())
    assert collection["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 16
    first = collection["first"]["items"][0]
    assert first["type"] == "Annotation" and first["creator"]["name"] and first["created"]
    assert {b["purpose"] for b in first["body"]} == {"tagging", "describing", "assessing"}
    assert [s["type"] for s in first["target"]["selector"]] == ["TextQuoteSelector", "TextPositionSelector"]
    assert len(first["target"]["sha256"]) == 64
    with new_project(tmp_path / "other.claimdesk") as other:
        import_paths(other, [SAMPLES])
        created, problems = import_annotations(other, out)
        assert (created, problems) == (16, [])
        quotes = sorted(r[0] for r in other.db.execute("SELECT quote FROM claims"))
        assert quotes == sorted(r[0] for r in sample.db.execute("SELECT quote FROM claims"))


def test_claim_reviews_for_verified_claims(sample, tmp_path):
    reviews = json.loads(_export(sample, "claimreview", tmp_path).read_text())
    assert len(reviews) == 10
    for review in reviews:
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert len(review["claimReviewed"]) <= 75 and review["url"]
        assert review["reviewRating"]["alternateName"] == "True"
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert "author" not in item or item["author"]["name"] != item["appearance"]["name"]  # publisher, not title
        assert review["itemReviewed"]["appearance"]["name"]


def test_qdpx_is_valid_refi_qda_and_reproducible(sample, tmp_path):
    import zipfile

    from lxml import etree

    from tests.conftest import SHARED

    out = _export(sample, "qdpx", tmp_path, draft=True)
    assert out.read_bytes() == _export(sample, "qdpx", tmp_path, draft=True).read_bytes()
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("project.qde")
        sources = {name: archive.read(name) for name in archive.namelist() if name.startswith("sources/")}
    tree = etree.fromstring(xml)
    ns = {"q": "urn:QDA-XML:project:1.0"}
    assert len(tree.findall(".//q:Code", ns)) == 4
    selections = tree.findall(".//q:PlainTextSelection", ns)
    assert len(selections) == 16 and all(s.find("q:Coding/q:CodeRef", ns) is not None for s in selections)
    assert all(b"\r" not in data for data in sources.values())
    for source in tree.findall(".//q:TextSource", ns):
        text = sources["sources/" + source.get("plainTextPath").split("//")[1]].decode()
        for selection in source.findall("q:PlainTextSelection", ns):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            quote = sample.db.execute("SELECT quote FROM claims WHERE id = ?",
                                      [int(selection.get("name")[1:].split()[0])]).fetchone()[0]
            assert text[start:end] == quote
    xsd = SHARED / "schemas" / "refi-qda" / "Project-mrt2019.xsd"
    if not xsd.exists():
        pytest.skip("../shared/schemas is not present")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    assert schema.validate(tree), schema.error_log


def test_pdf_fact_sheet_has_bookmarks_page_numbers_and_kazakh_text(sample, tmp_path):
    import pymupdf

    out = _export(sample, "pdf", tmp_path, draft=True, title="Sample fact sheet")
    assert out.read_bytes() == _export(sample, "pdf", tmp_path, draft=True, title="Sample fact sheet").read_bytes()
    with pymupdf.open(out) as document:
        toc = [title for _, title, _ in document.get_toc()]
        assert toc[0] == "Sample fact sheet" and any(t.startswith("Funding") for t in toc)
        assert "Sources" in toc and "Corrections" in toc
        text = "".join(page.get_text() for page in document)
        assert "370 жаңа мектеп салынады" in text and "1,3 млрд тенге" in text  # Kazakh and Russian glyphs
        assert f"page 1 of {document.page_count}" in document[0].get_text() and "DRAFT" in text
        pixmap = document[0].get_pixmap(dpi=50)
        assert len(set(pixmap.samples[::97])) > 3  # not a blank page


def test_annotated_pdf_highlights_claims_with_kind_value_and_status(sample, tmp_path):
    import zipfile

    import pymupdf

    out = _export(sample, "annotated-pdf", tmp_path, draft=True)
    assert out.read_bytes() == _export(sample, "annotated-pdf", tmp_path, draft=True).read_bytes()
    with zipfile.ZipFile(out) as archive:
        [name] = archive.namelist()
        data = archive.read(name)
    assert name.endswith("07-budget-execution-annotated.pdf")
    with pymupdf.open("pdf", data) as document:
        annotations = [a for page in document for a in page.annots()]
        assert len(annotations) == 2
        info = annotations[0].info
        assert info["title"].startswith("Claimdesk:") and "status: unverified" in info["content"]
    with pytest.raises(ExportError, match="PDF source"):
        export(sample, "annotated-pdf", tmp_path / "x.zip", ExportOptions(kind="official", draft=True))


def test_hostile_text_is_safe_in_the_structured_formats(sample, tmp_path):
    import zipfile

    import pymupdf
    from lxml import etree

    claim_id = _hostile_claim(sample)
    reviews = json.loads(_export(sample, "claimreview", tmp_path).read_text())
    hostile_review = next(r for r in reviews if r["url"].endswith(f":{claim_id}"))
    assert len(hostile_review["claimReviewed"]) <= 75 and "url" not in hostile_review["itemReviewed"]["appearance"]
    annotations = json.loads(_export(sample, "webanno", tmp_path).read_text())
    assert annotations["total"] == 11
    with zipfile.ZipFile(_export(sample, "qdpx", tmp_path)) as archive:
        tree = etree.fromstring(archive.read("project.qde"))  # well-formed despite NUL and bidi controls
    assert "\x00" not in etree.tostring(tree, encoding="unicode")
    with pymupdf.open(_export(sample, "pdf", tmp_path)) as document:
        pdf_text = "".join(page.get_text() for page in document)
    assert "[U+202E]" in pdf_text and "\x00" not in pdf_text
