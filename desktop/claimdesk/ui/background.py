"""The plumbing shared by work that runs in a QThread behind a cancellable modal
progress dialog (imports, suggestions): open the dialog, report progress, tear down."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog


class BackgroundTask(QObject):
    """Holds one running thread and its progress dialog; subclasses start the thread."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.thread = None
        self.progress: QProgressDialog | None = None

    def busy(self) -> bool:
        return self.thread is not None

    def cancel(self) -> None:
        if self.thread is not None:
            self.thread.cancel_event.set()

    def open_progress(self, title: str, label: str, delay_ms: int) -> None:
        self.progress = QProgressDialog(label, "Cancel", 0, 0, self.parent())
        self.progress.setWindowTitle(title)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(delay_ms)
        self.progress.canceled.connect(self.cancel)

    def show_progress(self, index: int, total: int, label: str) -> None:
        progress = self.progress  # setValue on a modal dialog processes events, which may finish the work
        if progress is not None:
            progress.setLabelText(label)
            progress.setMaximum(total)
            progress.setValue(index)

    def finish_thread(self) -> None:
        self.thread.wait()
        self.thread.deleteLater()
        self.thread = None
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
