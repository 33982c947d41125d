"""File ▸ Export: preview, then the export in a worker thread."""

from PySide6.QtCore import Qt

from claimdesk.core.claims import EditClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.samples import ensure_sample_project
from claimdesk.paths import sample_claims_file
from tests.conftest import SAMPLES


def test_export_dialog_previews_and_writes(qtbot, tmp_path, make_window, dialogs):
    project = ensure_sample_project(tmp_path / "s.claimdesk", SAMPLES, sample_claims_file())
    for claim_id in claim_ops.claim_ids(project, claim_ops.ClaimFilter())[:5]:
        run_command(project, EditClaim(claim_id, {"status": "verified"}), actor="reviewer")
    window = make_window(project)
    window.open_claim(1)
    window.editor.statement.setText("Dana Serikbayeva heads the Ministry of Healthcare")
    window.editor.statement.editingFinished.emit()
    assert claim_ops.get_claim(project, 1).statement.startswith("Dana Serikbayeva heads")
    assert claim_ops.get_claim(project, 1).status == "unverified"  # a new statement is verified again
    run_command(project, EditClaim(1, {"status": "verified"}), actor="reviewer")
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.tools.export_dialog
    dialog.format.setCurrentText("pdf")
    dialog.show_preview()
    assert "5 claims would be exported" in dialog.status.text()
    assert "Dana Serikbayeva heads" in dialog.preview.toPlainText()
    assert not dialog.page_preview.pixmap().isNull()
    out = tmp_path / "sheet.pdf"
    dialogs.paths.append(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        dialog.export_button.click()
    assert out.read_bytes().startswith(b"%PDF") and "Wrote" in dialog.status.text()


def test_export_is_disabled_with_the_reason_while_nothing_is_in_scope(qtbot, tmp_path, make_window, dialogs):
    project = ensure_sample_project(tmp_path / "s.claimdesk", SAMPLES, sample_claims_file())
    total = len(claim_ops.claim_ids(project, claim_ops.ClaimFilter()))
    window = make_window(project)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.tools.export_dialog
    assert not dialog.export_button.isEnabled() and dialog.reason.isVisible()
    assert f"0 of {total} claims are verified" in dialog.reason.text() and "Internal draft" in dialog.reason.text()
    dialog.draft.setChecked(True)
    assert dialog.export_button.isEnabled() and not dialog.reason.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData("official"))
    assert dialog.export_button.isEnabled()
    dialog.draft.setChecked(False)
    assert not dialog.export_button.isEnabled()
    assert "0 of" in dialog.reason.text() and "of kind 'official'" in dialog.reason.text()
    dialog.choose_and_export()  # even if called, it asks for no path and writes nothing
    assert dialogs.paths == [] and dialog.job is None


def test_export_stays_disabled_when_every_claim_in_scope_fails_a_check(qtbot, tmp_path, make_window, dialogs):
    project = ensure_sample_project(tmp_path / "s.claimdesk", SAMPLES, sample_claims_file())
    [claim_id] = claim_ops.claim_ids(project, claim_ops.ClaimFilter())[:1]
    run_command(project, EditClaim(claim_id, {"status": "verified"}), actor="reviewer")
    project.db.execute("UPDATE claims SET quote = 'tampered' WHERE id = ?", [claim_id])
    window = make_window(project)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.tools.export_dialog
    assert dialog.export_button.isEnabled()  # one verified claim is in scope
    dialog.show_preview()
    assert not dialog.export_button.isEnabled()
    assert "fails a check" in dialog.reason.text() and "Include claims that fail" in dialog.reason.text()


def test_the_format_list_and_suffixes_come_from_the_export_registry(qtbot, tmp_path, dialogs, monkeypatch):
    from claimdesk.exports import registry
    from claimdesk.ops.kinds import list_kinds
    from claimdesk.ui.export_dialog import ExportDialog

    monkeypatch.setitem(registry.FORMATS, "tally", registry.ExportFormat(
        "tally", ".tally", "claims counted", False, lambda data: f"{data.sheet.count} claims".encode()))
    project = ensure_sample_project(tmp_path / "s.claimdesk", SAMPLES, sample_claims_file())
    [claim_id] = claim_ops.claim_ids(project, claim_ops.ClaimFilter())[:1]
    run_command(project, EditClaim(claim_id, {"status": "verified"}), actor="reviewer")
    dialog = ExportDialog(project.path, {k.name: k for k in list_kinds(project)}, dialogs)
    qtbot.addWidget(dialog)
    assert [dialog.format.itemText(i) for i in range(dialog.format.count())] == list(registry.FORMATS)
    asked = []
    out = tmp_path / "counted.tally"
    monkeypatch.setattr(dialogs, "save_path", lambda title, suggested: asked.append(suggested) or str(out))
    dialog.format.setCurrentText("tally")
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        dialog.export_button.click()
    assert asked == ["fact-sheet.tally"] and out.read_text() == "1 claims"
