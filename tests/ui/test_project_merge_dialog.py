"""File ▸ Merge another analyst's project…: the dialog shows the preview, merges, lists the
disagreements and resolves them from the keyboard (1 keep, 2 take the other's, Enter keep
both, Ctrl+Z); the claim editor's checks name a claim's open disagreements, again after a
delete of the claim is undone."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt

from claimdesk.ops import claims as claim_ops
from claimdesk.ops.project_merge import merge, open_source
from claimdesk.ops.projects import open_existing
from claimdesk.ui.merge_dialog import open_merge_dialog
from tests.ui.conftest import ScriptedDialogs


def test_merge_then_resolve_from_the_keyboard(pair, qtbot, qtmodeltester):
    alice_path, bob_path, alice_ids, _b = pair
    dialogs = ScriptedDialogs()
    dialogs.paths.append(str(bob_path))
    with open_existing(alice_path) as project:
        reloads = []
        dialog = open_merge_dialog(None, project, dialogs, on_changed=reloads.append)
        qtbot.addWidget(dialog)
        assert dialog.preview_label.text().startswith("2 new, 1 same, 2 disagreeing (2 new disagreements), 2 filled in")
        assert dialog.windowTitle() == "Merge another analyst's project"
        assert dialog.model.rowCount() == 0
        dialog.threshold.setValue(0.9)
        assert dialog.preview_label.text().startswith("3 new, 1 same, 1 disagreeing")
        dialog.threshold.setValue(0.5)
        with qtbot.waitSignal(dialog.changed):
            qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        assert "saved as" in dialog.result_label.text() and not dialog.merge_button.isEnabled()
        qtmodeltester.check(dialog.model)
        assert dialog.model.rowCount() == 2
        attributes = [item.attribute for item in dialog.model.items]
        dialog.table.selectRow(attributes.index("fields.quantity"))
        qtbot.keyClick(dialog.table, Qt.Key.Key_2)  # take Bob's value
        assert claim_ops.get_claim(project, alice_ids[1]).fields["quantity"] == "100"
        assert dialog.model.rowCount() == 1
        qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo it
        assert claim_ops.get_claim(project, alice_ids[1]).fields["quantity"] == "120"
        assert dialog.model.rowCount() == 2
        dialog.table.selectRow(0)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # keep both
        qtbot.keyClick(dialog.table, Qt.Key.Key_1)  # keep this project's value
        assert dialog.model.rowCount() == 0
        assert claim_ops.get_claim(project, alice_ids[1]).fields["quantity"] == "120"
        resolutions = project.db.execute("SELECT resolution FROM merge_disagreements ORDER BY id").fetchall()
        assert sorted(r[0] for r in resolutions) == ["both", "kept"]
        assert dialogs.errors == [] and len(reloads) == 5  # the merge, three resolutions and an undo
        assert reloads[0] is None  # the merge: reload everything; each resolution says what it changed
        assert reloads[1].claims == {alice_ids[1]}  # taking Bob's quantity changed that claim alone
        assert all(len(changes.claims) == 1 and len(changes.documents) == 1 for changes in reloads[1:])
        dialog.close()


def test_a_refused_file_is_reported_and_no_dialog_opens(pair, tmp_path, qtbot):
    alice_path, _bob, _a, _b = pair
    fake = tmp_path / "fake.claimdesk"
    fake.write_text("not a project")
    dialogs = ScriptedDialogs()
    dialogs.paths += [str(fake), None]
    with open_existing(alice_path) as project:
        assert open_merge_dialog(None, project, dialogs) is None
        assert dialogs.errors and "fake.claimdesk" in dialogs.errors[0][1]
        assert open_merge_dialog(None, project, dialogs) is None  # cancelled, nothing to resolve


def test_the_claim_checks_name_an_open_disagreement(pair, make_window):
    alice_path, bob_path, alice_ids, _b = pair
    with open_existing(alice_path) as project, open_source(bob_path, project) as source:
        merge(project, source)
    with open_existing(alice_path) as project:
        window = make_window(project)
        window.open_claim(alice_ids[1])
        text = html.unescape(window.editor.checks.findings.text())
        assert ("Disagreement from merging bob's project (bob.claimdesk): quantity 120 (alice) vs 100 (bob) — "
                "File ▸ Merge another analyst's project… to resolve") in text
        window.open_claim(alice_ids[2])  # the same on both sides: nothing to resolve
        assert "Disagreement" not in window.editor.checks.findings.text()
        window.close()


def test_undoing_a_delete_in_the_window_brings_back_the_claims_disagreement(pair, make_window):
    alice_path, bob_path, alice_ids, _b = pair
    with open_existing(alice_path) as project, open_source(bob_path, project) as source:
        merge(project, source)
    with open_existing(alice_path) as project:
        window = make_window(project)
        window.open_claim(alice_ids[1])
        window.delete_claims()
        assert claim_ops.get_claim(project, alice_ids[1]) is None
        window.undo_stack.undo()
        window.open_claim(alice_ids[1])
        assert "quantity 120 (alice) vs 100 (bob)" in html.unescape(window.editor.checks.findings.text())
        window.undo_stack.redo()
        assert claim_ops.get_claim(project, alice_ids[1]) is None
        window.undo_stack.undo()
        window.open_claim(alice_ids[1])
        assert "quantity 120 (alice) vs 100 (bob)" in html.unescape(window.editor.checks.findings.text())
        window.close()
