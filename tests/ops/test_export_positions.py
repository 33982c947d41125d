"""Every position in every export selects its quote in the original the export names:
open the original's text by SHA-256 (the top-level document's stored text), slice it at
the exported start/end and compare with the quote. Claims in digest articles are the
case that matters: their article offsets differ from their offsets in the page."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest

from claimdesk.core.claims import CreateClaim, EditClaim
from claimdesk.core.suggestion_commands import AcceptSuggestion, Batch
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.exporting import export
from claimdesk.ops.factsheet import ExportOptions, build_factsheet
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project
from claimdesk.ops.suggestions import pending, suggest_documents
from claimdesk.store import documents as documents_repo
from tests.digest_page import DIGEST

STAMP = "2026-11-28T12:00:00+00:00"
PLAIN = "Release on libraries\n\nThe city opened 3 new libraries in 2025, the department of culture said.\n"


def _claim(project, document_id: int, quote: str, kind: str, fields: dict) -> int:
    text = documents_repo.document_text(project.db, document_id)
    start = text.index(quote)
    return run_command(project, CreateClaim(document_id, kind, start, start + len(quote), fields),
                       actor="analyst").result.claim_id


@pytest.fixture
def digest_project(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "digest.txt").write_text(DIGEST, encoding="utf-8")
    (tmp_path / "src" / "plain.txt").write_text(PLAIN, encoding="utf-8")
    with new_project(tmp_path / "digest.claimdesk") as project:
        assert import_paths(project, [tmp_path / "src"]).ok
        documents = documents_repo.list_documents(project.db)
        articles = [d for d in documents if d.parent_id is not None]
        assert len(articles) == 2 and all(a.parent_offset > 0 for a in articles)
        plain = next(d for d in documents if d.file_name == "plain.txt")
        ids = [
            _claim(project, articles[0].id, "The district budget has allocated 740 million tenge", "funding",
                   {"amount": "740000000", "currency": "KZT", "status": "allocated", "payer": "district budget"}),
            _claim(project, articles[1].id, "12 more buses will be delivered by the end of 2026", "target",
                   {"quantity": "12", "unit": "buses", "deadline": "2026", "status": "planned"}),
            _claim(project, articles[1].id, "The regional budget spent 1.9 billion tenge", "funding",
                   {"amount": "1900000000", "currency": "KZT", "status": "spent"}),
            _claim(project, plain.id, "The city opened 3 new libraries", "statistic",
                   {"value": "3", "unit": "libraries", "as_of": "2025"}),
        ]
        for claim_id in ids:
            run_command(project, EditClaim(claim_id, {"status": "verified"}), actor="reviewer")
        yield project


@pytest.fixture
def seeds_project(tmp_path, seeds_dir):
    with new_project(tmp_path / "seeds.claimdesk") as project:
        assert import_paths(project, [seeds_dir]).ok
        suggest_documents(project)
        run_command(project, Batch(tuple(AcceptSuggestion(s.id) for s in pending(project))), actor="analyst")
        assert any(d.parent_id for d in documents_repo.list_documents(project.db))
        yield project


@pytest.fixture(params=["digest", "seeds"])
def cited_project(request):
    return request.getfixturevalue(f"{request.param}_project")


def original_text(project, sha256: str) -> str:
    """The text positions count in: the stored text of the top-level document of that original."""
    [document] = documents_repo.documents_with_original(project.db, sha256)
    return documents_repo.document_text(project.db, document.id)


def _export(project, fmt, tmp_path, **options):
    out = tmp_path / f"out.{fmt}"
    export(project, fmt, out, ExportOptions(timestamp=STAMP, draft=True, **options))
    return out


def _quote(project, claim_id: int) -> str:
    return claim_ops.get_claim(project, claim_id).quote


def _sheet(project):
    return build_factsheet(project, ExportOptions(draft=True), STAMP)


def test_the_digest_claims_sit_away_from_their_article_offsets(digest_project):
    """Guards the test itself: slicing the page at article offsets would not find the quotes."""
    entries = [e for s in _sheet(digest_project).sections for e in s.entries if e.source.article_offset]
    assert len(entries) == 3
    for entry in entries:
        claim = claim_ops.get_claim(digest_project, entry.claim_id)
        page = original_text(digest_project, entry.source.sha256)
        assert page[claim.start:claim.end] != claim.quote
        assert (entry.start, entry.end) == (claim.start + entry.source.article_offset,
                                            claim.end + entry.source.article_offset)


def test_view_model_positions_select_the_quote_in_the_named_original(cited_project):
    entries = [e for s in _sheet(cited_project).sections for e in s.entries]
    assert entries
    for entry in entries:
        assert original_text(cited_project, entry.source.sha256)[entry.start:entry.end] == entry.quote


def test_web_annotation_position_selectors(cited_project, tmp_path):
    items = json.loads(_export(cited_project, "webanno", tmp_path).read_text())["first"]["items"]
    assert items
    for item in items:
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        position, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
        text = original_text(cited_project, item["target"]["sha256"])
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert text[:position["start"]].endswith(quote["prefix"])
        assert text[position["end"]:].startswith(quote["suffix"])


def test_json_and_csv_positions(cited_project, tmp_path):
    records = json.loads(_export(cited_project, "json", tmp_path).read_text())["claims"]
    rows = list(csv.DictReader(io.StringIO(_export(cited_project, "csv", tmp_path).read_text())))
    assert records and len(rows) == len(records)
    for record in records:
        assert original_text(cited_project, record["sha256"])[record["start"]:record["end"]] == record["quote"]
    for row in rows:
        text = original_text(cited_project, row["sha256"])
        assert text[int(row["start"]):int(row["end"])] == _quote(cited_project, int(row["claim_id"]))
        offset = int(row["article_offset"])
        claim = claim_ops.get_claim(cited_project, int(row["claim_id"]))
        assert (claim.start + offset, claim.end + offset) == (int(row["start"]), int(row["end"]))


def test_fact_sheet_html_and_markdown_print_positions_in_the_original(cited_project, tmp_path):
    html = _export(cited_project, "html", tmp_path).read_text()
    markdown = _export(cited_project, "md", tmp_path).read_text()
    sheet = _sheet(cited_project)
    for entry in (e for s in sheet.sections for e in s.entries):
        article = re.search(rf'<article [^>]*id="claim-{entry.claim_id}">(.*?)</article>', html, re.S).group(1)
        start, end = map(int, re.search(r"characters (\d+)–(\d+) of ", article).groups())
        assert (start, end) == (entry.start, entry.end)
        assert original_text(cited_project, entry.source.sha256)[start:end] == entry.quote
        line = next(x for x in markdown.splitlines() if f"(claim #{entry.claim_id})" in x)
        assert re.search(r"characters (\d+)–(\d+) of ", line).groups() == (str(start), str(end))


def test_fact_sheet_pdf_prints_positions_in_the_original(digest_project, tmp_path):
    import pymupdf

    with pymupdf.open(_export(digest_project, "pdf", tmp_path)) as document:
        text = " ".join(" ".join(page.get_text().split()) for page in document)
    printed = {int(claim): (int(start), int(end)) for start, end, claim in
               re.findall(r"characters (\d+)–(\d+) of .*?\. Status: .*? claim #(\d+)", text)}
    entries = [e for s in _sheet(digest_project).sections for e in s.entries]
    assert set(printed) == {e.claim_id for e in entries}
    for entry in entries:
        start, end = printed[entry.claim_id]
        assert original_text(digest_project, entry.source.sha256)[start:end] == entry.quote


def test_qdpx_selections_address_the_original_written_as_the_source(cited_project, tmp_path):
    from lxml import etree

    with zipfile.ZipFile(_export(cited_project, "qdpx", tmp_path)) as archive:
        tree = etree.fromstring(archive.read("project.qde"))
        files = {name: archive.read(name).decode() for name in archive.namelist() if name.startswith("sources/")}
    ns = {"q": "urn:QDA-XML:project:1.0"}
    sources = tree.findall(".//q:TextSource", ns)
    hashes = [re.search(r"SHA-256 of the original ([0-9a-f]{64})", s.find("q:Description", ns).text).group(1)
              for s in sources]
    assert len(set(hashes)) == len(hashes)  # one source per original: a digest's articles share theirs
    selections = 0
    for source, sha256 in zip(sources, hashes):
        text = files["sources/" + source.get("plainTextPath").split("//")[1]]
        assert text == original_text(cited_project, sha256)
        for selection in source.findall("q:PlainTextSelection", ns):
            claim_id = int(selection.get("name")[1:].split()[0])
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert text[start:end] == _quote(cited_project, claim_id)
            selections += 1
    assert selections == len(claim_ops.claim_ids(cited_project, claim_ops.ClaimFilter()))


def test_claim_reviews_carry_no_positions(digest_project, tmp_path):
    """ClaimReview names no original by hash and gives no offsets, so none can be wrong."""
    text = _export(digest_project, "claimreview", tmp_path).read_text()
    assert '"start"' not in text and "Position" not in text and "sha256" not in text


def test_import_annotations_reads_file_positions_back_into_articles(cited_project, request, tmp_path):
    from claimdesk.ops.annotation_import import import_annotations

    sources = request.getfixturevalue("seeds_dir") if "seeds" in cited_project.path.name else tmp_path / "src"
    out = _export(cited_project, "webanno", tmp_path)
    total = len(claim_ops.claim_ids(cited_project, claim_ops.ClaimFilter()))
    with new_project(tmp_path / "other.claimdesk") as other:
        assert import_paths(other, [sources]).ok
        created, problems = import_annotations(other, out)
        assert (created, problems) == (total, [])

        def placed(project):
            names = {d.id: (d.file_name, d.title) for d in documents_repo.list_documents(project.db)}
            ids = claim_ops.claim_ids(project, claim_ops.ClaimFilter())
            return sorted((names[c.document_id], c.start, c.end, c.quote)
                          for c in (claim_ops.get_claim(project, i) for i in ids))

        assert placed(other) == placed(cited_project)


def test_import_annotations_places_a_quote_that_repeats_across_articles_by_its_position(tmp_path):
    """The same words in two articles: the file position decides which article gets the claim."""
    from claimdesk.ops.annotation_import import import_annotations

    repeated = DIGEST.replace("Twenty-five new buses arrived", "The district budget has allocated new buses")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "digest.txt").write_text(repeated, encoding="utf-8")
    with new_project(tmp_path / "a.claimdesk") as project:
        import_paths(project, [tmp_path / "src"])
        second = [d for d in documents_repo.list_documents(project.db) if d.parent_id][1]
        claim_id = _claim(project, second.id, "The district budget has allocated", "funding", {})
        out = _export(project, "webanno", tmp_path)
    with new_project(tmp_path / "b.claimdesk") as other:
        import_paths(other, [tmp_path / "src"])
        assert import_annotations(other, out) == (1, [])
        [imported] = [claim_ops.get_claim(other, i) for i in claim_ops.claim_ids(other, claim_ops.ClaimFilter())]
        article = documents_repo.get_document(other.db, imported.document_id)
        assert article.title == second.title and claim_id
