"""Runs the detector off the GUI thread (its own connection), with progress and cancel:
on demand for a document or the whole project, and after an import when the
preference is on."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog

from claimdesk.ops.projects import open_existing
from claimdesk.ops.suggestions import suggest_documents


class SuggestThread(QThread):
    progressed = Signal(int, int)
    completed = Signal(object)
    crashed = Signal(str)

    def __init__(self, project_path: Path, document_ids: list[int] | None, parent=None):
        super().__init__(parent)
        self.project_path, self.document_ids = project_path, document_ids
        self.cancel_event = threading.Event()

    def run(self) -> None:
        try:
            with open_existing(self.project_path) as project:
                report = suggest_documents(project, self.document_ids, progress=self.progressed.emit,
                                           cancelled=self.cancel_event.is_set)
        except Exception as exc:  # reported; documents done before it keep their suggestions
            self.crashed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.completed.emit(report)


class Suggester(QObject):
    finished = Signal(object)  # SuggestReport, or None after a failure

    def __init__(self, dialogs, parent=None):
        super().__init__(parent)
        self.dialogs = dialogs
        self.thread: SuggestThread | None = None
        self.progress: QProgressDialog | None = None

    def busy(self) -> bool:
        return self.thread is not None

    def start(self, project_path: Path, document_ids: list[int] | None = None) -> bool:
        if self.busy():
            return False
        self.progress = QProgressDialog("Finding claims to suggest…", "Cancel", 0, 0, self.parent())
        self.progress.setWindowTitle("Suggest claims")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(500)
        self.thread = SuggestThread(project_path, document_ids, self)
        self.progress.canceled.connect(self.thread.cancel_event.set)
        self.thread.progressed.connect(self._progressed)
        self.thread.completed.connect(self._completed)
        self.thread.crashed.connect(self._crashed)
        self.thread.start()
        return True

    def cancel(self) -> None:
        if self.thread is not None:
            self.thread.cancel_event.set()

    def _progressed(self, index: int, total: int) -> None:
        progress = self.progress  # setValue on a modal dialog processes events, which may finish the run
        if progress is not None:
            progress.setLabelText(f"Document {min(index + 1, total)} of {total}")
            progress.setMaximum(total)
            progress.setValue(index)

    def _finish(self) -> None:
        self.thread.wait()
        self.thread.deleteLater()
        self.thread = None
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _completed(self, report) -> None:
        self._finish()
        self.finished.emit(report)

    def _crashed(self, message: str) -> None:
        self._finish()
        self.dialogs.error("Suggest claims", f"Suggesting stopped: {message}")
        self.finished.emit(None)
