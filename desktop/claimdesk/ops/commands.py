"""One entry point for every undoable command: claim edits, review decisions, batches.

The GUI's undo stack runs everything through ``execute``; each call is one transaction
and returns the command that undoes it.
"""

from __future__ import annotations

import sqlite3

from claimdesk.core.claims import ClaimError, CreateClaim, DeleteClaim, EditClaim, RestoreClaim
from claimdesk.core.suggestion_commands import Batch
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.store.events import current_actor
from claimdesk.store.project import Project

CLAIM_COMMANDS = (CreateClaim, DeleteClaim, RestoreClaim, EditClaim)


def execute(project: Project, command, actor: str | None = None):
    actor = actor or current_actor()
    try:
        with project.db.atomic():
            return _apply(project, command, actor)
    except sqlite3.Error as exc:
        raise ClaimError(storage_problem(exc)) from None


def storage_problem(exc: Exception) -> str:
    """What a storage error means for the user; nothing was changed in every case."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return ("the project is busy with another task or another Claimdesk window; nothing was changed, "
                "try again in a moment")
    if "readonly" in text or "read-only" in text or "query_only" in text:
        return "the project is open read-only; nothing was changed (save a copy to edit it)"
    if "full" in text:
        return "the disk is full; nothing was changed (free some space and try again)"
    if "i/o" in text or "disk" in text:
        return f"the disk reported an error ({exc}); nothing was changed"
    return f"the project could not be changed ({exc}); nothing was changed"


def _apply(project: Project, command, actor: str):
    if isinstance(command, CLAIM_COMMANDS):
        return claim_ops.execute(project, command, actor)
    if isinstance(command, Batch):
        inverses = [_apply(project, part, actor) for part in command.commands]
        return Batch(tuple(reversed(inverses)))
    return suggestion_ops.execute(project, command, actor)
