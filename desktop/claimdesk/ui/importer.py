"""File ▸ Import and drag-and-drop: the import runs as a background job (ui.jobs) on its
own connection, parsing in a child booted while the files are chosen (ops.import_parser),
with a progress dialog that can cancel,
a password prompt for encrypted PDFs and a report listing every file that failed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from claimdesk.ops.import_parser import StandbyParser
from claimdesk.ops.importing import DUPLICATE, FAILED, IMPORTED, REIMPORTED, SKIPPED, ImportOptions, ImportReport
from claimdesk.ops.importing import import_paths
from claimdesk.ui.jobs import Job, run_job


class Importer(QObject):
    """Runs one import at a time for the main window."""

    finished = Signal(object)  # the combined ImportReport

    def __init__(self, dialogs, parent=None):
        super().__init__(parent)
        self.dialogs = dialogs
        self.job: Job | None = None
        self.standby = StandbyParser()
        self._report = ImportReport()
        self._project_path: Path | None = None
        self._queue: list[tuple[list[Path], ImportOptions]] = []  # encrypted PDFs to retry with a password

    def busy(self) -> bool:
        return self.job is not None

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def prepare(self) -> None:
        """Start a parser child now (the file dialog is open, files are being dragged in), so
        the import does not wait ~0.2 s for it to boot. Closed after the import or in shutdown()."""
        if not self.busy():
            self.standby.boot()

    def shutdown(self) -> None:
        self.standby.close()

    def start(self, project_path: Path, paths: list[Path], options: ImportOptions | None = None) -> bool:
        if self.busy():
            self.dialogs.error("Import", "An import is already running; wait for it or cancel it first.")
            return False
        self._project_path, self._report = project_path, ImportReport()
        self._run(paths, options or ImportOptions())
        return True

    def _run(self, paths: list[Path], options: ImportOptions) -> None:
        parser = self.standby.hand_over(options)

        def work(job):
            with parser:
                return import_paths(job.project, paths, options=options, parser=parser, cancelled=job.cancelled,
                                    progress=lambda index, total, path: job.progress(index, total,
                                                                                     _step(index, total, path)))

        # Cancel also stops the child: a long PDF in flight is neither imported nor failed (ops.importing)
        self.job = run_job("Import", work, project_path=self._project_path, on_done=self._completed,
                           on_error=self._crashed, on_cancel=parser.stop, dialogs=self.dialogs,
                           parent_widget=self.parent(), progress_label="Preparing import…", delay_ms=300,
                           failure="The import stopped: {problem}. Files imported before it are kept.")

    def _completed(self, report: ImportReport) -> None:
        self.job = None
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
        self.job = None
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


def _step(index: int, total: int, path: Path) -> str:
    return f"Importing {Path(path).name} ({index + 1} of {total})" if index < total else "Done"
