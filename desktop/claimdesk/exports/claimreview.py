"""schema.org ClaimReview JSON-LD for the verified (and verdict) claims of a fact sheet."""

from __future__ import annotations

from claimdesk.exports.factsheet import FactSheet
from claimdesk.exports.safe import safe_url

RATINGS = {"verified": (5, "True"), "inconclusive": (3, "Unproven"), "disputed": (2, "Disputed"),
           "false": (1, "False")}
MAX_CLAIM_REVIEWED = 75


def claim_reviews(sheet: FactSheet) -> list[dict]:
    reviews = []
    for section in sheet.sections:
        for e in section.entries:
            if e.status not in RATINGS:
                continue
            value, label = RATINGS[e.status]
            statement = " ".join(e.statement.split())
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
                "author": {"@type": "Organization", "name": ", ".join(sheet.reviewers) or "Claimdesk"},
                "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1,
                                 "alternateName": label},
                "itemReviewed": {"@type": "Claim",
                                 "author": {"@type": "Organization", "name": e.source.publisher or e.source.title},
                                 **({"datePublished": e.source.published[:10]} if e.source.published else {}),
                                 "appearance": appearance},
            })
    return reviews
