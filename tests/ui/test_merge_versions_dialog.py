"""The merge dialog with a document one analyst replaced with a new version: the preview
names it as a document in another version, not a new document, and merging leaves the
project with the document once and no disagreement to list."""

from __future__ import annotations

from PySide6.QtCore import Qt

from claimdesk.ops.projects import open_existing
from claimdesk.ui.merge_dialog import open_merge_dialog
from tests.analysts import replaced_version
from tests.ui.conftest import ScriptedDialogs


def test_the_preview_names_a_document_in_another_version(tmp_path, qtbot, qtmodeltester):
    alice, bob, _phrase = replaced_version(tmp_path)
    dialogs = ScriptedDialogs()
    dialogs.paths.append(str(bob))
    with open_existing(alice) as project:
        dialog = open_merge_dialog(None, project, dialogs, actor="carol")
        qtbot.addWidget(dialog)
        assert dialog.preview_label.text() == "1 new, 1 same, 0 disagreeing, 1 document in another version"
        with qtbot.waitSignal(dialog.changed):
            qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        qtmodeltester.check(dialog.model)
        assert dialog.model.rowCount() == 0
        assert project.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        dialog.close()
