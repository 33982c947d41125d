"""The keyboard way to say what a claim is about: a subject and a measure, each typed
with completion over the project's names (a subject's aliases complete to it), or new.

The dialog only collects the choice (``choice()``); ``ui.subjects`` applies it as one
undoable LinkClaimMeasure on the window's stack.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (QComboBox, QCompleter, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout)

from claimdesk.core.subjects_model import UNIT_CLASSES


@dataclass(frozen=True)
class LinkChoice:
    """What the analyst chose: names (existing or new) and, for a new measure, its unit class;
    ``unlink``: the claim is about nothing the project tracks."""

    subject: str = ""
    measure: str = ""
    unit_class: str = "count"
    subject_id: int | None = None
    measure_id: int | None = None
    unlink: bool = False


class SubjectDialog(QDialog):
    def __init__(self, summaries, claim_text: str, current: tuple[str, str, str] | None = None,
                 proposed: tuple[str, str] | None = None, parent=None):
        """summaries: ops.subjects.list_subjects(); current: the claim's (subject, measure, unit
        class) if linked; proposed: a (measure name, unit class) guess for a new measure."""
        super().__init__(parent)
        self.setWindowTitle("Subject and measure")
        self.summaries = summaries
        self.unlinked = False
        self._names: dict[str, object] = {}  # folded name or alias -> SubjectSummary
        for summary in summaries:
            for name in (summary.subject.name, *summary.subject.aliases):
                self._names.setdefault(name.casefold(), summary)
        self.subject = QLineEdit(placeholderText="Programme, project, place… (type to complete, or a new name)")
        self.measure = QLineEdit(placeholderText="What is counted or paid: budget, schools to build, share %…")
        self.unit_class = QComboBox()
        self.unit_class.addItems(list(UNIT_CLASSES))
        self.hint = QLabel(wordWrap=True)
        self.hint.setStyleSheet("color: palette(mid);")
        subjects = sorted({s.subject.name for s in summaries} | {a for s in summaries for a in s.subject.aliases},
                          key=str.casefold)
        self.subject.setCompleter(self._completer(subjects))
        self.measure_names = QStringListModel(self)
        self.measure.setCompleter(self._completer(self.measure_names))
        form = QFormLayout()
        form.addRow("&Subject", self.subject)
        form.addRow("&Measure", self.measure)
        form.addRow("&Unit class", self.unit_class)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.remove_button = QPushButton("&Remove link")
        self.remove_button.setToolTip("The claim is about nothing tracked here; proposals leave it alone")
        self.remove_button.setEnabled(current is not None)
        self.remove_button.setAutoDefault(False)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.remove_button.clicked.connect(self._unlink)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(claim_text, wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        self.subject.textChanged.connect(self._subject_changed)
        self.measure.textChanged.connect(self._measure_changed)
        if current is not None:
            self.subject.setText(current[0])
            self.measure.setText(current[1])
            self.unit_class.setCurrentText(current[2])
        elif proposed is not None:
            self.measure.setText(proposed[0])
            self.unit_class.setCurrentText(proposed[1])
        self._subject_changed(self.subject.text())
        self.subject.setFocus()
        self.subject.selectAll()

    @staticmethod
    def _completer(names) -> QCompleter:
        completer = QCompleter(names)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        return completer

    def _subject_of(self, text: str):
        return self._names.get(" ".join(text.split()).casefold())

    def _measure_of(self, text: str):
        summary = self._subject_of(self.subject.text())
        folded = " ".join(text.split()).casefold()
        if summary is None or not folded:
            return None
        return next((m.measure for m in summary.measures if m.measure.name.casefold() == folded), None)

    def _subject_changed(self, text: str) -> None:
        summary = self._subject_of(text)
        self.measure_names.setStringList([m.measure.name for m in summary.measures] if summary else [])
        self._measure_changed(self.measure.text())

    def _measure_changed(self, text: str) -> None:
        summary, measure = self._subject_of(self.subject.text()), self._measure_of(text)
        if measure is not None:
            self.unit_class.setCurrentText(measure.unit_class)
        self.unit_class.setEnabled(measure is None)
        if not self.subject.text().strip():
            self.hint.setText("Type a subject; Enter applies, Esc cancels.")
        elif summary is None:
            self.hint.setText("A new subject will be added.")
        elif measure is None and text.strip():
            self.hint.setText(f"A new measure of {summary.subject.name} will be added.")
        else:
            self.hint.setText(f"{summary.subject.name}: {len(summary.measures)} measure(s), "
                              f"{summary.claim_count} figure(s).")

    def _accept(self) -> None:
        if not self.subject.text().strip() or not self.measure.text().strip():
            self.hint.setText("A link needs both a subject and a measure (or Remove link).")
            (self.subject if not self.subject.text().strip() else self.measure).setFocus()
            return
        self.accept()

    def _unlink(self) -> None:
        self.unlinked = True
        self.accept()

    def choice(self) -> LinkChoice:
        if self.unlinked:
            return LinkChoice(unlink=True)
        summary, measure = self._subject_of(self.subject.text()), self._measure_of(self.measure.text())
        return LinkChoice(subject=summary.subject.name if summary else " ".join(self.subject.text().split()),
                          measure=measure.name if measure else " ".join(self.measure.text().split()),
                          unit_class=self.unit_class.currentText(),
                          subject_id=summary.subject.id if summary else None,
                          measure_id=measure.id if measure else None)
