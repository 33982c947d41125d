"""The one background-job helper (ui/jobs.py): a job that succeeds, fails, is cancelled
(in code, from its progress dialog, and at shutdown), and the status-bar notice while a
job waits for another writer."""

import sqlite3
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QPushButton

from claimdesk.ops import kinds as kind_ops
from claimdesk.ops.projects import ProjectError
from claimdesk.ui import jobs
from claimdesk.ui.jobs import WAITING_MESSAGE, run_job, running_jobs, show_lock_waits_in, stop_jobs
from tests.ui.conftest import ScriptedDialogs


@pytest.fixture(autouse=True)
def no_job_left(qtbot):
    yield
    stop_jobs(10000)
    assert running_jobs() == []


def _until_cancelled(job):
    """Work that runs until asked to stop, checking as the ops do (between steps)."""
    pause = threading.Event()
    steps = 0
    while not job.cancelled():
        steps += 1
        pause.wait(0.005)
    return steps


def test_a_job_runs_on_its_own_connection_and_hands_back_its_result(qtbot, project):
    results, threads = [], []

    def work(job):
        threads.append(threading.current_thread())
        return [kind.name for kind in kind_ops.list_kinds(job.project)]

    with qtbot.waitSignal(run_job("Kinds", work, project_path=project.path, on_done=results.append).finished):
        assert len(running_jobs()) == 1
    assert "statistic" in results[0] and threads[0] is not threading.main_thread()
    assert running_jobs() == []


def test_a_failing_job_shows_one_message_and_tells_its_owner(qtbot, tmp_path):
    dialogs, told, done = ScriptedDialogs(), [], []
    missing = tmp_path / "gone.claimdesk"
    job = run_job("Suggest claims", lambda job: job.project, project_path=missing, dialogs=dialogs,
                  on_done=done.append, on_error=told.append, failure="Suggesting stopped: {problem}")
    with qtbot.waitSignal(job.finished):
        pass
    assert done == [] and len(told) == 1 and "gone.claimdesk" in told[0]
    assert dialogs.errors == [("Suggest claims", f"Suggesting stopped: {told[0]}")]
    assert "Error" not in told[0]  # a refusal of ours reads as a sentence, not as an exception type


def test_an_unexpected_exception_is_named_by_its_type():
    assert jobs.describe_error(KeyError("page")) == "KeyError: 'page'"
    assert jobs.describe_error(ProjectError("x.claimdesk: not a project")) == "x.claimdesk: not a project"


def test_a_cancelled_job_stops_at_its_next_check(qtbot):
    done = []
    job = run_job("Count", _until_cancelled, on_done=done.append)
    qtbot.waitUntil(lambda: job.running() and job._thread.isRunning())
    with qtbot.waitSignal(job.finished, timeout=10000):
        job.cancel()
    assert len(done) == 1 and not job.running()


def test_a_job_that_cannot_stop_ignores_cancel(qtbot):
    release, done = threading.Event(), []
    job = run_job("Export", lambda job: release.wait(10) and job.cancelled(), on_done=done.append, cancellable=False)
    job.cancel()
    with qtbot.waitSignal(job.finished, timeout=10000):
        release.set()
    assert done == [False]


def test_the_progress_dialog_shows_progress_and_its_cancel_button_stops_the_work(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    done = []

    def work(job):
        job.progress(2, 7, "Importing c.txt (3 of 7)")
        return _until_cancelled(job)

    job = run_job("Import", work, on_done=done.append, parent_widget=window, progress_label="Preparing…",
                  delay_ms=0)
    dialog = job.progress_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.value() == 2)
    assert dialog.maximum() == 7 and dialog.labelText() == "Importing c.txt (3 of 7)"
    with qtbot.waitSignal(job.finished, timeout=10000):
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert len(done) == 1 and job.progress_dialog is None


def test_stopping_at_shutdown_cancels_waits_and_delivers_nothing(qtbot, qapp):
    release, done, errors = threading.Event(), [], []
    stoppable = run_job("Suggest claims", _until_cancelled, on_done=done.append)
    unstoppable = run_job("Sample project", lambda job: release.wait(10), on_done=done.append, cancellable=False,
                          on_error=errors.append)
    qtbot.waitUntil(lambda: stoppable._thread.isRunning() and unstoppable._thread.isRunning())
    release.set()  # the sample build finishes on its own; the window waits for it
    assert stop_jobs(10000)
    assert running_jobs() == [] and not stoppable.running() and not unstoppable.running()
    qapp.processEvents()  # the jobs' queued "ended" events arrive now and find them settled
    assert done == [] and errors == []


def test_a_job_waiting_for_another_writer_says_so_in_the_status_bar(qtbot, project, monkeypatch):
    from claimdesk.store.project import ProjectDatabase

    monkeypatch.setattr(ProjectDatabase, "on_wait", None)  # restored after the test: the setting is global
    monkeypatch.setattr(ProjectDatabase, "lock_wait", ProjectDatabase.lock_wait)
    window = QMainWindow()
    qtbot.addWidget(window)
    show_lock_waits_in(window.statusBar())
    holder = sqlite3.connect(project.path, isolation_level=None, check_same_thread=False)  # another Claimdesk
    holder.execute("BEGIN IMMEDIATE")
    added = []
    try:
        with qtbot.waitSignal(window.statusBar().messageChanged, timeout=10000,
                              check_params_cb=lambda text: text == WAITING_MESSAGE):
            job = run_job("Kinds", lambda job: kind_ops.add_kind(job.project, "Tender", "#336699"),
                          project_path=project.path, on_done=added.append)
        assert not added  # still waiting: the other writer has the project
    finally:
        holder.execute("COMMIT")
        holder.close()
    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    assert len(added) == 1
    assert "Tender" in [kind.label for kind in kind_ops.list_kinds(project)]


def test_the_window_says_why_a_suggestion_run_waits_for_another_claimdesk(qtbot, project, make_window, monkeypatch):
    from claimdesk.ops.importing import import_paths
    from claimdesk.store.project import ProjectDatabase
    from tests.conftest import SAMPLES

    monkeypatch.setattr(ProjectDatabase, "on_wait", None)
    monkeypatch.setattr(ProjectDatabase, "lock_wait", ProjectDatabase.lock_wait)
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    window = make_window(project)
    holder = sqlite3.connect(project.path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with qtbot.waitSignal(window.statusBar().messageChanged, timeout=10000,
                              check_params_cb=lambda text: text == WAITING_MESSAGE):
            window.action_registry["review.suggest_all"].trigger()
        assert window.review.suggester.busy()
    finally:
        holder.execute("COMMIT")
        holder.close()
    with qtbot.waitSignal(window.review.suggester.finished, timeout=30000) as blocker:
        pass
    assert blocker.args[0].suggestions > 0
