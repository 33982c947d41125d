import json

import pytest

from claimdesk.core.worker import ParseLimits
from claimdesk.ops import documents as document_ops
from claimdesk.ops.importing import (DUPLICATE, FAILED, IMPORTED, REIMPORTED, SKIPPED, ImportOptions,
                                     import_paths)
from claimdesk.ops.samples import ensure_sample_project
from claimdesk.store import documents as repo
from tests.conftest import SAMPLES
from tests.factories import make_pdf

TABLES = ("documents", "originals", "pages", "events")


def counts(project):
    return {t: project.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_samples_import_with_types_dates_and_hashes(project, no_network):
    report = import_paths(project, [SAMPLES])
    assert report.ok and report.count(IMPORTED) == 8
    docs = document_ops.list_documents(project)
    by_name = {}
    for d in docs:
        by_name.setdefault(d.file_name, d)
    assert len(docs) == 8 + 3
    assert by_name["04-energy-ru-cp1251.txt"].encoding == "cp1251"
    assert by_name["04-energy-ru-cp1251.txt"].languages == ("ru",)
    assert by_name["06-education-kk.txt"].languages == ("kk",)
    assert by_name["05-water-programme.html"].source_url.endswith("clean-water-200-villages")
    pdf = by_name["07-budget-execution.pdf"]
    assert pdf.page_count == 2 and pdf.published.value == "2026-02-10"
    assert all(len(d.original_sha256) == 64 and len(d.text_sha256) == 64 for d in docs)
    text = document_ops.document_text(project, by_name["05-water-programme.html"].id)
    assert "document.write" not in text and "comment" not in text


def test_digest_children_are_slices_of_the_page(project):
    import_paths(project, [SAMPLES / "03-regional-digest.txt"])
    docs = document_ops.list_documents(project)
    container, children = docs[0], docs[1:]
    assert container.is_container and len(children) == 3
    page = document_ops.document_text(project, container.id)
    for child in children:
        text = document_ops.document_text(project, child.id)
        assert page[child.parent_offset:child.parent_offset + len(text)] == text
        assert child.parent_id == container.id and child.original_sha256 == container.original_sha256
    assert children[1].published.value == "2026-05-11T16:40"


def test_identical_bytes_are_a_duplicate(project, tmp_path):
    source = SAMPLES / "01-rural-clinics.txt"
    copy = tmp_path / "copy-with-another-name.txt"
    copy.write_bytes(source.read_bytes())
    import_paths(project, [source])
    before = counts(project)
    report = import_paths(project, [copy])
    assert [r.status for r in report.results] == [DUPLICATE]
    assert "same bytes as document #1" in report.results[0].message
    assert counts(project) == before


def test_bad_files_fail_alone_and_leave_nothing(project, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A good release.\nThe Ministry allocated 5 billion tenge.")
    truncated = tmp_path / "cut.pdf"
    truncated.write_bytes(make_pdf(["Page one text", "Page two text"])[:600])
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 8)
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(make_pdf(["Secret page"], password="pw"))
    report = import_paths(project, [truncated, empty, good, junk, locked, tmp_path / "missing.txt"])
    statuses = {r.path.name: (r.status, r.message) for r in report.results}
    assert statuses["good.txt"][0] == IMPORTED
    assert statuses["cut.pdf"] == (FAILED, "truncated or damaged PDF (no end-of-file marker)")
    assert statuses["empty.txt"] == (FAILED, "empty file (0 bytes)")
    assert statuses["junk.txt"][0] == FAILED and "binary" in statuses["junk.txt"][1]
    assert statuses["locked.pdf"] == (FAILED, "encrypted PDF: a password is required")
    assert statuses["missing.txt"] == (FAILED, "no such file")
    assert [r.path.name for r in report.results if r.needs_password] == ["locked.pdf"]
    assert counts(project)["documents"] == 1 and counts(project)["originals"] == 1
    again = import_paths(project, [locked], options=ImportOptions(password="pw"))
    assert again.results[0].status == IMPORTED


def test_a_failure_mid_file_leaves_nothing_of_that_file(project, monkeypatch):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    before = counts(project)
    real_insert = repo.insert_document
    calls = []

    def failing_insert(db, **kwargs):
        calls.append(kwargs["title"])
        if len(calls) == 3:  # the container and one article are in; the second article fails
            raise RuntimeError("injected failure")
        return real_insert(db, **kwargs)

    monkeypatch.setattr(repo, "insert_document", failing_insert)
    with pytest.raises(RuntimeError, match="injected"):
        import_paths(project, [SAMPLES / "03-regional-digest.txt"])
    assert len(calls) == 3
    assert counts(project) == before
    monkeypatch.setattr(repo, "insert_document", real_insert)
    assert import_paths(project, [SAMPLES / "03-regional-digest.txt"]).ok


def test_encoding_override_decodes_again(project, tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes("Министр выделил 5 млрд тенге на ремонт школ в районе.".encode("cp1251"))
    first = import_paths(project, [path]).results[0]
    assert first.status == IMPORTED
    report = import_paths(project, [path], options=ImportOptions(encoding="koi8-r"))
    assert report.results[0].status == REIMPORTED
    [doc] = document_ops.list_documents(project)
    assert doc.encoding == "koi8-r" and doc.id != first.document_ids[0]
    assert counts(project)["originals"] == 1
    event = project.db.execute("SELECT detail FROM events WHERE action = 'document.reimport'").fetchone()
    assert json.loads(event[0])["replaced"] == first.document_ids
    same_codec_other_spelling = import_paths(project, [path], options=ImportOptions(encoding="KOI8_R"))
    assert same_codec_other_spelling.results[0].status == DUPLICATE


def test_folders_skip_unsupported_files(project, tmp_path):
    tmp_path = tmp_path / "incoming"
    tmp_path.mkdir()
    (tmp_path / "notes.txt").write_text("The akim said 40 schools will be built by 2030.")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG....")
    (tmp_path / ".hidden.txt").write_text("hidden")
    report = import_paths(project, [tmp_path])
    assert sorted((r.path.name, r.status) for r in report.results) == [
        ("notes.txt", IMPORTED), ("picture.png", SKIPPED)]


def test_parse_time_limit_is_enforced(project):
    report = import_paths(project, [SAMPLES / "01-rural-clinics.txt"],
                          options=ImportOptions(limits=ParseLimits(seconds=0.001)))
    [result] = report.results
    assert result.status == FAILED and "longer than" in result.message
    assert counts(project)["documents"] == 0


def test_cancel_stops_between_files(project):
    seen = []
    report = import_paths(project, [SAMPLES], progress=lambda i, n, p: seen.append(i),
                          cancelled=lambda: len(seen) >= 2)
    assert report.cancelled and not report.ok
    assert report.count(IMPORTED) == 2


def test_sample_project_is_built_once_with_its_claims(tmp_path):
    from claimdesk.core.claims import ClaimFilter
    from claimdesk.ops import claims as claim_ops
    from claimdesk.paths import sample_claims_file

    path = tmp_path / "data" / "Sample project.claimdesk"
    with ensure_sample_project(path, SAMPLES, sample_claims_file()) as project:
        assert len(document_ops.list_documents(project)) == 11
        ids = claim_ops.claim_ids(project, ClaimFilter())
        assert len(ids) == 16
        kinds = {row.claim.kind for row in claim_ops.claim_rows(project, ids).values()}
        assert kinds == {"funding", "target", "statistic", "official"}
    with ensure_sample_project(path, SAMPLES, sample_claims_file()) as project:
        assert len(document_ops.list_documents(project)) == 11
    assert not list(path.parent.glob("*.part"))


def test_memory_cap_turns_a_huge_file_into_a_clear_error(project, tmp_path):
    small = tmp_path / "small.txt"
    small.write_text("The Ministry allocated 5 billion tenge.")
    big = tmp_path / "huge.txt"
    big.write_bytes(b"The Ministry allocated 5 billion tenge. " * 500_000)  # 20 MB of text
    report = import_paths(project, [small, big], options=ImportOptions(limits=ParseLimits(memory_mb=100)))
    assert [(r.status, r.message) for r in report.results] == [
        (IMPORTED, ""), (FAILED, "ran out of memory while parsing (limit 100 MB)")]
    assert counts(project)["documents"] == 1


def test_parser_restarts_after_its_process_dies():
    from claimdesk.core.worker import ParserProcess

    with ParserProcess() as parser:
        assert parser.parse(b"First text.", "a.txt").text == "First text."
        parser._process.kill()
        parser._process.join()
        assert parser.parse(b"Second text.", "b.txt").text == "Second text."


def test_no_re_decoding_once_an_article_has_claims(project, tmp_path):
    from claimdesk.core.claims import CreateClaim
    from claimdesk.ops import claims as claim_ops

    path = tmp_path / "digest.txt"
    path.write_bytes((SAMPLES / "03-regional-digest.txt").read_bytes())
    import_paths(project, [path])
    article = document_ops.list_documents(project)[1]
    claim_ops.apply_command(project, CreateClaim(article.id, "funding", 0, 10))
    before = counts(project)
    report = import_paths(project, [path], options=ImportOptions(encoding="cp1251"))
    assert report.results[0].status == FAILED and "claims are already marked" in report.results[0].message
    assert counts(project) == before
