"""The claims table: a model over claim ids whose rows are fetched from the store in
blocks as the view asks for them, with filters and sorting done in SQL."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QByteArray, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QStyle,
                               QTableView, QVBoxLayout, QWidget)

from claimdesk.core.claims import ClaimFilter, ClaimRow
from claimdesk.core.kinds import Kind
from claimdesk.core.values import format_value

# (header, column, text whose width sets the default width): widths come from font metrics,
# as ResizeToContents would read every row of a big model (it walks them all on each resize)
COLUMNS = (("Kind", "kind", "■ Statistic"), ("Value", "value", "KZT 12,400,000,000"),
           ("Quote", "quote", "the Republican Budget has"), ("Document", "document", "Government approves rural"),
           ("Date", "date", "2026-03-14 10:30"), ("Status", "status", "inconclusive"),
           ("Author", "author", "A. Analyst"))
QUOTE = 2
# the default order on screen: what a claim is and where review stands first, where it came from last
DEFAULT_ORDER = ("kind", "status", "value", "quote", "document", "date", "author")
BLOCK = 256
ID_ROLE = Qt.ItemDataRole.UserRole


class ClaimsTableModel(QAbstractTableModel):
    """Small projects reload in place; past ``async_threshold`` claims (where sorting 100k
    rows took 125–200 ms here) the id query runs in a worker and ``reloaded`` says when
    the rows changed."""

    reloaded = Signal()
    failed = Signal(str)

    def __init__(self, fetch_ids, fetch_rows, count=None, fetch_ids_async=None, parent=None):
        """fetch_ids(ClaimFilter) -> [id]; fetch_rows([id]) -> {id: ClaimRow}; count() -> int;
        fetch_ids_async(ClaimFilter, generation, on_done, on_failed) (all from the ops layer)."""
        super().__init__(parent)
        self._fetch_ids, self._fetch_rows = fetch_ids, fetch_rows
        self._count, self._fetch_ids_async = count, fetch_ids_async
        self.async_threshold = 20000
        self.filter = ClaimFilter()
        self.kinds: dict[str, Kind] = {}
        self.ids: list[int] = []
        self.loading = False
        self._rows: dict[int, ClaimRow] = {}
        self._stale: set[int] | None = set()  # cached rows to drop at the next reload; None: all
        self._generation = 0

    def reload(self, claim_filter: ClaimFilter | None = None, kinds: dict[str, Kind] | None = None,
               changed=None) -> None:
        """Re-runs the id query. ``changed``: the only claims whose rows may be out of date
        (the others keep their fetched rows: refetching a block cost ~8 ms a keypress)."""
        self.filter = claim_filter or self.filter
        self.kinds = kinds if kinds is not None else self.kinds
        self._stale = None if changed is None or self._stale is None else self._stale | set(changed)
        self._generation += 1
        if self._fetch_ids_async and self._count and self._count() > self.async_threshold:
            self.loading = True
            self._fetch_ids_async(self.filter, self._generation, self._apply_ids, self._failed)
        else:
            self._apply_ids(self._generation, self._fetch_ids(self.filter))

    def _apply_ids(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation:
            return  # a newer filter was asked for meanwhile
        self.beginResetModel()
        stale, self._stale = self._stale, set()
        self._rows = {} if stale is None else {i: row for i, row in self._rows.items() if i not in stale}
        self.ids, self.loading = ids, False
        self.endResetModel()
        self.reloaded.emit()

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.loading = False
            self.failed.emit(message)

    def refresh_claims(self, claim_ids) -> None:
        """Re-reads changed claims in place (their row positions stay until the next reload)."""
        for claim_id in claim_ids:
            self._rows.pop(claim_id, None)
            if claim_id in self.ids:
                row = self.ids.index(claim_id)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def row_of(self, claim_id: int) -> int | None:
        try:
            return self.ids.index(claim_id)
        except ValueError:
            return None

    def claim_row(self, row: int) -> ClaimRow | None:
        claim_id = self.ids[row]
        if claim_id not in self._rows:
            block_start = row - row % BLOCK
            wanted = [i for i in self.ids[block_start:block_start + BLOCK] if i not in self._rows]
            self._rows.update(self._fetch_rows(wanted))
        return self._rows.get(claim_id)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return COLUMNS[section][0]
            # the claim's id, as claims --jsonl, review and the history name it (a row number read as one)
            return f"#{self.ids[section]}" if 0 <= section < len(self.ids) else None
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self.ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole):
            return None
        item = self.claim_row(index.row())
        if item is None:  # deleted since the last reload
            return "(deleted)" if role == Qt.ItemDataRole.DisplayRole and index.column() == QUOTE else None
        claim, kind = item.claim, self.kinds.get(item.claim.kind)
        column = COLUMNS[index.column()][1]
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(kind.colour) if column == "kind" and kind else None
        if column == "kind":
            return kind.label if kind else claim.kind
        if column == "value":
            return format_value(claim.fields, kind.fields) if kind else ""
        if column == "quote":
            return " ".join(claim.quote.split()) if role == Qt.ItemDataRole.DisplayRole else claim.quote
        if column == "document":
            return item.document_title
        if column == "date":
            return (item.document_published or "").replace("T", " ")
        return {"status": claim.status, "author": claim.author}[column]

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        self.reload(replace(self.filter, order_by=COLUMNS[column][1],
                            descending=order == Qt.SortOrder.DescendingOrder))


class ClaimsPane(QWidget):
    """The table with its filter bar."""

    claimSelected = Signal(int)
    deleteRequested = Signal(list)

    def __init__(self, model: ClaimsTableModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.current_document_id: int | None = None
        self.kind_filter, self.status_filter, self.subject_filter = QComboBox(), QComboBox(), QComboBox()
        self.kind_filter.setToolTip("Show claims of one kind")
        self.status_filter.setToolTip("Show claims with one status")
        self.subject_filter.setToolTip("Show claims about one subject (Review ▸ Subject and measure)")
        self.subject_filter.addItem("All subjects", None)
        self.set_statuses([])
        self.this_document = QCheckBox("This document")
        self.this_document.setToolTip("Show only the claims of the document in the reader")
        self.text_filter = QLineEdit(placeholderText="Filter quotes and notes", clearButtonEnabled=True)
        for combo in (self.kind_filter, self.status_filter, self.subject_filter):
            # sized to a short entry, not the longest ("⚠ orphaned by a new version", subject names):
            # at 1024 px the three took the whole bar and the text filter shrank to "Fi…"
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        self.text_filter.setMinimumWidth(self.text_filter.fontMetrics().horizontalAdvance("Filter quotes"))
        bar = QHBoxLayout()
        for widget in (self.kind_filter, self.status_filter, self.subject_filter, self.this_document,
                       self.text_filter):
            bar.addWidget(widget)
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        # by pixels: per column, the wide quote jumped in and out of view whole
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # never ResizeToContents on big models
        header.setSectionsMovable(True)
        header.setSortIndicator(3, Qt.SortOrder.AscendingOrder)
        header.sectionResized.connect(self._layout_changed_by_hand)
        header.sectionMoved.connect(self._layout_changed_by_hand)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        reset = QAction("Reset columns", header, toolTip="Default widths and order; the quote takes the spare width")
        reset.triggered.connect(self.reset_columns)
        header.addAction(reset)
        self._fitting = False
        self._quote_fitted: int | None = None  # the quote's width while it follows the table's width
        self.table.viewport().installEventFilter(self)
        self.reset_columns()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.setFocusProxy(self.table)
        self.kind_filter.currentIndexChanged.connect(self.apply_filter)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.subject_filter.currentIndexChanged.connect(self.apply_filter)
        self.this_document.toggled.connect(self.apply_filter)
        self.text_filter.textChanged.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(self._remember_selection)
        self.model.reloaded.connect(self._reselect)
        self._wanted: list[int] = []

    # -- column layout -------------------------------------------------------------
    def default_widths(self) -> list[int]:
        """Each column's default width from the table's font (the quote's is its minimum)."""
        metrics, padding = self.table.fontMetrics(), 2 * self.table.style().pixelMetric(
            QStyle.PixelMetric.PM_HeaderMargin) + 12  # cell margins plus the sort arrow's room
        return [max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title) + 16) + padding
                for title, _, sample in COLUMNS]

    def reset_columns(self) -> None:
        """The default layout: widths from font metrics, status next to kind, and the quote
        following the table's width until a column is resized or moved by hand."""
        header = self.table.horizontalHeader()
        self._fitting = True
        keys = [key for _, key, _ in COLUMNS]
        for visual, key in enumerate(DEFAULT_ORDER):
            header.moveSection(header.visualIndex(keys.index(key)), visual)
        for column, width in enumerate(self.default_widths()):
            header.resizeSection(column, width)
        self._fitting = False
        self._quote_fitted = header.sectionSize(QUOTE)
        self._fit_quote()

    def customised(self) -> bool:
        """Whether the user has changed the column layout (else it is not worth saving)."""
        return self._quote_fitted is None or self.table.horizontalHeader().sectionSize(QUOTE) != self._quote_fitted

    def layout_state(self) -> QByteArray:
        """The header's state to keep in the settings; empty while the layout is the default."""
        return self.table.horizontalHeader().saveState() if self.customised() else QByteArray()

    def restore_layout(self, state: QByteArray) -> None:
        """A saved layout (``layout_state``); an empty or unreadable one keeps the default."""
        if state.isEmpty():
            self.reset_columns()
            return
        header = self.table.horizontalHeader()
        if header.restoreState(state) and header.count() == len(COLUMNS):
            self._quote_fitted = None
        else:
            self.reset_columns()

    def _fit_quote(self) -> None:
        if self.customised():
            self._quote_fitted = None  # set by hand, or a saved layout restored: keep it
            return
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(len(COLUMNS)) if c != QUOTE and not header.isSectionHidden(c))
        width = max(self.default_widths()[QUOTE], self.table.viewport().width() - others)
        self._fitting = True
        header.resizeSection(QUOTE, width)
        self._fitting = False
        self._quote_fitted = width

    def _layout_changed_by_hand(self, *_args) -> None:
        """A column resized or moved (not by ``_fit_quote``): the quote stops following the width."""
        if not self._fitting:
            self._quote_fitted = None

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize and self._quote_fitted is not None:
            self._fit_quote()
        return super().eventFilter(watched, event)

    def _remember_selection(self, *_args) -> None:
        self._wanted = self.selected_ids()

    def set_kinds(self, kinds: dict[str, Kind]) -> None:
        current = self.kind_filter.currentData()
        self.kind_filter.blockSignals(True)
        self.kind_filter.clear()
        self.kind_filter.addItem("All kinds", None)
        for kind in kinds.values():
            self.kind_filter.addItem(kind.label, kind.name)
        self.kind_filter.setCurrentIndex(max(0, self.kind_filter.findData(current)))
        self.kind_filter.blockSignals(False)
        self.model.kinds = kinds

    def set_statuses(self, statuses: list[str]) -> None:
        """The project's review vocabulary, then the states every project has; the chosen
        entry stays chosen while it exists (else: all statuses, and the table reloads)."""
        current = self.status_filter.currentData()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem("All statuses", None)
        for status in statuses:
            self.status_filter.addItem(status, status)
        # claims a new version of their document could not place, and those whose text changed
        self.status_filter.addItem("⚠ orphaned by a new version", ("anchor", "orphaned"))
        self.status_filter.addItem("⚠ changed by a new version", ("anchor", "changed"))
        self.status_filter.addItem("⚠ with conflicts", ("relation", "conflicts"))
        self.status_filter.addItem("with corroborations", ("relation", "corroborates"))
        index = self.status_filter.findData(current)
        self.status_filter.setCurrentIndex(max(0, index))
        self.status_filter.blockSignals(False)
        if current is not None and index < 0:
            self.apply_filter()

    def set_subjects(self, summaries) -> None:
        """The project's subjects (ops.subjects.list_subjects); the chosen one stays chosen while
        it exists (else: all subjects, and the table reloads)."""
        current = self.subject_filter.currentData()
        self.subject_filter.blockSignals(True)
        self.subject_filter.clear()
        self.subject_filter.addItem("All subjects", None)
        for summary in sorted(summaries, key=lambda s: s.subject.name.casefold()):
            self.subject_filter.addItem(f"{summary.subject.name} ({summary.claim_count})", summary.subject.id)
        index = self.subject_filter.findData(current)
        self.subject_filter.setCurrentIndex(max(0, index))
        self.subject_filter.blockSignals(False)
        if current is not None and index < 0:
            self.apply_filter()

    def set_document(self, document_id: int | None) -> None:
        self.current_document_id = document_id
        if self.this_document.isChecked():
            self.apply_filter()

    def apply_filter(self, *_args, changed=None) -> None:
        """Reloads with the filter widgets' values; ``changed`` as in ClaimsTableModel.reload."""
        chosen = self.status_filter.currentData()
        special: dict[str, str] = dict([chosen]) if isinstance(chosen, tuple) else {}  # ("anchor", "orphaned")
        self.model.reload(replace(self.model.filter, kind=self.kind_filter.currentData(),
                                  status=None if special else chosen, anchor_state=special.get("anchor"),
                                  relation=special.get("relation"), subject_id=self.subject_filter.currentData(),
                                  document_id=self.current_document_id if self.this_document.isChecked() else None,
                                  text=self.text_filter.text()), changed=changed)

    def _reselect(self) -> None:
        self.select_claims(self._wanted, emit=False)

    def selected_ids(self) -> list[int]:
        return [self.model.ids[index.row()] for index in self.table.selectionModel().selectedRows()]

    def select_claims(self, claim_ids: list[int], emit: bool = True) -> None:
        self._wanted = list(claim_ids)  # kept across reloads
        selection = self.table.selectionModel()
        selection.blockSignals(not emit)
        selection.clearSelection()
        first = True
        for claim_id in claim_ids:
            row = self.model.row_of(claim_id)
            if row is None:
                continue
            flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
            if first:
                selection.setCurrentIndex(self.model.index(row, 0), flags)
                self.table.scrollTo(self.model.index(row, 0))
                first = False
            else:
                selection.select(self.model.index(row, 0), flags)
        selection.blockSignals(False)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.currentIndex().isValid():
            self.claimSelected.emit(self.model.ids[self.table.currentIndex().row()])
        else:
            super().keyPressEvent(event)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.claimSelected.emit(self.model.ids[current.row()])
