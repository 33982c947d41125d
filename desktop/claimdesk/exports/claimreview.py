"""schema.org ClaimReview JSON-LD for the verified (and verdict) claims of a fact sheet.

A claim linked to a measure names what it is about in ``itemReviewed``: schema.org's Claim
is a CreativeWork, so ``about`` holds the subject (a Thing; an Organization or Place when
the subject is one) and ``name`` the measure with its subject and the figure."""

from __future__ import annotations

from typing import Any

from claimdesk.core.statuses import DISPUTED, FALSE, INCONCLUSIVE, VERIFIED
from claimdesk.exports.factsheet import Entry, FactSheet
from claimdesk.exports.safe import safe_url

RATINGS = {VERIFIED: (5, "True"), INCONCLUSIVE: (3, "Unproven"), DISPUTED: (2, "Disputed"), FALSE: (1, "False")}
MAX_CLAIM_REVIEWED = 75
SCHEMA_TYPES = {"organisation": "Organization", "place": "Place", "facility": "Place"}  # others: Thing


def claim_reviews(sheet: FactSheet) -> list[dict[str, Any]]:
    reviews = []
    for section in sheet.sections:
        for e in section.entries:
            if e.status not in RATINGS:
                continue
            value, label = RATINGS[e.status]
            statement = " ".join(e.statement.split())
            if e.about and e.about.subject.casefold() not in statement.casefold():
                statement = f"{e.about.subject}: {statement}"
            if len(statement) > MAX_CLAIM_REVIEWED:
                statement = statement[:MAX_CLAIM_REVIEWED - 1].rstrip() + "…"
            appearance = {"@type": "CreativeWork", "name": e.source.title,
                          **({"url": safe_url(e.source.url)} if safe_url(e.source.url) else {}),
                          **({"datePublished": e.source.published[:10]} if e.source.published else {})}
            reviews.append({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"urn:claimdesk:claim:{e.claim_id}",
                "claimReviewed": statement,
                "datePublished": e.reviewed_at or sheet.generated_at[:10],
                # the reviewer who verified this claim, as recorded; a person, not an organisation
                "author": ({"@type": "Person", "name": e.reviewer} if e.reviewer
                           else {"@type": "Organization", "name": "Claimdesk"}),
                "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1,
                                 "alternateName": label},
                "itemReviewed": {"@type": "Claim",
                                 # who made the claim: the publisher when known, never the article's title
                                 **({"author": {"@type": "Organization", "name": e.source.publisher}}
                                    if e.source.publisher else {}),
                                 **({"datePublished": e.source.published[:10]} if e.source.published else {}),
                                 "appearance": appearance, **_about(e)},
            })
    return reviews


def _about(entry: Entry) -> dict[str, Any]:
    about = entry.about
    if about is None:
        return {}
    subject = {"@type": SCHEMA_TYPES.get(about.subject_category, "Thing"), "name": about.subject,
               **({"alternateName": list(about.subject_aliases)} if about.subject_aliases else {})}
    return {"about": subject, "name": f"{about.headline}: {entry.value}" if entry.value else about.headline}
