"""The workbench fits its screen: the main window at 1024x700, 1280x800 and 1920x1080, in a
light and a dark palette, on a project of seed-like documents (generated here; the seeds
too when ../shared is present), saved as PNGs under the test's tmp dir and measured.

"Usable" in measurable terms: every claims-table column is reachable (on screen or by the
horizontal scroll bar) and at least as wide as its title; the claim editor needs no
horizontal scrolling and each of its widgets has at least its minimumSizeHint; library
titles show at least ``TITLE_SHOWN`` characters (the whole title is in the tooltip); and
in the dark palette the editor's quote, the reader's marks and find hits keep a WCAG
contrast of at least ``MIN_CONTRAST``.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from PySide6.QtWidgets import QWidget

from claimdesk.ops import claims as claim_ops
from claimdesk.ops import documents as document_ops
from claimdesk.ops.importing import import_paths
from claimdesk.ops.suggestions import accept_pending, suggest_documents
from claimdesk.ui.claims_table import COLUMNS
from claimdesk.ui.highlight import contrast, mix
from tests.conftest import SHARED
from tests.factories import make_pdf
from tests.palettes import dark_palette

SIZES = ((1024, 700), (1280, 800), (1920, 1080))
TITLE_SHOWN = 14
MIN_CONTRAST = 4.5
FIRST_ON_SCREEN = ("kind", "status", "value", "quote")  # from 1280 px: without scrolling

# seed-like releases: long titles, figures in tenge and dollars, targets, officials, Russian (and a PDF)
RELEASES = {
    "01-clinics.txt": ("Government approves programme to modernise rural outpatient clinics in the Zhanaqala region",
                       "Minister of Healthcare Dana Serikbayeva said that the Republican Budget has allocated "
                       "12.4 billion tenge for the construction of 48 rural outpatient clinics in 2026-2027. "
                       "By 2028, 120 medical stations will be built in villages with more than 500 residents."),
    "02-roads.txt": ("Akimat of Saryozek city announces repair of 85 kilometres of district roads this summer",
                     "The akimat allocated 8.2 billion tenge from the local budget to repair 85 km of roads. "
                     "Up to 60 public transport stops will be renovated by the end of 2026."),
    "03-water.txt": ("Water pipelines reach 14 villages of the Tobylsay district after a decade of delays",
                     "USD 4.5 million (about 2.3 billion tenge) was spent on 62 kilometres of pipes in 2025. "
                     "About 640 thousand people live in the region's rural districts."),
    "04-energy-ru.txt": ("Министерство энергетики сообщило о модернизации тепловых сетей в трёх городах",
                         "На модернизацию тепловых сетей выделено 21,6 млрд тенге. К 2027 году будет заменено "
                         "320 километров сетей, сообщил вице-министр энергетики Арман Толегенов."),
    "05-schools.txt": ("Investment forum in Astana: 1,200 new school places promised for the capital's suburbs",
                       "Investors pledged 35 billion tenge for three schools with 1,200 places by September 2027. "
                       "Inflation stood at 8.4% in 2025, the national bank reported."),
}


@pytest.fixture(params=["light", "dark"])
def palette_name(request, qapp):
    original = QPalette(qapp.palette())
    if request.param == "dark":
        qapp.setPalette(dark_palette())
    yield request.param
    qapp.setPalette(original)


@pytest.fixture(params=["generated", "seeds"])
def corpus(request, project, tmp_path):
    if request.param == "seeds":
        seeds = SHARED / "seeds"
        if not seeds.is_dir():
            pytest.skip("../shared/seeds is not present")
        import_paths(project, [seeds])
    else:
        folder = tmp_path / "releases"
        folder.mkdir()
        for name, (title, body) in RELEASES.items():
            (folder / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        (folder / "06-budget-report.pdf").write_bytes(make_pdf([
            "Budget execution report: regional spending reached 412.6 billion tenge in 2025.",
            "Capital investment amounted to KZT 96.3 billion, of which 38 billion tenge went to housing."]))
        import_paths(project, [folder])
    suggest_documents(project)
    accept_pending(project, actor="tester")
    assert claim_ops.count_claims(project) >= 5, "the corpus should give the table some claims"
    return project


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_pane_is_usable(qtbot, corpus, settings, dialogs, palette_name, size, tmp_path):
    from claimdesk.ui.main_window import MainWindow

    window = MainWindow(corpus, settings, dialogs)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    assert (window.width(), window.height()) == size
    claim = _claim_with_most_fields(corpus)
    window.open_claim(claim.id, flash=False)
    window.reader.find_text(claim.quote.split()[0])  # a find hit on screen too
    shot = tmp_path / f"window-{size[0]}x{size[1]}-{palette_name}.png"
    assert window.grab().save(str(shot), "PNG") and shot.stat().st_size > 10_000

    _assert_claims_columns_reachable(window.claims_pane.table, size)
    _assert_editor_unclipped(window.editor)
    _assert_titles_readable(window.library, corpus)
    if palette_name == "dark":
        _assert_editor_quote_reads(window.editor)
        _assert_reader_marks_read(window.reader)

    paged = next((d for d in document_ops.list_documents(corpus) if d.page_count), None)
    if paged is not None:  # the page reader: pages fit its width, nothing to scroll sideways
        window.open_document(paged.id)
        view = window.pdf_view
        assert window.reader_stack.currentWidget() is view
        view.viewport().update()
        qtbot.waitUntil(lambda: 1 in view.rendered_pages(), timeout=10000)
        assert view.horizontalScrollBar().maximum() == 0
        assert view.page_rect(0).width() >= view.viewport().width() * 0.8
        pages = tmp_path / f"pages-{size[0]}x{size[1]}-{palette_name}.png"
        assert window.grab().save(str(pages), "PNG")


def _claim_with_most_fields(project):
    documents = [d for d in document_ops.list_documents(project) if not d.is_container]
    claims = [c for d in documents for c in claim_ops.claims_for_document(project, d.id)]
    return max(claims, key=lambda c: (len(c.fields), len(c.quote)))


def _assert_claims_columns_reachable(table, size) -> None:
    header, viewport = table.horizontalHeader(), table.viewport().width()
    scroll = table.horizontalScrollBar()
    metrics = header.fontMetrics()
    for column, (title, key, _) in enumerate(COLUMNS):
        assert not header.isSectionHidden(column), title
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title), f"{title} narrower than its title"
        right = header.sectionPosition(column) + header.sectionSize(column)
        assert right <= viewport + scroll.maximum(), f"{title} cannot be scrolled to"
        if size[0] >= 1280 and key in FIRST_ON_SCREEN:
            assert header.sectionViewportPosition(column) + header.sectionSize(column) <= viewport, \
                f"{title} is not on screen at {size}"
    if header.length() > viewport:
        assert scroll.isVisible() and scroll.maximum() >= header.length() - viewport
    else:
        assert header.length() >= viewport - 1, "the quote should take the spare width"


def _assert_editor_unclipped(editor) -> None:
    body = editor.widget()
    assert body.width() <= editor.viewport().width(), "the editor scrolls sideways"
    assert not editor.horizontalScrollBar().isVisible()
    fields = [editor.input for editor in editor.field_editors.values()]
    assert fields, "the claim on show should have fields"
    for parent in (body, editor.fields_box, editor.checks, *editor.field_editors.values()):
        for widget in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            least = widget.minimumSizeHint()
            if widget.isVisible() and least.isValid():
                name = f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()[:60]!r}"
                assert widget.width() >= least.width(), f"{name} is clipped"
                wrapped = widget.heightForWidth(widget.width()) if widget.hasHeightForWidth() else -1
                assert widget.height() >= max(least.height(), wrapped), f"{name} is squashed"


def _assert_titles_readable(library, project) -> None:
    tree = library.tree
    metrics = tree.fontMetrics()
    # what the delegate has for text: the section less the indentation and the cell margins
    room = tree.header().sectionSize(0) - tree.indentation() - 8
    titles = [d.title for d in document_ops.list_documents(project) if d.title]
    assert titles
    for title in titles:
        shown = metrics.elidedText(title, Qt.TextElideMode.ElideRight, room).rstrip("…")
        assert len(shown) >= min(TITLE_SHOWN, len(title)), f"{title!r} shows as {shown!r}"
    first = library.proxy.index(0, 0)
    assert first.data(Qt.ItemDataRole.DisplayRole) in first.data(Qt.ItemDataRole.ToolTipRole)


def _assert_editor_quote_reads(editor) -> None:
    """Measured on the rendered label: the quote's background is painted, and its glyphs'
    strongest pixels stand out from it by the ratio."""
    _context, background, _text = editor.quote_colours()
    image = editor.quote.grab().toImage()
    tint = QColor(background).rgb()
    tinted, best = 0, 1.0
    for y in range(image.height()):
        row = [image.pixel(x, y) for x in range(image.width())]
        xs = [x for x, pixel in enumerate(row) if pixel == tint]
        tinted += len(xs)
        for pixel in (row[xs[0]:xs[-1]] if xs else ()):
            best = max(best, contrast(QColor(pixel), QColor(background)))
    assert tinted > 100, "the quote's background is not painted"
    assert best >= MIN_CONTRAST, f"the quote reads at {best:.1f}:1 on its tint"


def _assert_reader_marks_read(reader) -> None:
    palette = reader.palette()
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    formats = []
    block = reader.firstVisibleBlock()
    while block.isValid():
        formats += [QTextCharFormat(r.format) for r in block.layout().formats()]
        block = block.next()
    formats += [QTextCharFormat(selection.format) for selection in reader.extraSelections()]
    assert formats, "nothing marked on screen"
    for fmt in formats:
        if fmt.background().style() == Qt.BrushStyle.NoBrush:
            continue
        painted = fmt.background().color()
        background = mix(painted, base, painted.alphaF())
        foreground = fmt.foreground().color() if fmt.foreground().style() != Qt.BrushStyle.NoBrush else text
        assert contrast(foreground, background) >= MIN_CONTRAST, \
            f"{foreground.name()} on {background.name()} reads at {contrast(foreground, background):.1f}:1"
