"""File menu work: new, open, recent, save a copy, import (menu and drag-and-drop)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMenu

from claimdesk.ops.projects import ProjectError, new_project, open_existing, save_copy
from claimdesk.ops.importing import NEW_VERSION, ImportOptions
from claimdesk.ui.importer import Importer


class ProjectMenu:
    def __init__(self, window):
        self.window = window
        self.dialogs = window.dialogs
        self.recent_menu: QMenu | None = None
        self.importer = Importer(self.dialogs, window)
        self.importer.finished.connect(self._import_finished)

    def handlers(self) -> dict:
        return {"file.new": self.new_project, "file.open": self.open_project, "file.import": self.import_dialog,
                "file.replace": self.replace_dialog,
                "file.save_copy": self.save_copy, "file.quit": self.window.close}

    def install_recent_menu(self, file_menu: QMenu) -> None:
        self.recent_menu = QMenu("Open &recent", self.window)
        file_menu.insertMenu(self.window.actions["file.import"], self.recent_menu)
        self.refresh_recent()

    def refresh_recent(self) -> None:
        if self.recent_menu is None:
            return
        self.recent_menu.clear()
        for number, path in enumerate(self.window.settings.preferences.recent_projects, 1):
            action = self.recent_menu.addAction(f"&{number % 10} {Path(path).name}  —  {Path(path).parent}")
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(not self.recent_menu.isEmpty())

    def new_project(self) -> None:
        if self.importer.busy():
            self.dialogs.error("New project", "Wait for the import to finish (or cancel it) first.")
            return
        path = self.dialogs.new_project_path()
        if not path:
            return
        try:
            project = new_project(path)
        except ProjectError as exc:
            self.dialogs.error("New project", str(exc))
            return
        self.window.set_project(project)

    def open_project(self) -> None:
        path = self.dialogs.open_project_path()
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        if self.importer.busy():
            self.dialogs.error("Open project", "Wait for the import to finish (or cancel it) first.")
            return False
        try:
            project = open_existing(path)
        except ProjectError as exc:
            if not Path(path).exists():
                self.window.settings.preferences.forget_project(str(path))
                self.refresh_recent()
            self.dialogs.error("Open project", str(exc))
            return False
        self.window.set_project(project)
        return True

    def save_copy(self) -> None:
        path = self.dialogs.new_project_path("Save a copy of the project")
        if not path:
            return
        try:
            save_copy(self.window.project, path)
        except ProjectError as exc:
            self.dialogs.error("Save a copy", str(exc))
            return
        self.window.statusBar().showMessage(f"Saved a copy to {path}", 6000)

    def import_dialog(self) -> None:
        self.importer.prepare()
        paths = self.dialogs.import_paths()
        if paths:
            self.import_files(paths)
        else:
            self.importer.shutdown()

    def replace_dialog(self) -> None:
        document = self.window.document
        if document is None or document.is_container:
            self.dialogs.error("Replace with new version", "Open the document to replace first (not a digest page).")
            return
        self.importer.prepare()
        paths = self.dialogs.import_paths()
        if paths:
            self.importer.start(self.window.project.path, [Path(paths[0])],
                                ImportOptions(replace_document=document.id))
        else:
            self.importer.shutdown()

    def import_files(self, paths) -> None:
        if self.window.project is not None:
            self.importer.start(self.window.project.path, [Path(p) for p in paths])

    def _import_finished(self, report) -> None:
        window = self.window
        if window.project is None:
            return
        window.refresh_library()
        versions = [r for r in report.results if r.status == NEW_VERSION]
        for result in versions:
            window.statusBar().showMessage(f"{result.path.name}: {result.message}", 10000)
        if versions:
            window.open_document(versions[0].document_ids[0])
            window.claims_pane.apply_filter()
        imported = [r for r in report.results if r.status in ("imported", "reimported")]
        if imported:  # open the first new document (a digest's first article, not the page)
            ids = imported[0].document_ids
            window.open_document(ids[1] if len(ids) > 1 else ids[0])
        if imported or not versions:
            window.statusBar().showMessage(f"Imported {len(imported)} file(s)", 6000)
        window.review.after_import([i for r in imported for i in r.document_ids])
