"""Creating, opening and copying projects (the sample project is built in ops.samples)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from claimdesk.store import events
from claimdesk.store.project import (NewerProjectError, Project, ProjectDatabase, ProjectError, StorageError,
                                     create_project, damage_message, is_damage, open_project, storage_errors,
                                     vacuum_into)

__all__ = ["NewerProjectError", "Project", "ProjectError", "StorageError", "damage_message", "is_damage", "new_project",
           "open_existing", "save_copy"]


def new_project(path: str | Path) -> Project:
    project = create_project(path)
    with project.db.atomic():
        events.record_event(project.db, "project.create", str(Path(path).name))
    return project


def open_existing(path: str | Path) -> Project:
    return open_project(path)


def wait_for_other_writers(seconds: float, on_wait: Callable[[], None] | None) -> None:
    """How long a change waits while another Claimdesk (or another task) writes to the
    project, for every project opened from now on; ``on_wait`` is called once per change
    that has to wait (the CLI prints a line, the GUI shows a status message)."""
    ProjectDatabase.lock_wait = seconds
    ProjectDatabase.on_wait = staticmethod(on_wait) if on_wait else None



def save_copy(project: Project, target: str | Path) -> Path:
    """Writes a copy of the open project to ``target`` (replacing a file there, never the
    open project itself). The copy is written beside the target and renamed into place,
    so a failure leaves whatever was there untouched."""
    target = Path(target)
    if target.resolve() == project.path.resolve():
        raise ProjectError(f"{target}: that is the open project; choose another name for the copy")
    if not target.parent.is_dir():
        raise ProjectError(f"{target}: folder {target.parent} does not exist")
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        with storage_errors():
            vacuum_into(project, partial)
        partial.replace(target)
    except (OSError, StorageError) as exc:
        partial.unlink(missing_ok=True)
        raise ProjectError(f"{target}: could not write the copy ({exc})") from None
    if not project.read_only:  # a read-only project cannot log; the copy itself is what matters
        with project.db.atomic():
            events.record_event(project.db, "project.save_copy", str(target))
    return target
