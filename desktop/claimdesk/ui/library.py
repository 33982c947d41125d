"""The library pane: documents, with digest articles under their page; filter and sort."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QStyle, QTreeView, QVBoxLayout, QWidget

from claimdesk.core.model import StoredDocument

COLUMNS = ("Title", "Published", "Claims")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole
TITLE_SAMPLE = "Government approves"  # as much of a title as the default width shows (the rest: tooltip)


@dataclass
class _Node:
    document: StoredDocument | None
    parent: "_Node | None" = None
    children: list["_Node"] = field(default_factory=list)
    claims: int = 0


def _row(node: _Node) -> int:
    """The node's row under its parent (the root, with no parent, has no row: 0)."""
    return node.parent.children.index(node) if node.parent is not None else 0


class LibraryModel(QAbstractItemModel):
    """A two-level tree (pages and their articles) over the project's documents."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._root = _Node(None)
        self._by_id: dict[int, _Node] = {}

    def set_documents(self, documents: list[StoredDocument], claim_counts: dict[int, int]) -> None:
        self.beginResetModel()
        self._root, self._by_id = _Node(None), {}
        for document in documents:
            parent = self._root if document.parent_id is None else self._by_id.get(document.parent_id, self._root)
            node = _Node(document, parent, claims=claim_counts.get(document.id, 0))
            parent.children.append(node)
            self._by_id[document.id] = node
        self.endResetModel()

    def update_counts(self, claim_counts: dict[int, int]) -> None:
        """New claim counts without rebuilding the tree (after claims are added or removed)."""
        for document_id, node in self._by_id.items():
            count = claim_counts.get(document_id, 0)
            if count != node.claims:
                node.claims = count
                index = self.createIndex(_row(node), 2, node)
                self.dataChanged.emit(index, index)

    def index_of(self, document_id: int) -> QModelIndex:
        node = self._by_id.get(document_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(_row(node), 0, node)

    def document(self, index: QModelIndex) -> StoredDocument | None:
        return index.internalPointer().document if index.isValid() else None

    def index(self, row, column, parent=QModelIndex()):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        node = parent.internalPointer() if parent.isValid() else self._root
        return self.createIndex(row, column, node.children[row])

    def parent(self, index=QModelIndex()):
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(_row(parent), 0, parent)

    def rowCount(self, parent=QModelIndex()):
        if parent.column() > 0:
            return 0
        node = parent.internalPointer() if parent.isValid() else self._root
        return len(node.children)

    def columnCount(self, parent=QModelIndex()):
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        document = node.document
        if document is None:  # only the root has none, and the root has no index
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return document.title or document.file_name
            if column == 1:  # the day: the time would take the title's room (it is in the tooltip)
                return document.published.display()[:10] if document.published else ""
            return str(node.claims) if node.claims else ""
        if role == SORT_ROLE:
            return (document.title.lower(), document.published.value if document.published else "",
                    node.claims)[column]
        if role == ID_ROLE:
            return document.id
        if role == Qt.ItemDataRole.ToolTipRole and column == 1 and document.published:
            return document.published.display()
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            lines = [document.title or document.file_name, document.file_name, document.media_type]
            if document.encoding:
                lines.append(f"encoding {document.encoding} ({document.encoding_method})")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class LibraryPane(QWidget):
    documentActivated = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = LibraryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SORT_ROLE)
        self.filter = QLineEdit(placeholderText="Filter documents", clearButtonEnabled=True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # import order until a header is clicked
        self.tree.setUniformRowHeights(True)
        self.tree.setTabKeyNavigation(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(24)
        for column, width in enumerate(self.column_widths()):
            if column:
                header.resizeSection(column, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self.setFocusProxy(self.tree)
        self.tree.viewport().installEventFilter(self)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)

    def column_widths(self) -> list[int]:
        """Title (the least it should have), date and count widths from the tree's font;
        columns are never sized to contents, which reads every row of a large library."""
        metrics = self.tree.fontMetrics()
        padding = 2 * self.tree.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 8
        return [metrics.horizontalAdvance(TITLE_SAMPLE) + padding, metrics.horizontalAdvance("2026-03-14") + padding,
                metrics.horizontalAdvance(COLUMNS[2]) + padding]

    def preferred_width(self) -> int:
        """A width at which titles show as much as ``TITLE_SAMPLE`` beside the date and
        count (the window's default splitter size for this pane)."""
        frame = 2 * self.tree.frameWidth() + self.tree.verticalScrollBar().sizeHint().width()
        return sum(self.column_widths()) + self.tree.indentation() + frame

    def eventFilter(self, watched, event) -> bool:
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns(event.size().width())
        return super().eventFilter(watched, event)

    def _fit_columns(self, width: int) -> None:
        """In a narrow pane the date column gives its room to the titles (the date stays in
        the tooltip): at 1024 px titles were cut to a dozen characters."""
        title, published, count = self.column_widths()
        self.tree.setColumnHidden(1, width - self.tree.indentation() - count - published < title)

    def set_documents(self, documents: list[StoredDocument], claim_counts: dict[int, int]) -> None:
        current = self.current_document_id()
        self.model.set_documents(documents, claim_counts)
        self.tree.expandAll()
        if current is not None:
            self.select(current, emit=False)

    def update_counts(self, claim_counts: dict[int, int]) -> None:
        self.model.update_counts(claim_counts)

    def current_document_id(self) -> int | None:
        index = self.tree.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, document_id: int, emit: bool = True) -> None:
        index = self.proxy.mapFromSource(self.model.index_of(document_id))
        if not index.isValid():
            return
        self.tree.blockSignals(not emit)
        self.tree.selectionModel().blockSignals(not emit)
        self.tree.setCurrentIndex(index)
        self.tree.selectionModel().blockSignals(False)
        self.tree.blockSignals(False)
        self.tree.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.documentActivated.emit(current.data(ID_ROLE))
