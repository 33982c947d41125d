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
