"""Subjects and measures: what each claim is about. The analyst (or the detector, through
``store_proposals``) links a claim to one measure of one subject; subjects are renamed,
given aliases, merged and split like the officials registry's people.

Every change is one transaction with an event. A merge never loses a link or a decided
relation: links move to the kept subject's measures (same-key measures merge), and every
reference to a merged-away row is pointed at the kept one before it is deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeAlias

from sqlite_utils import Database

from claimdesk.core.claims import Claim, DeleteClaim, RestoreClaim
from claimdesk.core.subjects_model import (UNIT_CLASSES, LinkClaimMeasure, Measure, MeasureLink, MeasureSummary,
                                           Subject, SubjectError, SubjectSummary, check_category, check_link,
                                           check_unit_class, clean_name, measure_key_of, subject_key_of)
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.changes import Changes
from claimdesk.store import claims as claims_repo
from claimdesk.store import events
from claimdesk.store import subjects as repo
from claimdesk.store.events import current_actor, now_iso
from claimdesk.store.project import Project

if TYPE_CHECKING:  # the detector's model, loaded when proposals are made
    from claimdesk.core.subjects import ClaimSubjectProposal, SubjectMention

# a detector's proposal, or the same as (claim_id, subject_name, category, measure_name,
# unit_class, unit, confidence)
ProposalInput: TypeAlias = "ClaimSubjectProposal | tuple[Any, ...] | list[Any]"

_SUBJECT_TABLES = ("subject_aliases", "measures")  # what a subject merge moves itself


# reading

def list_subjects(project: Project) -> list[SubjectSummary]:
    db = project.db
    counts, conflicts = repo.measure_claim_counts(db), repo.measure_open_conflicts(db)
    by_subject: dict[int, list[MeasureSummary]] = {}
    for measure in repo.measures(db):
        by_subject.setdefault(measure.subject_id, []).append(
            MeasureSummary(measure, counts.get(measure.id, 0), conflicts.get(measure.id, 0)))
    return [SubjectSummary(subject, by_subject.get(subject.id, []),
                           sum(m.claim_count for m in by_subject.get(subject.id, [])))
            for subject in repo.subjects(db)]


def get_subject(project: Project, subject_id: int) -> Subject | None:
    return repo.get_subject(project.db, subject_id)


def get_measure(project: Project, measure_id: int) -> Measure | None:
    return repo.get_measure(project.db, measure_id)


def measures_of(project: Project, subject_id: int) -> list[Measure]:
    return repo.measures(project.db, subject_id)


def find_subject(project: Project, name: str) -> Subject | None:
    """The subject this name or one of its aliases names (by key), if any."""
    subject_id = repo.subject_id_by_key(project.db, subject_key_of(clean_name(name, "subject")))
    return repo.get_subject(project.db, subject_id) if subject_id is not None else None


def find_measure(project: Project, subject_id: int, name: str) -> Measure | None:
    return repo.measure_by_key(project.db, subject_id, measure_key_of(clean_name(name, "measure")))


def link_of(project: Project, claim_id: int) -> tuple[Subject, Measure, MeasureLink] | None:
    return repo.links_for_claims(project.db, [claim_id]).get(claim_id)


def links_for_claims(project: Project, claim_ids: Iterable[int]) -> dict[int, tuple[Subject, Measure, MeasureLink]]:
    """claim id -> (subject, measure, link) for those of the claims that are linked; the
    subjects come without aliases (``get_subject`` has them)."""
    return repo.links_for_claims(project.db, claim_ids)


def claims_of_measure(project: Project, measure_id: int) -> list[Claim]:
    """The measure's claims by their document's publication date, then position."""
    claims = (claims_repo.get_claim(project.db, claim_id)
              for claim_id in repo.claim_ids_of_measure(project.db, measure_id))
    return [claim for claim in claims if claim is not None]


def document_subject(project: Project, document_id: int) -> tuple[Subject, float | None, str] | None:
    """The document's dominant subject, its confidence and state (proposed | confirmed)."""
    row = repo.document_subject(project.db, document_id)
    subject = repo.get_subject(project.db, row[0]) if row else None
    return (subject, row[1], row[2]) if row and subject else None


# subjects

def find_or_add_subject(project: Project, name: str, category: str = "programme",
                        aliases: Iterable[str] = ()) -> Subject:
    """The subject whose name or alias has this name's key, else a new one; the aliases not
    yet known are added either way (one that names another subject is left out)."""
    name, category = clean_name(name, "subject"), check_category(category)
    with project.db.atomic():
        subject, added = _find_or_add_subject(project.db, name, category, aliases)
        if added:
            events.record_event(project.db, "subjects.add", str(subject.id), {"name": name, "added": added})
    return _require_subject(project, subject.id)


def rename_subject(project: Project, subject_id: int, name: str) -> Subject:
    """Renames a subject; the previous name stays as an alias, so texts that use it still match."""
    subject = _require_subject(project, subject_id)
    name = clean_name(name, "subject")
    key = subject_key_of(name)
    with project.db.atomic():
        owner = repo.subject_id_by_key(project.db, key)
        if owner not in (None, subject_id):
            raise SubjectError(f"subject #{owner} is already called {name!r} (or has it as an alias); "
                               f"merge the two instead of renaming")
        repo.remove_alias(project.db, subject_id, key)
        repo.set_subject_name(project.db, subject_id, name, key)
        if subject.key != key:
            repo.add_alias(project.db, subject_id, subject.name, subject.key)
        events.record_event(project.db, "subjects.rename", str(subject_id), {"from": subject.name, "to": name})
    return _require_subject(project, subject_id)


def add_alias(project: Project, subject_id: int, alias: str) -> Subject:
    subject = _require_subject(project, subject_id)
    alias = clean_name(alias, "subject alias")
    key = subject_key_of(alias)
    with project.db.atomic():
        owner = repo.subject_id_by_key(project.db, key)
        if owner not in (None, subject_id):
            raise SubjectError(f"{alias!r} already names subject #{owner}; merge the two instead")
        if _is_new_alias(subject, alias, key, repo.alias_keys(project.db, subject_id)):
            repo.add_alias(project.db, subject_id, alias, key)
            events.record_event(project.db, "subjects.add_alias", str(subject_id), {"alias": alias})
    return _require_subject(project, subject_id)


def remove_alias(project: Project, subject_id: int, alias: str) -> Subject:
    _require_subject(project, subject_id)
    key = subject_key_of(clean_name(alias, "subject alias"))
    with project.db.atomic():
        if not repo.remove_alias(project.db, subject_id, key):
            raise SubjectError(f"subject #{subject_id} has no alias {alias!r}")
        events.record_event(project.db, "subjects.remove_alias", str(subject_id), {"alias": alias})
    return _require_subject(project, subject_id)


def merge_subjects(project: Project, keep_id: int, other_id: int) -> Subject:
    """The two are one subject: the other's measures join the kept one's (those with the same
    key merge into one), its claim links and documents follow, its name and aliases become
    aliases of the kept subject, and it is deleted."""
    if keep_id == other_id:
        raise SubjectError(f"subject #{keep_id} cannot be merged with itself")
    keep, other = _require_subject(project, keep_id), _require_subject(project, other_id)
    db = project.db
    with db.atomic():
        moved_claims = [claim_id for claim_id, _measure in repo.linked_claims_of_subject(db, other_id)]
        moved_documents = repo.documents_of_subject(db, other_id)
        merged_measures = {}
        for measure in repo.measures(db, other_id):
            same = repo.measure_by_key(db, keep_id, measure.key)
            if same is None:
                repo.move_measure(db, measure.id, keep_id)
            else:
                _merge_measure_rows(db, same.id, measure.id)
                merged_measures[measure.id] = same.id
        known = repo.alias_keys(db, keep_id)
        for alias, key in [(other.name, other.key)] + [(a, subject_key_of(a)) for a in other.aliases]:
            if _is_new_alias(keep, alias, key, known):
                repo.add_alias(db, keep_id, alias, key)
                known[key] = alias
        repo.repoint(db, "subjects", other_id, keep_id, _SUBJECT_TABLES)
        repo.delete_subject(db, other_id)
        events.record_event(db, "subjects.merge", str(keep_id), {
            "merged": other_id, "name": other.name, "category": other.category, "aliases": list(other.aliases),
            "measures": {str(k): v for k, v in merged_measures.items()}, "claims": moved_claims,
            "documents": moved_documents})
    return _require_subject(project, keep_id)


def split_alias(project: Project, subject_id: int, alias: str) -> Subject:
    """The alias names another subject: it becomes a subject of its own. When the alias came
    with a merge (it was the merged subject's name), the claims and documents that merge
    brought and that are still here go back with it, into measures of the same names."""
    subject = _require_subject(project, subject_id)
    alias = clean_name(alias, "subject alias")
    key = subject_key_of(alias)
    db = project.db
    spelled = repo.alias_keys(db, subject_id).get(key)
    if spelled is None:
        raise SubjectError(f"subject #{subject_id} ({subject.name}) has no alias {alias!r}")
    merge = _merge_that_brought(db, subject_id, key)
    with db.atomic():
        repo.remove_alias(db, subject_id, key)
        category = merge["category"] if merge else subject.category
        new_id = repo.insert_subject(db, spelled, key, category, now_iso())
        claims, documents = [], []
        if merge:
            linked = dict(repo.linked_claims_of_subject(db, subject_id))
            for claim_id in merge["claims"]:
                if claim_id in linked:
                    _move_link(db, claim_id, linked[claim_id], new_id)
                    claims.append(claim_id)
            documents = [d for d in merge["documents"] if d in repo.documents_of_subject(db, subject_id)]
            repo.move_documents(db, documents, subject_id, new_id)
        events.record_event(db, "subjects.split_alias", str(subject_id),
                            {"alias": spelled, "subject": new_id, "claims": claims, "documents": documents})
    return _require_subject(project, new_id)


# measures

def find_or_add_measure(project: Project, subject_id: int, name: str, unit_class: str,
                        unit: str | None = None) -> Measure:
    """The subject's measure with this name's key, else a new one (a known measure keeps its
    unit class; it takes the unit if it had none)."""
    name, unit_class = clean_name(name, "measure"), check_unit_class(unit_class)
    _require_subject(project, subject_id)
    with project.db.atomic():
        measure, added = _find_or_add_measure(project.db, subject_id, name, unit_class, unit)
        if added:
            events.record_event(project.db, "subjects.add_measure", str(measure.id),
                                {"subject": subject_id, "name": name, "unit_class": unit_class})
    return _require_measure(project, measure.id)


def rename_measure(project: Project, measure_id: int, name: str) -> Measure:
    measure = _require_measure(project, measure_id)
    name = clean_name(name, "measure")
    key = measure_key_of(name)
    with project.db.atomic():
        same = repo.measure_by_key(project.db, measure.subject_id, key)
        if same is not None and same.id != measure_id:
            raise SubjectError(f"measure #{same.id} of this subject is already called {same.name!r}; "
                               "merge the two instead of renaming")
        repo.set_measure_name(project.db, measure_id, name, key)
        events.record_event(project.db, "subjects.rename_measure", str(measure_id),
                            {"from": measure.name, "to": name})
    return _require_measure(project, measure_id)


def merge_measures(project: Project, keep_id: int, other_id: int) -> Measure:
    """The two are one measure: the other's claims (and anything else naming it) move to the
    kept one, which may belong to another subject; the other is deleted."""
    if keep_id == other_id:
        raise SubjectError(f"measure #{keep_id} cannot be merged with itself")
    _require_measure(project, keep_id)
    other = _require_measure(project, other_id)
    with project.db.atomic():
        claims = repo.claim_ids_of_measure(project.db, other_id)
        _merge_measure_rows(project.db, keep_id, other_id)
        events.record_event(project.db, "subjects.merge_measures", str(keep_id),
                            {"merged": other_id, "name": other.name, "claims": claims})
    return _require_measure(project, keep_id)


# claims' links

def apply_link(project: Project, command: LinkClaimMeasure, actor: str | None = None) -> LinkClaimMeasure:
    """Applies a LinkClaimMeasure in one transaction; returns the command that undoes it
    (``ops.commands.run_command`` is the usual way in)."""
    actor = actor or current_actor()
    db = project.db
    if repo.claim_document(db, command.claim_id) is None:
        raise SubjectError(f"no claim #{command.claim_id}")
    check_link(command)
    if command.measure_id is not None and repo.get_measure(db, command.measure_id) is None:
        raise SubjectError(f"claim #{command.claim_id}: no measure #{command.measure_id}")
    with db.atomic():
        before, was_removed = repo.link_of(db, command.claim_id), repo.is_removed(db, command.claim_id)
        if command.measure_id is None:
            repo.unlink(db, command.claim_id)
            if command.remember_removal:
                repo.remember_removal(db, command.claim_id, actor, now_iso())
            else:
                repo.forget_removal(db, command.claim_id)
        else:
            decided = command.source == "analyst" or command.state == "confirmed"
            repo.link(db, command.claim_id, command.measure_id, command.state, command.confidence, command.source,
                      actor if decided else None, now_iso() if decided else None)
            repo.forget_removal(db, command.claim_id)
        events.record_event(db, "subjects.link" if command.measure_id is not None else "subjects.unlink",
                            str(command.claim_id), {"measure": command.measure_id, "state": command.state,
                                                    "source": command.source,
                                                    "before": before.measure_id if before else None}, actor=actor)
    if before is None:
        return LinkClaimMeasure(command.claim_id, None, remember_removal=was_removed)
    return LinkClaimMeasure(command.claim_id, before.measure_id, before.state, before.confidence, before.source)


# What renaming, merging or splitting subjects and measures, or changing aliases, changes: the
# subjects and the claims' links (a merge moves them), so the claims table's subject filter too.
# Those ops return the subject or measure they leave; the window routes this beside it.
REORGANISED = Changes(subjects=True, structural=True)


def link_changes(project: Project, command: LinkClaimMeasure) -> Changes:
    """What a LinkClaimMeasure did: the claim's subject (the claims table filters by it) and
    the subjects' claim counts."""
    document_id = repo.claim_document(project.db, command.claim_id)
    return Changes(claims=frozenset({command.claim_id}),
                   documents=frozenset({document_id}) if document_id is not None else frozenset(),
                   structural=True, subjects=True)


def apply_claim_command(project: Project, command: DeleteClaim | RestoreClaim,
                        actor: str | None = None) -> RestoreClaim | DeleteClaim:
    """Deletes or restores a claim through ``ops.claims`` keeping its subject: the link goes
    with a deleted claim (the row cascades) but is noted in its event, and restoring the
    claim (undo) brings it back, to the measure its measure was merged into if it was."""
    actor = actor or current_actor()
    db = project.db
    with db.atomic():
        if isinstance(command, DeleteClaim):
            link = repo.link_of(db, command.claim_id)
            decision = repo.link_decision(db, command.claim_id) if link is not None else None
            restore = claim_ops.apply_command(project, command, actor)
            if link is not None and decision is not None:
                state, confidence, source, decided_by, decided_at = decision
                events.record_event(db, "subjects.unlink", str(link.claim_id), {
                    "measure": link.measure_id, "deleted": True, "state": state, "confidence": confidence,
                    "source": source, "decided_by": decided_by, "decided_at": decided_at}, actor=actor)
            return restore
        delete = claim_ops.apply_command(project, command, actor)
        noted = repo.last_link_event(db, command.claim.id)
        measure_id = repo.measure_now(db, noted["measure"]) if noted and noted.get("deleted") else None
        if noted is not None and measure_id is not None and repo.link_of(db, command.claim.id) is None:
            repo.link(db, command.claim.id, measure_id, noted["state"], noted["confidence"], noted["source"],
                      noted["decided_by"], noted["decided_at"])
            events.record_event(db, "subjects.link", str(command.claim.id),
                                {"measure": measure_id, "restored": True}, actor=actor)
        return delete


def link_claim(project: Project, claim_id: int, subject: int | str | None, measure: int | str,
               unit_class: str | None = None, category: str = "programme", unit: str | None = None,
               actor: str | None = None) -> LinkClaimMeasure:
    """Links a claim to a measure named by id, or by name under a subject named by id or
    name (either is created when named and missing; a new measure needs ``unit_class``),
    all in one transaction: a refusal creates nothing. Returns the undoing command."""
    if repo.claim_document(project.db, claim_id) is None:
        raise SubjectError(f"no claim #{claim_id}")
    if unit_class is not None:
        check_unit_class(unit_class)
    target: Measure | None
    with project.db.atomic():
        if isinstance(measure, int):
            target = _require_measure(project, measure)
            if subject is not None and _resolve_subject(project, subject, category).id != target.subject_id:
                raise SubjectError(f"measure #{measure} ({target.name}) is not a measure of subject {subject!r}")
        else:
            if subject is None:
                raise SubjectError(f"claim #{claim_id}: name the subject of measure {measure!r}")
            owner = _resolve_subject(project, subject, category)
            target = find_measure(project, owner.id, measure)
            if target is None:
                if unit_class is None:
                    raise SubjectError(f"{owner.name} has no measure {measure!r}; give its unit class to add it "
                                       f"(one of {', '.join(UNIT_CLASSES)})")
                target = find_or_add_measure(project, owner.id, measure, unit_class, unit)
        return apply_link(project, LinkClaimMeasure(claim_id, target.id), actor)


def _resolve_subject(project: Project, subject: int | str, category: str) -> Subject:
    if isinstance(subject, int):
        return _require_subject(project, subject)
    return find_or_add_subject(project, subject, category)


def store_proposals(project: Project, document_id: int, proposals: Iterable[ProposalInput],
                    dominant_subject: SubjectMention | str | None = None,
                    dominant_category: str = "programme", dominant_confidence: float | None = None) -> int:
    """Stores the detector's proposals for one document's claims, in one transaction with an
    event; returns how many claims it linked.

    ``proposals``: (claim_id, subject_name, subject_category, measure_name, unit_class, unit,
    confidence) tuples, or objects with ``claim_id``, ``subject`` (name, category), ``measure``
    (name, unit_class, unit) and ``confidence`` (core.subjects.ClaimSubjectProposal). One
    without a subject or measure name is skipped. A claim whose link the analyst confirmed
    or removed is left alone; a proposed link is replaced. ``dominant_subject`` (a name or an
    object with ``name`` and ``category``) becomes the document's dominant subject unless
    the analyst confirmed another.
    """
    rows = [_proposal_row(item) for item in proposals]
    db = project.db
    linked = 0
    with db.atomic():
        for claim_id, subject_name, category, measure_name, unit_class, unit, confidence in rows:
            if repo.claim_document(db, claim_id) != document_id:
                raise SubjectError(f"claim #{claim_id} is not a claim of document #{document_id}")
            if not subject_name or not measure_name:
                continue
            current = repo.link_of(db, claim_id)
            if (current is not None and current.state == "confirmed") or repo.is_removed(db, claim_id):
                continue
            subject, _ = _find_or_add_subject(db, clean_name(subject_name, "subject"), check_category(category), ())
            measure, _ = _find_or_add_measure(db, subject.id, clean_name(measure_name, "measure"),
                                              check_unit_class(unit_class), unit)
            repo.link(db, claim_id, measure.id, "proposed", confidence, "detector", None, None)
            linked += 1
        dominant = None
        if dominant_subject is not None:
            if isinstance(dominant_subject, str):
                name, category, confidence = dominant_subject, dominant_category, dominant_confidence
            else:
                name, category = dominant_subject.name, dominant_subject.category
                confidence = dominant_subject.confidence
            held = repo.document_subject(db, document_id)
            if held is None or held[2] != "confirmed":
                dominant, _ = _find_or_add_subject(db, clean_name(name, "subject"), check_category(category), ())
                repo.set_document_subject(db, document_id, dominant.id, confidence, "proposed")
        events.record_event(db, "subjects.propose", str(document_id),
                            {"linked": linked, "dominant": dominant.id if dominant else None})
    return linked


def set_document_subject(project: Project, document_id: int, subject_id: int) -> None:
    """The analyst names the document's dominant subject (confirmed: proposals keep it)."""
    _require_subject(project, subject_id)
    with project.db.atomic():
        repo.set_document_subject(project.db, document_id, subject_id, None, "confirmed")
        events.record_event(project.db, "subjects.document", str(document_id), {"subject": subject_id})


# helpers

def _proposal_row(item: ProposalInput) -> tuple[Any, ...]:
    """A proposal as (claim_id, subject_name, category, measure_name, unit_class, unit, confidence)."""
    if isinstance(item, (tuple, list)):
        return tuple(item)
    subject, measure = getattr(item, "subject", None), getattr(item, "measure", None)
    return (item.claim_id, getattr(subject, "name", None), getattr(subject, "category", "programme"),
            getattr(measure, "name", None), getattr(measure, "unit_class", "other"), getattr(measure, "unit", None),
            getattr(item, "confidence", None))


def _find_or_add_subject(db: Database, name: str, category: str, aliases: Iterable[str]) -> tuple[Subject, list[str]]:
    """(subject, names added); runs inside the caller's transaction."""
    key = subject_key_of(name)
    subject_id = repo.subject_id_by_key(db, key)
    added = []
    if subject_id is None:
        subject_id = repo.insert_subject(db, name, key, category, now_iso())
        added.append(name)
    subject = _subject_in(db, subject_id)
    known = repo.alias_keys(db, subject_id)
    for alias in aliases:
        alias = " ".join((alias or "").split())
        alias_key = subject_key_of(alias) if alias else ""
        if (alias_key and _is_new_alias(subject, alias, alias_key, known)
                and repo.subject_id_by_key(db, alias_key) in (None, subject_id)):
            repo.add_alias(db, subject_id, alias, alias_key)
            known[alias_key] = alias
            added.append(alias)
    return subject, added


def _is_new_alias(subject: Subject, alias: str, key: str, alias_keys: dict[str, str]) -> bool:
    """Whether to keep this spelling as an alias: not the name itself, nor a spelling of a
    known alias. A spelling with the name's key is kept (Астана ЛРТ for Astana LRT): it
    matches either way, but it is the subject's name in another script."""
    return alias.casefold() != subject.name.casefold() and key not in alias_keys


def _find_or_add_measure(db: Database, subject_id: int, name: str, unit_class: str,
                         unit: str | None) -> tuple[Measure, bool]:
    key = measure_key_of(name)
    measure = repo.measure_by_key(db, subject_id, key)
    if measure is not None:
        if unit and measure.unit is None:
            repo.set_measure_unit(db, measure.id, unit)
        return measure, False
    return _measure_in(db, repo.insert_measure(db, subject_id, name, key, unit_class, unit)), True


def _merge_measure_rows(db: Database, keep_id: int, other_id: int) -> None:
    repo.repoint(db, "measures", other_id, keep_id, ())
    repo.delete_measure(db, other_id)


def _move_link(db: Database, claim_id: int, measure_id: int, subject_id: int) -> None:
    """Moves a claim's link to the same-named measure of another subject, keeping its state."""
    measure = _measure_in(db, measure_id)
    target, _ = _find_or_add_measure(db, subject_id, measure.name, measure.unit_class, measure.unit)
    repo.link(db, claim_id, target.id, *repo.link_decision(db, claim_id))


def _merge_that_brought(db: Database, subject_id: int, key: str) -> dict[str, Any] | None:
    """The latest merge into this subject whose merged subject was named by this key."""
    for detail in repo.merge_details(db, subject_id):
        if (detail.get("name") or "").strip() and subject_key_of(detail["name"]) == key:
            return detail
    return None


def _require_subject(project: Project, subject_id: int) -> Subject:
    return _subject_in(project.db, subject_id)


def _require_measure(project: Project, measure_id: int) -> Measure:
    return _measure_in(project.db, measure_id)


def _subject_in(db: Database, subject_id: int) -> Subject:
    subject = repo.get_subject(db, subject_id)
    if subject is None:
        raise SubjectError(f"no subject #{subject_id}")
    return subject


def _measure_in(db: Database, measure_id: int) -> Measure:
    measure = repo.get_measure(db, measure_id)
    if measure is None:
        raise SubjectError(f"no measure #{measure_id}")
    return measure

