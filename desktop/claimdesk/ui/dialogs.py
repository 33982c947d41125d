"""Every question the window asks the user, behind one object so tests can answer
them without a modal dialog ever blocking."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QFileDialog, QInputDialog, QLineEdit, QMessageBox

PROJECT_FILTER = "Claimdesk projects (*.claimdesk);;All files (*)"
IMPORT_FILTER = "Documents (*.txt *.md *.html *.htm *.pdf *.docx *.epub);;All files (*)"


class Dialogs:
    def __init__(self, parent=None):
        self.parent = parent

    def open_project_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "Open project", "", PROJECT_FILTER)
        return path or None

    def new_project_path(self, title: str = "New project") -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, title, "", PROJECT_FILTER)
        if path and not path.endswith(".claimdesk"):
            path += ".claimdesk"
        return path or None

    def save_path(self, title: str, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, title, suggested)
        return path or None

    def import_paths(self) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(self.parent, "Import documents", "", IMPORT_FILTER)
        return paths

    def password(self, file_name: str) -> str | None:
        text, ok = QInputDialog.getText(self.parent, "Encrypted PDF", f"Password for {file_name}:",
                                        QLineEdit.EchoMode.Password)
        return text if ok and text else None

    def text(self, title: str, label: str, initial: str = "") -> str | None:
        value, ok = QInputDialog.getText(self.parent, title, label, QLineEdit.EchoMode.Normal, initial)
        return value if ok else None

    def colour(self, initial: str) -> str | None:
        colour = QColorDialog.getColor(QColor(initial), self.parent, "Kind colour")
        return colour.name() if colour.isValid() else None

    def error(self, title: str, message: str) -> None:
        QMessageBox.warning(self.parent, title, message)

    def report(self, title: str, summary: str, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information if not details else QMessageBox.Icon.Warning,
                          title, summary, parent=self.parent)
        if details:
            box.setDetailedText(details)
        box.exec()

    def confirm(self, title: str, question: str) -> bool:
        """Yes or No, No the default: for what cannot be undone."""
        answer = QMessageBox.question(self.parent, title, question, QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def information(self, title: str, message: str) -> None:
        QMessageBox.information(self.parent, title, message)
