"""Review ▸ Agreement: how far two analysts agree, per kind (span alpha over characters,
value agreement on matched claims), and every place they differ.

Two authors of the open project (after a merge) are chosen from the lists, or another
analyst's project file through "Compare with file…" (``ui/dialogs.py`` asks for it); a
kind narrows both tables. The figures come from ``ops.agreement`` (read only: nothing in
either project changes). Columns are sized from the font, never to their contents: the two
analysts' claims share the room the others leave, long cells are elided and whole in their
tooltip. The window opens it with ``open_agreement_dialog(parent,
project, dialogs)``.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QStyle, QTableView, QVBoxLayout)

from claimdesk.core.agreement import (KIND, ONLY_FIRST, ONLY_SECOND, SPAN, STATUS, VALUES, AgreementReport,
                                      Disagreement, KindAgreement, figure_text)
from claimdesk.ops import agreement
from claimdesk.ops.projects import ProjectError

ALL_KINDS = "All kinds"
# Column widths come from the font: each column is as wide as its sample (or its header);
# None shares the room left with the other None columns. Never sized to contents, which
# reads every row. Longer cells are elided and shown whole in their tooltip.
KIND_SAMPLES: tuple[str | None, ...] = ("statistic", "undefined", "99.99 %", "9999 / 9999", "9999", "9999",
                                        "9999 (99.99 %)")
DISAGREEMENT_SAMPLES: tuple[str | None, ...] = ("Ministry of Health: rural clinics", "statistic",
                                                "span; values: amount", None, None)


def percent(value: Fraction | None) -> str:
    return figure_text(value, 1, 100, " %", undefined="—")


def alpha_text(value: Fraction | None) -> str:
    return figure_text(value, 3, undefined="undefined")


class TableModel(QAbstractTableModel):
    """A read-only table of rows of display strings, with headers."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, ...]] = []
        self.tips: list[tuple[str, ...]] = []
        self.headers = list(self.HEADERS)

    def set_rows(self, rows: list[tuple[str, ...]], tips: list[tuple[str, ...]] | None = None) -> None:
        """The rows and, per row, a tooltip for each cell ("" for none)."""
        self.beginResetModel()
        self.rows = rows
        self.tips = tips or [("",) * len(self.HEADERS)] * len(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tips[index.row()][index.column()] or None
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None


class KindsModel(TableModel):
    HEADERS = ("Kind", "Span α", "Characters agreeing", "Claims", "Matched", "Same span", "Same values")

    def show(self, report: AgreementReport) -> None:
        self.set_rows([self.row(k, report) for k in report.kinds],
                      [(f"{k.kind}: {k.first_characters} characters marked by {report.first}, "
                        f"{k.second_characters} by {report.second}, {k.both_characters} by both, of {k.characters}",)
                       * len(self.HEADERS) for k in report.kinds])

    @staticmethod
    def row(k: KindAgreement, report: AgreementReport) -> tuple[str, ...]:
        return (k.kind, alpha_text(k.span_alpha), percent(k.observed),
                f"{k.first_claims} / {k.second_claims}", str(k.matched), str(k.same_span),
                f"{k.same_values} ({percent(k.value_agreement)})" if k.matched else "—")


class DisagreementsModel(TableModel):
    HEADERS = ("Document", "Kind", "What differs", "First", "Second")

    def show(self, report: AgreementReport) -> None:
        titles = {text.key: text.title for text in report.texts}
        self.headers[3:5] = [report.first, report.second]  # set before the reset set_rows makes
        rows: list[tuple[str, ...]] = [(titles[d.key], d.kind, self.about(d, report), self.side(d.first, d.kind),
                                        self.side(d.second, d.kind)) for d in report.disagreements]
        self.set_rows(rows, [(f"{row[0]}\n{self.tip(d)}", "", row[2], row[3], row[4])
                             for row, d in zip(rows, report.disagreements)])

    @staticmethod
    def about(d: Disagreement, report: AgreementReport) -> str:
        words = {ONLY_FIRST: f"only {report.first} marked it", ONLY_SECOND: f"only {report.second} marked it",
                 KIND: "kind", SPAN: "span", VALUES: "values: " + ", ".join(d.fields),
                 STATUS: f"status: {d.first.status if d.first else ''} / {d.second.status if d.second else ''}"}
        return "; ".join(words[a] for a in d.about)

    @staticmethod
    def side(mark, kind: str) -> str:
        """One analyst's claim: quote and values first (what differs), its kind only when it
        is not the row's, its number last."""
        if mark is None:
            return ""
        values = ", ".join(f"{name} {value}" for name, value in sorted(mark.fields.items()) if value not in ("", None))
        other_kind = f"{mark.kind} " if mark.kind != kind else ""
        return f"{other_kind}“{mark.quote}”" + (f" {values}" if values else "") + f" (#{mark.claim_id})"

    @staticmethod
    def tip(d: Disagreement) -> str:
        mark = d.first or d.second
        return f"characters {mark.start}–{mark.end} of the text" if mark else ""


class AgreementDialog(QDialog):
    def __init__(self, project, dialogs, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Agreement between analysts")
        self.resize(980, 620)
        self.project, self.dialogs = project, dialogs
        self.other_file: Path | None = None
        self.report: AgreementReport | None = None
        self.first, self.second, self.kind = QComboBox(), QComboBox(), QComboBox()
        authors = list(agreement.authors(project))
        for box in (self.first, self.second):
            box.addItems(authors)
            box.setAccessibleName("Author" if box is self.first else "Other author")
        if len(authors) > 1:
            self.second.setCurrentIndex(1)
        self.kind.addItem(ALL_KINDS)
        self.kind.addItems(agreement.kind_names(project))
        self.compare_file = QPushButton("Compare with &file…")
        self.compare_authors = QPushButton("Compare &authors")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.kinds_model, self.disagreements_model = KindsModel(self), DisagreementsModel(self)
        self.kinds_view = self._table(self.kinds_model)
        self.disagreements_view = self._table(self.disagreements_model)
        self._size_columns(self.kinds_view, KIND_SAMPLES)
        self._size_columns(self.disagreements_view, DISAGREEMENT_SAMPLES)
        choose = QHBoxLayout()
        for label, widget in (("Between", self.first), ("and", self.second), ("Kind", self.kind)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            choose.addWidget(caption)
            choose.addWidget(widget)
        choose.addWidget(self.compare_authors)
        choose.addWidget(self.compare_file)
        choose.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(self.kinds_view, 1)
        layout.addWidget(QLabel("Disagreements"))
        layout.addWidget(self.disagreements_view, 2)
        layout.addWidget(close)
        self.compare_authors.clicked.connect(self.use_authors)
        self.compare_file.clicked.connect(self.choose_file)
        for box in (self.first, self.second, self.kind):
            box.currentIndexChanged.connect(self.refresh)

    def _table(self, model) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.verticalHeader().hide()
        return view

    @staticmethod
    def _size_columns(view: QTableView, samples: tuple[str | None, ...]) -> None:
        metrics = view.fontMetrics()
        padding = 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 12
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        for column, sample in enumerate(samples):
            if sample is None:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            title = str(view.model().headerData(column, Qt.Orientation.Horizontal))
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
                                 + padding)

    def use_authors(self) -> None:
        self.other_file = None
        self.refresh()

    def choose_file(self) -> None:
        path = self.dialogs.open_project_path()
        if path:
            self.other_file = Path(path)
            self.refresh()

    def refresh(self) -> None:
        kind = None if self.kind.currentText() in ("", ALL_KINDS) else self.kind.currentText()
        for box in (self.first, self.second):
            box.setEnabled(self.other_file is None)
        if self.other_file is None and self.first.count() < 2:
            who = f"only {self.first.itemText(0)} marked" if self.first.count() else "nobody has marked"
            return self._empty(f"In this project {who} claims: compare it with another analyst's file.")
        try:
            if self.other_file is not None:
                report = agreement.between_files(self.project, self.other_file, kind)
            else:
                report = agreement.between_authors(self.project, self.first.currentText() or None,
                                                   self.second.currentText() or None, kind)
        except (agreement.AgreementError, ProjectError) as exc:
            if self.other_file is not None:
                self.dialogs.error("Agreement", str(exc))
                self.other_file = None
                return self.refresh()
            return self._empty(str(exc))
        empty = agreement.nothing_compared(report)
        if empty is not None:
            return self._empty(f"{empty}.")
        self.report = report
        self.kinds_model.show(report)
        self.disagreements_model.show(report)
        characters = sum(text.length for text in report.texts)
        skipped = f" {len(report.skipped)} not compared: " + "; ".join(report.skipped[:3]) if report.skipped else ""
        self.summary.setText(f"{report.first} and {report.second}: {len(report.texts)} document(s), "
                             f"{characters} characters compared, {len(report.disagreements)} disagreement(s)."
                             f"{skipped}")
        return None


    def _empty(self, why: str) -> None:
        self.report = None
        self.summary.setText(why)
        self.disagreements_model.headers = list(DisagreementsModel.HEADERS)
        self.kinds_model.set_rows([])
        self.disagreements_model.set_rows([])


def open_agreement_dialog(parent, project, dialogs) -> AgreementDialog:
    """Review ▸ Agreement: opens the dialog on the project's two authors (or its first two)."""
    dialog = AgreementDialog(project, dialogs, parent=parent)
    dialog.refresh()
    dialog.show()
    return dialog
