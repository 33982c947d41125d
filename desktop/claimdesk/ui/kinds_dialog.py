"""Edit ▸ Claim kinds: add kinds, rename and recolour them, set their keys, add fields."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit,
                               QListWidget, QPushButton, QVBoxLayout, QWidget)

from claimdesk.core.kinds import FIELD_TYPES, FieldDef, Kind, KindError
from claimdesk.ops.projects import ProjectError
from claimdesk.ui.dialogs import Dialogs
from claimdesk.ui.highlight import readable_text
from claimdesk.ui.notices import error_label

NEW_KIND_COLOUR = "#6d4c41"


class KindOps(Protocol):
    """The kinds ops on the open project (each returns the kind as stored)."""

    def list_kinds(self) -> list[Kind]: ...

    def add_kind(self, label: str, colour: str, shortcut: str | None, fields: tuple[FieldDef, ...] = ()) -> Kind: ...

    def update_kind(self, kind: Kind) -> Kind: ...


def _blank_kind() -> Kind:
    """What New kind starts from."""
    return Kind("", "", NEW_KIND_COLOUR, None, (FieldDef("value", "decimal"), FieldDef("unit", "text")))


class KindsDialog(QDialog):
    kindsChanged = Signal()

    def __init__(self, kind_ops: KindOps, dialogs: Dialogs, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Claim kinds")
        self.resize(760, 460)
        self.ops, self.dialogs = kind_ops, dialogs
        self.kinds: list[Kind] = []
        self.draft = _blank_kind()  # the kind being edited: a new one until the list has one to show
        self.kind_list = QListWidget()
        self.label = QLineEdit()
        self.colour = QPushButton()
        self.shortcut = QLineEdit(maxLength=1, placeholderText="none")
        self.fields = QListWidget()
        self.field_name = QLineEdit(placeholderText="field name, e.g. supplier")
        self.field_type = QComboBox()
        self.field_type.addItems(list(FIELD_TYPES))
        self.field_choices = QLineEdit(placeholderText="choices, comma separated (choice fields)")
        add_field = QPushButton("Add field")
        remove_field = QPushButton("Remove field")
        self.problem = error_label()
        new_kind = QPushButton("New kind")
        save = QPushButton("Save kind")
        save.setDefault(True)
        form = QFormLayout()
        form.addRow("Name", self.label)
        form.addRow("Colour", self.colour)
        form.addRow("Key", self.shortcut)
        form.addRow("Fields", self.fields)
        field_row = QHBoxLayout()
        for widget in (self.field_name, self.field_type, self.field_choices, add_field, remove_field):
            field_row.addWidget(widget)
        form.addRow("", field_row)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addWidget(new_kind)
        buttons.addStretch(1)
        buttons.addWidget(save)
        right.addLayout(buttons)
        body = QHBoxLayout()
        body.addWidget(self.kind_list, 1)
        body.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(close)
        self.kind_list.currentRowChanged.connect(self._show_kind)
        self.colour.clicked.connect(self._pick_colour)
        add_field.clicked.connect(self.add_field)
        remove_field.clicked.connect(self._remove_field)
        new_kind.clicked.connect(self.new_kind)
        save.clicked.connect(self.save)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        self.kinds = self.ops.list_kinds()
        self.kind_list.blockSignals(True)
        self.kind_list.clear()
        for kind in self.kinds:
            self.kind_list.addItem(f"{kind.label}  [{kind.shortcut or '–'}]")
        self.kind_list.blockSignals(False)
        names = [k.name for k in self.kinds]
        self.kind_list.setCurrentRow(names.index(select) if select in names else 0)
        self._show_kind(self.kind_list.currentRow())

    def _show_kind(self, row: int) -> None:
        if not 0 <= row < len(self.kinds):
            return
        self._load(self.kinds[row])

    def _load(self, kind: Kind) -> None:
        self.draft = kind
        self.label.setText(kind.label)
        self.shortcut.setText(kind.shortcut or "")
        self._show_colour(kind.colour)
        self._show_fields()
        self.problem.clear()

    def _show_colour(self, colour: str) -> None:
        self.draft = replace(self.draft, colour=colour)
        self.colour.setText(colour)
        # the label sits on the kind's colour itself, which the user picks: its text must read there
        text = readable_text(QColor(colour), self.palette())
        self.colour.setStyleSheet(f"background: {colour}; color: {text.name()};")

    def _show_fields(self) -> None:
        self.fields.clear()
        for definition in self.draft.fields:
            choices = f": {', '.join(definition.choices)}" if definition.choices else ""
            self.fields.addItem(f"{definition.name} ({definition.type}{choices})")

    def _pick_colour(self) -> None:
        colour = self.dialogs.colour(self.draft.colour)
        if colour:
            self._show_colour(colour)

    def add_field(self) -> None:
        choices = tuple(c.strip() for c in self.field_choices.text().split(",") if c.strip())
        definition = FieldDef(self.field_name.text().strip(), self.field_type.currentText(), choices)
        self.draft = replace(self.draft, fields=self.draft.fields + (definition,))
        self._show_fields()
        self.field_name.clear()
        self.field_choices.clear()

    def _remove_field(self) -> None:
        row = self.fields.currentRow()
        if row >= 0:
            self.draft = replace(self.draft, fields=self.draft.fields[:row] + self.draft.fields[row + 1:])
            self._show_fields()

    def new_kind(self) -> None:
        self.kind_list.clearSelection()
        self._load(_blank_kind())
        self.label.setFocus()

    def save(self) -> bool:
        kind = replace(self.draft, label=self.label.text(), shortcut=self.shortcut.text().strip() or None)
        try:
            if kind.name:
                saved = self.ops.update_kind(kind)
            else:
                saved = self.ops.add_kind(kind.label, kind.colour, kind.shortcut, kind.fields)
        except (KindError, ProjectError) as exc:  # ProjectError: busy, read-only or full disk
            self.problem.setText(str(exc))
            return False
        self.reload(select=saved.name)
        self.kindsChanged.emit()
        return True
