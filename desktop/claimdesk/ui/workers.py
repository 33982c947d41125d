"""Queries that can take longer than a frame run here, each on its own SQLite connection
(connections never cross threads); results come back to the GUI thread by signal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from claimdesk.core.claims import ClaimFilter
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.projects import open_existing


class _Signals(QObject):
    done = Signal(int, object)  # generation, result
    failed = Signal(int, str)


class ClaimIdsJob(QRunnable):
    def __init__(self, project_path: Path, claim_filter: ClaimFilter, generation: int):
        super().__init__()
        self.project_path, self.claim_filter, self.generation = project_path, claim_filter, generation
        self.signals = _Signals()

    def run(self) -> None:
        try:
            with open_existing(self.project_path) as project:
                ids = claim_ops.claim_ids(project, self.claim_filter)
        except Exception as exc:  # shown in the status bar; the table keeps its old rows
            self.signals.failed.emit(self.generation, f"{type(exc).__name__}: {exc}")
            return
        self.signals.done.emit(self.generation, ids)


def start_claim_ids_job(project_path: Path, claim_filter: ClaimFilter, generation: int, on_done, on_failed) -> None:
    job = ClaimIdsJob(project_path, claim_filter, generation)
    job.signals.done.connect(on_done)
    job.signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(job)
