"""Search everywhere: documents and claim quotes/notes, with where to open each hit."""

from __future__ import annotations

from dataclasses import dataclass

from claimdesk.core.search import locate, to_fts_query
from claimdesk.store import search as search_repo
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
    """Claims first, then documents; a document opens at the first word form of the query
    actually written in it (or at its start when only the title matched)."""
    parsed = to_fts_query(query)
    if not parsed:
        return []
    hits = []
    for claim_id, document_id, start, title, kind, quote, note in search_repo.search_claims(project.db, parsed, limit):
        in_quote = locate(quote, parsed)
        snippet = in_quote.snippet if in_quote.offset is not None or not note else locate(note, parsed).snippet
        hits.append(Hit("claim", document_id, title, snippet, start, claim_id, kind))
    for document_id, title, text, _rank in search_repo.search_documents(project.db, parsed, limit):
        found = locate(text, parsed)
        hits.append(Hit("document", document_id, title, found.snippet, found.offset or 0))
    return hits
