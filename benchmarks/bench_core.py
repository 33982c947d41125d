"""Store, reader and export figures on generated data (issue #8's budgets)."""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claimdesk.core.claims import ClaimFilter
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import documents as document_ops
from claimdesk.ops.projects import new_project

WORDS = ("ministry budget allocated tenge schools clinics roads region programme akimat villages "
         "construction water energy report development national project").split()


def _row(name, value, unit, budget, ok, detail=""):
    return {"name": name, "value": round(value, 2), "unit": unit, "budget": budget, "ok": ok, "detail": detail}


def _best(action, repeat=5) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def big_project(folder: Path, documents: int = 10_000, claims: int = 100_000):
    rng = random.Random(3)
    project = new_project(folder / "big.claimdesk")
    db = project.db
    with db.atomic():
        # each document its own original: a file is stored as one top-level document (migration 0011)
        db.conn.executemany("INSERT INTO originals VALUES (?, 1, 'text/plain', 'gen.txt', x'00')",
                            ((f"x{d}",) for d in range(documents)))
        for d in range(documents):
            text = " ".join(rng.choice(WORDS) for _ in range(300)) + f" unique{d}"
            db.execute("INSERT INTO documents (original_sha256, file_name, title, retrieved, imported_at, media_type,"
                       " text, text_sha256, published) VALUES (?, ?, ?, 'd', 'd', 'text/plain', ?, 'h', ?)",
                       [f"x{d}", f"d{d}.txt", f"Release {d}", text, f"2026-{1 + d % 12:02d}-01"])
        db.conn.executemany(
            'INSERT INTO claims (document_id, kind_id, start, "end", quote, fields, author, created_at, updated_at)'
            " VALUES (?, ?, 10, 30, ?, ?, 'me', 'now', 'now')",
            [(1 + i % documents, 1 + i % 4, "allocated 5 billion tenge" + (" to hospitals" if i % 100 == 7 else ""),
              json.dumps({"amount": str(rng.randint(1, 10**9))})) for i in range(claims)])
    return project


def run() -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        project = big_project(Path(scratch))
        for label, claim_filter in (("sort by document", ClaimFilter()),
                                    ("sort by value", ClaimFilter(order_by="value")),
                                    ("filter kind", ClaimFilter(kind="funding")),
                                    ("filter text, in every claim", ClaimFilter(text="allocated")),
                                    ("filter text, in 1% of claims", ClaimFilter(text="hospitals"))):
            ms = _best(lambda f=claim_filter: claim_ops.claim_ids(project, f), 3)
            rows.append(_row(f"claims table 100k: {label}", ms, "ms", "<= 100", ms <= 100,
                             "above 20k claims the GUI runs this in a worker"))
        ms = _best(lambda: document_ops.search(project, "unique4242"))
        rows.append(_row("FTS selective query, 10k documents", ms, "ms", "<= 10", ms <= 10))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append(_row("RSS with 10k documents / 100k claims (store side)", rss, "MB", "<= 350", rss <= 350,
                         "benchmark process peak"))
        project.close()
        rows.append(_gui_rss_row(Path(scratch) / "big.claimdesk"))
    rows += _export_rows()
    rows += _reader_rows()
    rows += _startup_rows()
    return rows


def _gui_rss_row(project_path: Path) -> dict:
    """The app's peak memory with the big project open: library of 10k documents, the
    claims table over all 100k claims scrolled to its end, a document in the reader."""
    code = r'''
import os, sys, time, json, resource, tempfile
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from claimdesk.ops.projects import open_existing
from claimdesk.ui.main_window import MainWindow
from claimdesk.ui.settings import Settings
window = MainWindow(open_existing(sys.argv[1]), Settings.at(Path(tempfile.mkdtemp()) / "settings.ini"))
window.resize(1200, 800); window.show()
deadline = time.monotonic() + 120
while (window.claims_model.loading or not window.claims_model.ids) and time.monotonic() < deadline:
    app.processEvents(); time.sleep(0.01)
window.open_document(1)
window.claims_pane.table.scrollToBottom(); app.processEvents()
# VmHWM is this process's own peak: ru_maxrss keeps the forking parent's across exec on Linux
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
if os.path.exists("/proc/self/status"):
    peak = next(int(line.split()[1]) / 1024 for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"rss": peak,
                  "claims": len(window.claims_model.ids), "documents": window.library.model.rowCount()}))
window.close()
'''
    figures = _run_json(code, str(project_path))
    return _row("RSS of the app with that project open", figures["rss"], "MB", "<= 350", figures["rss"] <= 350,
                f"{figures['claims']:,} claims in the table, {figures['documents']:,} documents in the library")


def _export_rows() -> list[dict]:
    from claimdesk.core.claims import CreateClaim, EditClaim
    from claimdesk.ops.commands import run_command
    from claimdesk.ops.exporting import export
    from claimdesk.ops.factsheet import ExportOptions
    from claimdesk.ops.importing import import_paths

    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        sentence = "The akimat allocated {n} billion tenge to repair roads in the region. "
        for d in range(20):
            (folder / f"r{d}.txt").write_text(f"Release {d}\n\n" + "".join(sentence.format(n=n) for n in range(50)))
        project = new_project(folder / "export.claimdesk")
        import_paths(project, sorted(folder.glob("*.txt")))
        for document_id in range(1, 21):
            text = project.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0]
            at = 0
            for n in range(50):
                at = text.index("billion tenge", at) - len(str(n)) - 1
                inverse = run_command(project, CreateClaim(document_id, "funding", at, at + 20,
                                                       {"amount": str(n * 10**9), "currency": "KZT"}), actor="a").result
                run_command(project, EditClaim(inverse.claim_id, {"status": "verified"}), actor="b")
                at += 25
        for fmt, budget in (("html", 0.5), ("pdf", 5.0)):
            started = time.perf_counter()
            sheet = export(project, fmt, folder / f"sheet.{fmt}", ExportOptions(timestamp="2026-01-01T00:00:00Z"))
            seconds = time.perf_counter() - started
            rows.append(_row(f"export {sheet.count}-claim fact sheet to {fmt.upper()}", seconds, "s",
                             f"<= {budget}", seconds <= budget, "integrity checks included"))
        project.close()
    return rows


def _reader_rows() -> list[dict]:
    code = r'''
import os, time, json
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from claimdesk.ui.text_reader import TextView
from claimdesk.core.claims import Claim
from claimdesk.core.kinds import Kind
para = "The ministry allocated 5 billion tenge to build 12 schools by 2027 in the region. " * 6 + "\n\n"
text = para * (1_000_000 // len(para))
kinds = {"funding": Kind("funding", "Funding", "#e0a800", "1")}
claims, pos = [], 0
for i in range(5000):
    s = text.index("5 billion tenge", pos); pos = s + 15
    claims.append(Claim(i + 1, 1, "funding", s, s + 15, "", "", "", None, {}, "unverified", "manual", None, "me", "",
                        "", "anchored"))
view = TextView(); view.resize(900, 700); view.show(); app.processEvents()
t = time.perf_counter(); view.set_document(text, claims, kinds); view.repaint(); first = time.perf_counter() - t
bar, repaints = view.verticalScrollBar(), []
for step in range(40):  # scroll a page at a time through fresh paragraphs, as reading does
    bar.setValue(bar.value() + bar.pageStep() + (bar.maximum() // 40 if step % 2 else 0))
    t = time.perf_counter(); view.repaint(); repaints.append(time.perf_counter() - t)
repaints.sort()
print(json.dumps({"first": first * 1000, "repaint": repaints[int(0.95 * len(repaints)) - 1] * 1000,
                  "median": repaints[len(repaints) // 2] * 1000}))
'''
    figures = _run_json(code)
    return [_row("reader 1 MB / 5,000 claims: first paint", figures["first"], "ms", "<= 150", figures["first"] <= 150),
            _row("reader scroll a page and repaint (p95)", figures["repaint"], "ms", "<= 16", figures["repaint"] <= 16,
                 f"median {figures['median']:.1f} ms; new paragraphs are formatted as they come into view"),
            *_add_claim_rows()]


def _add_claim_rows() -> list[dict]:
    """Keypress to persisted and painted, in the real main window: the kind key on a text
    selection runs the undoable create (one transaction with its event), and the reader,
    claims table and library counts update; then the reader is repainted."""
    code = r'''
import os, sys, time, json, tempfile
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
app = QApplication([])
from claimdesk.ops.projects import new_project
from claimdesk.ops.importing import import_paths
from claimdesk.ui.main_window import MainWindow
from claimdesk.ui.settings import Settings
folder = Path(tempfile.mkdtemp())
para = "The ministry allocated 5 billion tenge to build 12 schools by 2027 in the region. " * 6 + "\n\n"
(folder / "big.txt").write_text("Big release\n\n" + para * (1_000_000 // len(para)))
project = new_project(folder / "add.claimdesk")
import_paths(project, [folder / "big.txt"])
text = project.db.execute("SELECT text FROM documents WHERE id = 1").fetchone()[0]
spans, pos = [], 0
for i in range(5000):
    s = text.index("5 billion tenge", pos); pos = s + 15
    spans.append((1, 1, s, s + 15, "5 billion tenge", "{}", "me", "now", "now"))
with project.db.atomic():
    project.db.conn.executemany('INSERT INTO claims (document_id, kind_id, start, "end", quote, fields, author, '
                                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", spans)
settings = Settings.at(folder / "settings.ini")
settings.preferences.user_name = "bench"  # the first change would otherwise ask for a reviewer name
window = MainWindow(project, settings)
window.resize(1200, 800); window.show(); app.processEvents()
window.open_document(1); app.processEvents()
reader, times, pos = window.reader, [], 0
for n in range(30):
    start = text.index("12 schools", pos); pos = start + 10
    cursor = reader.textCursor()
    cursor.setPosition(start); cursor.setPosition(start + 10, QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    count = project.db.execute("SELECT count(*) FROM claims").fetchone()[0]
    t = time.perf_counter()
    QTest.keyClick(reader, "1")
    reader.viewport().repaint()
    times.append(time.perf_counter() - t)
    assert project.db.execute("SELECT count(*) FROM claims").fetchone()[0] == count + 1, "not persisted"
    app.processEvents()
times.sort()
print(json.dumps({"p95": times[int(0.95 * len(times)) - 1] * 1000, "median": times[len(times) // 2] * 1000}))
window.close()
'''
    figures = _run_json(code)
    return [_row("add a claim: keypress to persisted and painted (p95)", figures["p95"], "ms", "<= 50",
                 figures["p95"] <= 50, f"median {figures['median']:.1f} ms; main window, 1 MB document, 5,000 claims")]


def _run_json(code: str, *args: str) -> dict:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def _startup_rows() -> list[dict]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CLAIMDESK_QUIT_AFTER_SHOW": "1"}
    bare = ("import os; os.environ['QT_QPA_PLATFORM']='offscreen'\nfrom PySide6.QtWidgets import QApplication, "
            "QMainWindow\napp = QApplication([]); w = QMainWindow(); w.show(); app.processEvents()")
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch) / "s.claimdesk"
        subprocess.run([sys.executable, "-m", "claimdesk", "new", str(project)], check=True, capture_output=True)
        env = {**env, "HOME": scratch, "XDG_CONFIG_HOME": scratch}

        def app_start():
            subprocess.run([sys.executable, "-m", "claimdesk", str(project)], env=env, check=True,
                           capture_output=True, timeout=60)

        def bare_start():
            subprocess.run([sys.executable, "-c", bare], env=env, check=True, capture_output=True, timeout=60)

        app_s, bare_s = _best(app_start, 3) / 1000, _best(bare_start, 3) / 1000
    return [_row("startup to an interactive window (warm)", app_s, "s", "<= 0.6", app_s <= 0.6),
            _row("startup ratio to a bare PySide6 window", app_s / bare_s, "x", "<= 5", app_s / bare_s <= 5,
                 f"bare window {bare_s:.2f} s")]


if __name__ == "__main__":
    for row in run():
        print(row)
