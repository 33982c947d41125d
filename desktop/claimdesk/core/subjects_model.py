"""What claims are about, as plain values: subjects (a programme, project, place ... that
figures are reported about), measures under a subject (the thing counted or paid, with a
unit class), a claim's link to at most one measure (its subject is the measure's
subject), and the undoable command that sets or clears that link.

Keys decide sameness: two names with one ``subject_key`` are one subject, two measure names
with one ``measure_key`` under a subject are one measure (both from ``core.subjects``).
"""

from __future__ import annotations

from dataclasses import dataclass

from claimdesk.core.claims import ClaimError

UNIT_CLASSES = ("currency", "count", "percent", "length", "area", "mass", "volume", "energy", "duration", "other")
SUBJECT_CATEGORIES = ("programme", "project", "initiative", "organisation", "place", "facility")
LINK_STATES = ("proposed", "confirmed")
LINK_SOURCES = ("detector", "analyst", "import")


class SubjectError(ClaimError):
    """A subject, measure or link change that cannot be applied; the message says why.
    A ClaimError, so the undo stack and the CLI report it like any refused claim edit."""


@dataclass(frozen=True)
class Subject:
    id: int
    name: str
    key: str
    category: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Measure:
    id: int
    subject_id: int
    name: str
    key: str
    unit_class: str
    unit: str | None = None


@dataclass(frozen=True)
class MeasureLink:
    claim_id: int
    measure_id: int
    state: str  # proposed | confirmed
    confidence: float | None
    source: str  # detector | analyst | import


@dataclass(frozen=True)
class MeasureSummary:
    measure: Measure
    claim_count: int
    open_conflicts: int  # undismissed `conflicts` relations touching a claim of this measure


@dataclass(frozen=True)
class SubjectSummary:
    subject: Subject
    measures: list[MeasureSummary]
    claim_count: int


@dataclass(frozen=True)
class LinkClaimMeasure:
    """Links a claim to a measure (replacing its link), or with ``measure_id`` None removes
    its link. ``ops.commands.run_command`` applies it and returns the inverse command.

    ``remember_removal`` (only with ``measure_id`` None): the analyst removed the link, so
    proposals never link this claim again; an undo that merely restores "no link" clears it.
    """

    claim_id: int
    measure_id: int | None
    state: str = "confirmed"
    confidence: float | None = None
    source: str = "analyst"
    remember_removal: bool = True


def check_link(command: LinkClaimMeasure) -> None:
    if command.state not in LINK_STATES:
        raise SubjectError(f"claim #{command.claim_id}: a link is proposed or confirmed, not {command.state!r}")
    if command.source not in LINK_SOURCES:
        raise SubjectError(f"claim #{command.claim_id}: a link comes from the detector, an analyst or an import, "
                           f"not {command.source!r}")
    if command.confidence is not None and not 0 <= command.confidence <= 1:
        raise SubjectError(f"claim #{command.claim_id}: confidence {command.confidence} is not between 0 and 1")


def check_category(category: str) -> str:
    if category not in SUBJECT_CATEGORIES:
        raise SubjectError(f"subject category {category!r} is not one of {', '.join(SUBJECT_CATEGORIES)}")
    return category


def check_unit_class(unit_class: str) -> str:
    if unit_class not in UNIT_CLASSES:
        raise SubjectError(f"unit class {unit_class!r} is not one of {', '.join(UNIT_CLASSES)}")
    return unit_class


def clean_name(name: str | None, what: str) -> str:
    """A name with its whitespace collapsed; refuses an empty one (a key of nothing)."""
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise SubjectError(f"a {what} needs a name")
    return cleaned


def subject_key_of(name: str) -> str:
    # the detectors (with the figure grammar, ~60 ms of imports) load on first use, not when
    # the window starts: every command runner imports this module
    from claimdesk.core.subjects import subject_key

    key = subject_key(name)
    if not key:
        raise SubjectError(f"subject name {name!r} has no letters or digits to tell it by")
    return key


def measure_key_of(name: str) -> str:
    from claimdesk.core.subjects import measure_key

    key = measure_key(name)
    if not key:
        raise SubjectError(f"measure name {name!r} has no letters or digits to tell it by")
    return key
