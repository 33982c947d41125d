"""The text reader: a document's stored text, read-only, with its claims highlighted.

Select text and press a kind's key (or right-click ▸ Tag as…) to ask for a claim; n/p
step through claims; Ctrl+F opens the find bar; Ctrl+wheel (and the window's Ctrl++/−/0)
zooms the text. The widget only reports what the user asked for (signals carry code-point
offsets); the main window runs the ops. ``TextView`` implements ``reader.Reader``.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit, QTextEdit, QToolTip, QVBoxLayout, QWidget

from claimdesk.core.claims import Claim, reading_order, with_changes
from claimdesk.core.kinds import Kind, kind_colour
from claimdesk.core.textmap import Utf16Map
from claimdesk.core.values import format_value
from claimdesk.ui.find_bar import MAX_SHOWN_HITS, FindBar, find_all
from claimdesk.ui.highlight import (SELECTED_TINT, ClaimHighlighter, Mark, find_hit_colours, readable_text,
                                    tint)
from claimdesk.ui.reader import (NO_CLAIMS, TEXT_ZOOM_RANGE, ZOOM_STEP, claim_to_step_to, clamp_zoom,
                                 zoom_by_wheel)

FLASH_MS = 700

READ_ONLY_TAGGING = "The project is open read-only: nothing can be tagged (File ▸ Save a copy to edit a copy)"


class TextView(QPlainTextEdit):
    tagRequested = Signal(str, int, int)  # kind name, start, end (code points)
    claimActivated = Signal(int)
    message = Signal(str)
    zoomChanged = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.zoom = 1.0  # of the application font's size
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.tagging_enabled = True  # off on a read-only project (the window sets it)
        self.highlighter = ClaimHighlighter(self)
        self.text = ""
        self.map = Utf16Map("")
        self.claims: list[Claim] = []
        self.suggestions: list = []
        self.kinds: dict[str, Kind] = {}
        self.selected_claim_id: int | None = None
        self.find_hits: list[tuple[int, int]] = []
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._refresh_extra)
        self._flashing: tuple[int, int] | None = None

    # -- content ---------------------------------------------------------------
    def set_document(self, text: str, claims: list[Claim], kinds: dict[str, Kind]) -> None:
        self.text, self.map, self.kinds = text, Utf16Map(text), kinds
        self.find_hits, self.selected_claim_id, self.suggestions = [], None, []
        self.highlighter.reset()
        self.setPlainText(text)
        self.set_claims(claims)

    def set_claims(self, claims: list[Claim], kinds: dict[str, Kind] | None = None) -> None:
        self.kinds = kinds or self.kinds
        self.claims = sorted(claims, key=reading_order)
        self._update_marks()

    def update_claims(self, changed: dict[int, Claim | None]) -> None:
        """A few claims changed (None: gone from this document); the others keep their marks."""
        self.claims = with_changes(self.claims, changed)
        self.highlighter.replace_marks(set(changed), [self._mark(c) for c in changed.values() if c is not None])
        self._refresh_extra()

    def _mark(self, item, dashed: bool = False) -> Mark:
        """The mark of a claim, or of a suggestion (dashed)."""
        colour = kind_colour(self.kinds, item.kind)
        return Mark(item.id, self.map.to_utf16(item.start), self.map.to_utf16(item.end), colour, dashed)

    def set_suggestions(self, suggestions) -> None:
        """Pending suggestions (anything with id, kind, start, end) shown dashed."""
        self.suggestions = list(suggestions)
        self._update_marks()

    def _update_marks(self) -> None:
        marks = [self._mark(c) for c in self.claims]
        marks += [self._mark(s, dashed=True) for s in self.suggestions]
        self.highlighter.set_marks(marks)
        self._refresh_extra()

    def selection_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.map.to_codepoint(cursor.selectionStart()), self.map.to_codepoint(cursor.selectionEnd())

    def select_span(self, start: int, end: int) -> None:
        """Selects code points start..end, as a user dragging over them would."""
        cursor = self.textCursor()
        cursor.setPosition(self.map.to_utf16(start))
        cursor.setPosition(self.map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def claims_at(self, offset: int) -> list[Claim]:
        return sorted((c for c in self.claims if c.start <= offset < c.end), key=lambda c: c.end - c.start)

    def show_claim(self, claim_id: int, flash: bool = True) -> None:
        claim = next((c for c in self.claims if c.id == claim_id), None)
        self.selected_claim_id = claim_id if claim else None
        if claim is None:
            self._refresh_extra()
            return
        cursor = self.textCursor()
        cursor.setPosition(self.map.to_utf16(claim.start))
        self.setTextCursor(cursor)
        self.centerCursor()
        self._flashing = (claim.start, claim.end) if flash else None
        self._refresh_extra()
        if flash:
            self._flash_timer.start()

    # -- zoom ------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        """The text at ``zoom`` times the application font's size (marks and offsets stay)."""
        zoom = clamp_zoom(zoom, TEXT_ZOOM_RANGE)
        font, normal = QFont(self.font()), QApplication.font()
        if normal.pointSizeF() > 0:
            font.setPointSizeF(normal.pointSizeF() * zoom)
        else:  # a font set in pixels has no point size
            font.setPixelSize(max(1, round(normal.pixelSize() * zoom)))
        self.setFont(font)
        if zoom != self.zoom:
            self.zoom = zoom
            self.zoomChanged.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def wheelEvent(self, event) -> None:
        # QPlainTextEdit zooms a read-only text itself, but by points the window never hears of
        if not zoom_by_wheel(event, self.zoom, self.set_zoom):
            super().wheelEvent(event)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.highlighter.palette_changed()
            self._refresh_extra()

    # -- find ------------------------------------------------------------------
    def find_text(self, needle: str) -> int:
        self.find_hits = find_all(self.text, needle)
        self._refresh_extra()
        return len(self.find_hits)

    def select_hit_from(self, offset: int) -> int | None:
        """Selects the first hit starting at or after ``offset`` (wrapping); incremental find
        keeps the current hit while it still matches."""
        if not self.find_hits:
            return None
        index = next((i for i, (start, _) in enumerate(self.find_hits) if start >= offset), 0)
        self.select_span(*self.find_hits[index])
        self.centerCursor()
        return index

    def step_find(self, direction: int) -> int | None:
        if not self.find_hits:
            return None
        here = self.map.to_codepoint(self.textCursor().selectionStart())
        starts = [s for s, _ in self.find_hits]
        if direction > 0:
            index = bisect_right(starts, here) % len(starts)
        else:
            index = (bisect_right(starts, here - 1) - 1) % len(starts)
        self.select_span(*self.find_hits[index])
        self.centerCursor()
        return index

    # -- events ----------------------------------------------------------------
    def paintEvent(self, event) -> None:
        self.highlighter.format_visible()
        super().paintEvent(event)

    def keyPressEvent(self, event) -> None:
        key_text = event.text()
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                          | Qt.KeyboardModifier.MetaModifier))
        kind = next((k for k in self.kinds.values() if k.shortcut and k.shortcut == key_text), None)
        if plain and kind is not None:
            self._tag(kind.name)
        elif plain and key_text in ("n", "p"):
            self.step_claim(1 if key_text == "n" else -1)
        else:
            super().keyPressEvent(event)

    def step_claim(self, direction: int) -> None:
        """n (1) / p (-1): the rule of ``reader.claim_to_step_to``, from the cursor."""
        here = self.map.to_codepoint(self.textCursor().position())
        target = claim_to_step_to(self.claims, self.selected_claim_id, here, direction)
        if target is None:
            self.message.emit(NO_CLAIMS)
            return
        self.show_claim(target.id)
        self.claimActivated.emit(target.id)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            offset = self.map.to_codepoint(self.cursorForPosition(event.position().toPoint()).position())
            covering = self.claims_at(offset)
            if covering:
                self.selected_claim_id = covering[0].id
                self._refresh_extra()
                self.claimActivated.emit(covering[0].id)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            offset = self.map.to_codepoint(self.cursorForPosition(event.pos()).position())
            tips = [self._describe(c) for c in self.claims_at(offset)]
            if tips:
                QToolTip.showText(event.globalPos(), "\n".join(tips), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _describe(self, claim: Claim) -> str:
        kind = self.kinds.get(claim.kind)
        label = kind.label if kind else claim.kind
        value = format_value(claim.fields, kind.fields) if kind else ""
        return f"#{claim.id} {label}" + (f": {value}" if value else "") + f" ({claim.status})"

    def _tag(self, kind_name: str) -> None:
        span = self.selection_span()
        if not self.tagging_enabled:
            self.message.emit(READ_ONLY_TAGGING)
            return
        if span is None:
            self.message.emit("Select the words of the claim first, then press its key")
            return
        self.tagRequested.emit(kind_name, *span)

    def _context_menu(self, position) -> None:
        menu = QMenu(self)
        tag_menu = menu.addMenu("Tag as…")
        tag_menu.setEnabled(self.textCursor().hasSelection() and self.tagging_enabled)
        for kind in self.kinds.values():
            action = tag_menu.addAction(f"{kind.label}\t{kind.shortcut or ''}")
            action.triggered.connect(lambda _=False, name=kind.name: self._tag(name))
        menu.addSeparator()
        menu.addAction("Copy", self.copy).setEnabled(self.textCursor().hasSelection())
        menu.exec(self.viewport().mapToGlobal(position))

    def _refresh_extra(self) -> None:
        selections = []
        hit_background, hit_text = find_hit_colours(self.palette())
        for start, end in self.find_hits[:MAX_SHOWN_HITS]:
            selections.append(self._extra(start, end, hit_background, hit_text))
        selected = next((c for c in self.claims if c.id == self.selected_claim_id), None)
        if selected is not None:
            flashing = self._flash_timer.isActive() and self._flashing == (selected.start, selected.end)
            colour = kind_colour(self.kinds, selected.kind)
            # opaque, mixed into the base: the text colour is chosen against what is painted
            background = tint(colour, self.palette(), 0.9 if flashing else SELECTED_TINT)
            selection = self._extra(selected.start, selected.end, background,
                                    readable_text(background, self.palette()))
            selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)  # the selected one
            selections.append(selection)
        self.setExtraSelections(selections)

    def _extra(self, start: int, end: int, background: QColor, foreground: QColor | None):
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.map.to_utf16(start))
        cursor.setPosition(self.map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format.setBackground(background)
        if foreground is not None:
            selection.format.setForeground(foreground)
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, False)
        return selection


class TextReader(QWidget):
    """The text view with its find bar."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = TextView()
        self.find_bar = FindBar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.view)
        self.setFocusProxy(self.view)
        self.find_bar.searchChanged.connect(self._search)
        self.find_bar.step.connect(self._step)
        self.find_bar.closed.connect(self._close_find)

    def open_find(self) -> None:
        selected = self.view.textCursor().selectedText()
        self.find_bar.open_bar(selected if selected and "\u2029" not in selected else "")

    def _search(self, needle: str) -> None:
        anchor = self.view.map.to_codepoint(self.view.textCursor().selectionStart())
        total = self.view.find_text(needle)
        index = self.view.select_hit_from(anchor) if total else None
        self.find_bar.show_count(index, total)

    def _step(self, direction: int) -> None:
        index = self.view.step_find(direction)
        self.find_bar.show_count(index, len(self.view.find_hits))

    def _close_find(self) -> None:
        self.view.find_text("")
        self.view.setFocus()
