"""Starts the QApplication and the main window: on the given project, else the last one
used, else (first run) the sample project, built in a thread while the window is up."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from claimdesk import __version__
from claimdesk.paths import resources_dir, sample_project_path
from claimdesk.ui import errors
from claimdesk.ui.settings import Settings

if TYPE_CHECKING:  # launch() imports the window itself, when it runs
    from claimdesk.ui.dialogs import Dialogs
    from claimdesk.ui.main_window import MainWindow


def application() -> QApplication:
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
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


def launch(requested: Path | None, settings: Settings, dialogs: Dialogs | None = None,
           sample_path: Path | None = None) -> MainWindow:
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
    # a job: the window's close waits for it like for every other job (ui.jobs.stop_jobs); the
    # builder (ops.samples, the import pipeline) loads only on this first run, not on every start
    from claimdesk.ui.sample_builder import build_sample_project

    build_sample_project(sample, window.statusBar(), window.dialogs, window.project_menu.open_path)
    return window


def run(project_path: Path | None) -> int:
    app = application()
    window = launch(project_path, Settings.for_user())
    errors.install(window.dialogs.error, lambda: window.project.path if window.project is not None else None)
    if os.environ.get("CLAIMDESK_QUIT_AFTER_SHOW"):  # startup measurement (make bundle): quit once shown
        QTimer.singleShot(0, app.quit)
    # no `del window`: the error hook reads the window's project for as long as it is installed
    return app.exec()
