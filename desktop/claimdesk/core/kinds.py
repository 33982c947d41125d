"""Claim kinds and their field definitions, and the rules an edited kind must satisfy."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The built-in kinds (../shared/docs/claims.md; migration 0001 seeds them under these names,
# a literal a released migration keeps). A project may relabel them and add its own, but
# the names are the keys claims, exports and the rules below rely on.
FUNDING, TARGET, STATISTIC, OFFICIAL = "funding", "target", "statistic", "official"
BUILT_IN_KINDS = (FUNDING, TARGET, STATISTIC, OFFICIAL)
FIGURE_KINDS = (FUNDING, TARGET, STATISTIC)  # kinds whose claims state a figure
PRINCIPAL_FIELD = {FUNDING: "amount", TARGET: "quantity", STATISTIC: "value"}  # the field holding the figure
DATE_FIELD = {STATISTIC: "as_of", TARGET: "deadline", FUNDING: "period"}  # when the figure holds
UNKNOWN_KIND_COLOUR = "#888888"  # a claim of a kind the project no longer has

FIELD_TYPES = ("text", "decimal", "currency", "date", "choice")
RESERVED_KEYS = {"n", "p"}  # next/previous claim in the reader
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class KindError(ValueError):
    """A kind definition that cannot be saved; the message says why."""


@dataclass(frozen=True)
class FieldDef:
    name: str
    type: str
    choices: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, **({"choices": list(self.choices)} if self.choices else {})}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "FieldDef":
        return cls(data["name"], data["type"], tuple(data.get("choices", ())))


@dataclass(frozen=True)
class Kind:
    name: str  # stable key stored with claims and exports; the label is what users see and rename
    label: str
    colour: str
    shortcut: str | None
    fields: tuple[FieldDef, ...] = field(default_factory=tuple)
    position: int = 0

    def field(self, name: str) -> FieldDef | None:
        return next((f for f in self.fields if f.name == name), None)


def kind_colour(kinds: Mapping[str, Kind], name: str) -> str:
    """The #rrggbb colour claims of kind ``name`` are marked with (grey for an unknown kind)."""
    kind = kinds.get(name)
    return kind.colour if kind is not None else UNKNOWN_KIND_COLOUR


def slug(label: str) -> str:
    words = re.findall(r"[a-z0-9]+", label.lower())
    return "_".join(words) or "kind"


def validate_kind(kind: Kind, others: list[Kind]) -> None:
    if not kind.label.strip():
        raise KindError("a kind needs a name")
    if not _COLOUR.match(kind.colour):
        raise KindError(f"colour {kind.colour!r} is not #rrggbb")
    if kind.shortcut is not None:
        if len(kind.shortcut) != 1 or kind.shortcut.isspace():
            raise KindError("a shortcut is one key, such as 5")
        if kind.shortcut.lower() in RESERVED_KEYS:
            raise KindError(f"{kind.shortcut!r} is taken by next/previous claim")
        taken = {o.shortcut.lower(): o.label for o in others if o.shortcut and o.name != kind.name}
        if kind.shortcut.lower() in taken:
            raise KindError(f"key {kind.shortcut!r} already tags {taken[kind.shortcut.lower()]}")
    for other in others:
        if other.name != kind.name and other.label.strip().lower() == kind.label.strip().lower():
            raise KindError(f"a kind named {kind.label!r} already exists")
    seen = set()
    for definition in kind.fields:
        if not _FIELD_NAME.match(definition.name):
            raise KindError(f"field name {definition.name!r}: use lower-case letters, digits and _")
        if definition.name in seen:
            raise KindError(f"field {definition.name!r} appears twice")
        seen.add(definition.name)
        if definition.type not in FIELD_TYPES:
            raise KindError(f"field {definition.name!r}: type must be one of {', '.join(FIELD_TYPES)}")
        if definition.type == "choice" and not definition.choices:
            raise KindError(f"field {definition.name!r}: a choice field needs its choices")
