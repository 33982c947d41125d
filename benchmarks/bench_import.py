"""Import figures: a 500-page PDF against raw PyMuPDF extraction of the same file (ratio,
budget ≤ 1.5×), 1,000 text articles (s), and FTS on 100k documents (≤ 10 ms)."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from claimdesk.core.worker import ParserProcess
from claimdesk.ops import documents as document_ops
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project

LINE = "The regional akimat allocated {n} million tenge for school repairs in district {d}."


def _row(name, value, unit, budget, ok, detail=""):
    return {"name": name, "value": round(value, 2), "unit": unit, "budget": budget, "ok": ok, "detail": detail}


def run() -> list[dict]:
    import pymupdf

    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        document = pymupdf.open()
        for page_number in range(500):
            page = document.new_page()
            page.insert_text((50, 60), "\n".join(LINE.format(n=page_number * 40 + i, d=i) for i in range(40)),
                             fontsize=9)
        pdf = folder / "report-500.pdf"
        pdf.write_bytes(document.tobytes())
        raw_text = []

        def extract():
            with pymupdf.open(pdf) as opened:
                raw_text[:] = [page.get_text() for page in opened]

        raw = min(_timed(extract) for _ in range(3))  # best of three: this machine's speed drifts
        warm, cold = [], []
        for attempt in range(3):
            # as in the GUI: the parser child was started while the file was being chosen
            with ParserProcess(preload_pdf=True) as parser:
                parser.parse(b"warm", "warm.txt")
                project = new_project(folder / f"warm{attempt}.claimdesk")
                warm.append(_timed(lambda: _check(import_paths(project, [pdf], parser=parser))))
                project.close()
            project = new_project(folder / f"cold{attempt}.claimdesk")
            cold.append(_timed(lambda: _check(import_paths(project, [pdf]))))
            project.close()
        assert raw_text
        ours, cold = min(warm), min(cold)
        rows.append(_row("import 500-page PDF / raw text extraction", ours / raw, "x", "<= 1.5", ours / raw <= 1.5,
                         f"import {ours:.2f} s (isolated parse, page map, store, FTS) vs raw {raw:.2f} s"))
        rows.append(_row("  same, starting the parser (CLI)", cold / raw, "x", "(figure)", True,
                         f"{cold:.2f} s: the child boots and loads PyMuPDF first (~0.2 s)"))
        project = new_project(folder / "import.claimdesk")
        rng = random.Random(5)
        articles = folder / "articles"
        articles.mkdir()
        for n in range(1000):
            (articles / f"a{n:04d}.txt").write_text(
                f"Release {n}\n\n" + " ".join(LINE.format(n=rng.randint(1, 999), d=i) for i in range(15)))
        started = time.perf_counter()
        report = import_paths(project, [articles])
        seconds = time.perf_counter() - started
        rows.append(_row("import 1,000 text articles", seconds, "s", "(figure)", report.ok,
                         f"{seconds / 1000 * 1000:.1f} ms per article"))
        project.close()
        big = new_project(folder / "fts.claimdesk")
        with big.db.atomic():
            big.db.execute("INSERT INTO originals VALUES ('x', 1, 'text/plain', 'g.txt', x'00')")
            big.db.conn.executemany(
                "INSERT INTO documents (original_sha256, file_name, title, retrieved, imported_at, media_type, text,"
                " text_sha256) VALUES ('x', ?, ?, 'd', 'd', 'text/plain', ?, 'h')",
                ((f"d{d}.txt", f"Release {d}", LINE.format(n=d, d=d % 97) + f" marker{d}") for d in range(100_000)))
        best = min(_timed(lambda: document_ops.search(big, "marker77777")) for _ in range(5))
        rows.append(_row("FTS selective query, 100k documents", best * 1000, "ms", "<= 10", best * 1000 <= 10))
        big.close()
    return rows


def _check(report) -> None:
    assert report.ok, [(r.path.name, r.message) for r in report.results]


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


if __name__ == "__main__":
    for row in run():
        print(row)
