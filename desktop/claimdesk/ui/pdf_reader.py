"""The page reader for PDFs: pages rendered with PyMuPDF off the GUI thread, claims as
translucent boxes over their words, and selection on the page mapped to document
offsets through word boxes (the same offsets the text reader uses). The render thread
also finds each page's word boxes in the stored text the first time the page is shown
(import stores none: see core/readers/pdf.py), since PyMuPDF must stay on one thread.
``PdfView`` implements ``reader.Reader``: n/p, zoom and find behave as in the text reader."""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QThread, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip

from claimdesk.core.claims import Claim, reading_order, with_changes
from claimdesk.core.kinds import Kind, kind_colour
from claimdesk.core.model import PageSpan
from claimdesk.ui.find_bar import MAX_SHOWN_HITS, FindBar, find_all
from claimdesk.ui.highlight import find_hit_colours
from claimdesk.ui.reader import NO_CLAIMS, ZOOM_STEP, claim_to_step_to, clamp_zoom, zoom_by_wheel
from claimdesk.ui.text_reader import READ_ONLY_TAGGING

GAP = 12
CACHE_PAGES = 16
ZOOM_RANGE = (0.25, 6.0)
FIT_WIDTH = 0.0  # the zoom that follows the pane's width: the default, and what Reset zoom returns to


class PageRenderer(QObject):
    """Lives in its own thread; owns the PyMuPDF document it renders from."""

    rendered = Signal(int, int, float, QImage)  # generation, page number, scale, image
    words_found = Signal(int, int, object)  # generation, page number, word boxes
    failed = Signal(int, str)

    def __init__(self):
        super().__init__()
        self._document = None
        self._generation = 0

    @Slot(int, bytes)
    def open(self, generation: int, data: bytes) -> None:
        import pymupdf  # lazy: only page views need it in the GUI process

        self._generation = generation
        if self._document is not None:
            self._document.close()
            self._document = None
        try:
            document = pymupdf.open(stream=data, filetype="pdf")
        except Exception as exc:  # MuPDF's own error types
            self.failed.emit(generation, f"the PDF cannot be rendered ({exc})")
            return
        if document.needs_pass:
            document.close()
            self.failed.emit(generation, "the PDF is encrypted; its pages cannot be shown without the password")
            return
        self._document = document

    @Slot(int, int, float)
    def render(self, generation: int, number: int, scale: float) -> None:
        if generation != self._generation or self._document is None:
            return  # a request for a document that has been replaced since
        import pymupdf

        pixmap = self._document[number - 1].get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
        image = QImage(pixmap.samples, pixmap.width, pixmap.height, pixmap.stride, QImage.Format.Format_RGB888)
        self.rendered.emit(generation, number, scale, image.copy())  # copy: samples die with the pixmap

    @Slot(int, int, str, int)
    def find_words(self, generation: int, number: int, page_text: str, base: int) -> None:
        if generation != self._generation or self._document is None:
            return
        # lazy like pymupdf: importing core.readers loads every reader (~10 ms of every start)
        from claimdesk.core.readers.pdf import page_word_boxes

        self.words_found.emit(generation, number, page_word_boxes(self._document[number - 1], page_text, base))

    @Slot()
    def close(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None


class PdfView(QAbstractScrollArea):
    tagRequested = Signal(str, int, int)
    claimActivated = Signal(int)
    message = Signal(str)
    pageRendered = Signal(int)
    unavailable = Signal(str)
    zoomChanged = Signal(float)
    _open = Signal(int, bytes)
    _render = Signal(int, int, float)
    _find_words = Signal(int, int, str, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.pages: list[PageSpan] = []
        self.claims: list[Claim] = []
        self.suggestions: list = []
        self.kinds: dict[str, Kind] = {}
        self.zoom = 1.0  # the scale in use (in fit mode, the one that fits the width now)
        self.fitting = False  # the zoom follows the pane's width
        self.selection: tuple[int, int] | None = None
        self.find_hits: list[tuple[int, int]] = []
        self._hit: int | None = None  # the find hit on show
        self.tagging_enabled = True  # off on a read-only project (the window sets it)
        self.selected_claim_id: int | None = None
        self.problem = ""
        self._anchor = None
        self._tops: list[float] = []
        self._text = ""
        self._words: dict[int, tuple] = {}  # page index -> word boxes, as they are found
        self._word_starts: dict[int, list[int]] = {}
        self._words_pending: set[int] = set()
        self._claim_to_show: int | None = None  # shown again once its page's words are found
        self._generation = 0
        self._cache: OrderedDict[tuple[int, float], QImage] = OrderedDict()
        self._pending: set[tuple[int, float]] = set()
        self._thread: QThread | None = None
        self._renderer: PageRenderer | None = None
        self.find_bar = FindBar(self)  # over the pages, in the scroll area's top margin while open
        self.find_bar.searchChanged.connect(self._search)
        self.find_bar.step.connect(lambda direction: self.find_bar.show_count(self.step_find(direction),
                                                                              len(self.find_hits)))
        self.find_bar.closed.connect(self._close_find)

    def _start_renderer(self) -> None:
        """The render thread starts with the first PDF shown and stops in shutdown()."""
        self._thread = QThread(self)
        self._renderer = PageRenderer()
        self._renderer.moveToThread(self._thread)
        self._open.connect(self._renderer.open)
        self._render.connect(self._renderer.render)
        self._find_words.connect(self._renderer.find_words)
        self._renderer.rendered.connect(self._on_rendered)
        self._renderer.words_found.connect(self._on_words_found)
        self._renderer.failed.connect(self._on_failed)
        self._thread.finished.connect(self._renderer.close)
        app = QApplication.instance()
        if app is not None:  # there is one: this is a widget
            app.aboutToQuit.connect(self.shutdown)
        self._thread.start()

    def shutdown(self) -> None:
        if self._thread is not None and self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()

    # -- content ---------------------------------------------------------------
    def set_document(self, data: bytes, pages: list[PageSpan], claims: list[Claim], kinds: dict[str, Kind],
                     text: str) -> None:
        self._generation += 1
        self.pages, self.kinds, self.problem, self._text = pages, kinds, "", text
        self._words, self._word_starts, self._words_pending = {}, {}, set()
        for index, page in enumerate(pages):
            if page.words:  # projects imported before boxes were found on demand
                self._set_words(index, page.words)
        self.selection, self.selected_claim_id, self.suggestions = None, None, []
        self.find_hits, self._hit = [], None
        self._claim_to_show = None
        self._cache.clear()
        self._pending.clear()
        if self._thread is None:
            self._start_renderer()
        self._open.emit(self._generation, data)
        self.set_claims(claims)
        self.verticalScrollBar().setValue(0)
        if self.fitting:  # to these pages' width
            self.zoom = clamp_zoom(self._width_zoom() or self.zoom, ZOOM_RANGE)
        self._relayout()

    def set_claims(self, claims: list[Claim], kinds: dict[str, Kind] | None = None) -> None:
        self.kinds = kinds or self.kinds
        self.claims = sorted(claims, key=reading_order)
        self.viewport().update()

    def update_claims(self, changed: dict) -> None:
        """A few claims changed (None: gone from this document)."""
        self.claims = with_changes(self.claims, changed)
        self.viewport().update()

    def set_suggestions(self, suggestions) -> None:
        """Pending suggestions, outlined with a dashed frame in their kind's colour."""
        self.suggestions = list(suggestions)
        self.viewport().update()

    def set_zoom(self, zoom: float) -> None:
        """A scale of the pages' size (1: 72 pt to the inch of the screen), or FIT_WIDTH."""
        fitting = zoom == FIT_WIDTH
        if fitting:
            zoom = self._width_zoom() or self.zoom
        zoom = clamp_zoom(zoom, ZOOM_RANGE)
        changed = zoom != self.zoom or fitting != self.fitting
        self.zoom, self.fitting = zoom, fitting
        self._relayout()
        if changed:
            self.zoomChanged.emit(FIT_WIDTH if fitting else zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def reset_zoom(self) -> None:
        """Pages fit the pane's width, and go on fitting it as the pane is resized (at 1.0 a
        page was wider than the reader at 1280 px and read by scrolling sideways)."""
        self.set_zoom(FIT_WIDTH)

    def _width_zoom(self) -> float | None:
        """The zoom at which the widest page fills the viewport's width, a vertical scroll
        bar assumed (else showing it would narrow the pages, hide it again, and so on)."""
        widest = max((p.width for p in self.pages), default=0)
        if not widest:
            return None
        room = self.maximumViewportSize().width() - self.verticalScrollBar().sizeHint().width() - 2 * GAP
        return max(room, 1) / (widest * self._dpi_scale())

    def selection_span(self) -> tuple[int, int] | None:
        return self.selection

    # -- find ------------------------------------------------------------------
    def find_text(self, needle: str) -> int:
        """Hits in the document's text, boxed on the pages; the first is scrolled to."""
        self.find_hits, self._hit = find_all(self._text, needle), None
        if self.find_hits:
            self._show_hit(0)
        self.viewport().update()
        return len(self.find_hits)

    def step_find(self, direction: int) -> int | None:
        if not self.find_hits:
            return None
        self._show_hit(((self._hit if self._hit is not None else -1) + direction) % len(self.find_hits))
        return self._hit

    def open_find(self) -> None:
        """Ctrl+F over the pages: the same bar as the text reader's, hits boxed on the pages."""
        self.setViewportMargins(0, self.find_bar.sizeHint().height(), 0, 0)
        self._place_find_bar()
        self.find_bar.open_bar()

    def _search(self, needle: str) -> None:
        total = self.find_text(needle)
        self.find_bar.show_count(self._hit, total)

    def _close_find(self) -> None:
        self.find_text("")
        self.setViewportMargins(0, 0, 0, 0)
        self.setFocus()

    def _place_find_bar(self) -> None:
        frame, scroll_bar = self.contentsRect(), self.verticalScrollBar()
        width = frame.width() - (scroll_bar.width() if scroll_bar.isVisible() else 0)  # the bar runs beside it
        self.find_bar.setGeometry(frame.left(), frame.top(), width, self.find_bar.sizeHint().height())

    def _show_hit(self, index: int) -> None:
        self._hit = index
        start, end = self.find_hits[index]
        self._scroll_to_span(start, end)
        self.viewport().update()

    def _scroll_to_span(self, start: int, end: int) -> bool:
        """Scrolls a span into view; False while its page's words are still being found."""
        box = self._span_rects(start, end)
        if box:
            self.verticalScrollBar().setValue(int(box[0].top() - self.viewport().height() / 3))
            return True
        index = self.page_index_at(start)
        if index is not None:
            self.verticalScrollBar().setValue(int(self._tops[index]) - GAP)
            self.page_words(index)
        return False

    def step_claim(self, direction: int) -> None:
        """n (1) / p (-1): the rule of ``reader.claim_to_step_to``, from the selection or
        else the top of the page area on show."""
        target = claim_to_step_to(self.claims, self.selected_claim_id, self._here(), direction)
        if target is None:
            self.message.emit(NO_CLAIMS)
            return
        self.show_claim(target.id)
        self.claimActivated.emit(target.id)

    def _here(self) -> int:
        """The selection's start, else the first word at or below the top of the view."""
        if self.selection is not None:
            return self.selection[0]
        if not self.pages:
            return 0
        top = self.verticalScrollBar().value()
        index = max(0, bisect_right(self._tops, top + GAP) - 1)  # the gap above a page counts as the page
        below = (w[4] for w in self._words.get(index, ()) if self.word_rect(index, w).bottom() > top)
        return next(below, self.pages[index].start)

    def show_claim(self, claim_id: int) -> None:
        claim = next((c for c in self.claims if c.id == claim_id), None)
        self.selected_claim_id = claim_id if claim else None
        self._claim_to_show = None
        if claim is not None and not self._scroll_to_span(claim.start, claim.end):
            index = self.page_index_at(claim.start)
            if index is not None and index not in self._words:
                self._claim_to_show = claim_id  # shown on its page until its words are found
        self.viewport().update()

    def page_index_at(self, offset: int) -> int | None:
        index = bisect_right(self.pages, offset, key=lambda page: page.start) - 1
        return index if index >= 0 else None

    def page_words(self, index: int) -> tuple:
        """Word boxes of page ``index`` (0-based), or () while the render thread finds them."""
        words = self._words.get(index)
        if words is None:
            if index not in self._words_pending and self._thread is not None:
                self._words_pending.add(index)
                page = self.pages[index]
                self._find_words.emit(self._generation, page.number, self._text[page.start:page.end], page.start)
            return ()
        return words

    def _set_words(self, index: int, words) -> None:
        self._words[index] = tuple(words)
        self._word_starts[index] = [w[4] for w in words]

    def rendered_pages(self) -> set[int]:
        """Page numbers whose images are in the cache at the current scale."""
        scale = round(self.scale(), 4)
        return {number for number, cached_scale in self._cache if cached_scale == scale}

    # -- geometry --------------------------------------------------------------
    def scale(self) -> float:
        return self.zoom * self._dpi_scale()

    def _dpi_scale(self) -> float:
        return self.logicalDpiX() / 72.0

    def page_rect(self, index: int) -> QRectF:
        """Where page ``index`` (0-based) sits in content coordinates."""
        scale, page = self.scale(), self.pages[index]
        return QRectF(GAP, self._tops[index], page.width * scale, page.height * scale)

    def word_rect(self, index: int, word) -> QRectF:
        origin, scale = self.page_rect(index).topLeft(), self.scale()
        return QRectF(origin.x() + word[0] * scale, origin.y() + word[1] * scale,
                      (word[2] - word[0]) * scale, (word[3] - word[1]) * scale)

    def content_point(self, viewport_point) -> QPointF:
        return QPointF(viewport_point.x() + self.horizontalScrollBar().value(),
                       viewport_point.y() + self.verticalScrollBar().value())

    def _relayout(self) -> None:
        scale = self.scale()
        self._tops = []
        y: float = GAP
        for page in self.pages:
            self._tops.append(y)
            y += page.height * scale + GAP
        height = sum(p.height * scale + GAP for p in self.pages) + GAP
        width = max((p.width * scale for p in self.pages), default=0) + 2 * GAP
        self.verticalScrollBar().setRange(0, max(0, int(height - self.viewport().height())))
        self.verticalScrollBar().setPageStep(self.viewport().height())
        self.verticalScrollBar().setSingleStep(40)
        self.horizontalScrollBar().setRange(0, max(0, int(width - self.viewport().width())))
        self.horizontalScrollBar().setPageStep(self.viewport().width())
        self.viewport().update()

    def visible_pages(self) -> list[int]:
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        if not self.pages:
            return []
        first = max(0, bisect_right(self._tops, top) - 1)
        last = max(first, bisect_right(self._tops, bottom) - 1)
        return list(range(max(0, first - 1), min(len(self.pages), last + 2)))  # ±1 page

    def word_at(self, content_point: QPointF):
        """(page index, word) under or nearest to a point on a page, or None off the pages."""
        start = max(0, bisect_right(self._tops, content_point.y()) - 2)
        for index in range(start, min(len(self.pages), start + 3)):
            rect = self.page_rect(index)
            if rect.top() - GAP / 2 <= content_point.y() <= rect.bottom() + GAP / 2:
                words = self.page_words(index)
                if not words:
                    return None
                return index, min(words, key=lambda w: _distance(self.word_rect(index, w), content_point))
        return None

    def _span_rects(self, start: int, end: int) -> list[QRectF]:
        rects = []
        for index, page in enumerate(self.pages):
            if page.end < start or page.start > end:
                continue
            rects += [self.word_rect(index, w) for w in self._words_between(index, start, end)]
        return rects

    # -- painting --------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), QColor("#6b6b6b"))
        if self.problem or not self.pages:
            painter.setPen(QColor("white"))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.problem or "No pages")
            return
        painter.translate(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        scale = round(self.scale(), 4)
        for index in self.visible_pages():
            self.page_words(index)  # asked before the image, so they arrive first
            rect, number = self.page_rect(index), self.pages[index].number
            image = self._cache.get((number, scale))
            if image is None:
                painter.fillRect(rect, QColor("white"))
                self._request(number, scale)
            else:
                self._cache.move_to_end((number, scale))
                painter.drawImage(rect, image)
        self._paint_claims(painter)

    def _paint_claims(self, painter: QPainter) -> None:
        spans = [(c.start, c.end, kind_colour(self.kinds, c.kind),
                  90 if c.id != self.selected_claim_id else 170) for c in self.claims]
        if self.selection:
            spans.append((*self.selection, "#2962ff", 110))
        hit_colour = find_hit_colours(self.palette())[0].name()
        spans += [(start, end, hit_colour, 120 if i != self._hit else 200)
                  for i, (start, end) in enumerate(self.find_hits[:MAX_SHOWN_HITS])]
        for index in self.visible_pages():
            page = self.pages[index]
            for start, end, colour, alpha in spans:
                if start >= page.end or end <= page.start:
                    continue
                fill = QColor(colour)
                fill.setAlpha(alpha)
                for word in self._words_between(index, start, end):
                    painter.fillRect(self.word_rect(index, word), fill)
            for item in self.suggestions:
                if item.start >= page.end or item.end <= page.start:
                    continue
                pen = QPen(QColor(kind_colour(self.kinds, item.kind)), 1.5,
                           Qt.PenStyle.DashLine)
                painter.setPen(pen)
                for word in self._words_between(index, item.start, item.end):
                    box = self.word_rect(index, word)
                    painter.drawLine(box.bottomLeft(), box.bottomRight())

    def _words_between(self, index: int, start: int, end: int):
        """Words of page ``index`` overlapping offsets start..end (words are in offset order)."""
        words, starts = self._words.get(index, ()), self._word_starts.get(index, [])
        position = max(0, bisect_right(starts, start) - 1)
        while position < len(words) and words[position][4] < end:
            if words[position][5] > start:
                yield words[position]
            position += 1

    def _request(self, number: int, scale: float) -> None:
        if (number, scale) not in self._pending:
            self._pending.add((number, scale))
            # rendered at device pixels so pages stay sharp on HiDPI screens
            self._render.emit(self._generation, number, scale * self.devicePixelRatioF())

    def _on_rendered(self, generation: int, number: int, device_scale: float, image: QImage) -> None:
        if generation != self._generation:
            return
        ratio = self.devicePixelRatioF()
        image.setDevicePixelRatio(ratio)
        scale = round(device_scale / ratio, 4)
        self._pending.discard((number, scale))
        self._cache[(number, scale)] = image
        while len(self._cache) > CACHE_PAGES:
            self._cache.popitem(last=False)
        self.viewport().update()
        self.pageRendered.emit(number)

    def _on_words_found(self, generation: int, number: int, words) -> None:
        if generation != self._generation:
            return
        index = next((i for i, page in enumerate(self.pages) if page.number == number), None)
        if index is None:
            return
        self._words_pending.discard(index)
        self._set_words(index, words)
        if self._claim_to_show is not None:
            claim = next((c for c in self.claims if c.id == self._claim_to_show), None)
            if claim is not None and self.page_index_at(claim.start) == index:
                self.show_claim(claim.id)
        self.viewport().update()

    def _on_failed(self, generation: int, problem: str) -> None:
        if generation == self._generation:
            self.problem = problem
            self.viewport().update()
            self.unavailable.emit(problem)

    # -- input -----------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_find_bar()
        if self.fitting:
            self.zoom = clamp_zoom(self._width_zoom() or self.zoom, ZOOM_RANGE)  # still "fit", nothing to remember
        self._relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def wheelEvent(self, event) -> None:
        if not zoom_by_wheel(event, self.zoom, self.set_zoom):
            super().wheelEvent(event)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._anchor = self.word_at(self.content_point(event.position()))
            self.selection = None
            self.viewport().update()

    def mouseMoveEvent(self, event) -> None:
        if self._anchor is not None and event.buttons() & Qt.MouseButton.LeftButton:
            current = self.word_at(self.content_point(event.position()))
            if current is not None:
                words = (self._anchor[1], current[1])
                self.selection = (min(w[4] for w in words), max(w[5] for w in words))
                self.viewport().update()
        elif not event.buttons():
            self._show_tooltip(event)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self.selection is None and self._anchor is not None:
            word = self._anchor[1]
            covering = sorted((c for c in self.claims if c.start < word[5] and c.end > word[4]),
                              key=lambda c: c.end - c.start)
            if covering:
                self.selected_claim_id = covering[0].id
                self.claimActivated.emit(covering[0].id)
                self.viewport().update()
        self._anchor = None

    def keyPressEvent(self, event) -> None:
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        kind = next((k for k in self.kinds.values() if k.shortcut and k.shortcut == event.text()), None)
        if plain and kind is not None:
            if not self.tagging_enabled:
                self.message.emit(READ_ONLY_TAGGING)
            elif self.selection is None:
                self.message.emit("Drag over the words of the claim first, then press its key")
            else:
                self.tagRequested.emit(kind.name, *self.selection)
        elif plain and event.text() in ("n", "p"):
            self.step_claim(1 if event.text() == "n" else -1)
        else:
            super().keyPressEvent(event)

    def _show_tooltip(self, event) -> None:
        hit = self.word_at(self.content_point(event.position()))
        if hit is None or not self.word_rect(*hit).contains(self.content_point(event.position())):
            QToolTip.hideText()
            return
        word = hit[1]
        covering = [c for c in self.claims if c.start < word[5] and c.end > word[4]]
        if covering:
            QToolTip.showText(event.globalPosition().toPoint(),
                              "\n".join(f"#{c.id} {self.kinds[c.kind].label if c.kind in self.kinds else c.kind}"
                                        for c in covering), self.viewport())


def _distance(rect: QRectF, point: QPointF) -> float:
    dx = max(rect.left() - point.x(), 0, point.x() - rect.right())
    dy = max(rect.top() - point.y(), 0, point.y() - rect.bottom())
    return dy * 4 + dx  # prefer the same line
