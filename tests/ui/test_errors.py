"""Errors nobody caught reach the user as one message: damage found after the project was
opened names `claimdesk recover`, in a slot or in a background job; never only a traceback."""

from __future__ import annotations

import sqlite3
import sys

import pytest
from PySide6.QtCore import QTimer

from claimdesk.ops.projects import new_project
from claimdesk.ui import errors
from claimdesk.ui.jobs import run_job
from tests.ui.conftest import ScriptedDialogs


@pytest.fixture
def restored_excepthook():
    previous = sys.excepthook
    yield
    sys.excepthook = previous


def test_damage_is_described_with_the_recover_command(tmp_path):
    damaged = sqlite3.DatabaseError("database disk image is malformed")
    message = errors.describe_error(damaged, tmp_path / "p.claimdesk")
    assert "the project file is damaged" in message and f"claimdesk recover {tmp_path / 'p.claimdesk'}" in message
    assert errors.describe_error(KeyError("page")) == "KeyError: 'page'"


@pytest.mark.qt_no_exception_capture
def test_damage_raised_in_a_slot_after_opening_becomes_one_message(qtbot, tmp_path, restored_excepthook, capsys):
    shown: list[tuple[str, str]] = []
    errors.install(lambda title, message: shown.append((title, message)), lambda: tmp_path / "p.claimdesk")

    def a_repaint_reading_a_damaged_page():
        raise sqlite3.DatabaseError("database disk image is malformed")

    QTimer.singleShot(0, a_repaint_reading_a_damaged_page)
    qtbot.waitUntil(lambda: bool(shown))
    [(title, message)] = shown
    assert title == "Claimdesk" and "claimdesk recover" in message and "damaged" in message
    assert "Traceback" in capsys.readouterr().err  # kept for a bug report, on stderr


@pytest.mark.qt_no_exception_capture
def test_any_other_uncaught_error_says_what_failed_and_that_saved_work_is_kept(qtbot, restored_excepthook):
    shown: list[str] = []
    errors.install(lambda title, message: shown.append(message), lambda: None)
    QTimer.singleShot(0, lambda: {}["missing"])
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0].startswith("Something went wrong: KeyError: 'missing'") and errors.SAVED in shown[0]


def test_a_job_that_meets_damage_names_the_recover_command(qtbot, tmp_path):
    path = tmp_path / "p.claimdesk"
    new_project(path).close()
    dialogs = ScriptedDialogs()

    def read_a_damaged_page(job):
        assert job.project is not None  # opens it in the job's thread, as every task does
        raise sqlite3.DatabaseError("database disk image is malformed")

    job = run_job("Suggest claims", read_a_damaged_page, project_path=path, dialogs=dialogs)
    with qtbot.waitSignal(job.finished):
        pass
    [(_title, message)] = dialogs.errors
    assert f"claimdesk recover {path}" in message
