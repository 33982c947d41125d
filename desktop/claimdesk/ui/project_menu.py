"""File menu work: new, open, recent, save a copy, import (menu and drag-and-drop).

The importer (and with it the import pipeline, ops.importing) is built on the first import or
drag, not with the window: it is ~30 ms of imports a start that opens no file does not need."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from claimdesk.ops.changes import Changes
from claimdesk.ops.projects import Project, ProjectError, new_project, open_existing, save_copy
from claimdesk.ui.window_part import WindowPart, WindowServices

if TYPE_CHECKING:
    from claimdesk.ui.importer import Importer


class ProjectMenu(WindowPart):
    def __init__(self, services: WindowServices):
        self.services, self.session = services, services.session
        self.dialogs = services.dialogs
        self.recent_menu: QMenu | None = None
        self._importer: Importer | None = None

    @property
    def importer(self) -> Importer:
        if self._importer is None:
            from claimdesk.ui.importer import Importer

            self._importer = Importer(self.dialogs, self.services.parent)
            self._importer.finished.connect(self._import_finished)
        return self._importer

    def _importing(self) -> bool:
        return self._importer is not None and self._importer.busy()

    def handlers(self) -> dict:
        return {"file.new": self.new_project, "file.open": self.open_project, "file.import": self.import_dialog,
                "file.replace": self.replace_dialog, "file.merge": self.merge_dialog,
                "file.save_copy": self.save_copy, "file.quit": self.services.parent.close}

    # -- lifecycle -------------------------------------------------------------
    def project_opened(self, project: Project) -> None:
        self.services.settings.preferences.remember_project(project.path)
        self.refresh_recent()

    def shutting_down(self) -> None:
        self.release_parser()

    # -- merging another analyst's project --------------------------------------
    def merge_dialog(self) -> None:
        project = self.session.project
        if project is None:
            return
        from claimdesk.ui.merge_dialog import open_merge_dialog

        def changed(changes: Changes | None) -> None:
            if changes is None:  # a merge: new documents, kinds, statuses, subjects - reload it all
                self.services.set_project(project)
            else:  # a resolution: its claim, as any other edit (the undo history and place stay)
                self.services.apply_changes(changes)

        open_merge_dialog(self.services.parent, project, self.dialogs, on_changed=changed,
                          actor=self.services.acting_name())

    # -- recent projects -------------------------------------------------------
    def install_recent_menu(self, file_menu: QMenu) -> None:
        self.recent_menu = QMenu("Open &recent", self.services.parent)
        file_menu.insertMenu(self.services.actions["file.import"], self.recent_menu)
        self.refresh_recent()

    def refresh_recent(self) -> None:
        if self.recent_menu is None:
            return
        self.recent_menu.clear()
        for number, path in enumerate(self.services.settings.preferences.recent_projects, 1):
            action = self.recent_menu.addAction(f"&{number % 10} {Path(path).name}  —  {Path(path).parent}")
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(not self.recent_menu.isEmpty())

    # -- projects --------------------------------------------------------------
    def new_project(self) -> None:
        if self._importing():
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
        self.services.set_project(project)

    def open_project(self) -> None:
        path = self.dialogs.open_project_path()
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        if self._importing():
            self.dialogs.error("Open project", "Wait for the import to finish (or cancel it) first.")
            return False
        try:
            project = open_existing(path)
        except ProjectError as exc:
            if not Path(path).exists():
                self.services.settings.preferences.forget_project(str(path))
                self.refresh_recent()
            self.dialogs.error("Open project", str(exc))
            return False
        self.services.set_project(project)
        return True

    def save_copy(self) -> None:
        path = self.dialogs.new_project_path("Save a copy of the project")
        if not path:
            return
        try:
            save_copy(self.session.open_project(), path)
        except ProjectError as exc:
            self.dialogs.error("Save a copy", str(exc))
            return
        self.services.show_status(f"Saved a copy to {path}", 6000)

    # -- importing -------------------------------------------------------------
    def prepare_parser(self) -> None:
        """Boots the parser while files are chosen or dragged in (an import then starts at once)."""
        self.importer.prepare()

    def release_parser(self) -> None:
        """Closes a parser booted for an import that did not come."""
        if self._importer is not None:
            self._importer.shutdown()

    def import_dialog(self) -> None:
        self.prepare_parser()
        paths = self.dialogs.import_paths()
        if paths:
            self.import_files(paths)
        else:
            self.release_parser()

    def replace_dialog(self) -> None:
        document = self.session.document
        if document is None or document.is_container:
            self.dialogs.error("Replace with new version", "Open the document to replace first (not a digest page).")
            return
        self.prepare_parser()
        paths = self.dialogs.import_paths()
        if paths:
            from claimdesk.ops.importing import ImportOptions

            self.importer.start(self.session.open_project().path, [Path(paths[0])],
                                ImportOptions(replace_document=document.id))
        else:
            self.release_parser()

    def import_files(self, paths) -> None:
        if self.session.project is not None:
            self.importer.start(self.session.project.path, [Path(p) for p in paths])

    def _import_finished(self, report) -> None:
        if self.session.project is None:
            return
        from claimdesk.ops.importing import NEW_VERSION

        self.services.apply_changes(report.changes)  # the library, re-anchored claims, suggest on import
        versions = [r for r in report.results if r.status == NEW_VERSION]
        for result in versions:
            self.services.show_status(f"{result.path.name}: {result.message}", 10000)
        if versions:
            self.services.open_document(versions[0].document_ids[0])
        imported = [r for r in report.results if r.status in ("imported", "reimported")]
        if imported:  # open the first new document (a digest's first article, not the page)
            ids = imported[0].document_ids
            self.services.open_document(ids[1] if len(ids) > 1 else ids[0])
        if imported or not versions:
            self.services.show_status(f"Imported {len(imported)} file(s)", 6000)
