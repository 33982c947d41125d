"""The claims table's orderings: each returns what a plain Python sort of the same rows
gives, and each unfiltered sort is an index scan, never a temporary B-tree (at 100k claims
that is the difference between ~50 ms and ~250 ms; benchmarks/bench_core.py measures it)."""

from __future__ import annotations

import json
import random
from decimal import Decimal

import pytest

from claimdesk.core.claims import ORDERINGS
from claimdesk.core.search import to_fts_query
from claimdesk.store import claims as repo


@pytest.fixture
def many_claims(project):
    rng = random.Random(5)
    db = project.db
    with db.atomic():
        for d in range(12):  # documents 4 and 8 are digest pages: their articles follow in reverse id order
            parent = None if d % 4 != 1 or d < 4 else 4 if d < 8 else 8
            # each its own original: a file is stored as one top-level document (migration 0011)
            db.execute("INSERT INTO originals VALUES (?, 1, 'text/plain', 'gen.txt', x'00')", [f"x{d}"])
            db.execute("INSERT INTO documents (parent_id, ordinal, original_sha256, file_name, title, retrieved, "
                       "imported_at, media_type, text, text_sha256, published) VALUES (?, ?, ?, ?, ?, 'd', 'd', "
                       "'text/plain', 'text', 'h', ?)",
                       [parent, 20 - d, f"x{d}", f"d{d}.txt", f"Release {d}", f"2026-0{1 + d % 3}-01"])
        kinds = [row[0] for row in db.execute("SELECT id FROM kinds")]
        for _ in range(300):
            field = rng.choice(["amount", "quantity", "value", "name"])
            value = str(rng.choice([1, 5, 5, 12, 700, 1300000])) if field != "name" else "A. Person"
            db.execute('INSERT INTO claims (document_id, kind_id, start, "end", quote, fields, status, author, '
                       "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'now', 'now')",
                       [rng.randint(1, 12), rng.choice(kinds), rng.randint(0, 50), 60,
                        rng.choice(["Allocated", "allocated more", "built", "Zeta"]), json.dumps({field: value}),
                        rng.choice(["unverified", "verified", "disputed"]), rng.choice(["ann", "bob"])])
    return project


def _reference(db, order_by, descending, kind=None, status=None):
    rows = db.execute("SELECT c.id, c.document_id, c.start, c.quote, c.fields, c.status, c.author, k.name, "
                      "k.position, k.id, d.parent_id, d.ordinal, d.published FROM claims c JOIN kinds k "
                      "ON k.id = c.kind_id JOIN documents d ON d.id = c.document_id").fetchall()
    rows = [r for r in rows if (kind is None or r[7] == kind) and (status is None or r[5] == status)]

    def value(r):
        fields = json.loads(r[4])
        found = next((fields[k] for k in ("amount", "quantity", "value") if k in fields), None)
        return (0, Decimal(0)) if found is None else (1, Decimal(found))  # NULL sorts first

    keys = {"kind": lambda r: (r[8], r[9]), "value": lambda r: (value(r), r[9], r[5]),
            "quote": lambda r: r[3].lower(), "document": lambda r: (r[10] or r[1], r[11], r[1], r[2]),
            "date": lambda r: (r[12], r[1], r[2]), "status": lambda r: r[5], "author": lambda r: r[6]}
    return [r[0] for r in sorted(rows, key=lambda r: (keys[order_by](r), r[0]), reverse=descending)]


@pytest.mark.parametrize("order_by", ORDERINGS)
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("filters", [{}, {"kind": "funding"}, {"status": "verified"}])
def test_every_ordering_matches_a_python_sort(many_claims, order_by, descending, filters):
    ids = repo.claim_ids(many_claims.db, document_id=None, fts_query=to_fts_query(""), order_by=order_by,
                         descending=descending, kind=filters.get("kind"), status=filters.get("status"))
    assert ids == _reference(many_claims.db, order_by, descending, **filters)


class _PlanRecorder:
    def __init__(self, db):
        self.db, self.plans = db, []

    def execute(self, sql, params=()):
        self.plans.append(" | ".join(row[3] for row in self.db.execute("EXPLAIN QUERY PLAN " + sql, params)))
        return self.db.execute(sql, params)


@pytest.mark.parametrize("order_by", ORDERINGS)
def test_every_ordering_is_an_index_scan(many_claims, order_by):
    recorder = _PlanRecorder(many_claims.db)
    for descending in (False, True):
        for text in ("", "allocated"):
            repo.claim_ids(recorder, kind="funding" if text else None, status=None, document_id=None,
                           fts_query=to_fts_query(text), order_by=order_by, descending=descending)
    assert recorder.plans and not any("TEMP B-TREE" in plan for plan in recorder.plans), recorder.plans
