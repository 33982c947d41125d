"""The fact sheet and the exports organised by what claims are about: subject -> measure
-> figures in time order, the latest reported value and the target, conflicts and
revisions side by side with both citations, "Other" for claims linked to no measure;
subject and measure columns in CSV/JSON, a subject/measure code hierarchy in QDPX, the
subject in ClaimReview's itemReviewed, and a W3C `classifying` body read back on import."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest

from claimdesk.core.claims import CreateClaim, EditClaim
from claimdesk.core.subjects_model import LinkClaimMeasure
from claimdesk.ops import relations as relation_ops
from claimdesk.ops import subjects as subject_ops
from claimdesk.ops.annotation_import import import_annotations
from claimdesk.ops.commands import run_command
from claimdesk.ops.exporting import export
from claimdesk.ops.factsheet import ExportOptions, build_factsheet
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project
from claimdesk.store import documents as documents_repo
from claimdesk.store import relations as relations_repo
from tests.conftest import SHARED

STAMP = "2026-11-28T12:00:00+00:00"
# Releases made up for these tests: (file, date, title, text).
RELEASES = [
    ("gas-2020.html", "2020-11-24", "Gas plan",
     "The gasification rate is to reach 53.07 % by 2025, the ministry said. "
     "Minister Almas Bekov presented the plan."),
    ("gas-2024a.html", "2024-02-01", "Gas progress",
     "The level of gasification reached 60 % on 1 January 2024."),
    ("gas-2024b.html", "2024-03-15", "Gas figures",
     "Only 58 % of the population had access to gas on 1 January 2024."),
    ("wage-draft.html", "2023-09-01", "Draft budget",
     "The draft budget sets the minimum wage at 70,000 tenge from 2024."),
    ("wage-law.html", "2023-12-01", "Signed law",
     "The signed law sets the minimum wage at 85,000 tenge from 2024. The LRT line is 22.4 km long."),
]


def _html(title: str, date: str, text: str) -> str:
    return (f'<html><head><title>{title}</title><meta property="article:published_time" content="{date}">'
            f"</head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>")


def _claim(project, file_name: str, quote: str, kind: str, fields: dict) -> int:
    document = next(d for d in documents_repo.list_documents(project.db) if d.file_name == file_name)
    text = documents_repo.document_text(project.db, document.id)
    start = text.index(quote)
    claim_id = run_command(project, CreateClaim(document.id, kind, start, start + len(quote), fields),
                           actor="analyst").result.claim_id
    run_command(project, EditClaim(claim_id, {"status": "verified"}), actor="reviewer")
    return claim_id


def _link(project, claim_id: int, subject: str, measure: str, unit_class: str, unit=None, state="confirmed"):
    subject_row = subject_ops.find_or_add_subject(project, subject, "programme", aliases=())
    measure_row = subject_ops.find_or_add_measure(project, subject_row.id, measure, unit_class, unit)
    run_command(project, LinkClaimMeasure(claim_id, measure_row.id, state=state,
                                          source="analyst" if state == "confirmed" else "detector"), actor="analyst")


def _relate(project, kind: str, first: int, second: int, reason: str, state: str = "confirmed") -> None:
    with project.db.atomic():  # as ops.relations proposes them, without its detectors
        relations_repo.insert_relation(project.db, kind, first, second, reason, 0.9)
    relation_id = next(r["id"] for r in relations_repo.relations(project.db)
                       if (r["kind"], r["first"], r["second"]) == (kind, first, second))
    if state != "proposed":
        relation_ops.decide(project, relation_id, state, actor="reviewer")


@pytest.fixture
def source_folder(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    for file_name, date, title, text in RELEASES:
        (folder / file_name).write_text(_html(title, date, text), encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path, source_folder):
    with new_project(tmp_path / "subjects.claimdesk") as project:
        assert import_paths(project, [source_folder]).ok
        ids = {
            "target": _claim(project, "gas-2020.html", "The gasification rate is to reach 53.07 % by 2025", "target",
                             {"quantity": "53.07", "unit": "%", "deadline": "2025", "status": "planned"}),
            "gas60": _claim(project, "gas-2024a.html", "The level of gasification reached 60 % on 1 January 2024",
                            "statistic", {"value": "60", "unit": "%", "as_of": "2024-01-01"}),
            "gas58": _claim(project, "gas-2024b.html", "58 % of the population had access to gas on 1 January 2024",
                            "statistic", {"value": "58", "unit": "%", "as_of": "2024-01-01"}),
            "draft": _claim(project, "wage-draft.html", "sets the minimum wage at 70,000 tenge from 2024", "target",
                            {"quantity": "70000", "unit": "tenge", "deadline": "2024", "status": "planned"}),
            "law": _claim(project, "wage-law.html", "sets the minimum wage at 85,000 tenge from 2024", "target",
                          {"quantity": "85000", "unit": "tenge", "deadline": "2024", "status": "planned"}),
            "lrt": _claim(project, "wage-law.html", "The LRT line is 22.4 km long", "statistic",
                          {"value": "22.4", "unit": "km", "as_of": "2023-12-01"}),
            "official": _claim(project, "gas-2020.html", "Minister Almas Bekov", "official",
                               {"name": "Almas Bekov", "position": "Minister"}),
        }
        gas = "share of population with gas access"
        for key in ("target", "gas60", "gas58"):
            _link(project, ids[key], "Gasification of the country", gas, "percent")
        _link(project, ids["draft"], "Minimum wage", "monthly minimum wage", "currency", "KZT")
        _link(project, ids["law"], "Minimum wage", "monthly minimum wage", "currency", "KZT")
        _link(project, ids["lrt"], "Astana LRT", "line length", "length", "km", state="proposed")
        subject_ops.add_alias(project, subject_ops.find_subject(project, "Astana LRT").id, "Астана LRT")
        _relate(project, "conflicts", ids["gas60"], ids["gas58"], "60 % and 58 % as of 1 January 2024")
        _relate(project, "revised", ids["draft"], ids["law"], "minimum wage restated: 70,000 -> 85,000")
        _relate(project, "progress", ids["gas60"], ids["target"], "60 % reported against 53.07 % by 2025")
        project.ids = ids
        yield project


def _export(project, fmt, tmp_path, **options):
    out = tmp_path / f"sheet.{fmt}"
    export(project, fmt, out, ExportOptions(timestamp=STAMP, **options))
    return out


def test_sheet_is_organised_subject_then_measure_with_figures_in_time_order(project):
    sheet = build_factsheet(project, ExportOptions(), STAMP)
    ids = project.ids
    assert [s.name for s in sheet.subjects] == ["Astana LRT", "Gasification of the country", "Minimum wage"]
    lrt, gas, wage = sheet.subjects
    assert lrt.aliases == ("Астана LRT",)
    [gas_measure] = gas.measures
    assert gas_measure.headline == "Gasification of the country — share of population with gas access (%)"
    # 1 January 2024 (two releases, the earlier first), then the 2025 deadline
    assert [e.claim_id for e in gas_measure.figures] == [ids["gas60"], ids["gas58"], ids["target"]]
    assert [e.period for e in gas_measure.figures] == ["as of 1 January 2024"] * 2 + ["by 2025"]
    assert gas_measure.latest.claim_id == ids["gas58"] and gas_measure.target.claim_id == ids["target"]
    [wage_measure] = wage.measures
    assert wage_measure.headline == "Minimum wage — monthly minimum wage (KZT)"
    assert wage_measure.target.claim_id == ids["law"] and wage_measure.latest is None  # the later statement
    assert lrt.measures[0].headline == "Astana LRT — line length (km)"
    assert lrt.measures[0].figures[0].about.link_state == "proposed"
    # claims linked to no measure: Other, by kind; every claim appears once
    assert [(s.kind, [e.claim_id for e in s.entries]) for s in sheet.other] == [("official", [ids["official"]])]
    laid_out = [e.claim_id for s in sheet.subjects for m in s.measures for e in m.figures]
    assert sorted(laid_out + [ids["official"]]) == sorted(e.claim_id for s in sheet.sections for e in s.entries)


def test_conflicts_and_revisions_sit_side_by_side_with_both_citations(project, tmp_path):
    sheet = build_factsheet(project, ExportOptions(), STAMP)
    gas, wage = sheet.subjects[1].measures[0], sheet.subjects[2].measures[0]
    [conflict] = gas.disputes
    assert conflict.kind == "conflicts" and (conflict.earlier.claim_id, conflict.later.claim_id) == (
        project.ids["gas60"], project.ids["gas58"])
    [revision] = wage.disputes
    [progress] = gas.progress  # a progress relation is not a dispute: it explains the target's promise
    assert progress.reason.startswith("60 % reported against") and project.ids["target"] in (
        progress.earlier.claim_id, progress.later.claim_id)
    assert revision.label == "Revision" and revision.earlier.source.published == "2023-09-01"
    html = _export(project, "html", tmp_path).read_text()
    block = re.search(r'<div class="dispute conflicts">(.*?)</table>\s*</div>', html, re.S).group(1)
    cells = re.findall(r"<td>(.*?)</td>", block, re.S)
    assert len(cells) == 2
    for cell, claim_key, quote in ((cells[0], "gas60", "reached 60 % on 1 January"),
                                   (cells[1], "gas58", "58 % of the population")):
        start, end = map(int, re.search(r"characters (\d+)–(\d+) of ", cell).groups())
        entry = next(e for m in sheet.subjects[1].measures for e in m.figures if e.claim_id == project.ids[claim_key])
        assert (start, end) == (entry.start, entry.end) and quote in cell
    assert "Revision" in html and "2023-09-01" in html and "2023-12-01" in html
    assert "Progress against this target: 60 % reported against 53.07 % by 2025" in html
    # the evidence a confirmed relation leaves on both claims is not repeated under the figures
    figure = re.search(rf'<article [^>]*id="claim-{project.ids["gas58"]}">(.*?)</article>', html, re.S).group(1)
    assert "Evidence" not in figure
    assert any("conflicts: 60 % and 58 %" in x for x in next(
        e for s in sheet.sections for e in s.entries if e.claim_id == project.ids["gas58"]).evidence)
    # every measure heading names its subject; no heading is a bare figure
    headings = re.findall(r"<h3>(.*?)</h3>", html)
    measure_headings = [h for h in headings if " — " in h]
    assert len(measure_headings) == 3 and not any(re.match(r"^(KZT )?[\d,.]+", h) for h in headings)
    assert html.index("Astana LRT — line length") < html.index("Gasification of the country — share")
    assert html.index("Minimum wage — monthly") < html.index("<h2>Other claims</h2>") < html.index("Almas Bekov")


def test_markdown_and_pdf_carry_the_same_layout(project, tmp_path):
    import pymupdf

    markdown = re.sub(r"\\(.)", r"\1", _export(project, "md", tmp_path).read_text())  # unescaped
    assert "### Gasification of the country — share of population with gas access (%)" in markdown
    assert "## Other claims" in markdown
    # blocks stay apart, so the side-by-side table renders as a table
    assert re.search(r"\n\n\*\*Conflict\*\*[^\n]*\n\n\| \| Earlier \| Later \|\n", markdown)
    assert "\n\n### Gasification of the country — share" in markdown
    title = "Gasification, the minimum wage and the Astana LRT: every figure across the releases"  # wraps
    with pymupdf.open(_export(project, "pdf", tmp_path, title=title)) as document:
        flags = pymupdf.TEXTFLAGS_TEXT & ~pymupdf.TEXT_PRESERVE_LIGATURES  # "fl", not the ligature
        text = " ".join(" ".join(page.get_text(flags=flags).split()) for page in document)
        toc = [title for _, title, _ in document.get_toc()]
    assert toc[0] == title and "Gasification of the country — share of population with gas access (%)" in toc
    assert "Other claims" in toc
    assert "reached 60 % on 1 January 2024" in text and "58 % of the population" in text
    assert "Conflict" in text and "Revision" in text


def test_proposed_disputes_wait_for_a_decision_in_a_published_sheet(project, tmp_path):
    ids = project.ids
    _relate(project, "conflicts", ids["gas60"], ids["target"], "made up for this test", state="proposed")
    published = build_factsheet(project, ExportOptions(), STAMP).subjects[1].measures[0]
    assert len(published.disputes) == 1 and published.undecided == 1
    draft = build_factsheet(project, ExportOptions(draft=True), STAMP).subjects[1].measures[0]
    assert len(draft.disputes) == 2 and {d.state for d in draft.disputes} == {"confirmed", "proposed"}
    assert "await" in _export(project, "html", tmp_path).read_text()


def test_csv_and_json_name_subject_and_measure(project, tmp_path):
    rows = list(csv.DictReader(io.StringIO(_export(project, "csv", tmp_path).read_text())))
    by_id = {int(r["claim_id"]): r for r in rows}
    gas = by_id[project.ids["gas60"]]
    assert gas["subject"] == "Gasification of the country" and gas["measure"] == "share of population with gas access"
    assert gas["unit_class"] == "percent" and gas["link_state"] == "confirmed"
    assert int(gas["measure_id"]) == int(by_id[project.ids["target"]]["measure_id"])
    assert by_id[project.ids["lrt"]]["link_state"] == "proposed"
    assert [gas[k] for k in ("reference_start", "reference_end", "reference_precision", "reference_source")] == [
        "2024-01-01", "2024-01-01", "day", "as_of"]
    target = by_id[project.ids["target"]]
    assert (target["reference_start"], target["reference_end"], target["reference_source"]) == (
        "2025-01-01", "2025-12-31", "deadline")
    official = by_id[project.ids["official"]]  # states no date: its release's date stands in
    assert (official["reference_start"], official["reference_source"]) == ("2020-11-24", "published")
    assert all(by_id[project.ids["official"]][k] == "" for k in ("subject_id", "subject", "measure_id", "link_state"))
    claims = json.loads(_export(project, "json", tmp_path).read_text())["claims"]
    record = next(c for c in claims if c["claim_id"] == project.ids["law"])
    assert isinstance(record["subject_id"], int) and record["unit_class"] == "currency"
    assert next(c for c in claims if c["claim_id"] == project.ids["official"])["subject_id"] is None


def test_qdpx_codes_subjects_with_measure_children_and_validates(project, tmp_path):
    from lxml import etree

    with zipfile.ZipFile(_export(project, "qdpx", tmp_path)) as archive:
        tree = etree.fromstring(archive.read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    codebook = tree.find("q:CodeBook/q:Codes", ns)
    subjects_code = next(c for c in codebook.findall("q:Code", ns) if c.get("name") == "Subjects")
    children = {c.get("name"): [m.get("name") for m in c.findall("q:Code", ns)]
                for c in subjects_code.findall("q:Code", ns)}
    assert children["Gasification of the country"] == ["share of population with gas access"]
    assert children["Minimum wage"] == ["monthly minimum wage"]
    measure_guid = subjects_code.find("q:Code[@name='Gasification of the country']/q:Code", ns).get("guid")
    kind_guids = {c.get("guid") for c in codebook.findall("q:Code", ns) if c is not subjects_code}
    for selection in tree.iterfind(".//q:PlainTextSelection", ns):
        refs = [r.get("targetGUID") for r in selection.iterfind("q:Coding/q:CodeRef", ns)]
        claim_id = int(selection.get("name").split()[0][1:])
        assert refs[0] in kind_guids  # its kind code, as before
        if claim_id in (project.ids["gas60"], project.ids["gas58"], project.ids["target"]):
            assert refs[1:] == [measure_guid]
        elif claim_id == project.ids["official"]:
            assert refs[1:] == []
    xsd = SHARED / "schemas" / "refi-qda" / "Project-mrt2019.xsd"
    if not xsd.exists():
        pytest.skip("../shared/schemas is not present")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    assert schema.validate(tree), schema.error_log


def test_claimreview_names_the_subject_in_item_reviewed(project, tmp_path):
    reviews = json.loads(_export(project, "claimreview", tmp_path).read_text())
    by_url = {r["url"]: r["itemReviewed"] for r in reviews}
    item = by_url[f"urn:claimdesk:claim:{project.ids['gas60']}"]
    assert item["about"] == {"@type": "Thing", "name": "Gasification of the country"}
    assert item["name"] == "Gasification of the country — share of population with gas access (%): 60 %"
    assert "about" not in by_url[f"urn:claimdesk:claim:{project.ids['official']}"]
    lrt = by_url[f"urn:claimdesk:claim:{project.ids['lrt']}"]["about"]
    assert lrt["alternateName"] == ["Астана LRT"]


def test_w3c_annotations_classify_and_import_the_link(project, tmp_path, source_folder):
    out = _export(project, "webanno", tmp_path)
    items = {i["id"]: i for i in json.loads(out.read_text())["first"]["items"]}
    body = next(b for b in items[f"urn:claimdesk:claim:{project.ids['gas58']}"]["body"]
                if b.get("purpose") == "classifying")
    assert body["type"] == "TextualBody"
    assert body["value"] == "Gasification of the country — share of population with gas access (%)"
    assert body["classification"]["subject"]["name"] == "Gasification of the country"
    assert not [b for b in items[f"urn:claimdesk:claim:{project.ids['official']}"]["body"]
                if b.get("purpose") == "classifying"]
    with new_project(tmp_path / "other.claimdesk") as other:
        assert import_paths(other, [source_folder]).ok
        created, problems = import_annotations(other, out)
        assert created == 7 and problems == []
        summaries = {s.subject.name: s for s in subject_ops.list_subjects(other)}
        assert set(summaries) == {"Astana LRT", "Gasification of the country", "Minimum wage"}
        gas = summaries["Gasification of the country"].measures
        assert [(m.measure.name, m.measure.unit_class, m.claim_count) for m in gas] == [
            ("share of population with gas access", "percent", 3)]
        assert "Астана LRT" in summaries["Astana LRT"].subject.aliases
        links = subject_ops.links_for_claims(other, range(1, 100))
        assert {link.source for _, _, link in links.values()} == {"import"} and len(links) == 6
        lrt = next(link for subject, _, link in links.values() if subject.name == "Astana LRT")
        assert lrt.state == "proposed"  # an unconfirmed link stays a proposal for this project's analyst


def test_a_malformed_classifying_body_is_refused_by_name_and_nothing_is_imported(project, tmp_path, source_folder):
    from claimdesk.core.claims import ClaimError

    out = _export(project, "webanno", tmp_path)
    collection = json.loads(out.read_text())
    bad = next(i for i in collection["first"]["items"] if i["id"] == f"urn:claimdesk:claim:{project.ids['gas58']}")
    next(b for b in bad["body"] if b.get("purpose") == "classifying")["classification"]["measure"]["unitClass"] = "kg"
    out.write_text(json.dumps(collection), encoding="utf-8")
    with new_project(tmp_path / "other.claimdesk") as other:
        assert import_paths(other, [source_folder]).ok
        refused = rf"claim:{project.ids['gas58']}: its classifying body has unit_class 'kg'"
        with pytest.raises(ClaimError, match=refused):
            import_annotations(other, out)
        assert subject_ops.list_subjects(other) == []
        assert other.db.execute("SELECT count(*) FROM claims").fetchone()[0] == 0


def test_a_release_without_a_date_is_not_called_earlier(project, tmp_path):
    project.db.execute("UPDATE documents SET published = NULL, published_precision = NULL "
                       "WHERE file_name = 'gas-2024a.html'")
    [conflict] = build_factsheet(project, ExportOptions(), STAMP).subjects[1].measures[0].disputes
    assert (conflict.earlier.claim_id, conflict.later.claim_id) == (project.ids["gas58"], project.ids["gas60"])
    assert conflict.side_labels == ("One source", "Other source")
    html = _export(project, "html", tmp_path).read_text()
    block = re.search(r'<div class="dispute conflicts">(.*?)</table>\s*</div>', html, re.S).group(1)
    assert "One source · 2024-03-15" in block and "Other source · date not stated" in block


def test_hostile_subject_and_measure_names_export_safely(project, tmp_path):
    from lxml import etree

    hostile = '<script>alert(1)</script> "><img src=x onerror=alert(2)> \u202eevil\u202c \x00nul'
    _link(project, project.ids["official"], hostile, hostile + " measure", "count")
    html = _export(project, "html", tmp_path).read_text()
    assert "<script>" not in html and "<img" not in html and "\x00" not in html
    assert "&lt;script&gt;" in html and "[U+202E]" in html
    markdown = _export(project, "md", tmp_path).read_text()
    assert "<script>" not in markdown and "\u202e" not in markdown
    with zipfile.ZipFile(_export(project, "qdpx", tmp_path)) as archive:
        names = [c.get("name") for c in etree.fromstring(archive.read("project.qde")).iter(
            "{urn:QDA-XML:project:1.0}Code")]
    assert any(n.startswith("<script>") and "[U+202E]" in n and "\x00" not in n for n in names)


def test_a_conflicting_claim_outside_the_sheet_is_cited_with_its_status_and_failed_checks(project, tmp_path):
    ids = project.ids
    run_command(project, EditClaim(ids["gas58"], {"status": "disputed"}), actor="reviewer")
    project.db.execute("UPDATE claims SET quote = 'tampered' WHERE id = ?", [ids["gas58"]])
    sheet = build_factsheet(project, ExportOptions(), STAMP)
    [conflict] = sheet.subjects[1].measures[0].disputes
    outside = conflict.later
    assert outside.claim_id == ids["gas58"] and not outside.in_sheet and outside.status == "disputed"
    assert outside.flags and "quote" in outside.flags[0]
    html = _export(project, "html", tmp_path).read_text()
    block = re.search(r'<div class="dispute conflicts">(.*?)</table>\s*</div>', html, re.S).group(1)
    assert "(not itself in this sheet)" in block and "Fails a check:" in block


def test_a_dispute_too_tall_for_a_page_is_stacked_instead_of_looping(project):
    import pymupdf

    from claimdesk.exports.pdf import render_pdf

    sheet = build_factsheet(project, ExportOptions(), STAMP)
    [conflict] = sheet.subjects[1].measures[0].disputes
    conflict.earlier.quote = "very long quote " * 900  # side by side, its table row is taller than a page
    with pymupdf.open("pdf", render_pdf(sheet)) as document:
        text = " ".join(" ".join(page.get_text().split()) for page in document)
    assert text.count("very long quote") == 900 and "58 % of the population" in text


def test_claimreview_names_the_reviewer_as_a_person_and_never_the_title_as_the_claims_author(project, tmp_path):
    reviews = json.loads(_export(project, "claimreview", tmp_path).read_text())
    for review in reviews:
        assert review["author"]["@type"] in ("Person", "Organization")
        item_author = review["itemReviewed"].get("author")
        assert item_author is None or item_author["name"] != review["itemReviewed"]["appearance"]["name"]
    assert any(r["author"]["@type"] == "Person" for r in reviews)
