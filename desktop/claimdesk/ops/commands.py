"""One entry point for every undoable command: claim edits, review decisions, a claim's
subject/measure link, batches.

The GUI's undo stack runs everything through ``run_command``; each call is one transaction
and returns an ``Outcome``: the command that undoes it (``result``) and what it changed
(``changes``, computed here in ops from the command and the rows it touched).
"""

from __future__ import annotations

from claimdesk.core.claims import ClaimError, CreateClaim, DeleteClaim, EditClaim, RestoreClaim
from claimdesk.core.subjects_model import LinkClaimMeasure
from claimdesk.core.suggestion_commands import Batch, SuggestionCommand
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import subjects as subject_ops
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.ops.changes import Changes, Outcome
from claimdesk.store.events import current_actor
from claimdesk.store.project import Project, StorageError, storage_errors

CLAIM_COMMANDS = (CreateClaim, DeleteClaim, RestoreClaim, EditClaim)
# what the undo stack holds: each of these, and what running one returns to undo it
UndoableCommand = claim_ops.Command | SuggestionCommand | LinkClaimMeasure | Batch


def run_command(project: Project, command: UndoableCommand, actor: str | None = None) -> Outcome[UndoableCommand]:
    actor = actor or current_actor()
    try:
        with storage_errors(), project.db.atomic():
            return _apply(project, command, actor)
    except StorageError as exc:
        raise ClaimError(str(exc)) from None


def _apply(project: Project, command: UndoableCommand, actor: str) -> Outcome[UndoableCommand]:
    if isinstance(command, Batch):
        outcomes = [_apply(project, part, actor) for part in command.commands]
        return Outcome(Batch(tuple(reversed([o.result for o in outcomes]))),
                       Changes.combine(o.changes for o in outcomes))
    if isinstance(command, CreateClaim) and command.origin == "manual":
        # a manual tag over a pending suggestion of the same fact takes it up (one claim per fact)
        untag = suggestion_ops.create_claim_adopting(project, command, actor)
        return Outcome(untag, suggestion_ops.command_changes(project, command, untag))
    if isinstance(command, (DeleteClaim, RestoreClaim)):  # the claim's subject link goes and comes back with it
        undo = subject_ops.apply_claim_command(project, command, actor)
        return Outcome(undo, claim_ops.command_changes(project, command, undo))
    if isinstance(command, CLAIM_COMMANDS):
        claim_undo = claim_ops.apply_command(project, command, actor)
        return Outcome(claim_undo, claim_ops.command_changes(project, command, claim_undo))
    if isinstance(command, LinkClaimMeasure):
        return Outcome(subject_ops.apply_link(project, command, actor), subject_ops.link_changes(project, command))
    inverse = suggestion_ops.apply_command(project, command, actor)
    return Outcome(inverse, suggestion_ops.command_changes(project, command, inverse))
