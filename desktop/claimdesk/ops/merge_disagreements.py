"""The disagreements a project merge stored, and resolving them (File ▸ Merge another
analyst's project…, ``claimdesk disagreements``): keep this project's value, take the other
analyst's, or keep both as they are. A span's positions are shown as ``claims --jsonl``
gives them: code points in the original's text (an article's offset on its page added).

A resolution is an undoable command: ``apply_command`` runs it in one transaction, records
an event, and returns its inverse. Taking the other value is an ``EditClaim`` through
``ops.claims``, so the field rules and the two-person rule hold for it as for any edit
(the claim's author cannot take another analyst's "verified"), and the claim's history
names the disagreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, overload

from claimdesk.core.claims import Claim, ClaimError, DeleteClaim, EditClaim, RestoreClaim
from claimdesk.core.project_merge import (CLAIM, FIELD_PREFIX, MEASURE, RESOLUTIONS, ReopenDisagreement,
                                          ResolveDisagreement, is_deleted, resolution_changes)
from claimdesk.core.subjects_model import LinkClaimMeasure
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import subjects as subject_ops
from claimdesk.ops.changes import Changes
from claimdesk.store import documents as documents_repo
from claimdesk.store import events
from claimdesk.store import project_merge as store
from claimdesk.store.project import Project, StorageError, storage_errors


@dataclass(frozen=True)
class DisagreementView:
    """One stored disagreement as the dialog and the CLI show it (a span's ``start`` and
    ``end`` in the original's text, as ``claims --jsonl``)."""

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
    kept_text: str = ""  # each value in one line (describe), a measure by its subject and name
    other_text: str = ""
    # neither the claim nor its history is in the project any more (lost, e.g. by ``claimdesk
    # recover``): listed, never resolved
    available: bool = True
    # a claim this project had deleted when the projects were merged and has restored since:
    # there is no deletion left to keep (``kept_text`` says so)
    live_again: bool = False


UNAVAILABLE = "(unavailable: the claim and its history are no longer in this project)"


def disagreements(project: Project, state: str | None = "open", claim_id: int | None = None) -> list[DisagreementView]:
    """Stored disagreements (open ones by default; ``state`` None: all), by claim, or of one claim."""
    views: list[DisagreementView] = []
    claims: dict[int, tuple[Claim | None, bool]] = {}
    titles: dict[int, str] = {}
    shifts: dict[int, int] = {}  # document -> its offset in its original's text (an article on a page)
    for row in store.disagreements(project.db, state, claim_id):
        if row["claim_id"] not in claims:
            claims[row["claim_id"]] = _claim_state(project, row["claim_id"])
        claim, live = claims[row["claim_id"]]
        if claim is None:
            views.append(DisagreementView(row["id"], row["claim_id"], "", UNAVAILABLE, row["attribute"],
                                          row["kept_value"], row["kept_author"], row["other_value"],
                                          row["other_author"], row["source"], row["state"], row["resolution"],
                                          _text(project, row["attribute"], row["kept_value"]),
                                          _text(project, row["attribute"], row["other_value"]), available=False))
            continue
        if claim.document_id not in titles:
            document = documents_repo.get_document(project.db, claim.document_id)
            if document is None:
                raise ClaimError(f"claim #{claim.id}: no document #{claim.document_id}")
            titles[claim.document_id] = document.title or document.file_name
            shifts[claim.document_id] = document.parent_offset or 0
        shift = shifts[claim.document_id]
        live_again = _live_again(row, live)
        kept_text = _text(project, row["attribute"], _shifted(row["kept_value"], shift))
        if live_again and row["state"] == "open":
            kept_text = f"(deleted when merged, restored since: {describe(_shifted(_values(claim), shift))})"
        views.append(DisagreementView(row["id"], row["claim_id"], claim.quote, titles[claim.document_id],
                                      row["attribute"], _shifted(row["kept_value"], shift), row["kept_author"],
                                      _shifted(row["other_value"], shift), row["other_author"], row["source"],
                                      row["state"], row["resolution"], kept_text,
                                      _text(project, row["attribute"], _shifted(row["other_value"], shift)),
                                      live_again=live_again))
    return views


def _claim_state(project: Project, claim_id: int) -> tuple[Claim | None, bool]:
    """The claim and True; or, False, as it was when this project deleted it (a deletion
    disagreement) or None when neither it nor its history is left (e.g. after ``claimdesk
    recover``)."""
    claim = claim_ops.get_claim(project, claim_id)
    if claim is not None:
        return claim, True
    snapshot = store.deleted_snapshot(project.db, claim_id)
    if snapshot is None:
        return None, False
    return Claim(**{name: snapshot[name] for name in Claim.__dataclass_fields__ if name in snapshot}), False


def _live_again(row: dict[str, Any], live: bool) -> bool:
    """A deletion disagreement whose claim this project deleted and has since restored."""
    return row["attribute"] == CLAIM and is_deleted(row["kept_value"]) and live


def _values(claim: Claim) -> dict[str, Any]:
    return {"start": claim.start, "end": claim.end, "quote": claim.quote}


def _text(project: Project, attribute: str, value: object) -> str:
    if attribute == MEASURE and isinstance(value, int):
        return f"{store.measure_label(project.db, value) or 'a measure since removed'} (#{value})"
    return describe(value)


def open_by_claim(project: Project) -> dict[int, list[dict[str, Any]]]:
    """claim id -> its open disagreements as stored (a span in its document's text), in one
    query: what ``claims --jsonl`` adds to each claim's line."""
    grouped: dict[int, list[dict[str, Any]]] = {}
    for row in store.disagreements(project.db):
        grouped.setdefault(row["claim_id"], []).append(row)
    return grouped


def disagreement_line(item: DisagreementView | dict[str, Any], shift: int = 0) -> dict[str, Any]:
    """A disagreement as JSON (``disagreements --json``, ``claims --jsonl``): a view as it
    is, a stored row with its span shifted by its document's offset in the original."""
    row = item.__dict__ if isinstance(item, DisagreementView) else item
    line = {"id": row["id"], "claim_id": row["claim_id"], "attribute": row["attribute"],
            "kept_value": _shifted(row["kept_value"], shift), "kept_author": row["kept_author"],
            "other_value": _shifted(row["other_value"], shift), "other_author": row["other_author"],
            "source": row["source"], "state": row["state"]}
    if row["state"] != "open":
        line["resolution"] = row["resolution"]
    return line


def what_differs(attribute: str) -> str:
    """A disagreement's attribute as the list names it: a field by its name, a deletion as such."""
    return "deleted on one side:" if attribute == CLAIM else attribute.removeprefix(FIELD_PREFIX)


def checks_line(item: DisagreementView) -> str:
    """The line the claim editor's checks show for an open disagreement."""
    what = what_differs(item.attribute)
    return (f"Disagreement from merging {item.other_author}'s project ({item.source}): {what} "
            f"{item.kept_text} ({item.kept_author}) vs {item.other_text} "
            f"({item.other_author}) — File ▸ Merge another analyst's project… to resolve")


def _shifted(value: object, shift: int) -> object:
    """A span's value with positions in the original's text; any other value as it is."""
    if isinstance(value, dict) and "start" in value and "end" in value and shift:
        return {**value, "start": value["start"] + shift, "end": value["end"] + shift}
    return value


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



def command_changes(project: Project, command: DisagreementCommand) -> Changes:
    """What resolving (or reopening) a disagreement changed, once applied: its claim and that
    claim's document; a status moves the claim in the claims table's status filter."""
    row = _require(project, command.disagreement_id)
    claim, _live = _claim_state(project, row["claim_id"])
    documents = frozenset({claim.document_id}) if claim is not None else frozenset()
    return Changes(claims=frozenset({row["claim_id"]}), documents=documents,
                   structural=row["attribute"] in ("status", CLAIM, MEASURE),
                   subjects=row["attribute"] in (CLAIM, MEASURE))

def _require(project: Project, disagreement_id: int) -> dict[str, Any]:
    row = store.get_disagreement(project.db, disagreement_id)
    if row is None:
        raise ClaimError(f"no disagreement #{disagreement_id}")
    return row


def _resolve(project: Project, command: ResolveDisagreement, actor: str) -> ReopenDisagreement:
    if command.choice not in RESOLUTIONS:
        raise ClaimError(f"a disagreement is resolved as one of {', '.join(RESOLUTIONS)}, not {command.choice!r}")
    row = _require(project, command.disagreement_id)
    if row["state"] != "open":
        raise ClaimError(f"disagreement #{row['id']} is already resolved ({row['resolution']})")
    claim, live = _claim_state(project, row["claim_id"])
    if claim is None:
        raise ClaimError(f"disagreement #{row['id']} cannot be resolved: claim #{row['claim_id']} and its history "
                         "are no longer in this project (lost, e.g. by claimdesk recover)")
    live_again = _live_again(row, live)
    if live_again and command.choice == "kept":
        raise ClaimError(f"disagreement #{row['id']}: claim #{row['claim_id']}, deleted here when the projects were "
                         "merged, is live again (restored since), so there is no deletion to keep; take the other "
                         "analyst's values or keep both as they are")
    if row["attribute"] == CLAIM and command.choice == "both" and not live_again:
        raise ClaimError(f"disagreement #{row['id']} is a claim one analyst deleted and the other kept: keep this "
                         "project's choice or take the other analyst's; a claim cannot be both deleted and kept")
    # resolved first: taking a deletion deletes the claim, which deletes its open disagreements
    store.set_resolution(project.db, row["id"], command.choice, actor, events.now_iso())
    restore: EditClaim | DeleteClaim | RestoreClaim | LinkClaimMeasure | None = None
    reason = (f"merge disagreement #{row['id']}: took {row['other_author']}'s {row['attribute']} "
              f"(from {row['source']})")
    if command.choice == "other" and row["attribute"] == CLAIM and is_deleted(row["other_value"]):
        # the claim's other disagreements go with it; the RestoreClaim that undoes it puts them back
        restore = subject_ops.apply_claim_command(project, DeleteClaim(row["claim_id"]), actor)
    elif command.choice == "other" and row["attribute"] == CLAIM:
        restore = _take_claim(project, row, reason, actor)
    elif command.choice == "other" and row["attribute"] == MEASURE:
        claim_ops.require_claim(project, row["claim_id"])
        restore = subject_ops.apply_link(project, LinkClaimMeasure(row["claim_id"], row["other_value"]), actor)
    elif command.choice == "other":
        claim = claim_ops.require_claim(project, row["claim_id"])  # deleting a claim deletes its disagreements
        changes = resolution_changes(row["attribute"], row["other_value"], claim.fields)
        restore = claim_ops.apply_command(project, EditClaim(claim.id, changes, reason), actor)
    events.record_event(project.db, "merge.resolve", str(row["claim_id"]),
                        {"disagreement": row["id"], "attribute": row["attribute"], "choice": command.choice},
                        actor=actor)
    return ReopenDisagreement(row["id"], restore)


def _reopen(project: Project, command: ReopenDisagreement, actor: str) -> ResolveDisagreement:
    row = _require(project, command.disagreement_id)
    if row["state"] == "open":
        raise ClaimError(f"disagreement #{row['id']} is open already")
    if isinstance(command.restore, LinkClaimMeasure):
        subject_ops.apply_link(project, command.restore, actor)
    elif isinstance(command.restore, (DeleteClaim, RestoreClaim)):  # the claim's measure link goes and comes with it
        subject_ops.apply_claim_command(project, command.restore, actor)
    elif command.restore is not None:
        claim_ops.apply_command(project, command.restore, actor)
    store.set_resolution(project.db, row["id"], None, None, None)
    events.record_event(project.db, "merge.reopen", str(row["claim_id"]), {"disagreement": row["id"]}, actor=actor)
    return ResolveDisagreement(row["id"], row["resolution"])


def _take_claim(project: Project, row: dict[str, Any], reason: str, actor: str) -> EditClaim | DeleteClaim | None:
    """Takes the other analyst's kept claim of a deletion disagreement through the ordinary
    commands: the claim this project deleted is restored as it was (unless it is live
    again already) and edited to the other analyst's values (field rules and the two-person
    rule apply). Returns the command that undoes it."""
    claim, live = _claim_state(project, row["claim_id"])
    assert claim is not None  # _resolve refuses a claim that is gone with its history
    undo: EditClaim | DeleteClaim | None = None
    if not live:
        restored = subject_ops.apply_claim_command(project, RestoreClaim(claim), actor)
        assert isinstance(restored, DeleteClaim)
        undo, claim = restored, claim_ops.require_claim(project, row["claim_id"])
    changes = {name: value for name, value in row["other_value"].items()
               if name in claim_ops.EDITABLE and getattr(claim, name) != value}
    if changes:
        edit_undo = claim_ops.apply_command(project, EditClaim(claim.id, changes, reason), actor)
        undo = undo or edit_undo  # deleting the restored claim undoes its edit too
    return undo


def describe(value: object) -> str:
    """A disagreement's value in one line: a span as its quote, text as itself."""
    if is_deleted(value):
        return "(deleted)"
    if isinstance(value, dict) and "quote" in value:
        return f"“{value['quote']}” ({value['start']}–{value['end']})"
    return "(empty)" if value in (None, "") else str(value)
