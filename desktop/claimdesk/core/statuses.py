"""The review vocabulary's built-in names, defined once: a project starts with
DEFAULT_STATUSES (migration 0006 seeded the same list as a literal, which a released
migration keeps; tests/store/test_statuses.py holds the two equal); after that the
project's own list, edited in Review ▸ Statuses, is the only one, and code names a
built-in status through these constants. Also the promise statuses of targets."""

from __future__ import annotations

UNVERIFIED = "unverified"  # every new claim, and a verified claim whose content changed
IN_REVIEW = "in review"
VERIFIED = "verified"
DISPUTED = "disputed"
FALSE = "false"
INCONCLUSIVE = "inconclusive"
DEFAULT_STATUSES = (UNVERIFIED, IN_REVIEW, VERIFIED, DISPUTED, FALSE, INCONCLUSIVE)
REQUIRED_STATUSES = (UNVERIFIED, VERIFIED)  # a project's vocabulary always keeps these
VERDICTS = (DISPUTED, FALSE, INCONCLUSIVE)  # published beside verified claims when asked ("with verdicts")

NOT_YET_RATED = "not yet rated"
PROMISE_STATUSES = (NOT_YET_RATED, "in the works", "stalled", "kept", "compromise", "broken")
