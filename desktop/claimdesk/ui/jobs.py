"""One way to run long work off the GUI thread: imports, suggestions, exports, the sample
project and large claim queries (after Anki's CollectionOp/QueryOp).

The work runs in its own QThread and gets a ``JobContext``: the project opened in that
thread on first use (SQLite connections never cross threads), ``progress`` and
``cancelled`` to hand to an op. Its result, or one clear message for what went wrong,
comes back to the GUI thread; a progress dialog with Cancel appears only if the work
lasts. Every running job is listed, so the window can stop them when it closes.

Also here: the status-bar notice while a change waits for another writer, since that
wait happens in the jobs' threads (issue 16).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog

from claimdesk.ops.projects import Project, ProjectError, is_damage, open_existing, wait_for_other_writers
from claimdesk.ui.errors import describe_error

_RUNNING: set["Job"] = set()


class JobContext:
    """What the work is given, in its thread."""

    def __init__(self, project_path: Path | None, report: Callable[[int, int, str], None],
                 cancel_event: threading.Event):
        self._project_path, self._report, self._cancel_event = project_path, report, cancel_event
        self._project: Project | None = None

    @property
    def project(self) -> Project:
        """The job's own connection to its project, opened on first use and closed after the work."""
        if self._project is None:
            if self._project_path is None:
                raise ProjectError("this task was started without a project")
            self._project = open_existing(self._project_path)
        return self._project

    def progress(self, index: int, total: int, label: object = "") -> None:
        self._report(index, total, str(label))

    def cancelled(self) -> bool:
        return self._cancel_event.is_set()

    def close(self) -> None:
        if self._project is not None:
            self._project.close()
            self._project = None


class _WorkThread(QThread):
    def __init__(self, job: "Job"):
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job._work_in_thread()


class Job(QObject):
    """One piece of work in a thread; start it with ``run_job``."""

    progressed = Signal(int, int, str)  # emitted in the work's thread, delivered in the GUI thread
    finished = Signal()  # in the GUI thread, after on_done or on_error
    _ended = Signal()

    def __init__(self, title: str, work: Callable[[JobContext], Any], *, project_path: Path | None = None,
                 on_done: Callable[[Any], None] | None = None, on_error: Callable[[str], None] | None = None,
                 dialogs=None, parent_widget=None, progress_label: str | None = None, delay_ms: int = 500,
                 cancellable: bool = True, on_cancel: Callable[[], None] | None = None,
                 explain: Callable[[BaseException], str] = describe_error, failure: str = "{problem}"):
        super().__init__()
        self.title, self._work, self.project_path = title, work, project_path
        self._on_done, self._on_error, self._dialogs = on_done, on_error, dialogs
        self._explain, self._failure = explain, failure
        self.cancellable, self._on_cancel = cancellable, on_cancel
        self._cancel_event = threading.Event()
        self._outcome: tuple[bool, Any] = (False, "the task did not run")
        self._settled = False
        self._thread = _WorkThread(self)
        self._ended.connect(self._settle, Qt.ConnectionType.QueuedConnection)
        self.progress_dialog: QProgressDialog | None = None
        if progress_label is not None:
            self.progress_dialog = self._open_progress(parent_widget, progress_label, delay_ms)
            self.progressed.connect(self._show_progress)

    def start(self) -> "Job":
        _RUNNING.add(self)
        self._thread.start()
        return self

    def running(self) -> bool:
        return not self._settled

    def cancel(self) -> None:
        """Asks the work to stop at its next check, and ``on_cancel`` to interrupt what it is
        waiting for (an import's parser child); work that cannot stop runs to its end."""
        if self.cancellable and not self._cancel_event.is_set() and not self._settled:
            self._cancel_event.set()
            if self._on_cancel is not None:
                self._on_cancel()
            if self.progress_dialog is not None:
                self.progress_dialog.setLabelText("Cancelling…")

    def wait(self, timeout_ms: int | None = None) -> bool:
        """Blocks until the work's thread ends (its result is still delivered by the event loop)."""
        return self._thread.wait() if timeout_ms is None else self._thread.wait(timeout_ms)

    # -- in the work's thread ---------------------------------------------------
    def _work_in_thread(self) -> None:
        context = JobContext(self.project_path, self.progressed.emit, self._cancel_event)
        try:
            self._outcome = (True, self._work(context))
        except Exception as exc:  # one message to the GUI, never a traceback through the event loop
            self._outcome = (False, self._describe(exc))
        finally:
            try:
                context.close()
            except Exception as exc:  # closing after the work is done: report, keep the result
                if self._outcome[0]:
                    self._outcome = (False, self._describe(exc))
        self._ended.emit()

    def _describe(self, exc: BaseException) -> str:
        """A damaged project file is one message naming `claimdesk recover`, whatever the task."""
        if self.project_path is not None and is_damage(exc):
            return describe_error(exc, self.project_path)
        return self._explain(exc)

    # -- in the GUI thread ------------------------------------------------------
    def _open_progress(self, parent_widget, label: str, delay_ms: int) -> QProgressDialog:
        dialog = QProgressDialog(label, "Cancel" if self.cancellable else "", 0, 0, parent_widget)
        dialog.setWindowTitle(self.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        if not self.cancellable:
            dialog.setCancelButton(None)
        dialog.setMinimumDuration(delay_ms)
        dialog.canceled.connect(self.cancel)
        return dialog

    def _show_progress(self, index: int, total: int, label: str) -> None:
        dialog = self.progress_dialog  # setValue on a modal dialog processes events, which may end the job
        if dialog is None or self._cancel_event.is_set():
            return
        if label:
            dialog.setLabelText(label)
        dialog.setMaximum(total)
        dialog.setValue(index)

    def _settle(self, quiet: bool = False) -> None:
        """Ends the job once: thread joined, dialog closed, then its result or error delivered
        (``quiet``: the window is going away, nothing is delivered)."""
        if self._settled:
            return
        self._settled = True
        self._thread.wait()
        _RUNNING.discard(self)
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self.cancel)
            self.progress_dialog.reset()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        if quiet:
            return
        ok, value = self._outcome
        if ok:
            if self._on_done is not None:
                self._on_done(value)  # an op's report or Outcome carries its Changes for the owner to route
        else:
            if self._dialogs is not None:
                self._dialogs.error(self.title, self._failure.format(problem=value))
            if self._on_error is not None:
                self._on_error(value)
        self.finished.emit()


def run_job(title: str, work: Callable[[JobContext], Any], **options) -> Job:
    """Starts ``work(context)`` in a thread; ``options`` as for ``Job``. On the GUI thread
    afterwards: ``on_done(result)``, or the error shown through ``dialogs.error(title,
    failure.format(problem=message))`` and then ``on_error(message)``."""
    return Job(title, work, **options).start()


def running_jobs() -> list[Job]:
    return list(_RUNNING)


def stop_jobs(timeout_ms: int | None = None) -> bool:
    """For the window's closeEvent: cancels every job that can stop, waits for them all
    (work that cannot be cancelled, such as the sample build, finishes) and delivers no
    results, since the window is going away. False if one outlived ``timeout_ms``."""
    jobs = running_jobs()
    for job in jobs:
        job.cancel()
    ended = True
    for job in jobs:
        if job.wait(timeout_ms):
            job._settle(quiet=True)
        else:
            ended = False
    return ended


# -- another writer holds the project ----------------------------------------
LOCK_WAIT_SECONDS = 5.0  # as the store's default: a change made in the window waits in the GUI thread
WAITING_MESSAGE = "Waiting for another task or another Claimdesk to finish writing to this project…"


class _LockWaitNotices(QObject):
    waiting = Signal(str, int)  # message, how long to show it (ms)


_notices: _LockWaitNotices | None = None


def lock_wait_notices() -> _LockWaitNotices:
    """Whose ``waiting`` signal a change emits when it finds the project busy, from whichever
    thread waits; created in the GUI thread, so connected slots run there."""
    global _notices
    if _notices is None:
        _notices = _LockWaitNotices()
    return _notices


def _say_waiting() -> None:
    lock_wait_notices().waiting.emit(WAITING_MESSAGE, int(LOCK_WAIT_SECONDS * 1000))


def show_lock_waits_in(status_bar) -> None:
    """Shows in ``status_bar`` why nothing happens while another writer holds the project
    (for every project opened from now on; the message lasts as long as the wait may)."""
    notices = lock_wait_notices()
    wait_for_other_writers(LOCK_WAIT_SECONDS, _say_waiting)
    notices.waiting.connect(status_bar.showMessage)
