"""Claim queries that can take longer than a frame (sorting 100k claims): a background job
on its own connection, whose answer comes back tagged with the filter's generation so the
table drops answers to filters it no longer shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from claimdesk.ops import claims as claim_ops
from claimdesk.ui.jobs import Job, run_job


def start_claim_ids_job(project_path: Path, claim_filter: claim_ops.ClaimFilter, generation: int,
                        on_done: Callable[[int, list[int]], None], on_failed: Callable[[int, str], None]) -> Job:
    """Errors go to ``on_failed`` (the window's status bar), not a dialog: the table keeps its rows."""
    return run_job("Claims", lambda job: claim_ops.claim_ids(job.project, claim_filter), project_path=project_path,
                   on_done=lambda ids: on_done(generation, ids),
                   on_error=lambda message: on_failed(generation, message), cancellable=False)
