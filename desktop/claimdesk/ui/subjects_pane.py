"""The Subjects tab: subjects with their measures and aliases (claim counts, open
conflicts), and for the chosen measure a timeline and a list of its figures. Choosing a
figure opens its claim in the window.

The pane reads through a *source* (``ProjectSubjects`` over the ops layer, or a fake in
tests); changes (merge, split, rename, assign) are made by ``ui.subjects.Subjects``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QMenu, QSplitter, QTableView, QTreeView,
                               QVBoxLayout, QWidget)

from claimdesk.ui.timeline import Figure, Link, Timeline, figures_of

SUBJECT, MEASURE, ALIAS = "subject", "measure", "alias"
NODE_ROLE = Qt.ItemDataRole.UserRole  # (SUBJECT, subject id) | (MEASURE, measure id) | (ALIAS, (subject id, alias))
CLAIM_ROLE = Qt.ItemDataRole.UserRole


@dataclass
class _Node:
    kind: str
    key: object
    cells: tuple[str, ...]
    parent: "_Node | None" = None
    children: list["_Node"] = field(default_factory=list)  # none under a measure or an alias
    row: int = 0
    tip: str = ""


class SubjectsModel(QAbstractItemModel):
    """Subject rows; under each, its measures then the other names it is written as."""

    HEADERS = ("Subject / measure", "Figures", "⚠")
    HEADER_TIPS = ("Subjects, their measures and the other names they are written as",
                   "Claims linked to it", "Open conflicts: proposed or confirmed, not dismissed")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.roots: list[_Node] = []

    def set_subjects(self, summaries) -> None:
        self.beginResetModel()
        self.roots = []
        for row, summary in enumerate(summaries):
            subject = summary.subject
            conflicts = sum(m.open_conflicts for m in summary.measures)
            node = _Node(SUBJECT, subject.id, (subject.name, str(summary.claim_count), _count(conflicts)),
                         row=row, tip=f"{subject.name} ({subject.category})"
                         + (f"; also written: {', '.join(subject.aliases)}" if subject.aliases else ""))
            for measure_summary in summary.measures:
                measure = measure_summary.measure
                unit = measure.unit_class + (f" ({measure.unit})" if measure.unit else "")
                node.children.append(_Node(MEASURE, measure.id, (measure.name, str(measure_summary.claim_count),
                                                                 _count(measure_summary.open_conflicts)),
                                           parent=node, row=len(node.children), tip=f"{measure.name}: {unit}"))
            for alias in subject.aliases:
                node.children.append(_Node(ALIAS, (subject.id, alias), (f"also written: {alias}", "", ""),
                                           parent=node, row=len(node.children),
                                           tip="Split it off into a subject of its own with Ctrl+Shift+K"))
            self.roots.append(node)
        self.endResetModel()

    def node(self, index: QModelIndex) -> _Node | None:
        return index.internalPointer() if index.isValid() else None

    def index_of(self, kind: str, key) -> QModelIndex:
        for root in self.roots:
            if root.kind == kind and root.key == key:
                return self.createIndex(root.row, 0, root)
            for child in root.children:
                if child.kind == kind and child.key == key:
                    return self.createIndex(child.row, 0, child)
        return QModelIndex()

    def index(self, row, column, parent=QModelIndex()):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        siblings = self.roots if not parent.isValid() else parent.internalPointer().children
        return self.createIndex(row, column, siblings[row])

    def parent(self, index=QModelIndex()):
        node = self.node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent=QModelIndex()):
        if parent.isValid() and parent.column() != 0:
            return 0
        node = self.node(parent)
        return len(self.roots) if node is None else len(node.children)

    def columnCount(self, parent=QModelIndex()):
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        node = self.node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return node.cells[index.column()]
        if role == NODE_ROLE:
            return node.kind, node.key
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tip or None
        if role == Qt.ItemDataRole.FontRole and index.column() == 0 and node.kind != MEASURE:
            font = QFont()
            font.setBold(node.kind == SUBJECT)
            font.setItalic(node.kind == ALIAS)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _count(number: int) -> str:
    return f"⚠ {number}" if number else ""


class FiguresModel(QAbstractTableModel):
    """The timeline's figures as rows, in time order, with their relations."""

    HEADERS = ("When", "Kind", "Value", "Source", "Status", "Relations")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.figures: list[Figure] = []
        self.links: list[Link] = []

    def set_figures(self, figures: list[Figure], links: list[Link]) -> None:
        self.beginResetModel()
        self.figures, self.links = list(figures), list(links)
        self.endResetModel()

    def row_of(self, claim_id: int) -> int | None:
        return next((row for row, figure in enumerate(self.figures) if figure.claim_id == claim_id), None)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.figures)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def relations_text(self, claim_id: int) -> str:
        parts = []
        for link in self.links:
            if claim_id in (link.first, link.second) and link.state != "dismissed":
                mark = "⚠ " if link.kind in ("conflicts", "revised") else ""
                parts.append(f"{mark}{link.kind} #{link.second if link.first == claim_id else link.first}")
        return "; ".join(sorted(parts, key=lambda part: not part.startswith("⚠")))  # conflicts first

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        figure = self.figures[index.row()]
        if role == CLAIM_ROLE:
            return figure.claim_id
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 5:
                return "\n".join(f"{link.kind} #{link.second if link.first == figure.claim_id else link.first}: "
                                 f"{link.reason}" for link in self.links
                                 if figure.claim_id in (link.first, link.second)) or None
            return figure.quote or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        when = {"as_of": "as of", "deadline": "by", "period": "for", "published": "released"}.get(
            figure.period_source, "")
        return (f"{when} {figure.period_text}".strip(), figure.kind_label or figure.kind, figure.value_text or "–",
                figure.source, figure.status, self.relations_text(figure.claim_id))[index.column()]


class ProjectSubjects:
    """The ops the pane reads, bound to the window's open project."""

    def __init__(self, project_of, kinds_of):
        self.project_of, self.kinds_of = project_of, kinds_of

    def list_subjects(self):
        from claimdesk.ops import subjects as subject_ops

        project = self.project_of()
        return subject_ops.list_subjects(project) if project is not None else []

    def timeline(self, measure_id: int) -> tuple[list[Figure], list[Link]]:
        from claimdesk.ops import documents as document_ops
        from claimdesk.ops import relations as relation_ops
        from claimdesk.ops import subjects as subject_ops

        project = self.project_of()
        claims = subject_ops.claims_of_measure(project, measure_id)
        documents = {}
        for document_id in {claim.document_id for claim in claims}:
            document = document_ops.get_document(project, document_id)
            if document is not None:
                published = document.published.value if document.published else None
                documents[document_id] = (document.title or document.file_name, published)
        links = {}
        for claim in claims:
            for relation in relation_ops.relations_of(project, claim.id):
                links[relation["id"]] = Link(relation["first"], relation["second"], relation["kind"],
                                             relation.get("reason") or "", relation.get("state") or "proposed")
        return figures_of(claims, documents, self.kinds_of()), list(links.values())


class SubjectsPane(QWidget):
    claimActivated = Signal(int)

    def __init__(self, source, parent=None):
        super().__init__(parent)
        self.source = source
        self.measure_id: int | None = None
        self.subjects = []
        self.model = SubjectsModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        for column in (1, 2):  # a few hundred rows at most: sizing to contents is cheap here
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel(wordWrap=True)
        self.summary.setToolTip("Ctrl+Shift+M: what the selected claim is about. In this list: F2 renames, "
                                "Ctrl+Shift+J merges the selected into the first, Ctrl+Shift+K splits a name off "
                                "(also in the context menu)")
        self.timeline = Timeline()
        self.figures = FiguresModel(self)
        self.figure_table = QTableView()
        self.figure_table.setModel(self.figures)
        self.figure_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.figure_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.figure_table.setTabKeyNavigation(False)
        self.figure_table.verticalHeader().hide()
        self.figure_table.setWordWrap(False)
        self.figure_table.verticalHeader().setDefaultSectionSize(self.figure_table.fontMetrics().height() + 6)
        self.figure_table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((140, 70, 120, 200, 80)):
            self.figure_table.horizontalHeader().resizeSection(column, width)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree)
        left_layout.addWidget(self.summary)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.timeline)
        right.addWidget(self.figure_table)
        right.setSizes([260, 140])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([360, 840])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.setFocusProxy(self.tree)
        self.setTabOrder(self.tree, self.timeline)
        self.setTabOrder(self.timeline, self.figure_table)
        self.context_actions: list = []
        self.tree.selectionModel().currentChanged.connect(self._node_changed)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.timeline.figureActivated.connect(self._figure_chosen)
        self.timeline.currentChanged.connect(self._select_row)
        self.figure_table.selectionModel().currentRowChanged.connect(self._row_changed)

    # -- data ------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-reads the subjects, keeping the chosen row and measure where they still exist."""
        current = self.tree.currentIndex().data(NODE_ROLE)
        self.subjects = self.source.list_subjects()
        self.model.set_subjects(self.subjects)
        linked = sum(s.claim_count for s in self.subjects)
        self.summary.setText(f"{len(self.subjects)} subject(s) · {linked} linked figure(s)")
        index = self.model.index_of(*current) if current else QModelIndex()
        if index.isValid():
            self.tree.setCurrentIndex(index)
        measure_ids = {m.measure.id for s in self.subjects for m in s.measures}
        if self.measure_id in measure_ids:
            self.show_measure(self.measure_id)
        else:
            self.show_measure(None)

    def mark_stale(self) -> None:
        """Something the pane shows may have changed: re-read now if on show (a hidden tab
        re-reads when it is shown)."""
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()  # relations or proposals may have changed while the tab was hidden

    def show_measure(self, measure_id: int | None) -> None:
        self.measure_id = measure_id
        if measure_id is None:
            figures, links, title = [], [], ""
        else:
            figures, links = self.source.timeline(measure_id)
            title = self._measure_title(measure_id)
        self.timeline.set_figures(figures, links, title)
        self.figures.set_figures(figures, self.timeline.links)
        if self.timeline.current is not None:  # the chosen figure stays chosen across a re-read
            self._select_row(self.timeline.current)

    def _measure_title(self, measure_id: int) -> str:
        for summary in self.subjects:
            for measure in summary.measures:
                if measure.measure.id == measure_id:
                    unit = measure.measure.unit or measure.measure.unit_class
                    return f"{summary.subject.name} › {measure.measure.name} ({unit})"
        return ""

    def select_measure(self, measure_id: int) -> bool:
        index = self.model.index_of(MEASURE, measure_id)
        if not index.isValid():
            return False
        self.tree.expand(index.parent())
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def selected_nodes(self) -> list[tuple[str, object]]:
        rows = self.tree.selectionModel().selectedRows()
        if not rows and self.tree.currentIndex().isValid():
            rows = [self.tree.currentIndex().siblingAtColumn(0)]
        return [index.data(NODE_ROLE) for index in sorted(rows, key=lambda i: (i.parent().row(), i.row()))]

    # -- interaction -----------------------------------------------------------
    def _node_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = current.data(NODE_ROLE)
        if node and node[0] == MEASURE and node[1] != self.measure_id:
            self.show_measure(node[1])

    def _figure_chosen(self, claim_id: int) -> None:
        self._select_row(claim_id)
        self.claimActivated.emit(claim_id)

    def _select_row(self, claim_id: int) -> None:
        row = self.figures.row_of(claim_id)
        if row is not None and self.figure_table.currentIndex().row() != row:
            self.figure_table.selectionModel().blockSignals(True)
            self.figure_table.selectRow(row)
            self.figure_table.selectionModel().blockSignals(False)
            self.figure_table.scrollTo(self.figures.index(row, 0))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            claim_id = current.data(CLAIM_ROLE)
            self.timeline.set_current(claim_id)
            self.claimActivated.emit(claim_id)

    def _context_menu(self, position) -> None:
        menu = QMenu(self)
        for action in self.context_actions:
            menu.addAction(action)
        menu.popup(self.tree.viewport().mapToGlobal(position))
        self.context_menu = menu  # kept for tests and until it closes
