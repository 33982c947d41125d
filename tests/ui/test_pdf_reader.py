"""The page reader: a selection dragged on a rendered page becomes a claim at the right offsets."""

from PySide6.QtCore import QPoint, Qt

from claimdesk.ops.importing import import_paths
from tests.factories import make_pdf


def _centre(view, page_index, word) -> QPoint:
    rect = view.word_rect(page_index, word)
    return QPoint(int(rect.center().x() - view.horizontalScrollBar().value()),
                  int(rect.center().y() - view.verticalScrollBar().value()))


def test_drag_on_a_rendered_page_then_key_creates_the_claim(qtbot, project, make_window, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(make_pdf(["Cover page of the report", "The budget allocated 7.5 billion tenge to clinics."]))
    import_paths(project, [pdf])
    window = make_window(project)
    view = window.pdf_view
    assert window.reader_stack.currentWidget() is view
    view.viewport().update()
    qtbot.waitUntil(lambda: 1 in view.rendered_pages(), timeout=10000)
    second = view.pages[1]
    view.show_claim(-1)
    view.verticalScrollBar().setValue(int(view.page_rect(1).top()))
    words = {w[4]: w for w in second.words}
    text = window.reader.text
    first_word = words[text.index("7.5")]
    last_word = words[text.index("tenge")]
    start_point, end_point = _centre(view, 1, first_word), _centre(view, 1, last_word)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start_point)
    qtbot.mouseMove(view.viewport(), end_point)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end_point)
    assert view.selection == (first_word[4], last_word[5])
    view.setFocus()
    qtbot.keyClick(view, "3")
    claim = project.db.execute('SELECT start, "end", quote, page FROM claims').fetchone()
    assert claim == (first_word[4], last_word[5], "7.5 billion tenge", 2)
    assert text[claim[0]:claim[1]] == "7.5 billion tenge"

    window.toggle_pages()  # the same claim in the extracted-text reader
    assert window.reader_stack.currentWidget() is window.text_reader
    assert [m.start for m in window.reader.highlighter.marks if not m.dashed] == [claim[0]]


def test_only_visible_pages_are_rendered_and_zoom_changes_the_scale(qtbot, project, make_window, tmp_path):
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(make_pdf([f"Page number {n} says 1{n} schools" for n in range(1, 31)]))
    import_paths(project, [pdf])
    window = make_window(project)
    view = window.pdf_view
    view.viewport().update()
    qtbot.waitUntil(lambda: view.rendered_pages() and not view._pending, timeout=10000)
    rendered = view.rendered_pages()
    assert rendered and max(rendered) <= len(view.visible_pages()) and 30 not in rendered
    before = view.scale()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.scale() > before
    assert window.settings.preferences.pdf_zoom == view.zoom


def test_an_encrypted_pdf_falls_back_to_its_text(qtbot, project, make_window, tmp_path):
    from claimdesk.ops.importing import ImportOptions

    pdf = tmp_path / "locked.pdf"
    pdf.write_bytes(make_pdf(["Secret budget of 4 billion"], password="pw"))
    import_paths(project, [pdf], options=ImportOptions(password="pw"))
    window = make_window(project)
    if window.reader_stack.currentWidget() is window.pdf_view:
        qtbot.waitUntil(lambda: window.reader_stack.currentWidget() is window.text_reader, timeout=10000)
    assert "Secret budget" in window.reader.toPlainText()
    assert "encrypted" in window.statusBar().currentMessage()
