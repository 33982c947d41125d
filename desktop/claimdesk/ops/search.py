"""Search everywhere: documents and claim quotes/notes, with where to open each hit."""

from __future__ import annotations

from dataclasses import dataclass

from claimdesk.core.search import first_match_offset, to_fts_query
from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store.project import Project


@dataclass(frozen=True)
class Hit:
    source: str  # "document" | "claim"
    document_id: int
    title: str
    snippet: str
    offset: int  # where to put the cursor in the document
    claim_id: int | None = None
    kind: str = ""


def search_everywhere(project: Project, query: str, limit: int = 100) -> list[Hit]:
    fts_query = to_fts_query(query)
    if not fts_query:
        return []
    hits = [Hit("claim", r[1], r[3], r[5], r[2], r[0], r[4])
            for r in claims_repo.search_claims(project.db, fts_query, limit)]
    for hit in documents_repo.search_documents(project.db, fts_query, limit):
        text = documents_repo.document_text(project.db, hit.document_id) or ""
        hits.append(Hit("document", hit.document_id, hit.title, hit.snippet,
                        first_match_offset(text, query) or 0))
    return hits
