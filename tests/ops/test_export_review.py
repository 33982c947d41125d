"""Who the fact sheet says verified a claim, what it says the project enforced, and
exports that would hold nothing being refused with the reason."""

from __future__ import annotations

import json

import pytest

from claimdesk.core.claims import CreateClaim, EditClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import review as review_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.exporting import EmptyExport, ExportUsageError, check_scope, cli_hint, export
from claimdesk.ops.factsheet import ExportOptions, build_factsheet
from claimdesk.ops.importing import import_paths
from tests.conftest import SAMPLES

STAMP = "2026-11-28T12:00:00+00:00"
QUOTE = "the Republican Budget has allocated 12.4 billion tenge"


@pytest.fixture
def claim(project):
    """A funding claim made by root."""
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    text = project.db.execute("SELECT text FROM documents WHERE id = 1").fetchone()[0]
    start = text.index(QUOTE)
    return run_command(project, CreateClaim(1, "funding", start, start + len(QUOTE), {"amount": "12400000000"}),
                       actor="root").result.claim_id


def _verify(project, claim_id, actor):
    run_command(project, EditClaim(claim_id, {"status": "verified"}, "checked"), actor=actor)


def _self_verify(project, claim_id):
    """What an old project can hold: the author verified while the rule was off."""
    review_ops.set_two_person_rule(project, False)
    _verify(project, claim_id, "root")
    review_ops.set_two_person_rule(project, True)


def _entries(project, **options):
    sheet = build_factsheet(project, ExportOptions(**options), STAMP)
    return sheet, [e for s in sheet.sections for e in s.entries]


def test_the_sheet_names_the_reviewer_not_the_author_who_verified_later(project, claim):
    _verify(project, claim, "bob")
    _self_verify(project, claim)  # the author verified again after bob
    sheet, [entry] = _entries(project)
    assert entry.reviewer == "bob" and not entry.self_verified
    assert sheet.reviewers == ["bob"]


def test_a_claim_only_its_author_verified_is_left_out_under_the_rule(project, claim, tmp_path):
    _self_verify(project, claim)
    sheet, entries = _entries(project, draft=True)
    assert entries == [] and "verified only by its author, root" in sheet.left_out[0]
    forced, [entry] = _entries(project, force=True)
    assert entry.reviewer == "" and any(f.startswith("two-person") for f in entry.flags)
    html = tmp_path / "sheet.html"
    export(project, "html", html, ExportOptions(force=True, timestamp=STAMP))
    assert "by root" not in html.read_text()
    assert "exported with --force, so such claims are shown with their failed checks" in html.read_text()
    markdown = tmp_path / "sheet.md"
    export(project, "md", markdown, ExportOptions(force=True, timestamp=STAMP))
    text = markdown.read_text(encoding="utf-8")
    assert "Failed checks (exported with --force):** two\\-person" in text and "exported with --force, so" in text
    plain = tmp_path / "plain.md"
    _verify(project, claim, "bob")
    export(project, "md", plain, ExportOptions(timestamp=STAMP))
    assert "--force" not in plain.read_text(encoding="utf-8")  # the method line says what this sheet did
    run_command(project, EditClaim(claim, {"status": "unverified"}), actor="bob")
    _self_verify(project, claim)
    with pytest.raises(EmptyExport, match="the only claim in scope fails a check") as refused:
        export(project, "html", tmp_path / "none.html", ExportOptions(timestamp=STAMP))
    assert refused.value.hint == "force" and "--force" in cli_hint(refused.value)


def test_verification_before_a_status_change_does_not_count(project, claim):
    _verify(project, claim, "bob")
    run_command(project, EditClaim(claim, {"status": "disputed"}), actor="carol")
    _self_verify(project, claim)
    sheet, entries = _entries(project)
    assert entries == [] and "two-person" in sheet.left_out[0]


def test_with_the_rule_off_the_sheet_says_the_author_verified(project, claim, tmp_path):
    review_ops.set_two_person_rule(project, False)
    _verify(project, claim, "root")
    sheet, [entry] = _entries(project)
    assert entry.reviewer == "root" and entry.self_verified and not sheet.two_person_rule
    for fmt in ("html", "md"):
        out = tmp_path / f"sheet.{fmt}"
        export(project, fmt, out, ExportOptions(timestamp=STAMP))
        text = out.read_text()
        assert "by root (its author)" in text
        assert "Two-person rule: off in this project" in text or "Two-person rule: OFF in this project" in text
        assert "as recorded by Claimdesk" in text


def test_method_line_says_the_rule_was_on_and_how_names_are_recorded(project, claim, tmp_path):
    _verify(project, claim, "bob")
    for fmt in ("html", "md", "pdf"):
        out = tmp_path / f"sheet.{fmt}"
        export(project, fmt, out, ExportOptions(timestamp=STAMP))
        if fmt == "pdf":
            import pymupdf

            with pymupdf.open(out) as document:
                text = " ".join(" ".join(page.get_text().split()) for page in document)
        else:
            text = " ".join(out.read_text().split())
        assert "Two-person rule: on in this project" in text and "as recorded by Claimdesk" in text
        assert "by bob" in text and "by root" not in text


def test_nothing_verified_is_refused_with_the_count_and_the_way_out(project, claim, tmp_path):
    out = tmp_path / "sheet.csv"
    with pytest.raises(EmptyExport) as refused:
        export(project, "csv", out, ExportOptions())
    assert str(refused.value) == "0 of 1 claims are verified" and refused.value.hint == "draft"
    assert cli_hint(refused.value) == ("0 of 1 claims are verified; "
                                       "use --draft to export unverified claims (marked DRAFT)")
    assert not out.exists()
    check_scope(project, ExportOptions(draft=True))  # a draft would hold it
    with pytest.raises(EmptyExport, match="0 of 1 claims are verified and of kind 'official'"):
        check_scope(project, ExportOptions(kind="official"))


def test_an_empty_project_is_refused(project, tmp_path):
    with pytest.raises(EmptyExport, match="no claims yet"):
        export(project, "json", tmp_path / "x.json", ExportOptions(draft=True))


def test_unknown_kind_or_document_is_a_usage_error(project, claim, tmp_path):
    with pytest.raises(ExportUsageError, match="no claim kind named 'fundng'; kinds: funding"):
        export(project, "html", tmp_path / "x.html", ExportOptions(kind="fundng", draft=True))
    with pytest.raises(ExportUsageError, match="no document #99"):
        export(project, "html", tmp_path / "x.html", ExportOptions(document_id=99, draft=True))
    import_paths(project, [SAMPLES / "03-regional-digest.txt"])
    page = project.db.execute("SELECT id FROM documents WHERE is_container = 1").fetchone()[0]
    with pytest.raises(ExportUsageError, match=f"#{page} is a digest page; its claims are in its articles"):
        check_scope(project, ExportOptions(document_id=page))
    assert not (tmp_path / "x.html").exists()


def test_verified_claims_export_with_their_reviewer(project, claim, tmp_path):
    _verify(project, claim, "bob")
    out = tmp_path / "x.json"
    export(project, "json", out, ExportOptions(timestamp=STAMP))
    [record] = json.loads(out.read_text())["claims"]
    assert (record["author"], record["reviewer"]) == ("root", "bob")
    assert claim_ops.get_claim(project, claim).status == "verified"


def test_corrections_list_changes_after_verification_not_edits_that_changed_nothing(project, claim, tmp_path):
    from claimdesk.ops import claims as claim_ops
    from claimdesk.ops.merging import merge_into

    _verify(project, claim, "bob")
    merge_into(project, claim_ops.get_claim(project, claim), {}, "imported annotation a1", "carol")  # fills nothing
    run_command(project, EditClaim(claim, {"note": "called the ministry"}), actor="carol")
    sheet, _ = _entries(project)
    assert [(actor, what.split(":")[0]) for _, actor, _, what in sheet.corrections] == [("carol", "edit")]
    assert "note" in sheet.corrections[0][3]
    markdown = tmp_path / "sheet.md"
    export(project, "md", markdown, ExportOptions(timestamp=STAMP))
    text = markdown.read_text(encoding="utf-8")
    assert "## Corrections" in text and "carol · claim #" in text
