"""GUI fixtures: isolated settings, scripted dialogs, and a main window on a temp project."""

from __future__ import annotations

import pytest

from claimdesk.ui.settings import Settings


class ScriptedDialogs:
    """Answers the window's questions from queues instead of modal dialogs; records what it was told."""

    def __init__(self):
        self.paths: list[str | None] = []
        self.import_choices: list[list[str]] = []
        self.passwords: list[str | None] = []
        self.colours: list[str | None] = []
        self.texts: list[str | None] = []
        self.errors: list[tuple[str, str]] = []
        self.reports: list[tuple[str, str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.confirms: list[bool] = []  # answers to yes/no questions, in order
        self.questions: list[tuple[str, str]] = []

    def open_project_path(self):
        return self.paths.pop(0)

    def new_project_path(self, title="New project"):
        return self.paths.pop(0)

    def save_path(self, title, suggested):
        return self.paths.pop(0)

    def import_paths(self):
        return self.import_choices.pop(0)

    def password(self, file_name):
        return self.passwords.pop(0) if self.passwords else None

    def text(self, title, label, initial=""):
        return self.texts.pop(0)

    def colour(self, initial):
        return self.colours.pop(0)

    def error(self, title, message):
        self.errors.append((title, message))

    def report(self, title, summary, details):
        self.reports.append((title, summary, details))

    def information(self, title, message):
        self.infos.append((title, message))

    def confirm(self, title, question):
        self.questions.append((title, question))
        return self.confirms.pop(0)


@pytest.fixture(autouse=True)
def no_held_modifiers(qapp):
    """Each test starts with no modifier key held. A Ctrl+key that opens a modal dialog
    leaves Control down in the application's state (the release goes to the blocked
    window and is dropped), and selectRow() and clicks then toggle instead of select."""
    yield
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    if QGuiApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        sink = QWidget()
        for key in (Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Alt, Qt.Key.Key_Meta):
            QTest.keyRelease(sink, key)
        sink.deleteLater()


@pytest.fixture
def settings(tmp_path):
    """Settings of a user already asked for a name (the first-use question has its own test)."""
    settings = Settings.at(tmp_path / "settings" / "claimdesk.ini")
    settings.preferences.user_name_asked = True
    return settings


@pytest.fixture
def dialogs():
    return ScriptedDialogs()


@pytest.fixture
def make_window(qtbot, settings, dialogs):
    from claimdesk.ui.main_window import MainWindow

    def make(project):
        window = MainWindow(project, settings, dialogs)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # window shortcuts only fire in the active window
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


def import_and_wait(qtbot, window, paths, timeout=30000):
    with qtbot.waitSignal(window.project_menu.importer.finished, timeout=timeout) as blocker:
        window.project_menu.import_files(paths)
    # a window manager gives the window back its activation when the progress dialog closes;
    # the offscreen platform has none, and window shortcuts (Ctrl+Z) need an active window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return blocker.args[0]
