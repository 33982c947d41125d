"""The merge dialog with a claim one analyst deleted and the other kept: the preview counts
it, the list names it, Enter (keep both) is refused with a message, 2 restores the other
analyst's claim and Ctrl+Z deletes it again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from claimdesk.ops import claims as claim_ops
from claimdesk.ops.projects import open_existing
from claimdesk.ui.merge_dialog import open_merge_dialog
from tests.ui.conftest import ScriptedDialogs


def test_a_deletion_is_listed_and_resolved_from_the_keyboard(alice_deleted, qtbot, qtmodeltester):
    alice, bob, ids = alice_deleted
    dialogs = ScriptedDialogs()
    dialogs.paths.append(str(bob))
    with open_existing(alice) as project:
        dialog = open_merge_dialog(None, project, dialogs, actor="carol")
        qtbot.addWidget(dialog)
        assert dialog.preview_label.text().startswith("0 new, 2 same, 0 disagreeing, 1 deleted on one side")
        with qtbot.waitSignal(dialog.changed):
            qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        qtmodeltester.check(dialog.model)
        shown = [dialog.model.data(dialog.model.index(0, column)) for column in range(dialog.model.columnCount())]
        assert shown[1] == "deleted on one side" and shown[2] == "(deleted) — alice"
        assert shown[3].startswith("“640 thousand people”") and shown[3].endswith("— bob")
        tip = dialog.model.data(dialog.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
        assert "restores or deletes the claim" in tip and "Enter: refused" in tip
        dialog.table.selectRow(0)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # keep both: refused
        assert len(dialogs.errors) == 1 and "cannot be both deleted and kept" in dialogs.errors[0][1]
        assert dialog.model.rowCount() == 1
        qtbot.keyClick(dialog.table, Qt.Key.Key_2)  # take Bob's claim
        assert claim_ops.get_claim(project, ids[2]).fields == {"value": "640000"}
        assert dialog.model.rowCount() == 0
        qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert claim_ops.get_claim(project, ids[2]) is None and dialog.model.rowCount() == 1
        dialog.close()


def test_a_disagreement_whose_claim_and_history_are_lost_is_listed_as_unavailable(alice_deleted, qtbot,
                                                                                    qtmodeltester):
    from tests.analysts import merge_paths

    alice, bob, ids = alice_deleted
    merge_paths(alice, bob)
    with open_existing(alice) as project:
        with project.db.atomic():  # as a recovered project can be: the deleted claim's history is gone
            project.db.execute("DROP TRIGGER claim_events_append_only_delete")
            project.db.execute("DELETE FROM claim_events WHERE claim_id = ?", [ids[2]])
        dialogs = ScriptedDialogs()
        dialogs.paths.append(str(bob))
        dialog = open_merge_dialog(None, project, dialogs, actor="carol")
        qtbot.addWidget(dialog)
        qtmodeltester.check(dialog.model)
        assert dialog.model.rowCount() == 1
        shown = dialog.model.data(dialog.model.index(0, 0))
        assert shown.startswith(f"#{ids[2]} (unavailable: the claim and its history are no longer in this project")
        assert "cannot be resolved" in dialog.model.data(dialog.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
        dialog.table.selectRow(0)
        qtbot.keyClick(dialog.table, Qt.Key.Key_1)
        assert len(dialogs.errors) == 1 and "cannot be resolved" in dialogs.errors[0][1]
        assert dialog.model.rowCount() == 1
        dialog.close()
