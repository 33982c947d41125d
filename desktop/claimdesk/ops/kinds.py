"""Claim kinds: listing, adding and changing them (label, colour, key, fields).

A kind's ``name`` never changes once created, so claims and exports keep pointing at
it; "renaming" changes the label. Fields can be added or edited, and a field that
claims already use cannot be removed, so no claim loses a value silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, replace

from claimdesk.core.kinds import FieldDef, Kind, KindError, slug, validate_kind
from claimdesk.ops.changes import Changes, Outcome
from claimdesk.store import events
from claimdesk.store.claims import field_in_use
from claimdesk.store import kinds as repo
from claimdesk.store.project import Project, storage_errors

__all__ = ["Kind", "KindError", "list_kinds", "add_kind", "update_kind"]


def list_kinds(project: Project) -> list[Kind]:
    return repo.list_kinds(project.db)


def add_kind(project: Project, label: str, colour: str, shortcut: str | None = None,
             fields: Iterable[FieldDef] = ()) -> Outcome[Kind]:
    """A new kind named after its label; the result is the kind as stored."""
    existing = repo.list_kinds(project.db)
    name, n = slug(label), 2
    while any(k.name == name for k in existing):
        name, n = f"{slug(label)}_{n}", n + 1
    kind = Kind(name, label.strip(), colour, shortcut or None, tuple(fields),
                max((k.position for k in existing), default=-1) + 1)
    validate_kind(kind, existing)
    with storage_errors(), project.db.atomic():
        repo.insert_kind(project.db, kind)
        events.record_event(project.db, "kind.add", name, asdict(kind))
    return Outcome(kind, Changes(kinds=True))


def update_kind(project: Project, kind: Kind) -> Outcome[Kind]:
    """Changes a kind's label, colour, key or fields; the result is the kind as stored."""
    existing = repo.list_kinds(project.db)
    before = next((k for k in existing if k.name == kind.name), None)
    if before is None:
        raise KindError(f"no kind named {kind.name!r}")
    kind = replace(kind, label=kind.label.strip(), shortcut=kind.shortcut or None)
    validate_kind(kind, existing)
    removed = {f.name for f in before.fields} - {f.name for f in kind.fields}
    in_use = [name for name in sorted(removed) if field_in_use(project.db, kind.name, name)]
    if in_use:
        raise KindError(f"claims of this kind have values in {', '.join(in_use)}; those fields cannot be removed")
    with storage_errors(), project.db.atomic():
        repo.update_kind(project.db, kind)
        events.record_event(project.db, "kind.update", kind.name, {"before": asdict(before), "after": asdict(kind)})
    return Outcome(kind, Changes(kinds=True))

