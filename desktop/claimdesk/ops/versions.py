"""New versions of a document: its text is replaced (the old original stays stored) and
every claim is re-anchored; the outcome of each is recorded in its history. Orphaned
claims keep their old offsets and quote and wait in the review list; nothing is deleted."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field, replace

from claimdesk.core.anchoring import ORPHANED, reanchor
from claimdesk.core.claims import quote_selector
from claimdesk.core.language import detect_languages
from claimdesk.core.model import ParsedDocument
from claimdesk.core.normalize import sha256_hex
from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store import events
from claimdesk.store import suggestions as suggestions_repo
from claimdesk.store.events import current_actor, now_iso
from claimdesk.store.project import Project


@dataclass
class VersionReport:
    document_id: int
    outcomes: Counter[str] = field(default_factory=Counter)  # anchored / moved / changed / orphaned → count


def apply_new_version(project: Project, document_id: int, parsed: ParsedDocument, data: bytes, file_name: str,
                      retrieved: str) -> VersionReport:
    """Call inside a transaction. The document must be a plain one (not a digest page)."""
    db = project.db
    old = documents_repo.get_document(db, document_id)
    old_text = documents_repo.document_text(db, document_id)
    if old is None or old_text is None:
        raise KeyError(f"no document #{document_id}")
    sha = sha256_hex(data)
    documents_repo.insert_original(db, sha, data, parsed.media_type, file_name)
    documents_repo.replace_version(
        db, document_id, original_sha256=sha, file_name=file_name, title=parsed.title or old.title,
        publisher=parsed.publisher, published=parsed.published, retrieved=retrieved, imported_at=now_iso(),
        languages=parsed.languages or detect_languages(parsed.text), encoding=parsed.encoding,
        encoding_method=parsed.encoding_method, text=parsed.text, text_sha256=sha256_hex(parsed.text),
        boilerplate=parsed.boilerplate, metadata=parsed.metadata, pages=parsed.pages)
    suggestions_repo.delete_pending(db, document_id)  # their offsets belong to the old text
    report = VersionReport(document_id)
    actor, now = current_actor(), now_iso()
    for claim in claims_repo.claims_for_document(db, document_id):
        anchor = reanchor(parsed.text, claim.start, claim.end, claim.quote, claim.prefix, claim.suffix,
                          len(old_text))
        report.outcomes[anchor.state] += 1
        if anchor.state == ORPHANED or anchor.start is None or anchor.end is None:  # only an orphan has no span
            after = replace(claim, anchor_state=ORPHANED, updated_at=now)
        else:
            quote, prefix, suffix = quote_selector(parsed.text, anchor.start, anchor.end)
            after = replace(claim, start=anchor.start, end=anchor.end, quote=quote, prefix=prefix, suffix=suffix,
                            page=_page(parsed, anchor.start), anchor_state=anchor.state, updated_at=now)
        claims_repo.update_claim(db, after)
        claims_repo.record_claim_event(db, claim.id, now, actor, "reanchor", asdict(claim), asdict(after),
                                       f"new version {file_name}: {anchor.state}")
    events.record_event(db, "document.new_version", str(document_id),
                        {"old_sha256": old.original_sha256, "sha256": sha, "outcomes": dict(report.outcomes)})
    return report


def _page(parsed: ParsedDocument, offset: int) -> int | None:
    return next((p.number for p in parsed.pages if p.start <= offset <= p.end), None)
