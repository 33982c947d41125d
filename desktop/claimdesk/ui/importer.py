"""File ▸ Import and drag-and-drop: the import runs in a thread on its own connection
(parsing itself is in the worker process), with a progress dialog that can cancel,
a password prompt for encrypted PDFs and a report listing every file that failed."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from claimdesk.core.worker import ParseLimits, ParserProcess
from claimdesk.ops.importing import DUPLICATE, FAILED, IMPORTED, REIMPORTED, SKIPPED, ImportOptions, ImportReport
from claimdesk.ops.importing import import_paths as run_import
from claimdesk.ops.projects import open_existing
from claimdesk.ui.background import BackgroundTask


class ImportThread(QThread):
    progressed = Signal(int, int, str)
    completed = Signal(object)  # ImportReport
    crashed = Signal(str)

    def __init__(self, project_path: Path, paths: list[Path], options: ImportOptions,
                 parser: ParserProcess | None = None, parent=None):
        super().__init__(parent)
        self.project_path, self.paths, self.options, self.parser = project_path, paths, options, parser
        self.cancel_event = threading.Event()

    def run(self) -> None:
        try:
            with open_existing(self.project_path) as project:  # SQLite connections stay in their thread
                report = run_import(project, self.paths, options=self.options,
                                    progress=lambda i, n, p: self.progressed.emit(i, n, Path(p).name),
                                    cancelled=self.cancel_event.is_set, parser=self.parser)
        except Exception as exc:  # reported in the window; the project keeps every finished file
            self.crashed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.completed.emit(report)


class Importer(BackgroundTask):
    """Runs one import at a time for the main window."""

    finished = Signal(object)  # the combined ImportReport

    def __init__(self, dialogs, parent=None):
        super().__init__(parent)
        self.dialogs = dialogs
        self._report = ImportReport()
        self._project_path: Path | None = None
        self._queue: list[tuple[list[Path], ImportOptions]] = []  # encrypted PDFs to retry with a password
        self._standby: ParserProcess | None = None

    def prepare(self) -> None:
        """Start a parser child now (the file dialog is open, files are being dragged in), so
        the import does not wait ~0.2 s for it to boot. Closed after the import or in shutdown()."""
        if self._standby is None and not self.busy():
            self._standby = ParserProcess(ParseLimits(), preload_pdf=True)
            self._standby.start()

    def shutdown(self) -> None:
        if self._standby is not None:
            self._standby.close()
            self._standby = None

    def start(self, project_path: Path, paths: list[Path], options: ImportOptions | None = None) -> bool:
        if self.busy():
            self.dialogs.error("Import", "An import is already running; wait for it or cancel it first.")
            return False
        self._project_path, self._report = project_path, ImportReport()
        self._run(paths, options or ImportOptions())
        return True

    def _run(self, paths: list[Path], options: ImportOptions) -> None:
        self.open_progress("Import", "Preparing import…", 300)
        parser, self._standby = (self._standby, None) if options.limits == ParseLimits() else (None, self._standby)
        self.thread = ImportThread(self._project_path, paths, options, parser, self)
        self.thread.progressed.connect(self._progressed)
        self.thread.completed.connect(self._completed)
        self.thread.crashed.connect(self._crashed)
        self.thread.start()

    def _progressed(self, index: int, total: int, name: str) -> None:
        self.show_progress(index, total, f"Importing {name} ({index + 1} of {total})" if index < total else "Done")

    def finish_thread(self) -> None:
        parser = self.thread.parser if self.thread is not None else None
        super().finish_thread()
        if parser is not None:
            parser.close()  # a fresh child for every import: no memory carried over from hostile files

    def _completed(self, report: ImportReport) -> None:
        self.finish_thread()
        self._report.cancelled |= report.cancelled
        for result in report.results:
            password = None
            if result.needs_password and not report.cancelled:
                password = self.dialogs.password(result.path.name)  # asked again after a wrong one
            if password:
                self._queue.append(([result.path], ImportOptions(password=password)))
            else:
                self._report.results.append(result)
        if self._queue and not report.cancelled:
            self._run(*self._queue.pop(0))
        else:
            self._queue.clear()
            self._done()

    def _crashed(self, message: str) -> None:
        self.finish_thread()
        self.dialogs.error("Import failed", f"The import stopped: {message}. Files imported before it are kept.")
        self._done()

    def _done(self) -> None:
        report = self._report
        imported = report.count(IMPORTED) + report.count(REIMPORTED)
        summary = (f"{imported} imported, {report.count(DUPLICATE)} duplicate, {report.count(FAILED)} failed, "
                   f"{report.count(SKIPPED)} skipped" + (" — cancelled" if report.cancelled else ""))
        details = "\n".join(f"{r.path.name}: {r.message}" for r in report.results if r.status in (FAILED, DUPLICATE))
        if report.failed or report.cancelled or report.count(DUPLICATE):
            self.dialogs.report("Import", summary, details)
        self.finished.emit(report)
