"""W3C Web Annotation JSON-LD: one Annotation per claim, with a TextQuoteSelector and a
TextPositionSelector on the source, bodies tagging (kind), describing (value/fields),
assessing (status) and, for a claim linked to a measure, classifying: a TextualBody whose
value names the measure with its subject and whose ``classification`` holds the subject
(name, category, aliases), the measure (name, unit class, unit) and the link's state.
The source's SHA-256 is a namespaced property. The same format is read back by
``ops.annotation_import`` (round trip), classification included."""

from __future__ import annotations

from typing import Any

from claimdesk.exports.factsheet import Entry, FactSheet
from claimdesk.exports.safe import safe_url

CONTEXT = ["http://www.w3.org/ns/anno.jsonld",
           {"claimdesk": "https://claimdesk.example/ns#", "sha256": "claimdesk:sha256",
            "fields": {"@id": "claimdesk:fields", "@type": "@json"}, "fileName": "claimdesk:fileName",
            "classification": {"@id": "claimdesk:classification", "@type": "@json"}}]


def annotation_collection(sheet: FactSheet) -> dict[str, Any]:
    items = []
    for section in sheet.sections:
        for e in section.entries:
            items.append({
                "id": f"urn:claimdesk:claim:{e.claim_id}",
                "type": "Annotation",
                "motivation": "assessing",
                "creator": {"type": "Person", "name": e.author},
                "created": e.created_at,
                "modified": e.updated_at,
                "body": [
                    {"type": "TextualBody", "purpose": "tagging", "value": e.kind},
                    {"type": "TextualBody", "purpose": "describing", "value": e.statement, "fields": e.fields},
                    {"type": "TextualBody", "purpose": "assessing", "value": e.status},
                    *_classifying(e),
                ],
                "target": {
                    # a page's own canonical URL is untrusted: only http(s) is passed on as a link
                    "source": safe_url(e.source.url) or f"urn:sha256:{e.source.sha256}",
                    "sha256": e.source.sha256,
                    "fileName": e.source.file_name,
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": e.quote, "prefix": e.prefix, "suffix": e.suffix},
                        {"type": "TextPositionSelector", "start": e.start, "end": e.end},
                    ],
                },
            })
    return {"@context": CONTEXT, "id": "urn:claimdesk:export", "type": "AnnotationCollection",
            "label": sheet.title, "total": len(items), "first": {"type": "AnnotationPage", "items": items}}


def _classifying(entry: Entry) -> list[dict[str, Any]]:
    about = entry.about
    if about is None:
        return []
    return [{"type": "TextualBody", "purpose": "classifying", "value": about.headline, "classification": {
        "subject": {"name": about.subject, "category": about.subject_category, "aliases": list(about.subject_aliases)},
        "measure": {"name": about.measure, "unitClass": about.unit_class, "unit": about.unit or None},
        "state": about.link_state}}]
