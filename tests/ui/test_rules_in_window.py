"""Rules the window shows rather than decides: the two-person rule in review mode, field
refusals beside the field, every changing action off on a read-only project, and the
project's own status list in the claims filter."""

from PySide6.QtCore import Qt

from claimdesk.core.claims import CreateClaim, EditClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project, open_existing
from claimdesk.ui.actions import ACTIONS
from tests.conftest import SAMPLES

QUOTES = ("12.4 billion tenge", "120 medical stations", "about 640 thousand people")


def _claims(project, kind="statistic", actor="alice"):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    text = project.db.execute("SELECT text FROM documents").fetchone()[0]
    return [claim_ops.apply_command(project, CreateClaim(1, kind, text.index(q), text.index(q) + len(q)),
                                    actor=actor).claim_id for q in QUOTES]


def _act_as(window, dialogs, name):
    dialogs.texts.append(name)
    window.action_registry["edit.user"].trigger()


def test_review_mode_refuses_a_self_review_before_asking_why(qtbot, project, make_window, dialogs):
    ids = _claims(project)
    window = make_window(project)
    _act_as(window, dialogs, "alice")
    qtbot.keyClick(window, Qt.Key.Key_F7)
    table = window.claims_pane.table
    assert window.current_claim_id == ids[0]
    dialogs.texts.append("a reason nobody should be asked for")
    qtbot.keyClick(table, "v")
    assert dialogs.texts == ["a reason nobody should be asked for"]
    assert dialogs.errors == [("Two-person rule", f"Cannot verify: claim #{ids[0]} was created by alice; under the "
                               "two-person rule another reviewer must verify it.")]
    assert claim_ops.get_claim(project, ids[0]).status == "unverified" and window.current_claim_id == ids[0]


def test_review_mode_confirms_a_verification_it_made(qtbot, project, make_window, dialogs):
    ids = _claims(project)
    window = make_window(project)
    _act_as(window, dialogs, "bob")
    qtbot.keyClick(window, Qt.Key.Key_F7)
    dialogs.texts.append("the decree says so")
    qtbot.keyClick(window.claims_pane.table, "v")
    assert claim_ops.get_claim(project, ids[0]).status == "verified" and dialogs.errors == []
    assert window.statusBar().currentMessage() == (f"✓ Claim #{ids[0]} marked verified (Ctrl+Z undoes it); "
                                                   "2 unverified left")
    assert window.current_claim_id == ids[1] and window.claims_model.ids == ids[1:]


def test_a_refused_field_value_is_shown_beside_the_field_and_kept(qtbot, project, make_window):
    ids = _claims(project)
    window = make_window(project)
    window.open_claim(ids[1])
    field = window.editor.field_editors["value"]
    qtbot.waitUntil(field.isVisible)  # a form row is shown by a queued call once built
    field.input.setFocus()
    qtbot.keyClicks(field.input, "lots")
    qtbot.keyClick(field.input, Qt.Key.Key_Return)
    assert field.hint.isVisible() and field.error
    assert field.hint.text() == "⚠ 'lots' is not a number (digits, optionally a minus and a point: 1300000, -2 or 12.5)"
    assert field.input.text() == "lots" and claim_ops.get_claim(project, ids[1]).fields == {}
    unit = window.editor.field_editors["unit"]
    unit.input.setText("stations")
    unit.input.editingFinished.emit()  # another field saved: the refused value and its message stay
    assert claim_ops.get_claim(project, ids[1]).fields == {"unit": "stations"}
    assert field.input.text() == "lots" and field.error
    field.input.setFocus()
    field.input.selectAll()
    qtbot.keyClicks(field.input, "1 200")
    qtbot.keyClick(field.input, Qt.Key.Key_Return)
    assert claim_ops.get_claim(project, ids[1]).fields == {"unit": "stations", "value": "1200"}
    assert not field.error and field.hint.text() == "1,200"
    qtbot.keyClicks(field.input, "x")
    qtbot.keyClick(field.input, Qt.Key.Key_Return)
    assert field.error
    window.open_claim(ids[2])  # another claim: its own values, no message
    assert field.input.text() == "" and not field.error


def test_every_changing_action_is_off_on_a_read_only_project(qtbot, tmp_path, make_window, monkeypatch):
    import claimdesk.store.project as project_module

    mutating = [spec.id for spec in ACTIONS if spec.mutates]
    assert {"review.two_person", "review.statuses", "review.relations", "review.mode", "claim.delete",
            "edit.kinds", "file.import"} <= set(mutating)
    path = tmp_path / "ro.claimdesk"
    with new_project(path) as project:
        import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    window = make_window(open_existing(path))
    assert [a for a in mutating if not window.action_registry[a].isEnabled()] == ["edit.undo", "edit.redo"]
    monkeypatch.setattr(project_module, "_writable", lambda _path: False)
    window.set_project(open_existing(path))
    assert window.project.read_only
    assert [a for a in mutating if window.action_registry[a].isEnabled()] == []
    assert window.action_registry["file.export"].isEnabled() and window.action_registry["file.save_copy"].isEnabled()


def test_a_read_only_project_offers_no_tagging_editing_or_deciding(qtbot, tmp_path, make_window, monkeypatch):
    import claimdesk.store.project as project_module
    from claimdesk.core.claims import CreateClaim
    from claimdesk.ops import claims as claim_ops
    from claimdesk.ops import suggestions as suggestion_ops

    path = tmp_path / "ro.claimdesk"
    with new_project(path) as project:
        import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
        claim_id = claim_ops.apply_command(project, CreateClaim(1, "funding", 0, 10)).claim_id
        suggestion_ops.suggest_documents(project)
    monkeypatch.setattr(project_module, "_writable", lambda _path: False)
    window = make_window(open_existing(path))
    window.open_claim(claim_id)
    editor = window.editor
    assert editor.claim.id == claim_id  # shown, not editable
    assert not any(w.isEnabled() for w in (editor.kind, editor.status, editor.statement, editor.note,
                                           editor.fields_box))
    assert not any(button.isEnabled() for button in editor.checks.change_buttons)
    reader = window.reader
    text = reader.toPlainText()
    start = text.index("48 rural")
    reader.select_span(start, start + 8)
    reader.setFocus()
    with qtbot.assertNotEmitted(reader.tagRequested):  # refused by the reader itself, as Tag as… is
        qtbot.keyClick(reader, "1")  # the funding key: no claim, a message that says why
    assert [c.id for c in claim_ops.claims_for_document(window.project, 1)] == [claim_id]
    assert "read-only" in window.statusBar().currentMessage()
    pending = suggestion_ops.pending(window.project)
    window.review.accept([pending[0].id])
    assert len(suggestion_ops.pending(window.project)) == len(pending)
    assert "read-only" in window.review.pane.hint.text().lower()
    window.resize(1400, 860)
    banner = window.read_only_banner
    assert banner.isVisible() and banner.height() <= 3 * banner.fontMetrics().height()  # one line, not 45 %


def test_a_status_added_to_the_vocabulary_can_be_chosen_in_the_filter(qtbot, project, make_window, dialogs):
    ids = _claims(project)
    window = make_window(project)
    dialogs.texts.append("unverified, in review, verified, disputed, false, inconclusive, needs source")
    window.action_registry["review.statuses"].trigger()
    pane = window.claims_pane
    index = pane.status_filter.findData("needs source")
    assert index > 0 and window.editor.status.findText("needs source") >= 0
    run_command(project, EditClaim(ids[2], {"status": "needs source"}), actor="bob")
    pane.status_filter.setCurrentIndex(index)
    assert window.claims_model.ids == [ids[2]]
    window.set_project(open_existing(project.path))  # a project opened later offers it too
    assert window.claims_pane.status_filter.findData("needs source") > 0
