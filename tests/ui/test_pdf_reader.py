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
    view.show_claim(-1)
    view.verticalScrollBar().setValue(int(view.page_rect(1).top()))
    view.viewport().repaint()
    qtbot.waitUntil(lambda: len(view.page_words(1)) > 0, timeout=10000)  # found by the render thread when shown
    words = {w[4]: w for w in view.page_words(1)}
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
    # bool(): pytest-qt 4.5 refuses a callback that returns the (empty) set itself
    qtbot.waitUntil(lambda: bool(view.rendered_pages()) and not view._pending, timeout=10000)
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


def test_a_claim_on_a_page_not_yet_shown_is_scrolled_to_once_its_words_are_found(qtbot, project, make_window,
                                                                                  tmp_path):
    from claimdesk.core.claims import CreateClaim
    from claimdesk.ops import claims as claim_ops

    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(make_pdf([f"Page number {n} says 1{n} schools were built" for n in range(1, 31)]))
    import_paths(project, [pdf])
    text = project.db.execute("SELECT text FROM documents").fetchone()[0]
    start = text.index("125 schools")
    claim_ops.apply_command(project, CreateClaim(1, "statistic", start, start + len("125 schools")))
    window = make_window(project)
    view = window.pdf_view
    assert 24 not in view._words  # boxes are looked up for pages as they are shown
    view.show_claim(1)
    page_top = view.page_rect(24).top()
    assert view.verticalScrollBar().value() <= page_top  # its page first
    qtbot.waitUntil(lambda: view._claim_to_show is None, timeout=10000)
    box = view._span_rects(start, start + len("125 schools"))
    assert len(box) == 2 and page_top < box[0].top() < view.page_rect(24).bottom()
    assert view.verticalScrollBar().value() == int(box[0].top() - view.viewport().height() / 3)
    assert 24 in view._words and len(view._words) < 10  # never every page of the document


def test_the_page_view_built_when_a_pdf_first_opens_shows_and_tags_like_the_text(qtbot, project, make_window,
                                                                                tmp_path):
    # the window builds the page view when the first PDF opens (a start on a text document does
    # not load it): built after a text document, it shows the PDF's suggestions and tags, and
    # the claim it made is in both readers and the editor
    from claimdesk.ops import documents as document_ops
    from claimdesk.ops import suggestions as suggestion_ops
    from tests.conftest import SAMPLES

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(make_pdf(["Cover page of the report", "The budget allocated 7.5 billion tenge to clinics."]))
    import_paths(project, [SAMPLES / "01-rural-clinics.txt", pdf])
    suggestion_ops.suggest_documents(project)
    pdf_id = next(d.id for d in document_ops.list_documents(project) if d.file_name == "report.pdf")
    window = make_window(project)
    assert window.document.id != pdf_id and window.reader_stack.count() == 1  # the text: no page view yet
    window.open_document(pdf_id)
    view = window.pdf_view
    assert window.reader_stack.currentWidget() is view and window.reader_stack.count() == 2
    pending = suggestion_ops.pending(project, pdf_id)
    assert pending and view.suggestions == pending
    text = window.reader.text
    view.selection = (text.index("7.5"), text.index("tenge") + len("tenge"))
    view.setFocus()
    qtbot.keyClick(view, "3")
    claim_id = window.current_claim_id
    assert claim_id is not None and [c.id for c in view.claims] == [claim_id] == [c.id for c in window.reader.claims]
    assert window.editor.claim.quote == "7.5 billion tenge"
