"""The main window. For now a library list and a text view; the workbench comes next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QSplitter, QTreeWidget, QTreeWidgetItem

from claimdesk.ops import documents as document_ops
from claimdesk.store.project import Project


class MainWindow(QMainWindow):
    def __init__(self, project: Project):
        super().__init__()
        self.project = project
        self.setWindowTitle(f"{project.path.stem} — Claimdesk")
        self.resize(1100, 700)
        self.library = QTreeWidget()
        self.library.setHeaderLabels(["Title", "Published"])
        self.library.setColumnWidth(0, 280)
        self.reader = QPlainTextEdit(readOnly=True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.library)
        splitter.addWidget(self.reader)
        splitter.setSizes([420, 680])
        self.setCentralWidget(splitter)
        self.library.currentItemChanged.connect(self._show_current)
        self._fill_library()

    def _fill_library(self) -> None:
        items: dict[int, QTreeWidgetItem] = {}
        for document in document_ops.list_documents(self.project):
            parent = items.get(document.parent_id)
            item = QTreeWidgetItem([document.title or document.file_name,
                                    document.published.display() if document.published else ""])
            item.setData(0, Qt.ItemDataRole.UserRole, document.id)
            if parent is not None:
                parent.addChild(item)
            else:
                self.library.addTopLevelItem(item)
            items[document.id] = item
        self.library.expandAll()
        self.library.resizeColumnToContents(1)  # a short list; large models get fixed widths
        if self.library.topLevelItemCount():
            self.library.setCurrentItem(self.library.topLevelItem(0))

    def _show_current(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            self.reader.clear()
            return
        document_id = item.data(0, Qt.ItemDataRole.UserRole)
        self.reader.setPlainText(document_ops.document_text(self.project, document_id))
