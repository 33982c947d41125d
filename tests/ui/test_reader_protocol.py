"""Both reading panes are ``Reader``s: the same n/p, zoom (keys, Ctrl+wheel, remembered) and
find; colours that read in a dark palette; the claims table's and library's column layouts."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPalette, QWheelEvent

from claimdesk.core.claims import Claim, CreateClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import open_existing
from claimdesk.ui.claims_table import COLUMNS, QUOTE
from claimdesk.ui.highlight import contrast, find_hit_colours
from claimdesk.ui.pdf_reader import FIT_WIDTH, GAP
from claimdesk.ui.reader import NO_CLAIMS, Reader, claim_to_step_to
from tests.conftest import SAMPLES
from tests.factories import make_pdf
from tests.palettes import dark_palette


def _claim_at(project, document_id, text, quote, kind="statistic") -> int:
    start = text.index(quote)
    return claim_ops.apply_command(project, CreateClaim(document_id, kind, start, start + len(quote), {})).claim_id


def _wheel(widget, steps: int, modifiers=Qt.KeyboardModifier.ControlModifier) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, widget.mapToGlobal(centre), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    widget.wheelEvent(event)


def _span(claim_id: int, start: int) -> Claim:
    return Claim(id=claim_id, document_id=1, kind="statistic", start=start, end=start + 5, quote="", prefix="",
                 suffix="", page=None, fields={}, status="unverified", origin="manual", confidence=None,
                 author="tester", created_at="", updated_at="", anchor_state="ok")


def test_the_step_rule_follows_the_selected_claim_else_the_position():
    claims = [_span(7, 10), _span(3, 40), _span(5, 90)]
    assert claim_to_step_to(claims, 3, 0, 1).id == 5 and claim_to_step_to(claims, 3, 0, -1).id == 7
    assert claim_to_step_to(claims, 5, 0, 1).id == 7 and claim_to_step_to(claims, 7, 0, -1).id == 5  # wraps
    assert claim_to_step_to(claims, None, 40, 1).id == 3  # a claim starting where the reader is comes next
    assert claim_to_step_to(claims, None, 41, 1).id == 5 and claim_to_step_to(claims, None, 41, -1).id == 3
    assert claim_to_step_to(claims, None, 95, 1).id == 7 and claim_to_step_to(claims, None, 5, -1).id == 5
    assert claim_to_step_to([], None, 0, 1) is None


def test_n_and_p_go_to_the_same_claims_in_the_page_and_text_readers(qtbot, project, make_window, tmp_path):
    pages = ["Cover: the akimat allocated 3 billion tenge.", "Page two says 45 schools were built.",
             "Page three: 12 clinics opened and 7 roads were repaired.", "Annex A", "Annex B", "Annex C"]
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(make_pdf(pages))
    import_paths(project, [pdf])
    text = project.db.execute("SELECT text FROM documents").fetchone()[0]
    ids = [_claim_at(project, 1, text, quote) for quote in ("3 billion tenge", "45 schools", "12 clinics", "7 roads")]
    window = make_window(project)
    assert isinstance(window.pdf_view, Reader) and isinstance(window.reader, Reader)
    third_page = text.index("Page three")
    visited = {}
    for name, view in (("pages", window.pdf_view), ("text", window.reader)):
        if (window.reader_stack.currentWidget() is window.pdf_view) != (name == "pages"):
            window.toggle_pages()
        seen = []
        for keys in ("nnnnpp", "n", "p"):
            window.open_document(1)  # nothing selected, at the top of the document
            if keys != "nnnnpp":  # ... or at the third page, with nothing selected
                if name == "pages":
                    view.verticalScrollBar().setValue(int(view.page_rect(2).top()))
                else:
                    view.select_span(third_page, third_page)
            view.setFocus()
            for key in keys:
                qtbot.keyClick(view, key)
                seen.append(window.editor.claim.id)
        visited[name] = seen
    # from the top: each claim in turn and back; from the third page: its first claim, or the one before it
    assert visited["pages"] == visited["text"] == [ids[0], ids[1], ids[2], ids[3], ids[2], ids[1], ids[2], ids[1]]


def test_n_on_a_document_without_claims_says_so_in_both_readers(qtbot, project, make_window, tmp_path):
    pdf = tmp_path / "empty.pdf"
    pdf.write_bytes(make_pdf(["Nothing marked here yet"]))
    import_paths(project, [pdf])
    window = make_window(project)
    for view in (window.pdf_view, window.reader):
        with qtbot.waitSignal(view.message) as said:
            view.step_claim(1)
        assert said.args == [NO_CLAIMS]


def test_text_zoom_by_keys_and_wheel_is_remembered(qtbot, project, make_window, settings):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    _claim_at(project, 1, project.db.execute("SELECT text FROM documents").fetchone()[0], "12.4 billion tenge")
    window = make_window(project)
    reader = window.reader
    normal = reader.font().pointSizeF()
    reader.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert reader.font().pointSizeF() > normal * 1.25
    assert settings.preferences.text_zoom == reader.zoom > 1.25
    marked = reader.document().findBlock(reader.map.to_utf16(reader.claims[0].start))
    assert marked.layout().formats(), "the claim's mark survives the new font"
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert reader.font().pointSizeF() == normal and settings.preferences.text_zoom == 1.0
    _wheel(reader.viewport(), 1, Qt.KeyboardModifier.NoModifier)  # a plain wheel scrolls, it does not zoom
    assert reader.zoom == 1.0
    _wheel(reader, 2)
    assert reader.zoom > 1.3 and reader.font().pointSizeF() > normal * 1.3
    zoom, path = reader.zoom, project.path
    window.close()  # closes the project too

    again = make_window(open_existing(path))
    assert again.reader.zoom == zoom and again.reader.font().pointSizeF() == reader.font().pointSizeF()


def test_pages_fit_the_pane_until_zoomed_and_reset_to_it(qtbot, project, make_window, settings, tmp_path):
    pdf = tmp_path / "wide.pdf"
    pdf.write_bytes(make_pdf([f"Page {n} with 5 schools" for n in range(1, 4)]))
    import_paths(project, [pdf])
    window = make_window(project)
    view = window.pdf_view
    assert window.reader_stack.currentWidget() is view

    def fits() -> bool:  # 12 px each side (a scroll bar's room is kept even before one shows)
        return abs(view.page_rect(0).width() + 2 * GAP - view.viewport().width()) <= 2

    assert view.fitting and fits() and view.horizontalScrollBar().maximum() == 0
    window.splitter.setSizes([200, window.splitter.sizes()[1] + 150, 200])  # a wider reader: the pages follow
    qtbot.waitUntil(fits)
    before = view.zoom
    _wheel(view, 1)
    assert view.zoom > before and not view.fitting and settings.preferences.pdf_zoom == view.zoom
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.fitting and fits() and settings.preferences.pdf_zoom == FIT_WIDTH


def test_find_in_the_page_reader_boxes_hits_and_steps(qtbot, project, make_window, tmp_path):
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(make_pdf([f"Page {n} lists {n} schools" for n in range(1, 9)]))
    import_paths(project, [pdf])
    window = make_window(project)
    view = window.pdf_view
    view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = view.find_bar
    assert window.reader_stack.currentWidget() is view, "Ctrl+F finds on the pages, not in the extracted text"
    assert bar.isVisible() and bar.edit.hasFocus() and view.viewport().geometry().top() >= bar.geometry().bottom()
    qtbot.keyClicks(bar.edit, "SCHOOLS")
    assert len(view.find_hits) == 8 and bar.count.text() == "1 of 8"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # back from the first: wraps
    assert bar.count.text() == "8 of 8"
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() > view.page_rect(5).top() - view.viewport().height(),
                    timeout=5000)
    assert view.step_find(1) == 0 and view.step_find(1) == 1
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and view.find_hits == [] and view.step_find(1) is None


def test_the_editor_quote_and_find_hits_read_in_a_dark_palette(qtbot, qapp, project, make_window):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    text = project.db.execute("SELECT text FROM documents").fetchone()[0]
    claim_id = _claim_at(project, 1, text, "12.4 billion tenge", kind="funding")
    window = make_window(project)
    window.open_claim(claim_id, flash=False)
    light = window.editor.quote_colours()
    original = QPalette(qapp.palette())
    try:
        qapp.setPalette(dark_palette())
        qtbot.waitUntil(lambda: window.editor.quote_colours() != light)
        context, background, foreground = window.editor.quote_colours()
        assert QColor(background).lightness() < 128, "the tint is mixed into the dark base"
        assert contrast(QColor(foreground), QColor(background)) >= 4.5
        assert contrast(QColor(context), window.editor.palette().color(QPalette.ColorRole.Window)) >= 4.5
        assert f"color:{foreground}" in window.editor.quote.text().replace(" ", "")
        hit_background, hit_text = find_hit_colours(window.reader.palette())
        assert contrast(hit_text, hit_background) >= 4.5
        window.reader.find_text("billion")
        selections = window.reader.extraSelections()  # kept: each format lives as long as its selection
        assert selections[0].format.foreground().color() == hit_text
        window.open_claim(claim_id, flash=False)  # the checks are written for the palette of the moment
        checks = window.editor.checks
        colours = re.findall(r"color:(#[0-9a-f]{6})", checks.findings.text())  # a warning: no amount, no currency
        assert colours and all(contrast(QColor(c), checks.palette().color(QPalette.ColorRole.Window)) >= 4.5
                               for c in colours)
    finally:
        qapp.setPalette(original)


def test_the_claims_columns_keep_a_default_layout_until_changed_by_hand(qtbot, project, make_window, settings):
    window = make_window(project)
    pane = window.claims_pane
    header = pane.table.horizontalHeader()
    keys = [key for _, key, _ in COLUMNS]
    assert [keys[header.logicalIndex(v)] for v in range(2)] == ["kind", "status"]
    assert pane.layout_state().isEmpty()  # the default is not saved: the quote goes on following the width
    spare = pane.table.viewport().width() - sum(header.sectionSize(c) for c in range(len(COLUMNS)) if c != QUOTE)
    assert header.sectionSize(QUOTE) == max(pane.default_widths()[QUOTE], spare)
    window.resize(window.width() + 200, window.height())
    qtbot.waitUntil(lambda: header.sectionSize(QUOTE) >= max(pane.default_widths()[QUOTE], spare + 150))
    header.resizeSection(keys.index("document"), 260)  # as a drag on the header does
    saved = pane.layout_state()
    assert not saved.isEmpty()
    window.resize(window.width() - 200, window.height())
    pane.restore_layout(saved)
    assert header.sectionSize(keys.index("document")) == 260
    pane.reset_columns()
    assert pane.layout_state().isEmpty() and header.sectionSize(keys.index("document")) == pane.default_widths()[3]


def test_a_narrow_library_gives_the_date_column_to_the_titles(qtbot, project, make_window):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    window = make_window(project)
    library = window.library
    title, published, count = library.column_widths()
    window.splitter.setSizes([title + published + count + 60, 600, 300])
    qtbot.waitUntil(lambda: not library.tree.isColumnHidden(1))
    window.splitter.setSizes([title + count, 800, 300])
    qtbot.waitUntil(lambda: library.tree.isColumnHidden(1))
    index = library.proxy.index(0, 1)
    assert len(index.data()) == 10 and index.data(Qt.ItemDataRole.ToolTipRole).startswith(index.data())
