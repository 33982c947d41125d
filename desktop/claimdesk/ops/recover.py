"""`claimdesk recover DAMAGED OUT`: what can still be read of a damaged project, saved
into a new project, and an account of what was lost.

The damaged file is never written: it is copied to a private folder, where a schema with
a few flipped bytes is put back from the model. Every table of the model is then copied
row by row from the copy into a new project created through the migrations and written
through Claimdesk's own connection, so its search indexes are built as for any import.
Where the read met pages it could not follow, SQLite's own recovery (the sqlite3 shell's
``.recover``, which walks every page, when installed and working) adds the rows it can
reach beyond them. The new project is written beside OUT and renamed into place only when
complete.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from claimdesk.store import events, salvage
from claimdesk.store.project import Project, ProjectError, create_project, damage_message, is_damage, storage_errors
from claimdesk.store.salvage import TableSalvage

__all__ = ["RecoveryReport", "damage_message", "is_damage", "recover_project"]


@dataclass
class RecoveryReport:
    target: Path
    method: str
    tables: list[TableSalvage] = field(default_factory=list)
    repaired_schema: list[str] = field(default_factory=list)
    shell_problem: str | None = None  # why SQLite's .recover was not used
    orphan_rows: int = 0  # rows .recover found in pages no table claims (not restored)

    @property
    def copied(self) -> int:
        return sum(table.copied for table in self.tables)

    @property
    def complete(self) -> bool:
        return not any(table.lost or table.unreadable or table.damaged_texts for table in self.tables)

    def losses(self) -> list[str]:
        """One line per table that lost something, in words."""
        lines = []
        for table in self.tables:
            parts = []
            if table.unreadable:
                parts.append(table.note or "part of it could not be read (rows there are lost)")
            if table.lost:
                parts.append(f"{table.lost} rows refused (their document, claim or other parent was lost)")
            if table.damaged_texts:
                parts.append(f"{table.damaged_texts} rows with damaged text (unreadable bytes shown as \ufffd)")
            if table.recovered:
                parts.append(f"{table.recovered} of the saved rows found only by SQLite's .recover")
            if parts:
                lines.append(f"{table.table}: {table.copied} rows saved; " + "; ".join(parts))
        if self.orphan_rows:
            lines.append(f"{self.orphan_rows} rows SQLite's .recover found in pages no table claims any more "
                         "(not restored)")
        return lines


def _add_what_sqlite_recovers(copy: Path, work: Path, project: Project, report: RecoveryReport) -> None:
    """Where the direct read met pages it could not follow, SQLite's .recover (which walks
    every page) may reach rows beyond them: those are added, rows already saved are kept."""
    rebuilt = work / "rebuilt.sqlite"
    report.shell_problem = salvage.recover_with_shell(copy, rebuilt)
    if report.shell_problem is not None:
        return
    rebuilt_reader = salvage.open_plain(rebuilt)
    try:
        report.orphan_rows = salvage.add_unreached(rebuilt_reader, project.db, report.tables)
    finally:
        rebuilt_reader.close()
    report.method = "row by row, then SQLite's .recover"


def recover_project(source: str | Path, target: str | Path) -> RecoveryReport:
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise ProjectError(f"{source}: no such project file")
    if target.exists():
        raise ProjectError(f"{target}: already exists; give a new file name for the recovered project")
    if not target.parent.is_dir():
        raise ProjectError(f"{target}: folder {target.parent} does not exist")
    partial = target.with_name(target.name + ".part")
    for leftover in (partial, partial.with_name(partial.name + "-wal"), partial.with_name(partial.name + "-shm")):
        leftover.unlink(missing_ok=True)
    project = create_project(partial)
    try:
        with tempfile.TemporaryDirectory(prefix="claimdesk-recover-") as work:
            try:
                copy = salvage.private_copy(source, Path(work))
            except OSError as exc:
                raise ProjectError(f"{source}: cannot read ({exc.strerror or exc})") from None
            repaired = salvage.repair_schema(copy, project.db)
            report = RecoveryReport(target, "row by row", repaired_schema=repaired)
            reader = salvage.open_plain(copy)
            try:
                with storage_errors(), project.db.atomic():
                    report.tables = salvage.salvage_into(reader, project.db)
                    if any(table.unreadable for table in report.tables):
                        _add_what_sqlite_recovers(copy, Path(work), project, report)
                    events.record_event(project.db, "project.recover", source.name,
                                        {"copied": report.copied, "lost": report.losses(),
                                         "method": report.method})
            finally:
                reader.close()
        project.close()
        partial.replace(target)
    except BaseException:
        project.close()
        partial.unlink(missing_ok=True)
        raise
    return report
