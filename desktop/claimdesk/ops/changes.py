"""What a change to a project touched, as a value every mutating op returns (after Anki's
``OpChanges``), so the window refreshes the parts that show it and nothing else.

Ops compute it from the command and the rows it affected; the window only reads it. An op
with a result of its own returns ``Outcome(result, changes)`` (``ops.commands.run_command``:
the result is the command that undoes it); one without returns the ``Changes`` alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Generic, TypeVar

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
        return cls(claims=frozenset().union(*(p.claims for p in parts)),
                   documents=frozenset().union(*(p.documents for p in parts)),
                   structural=any(p.structural for p in parts), suggestions=any(p.suggestions for p in parts),
                   kinds=any(p.kinds for p in parts), statuses=any(p.statuses for p in parts),
                   review_rule=any(p.review_rule for p in parts), relations=any(p.relations for p in parts),
                   subjects=any(p.subjects for p in parts), document_list=any(p.document_list for p in parts),
                   new_documents=frozenset().union(*(p.new_documents for p in parts)))


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """An op's own result and what it changed."""

    result: T
    changes: Changes
