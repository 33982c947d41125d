"""The Ctrl+F bar of the text reader: hits highlighted, Enter / Shift+Enter to step."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

MAX_SHOWN_HITS = 2000  # ExtraSelections slow repaints past a few thousand


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Case-insensitive literal matches as code-point spans."""
    if not needle:
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]


class FindBar(QWidget):
    searchChanged = Signal(str)
    step = Signal(int)  # +1 next, -1 previous
    closed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit(placeholderText="Find in document", clearButtonEnabled=True)
        self.count = QLabel()
        previous_button, next_button, close_button = QToolButton(), QToolButton(), QToolButton()
        for button, text, tip in ((previous_button, "↑", "Previous hit (Shift+Enter)"),
                                  (next_button, "↓", "Next hit (Enter)"), (close_button, "✕", "Close (Esc)")):
            button.setText(text)
            button.setToolTip(tip)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        for widget in (self.edit, self.count, previous_button, next_button, close_button):
            layout.addWidget(widget)
        self.edit.textChanged.connect(self.searchChanged)
        previous_button.clicked.connect(lambda: self.step.emit(-1))
        next_button.clicked.connect(lambda: self.step.emit(1))
        close_button.clicked.connect(self.close_bar)
        self.setFocusProxy(self.edit)
        self.hide()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step.emit(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
        elif event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    def open_bar(self, initial: str = "") -> None:
        self.show()
        if initial:
            self.edit.setText(initial)
        self.edit.selectAll()
        self.edit.setFocus()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def show_count(self, current: int | None, total: int) -> None:
        if not self.edit.text():
            self.count.clear()
        elif total == 0:
            self.count.setText("no hits")
        else:
            shown = f"{current + 1} of {total}" if current is not None else f"{total} hits"
            self.count.setText(shown + (f" (first {MAX_SHOWN_HITS} highlighted)" if total > MAX_SHOWN_HITS else ""))
