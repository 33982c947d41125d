"""File ▸ Merge another analyst's project… and Review ▸ Agreement between analysts… open
their dialogs from the window, on the open project, under the window's reviewer name."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from claimdesk.ops import claims as claim_ops
from claimdesk.ops.projects import open_existing
from claimdesk.ui.agreement_dialog import AgreementDialog
from claimdesk.ui.merge_dialog import MergeDialog


def _open_dialog(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_file_merge_opens_the_merge_dialog_and_reloads_the_window(pair, make_window, dialogs, settings, qtbot):
    alice_path, bob_path, _a, _b = pair
    settings.preferences.user_name = "alice"
    window = make_window(open_existing(alice_path))
    dialogs.paths.append(str(bob_path))
    window.action_registry["file.merge"].trigger()
    [dialog] = _open_dialog(MergeDialog)
    qtbot.addWidget(dialog)
    assert dialog.actor == "alice" and dialog.project is window.project
    with qtbot.waitSignal(window.projectChanged):
        dialog.run_merge()
    merged = window.project.db.execute("SELECT actor FROM events WHERE action = 'project.merge'").fetchall()
    assert merged == [("alice",)]
    # resolving one disagreement refreshes its claim; the window keeps its document and undo history
    claim = claim_ops.get_claim(window.project, dialog.model.items[0].claim_id)
    window.open_document(claim.document_id)
    document, undo_count = window.session.document, window.undo_stack.count()
    reloads = []
    window.projectChanged.connect(lambda: reloads.append(True))
    dialog.table.selectRow(0)
    assert dialog.resolve("both")
    assert reloads == [] and window.session.document == document and window.undo_stack.count() == undo_count
    dialog.close()


def test_file_merge_is_off_on_a_read_only_project_and_agreement_is_on(make_window, tmp_path, monkeypatch):
    import claimdesk.store.project as project_module
    from claimdesk.ops.projects import new_project

    new_project(tmp_path / "ro.claimdesk").close()
    monkeypatch.setattr(project_module, "_writable", lambda _path: False)
    window = make_window(open_existing(tmp_path / "ro.claimdesk"))
    assert window.project.read_only
    assert not window.action_registry["file.merge"].isEnabled()
    assert window.action_registry["review.agreement"].isEnabled()


def test_review_agreement_opens_the_agreement_dialog(pair, make_window, qtbot):
    alice_path, _bob, _a, _b = pair
    window = make_window(open_existing(alice_path))
    window.action_registry["review.agreement"].trigger()
    [dialog] = _open_dialog(AgreementDialog)
    qtbot.addWidget(dialog)
    assert dialog.project is window.project
    dialog.close()
