"""Merging another analyst's project (FROM) into this one (INTO): ``claimdesk merge``,
File ▸ Merge another analyst's project….

FROM is never written: it is inspected (a file that is not a project, is damaged or was
written by a newer Claimdesk is refused, INTO untouched), copied to a private folder and,
when older, migrated there. The plan (``preview``) pairs what both hold: originals by
SHA-256, documents by original and article ordinal, kinds by name, review statuses by
name, subjects by their name and alias keys (aliases united), measures by key under their
subject, people by name key; claims by ``core.project_merge`` (same document and kind,
overlapping spans). ``merge`` writes a backup of INTO beside it, then applies the plan in
one transaction: new claims come with their author, history, evidence and links; a claim
both hold gets the values only FROM had, FROM's history and evidence, and a stored
disagreement for each value the two state differently (resolved in
``ops.merge_disagreements``); a claim one side deleted and the other kept is neither added
back nor removed, but stored as a disagreement too (``merge_plan._plan_deletions``). A
plan that adds nothing writes nothing, so merging the same file twice changes nothing the
second time.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from claimdesk.core.project_merge import DEFAULT_THRESHOLD, MergeCounts, MergeError
from claimdesk.ops import merge_plan
from claimdesk.store import events
from claimdesk.store import review as review_repo
from claimdesk.store.project import (NewerProjectError, Project, ProjectError, StorageError, backup_project,
                                     copy_readable, inspect_project_file, open_project, storage_errors)

__all__ = ["DEFAULT_THRESHOLD", "MergeError", "MergeResult", "MergeSource", "merge", "open_source", "preview",
           "private_copy"]


@dataclass
class MergeSource:
    """FROM, opened for merging: ``project`` is a private copy (migrated when FROM is older)."""

    path: Path
    project: Project
    folder: Path

    def close(self) -> None:
        self.project.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "MergeSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_source(path: str | Path, into: Project | None = None, into_path: Path | None = None) -> MergeSource:
    """FROM checked and copied; raises MergeError naming the file and the problem.
    ``into_path``: INTO's file when ``into`` is a private copy of it (a dry run)."""
    path = Path(path)
    into_path = into_path or (into.path if into is not None else None)
    if into_path is not None and path.exists() and path.resolve() == into_path.resolve():
        raise MergeError(f"{path}: that is the project being merged into; choose another analyst's project")
    return private_copy(path)


def private_copy(path: str | Path) -> MergeSource:
    """A project file checked and copied to a private folder, migrated there when older,
    the file itself left as it was: FROM, or INTO for a dry run (a preview must not upgrade
    INTO in place or write a backup beside it). Raises MergeError naming the file."""
    path = Path(path)
    try:
        inspect_project_file(path)
    except NewerProjectError as exc:
        raise MergeError(f"{exc} Nothing was merged.") from None
    except ProjectError as exc:
        raise MergeError(f"{exc}; nothing was merged") from None
    folder = Path(tempfile.mkdtemp(prefix="claimdesk-merge-"))
    try:
        copy = folder / "from.claimdesk"
        copy_readable(path, copy)
        project = open_project(copy)  # an older FROM is migrated here, in the copy
    except (OSError, ProjectError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        message = str(exc).replace(str(folder / "from.claimdesk"), str(path))
        raise MergeError(f"{path}: cannot be read for merging ({message}); nothing was merged") from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return MergeSource(path, project, folder)


@dataclass
class MergeResult:
    counts: MergeCounts
    backup: Path | None  # None when there was nothing to merge (nothing was written)
    unplaced: list[str] = field(default_factory=list)  # FROM's claims whose quote INTO's text no longer holds

    @property
    def changed(self) -> bool:
        return self.backup is not None

    def message(self, into: Path, source: Path) -> str:
        if not self.changed:
            return f"{source.name}: nothing to merge, {into.name} already holds all of it ({self.counts.line()})"
        return (f"{source.name} merged into {into.name}: {self.counts.line()}; the project as it was before is "
                f"saved as {self.backup}")


def preview(into: Project, source: MergeSource, threshold: float = DEFAULT_THRESHOLD) -> merge_plan.MergePlan:
    """What ``merge`` would do, counted; writes nothing."""
    with storage_errors():
        return merge_plan.make_plan(into.db, source.project.db, threshold, review_repo.two_person_rule(into.db))


def merge(into: Project, source: MergeSource, threshold: float = DEFAULT_THRESHOLD,
          actor: str | None = None) -> MergeResult:
    """Merges ``source`` into ``into``: backup first, then one transaction (see the module)."""
    if into.read_only:
        raise StorageError(f"{into.path}: the project is open read-only; nothing was merged (save a copy to edit it)")
    actor = actor or events.current_actor()
    # the plan is made inside the transaction (which holds the write lock), so what another
    # Claimdesk wrote before it is planned for; the backup is read by its own connection,
    # which sees INTO as last committed: as it was before this merge
    with into.db.atomic():
        plan = merge_plan.make_plan(into.db, source.project.db, threshold, review_repo.two_person_rule(into.db))
        if plan.empty:
            return MergeResult(plan.counts, None, plan.unplaced)
        backup = _backup(into.path)
        merge_plan.apply_plan(into.db, source.project.db, plan, source.path.name, actor)
        events.record_event(into.db, "project.merge", str(source.path),
                            {"threshold": threshold, "backup": str(backup), **plan.counts.__dict__,
                             "unplaced": len(plan.unplaced)}, actor=actor)
    return MergeResult(plan.counts, backup, plan.unplaced)


def _backup(path: Path) -> Path:
    """INTO copied beside itself, named for the merge and the time (``NAME.before-merge-
    20261202T013000Z.bak``), never over an earlier backup."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.before-merge-{stamp}.bak")
    number = 2
    while target.exists():
        target = path.with_name(f"{path.name}.before-merge-{stamp}-{number}.bak")
        number += 1
    try:
        return backup_project(path, target)
    except Exception as exc:  # noqa: BLE001 - OSError or sqlite3.Error: either way nothing is merged
        target.unlink(missing_ok=True)
        raise MergeError(f"{target}: could not write the backup of {path.name} ({exc}); nothing was merged") from None
