"""Starts the QApplication and the main window on a project (or the sample project)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from claimdesk import __version__
from claimdesk.ops.projects import ProjectError, ensure_sample_project, open_existing
from claimdesk.paths import sample_project_path, samples_dir


def run(project_path: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Claimdesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Claimdesk")
    try:
        if project_path:
            project = open_existing(project_path)
        else:
            project = ensure_sample_project(sample_project_path(), samples_dir())
    except ProjectError as exc:
        QMessageBox.critical(None, "Claimdesk", str(exc))
        return 1
    from claimdesk.ui.main_window import MainWindow

    window = MainWindow(project)
    window.show()
    code = app.exec()
    project.close()
    return code
