"""Runs the detector off the GUI thread (its own connection), with progress and cancel:
on demand for a document or the whole project, and after an import when the
preference is on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from claimdesk.ops.suggestions import suggest_documents
from claimdesk.ui.jobs import Job, run_job


class Suggester(QObject):
    finished = Signal(object)  # SuggestReport, or None after a failure

    def __init__(self, dialogs, parent=None):
        super().__init__(parent)
        self.dialogs = dialogs
        self.job: Job | None = None

    def busy(self) -> bool:
        return self.job is not None

    def start(self, project_path: Path, document_ids: list[int] | None = None) -> bool:
        if self.busy():
            return False

        def work(job):
            return suggest_documents(job.project, document_ids, cancelled=job.cancelled,
                                     progress=lambda index, total: job.progress(
                                         index, total, f"Document {min(index + 1, total)} of {total}"))

        self.job = run_job("Suggest claims", work, project_path=project_path, on_done=self._completed,
                           on_error=self._crashed, dialogs=self.dialogs, parent_widget=self.parent(),
                           progress_label="Finding claims to suggest…", delay_ms=500,
                           failure="Suggesting stopped: {problem}")
        return True

    def _completed(self, report) -> None:
        self.job = None
        self.finished.emit(report)

    def _crashed(self, message: str) -> None:
        self.job = None
        self.finished.emit(None)
