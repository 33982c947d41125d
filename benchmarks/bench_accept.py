"""Accepting every pending suggestion of a project (`claimdesk suggest --accept`, issue #16):
100k suggestions from generated releases, with the one-claim-per-fact merge, in
transactions of whole documents bounded in time. Before #16 one transaction took them all
and each accept read its document's claims and scanned every suggestion again (2k/4k/8k
claims: 0.8/2.0/5.5 s, 395k: 16+ min).

`python benchmarks/bench_accept.py [SUGGESTIONS]` prints the figure alone."""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from claimdesk.core.readers import read_document
from claimdesk.ops.importing import store_parsed
from claimdesk.ops.projects import new_project
from claimdesk.ops.suggestions import LOCK_HOLD_SECONDS, accept_pending, pending_counts, suggest_documents

SENTENCES = (
    "The ministry allocated {a} million tenge to build {b} schools in region {r}.",
    "By {y} the akimat will repair {b} km of roads, the governor said.",
    "Unemployment in the region fell to {p}% in {y}, the statistics office reported.",
    "The programme received KZT {a} bn for {b} rural clinics, and a further KZT {c} bn for clinics.",
    "{b} families moved into new flats, {c} more are on the waiting list.",
)
PER_DOCUMENT = 20  # sentences per generated release


def _release(rng: random.Random, number: int) -> str:
    lines = [rng.choice(SENTENCES).format(a=rng.randint(2, 900), b=rng.randint(2, 400), c=rng.randint(2, 90),
                                          r=number, y=rng.randint(2024, 2030), p=rng.randint(2, 19))
             for _ in range(PER_DOCUMENT)]
    return f"Release {number}\n" + "\n".join(lines) + "\n"


def project_with_suggestions(folder: Path, wanted: int):
    """A project whose detector run left about ``wanted`` pending suggestions."""
    rng = random.Random(16)
    project = new_project(folder / "accept.claimdesk")
    number, found = 0, 0
    while found < wanted:
        data = _release(rng, number).encode()
        with project.db.atomic():
            ids = store_parsed(project, read_document(data, f"r{number}.txt"), data, f"r{number}.txt", "2026-01-01")
        found += suggest_documents(project, ids).suggestions
        number += 1
    return project


def measure(wanted: int = 100_000) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        with project_with_suggestions(Path(scratch), wanted) as project:
            waiting = sum(pending_counts(project).values())
            started, cpu = time.perf_counter(), time.process_time()
            report = accept_pending(project)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            assert not pending_counts(project) and report.accepted == waiting
    return {"seconds": seconds, "cpu": cpu, "accepted": report.accepted, "merged": len(report.merged_into),
            "documents": report.documents}


def run() -> list[dict]:
    figures = measure()
    return [{"name": f"accept {figures['accepted'] // 1000}k suggestions (suggest --accept)",
             "value": round(figures["seconds"], 2), "unit": "s", "budget": "<= 30", "ok": figures["seconds"] <= 30,
             "detail": f"{figures['documents']} documents in transactions of <= {LOCK_HOLD_SECONDS} s "
                       f"(the longest another Claimdesk waits), CPU {figures['cpu']:.1f} s"}]


if __name__ == "__main__":
    print(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
