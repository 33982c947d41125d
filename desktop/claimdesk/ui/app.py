"""Starts the QApplication and the main window: on the given project, else the last one
used, else (first run) the sample project, built in a thread while the window is up."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressBar

from claimdesk import __version__
from claimdesk.ops.samples import ensure_sample_project
from claimdesk.paths import resources_dir, sample_claims_file, sample_project_path, samples_dir
from claimdesk.ui.settings import Settings


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Claimdesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Claimdesk")
    app.setDesktopFileName("org.claimdesk.Claimdesk")  # matches the installed .desktop entry
    icon = resources_dir() / "icons" / "claimdesk-256.png"  # PNG: the bundle carries no SVG image plugin
    if icon.exists():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    return app


def startup_path(requested: Path | None, settings: Settings) -> Path | None:
    """The project to open at startup, or None on a first run (the sample project)."""
    if requested:
        return Path(requested)
    last = settings.preferences.last_project
    if last and Path(last).exists():
        return Path(last)
    return None


class SampleBuilder(QThread):
    """Builds the sample project off the GUI thread (imports parse in the worker process)."""

    built = Signal(str)
    failed = Signal(str)

    def __init__(self, path: Path, parent=None):
        super().__init__(parent)
        self.path = path

    def run(self) -> None:
        try:
            ensure_sample_project(self.path, samples_dir(), sample_claims_file()).close()
        except Exception as exc:  # shown to the user; the app stays usable with File ▸ New/Open
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.built.emit(str(self.path))


def launch(requested: Path | None, settings: Settings, dialogs=None, sample_path: Path | None = None):
    """Shows the main window and opens the startup project in it."""
    from claimdesk.ui.main_window import MainWindow

    window = MainWindow(None, settings, dialogs)
    window.show()
    path = startup_path(requested, settings)
    if path is not None:
        if window.project_menu.open_path(str(path)) or requested:
            return window
    sample = sample_path or sample_project_path()
    if sample.exists():
        window.project_menu.open_path(str(sample))
        return window
    busy = QProgressBar(maximum=0, maximumWidth=160)
    window.statusBar().addWidget(busy)
    window.statusBar().showMessage("Preparing the sample project…")
    builder = SampleBuilder(sample, window)
    window.sample_builder = builder

    def finished_building() -> None:
        window.statusBar().removeWidget(busy)
        busy.deleteLater()
        builder.wait()

    builder.built.connect(lambda built: (finished_building(), window.project_menu.open_path(built)))
    builder.failed.connect(lambda problem: (finished_building(), window.dialogs.error(
        "Sample project", f"The sample project could not be built: {problem}")))
    builder.start()
    return window


def run(project_path: Path | None) -> int:
    app = application()
    window = launch(project_path, Settings.for_user())
    if os.environ.get("CLAIMDESK_QUIT_AFTER_SHOW"):  # startup measurement (make bundle): quit once shown
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    del window
    return code
