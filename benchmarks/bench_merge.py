"""Merging two analysts' projects of 10k claims each (`claimdesk merge`, issue #18): both
imported the same 500 generated releases; Bob marked most figures as Alice did, some with
another value or a wider span (disagreements), and some Alice left out (new claims). The
figure is the whole merge as the command runs it: FROM checked and copied, the plan, the
backup of INTO and the one transaction.

`python benchmarks/bench_merge.py [CLAIMS]` prints the figures alone."""

from __future__ import annotations

import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from claimdesk.core.claims import CreateClaim
from claimdesk.core.readers import read_document
from claimdesk.ops.claims import DocumentClaimWriter
from claimdesk.ops.importing import store_parsed
from claimdesk.ops.project_merge import merge, open_source
from claimdesk.ops.projects import new_project, open_existing

SENTENCES = (
    "The ministry allocated {a} million tenge to build schools in region {r}.",
    "By {y} the akimat will repair {b} km of roads, the governor said.",
    "Unemployment in the region fell to {p}% in {y}, the statistics office reported.",
    "The programme received KZT {a} bn for rural clinics in district {r}.",
    "{b} families moved into new flats, the akim said on {y}.",
)
PER_DOCUMENT = 20
_FIGURE = re.compile(r"\d+")


def _release(rng: random.Random, number: int) -> str:
    lines = [rng.choice(SENTENCES).format(a=rng.randint(2, 900), b=rng.randint(2, 400), r=number,
                                          y=rng.randint(2024, 2030), p=rng.randint(2, 19))
             for _ in range(PER_DOCUMENT)]
    return f"Release {number}\n" + "\n".join(lines) + "\n"


def _documents(path: Path, claims: int) -> None:
    rng = random.Random(18)
    with new_project(path) as project, project.db.atomic():
        for number in range(claims // PER_DOCUMENT):
            data = _release(rng, number).encode()
            store_parsed(project, read_document(data, f"r{number}.txt"), data, f"r{number}.txt", "2026-01-01")


def _mark(path: Path, actor: str, seed: int) -> int:
    """One statistic per sentence, at its first figure; Bob (seed 2) states another value for
    some, marks a wider span for some, and marks the second figure instead for some."""
    rng, marked = random.Random(seed), 0
    with open_existing(path) as project, project.db.atomic():
        for document_id, text in project.db.execute("SELECT id, text FROM documents ORDER BY id").fetchall():
            writer = DocumentClaimWriter(project, document_id, text)
            offset = text.index("\n") + 1
            for line in text[offset:].splitlines():
                figures = list(_FIGURE.finditer(line))
                figure, value, widen = figures[0], figures[0].group(), 0
                roll = rng.random()
                if seed == 2 and roll < 0.1 and len(figures) > 1:
                    figure, value = figures[1], figures[1].group()  # a claim Alice does not have
                elif seed == 2 and roll < 0.2:
                    value = str(int(value) + 1)  # a disagreement on the value
                elif seed == 2 and roll < 0.25:
                    widen = 2  # a wider span: the same claim, a span disagreement
                start = offset + figure.start()
                writer.create(CreateClaim(document_id, "statistic", start, offset + figure.end() + widen,
                                          {"value": value}), actor)
                marked += 1
                offset += len(line) + 1
    return marked


def measure(claims: int = 10_000) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        alice, bob = Path(scratch) / "alice.claimdesk", Path(scratch) / "bob.claimdesk"
        _documents(alice, claims)
        shutil.copyfile(alice, bob)
        marked = (_mark(alice, "alice", 1), _mark(bob, "bob", 2))
        with open_existing(alice) as into:
            started, cpu = time.perf_counter(), time.process_time()
            with open_source(bob, into) as source:
                result = merge(into, source, actor="carol")
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "claims": marked, "counts": result.counts}


def run() -> list[dict]:
    figures = measure()
    counts = figures["counts"]
    return [{"name": f"merge two {figures['claims'][0] // 1000}k-claim projects (claimdesk merge)",
             "value": round(figures["seconds"], 2), "unit": "s", "budget": "<= 10", "ok": figures["seconds"] <= 10,
             "detail": f"{counts.new} new, {counts.same} same, {counts.disagreeing} disagreeing; "
                       f"CPU {figures['cpu']:.1f} s"}]


if __name__ == "__main__":
    print(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
