"""The window's secondary dialogs: search everywhere, kinds, shortcuts, about."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from claimdesk import __version__
from claimdesk.ops import kinds as kind_ops
from claimdesk.ops.search import search_everywhere
from claimdesk.ui.kinds_dialog import KindsDialog
from claimdesk.ui.search_dialog import SearchDialog


class _ProjectKinds:
    """The kinds ops bound to the window's open project, for the kinds dialog."""

    def __init__(self, window):
        self.window = window

    def list_kinds(self):
        return kind_ops.list_kinds(self.window.project)

    def add_kind(self, label, colour, shortcut, fields=()):
        return kind_ops.add_kind(self.window.project, label, colour, shortcut, fields)

    def update_kind(self, kind):
        return kind_ops.update_kind(self.window.project, kind)


class WindowTools:
    def __init__(self, window):
        self.window = window
        self.search_dialog: SearchDialog | None = None
        self.kinds_dialog: KindsDialog | None = None

    def search_everywhere(self) -> SearchDialog:
        window = self.window
        if self.search_dialog is None:
            self.search_dialog = SearchDialog(lambda query: search_everywhere(window.project, query), window)
            self.search_dialog.openRequested.connect(window.open_at)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.query.setFocus()
        self.search_dialog.query.selectAll()
        return self.search_dialog

    def edit_kinds(self) -> KindsDialog:
        if self.kinds_dialog is None:
            self.kinds_dialog = KindsDialog(_ProjectKinds(self.window), self.window.dialogs, self.window)
            self.kinds_dialog.kindsChanged.connect(self.window.reload_kinds)
        else:
            self.kinds_dialog.reload()
        self.kinds_dialog.show()
        self.kinds_dialog.raise_()
        return self.kinds_dialog

    def shortcut_rows(self) -> list[tuple[str, str]]:
        return self.window.actions.shortcut_table(self.window.kinds.values())

    def show_shortcuts(self) -> QDialog:
        rows = "".join(f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(what)}</td></tr>"
                       for keys, what in self.shortcut_rows())
        dialog = QDialog(self.window)
        dialog.setWindowTitle("Keyboard shortcuts")
        dialog.resize(460, 560)
        browser = QTextBrowser()
        browser.setHtml(f"<table cellspacing=4>{rows}</table>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(browser)
        layout.addWidget(buttons)
        dialog.show()
        return dialog

    def export(self):
        from claimdesk.ui.export_dialog import ExportDialog

        if self.window.project is None:
            return None
        self.export_dialog = ExportDialog(self.window.project.path, self.window.kinds, self.window.dialogs, self.window)
        self.export_dialog.show()
        return self.export_dialog

    def ask_user_name(self) -> None:
        """The name written into history and checked by the two-person rule."""
        preferences = self.window.settings.preferences
        name = self.window.dialogs.text("Reviewer name", "Your name as a reviewer (blank: unnamed analyst):",
                                        preferences.user_name)
        if name is not None:
            preferences.user_name = name.strip()
            self.window.statusBar().showMessage(f"Acting as {name.strip() or 'unnamed analyst'}", 6000)

    def show_about(self) -> None:
        self.window.dialogs.information(
            "About Claimdesk", f"Claimdesk {__version__}\nMark, verify and cite claims in government releases.")


