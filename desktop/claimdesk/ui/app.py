"""Starts the QApplication and the main window: on the given project, else the last one
used, else (first run) the sample project built from the bundled corpus."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from claimdesk import __version__
from claimdesk.ops.projects import Project, ProjectError, open_existing
from claimdesk.ops.samples import ensure_sample_project
from claimdesk.paths import sample_claims_file, sample_project_path, samples_dir
from claimdesk.ui.settings import Settings


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Claimdesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Claimdesk")
    return app


def startup_project(requested: Path | None, settings: Settings) -> Project:
    """The project to open at startup; raises ProjectError for a requested one that fails."""
    if requested:
        return open_existing(requested)
    last = settings.preferences.last_project
    if last and Path(last).exists():
        try:
            return open_existing(last)
        except ProjectError:
            settings.preferences.forget_project(last)  # fall back to the sample project
    return ensure_sample_project(sample_project_path(), samples_dir(), sample_claims_file())


def run(project_path: Path | None) -> int:
    app = application()
    settings = Settings.for_user()
    try:
        project = startup_project(project_path, settings)
    except ProjectError as exc:
        QMessageBox.critical(None, "Claimdesk", str(exc))
        return 1
    from claimdesk.ui.main_window import MainWindow

    window = MainWindow(project, settings)
    window.show()
    return app.exec()
