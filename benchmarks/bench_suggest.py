"""Suggest throughput in MB of UTF-8 text per second on one core (budget ≥ 2 MB/s).

Measured on real releases (the seeds in ../shared, when present) and on the bundled
fictional sample corpus, each repeated to about 2 MB with fresh digits in every copy (the
detector caches facts per sentence, and repeating one text verbatim would measure those
caches). The samples were written to show many claims in few lines: they hold 3-20x more
figures per MB than real releases, and the cost of suggesting grows with the figures, so
they are the stress case. The detail names the number grammar's share (find_quantities) and
whether the detector ran compiled (`make bench` compiles it first: claimdesk/compiled.py)."""

from __future__ import annotations

import gc
import re
import time
from pathlib import Path

from claimdesk.compiled import compiled_in_use
from claimdesk.core.readers import read_document
from claimdesk.core.numbers import find_quantities
from claimdesk.core.suggest import suggest

REPO = Path(__file__).resolve().parents[1]
CORPORA = {"seed releases": REPO.parent / "shared" / "seeds", "sample corpus, dense": REPO / "resources" / "samples"}


_LAST_DIGIT = re.compile(r"\d(?!\d)")


def corpus_text(folder: Path, megabytes: float = 2.0) -> str:
    """The folder's documents repeated to ``megabytes``; copy n adds n to the last digit of every
    number (mod 10), so figures keep their shape (a year stays a year) but no sentence repeats."""
    text = "\n\n".join(read_document(p.read_bytes(), p.name).text for p in sorted(folder.iterdir()) if p.is_file())
    copies = max(1, int(megabytes * 1_000_000 // max(1, len(text.encode()))))
    return "\n\n".join(_LAST_DIGIT.sub(lambda m, n=n: str((int(m.group(0)) + n) % 10), text) for n in range(copies))


def run() -> list[dict]:
    results = []
    running = compiled_in_use()
    build = ("compiled" if all(running.values()) else
             "from sources: " + ", ".join(module for module, built in running.items() if not built))
    for name, folder in CORPORA.items():
        if not folder.is_dir():
            continue
        text = corpus_text(folder)
        seconds, grammar, found = float("inf"), float("inf"), []
        for _ in range(3):  # best of three: this machine's speed drifts by half between runs
            started = time.perf_counter()
            found = suggest(text, (), "2026-01-15")
            seconds = min(seconds, time.perf_counter() - started)
            gc.disable()  # as suggest runs the grammar: with the cyclic collector paused
            try:
                started = time.perf_counter()
                figures = len(find_quantities(text))
                grammar = min(grammar, time.perf_counter() - started)
            finally:
                gc.enable()
        size = len(text.encode()) / 1_000_000
        figures /= size
        results.append({"name": f"suggest throughput ({name})", "value": round(size / seconds, 2), "unit": "MB/s",
                        "budget": ">= 2", "ok": size / seconds >= 2,
                        "detail": f"{size:.1f} MB, {figures:,.0f} figures per MB, {len(found)} suggestions, "
                                  f"{seconds:.2f} s, of which the number grammar {grammar / seconds:.0%}; "
                                  f"detector {build}"})
    return results


if __name__ == "__main__":
    for row in run():
        print(row)
