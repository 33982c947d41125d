"""Creating and opening projects, and the sample project a first run starts with."""

from __future__ import annotations

from pathlib import Path

from claimdesk.store import events
from claimdesk.store.project import NewerProjectError, Project, ProjectError, create_project, open_project

__all__ = ["NewerProjectError", "Project", "ProjectError", "new_project", "open_existing"]


def new_project(path: str | Path) -> Project:
    project = create_project(path)
    with project.db.atomic():
        events.record_event(project.db, "project.create", str(Path(path).name))
    return project


def open_existing(path: str | Path) -> Project:
    return open_project(path)

