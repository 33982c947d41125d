"""The officials registry's rows as the store hands them to ops.people: official claims with
the person they are linked to, and a person's claims with their documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OfficialClaim:
    claim_id: int
    document_id: int
    fields: dict[str, Any]
    person_id: int | None  # None: not linked to anyone yet
    link_state: str | None  # proposed | confirmed, None when unlinked


@dataclass(frozen=True)
class PersonClaim:
    """One official claim linked to a person, with what the registry shows of its document."""

    claim_id: int
    document_id: int
    document_title: str
    published: str | None
    fields: dict[str, Any]
    link_state: str
