"""Import figures: a 500-page PDF against raw PyMuPDF extraction of the same file (ratio,
budget ≤ 1.5×), 1,000 text articles (s), FTS on 100k documents (≤ 10 ms; only these
with ``python benchmarks/bench_import.py --fts``), and the main process's peak memory while
it imports a 150 MB text (≤ 5× the file; only these with ``--memory [MB]``)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
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
                warm.append(_timed(lambda project=project: _check(import_paths(project, [pdf], parser=parser))))
                project.close()
            project = new_project(folder / f"cold{attempt}.claimdesk")
            cold.append(_timed(lambda project=project: _check(import_paths(project, [pdf]))))
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
        rows += fts_rows(folder)
        rows += memory_rows(folder)
    return rows


# Runs in a fresh interpreter so its peak is the import's alone: VmHWM, as ru_maxrss starts
# at the parent's peak (Linux carries it across exec).
_MEMORY_DRIVER = """
import json, sys, time
from pathlib import Path

def kilobytes(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])

def main():
    from claimdesk.ops.importing import import_paths
    from claimdesk.ops.projects import new_project

    with new_project(Path(sys.argv[2])) as project:
        before = kilobytes("VmRSS")
        started = time.perf_counter()
        report = import_paths(project, [Path(sys.argv[1])])
        seconds = time.perf_counter() - started
    print(json.dumps({"ok": report.ok, "seconds": seconds, "before_kb": before, "peak_kb": kilobytes("VmHWM")}))

if __name__ == "__main__":
    main()
"""


def memory_rows(folder: Path, megabytes: int = 150) -> list[dict]:
    """Peak RSS of the main process importing one large press-release-like text (eight
    English lines to one Russian and one Kazakh, so Python holds it two bytes a letter),
    against the file's size; the parser child's peak is a separate limit (--parse-memory-mb).
    Budget 5x: it was 20x (the search index built in memory); segments brought it to ~4x. What
    is left is the parser's reply (bytes, message, decoded text) and SQLite's copies of one
    row; below 2.5x needs the text sent and stored in pieces (docs/decisions.md)."""
    source = folder / f"large-{megabytes}.txt"
    rng = random.Random(9)
    with source.open("w", encoding="utf-8") as out:
        written, line_number = 0, 0
        while written < megabytes * 1_000_000:
            line = _fts_line(line_number) + f" w{rng.randint(1, 50_000)} {rng.randint(1, 99_999)}.\n"
            out.write(line)
            written += len(line.encode())
            line_number += 1
    size = source.stat().st_size
    result = subprocess.run([sys.executable, "-c", _MEMORY_DRIVER, str(source), str(folder / "large.claimdesk")],
                            capture_output=True, text=True)
    if result.returncode:
        return [_row(f"import {megabytes} MB text: peak RSS / file size", 0, "x", "<= 5", False,
                     result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed")]
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    peak = figures["peak_kb"] * 1024
    ratio = peak / size
    return [
        _row(f"import {megabytes} MB text: peak RSS / file size", ratio, "x", "<= 5", ratio <= 5 and figures["ok"],
             f"{peak / 1e6:,.0f} MB main process ({(peak - figures['before_kb'] * 1024) / 1e6:,.0f} MB over "
             f"its {figures['before_kb'] / 1e3:,.0f} MB before), {size / 1e6:,.0f} MB file"),
        _row("  same, import time", figures["seconds"], "s", "(figure)", figures["ok"],
             f"{size / 1e6 / figures['seconds']:.1f} MB/s, parse + store + both indexes"),
    ]


def fts_rows(folder: Path) -> list[dict]:
    """FTS on 100k one-line documents (every tenth Russian, every tenth Kazakh): the selective
    query with its budget, a query by word form, storing the documents with their indexes,
    and the indexes' sizes (exact and word-form, docs/decisions.md "Search by word forms")."""
    rows = []
    big = new_project(folder / "fts.claimdesk")
    with big.db.atomic():  # each document its own original (migration 0011), not part of the figure
        big.db.conn.executemany("INSERT INTO originals VALUES (?, 1, 'text/plain', 'g.txt', x'00')",
                                ((f"x{d}",) for d in range(100_000)))
    started = time.perf_counter()
    with big.db.atomic():
        big.db.conn.executemany(
            "INSERT INTO documents (original_sha256, file_name, title, retrieved, imported_at, media_type, text,"
            " text_sha256, languages) VALUES (?, ?, ?, 'd', 'd', 'text/plain', ?, 'h', ?)",
            ((f"x{d}", f"d{d}.txt", f"Release {d}", _fts_line(d) + f" marker{d}", _FTS_LANGUAGES[d % 10])
             for d in range(100_000)))
    stored = time.perf_counter() - started
    megabytes = big.db.execute("SELECT sum(length(CAST(text AS BLOB))) FROM documents").fetchone()[0] / 1e6
    best = min(_timed(lambda: document_ops.search(big, "marker77777")) for _ in range(5))
    rows.append(_row("FTS selective query, 100k documents", best * 1000, "ms", "<= 10", best * 1000 <= 10))
    best = min(_timed(lambda: document_ops.search(big, "школы marker77778")) for _ in range(5))
    rows.append(_row("  same, with a Russian word form", best * 1000, "ms", "<= 10", best * 1000 <= 10,
                     "школы finds школ in the text"))
    best = min(_timed(lambda: document_ops.search(big, "schooling")) for _ in range(3))
    rows.append(_row("  a word form in every document (top 50)", best * 1000, "ms", "(figure)", True,
                     "bm25 over all 100k matches"))
    rows.append(_row("store 100k documents with their indexes", stored / megabytes, "s/MB", "(figure)", True,
                     f"{stored:.1f} s for {megabytes:.1f} MB of text"))
    sizes = dict(big.db.execute("SELECT CASE WHEN name LIKE 'documents_terms%' THEN 'terms' ELSE 'exact' END, "
                                "sum(pgsize) FROM dbstat WHERE name LIKE 'documents_fts%' "
                                "OR name LIKE 'documents_terms%' GROUP BY 1").fetchall())
    rows.append(_row("FTS index size per MB of text", (sizes.get("exact", 0) + sizes.get("terms", 0)) / 1e6 / megabytes,
                     "MB", "(figure)", True, f"exact {sizes.get('exact', 0) / 1e6:.1f} MB, "
                     f"word forms {sizes.get('terms', 0) / 1e6:.1f} MB"))
    big.close()
    return rows


_FTS_LANGUAGES = ['["en"]'] * 8 + ['["ru"]', '["kk"]']
_RUSSIAN = "Акимат области выделил {n} млн тенге на ремонт школ в районе {d}."
_KAZAKH = "Облыс әкімдігі {d} аудандағы мектептерді жөндеуге {n} млн теңге бөлді."


def _fts_line(d: int) -> str:
    template = {8: _RUSSIAN, 9: _KAZAKH}.get(d % 10, LINE)
    return template.format(n=d, d=d % 97)


def _check(report) -> None:
    assert report.ok, [(r.path.name, r.message) for r in report.results]


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


if __name__ == "__main__":
    if "--fts" in sys.argv:  # only the FTS figures (a minute instead of several)
        with tempfile.TemporaryDirectory() as scratch:
            for row in fts_rows(Path(scratch)):
                print(row)
    elif "--memory" in sys.argv:  # only the large-text figures; --memory 50 for a 50 MB text
        size_arguments = sys.argv[sys.argv.index("--memory") + 1:]
        with tempfile.TemporaryDirectory() as scratch:
            for row in memory_rows(Path(scratch), int(size_arguments[0]) if size_arguments else 150):
                print(row)
    else:
        for row in run():
            print(row)
