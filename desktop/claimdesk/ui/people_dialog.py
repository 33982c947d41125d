"""Review ▸ Officials registry: people with their aliases, positions (with dates) and
mentions; confirm a proposed link, split a claim off to its own person, merge two."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from claimdesk.ops.projects import ProjectError

PERSON, MENTION = 1, 2


class PeopleDialog(QDialog):
    def __init__(self, people_ops, project_of, on_open_claim, parent=None):
        """people_ops: the ops.people module; project_of(): the open project; on_open_claim(id)."""
        super().__init__(parent)
        self.setWindowTitle("Officials registry")
        self.resize(760, 520)
        self.ops, self.project_of, self.on_open_claim = people_ops, project_of, on_open_claim
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Person / mention", "Position", "Date", "Link"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setColumnWidth(0, 300)
        self.tree.setColumnWidth(1, 260)
        self.status = QLabel()
        confirm, split, merge = QPushButton("&Confirm link"), QPushButton("&Split off"), QPushButton("&Merge people")
        self.change_buttons = (confirm, split, merge)
        buttons = QHBoxLayout()
        for button in (confirm, split, merge):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(close)
        confirm.clicked.connect(self.confirm_selected)
        split.clicked.connect(self.split_selected)
        merge.clicked.connect(self.merge_selected)
        self.tree.itemActivated.connect(self._activated)

    def refresh(self) -> None:
        project = self.project_of()
        writable = not project.read_only
        for button in self.change_buttons:
            button.setEnabled(writable)
        problem = self._run(self.ops.sync, project) if writable else "the project is open read-only"
        self.people = self.ops.list_people(project)
        self.tree.clear()
        proposed = 0
        for person in self.people:
            item = QTreeWidgetItem([person.name, "; ".join(p for p, _ in person.positions), "",
                                    f"{len(person.mentions)} mention(s)"])
            item.setData(0, Qt.ItemDataRole.UserRole, (PERSON, person.id))
            if person.aliases:
                QTreeWidgetItem(item, ["also written: " + ", ".join(person.aliases)])
            for mention in person.mentions:
                child = QTreeWidgetItem(item, [mention.document_title, mention.position, mention.as_of, mention.state])
                child.setData(0, Qt.ItemDataRole.UserRole, (MENTION, mention.claim_id))
                proposed += mention.state == "proposed"
            self.tree.addTopLevelItem(item)
        self.tree.expandAll()
        summary = f"{len(self.people)} people, {proposed} proposed link(s) to confirm or split"
        self.status.setText(summary + (f" — not updated: {problem}" if problem else ""))

    def _run(self, change, *args) -> str | None:
        """Applies one change; a busy, read-only or full project is said in the dialog
        (it stays until the next change) instead of escaping from the button's slot."""
        try:
            change(*args)
        except ProjectError as exc:
            return str(exc)
        return None

    def _apply_each(self, change, items) -> None:
        problem = next((p for p in (self._run(change, self.project_of(), *item) for item in items) if p), None)
        self.refresh()
        if problem:
            self.status.setText(f"Nothing more was changed: {problem}")

    def _selected(self, kind: int) -> list[int]:
        values = [item.data(0, Qt.ItemDataRole.UserRole) for item in self.tree.selectedItems()]
        return [value[1] for value in values if value and value[0] == kind]

    def confirm_selected(self) -> None:
        self._apply_each(self.ops.confirm, [(claim_id,) for claim_id in self._selected(MENTION)])

    def split_selected(self) -> None:
        self._apply_each(self.ops.split, [(claim_id,) for claim_id in self._selected(MENTION)])

    def merge_selected(self) -> None:
        people = self._selected(PERSON)
        if len(people) < 2:
            self.status.setText("Select two or more people (Ctrl+click) to merge them into the first")
            return
        self._apply_each(self.ops.merge, [(people[0], other) for other in people[1:]])

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        value = item.data(0, Qt.ItemDataRole.UserRole)
        if value and value[0] == MENTION:
            self.on_open_claim(value[1])
