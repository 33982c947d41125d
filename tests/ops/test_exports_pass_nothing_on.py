"""What exports pass on (issue 16): no active content from a source PDF, no javascript:
source URL, and no OS login as an author nobody chose."""

from __future__ import annotations

import getpass
import json
import re
import zipfile

import pytest

from claimdesk.core.claims import CreateClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.exporting import export
from claimdesk.ops.factsheet import ExportOptions
from claimdesk.ops.importing import IMPORTED, ImportOptions, import_paths
from tests.factories import make_pdf

SENTENCE = "The fund allocated 4 billion tenge."


def _hostile_pdf() -> bytes:
    """A PDF with everything a viewer could run: an OpenAction script, a page action, an
    embedded payload.exe, a file attachment, javascript: and launch links, a form field."""
    import pymupdf

    document = pymupdf.open("pdf", make_pdf([SENTENCE]))
    document.embfile_add("payload.exe", b"MZ" + b"\x00" * 64, filename="payload.exe")
    script = document.get_new_xref()
    document.update_object(script, "<< /S /JavaScript /JS (app.alert('open');) >>")
    document.xref_set_key(document.pdf_catalog(), "OpenAction", f"{script} 0 R")
    page = document[0]
    document.xref_set_key(page.xref, "AA", "<< /O << /S /JavaScript /JS (app.alert('page');) >> >>")
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 100, 200, 120),
                      "uri": "javascript:app.alert('link')"})
    page.insert_link({"kind": pymupdf.LINK_LAUNCH, "from": pymupdf.Rect(72, 130, 200, 150), "file": "payload.exe"})
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 160, 200, 180),
                      "uri": "https://example.org/report"})
    page.add_file_annot(pymupdf.Point(300, 300), b"MZ attached", "attached.exe")
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name = "name"
    widget.rect = pymupdf.Rect(72, 400, 272, 420)
    page.add_widget(widget)
    return document.tobytes()


def _all_objects(document) -> str:
    """Every object's source, entries set to null left out (a null entry is an absent one)."""
    text = "\n".join(document.xref_object(x) for x in range(1, document.xref_length()))
    return re.sub(r"/\w+ null\b", "", text)


def test_the_hostile_pdf_really_carries_active_content():
    import pymupdf

    with pymupdf.open("pdf", _hostile_pdf()) as document:
        objects = _all_objects(document)
        assert document.embfile_count() == 1 and "/OpenAction" in objects and "javascript:" in objects
        assert "/Launch" in objects and "/FileAttachment" in objects and next(document[0].widgets(), None)


def test_annotated_pdf_export_strips_active_content_and_keeps_text_and_highlights(project, tmp_path):
    import pymupdf

    source = tmp_path / "hostile.pdf"
    source.write_bytes(_hostile_pdf())
    [result] = import_paths(project, [source], options=ImportOptions()).results
    assert result.status == IMPORTED, result.message
    document_id = result.document_ids[0]
    text = project.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0]
    start = text.index("4 billion tenge")
    claim_ops.apply_command(project, CreateClaim(document_id, "funding", start, start + len("4 billion tenge"),
                                                 {"amount": "4000000000", "currency": "KZT"}))
    out = tmp_path / "annotated.zip"
    export(project, "annotated-pdf", out, ExportOptions(draft=True, timestamp="2026-12-01T00:00:00+00:00"))
    with zipfile.ZipFile(out) as archive:
        [name] = archive.namelist()
        data = archive.read(name)
    with pymupdf.open("pdf", data) as exported:
        objects = _all_objects(exported)
        page = exported[0]
        assert exported.embfile_count() == 0
        for active in ("/OpenAction", "/JavaScript", "/JS", "javascript:", "/Launch", "/AA", "/AcroForm",
                       "/EmbeddedFile", "/FileAttachment", "payload.exe", "attached.exe", "/Widget"):
            assert active not in objects, active
        assert next(page.widgets(), None) is None
        assert [link["uri"] for link in page.get_links()] == ["https://example.org/report"]
        assert SENTENCE in page.get_text()
        assert [a.type[1] for a in page.annots()] == ["Highlight"]


def test_web_annotations_accept_only_http_source_urls(project, tmp_path):
    source = tmp_path / "page.html"
    source.write_bytes(b"<html><head><title>Budget</title><link rel='canonical' href='javascript:alert(1)'>"
                       b"</head><body><p>The akimat allocated 9 billion tenge.</p></body></html>")
    [result] = import_paths(project, [source]).results
    document_id = result.document_ids[0]
    text = project.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0]
    start = text.index("9 billion tenge")
    claim_ops.apply_command(project, CreateClaim(document_id, "funding", start, start + 15,
                                                 {"amount": "9000000000", "currency": "KZT"}))
    out = tmp_path / "anno.json"
    export(project, "webanno", out, ExportOptions(draft=True, timestamp="2026-12-01T00:00:00+00:00"))
    [item] = json.loads(out.read_text())["first"]["items"]
    assert item["target"]["source"].startswith("urn:sha256:")
    project.db.execute("UPDATE documents SET source_url = 'https://example.org/budget' WHERE id = ?", [document_id])
    export(project, "webanno", out, ExportOptions(draft=True, timestamp="2026-12-01T00:00:00+00:00"))
    assert json.loads(out.read_text())["first"]["items"][0]["target"]["source"] == "https://example.org/budget"


def test_without_a_reviewer_name_exports_say_unnamed_analyst_never_the_login(project, tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMDESK_USER", raising=False)
    monkeypatch.setattr(getpass, "getuser", lambda: "jsmith-login")  # whatever the login, it must not appear
    source = tmp_path / "r.txt"
    source.write_text("The akimat allocated 9 billion tenge for schools.")
    [result] = import_paths(project, [source]).results
    claim_ops.apply_command(project, CreateClaim(result.document_ids[0], "funding", 21, 36,
                                                 {"amount": "9000000000", "currency": "KZT"}))
    out = tmp_path / "anno.json"
    export(project, "webanno", out, ExportOptions(draft=True, timestamp="2026-12-01T00:00:00+00:00"))
    exported = out.read_text()
    assert json.loads(exported)["first"]["items"][0]["creator"]["name"] == "unnamed analyst"
    assert "jsmith-login" not in exported
    actors = {row[0] for row in project.db.execute("SELECT DISTINCT actor FROM events")}
    assert actors == {"unnamed analyst"}


@pytest.mark.parametrize("name", ["ana"])
def test_a_set_reviewer_name_is_the_author(project, tmp_path, monkeypatch, name):
    monkeypatch.setenv("CLAIMDESK_USER", name)
    source = tmp_path / "r.txt"
    source.write_text("The akimat allocated 9 billion tenge for schools.")
    [result] = import_paths(project, [source]).results
    claim_id = claim_ops.apply_command(project, CreateClaim(result.document_ids[0], "funding", 21, 36, {})).claim_id
    assert project.db.execute("SELECT author FROM claims WHERE id = ?", [claim_id]).fetchone()[0] == name
