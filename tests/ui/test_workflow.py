"""The analyst's day in one test: import, tag with the keyboard, edit, undo, redo, reopen."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.ops.projects import new_project, open_existing
from tests.conftest import SAMPLES
from tests.ui.conftest import import_and_wait


def test_tag_edit_undo_redo_and_reopen(qtbot, tmp_path, make_window, settings):
    path = tmp_path / "desk.claimdesk"
    # no detector after the import: a tag would otherwise take up its suggestion's fields
    # whenever the detector finished first (tests/ui/test_merge_on_accept.py covers that)
    settings.preferences.suggest_on_import = False
    window = make_window(new_project(path))
    report = import_and_wait(qtbot, window, [SAMPLES / "01-rural-clinics.txt", SAMPLES / "04-energy-ru-cp1251.txt"])
    assert report.ok and report.count("imported") == 2
    assert window.library.model.rowCount() == 2

    window.library.select(1)
    reader = window.reader
    text = reader.toPlainText()
    start = text.index("12.4 billion tenge") + 1  # a sloppy selection: snapped to whole words
    cursor = reader.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("2.4 billion ten"), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    reader.setFocus()
    qtbot.keyClick(reader, "1")

    db = window.project.db
    row = db.execute('SELECT c.id, c.start, c."end", c.quote, k.name FROM claims c JOIN kinds k ON k.id = c.kind_id'
                     ).fetchone()
    claim_id = row[0]
    assert row[1:] == (start - 1, start - 1 + len("12.4 billion tenge"), "12.4 billion tenge", "funding")
    assert window.editor.claim.id == claim_id
    assert window.claims_model.rowCount() == 1

    amount = window.editor.field_editors["amount"].input
    amount.setFocus()
    amount.setText("12,400,000,000")
    qtbot.keyClick(amount, Qt.Key.Key_Return)
    assert db.execute("SELECT json_extract(fields, '$.amount') FROM claims").fetchone()[0] == "12400000000"
    assert window.editor.field_editors["amount"].hint.text() == "12,400,000,000"
    assert window.claims_model.index(0, 1).data() == "12,400,000,000"

    window.reader.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert db.execute("SELECT fields FROM claims").fetchone()[0] == "{}"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == 0
    assert window.claims_model.rowCount() == 0
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert db.execute("SELECT id, quote, fields FROM claims").fetchall() == [(claim_id, "12.4 billion tenge", "{}")]
    assert [m.claim_id for m in reader.highlighter.marks if not m.dashed] == [claim_id]

    window.close()
    assert window.project is None

    reopened = make_window(open_existing(path))
    assert reopened.claims_model.ids == [claim_id]
    reopened.claims_pane.select_claims([claim_id])
    assert reopened.editor.claim.quote == "12.4 billion tenge"
    assert reopened.document.id == 1
    history = [reopened.editor.history.item(i).text().split()[-1] for i in range(reopened.editor.history.count())]
    assert [h.split()[0] for h in history] == ["create", "12400000000", "–", "delete", "restore"]
    actions = [r[0] for r in reopened.project.db.execute("SELECT action FROM claim_events ORDER BY id")]
    assert actions == ["create", "edit", "edit", "delete", "restore"]


def test_tagging_without_the_mouse(qtbot, tmp_path, make_window):
    """Ctrl+F to the words, Esc keeps them selected, the kind key tags, Tab reaches the
    editor, the value is typed, and the keyboard stays in the form after Enter."""
    window = make_window(new_project(tmp_path / "keys.claimdesk"))
    import_and_wait(qtbot, window, [SAMPLES / "01-rural-clinics.txt"])
    # the detector runs after the import; once it is done the tag takes up its suggestion's fields
    qtbot.waitUntil(lambda: bool(suggestion_ops.pending(window.project)) and not window.review.suggester.busy(),
                    timeout=30000)
    window.reader.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.text_reader.find_bar.edit, "120 medical stations")
    qtbot.keyClick(window.text_reader.find_bar.edit, Qt.Key.Key_Escape)
    assert window.focusWidget() is window.reader
    qtbot.keyClick(window.reader, "2")
    claim = window.editor.claim
    assert (claim.kind, claim.quote) == ("target", "120 medical stations")
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)  # Alt+4: the editor
    quantity = window.editor.field_editors["quantity"].input
    quantity.setFocus()
    assert quantity.text() == "120"  # taken up from the pending suggestion of this figure
    qtbot.keyClick(quantity, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(quantity, "121")
    qtbot.keyClick(quantity, Qt.Key.Key_Return)
    assert window.editor.claim.fields["quantity"] == "121"
    assert window.focusWidget() is window.editor.field_editors["quantity"].input


def test_after_each_change_the_readers_and_table_match_a_full_reload(qtbot, tmp_path, make_window):
    """Commands update only the claims they touched (a full reload cost ~100 ms a keypress
    on a long document); the result must be what reloading everything would show."""
    from claimdesk.ops import claims as claim_ops

    window = make_window(new_project(tmp_path / "inc.claimdesk"))
    import_and_wait(qtbot, window, [SAMPLES / "01-rural-clinics.txt"])
    reader, text = window.reader, window.reader.toPlainText()

    def tag(words, key):
        start = text.index(words)
        reader.select_span(start, start + len(words))
        reader.setFocus()
        qtbot.keyClick(reader, key)

    def check():
        stored = claim_ops.claims_for_document(window.project, window.document.id)
        assert reader.claims == stored and window.pdf_view.claims in ([], stored)
        marks = sorted((m.claim_id, m.start, m.end, m.colour) for m in reader.highlighter.marks)
        reader.set_claims(stored)  # what a full reload shows
        assert marks == sorted((m.claim_id, m.start, m.end, m.colour) for m in reader.highlighter.marks)
        assert window.claims_model.ids == claim_ops.claim_ids(window.project, window.claims_model.filter)
        for row, claim_id in enumerate(window.claims_model.ids):
            assert window.claims_model.claim_row(row).claim == claim_ops.get_claim(window.project, claim_id)

    tag("12.4 billion tenge", "1")
    check()
    tag("120 medical stations", "2")
    check()
    first = window.claims_model.ids[0]
    window.claims_pane.select_claims([first])
    window.editor.kind.setCurrentIndex(window.editor.kind.findData("statistic"))
    window.editor.kind.activated.emit(window.editor.kind.currentIndex())
    check()
    window.reader.setFocus()
    for key in (Qt.KeyboardModifier.ControlModifier,) * 3:  # undo the kind change and both tags
        qtbot.keyClick(window, Qt.Key.Key_Z, key)
        check()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    check()
    assert len(reader.claims) == 1
