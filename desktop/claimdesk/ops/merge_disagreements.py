"""The disagreements a project merge stored, and resolving them (File ▸ Merge project…,
``claimdesk merge``'s follow-up): keep this project's value, take the other analyst's, or
keep both as they are.

A resolution is an undoable command: ``apply_command`` runs it in one transaction, records
an event, and returns its inverse. Taking the other value is an ``EditClaim`` through
``ops.claims``, so the field rules and the two-person rule hold for it as for any edit
(the claim's author cannot take another analyst's "verified"), and the claim's history
names the disagreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, overload

from claimdesk.core.claims import Claim, ClaimError, EditClaim
from claimdesk.core.project_merge import (RESOLUTIONS, ReopenDisagreement, ResolveDisagreement,
                                          resolution_changes)
from claimdesk.ops import claims as claim_ops
from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store import events
from claimdesk.store import project_merge as store
from claimdesk.store.project import Project, StorageError, storage_errors


@dataclass(frozen=True)
class DisagreementView:
    """One stored disagreement as the dialog and the CLI show it."""

    id: int
    claim_id: int
    quote: str
    document_title: str
    attribute: str
    kept_value: object
    kept_author: str
    other_value: object
    other_author: str
    source: str
    state: str
    resolution: str | None


def disagreements(project: Project, state: str | None = "open") -> list[DisagreementView]:
    """Stored disagreements (open ones by default), by claim."""
    views: list[DisagreementView] = []
    claims: dict[int, Claim] = {}
    titles: dict[int, str] = {}
    for row in store.disagreements(project.db, state):
        claim = claims.get(row["claim_id"]) or _claim(project, row["claim_id"])
        claims[row["claim_id"]] = claim
        if claim.document_id not in titles:
            document = documents_repo.get_document(project.db, claim.document_id)
            if document is None:
                raise ClaimError(f"claim #{claim.id}: no document #{claim.document_id}")
            titles[claim.document_id] = document.title or document.file_name
        views.append(DisagreementView(row["id"], row["claim_id"], claim.quote, titles[claim.document_id],
                                      row["attribute"], row["kept_value"], row["kept_author"], row["other_value"],
                                      row["other_author"], row["source"], row["state"], row["resolution"]))
    return views


DisagreementCommand = ResolveDisagreement | ReopenDisagreement


@overload
def apply_command(project: Project, command: ResolveDisagreement, actor: str | None = None) -> ReopenDisagreement: ...
@overload
def apply_command(project: Project, command: ReopenDisagreement, actor: str | None = None) -> ResolveDisagreement: ...
@overload
def apply_command(project: Project, command: DisagreementCommand, actor: str | None = None) -> DisagreementCommand: ...


def apply_command(project: Project, command: DisagreementCommand, actor: str | None = None) -> DisagreementCommand:
    """Runs a ResolveDisagreement or ReopenDisagreement; returns the command that undoes it."""
    actor = actor or events.current_actor()
    if project.read_only:  # refused before the disagreement is looked up, as every change is
        raise StorageError("the project is open read-only; nothing was changed (save a copy to edit it)")
    with storage_errors(), project.db.atomic():
        if isinstance(command, ResolveDisagreement):
            return _resolve(project, command, actor)
        if isinstance(command, ReopenDisagreement):
            return _reopen(project, command, actor)
    raise TypeError(f"not a disagreement command: {command!r}")


def _require(project: Project, disagreement_id: int) -> dict[str, Any]:
    row = store.get_disagreement(project.db, disagreement_id)
    if row is None:
        raise ClaimError(f"no disagreement #{disagreement_id}")
    return row


def _claim(project: Project, claim_id: int) -> Claim:
    """A disagreement's claim (deleting a claim deletes its disagreements)."""
    claim = claims_repo.get_claim(project.db, claim_id)
    if claim is None:
        raise ClaimError(f"no claim #{claim_id}")
    return claim


def _resolve(project: Project, command: ResolveDisagreement, actor: str) -> ReopenDisagreement:
    if command.choice not in RESOLUTIONS:
        raise ClaimError(f"a disagreement is resolved as one of {', '.join(RESOLUTIONS)}, not {command.choice!r}")
    row = _require(project, command.disagreement_id)
    if row["state"] != "open":
        raise ClaimError(f"disagreement #{row['id']} is already resolved ({row['resolution']})")
    restore = None
    if command.choice == "other":
        claim = _claim(project, row["claim_id"])
        changes = resolution_changes(row["attribute"], row["other_value"], claim.fields)
        reason = (f"merge disagreement #{row['id']}: took {row['other_author']}'s {row['attribute']} "
                  f"(from {row['source']})")
        restore = claim_ops.apply_command(project, EditClaim(claim.id, changes, reason), actor)
    store.set_resolution(project.db, row["id"], command.choice, actor, events.now_iso())
    events.record_event(project.db, "merge.resolve", str(row["claim_id"]),
                        {"disagreement": row["id"], "attribute": row["attribute"], "choice": command.choice},
                        actor=actor)
    return ReopenDisagreement(row["id"], restore)


def _reopen(project: Project, command: ReopenDisagreement, actor: str) -> ResolveDisagreement:
    row = _require(project, command.disagreement_id)
    if row["state"] == "open":
        raise ClaimError(f"disagreement #{row['id']} is open already")
    if command.restore is not None:
        claim_ops.apply_command(project, command.restore, actor)
    store.set_resolution(project.db, row["id"], None, None, None)
    events.record_event(project.db, "merge.reopen", str(row["claim_id"]), {"disagreement": row["id"]}, actor=actor)
    return ResolveDisagreement(row["id"], row["resolution"])


def describe(value: object) -> str:
    """A disagreement's value in one line: a span as its quote, text as itself."""
    if isinstance(value, dict) and "quote" in value:
        return f"“{value['quote']}” ({value['start']}–{value['end']})"
    return "(empty)" if value in (None, "") else str(value)
