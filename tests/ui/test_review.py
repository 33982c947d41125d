"""Reviewing suggestions from the keyboard: Enter accepts, Delete rejects, all undoable."""

from PySide6.QtCore import Qt

from claimdesk.ops import claims as claim_ops
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.ops.projects import new_project
from tests.conftest import SAMPLES
from tests.ui.conftest import import_and_wait


def test_suggestions_are_reviewed_with_the_keyboard(qtbot, tmp_path, make_window, qtmodeltester):
    window = make_window(new_project(tmp_path / "review.claimdesk"))
    with qtbot.waitSignal(window.review.suggester.finished, timeout=30000):  # suggest on import is on by default
        import_and_wait(qtbot, window, [SAMPLES / "01-rural-clinics.txt"])
    pane, model = window.review.pane, window.review.pane.model
    qtmodeltester.check(model)
    pending = len(model.items)
    assert pending >= 5 and window.lower_tabs.tabText(1) == f"Suggestions ({pending})"
    dashed = [m for m in window.reader.highlighter.marks if m.dashed]
    assert len(dashed) == pending

    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)  # Alt+5: the Suggestions tab
    assert pane.table.hasFocus()
    first = model.items[0]
    qtbot.keyClick(pane.table, Qt.Key.Key_Return)
    claim = claim_ops.claims_for_document(window.project, 1)[0]
    assert (claim.origin, claim.kind, claim.start, claim.end) == ("suggested", first.kind, first.start, first.end)
    assert claim.confidence == first.confidence
    assert len(model.items) == pending - 1 and pane.current_id() == model.items[0].id  # review goes on

    second = model.items[0]
    qtbot.keyClick(pane.table, Qt.Key.Key_Delete)
    assert suggestion_ops.get_suggestion(window.project, second.id).state == "rejected"
    assert claim_ops.get_claim(window.project, claim.id) is not None  # Delete rejected, it did not delete a claim

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert suggestion_ops.get_suggestion(window.project, second.id).state == "pending"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert claim_ops.claims_for_document(window.project, 1) == [] and len(model.items) == pending
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [c.id for c in claim_ops.claims_for_document(window.project, 1)] == [claim.id]

    funding = [s for s in model.items if s.kind == "funding"]
    pane.table.selectRow(model.row_of(funding[0].id))
    pane.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [s for s in model.items if s.kind == "funding"] == []
    assert window.undo_stack.undoText() == "accept all Funding"
    window.undo_stack.undo()
    assert len([s for s in model.items if s.kind == "funding"]) == len(funding)


def test_suggest_on_demand_runs_in_a_worker(qtbot, project, make_window, settings):
    from claimdesk.ops.importing import import_paths

    import_paths(project, [SAMPLES / "04-energy-ru-cp1251.txt"])
    window = make_window(project)
    assert window.review.pane.model.items == []
    with qtbot.waitSignal(window.review.suggester.finished, timeout=30000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert blocker.args[0].documents == 1
    kinds = {s.kind for s in window.review.pane.model.items}
    assert {"official", "funding"} <= kinds
    window.action_registry["review.suggest_on_import"].trigger()
    assert settings.preferences.suggest_on_import is False


def test_the_officials_registry_view_confirms_and_splits(qtbot, project, make_window, tmp_path):
    from claimdesk.core.claims import CreateClaim
    from claimdesk.ops import people as people_ops
    from claimdesk.ops.importing import import_paths

    (tmp_path / "a.txt").write_text("Minister of Energy Yedil Ospan spoke.")
    (tmp_path / "b.txt").write_text("Ospan Yedil, Minister of Energy, left.")
    import_paths(project, [tmp_path / "a.txt", tmp_path / "b.txt"])
    for document_id, name in ((1, "Yedil Ospan"), (2, "Ospan Yedil")):
        text = project.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0]
        start = text.index(name)
        claim_ops.apply_command(project, CreateClaim(document_id, "official", start, start + 11,
                                               {"name": name, "position": "Minister of Energy"}))
    window = make_window(project)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.review.people_dialog
    assert dialog.isVisible() and dialog.tree.topLevelItemCount() == 1
    assert "1 proposed" in dialog.status.text()
    person = dialog.tree.topLevelItem(0)
    mentions = [person.child(i) for i in range(person.childCount()) if person.child(i).text(3) == "proposed"]
    mentions[0].setSelected(True)
    dialog.split_selected()
    assert dialog.tree.topLevelItemCount() == 2
    assert len(people_ops.list_people(project)) == 2


def test_the_two_person_rule_in_the_editor(qtbot, project, make_window, dialogs):
    from claimdesk.core.claims import CreateClaim
    from claimdesk.ops.importing import import_paths

    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    text = project.db.execute("SELECT text FROM documents").fetchone()[0]
    start = text.index("120 medical stations")
    claim_id = claim_ops.apply_command(project, CreateClaim(1, "target", start, start + 20), actor="alice").claim_id
    window = make_window(project)
    dialogs.texts.append("alice")
    window.action_registry["edit.user"].trigger()
    window.open_claim(claim_id)
    editor = window.editor
    assert editor.promise.isVisible()
    editor.status.setCurrentText("verified")
    editor.status.activated.emit(editor.status.currentIndex())  # refused before a reason is asked for
    assert claim_ops.get_claim(project, claim_id).status == "unverified"
    assert editor.status.currentText() == "unverified"
    assert dialogs.errors[-1] == ("Two-person rule", f"Cannot verify: claim #{claim_id} was created by alice; "
                                  "under the two-person rule another reviewer must verify it.")
    dialogs.texts.append("bob")
    window.action_registry["edit.user"].trigger()
    dialogs.texts.append("matches the decree")
    editor.status.setCurrentText("verified")
    editor.status.activated.emit(editor.status.currentIndex())
    claim = claim_ops.get_claim(project, claim_id)
    last = claim_ops.claim_history(project, claim_id)[-1]
    assert claim.status == "verified" and (last["actor"], last["note"]) == ("bob", "matches the decree")
    assert "matches the decree" in editor.history.item(editor.history.count() - 1).text()
    dialogs.texts.append(None)  # cancelling the reason leaves the claim as it was
    editor.promise.setCurrentText("kept")
    editor.promise.activated.emit(editor.promise.currentIndex())
    assert claim_ops.get_claim(project, claim_id).promise_status == "not yet rated"
    assert editor.promise.currentText() == "not yet rated"
    dialogs.texts.append("")
    editor.promise.setCurrentText("in the works")
    editor.promise.activated.emit(editor.promise.currentIndex())
    assert claim_ops.get_claim(project, claim_id).promise_status == "in the works"
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert claim_ops.get_claim(project, claim_id).status == "unverified"


def test_review_mode_steps_verifies_disputes_and_adds_evidence(qtbot, project, make_window, dialogs, monkeypatch):
    from claimdesk.core.claims import CreateClaim
    from claimdesk.ops import review as review_ops
    from claimdesk.ops.importing import import_paths

    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    text = project.db.execute("SELECT text FROM documents").fetchone()[0]
    ids = []
    for quote in ("12.4 billion tenge", "120 medical stations", "about 640 thousand people"):
        start = text.index(quote)
        ids.append(claim_ops.apply_command(project, CreateClaim(1, "statistic", start, start + len(quote)),
                                     actor="alice").claim_id)
    window = make_window(project)
    dialogs.texts.append("bob")
    window.action_registry["edit.user"].trigger()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    table = window.claims_pane.table
    assert table.hasFocus() and window.current_claim_id == ids[0]
    qtbot.keyClick(table, "j")
    assert window.current_claim_id == ids[1]
    qtbot.keyClick(table, "k")
    assert window.current_claim_id == ids[0]
    dialogs.texts.append("source confirms")
    qtbot.keyClick(table, "v")
    assert claim_ops.get_claim(project, ids[0]).status == "verified"
    assert claim_ops.claim_history(project, ids[0])[-1]["note"] == "source confirms"
    assert window.current_claim_id == ids[1]  # the next unverified claim
    dialogs.texts.append("https://budget.example/law")
    qtbot.keyClick(table, "e")
    assert review_ops.evidence_for(project, ids[1])[0]["url"] == "https://budget.example/law"
    assert window.editor.checks.evidence.count() == 1
    dialogs.texts.append("the law says otherwise")
    qtbot.keyClick(table, "d")
    assert claim_ops.get_claim(project, ids[1]).status == "disputed"
    assert window.claims_model.ids == [ids[2]]
    window.undo_stack.undo()
    assert claim_ops.get_claim(project, ids[1]).status == "unverified"


def test_relations_are_confirmed_in_the_claim_panel(qtbot, project, make_window, tmp_path):
    from claimdesk.core.claims import CreateClaim
    from claimdesk.ops import relations as relation_ops
    from claimdesk.ops.importing import import_paths

    (tmp_path / "a.txt").write_text("Officials said 655 medical facilities will be built.")
    (tmp_path / "b.txt").write_text("More than 650 medical facilities have already been commissioned.")
    import_paths(project, [tmp_path / "a.txt", tmp_path / "b.txt"])
    for document_id, quote, fields in ((1, "655 medical facilities", {"quantity": "655", "unit": "medical facilities"}),
                                       (2, "More than 650 medical facilities",
                                        {"quantity": "650", "comparator": "more than", "unit": "medical facilities"})):
        text = project.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0]
        start = text.index(quote)
        claim_ops.apply_command(project, CreateClaim(document_id, "target", start, start + len(quote), fields))
    window = make_window(project)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    window.open_claim(1)
    checks = window.editor.checks
    assert checks.relations.count() == 1 and "corroborates #2" in checks.relations.item(0).text()
    assert "all checks pass" in checks.findings.text()
    checks.relations.setCurrentRow(0)
    checks._decide("confirmed")
    assert relation_ops.list_relations(project)[0]["state"] == "confirmed"
    assert checks.evidence.count() == 1 and "claim #2" in checks.evidence.item(0).text()  # now evidence
    pane = window.claims_pane
    pane.status_filter.setCurrentIndex(pane.status_filter.findText("with corroborations"))
    assert sorted(window.claims_model.ids) == [1, 2]


def test_two_person_rule_switch_and_status_vocabulary(qtbot, project, make_window, dialogs):
    from claimdesk.ops import review as review_ops

    window = make_window(project)
    assert window.action_registry["review.two_person"].isChecked()
    window.action_registry["review.two_person"].trigger()
    assert review_ops.two_person_rule(project) is False
    dialogs.texts.append("unverified, verified, disputed, needs source")
    window.action_registry["review.statuses"].trigger()
    assert review_ops.statuses(project)[-1] == "needs source"
    assert window.editor.status.findText("needs source") >= 0
    dialogs.texts.append("disputed")
    window.action_registry["review.statuses"].trigger()
    assert "must keep" in window.statusBar().currentMessage()
