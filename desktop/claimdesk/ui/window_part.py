"""The main window's parts and what they are given (after calibre's ``InterfaceAction``).

A part (review of suggestions, verification, the File menu's project work, the secondary
tools) gets what it uses explicitly when it is made: the ``WindowServices`` every part
shares, and the widgets it works on. It never reaches into the window or into another
part. The window calls each part at the same moments of its lifecycle: a project opened
or closed, a change made (a ``Changes`` from ops), the window shutting down.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtWidgets import QWidget

from claimdesk.core.kinds import Kind
from claimdesk.core.model import StoredDocument
from claimdesk.ops.changes import Changes, Outcome
from claimdesk.ops.projects import Project
from claimdesk.ui.actions import ActionRegistry
from claimdesk.ui.dialogs import Dialogs
from claimdesk.ui.settings import Settings


@dataclass(eq=False)
class Session:
    """What the window has open. Parts read it; only the window changes it."""

    project: Project | None = None
    document: StoredDocument | None = None  # the document on show in the reader
    kinds: dict[str, Kind] = field(default_factory=dict)
    current_claim_id: int | None = None

    def open_project(self) -> Project:
        """The open project, for what runs only while one is open (its actions are off otherwise)."""
        if self.project is None:
            raise LookupError("no project is open")
        return self.project


@dataclass(frozen=True, eq=False)
class WindowServices:
    """What a part may use of the window."""

    parent: QWidget  # of the part's dialogs, menus and threads
    session: Session
    settings: Settings
    dialogs: Dialogs
    actions: ActionRegistry
    # runs an undoable command through the window's undo stack (raises ClaimError when refused);
    # what it changed has been routed to every part by the time it returns
    run_command: Callable[[object, str], Outcome]
    apply_changes: Callable[[Changes], None]  # a change made outside the undo stack, routed to every part
    set_project: Callable[[Project | None], None]
    open_document: Callable[[int], None]
    open_claim: Callable[..., None]  # (claim_id, flash=True): in the reader, the claims table and the editor
    open_at: Callable[[int, int, int | None], None]  # document, offset, claim (or None)
    show_status: Callable[[str, int], None]  # message, milliseconds
    show_problem: Callable[[str], None]
    acting_name: Callable[[], str | None]  # who acts (asks once for a name when none is set)


class WindowPart:
    """A part of the main window. Each lifecycle call does nothing unless the part needs it."""

    def handlers(self) -> dict[str, Callable[[], object]]:
        """The part's action handlers by action id (``ui.actions``)."""
        return {}

    def project_opened(self, project: Project) -> None:
        """A project was opened (the session already holds it)."""

    def project_closed(self) -> None:
        """The window holds no project any more."""

    def changes(self, changes: Changes) -> None:
        """A change was made to the open project (also by undo and redo)."""

    def shutting_down(self) -> None:
        """The window closes: stop and wait for the part's background work (the project is
        closed after every part has returned)."""
