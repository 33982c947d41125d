"""The first run's sample project, built as a background job while the window is up: a
busy bar and a message in the status bar, the project opened when it is ready, and a
dialog if it cannot be built (the app stays usable with File ▸ New/Open)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QProgressBar, QStatusBar

from claimdesk.ops.samples import ensure_sample_project
from claimdesk.paths import sample_claims_file, samples_dir
from claimdesk.ui.jobs import Job


def build_sample_project(path: Path, status_bar: QStatusBar, dialogs, on_built: Callable[[str], object]) -> Job:
    """Builds the sample project at ``path`` and calls ``on_built(path)``. Not cancellable:
    the window's close waits for it (it is built under a .part name and renamed when whole)."""
    busy = QProgressBar()
    busy.setRange(0, 0)  # busy until the import reports how many files it has
    busy.setMaximumWidth(160)
    status_bar.addWidget(busy)
    status_bar.showMessage("Preparing the sample project…")

    def work(job) -> str:
        ensure_sample_project(path, samples_dir(), sample_claims_file(), progress=job.progress).close()
        return str(path)

    def remove_busy_bar() -> None:
        status_bar.removeWidget(busy)
        busy.deleteLater()
        status_bar.clearMessage()

    def built(built_path: str) -> None:
        remove_busy_bar()
        on_built(built_path)

    job = Job("Sample project", work, on_done=built, on_error=lambda _message: remove_busy_bar(), dialogs=dialogs,
              cancellable=False, failure="The sample project could not be built: {problem}")
    def show_progress(index: int, total: int, _label: str) -> None:
        busy.setMaximum(total)
        busy.setValue(index)

    job.progressed.connect(show_progress)
    return job.start()
