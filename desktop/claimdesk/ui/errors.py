"""Errors no part caught, turned into one message in the window.

Qt prints an exception raised in a slot or an event handler to stderr and carries on, so
the user would see nothing: a project file damaged after it was opened (a bad sector, a
sync tool writing into it) would fail every click in silence. ``install`` routes such
exceptions to one dialog: damage names ``claimdesk recover``; anything else says what
failed and that what was saved stays saved (each change is its own transaction). The
traceback still goes to stderr for a bug report. The same wording serves background jobs.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from claimdesk.ops.projects import ProjectError, damage_message, is_damage

SAVED = "Changes saved before this one are kept (each is saved as you make it)."


def describe_error(exc: BaseException, project_path: Path | None = None) -> str:
    """One message for an error: damage with what to do about it, our own refusals as they
    read, anything else named by its type."""
    if project_path is not None and is_damage(exc):
        return damage_message(Path(project_path), exc)
    if isinstance(exc, ProjectError) or type(exc).__module__.startswith("claimdesk."):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def install(show_error: Callable[[str, str], None], project_path: Callable[[], Path | None]) -> None:
    """Shows uncaught exceptions through ``show_error(title, message)``; ``project_path``
    gives the open project's file (or None). One dialog at a time: an error raised while
    the dialog is up (a repaint failing again on the same damage) goes to stderr only."""
    previous = sys.excepthook
    showing: list[bool] = []

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        traceback.print_exception(kind, exc, tb)
        if showing:
            return
        path = project_path()
        message = describe_error(exc, path)
        if not (path is not None and is_damage(exc)):
            message = f"Something went wrong: {message}\n\n{SAVED}"
        showing.append(True)
        try:
            show_error("Claimdesk", message)
        finally:
            showing.clear()

    sys.excepthook = hook
