"""The review rules: which status a change may set, promise statuses only on targets, the
two-person rule. The vocabulary's built-in names are core.statuses; a project's own list is in its meta."""

from __future__ import annotations

import unicodedata
from typing import Any

from claimdesk.core.claims import Claim, ClaimError
from claimdesk.core.kinds import TARGET
from claimdesk.core.statuses import DEFAULT_STATUSES, PROMISE_STATUSES, VERIFIED

__all__ = ["DEFAULT_STATUSES", "PROMISE_STATUSES", "VERIFIED", "ReviewError", "UnknownStatus", "check_review",
           "known_status", "may_verify",
           "person_key", "same_person", "status_key", "two_person_refusal"]


class ReviewError(ClaimError):
    """A review decision the project's rules do not allow; the message says why."""


class UnknownStatus(ReviewError):
    """A status the project's vocabulary does not hold (asked for in a filter)."""


def known_status(statuses: list[str], status: str) -> str:
    """The project's spelling of ``status`` ("Needs Source" finds "needs source"); a status
    the user added is found like a built-in one, since both come from the project's list."""
    for known in statuses:
        if status_key(known) == status_key(status):
            return known
    raise UnknownStatus(f"{status!r} is not a review status of this project ({', '.join(statuses)})")


def check_review(claim: Claim, changes: dict[str, Any], actor: str, statuses: list[str], two_person_rule: bool) -> None:
    """Refuses status changes the project's rules do not allow.

    Under the two-person rule the claim's author never sets ``verified``: not first, not
    again after another reviewer verified it (that would record the author as the latest
    reviewer who verified it, which is whom the fact sheet names), and not through an
    undo or redo either. Undo and redo run the same check as any edit because the history
    records the user who ran them as the one who set the status; an undo that restores
    "verified" set by someone else is refused for the author for that reason, and the
    author asks another reviewer to verify again. Every other status, and undoing one's
    own decisions to any other status, stays open to the author.
    """
    status = changes.get("status")
    if status is not None:
        if status not in statuses:
            raise ReviewError(f"{status!r} is not a review status of this project ({', '.join(statuses)})")
        if status == VERIFIED and not person_key(actor):
            raise ReviewError(f"claim #{claim.id}: a verification needs the reviewer's name (it was blank)")
        if status == VERIFIED and two_person_rule and same_person(actor, claim.author):
            raise ReviewError(two_person_refusal(claim))
    promise = changes.get("promise_status")
    if promise is not None:
        if promise not in PROMISE_STATUSES:
            raise ReviewError(f"{promise!r} is not a promise status ({', '.join(PROMISE_STATUSES)})")
        if claim.kind != TARGET and changes.get("kind", claim.kind) != TARGET:
            raise ReviewError("only targets carry a promise status")


def two_person_refusal(claim: Claim) -> str:
    return (f"claim #{claim.id} was created by {claim.author}; under the two-person rule another reviewer "
            "must verify it")


def may_verify(claim: Claim, actor: str, two_person_rule: bool) -> bool:
    """Whether ``actor`` may set the claim verified (asked before a reason is asked for)."""
    return not (two_person_rule and same_person(actor, claim.author))


def person_key(name: str) -> str:
    """What identifies a reviewer: "Root", "root " and full-width "ｒｏｏｔ" are one person,
    so no spelling of the author's name passes for someone else."""
    return " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())


def same_person(a: str, b: str) -> bool:
    return person_key(a) == person_key(b)


def status_key(status: str) -> str:
    """Statuses that differ only in case, width or spaces are one status ("Verified")."""
    return person_key(status)
