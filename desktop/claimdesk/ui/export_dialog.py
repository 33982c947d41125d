"""File ▸ Export: format, filters, a preview of what will be written, and the export
itself in a worker thread (the integrity checks and PDF layout can take a while).
Export stays disabled, with the reason shown, while the options select no claim."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QProgressBar, QScrollArea, QTextBrowser, QVBoxLayout)

from claimdesk.core.statuses import VERDICTS, VERIFIED
from claimdesk.ops.exporting import FORMATS, EmptyExport, ExportError, check_scope, export
from claimdesk.ops.factsheet import ExportOptions
from claimdesk.ops.projects import ProjectError, open_existing
from claimdesk.ui.jobs import Job, describe_error, run_job
from claimdesk.ui.notices import error_label

HINTS = {"draft": "; tick “Internal draft” to export unverified claims (marked DRAFT)",
         "force": "; tick “Include claims that fail the integrity checks” to export them marked"}


def dialog_hint(error: Exception) -> str:
    """The message with the option of this dialog that would let claims in (an
    ``EmptyExport`` names one; other refusals read as they are)."""
    hint = error.hint if isinstance(error, EmptyExport) else None
    return str(error) + (HINTS.get(hint, "") if hint is not None else "")


def _explain(exc: BaseException) -> str:
    return dialog_hint(exc) if isinstance(exc, ExportError) else describe_error(exc)


class ExportDialog(QDialog):
    exported = Signal(str)  # the path written

    def __init__(self, project_path: Path, kinds: dict, dialogs, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.resize(820, 620)
        self.project_path, self.dialogs = project_path, dialogs
        self.job: Job | None = None
        self.format = QComboBox()
        for name, export_format in FORMATS.items():
            self.format.addItem(name, name)
            self.format.setItemData(self.format.count() - 1, export_format.description, Qt.ItemDataRole.ToolTipRole)
        self.title = QLineEdit("Fact sheet")
        self.verdicts = QCheckBox("Also disputed, false and inconclusive claims, with their verdicts")
        self.draft = QCheckBox("Internal draft: every status, marked DRAFT")
        self.kind = QComboBox()
        self.kind.addItem("All kinds", None)
        for kind in kinds.values():
            self.kind.addItem(kind.label, kind.name)
        self.force = QCheckBox("Include claims that fail the integrity checks, marked")
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.page_preview = QLabel()
        scroll = QScrollArea()
        scroll.setWidget(self.page_preview)
        scroll.setWidgetResizable(True)
        self.page_scroll = scroll
        self.progress = QProgressBar(maximum=0)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.reason = error_label()  # why Export is disabled
        self.reason.setVisible(False)
        form = QFormLayout()
        form.addRow("Format", self.format)
        form.addRow("Title", self.title)
        form.addRow("Kind", self.kind)
        for box in (self.verdicts, self.draft, self.force):
            form.addRow("", box)
        buttons = QDialogButtonBox()
        self.preview_button = buttons.addButton("Preview", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.show_preview)
        self.export_button.clicked.connect(self.choose_and_export)
        previews = QHBoxLayout()
        previews.addWidget(self.preview)
        previews.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(previews, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        for changed in (self.kind.currentIndexChanged, self.verdicts.toggled, self.draft.toggled, self.force.toggled):
            changed.connect(self.update_scope)
        self.update_scope()

    def update_scope(self) -> bool:
        """Export is enabled only when the options select a claim; otherwise the reason shows."""
        try:
            with open_existing(self.project_path) as project:
                check_scope(project, self.options())
        except (ExportError, ProjectError) as exc:
            self._refuse(exc)
            return False
        self.reason.setVisible(False)
        self.export_button.setEnabled(self.job is None)
        return True

    def _refuse(self, error: Exception) -> None:
        self.export_button.setEnabled(False)
        self.reason.setText(f"Nothing to export: {dialog_hint(error)}")
        self.reason.setVisible(True)

    def options(self) -> ExportOptions:
        statuses = (VERIFIED,) + (VERDICTS if self.verdicts.isChecked() else ())
        return ExportOptions(title=self.title.text().strip() or "Fact sheet", statuses=statuses,
                             draft=self.draft.isChecked(), kind=self.kind.currentData(), force=self.force.isChecked())

    def show_preview(self) -> None:
        """The HTML fact sheet in the text browser and, for PDF, its first page rendered."""
        import tempfile

        fmt = self.format.currentText()
        with tempfile.TemporaryDirectory() as scratch:
            try:
                with open_existing(self.project_path) as project:
                    sheet = export(project, "html", Path(scratch) / "p.html", self.options())
                    self.preview.setHtml((Path(scratch) / "p.html").read_text(encoding="utf-8"))
                    if fmt == "pdf":
                        export(project, "pdf", Path(scratch) / "p.pdf", self.options())
                        self._show_first_page(Path(scratch) / "p.pdf")
            except EmptyExport as exc:  # e.g. every claim in scope fails a check
                self.status.setText("")
                self._refuse(exc)
                return
            except ExportError as exc:
                self.status.setText(f"⚠ {exc}")
                return
        self.page_scroll.setVisible(fmt == "pdf")
        self.status.setText(f"{sheet.count} claims would be exported"
                            + (f"; {len(sheet.left_out)} left out for failing checks" if sheet.left_out else ""))

    def _show_first_page(self, path: Path) -> None:
        import pymupdf

        with pymupdf.open(path) as document:
            pixmap = document[0].get_pixmap(dpi=60)
            image = QImage(pixmap.samples, pixmap.width, pixmap.height, pixmap.stride, QImage.Format.Format_RGB888)
            self.page_preview.setPixmap(QPixmap.fromImage(image.copy()))

    def choose_and_export(self) -> None:
        if not self.update_scope():
            return
        fmt = self.format.currentText()
        path = self.dialogs.save_path(f"Export {fmt}", f"fact-sheet{FORMATS[fmt].suffix}")
        if path:
            self.start(fmt, Path(path))

    def start(self, fmt: str, out: Path) -> None:
        if self.job is not None:
            return
        self.progress.setVisible(True)
        self.export_button.setEnabled(False)
        self.status.setText(f"Exporting {fmt}…")
        options = self.options()
        self.job = run_job("Export", lambda job: export(job.project, fmt, out, options), project_path=self.project_path,
                           on_done=lambda sheet: self._done(out, sheet), on_error=self._failed,
                           dialogs=self.dialogs, explain=_explain, cancellable=False)

    def _finish(self) -> None:
        self.job = None
        self.progress.setVisible(False)
        self.update_scope()

    def _done(self, out: Path, sheet) -> None:
        self._finish()
        left = f"; {len(sheet.left_out)} left out for failing checks" if sheet.left_out else ""
        self.status.setText(f"Wrote {out} ({sheet.count} claims{left})")
        self.exported.emit(str(out))

    def _failed(self, message: str) -> None:
        self._finish()
        self.status.setText(f"⚠ {message}")
