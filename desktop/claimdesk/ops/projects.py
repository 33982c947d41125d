"""Creating and opening projects, and the sample project a first run starts with."""

from __future__ import annotations

from pathlib import Path

from claimdesk.store import events
from claimdesk.store.project import NewerProjectError, Project, ProjectError, create_project, open_project

__all__ = ["NewerProjectError", "Project", "ProjectError", "new_project", "open_existing", "ensure_sample_project"]


def new_project(path: str | Path) -> Project:
    project = create_project(path)
    with project.db.atomic():
        events.record_event(project.db, "project.create", str(Path(path).name))
    return project


def open_existing(path: str | Path) -> Project:
    return open_project(path)


def ensure_sample_project(path: Path, samples_dir: Path, progress=None) -> Project:
    """Opens the sample project, building it from the bundled samples the first time."""
    from claimdesk.ops.importing import import_paths

    if path.exists():
        return open_project(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.unlink(missing_ok=True)
    project = new_project(partial)
    try:
        import_paths(project, [samples_dir], progress=progress)
    finally:
        project.close()
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(path)  # only a complete sample project ever carries the real name
    return open_project(path)
