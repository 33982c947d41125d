"""Two short releases and how two analysts mark them, for the agreement tests of every tier
(the figures they give are worked out in tests/ops/test_agreement.py)."""

from __future__ import annotations

from claimdesk.core.claims import CreateClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import documents as document_ops
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project

RELEASE = "The ministry allocated 12.4 billion tenge to build 48 clinics by 2027."  # 70 code points
OTHER_RELEASE = "Akimat opened 3 schools in 2025 and plans 5 more."


def mark(project, document_id, text, quote, kind, fields, actor, after=0):
    start = text.index(quote, after)
    claim_ops.apply_command(project, CreateClaim(document_id, kind, start, start + len(quote), fields), actor=actor)


def alice_marks(project, doc, text, actor="alice"):
    mark(project, doc, text, "12.4 billion tenge", "funding", {"amount": "12400000000", "currency": "KZT"}, actor)
    mark(project, doc, text, "48 clinics", "target", {"quantity": "48", "deadline": "2027"}, actor)


def bob_marks(project, doc, text, actor="bob"):
    mark(project, doc, text, "12.4 billion", "funding", {"amount": "12400000000.0", "currency": "KZT"}, actor)
    mark(project, doc, text, "48 clinics by 2027", "target", {"quantity": "48", "deadline": "2026"}, actor)


def analyst_project(path, releases, names):
    project = new_project(path)
    import_paths(project, [releases / name for name in names])
    documents = {d.file_name: d.id for d in document_ops.list_documents(project)}
    return project, documents
