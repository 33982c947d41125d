"""What a change to a project touched, as a value every mutating op returns (after Anki's
``OpChanges``), so the window refreshes the parts that show it and nothing else.

Ops compute it from the command and the rows it affected; the window only reads it. An op
with a result of its own returns ``Outcome(result, changes)`` (``ops.commands.run_command``:
the result is the command that undoes it); one without returns the ``Changes`` alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    claims: frozenset[int] = frozenset()  # claims created, deleted, restored or edited (their evidence too)
    documents: frozenset[int] = frozenset()  # documents whose claims or suggestions changed
    # claims came or went, or changed in what the claims table filters by (kind, subject, relations):
    # its rows are queried again and the library's claim counts re-read
    structural: bool = False
    suggestions: bool = False  # suggestions were stored, accepted, rejected or reopened
    kinds: bool = False
    statuses: bool = False  # the review vocabulary
    review_rule: bool = False  # the two-person rule
    relations: bool = False
    subjects: bool = False  # subjects, measures, or claims' links to them
    document_list: bool = False  # documents were added or replaced by a new version
    new_documents: frozenset[int] = frozenset()  # documents an import added

    @classmethod
    def none(cls) -> Changes:
        return cls()

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __or__(self, other: Changes) -> Changes:
        return Changes.combine((self, other))

    @classmethod
    def combine(cls, parts: Iterable[Changes]) -> Changes:
        """Everything any of ``parts`` touched (a batch of 10,000 decisions is one union, not
        10,000 copies of a growing set)."""
        parts = list(parts)
        combined: dict[str, Any] = {}
        for field in fields(cls):  # sets are joined, flags or-ed: a field added later needs nothing here
            values = [getattr(part, field.name) for part in parts]
            combined[field.name] = frozenset().union(*values) if isinstance(field.default, frozenset) else any(values)
        return cls(**combined)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """An op's own result and what it changed."""

    result: T
    changes: Changes
