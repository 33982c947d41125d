"""One entry point for every undoable command: claim edits, review decisions, a claim's
subject/measure link, batches.

The GUI's undo stack runs everything through ``run_command``; each call is one transaction
and returns the command that undoes it.
"""

from __future__ import annotations

from claimdesk.core.claims import ClaimError, CreateClaim, DeleteClaim, EditClaim, RestoreClaim
from claimdesk.core.subjects_model import LinkClaimMeasure
from claimdesk.core.suggestion_commands import Batch
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import subjects as subject_ops
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.store.events import current_actor
from claimdesk.store.project import Project, StorageError, storage_errors

CLAIM_COMMANDS = (CreateClaim, DeleteClaim, RestoreClaim, EditClaim)


def run_command(project: Project, command, actor: str | None = None):
    actor = actor or current_actor()
    try:
        with storage_errors(), project.db.atomic():
            return _apply(project, command, actor)
    except StorageError as exc:
        raise ClaimError(str(exc)) from None


def _apply(project: Project, command, actor: str):
    if isinstance(command, CreateClaim) and command.origin == "manual":
        # a manual tag over a pending suggestion of the same fact takes it up (one claim per fact)
        return suggestion_ops.create_claim_adopting(project, command, actor)
    if isinstance(command, (DeleteClaim, RestoreClaim)):  # the claim's subject link goes and comes back with it
        return subject_ops.apply_claim_command(project, command, actor)
    if isinstance(command, CLAIM_COMMANDS):
        return claim_ops.apply_command(project, command, actor)
    if isinstance(command, LinkClaimMeasure):
        return subject_ops.apply_link(project, command, actor)
    if isinstance(command, Batch):
        inverses = [_apply(project, part, actor) for part in command.commands]
        return Batch(tuple(reversed(inverses)))
    return suggestion_ops.apply_command(project, command, actor)
