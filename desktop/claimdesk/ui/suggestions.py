"""The Suggestions list: what the detector proposes in the open document, reviewed with
the keyboard (Enter accepts, Delete rejects; both undoable through the window)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from claimdesk.core.kinds import Kind
from claimdesk.core.values import format_value

COLUMNS = (("Kind", 90), ("Value", 170), ("Quote", 380), ("Confidence", 80))

HINT = "Enter accepts · Delete rejects · Ctrl+Shift+A accepts all of the selected kind · Ctrl+Z undoes"


class SuggestionsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list = []  # StoredSuggestion rows from ops.suggestions.pending
        self.texts: list[str] = []
        self.kinds: dict[str, Kind] = {}

    def set_items(self, items: list, text: str, kinds: dict[str, Kind]) -> None:
        self.beginResetModel()
        self.items, self.kinds = list(items), kinds
        self.texts = [" ".join(text[s.start:s.end].split()) for s in self.items]
        self.endResetModel()

    def row_of(self, suggestion_id: int) -> int | None:
        return next((i for i, s in enumerate(self.items) if s.id == suggestion_id), None)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0] if orientation == Qt.Orientation.Horizontal else str(section + 1)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item, column = self.items[index.row()], index.column()
        kind = self.kinds.get(item.kind)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QColor(kind.colour) if kind else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return self.texts[index.row()]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return kind.label if kind else item.kind
        if column == 1:
            return format_value(item.fields, kind.fields) if kind else ""
        if column == 2:
            return self.texts[index.row()]
        return f"{item.confidence:.2f}"


class SuggestionsPane(QWidget):
    suggestionSelected = Signal(int)
    acceptRequested = Signal(list)
    rejectRequested = Signal(list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = SuggestionsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        for column, (_, width) in enumerate(COLUMNS):
            self.table.horizontalHeader().resizeSection(column, width)
        self.hint = QLabel(HINT, wordWrap=True)  # one line needed 555 px: the window could not be narrower
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # readable in a dark palette too
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.table)
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    def set_items(self, items: list, text: str, kinds: dict[str, Kind]) -> None:
        current = self.current_id()
        row = self.table.currentIndex().row()
        self.model.set_items(items, text, kinds)
        # after a decision the next suggestion becomes current, so review goes on with Enter/Delete
        target = self.model.row_of(current) if current is not None else None
        if target is None and self.model.items:
            target = min(max(row, 0), len(self.model.items) - 1)
        if target is not None:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(target)
            self.table.selectionModel().blockSignals(False)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.items[index.row()].id if index.isValid() and index.row() < len(self.model.items) else None

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.items[row].id for row in rows if row < len(self.model.items)]

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table and event.type() == event.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_ids():
                self.acceptRequested.emit(self.selected_ids())
                return True
        return super().eventFilter(watched, event)

    def _current_changed(self, current: QModelIndex, _previous) -> None:
        if current.isValid() and current.row() < len(self.model.items):
            self.suggestionSelected.emit(self.model.items[current.row()].id)
