"""The window's secondary dialogs: search everywhere, kinds, export, shortcuts, about, and
the reviewer's name."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from claimdesk import __version__
from claimdesk.core.kinds import FieldDef, Kind
from claimdesk.ops import kinds as kind_ops
from claimdesk.ui.window_part import WindowPart, WindowServices

if TYPE_CHECKING:  # the dialogs load when first asked for
    from claimdesk.ui.export_dialog import ExportDialog
    from claimdesk.ui.kinds_dialog import KindsDialog
    from claimdesk.ui.publish_dialog import PublishDialog
    from claimdesk.ui.search_dialog import SearchDialog


class _ProjectKinds:
    """The kinds ops bound to the window's open project, for the kinds dialog; what each
    change touched goes to the window's parts."""

    def __init__(self, services: WindowServices):
        self.services = services

    def list_kinds(self) -> list[Kind]:
        return kind_ops.list_kinds(self.services.session.open_project())

    def add_kind(self, label: str, colour: str, shortcut: str | None, fields: tuple[FieldDef, ...] = ()) -> Kind:
        outcome = kind_ops.add_kind(self.services.session.open_project(), label, colour, shortcut, fields)
        self.services.apply_changes(outcome.changes)
        return outcome.result

    def update_kind(self, kind: Kind) -> Kind:
        outcome = kind_ops.update_kind(self.services.session.open_project(), kind)
        self.services.apply_changes(outcome.changes)
        return outcome.result


class WindowTools(WindowPart):
    def __init__(self, services: WindowServices):
        self.services, self.session = services, services.session
        self.search_dialog: SearchDialog | None = None
        self.kinds_dialog: KindsDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.publish_dialog: PublishDialog | None = None

    def handlers(self) -> dict[str, Callable[[], object]]:
        return {"edit.search": self.search_everywhere, "edit.kinds": self.edit_kinds, "edit.user": self.ask_user_name,
                "file.export": self.export, "file.publish": self.publish, "help.shortcuts": self.show_shortcuts,
                "help.about": self.show_about}

    def search_everywhere(self) -> SearchDialog:
        if self.search_dialog is None:
            from claimdesk.ops.search import search_everywhere
            from claimdesk.ui.search_dialog import SearchDialog

            self.search_dialog = SearchDialog(lambda query: search_everywhere(self.session.open_project(), query),
                                              self.services.parent)
            self.search_dialog.openRequested.connect(self.services.open_at)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.query.setFocus()
        self.search_dialog.query.selectAll()
        return self.search_dialog

    def edit_kinds(self) -> KindsDialog:
        if self.kinds_dialog is None:
            from claimdesk.ui.kinds_dialog import KindsDialog

            self.kinds_dialog = KindsDialog(_ProjectKinds(self.services), self.services.dialogs, self.services.parent)
        else:
            self.kinds_dialog.reload()
        self.kinds_dialog.show()
        self.kinds_dialog.raise_()
        return self.kinds_dialog

    def shortcut_rows(self) -> list[tuple[str, str]]:
        return self.services.actions.shortcut_table(self.session.kinds.values())

    def show_shortcuts(self) -> QDialog:
        rows = "".join(f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(what)}</td></tr>"
                       for keys, what in self.shortcut_rows())
        dialog = QDialog(self.services.parent)
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

    def export(self) -> ExportDialog | None:
        from claimdesk.ui.export_dialog import ExportDialog

        if self.session.project is None:
            return None
        self.export_dialog = ExportDialog(self.session.project.path, self.session.kinds, self.services.dialogs,
                                          self.services.parent)
        self.export_dialog.show()
        return self.export_dialog

    def publish(self) -> PublishDialog | None:
        from claimdesk.ui.publish_dialog import PublishDialog, describe_published

        if self.session.project is None:
            return None
        self.publish_dialog = PublishDialog(self.session.project.path, self.services.dialogs, self.services.parent)
        self.publish_dialog.published.connect(lambda published: self.services.show_status(
            describe_published(published), 15000))
        self.publish_dialog.show()
        return self.publish_dialog

    def ask_user_name(self) -> None:
        """The name written into history and checked by the two-person rule."""
        preferences = self.services.settings.preferences
        name = self.services.dialogs.text("Reviewer name", "Your name as a reviewer (blank: unnamed analyst):",
                                          preferences.user_name)
        if name is not None:
            preferences.user_name = name.strip()
            self.services.show_status(f"Acting as {name.strip() or 'unnamed analyst'}", 6000)

    def show_about(self) -> None:
        self.services.dialogs.information(
            "About Claimdesk", f"Claimdesk {__version__}\nMark, verify and cite claims in government releases.")
