"""The text reader (find, n/p, astral text) and the claims table (model, filters, delete)."""

from PySide6.QtCore import Qt

from claimdesk.core.claims import CreateClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.importing import import_paths
from tests.conftest import SAMPLES


def _claim(project, document_id, quote, kind="statistic", fields=None):
    text = project.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0]
    start = text.index(quote)
    created = claim_ops.apply_command(project, CreateClaim(document_id, kind, start, start + len(quote), fields or {}))
    return created.claim_id


def test_find_bar_highlights_and_steps_through_hits(qtbot, project, make_window):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    window = make_window(project)
    window.reader.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.text_reader.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "MINISTER")
    hits = window.reader.find_hits
    assert len(hits) >= 3 and len(window.reader.extraSelections()) == len(hits)
    assert bar.count.text() == f"1 of {len(hits)}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert window.reader.selection_span() == hits[1]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.reader.selection_span() == hits[0]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and window.reader.extraSelections() == []


def test_n_and_p_step_through_claims_and_select_them(qtbot, project, make_window):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    first = _claim(project, 1, "12.4 billion tenge", "funding")
    second = _claim(project, 1, "about 640 thousand people")
    window = make_window(project)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, "n")
    assert window.current_claim_id == first and window.editor.claim.id == first
    qtbot.keyClick(window.reader, "n")
    assert window.current_claim_id == second
    assert window.claims_pane.selected_ids() == [second]
    qtbot.keyClick(window.reader, "p")
    assert window.current_claim_id == first
    tip = window.reader._describe(claim_ops.get_claim(project, first))
    assert tip.startswith(f"#{first} Funding")


def test_overlapping_claims_are_drawn_distinctly(qtbot, project, make_window):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    _claim(project, 1, "the Republican Budget has allocated 12.4 billion tenge", "funding")
    _claim(project, 1, "12.4 billion tenge", "statistic")
    window = make_window(project)
    text = window.reader.toPlainText()
    block = window.reader.document().findBlock(text.index("12.4 billion"))
    formats = block.layout().formats()
    overlap = [f for f in formats if f.format.underlineStyle() != f.format.underlineStyle().NoUnderline]
    assert len(overlap) == 1 and overlap[0].length == len("12.4 billion tenge")
    single = [f for f in formats if f not in overlap]
    assert single and single[0].format.background().color().alpha() < overlap[0].format.background().color().alpha()


def test_offsets_stay_code_points_after_astral_characters(qtbot, project, make_window, tmp_path):
    source = tmp_path / "emoji.txt"
    source.write_text("Budget news 😀😀 today\n\nThe akimat allocated 5 billion tenge.", encoding="utf-8")
    import_paths(project, [source])
    window = make_window(project)
    text = window.reader.text
    start = text.index("5 billion")
    window.reader.select_span(start, start + len("5 billion tenge"))
    assert window.reader.selection_span() == (start, start + len("5 billion tenge"))
    window.reader.setFocus()
    qtbot.keyClick(window.reader, "1")
    assert project.db.execute('SELECT start, "end", quote FROM claims').fetchone() == (
        start, start + 15, "5 billion tenge")


def test_claims_table_model_filters_sorts_and_deletes_with_undo(qtbot, project, make_window, qtmodeltester):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt", SAMPLES / "02-city-roads.md"])
    big = _claim(project, 1, "12.4 billion tenge", "funding", {"amount": "12400000000", "currency": "KZT"})
    small = _claim(project, 1, "KZT 3.1 billion", "funding", {"amount": "3100000000", "currency": "KZT"})
    other = _claim(project, 2, "45 km", "target", {"quantity": "45", "unit": "km"})
    window = make_window(project)
    model, pane = window.claims_model, window.claims_pane
    qtmodeltester.check(model)
    assert model.index(model.row_of(big), 1).data() == "KZT 12,400,000,000"
    pane.kind_filter.setCurrentIndex(pane.kind_filter.findData("funding"))
    assert set(model.ids) == {big, small}
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert model.ids == [small, big]
    # rows are labelled with the claim's id (what claims --jsonl and review take), not a row number
    assert [model.headerData(row, Qt.Orientation.Vertical) for row in range(2)] == [f"#{small}", f"#{big}"]
    pane.kind_filter.setCurrentIndex(0)
    pane.text_filter.setText("km")
    assert model.ids == [other]
    pane.text_filter.clear()
    window.open_document(1)
    pane.this_document.setChecked(True)
    assert set(model.ids) == {big, small}
    qtmodeltester.check(model)

    pane.select_claims([big, small])
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_Delete)
    assert model.ids == [] and claim_ops.get_claim(project, big) is None
    assert window.undo_stack.undoText() == "delete 2 claims"
    window.undo_stack.undo()
    assert set(model.ids) == {big, small}
    assert claim_ops.get_claim(project, small).fields["amount"] == "3100000000"


def test_resize_and_change_kind_are_undoable(qtbot, project, make_window):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    claim_id = _claim(project, 1, "12.4 billion", "funding")
    window = make_window(project)
    window.open_claim(claim_id)
    text = window.reader.text
    start = text.index("12.4 billion tenge")
    window.reader.select_span(start, start + len("12.4 billion tenge"))
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert claim_ops.get_claim(project, claim_id).quote == "12.4 billion tenge"
    window.editor.kind.setCurrentIndex(window.editor.kind.findData("statistic"))
    window.editor.kind.activated.emit(window.editor.kind.currentIndex())
    assert claim_ops.get_claim(project, claim_id).kind == "statistic"
    assert window.claims_model.index(0, 0).data() == "Statistic"
    window.undo_stack.undo()
    window.undo_stack.undo()
    claim = claim_ops.get_claim(project, claim_id)
    assert (claim.kind, claim.quote) == ("funding", "12.4 billion")


def test_invalid_field_input_is_refused_in_place(qtbot, project, make_window):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    claim_id = _claim(project, 1, "12.4 billion tenge", "funding")
    window = make_window(project)
    window.open_claim(claim_id)
    for name, typed in (("amount", "twelve"), ("currency", "TENGE"), ("period", "2027-13")):
        editor = window.editor.field_editors[name]
        editor.input.setFocus()
        if name == "currency":
            editor.input.setEditText(typed)
            editor.input.lineEdit().editingFinished.emit()
        else:
            editor.input.setText(typed)
            qtbot.keyClick(editor.input, Qt.Key.Key_Return)
        assert editor.hint.text().startswith("⚠")
    assert claim_ops.get_claim(project, claim_id).fields == {}
    assert window.undo_stack.count() == 0
    note = window.editor.note
    note.setFocus()
    qtbot.keyClicks(note, "checked with the budget law")
    window.claims_pane.table.setFocus()  # focus-out applies the note
    assert claim_ops.get_claim(project, claim_id).note == "checked with the budget law"


def test_large_projects_load_claim_ids_in_a_worker(qtbot, project, make_window, qtmodeltester):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    first = _claim(project, 1, "12.4 billion tenge", "funding")
    window = make_window(project)
    model = window.claims_model
    model.async_threshold = 0  # as if the project held more claims than a frame allows
    with qtbot.waitSignal(model.reloaded, timeout=10000):
        window.claims_pane.kind_filter.setCurrentIndex(window.claims_pane.kind_filter.findData("statistic"))
    assert model.ids == []
    with qtbot.waitSignal(model.reloaded, timeout=10000):
        window.claims_pane.kind_filter.setCurrentIndex(0)
    assert model.ids == [first]
    qtmodeltester.check(model)

    text = window.reader.text
    start = text.index("about 640 thousand")
    window.reader.select_span(start, start + len("about 640 thousand"))
    window.reader.setFocus()
    with qtbot.waitSignal(model.reloaded, timeout=10000):
        qtbot.keyClick(window.reader, "3")
    second = window.current_claim_id
    assert set(model.ids) == {first, second}
    assert window.claims_pane.selected_ids() == [second]  # the selection follows the reload
    assert window.library.model.index(0, 2).data() == "2"


def test_a_new_claim_repaints_its_paragraph_and_undo_clears_it(qtbot, project, make_window):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    window = make_window(project)
    text = window.reader.text
    start = text.index("27 new feldsher-midwife stations")
    block = window.reader.document().findBlock(start)
    assert block.layout().formats() == []
    window.reader.select_span(start, start + len("27 new feldsher-midwife stations"))
    window.reader.setFocus()
    qtbot.keyClick(window.reader, "3")
    formats = block.layout().formats()
    assert [(f.start + block.position(), f.length) for f in formats] == [(start, 32)]
    window.undo_stack.undo()
    assert block.layout().formats() == []
