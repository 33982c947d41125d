"""One claim per fact in the window: accepting a suggestion over a hand tag merges into it (and
says so), a tag over a pending suggestion takes it up; the readers, the claims table and
the editor show one claim, and Ctrl+Z puts everything back."""

from PySide6.QtCore import QItemSelectionModel, Qt

from claimdesk.ops import claims as claim_ops
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.ops.importing import import_paths

TEXT = "The ministry allocated KZT 5 bn for schools and KZT 2 bn for clinics in 2025.\n"


def _window(make_window, project, tmp_path):
    (tmp_path / "release.txt").write_text(TEXT, encoding="utf-8")
    import_paths(project, [tmp_path / "release.txt"])
    window = make_window(project)
    window.open_document(1)
    return window


def _solid_marks(window):
    return [m for m in window.reader.highlighter.marks if not m.dashed]


def test_accepting_over_a_hand_tag_merges_and_undo_restores(qtbot, project, make_window, tmp_path):
    window = _window(make_window, project, tmp_path)
    start = TEXT.index("5 bn for schools")
    window.tag("funding", start, start + len("5 bn for schools"))  # the currency word left out
    claim_id = window.current_claim_id
    with qtbot.waitSignal(window.review.suggester.finished, timeout=30000):
        window.review.suggest_document()
    pane, model = window.review.pane, window.review.pane.model
    five = next(s for s in model.items if s.fields.get("amount") == "5000000000")

    window.action_registry["view.suggestions"].trigger()  # Alt+5, as a reviewer opens the tab
    # select explicitly: selectRow() reads the application's modifier state, which an earlier
    # test's Ctrl+key can leave at Control (then it toggles the row off instead of selecting it)
    row = model.index(model.row_of(five.id), 0)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    pane.table.selectionModel().setCurrentIndex(row, flags)
    assert pane.selected_ids() == [five.id]
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_Return)

    funding = claim_ops.claims_for_document(project, 1)
    assert [c.id for c in funding] == [claim_id] and funding[0].fields["currency"] == "KZT"
    assert f"merged into claim #{claim_id}" in window.statusBar().currentMessage()
    assert [m.claim_id for m in _solid_marks(window)] == [claim_id]
    assert window.claims_model.ids == [claim_id]
    assert five.id not in [s.id for s in model.items]
    assert window.editor.field_editors["amount"].text() == "5000000000"  # the claim on show re-read

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert claim_ops.get_claim(project, claim_id).fields == {}
    assert five.id in [s.id for s in model.items] and window.editor.field_editors["amount"].text() == ""
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert claim_ops.get_claim(project, claim_id).fields["amount"] == "5000000000"
    assert [c.id for c in claim_ops.claims_for_document(project, 1)] == [claim_id]


def test_a_tag_over_a_pending_suggestion_takes_it_up(qtbot, project, make_window, tmp_path):
    window = _window(make_window, project, tmp_path)
    suggestion_ops.suggest_documents(project)
    window.review.refresh()
    model = window.review.pane.model
    assert len(model.items) == 2 and len([m for m in window.reader.highlighter.marks if m.dashed]) == 2

    start = TEXT.index("KZT 5 bn")
    window.tag("funding", start, start + len("KZT 5 bn for schools"))

    claim = claim_ops.claims_for_document(project, 1)[0]
    assert claim.fields["amount"] == "5000000000" and claim.origin == "manual"
    assert [s.fields["amount"] for s in model.items] == ["2000000000"]
    assert len([m for m in window.reader.highlighter.marks if m.dashed]) == 1
    assert "with the fields of 1 suggestion" in window.statusBar().currentMessage()
    assert window.editor.field_editors["currency"].text() == "KZT"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert claim_ops.claims_for_document(project, 1) == [] and len(model.items) == 2
    assert _solid_marks(window) == [] and window.claims_model.ids == []
