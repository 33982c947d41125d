"""The review rules: status vocabulary, promise statuses of targets, the two-person rule."""

from __future__ import annotations

from claimdesk.core.claims import Claim, ClaimError

DEFAULT_STATUSES = ("unverified", "in review", "verified", "disputed", "false", "inconclusive")
PROMISE_STATUSES = ("not yet rated", "in the works", "stalled", "kept", "compromise", "broken")
VERIFIED = "verified"


class ReviewError(ClaimError):
    """A review decision the project's rules do not allow; the message says why."""


def check_review(claim: Claim, changes: dict, actor: str, statuses: list[str], two_person_rule: bool) -> None:
    status = changes.get("status")
    if status is not None:
        if status not in statuses:
            raise ReviewError(f"{status!r} is not a review status of this project ({', '.join(statuses)})")
        if status == VERIFIED and two_person_rule and actor == claim.author and claim.status != VERIFIED:
            raise ReviewError(f"claim #{claim.id} was made by {actor}; under the two-person rule another "
                              "reviewer has to verify it")
    promise = changes.get("promise_status")
    if promise is not None:
        if promise not in PROMISE_STATUSES:
            raise ReviewError(f"{promise!r} is not a promise status ({', '.join(PROMISE_STATUSES)})")
        if claim.kind != "target" and changes.get("kind", claim.kind) != "target":
            raise ReviewError("only targets carry a promise status")
