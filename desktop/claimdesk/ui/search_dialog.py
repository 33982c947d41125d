"""Search everywhere (Ctrl+Shift+F): documents and claim quotes/notes, Enter opens a hit
at the word form written in the text (syntax: core/search.py)."""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout

from claimdesk.ops.search import Hit

DEBOUNCE_MS = 200


class HitsModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.hits: list[Hit] = []

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            snippet = re.sub(r"\s+", " ", hit.snippet)
            source = f"claim #{hit.claim_id} ({hit.kind})" if hit.source == "claim" else "document"
            return f"{hit.title} — {source}\n    {snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.snippet
        return None


class SearchDialog(QDialog):
    openRequested = Signal(int, int, object)  # document id, offset, claim id or None

    def __init__(self, search, parent=None):
        """search(query) -> [Hit] (the ops layer, bound to the open project)."""
        super().__init__(parent)
        self.setWindowTitle("Search everywhere")
        self.resize(640, 420)
        self._search = search
        self.query = QLineEdit(placeholderText='Any form of a word, "exact words", or a prefix*',
                               clearButtonEnabled=True)
        self.status = QLabel()
        self.model = HitsModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        layout.addWidget(self.status)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.returnPressed.connect(self.open_current)
        self.results.activated.connect(lambda _index: self.open_current())

    def run_search(self) -> None:
        self._timer.stop()
        hits = self._search(self.query.text())
        self.model.set_hits(hits)
        self.status.setText(f"{len(hits)} hits" if self.query.text().strip() else "")
        if hits:
            self.results.setCurrentIndex(self.model.index(0))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.query.hasFocus():
            self.results.setFocus()
            self.results.keyPressEvent(event)
        else:
            super().keyPressEvent(event)

    def open_current(self) -> None:
        if self._timer.isActive():
            self.run_search()
        index = self.results.currentIndex()
        if not index.isValid():
            return
        hit = self.model.hits[index.row()]
        self.openRequested.emit(hit.document_id, hit.offset, hit.claim_id)
        self.accept()
