"""Runs the detector off the GUI thread (its own connection), with progress and cancel:
on demand for a document or the whole project, and after an import when the
preference is on."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from claimdesk.ops.projects import open_existing
from claimdesk.ops.suggestions import suggest_documents
from claimdesk.ui.background import BackgroundTask


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


class Suggester(BackgroundTask):
    finished = Signal(object)  # SuggestReport, or None after a failure

    def __init__(self, dialogs, parent=None):
        super().__init__(parent)
        self.dialogs = dialogs

    def start(self, project_path: Path, document_ids: list[int] | None = None) -> bool:
        if self.busy():
            return False
        self.thread = SuggestThread(project_path, document_ids, self)
        self.open_progress("Suggest claims", "Finding claims to suggest…", 500)
        self.thread.progressed.connect(self._progressed)
        self.thread.completed.connect(self._completed)
        self.thread.crashed.connect(self._crashed)
        self.thread.start()
        return True

    def _progressed(self, index: int, total: int) -> None:
        self.show_progress(index, total, f"Document {min(index + 1, total)} of {total}")

    def _completed(self, report) -> None:
        self.finish_thread()
        self.finished.emit(report)

    def _crashed(self, message: str) -> None:
        self.finish_thread()
        self.dialogs.error("Suggest claims", f"Suggesting stopped: {message}")
        self.finished.emit(None)
