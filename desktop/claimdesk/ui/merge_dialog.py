"""File ▸ Merge another analyst's project…: merge another analyst's project into the open
one, then resolve the disagreements from the keyboard.

The dialog shows the preview (new / same / disagreeing claims, and how many claims both
hold get a value only the other file had) for the chosen file and overlap threshold;
Merge runs it (``ops.project_merge``: backup beside the project, one transaction) and
says where the backup is. Then the open disagreements are listed (a span at its
positions in the original's text, as ``claims --jsonl`` gives them): ↑/↓ move, 1 keeps
this project's value, 2 takes the other analyst's, Enter keeps both as they are; Ctrl+Z
undoes the last resolution made here. ``changed`` tells the window to reload what it
shows. The window opens it with ``open_merge_dialog(parent, project, dialogs,
on_changed)``; the file picker and messages go through ``ui/dialogs.py``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QHeaderView,
                               QLabel, QPushButton, QTableView, QVBoxLayout)

from claimdesk.core.claims import ClaimError
from claimdesk.core.project_merge import CLAIM, DEFAULT_THRESHOLD, MergeError, ResolveDisagreement
from claimdesk.ops import merge_disagreements
from claimdesk.ops.merge_disagreements import DisagreementView, what_differs
from claimdesk.ops.project_merge import MergeSource, merge, open_source, preview
from claimdesk.ops.projects import ProjectError

KEEP, OTHER, BOTH = "kept", "other", "both"
TITLE = "Merge another analyst's project"  # as the File menu names it


class DisagreementsModel(QAbstractTableModel):
    """The open disagreements of a project: claim, what differs, both values with their authors."""

    HEADERS = ("Claim", "What", "This project", "Other analyst", "From")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[DisagreementView] = []

    def reload(self, items: list[DisagreementView]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            claim = (f"#{item.claim_id} “{item.quote}” ({item.document_title})" if item.available
                     else f"#{item.claim_id} {item.document_title}")
            return (claim,
                    what_differs(item.attribute).rstrip(":"),
                    f"{item.kept_text} — {item.kept_author}",
                    f"{item.other_text} — {item.other_author}",
                    item.source)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if not item.available:
                return "cannot be resolved: the claim and its history are no longer in this project"
            if item.live_again:
                return (f"restored since the merge · 1: refused, there is no deletion to keep · 2: take "
                        f"{item.other_author}'s values · Enter: keep both as they are")
            if item.attribute == CLAIM:
                return (f"1: keep it as this project has it · 2: take {item.other_author}'s choice "
                        "(restores or deletes the claim here) · Enter: refused, it cannot be both deleted and kept")
            return f"1: keep {item.kept_author}'s value · 2: take {item.other_author}'s · Enter: keep both"
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


class MergeDialog(QDialog):
    # the project changed: None after a merge (reload it all), a resolution's Changes otherwise
    changed = Signal(object)

    def __init__(self, project, dialogs, source_path: str | Path | None = None, parent=None,
                 actor: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.resize(980, 520)
        self.project, self.dialogs = project, dialogs
        self.actor = actor  # the window's reviewer name (None: $CLAIMDESK_USER, else "unnamed analyst")
        self.source: MergeSource | None = None
        self.undo_stack: list = []
        self.file_label = QLabel("(no file chosen)")
        self.threshold = QDoubleSpinBox(minimum=0.05, maximum=1.0, singleStep=0.05, value=DEFAULT_THRESHOLD,
                                        decimals=2)
        self.threshold.setToolTip("How much two claims' spans must overlap (over their union) to be one claim")
        self.preview_label = QLabel(wordWrap=True)
        self.result_label = QLabel(wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.merge_button = QPushButton("Merge")
        self.merge_button.setEnabled(False)
        self.model = DisagreementsModel(self)
        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.installEventFilter(self)
        self.hint = QLabel("↑/↓ choose · 1 keep this project's value · 2 take the other analyst's · "
                           "Enter keep both · Ctrl+Z undo")
        form = QFormLayout()
        form.addRow("Merge from", self.file_label)
        form.addRow("Same claim when spans overlap at least", self.threshold)
        form.addRow("Preview", self.preview_label)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.merge_button)
        layout.addWidget(self.result_label)
        layout.addWidget(QLabel("Disagreements to resolve"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(close)
        self.merge_button.clicked.connect(self.run_merge)
        self.threshold.valueChanged.connect(self.refresh_preview)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_last)
        if source_path is not None:
            self.choose_source(source_path)
        self.reload_disagreements()

    # merging

    def choose_source(self, path: str | Path) -> bool:
        self._close_source()
        try:
            self.source = open_source(path, self.project)
        except MergeError as exc:
            self.dialogs.error(TITLE, str(exc))
            return False
        self.file_label.setText(str(self.source.path))
        self.refresh_preview()
        return True

    def refresh_preview(self) -> None:
        if self.source is None:
            return
        try:
            counts = preview(self.project, self.source, self.threshold.value()).counts
        except (MergeError, ProjectError) as exc:
            self.preview_label.setText(str(exc))
            self.merge_button.setEnabled(False)
            return
        self.preview_label.setText(counts.line())
        self.merge_button.setEnabled(not self.project.read_only)

    def run_merge(self) -> None:
        if self.source is None:
            return
        try:
            result = merge(self.project, self.source, self.threshold.value(), actor=self.actor)
        except (MergeError, ProjectError, ClaimError) as exc:
            self.dialogs.error(TITLE, str(exc))
            return
        self.result_label.setText(result.message(self.project.path, self.source.path))
        self.merge_button.setEnabled(False)
        if result.changed:
            self.changed.emit(None)
        self.reload_disagreements()
        self.table.setFocus()

    # resolving

    def reload_disagreements(self, row: int = 0) -> None:
        self.model.reload(merge_disagreements.disagreements(self.project))
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))

    def current_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def resolve(self, choice: str) -> bool:
        row = self.current_row()
        if row is None:
            return False
        item = self.model.items[row]
        try:
            inverse = merge_disagreements.apply_command(self.project, ResolveDisagreement(item.id, choice),
                                                        actor=self.actor)
        except (ClaimError, ProjectError) as exc:
            self.dialogs.error("Resolve disagreement", str(exc))
            return False
        self.undo_stack.append(inverse)
        self.changed.emit(merge_disagreements.command_changes(self.project, inverse))
        self.reload_disagreements(row)
        return True

    def undo_last(self) -> None:
        if not self.undo_stack:
            return
        try:
            undone = self.undo_stack.pop()
            merge_disagreements.apply_command(self.project, undone, actor=self.actor)
        except (ClaimError, ProjectError) as exc:
            self.dialogs.error("Undo", str(exc))
            return
        self.changed.emit(merge_disagreements.command_changes(self.project, undone))
        self.reload_disagreements(self.current_row() or 0)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table and event.type() == event.Type.KeyPress:
            if event.matches(QKeySequence.StandardKey.Undo):
                self.undo_last()
                return True
            choice = {Qt.Key.Key_1: KEEP, Qt.Key.Key_2: OTHER, Qt.Key.Key_Return: BOTH,
                      Qt.Key.Key_Enter: BOTH}.get(event.key())
            if choice is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.resolve(choice)
                return True
        return super().eventFilter(watched, event)

    def _close_source(self) -> None:
        if self.source is not None:
            self.source.close()
            self.source = None

    def done(self, result: int) -> None:
        self._close_source()
        super().done(result)


def open_merge_dialog(parent, project, dialogs, on_changed=None, actor: str | None = None) -> MergeDialog | None:
    """File ▸ Merge another analyst's project…: asks for the other analyst's project (cancelled: the dialog
    still opens when disagreements from an earlier merge are open, to resolve them).
    ``on_changed(changes)`` is called after the merge (None: reload everything) and after each
    resolution or undo (what it changed)."""
    path = dialogs.open_project_path()
    if not path and not merge_disagreements.disagreements(project):
        return None
    dialog = MergeDialog(project, dialogs, source_path=path or None, parent=parent, actor=actor)
    if path and dialog.source is None:  # refused; the message was shown
        dialog.deleteLater()
        return None
    if on_changed is not None:
        dialog.changed.connect(on_changed)
    dialog.show()
    return dialog
