"""`claimdesk self-test`: proves an installed or frozen Claimdesk works end to end.

In a temporary project it imports the bundled samples (text, HTML, PDF, DOCX), runs
suggest, verify, exports the HTML and PDF fact sheets and a QDPX, and opens and closes
the main window offscreen. Each step prints its result; the exit code is 0 only if
every step succeeded.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TextIO


def run_self_test(out: TextIO = sys.stdout) -> int:
    results: list[tuple[str, bool, str]] = []
    with tempfile.TemporaryDirectory(prefix="claimdesk-selftest-") as scratch_name:
        scratch = Path(scratch_name)
        state: dict[str, Any] = {}  # what one step leaves for the next: the open project

        def step(name: str, action: Callable[[], str | None]) -> None:
            started = time.perf_counter()
            try:
                detail = action() or ""
                ok = True
            except Exception as exc:  # every failure is reported, then the next step runs
                detail = f"{type(exc).__name__}: {exc}"
                if os.environ.get("CLAIMDESK_SELFTEST_TRACE"):
                    traceback.print_exc()
                ok = False
            results.append((name, ok, detail))
            print(f"{'ok  ' if ok else 'FAIL'} {name:<34} {time.perf_counter() - started:6.2f} s  {detail}",
                  file=out, flush=True)

        step("create project", lambda: _create(scratch, state))
        step("import samples (txt, html, pdf, docx)", lambda: _import(state))
        step("suggest claims", lambda: _suggest(state))
        step("verify integrity", lambda: _verify(state))
        for fmt, name in (("html", "sheet.html"), ("pdf", "sheet.pdf"), ("qdpx", "project.qdpx")):
            step(f"export {fmt}", partial(_export, state, fmt, scratch / name))
        step("close project", lambda: state["project"].close())
        step("open main window offscreen", lambda: _window(scratch / "selftest.claimdesk"))
    failed = [name for name, ok, _ in results if not ok]
    print(f"self-test {'passed' if not failed else 'FAILED: ' + ', '.join(failed)} "
          f"({len(results) - len(failed)}/{len(results)} steps)", file=out)
    return 0 if not failed else 1


def _create(scratch: Path, state: dict[str, Any]) -> str:
    from claimdesk.ops.projects import new_project

    state["project"] = new_project(scratch / "selftest.claimdesk")
    return str(scratch / "selftest.claimdesk")


def _import(state: dict[str, Any]) -> str:
    from claimdesk.ops.importing import import_paths
    from claimdesk.paths import samples_dir

    wanted = {".txt", ".html", ".pdf", ".docx"}
    files = sorted(p for p in samples_dir().iterdir() if p.suffix in wanted)
    report = import_paths(state["project"], files)
    if report.failed:
        raise RuntimeError("; ".join(f"{r.path.name}: {r.message}" for r in report.failed))
    kinds = sorted({p.suffix for p in files})
    if set(kinds) != wanted:
        raise RuntimeError(f"bundled samples lack {sorted(wanted - set(kinds))}")
    return f"{report.count('imported')} files"


def _suggest(state: dict[str, Any]) -> str:
    from claimdesk.core.suggestion_commands import AcceptSuggestion, Batch
    from claimdesk.ops.commands import run_command
    from claimdesk.ops.suggestions import pending, suggest_documents

    report = suggest_documents(state["project"])
    waiting = pending(state["project"])
    if not waiting:
        raise RuntimeError("the detector found nothing in the samples")
    run_command(state["project"], Batch(tuple(AcceptSuggestion(s.id) for s in waiting)), actor="self-test")
    return f"{report.suggestions} suggestions accepted ({_detector_build()})"


def _detector_build() -> str:
    """Whether the detector runs compiled; a bundle must (make bundle compiles it first)."""
    from claimdesk.compiled import compiled_in_use

    running = compiled_in_use()
    if all(running.values()):
        return "compiled detector"
    if getattr(sys, "frozen", False):
        sources = ", ".join(module for module, built in running.items() if not built)
        raise RuntimeError(f"the bundle runs {sources} from source, not compiled (scripts/compile-core)")
    return "detector from its sources"


def _verify(state: dict[str, Any]) -> str:
    from claimdesk.ops.verify import verify

    report = verify(state["project"])
    if report.errors:
        raise RuntimeError(report.errors[0].message)
    return f"{report.claims} claims, {len(report.warnings)} warnings"


def _export(state: dict[str, Any], fmt: str, out: Path) -> str:
    from claimdesk.ops.exporting import export
    from claimdesk.ops.factsheet import ExportOptions

    sheet = export(state["project"], fmt, out, ExportOptions(title="Self-test", draft=True))
    if out.stat().st_size < 500 or sheet.count == 0:
        raise RuntimeError(f"{out.name} is empty")
    return f"{out.stat().st_size // 1024} KiB, {sheet.count} claims"


def _window(path: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler

    from claimdesk.ops.projects import open_existing
    from claimdesk.ui.app import application
    from claimdesk.ui.main_window import MainWindow
    from claimdesk.ui.settings import Settings

    qInstallMessageHandler(lambda *_: None)  # the offscreen platform's notes are not results
    app = application()
    with tempfile.TemporaryDirectory() as settings_dir:
        window = MainWindow(open_existing(path), Settings.at(Path(settings_dir) / "s.ini"))
        window.show()
        app.processEvents()
        shown = window.isVisible() and window.library.model.rowCount() > 0
        window.close()
        app.processEvents()
    if not shown:
        raise RuntimeError("the window did not show the project")
    return "shown and closed"
