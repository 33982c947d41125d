"""The review rules: status vocabulary, promise statuses of targets, the two-person rule."""

from __future__ import annotations

import unicodedata

from claimdesk.core.claims import Claim, ClaimError

# The vocabulary a project starts with (migration 0006 seeds the same list into meta);
# after that the project's own list, edited in Review ▸ Statuses, is the only one.
DEFAULT_STATUSES = ("unverified", "in review", "verified", "disputed", "false", "inconclusive")
PROMISE_STATUSES = ("not yet rated", "in the works", "stalled", "kept", "compromise", "broken")
VERIFIED = "verified"


class ReviewError(ClaimError):
    """A review decision the project's rules do not allow; the message says why."""


def check_review(claim: Claim, changes: dict, actor: str, statuses: list[str], two_person_rule: bool) -> None:
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
        if claim.kind != "target" and changes.get("kind", claim.kind) != "target":
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
