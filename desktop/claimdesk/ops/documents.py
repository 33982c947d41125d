"""Reading documents back: listing, text, pages and full-text search."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Protocol

from claimdesk.core.model import PageSpan, SearchHit, StoredDocument
from claimdesk.core.search import locate, to_fts_query
from claimdesk.store import documents as repo
from claimdesk.store import search as search_repo
from claimdesk.store.project import Project


class CancellableReport(Protocol):
    cancelled: bool


def list_documents(project: Project) -> list[StoredDocument]:
    return repo.list_documents(project.db)


def each_leaf_document(project: Project, document_ids: list[int] | None, report: CancellableReport,
                       progress: Callable[[int, int], None] | None = None,
                       cancelled: Callable[[], bool] | None = None) -> Iterator[StoredDocument]:
    """The documents claims are marked in (digest pages left out; all when ``document_ids``
    is None), one at a time for a long task: ``progress(done, total)`` before each and at
    the end; when ``cancelled()`` says so, ``report.cancelled`` is set and it stops."""
    documents = [d for d in repo.list_documents(project.db)
                 if not d.is_container and (document_ids is None or d.id in document_ids)]
    for index, document in enumerate(documents):
        if cancelled and cancelled():
            report.cancelled = True
            return
        if progress:
            progress(index, len(documents))
        yield document
    if progress:
        progress(len(documents), len(documents))


def get_document(project: Project, document_id: int) -> StoredDocument | None:
    return repo.get_document(project.db, document_id)


def document_text(project: Project, document_id: int) -> str:
    text = repo.document_text(project.db, document_id)
    if text is None:
        raise KeyError(f"no document #{document_id}")
    return text


def document_pages(project: Project, document_id: int) -> list[PageSpan]:
    return repo.document_pages(project.db, document_id)


def original_bytes(project: Project, document_id: int) -> bytes:
    content = repo.original_content(project.db, document_id)
    if content is None:
        raise KeyError(f"no document #{document_id}")
    return content


def claim_counts(project: Project) -> dict[int, int]:
    return repo.claim_counts(project.db)


def search(project: Project, query: str, limit: int = 50) -> list[SearchHit]:
    """Documents holding every word of a query in any form (syntax: core/search.py), best
    first, each with a snippet of its own text around the first hit."""
    parsed = to_fts_query(query)
    if not parsed:
        return []
    return [SearchHit(document_id, title, locate(text, parsed).snippet, rank)
            for document_id, title, text, rank in search_repo.search_documents(project.db, parsed, limit)]


def documents_as_dicts(project: Project) -> list[dict[str, Any]]:
    return [repo.document_as_dict(d) for d in list_documents(project)]
