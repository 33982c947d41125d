"""The architecture's import rules: core and store know nothing of Qt; only store writes SQL."""

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import claimdesk

PACKAGE = Path(claimdesk.__file__).parent


def test_core_and_store_do_not_load_qt():
    modules = [m.name for m in pkgutil.walk_packages([str(PACKAGE)], "claimdesk.")
               if m.name.startswith(("claimdesk.core", "claimdesk.store", "claimdesk.ops", "claimdesk.exports"))]
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "loaded = [m for m in sys.modules if m.startswith('PySide6') or m.startswith('shiboken')]\n"
            "print(len({!r}), loaded)\n".format(modules)
            + "sys.exit(1 if loaded else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(modules) > 10


def test_only_store_writes_sql():
    # any .execute(), any SQL keyword string, and sqlite3 itself stay in store/
    pattern = re.compile(r"\.execute(many|script)?\(|\"(SELECT|INSERT|UPDATE|DELETE|VACUUM) "
                         r"|^\s*(import|from) sqlite3\b", re.MULTILINE)
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if "store" not in p.relative_to(PACKAGE).parts and pattern.search(p.read_text())]
    assert offenders == []


def test_the_window_starts_without_what_loads_on_first_use():
    # the figure grammar, the detectors, the subject lexicons and merge (~80 ms of imports and
    # pattern compiling), the import pipeline and its readers (the first import or drag, the
    # first run's sample build, a PDF page's words), the page view (the first PDF opened), the
    # Subjects tab with its timeline, a claim's checks and relations (the first claim selected)
    # and the Edit menu's dialogs load on first use: warm startup has a 0.6 s budget (make bench)
    code = ("import os, sys\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
            "import claimdesk.cli, claimdesk.ui.app, claimdesk.ui.main_window\n"
            "heavy = ('claimdesk.core.numbers', 'claimdesk.core.suggest', 'claimdesk.core.subjects',\n"
            "         'claimdesk.core.measures', 'claimdesk.core.topics', 'claimdesk.store.salvage',\n"
            "         'claimdesk.ops.merge_disagreements', 'claimdesk.core.project_merge',\n"
            "         'claimdesk.ops.importing', 'claimdesk.ops.import_parser', 'claimdesk.ops.samples',\n"
            "         'claimdesk.core.readers', 'claimdesk.core.worker', 'claimdesk.ui.importer',\n"
            "         'claimdesk.ui.sample_builder', 'claimdesk.ui.subjects_pane', 'claimdesk.ui.timeline',\n"
            "         'claimdesk.ui.subject_dialog', 'claimdesk.ops.relations', 'claimdesk.ops.verify',\n"
            "         'claimdesk.ui.kinds_dialog', 'claimdesk.ui.search_dialog', 'claimdesk.ui.pdf_reader')\n"
            "print(sorted(m for m in sys.modules if m in heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_renderers_and_widgets_get_their_data_from_ops():
    # exports render what ops gathered and the window asks ops: only ops (and the CLI's
    # entry points through ops) reach the store
    pattern = re.compile(r"^\s*(from|import) claimdesk\.store\b|^\s*from claimdesk import store\b", re.MULTILINE)
    offenders = [str(p.relative_to(PACKAGE)) for folder in ("exports", "ui") for p in (PACKAGE / folder).rglob("*.py")
                 if pattern.search(p.read_text())]
    assert offenders == []


def test_the_window_does_not_drive_the_parser_process():
    # parsing runs in core.worker's child process, which ops.importing starts and feeds: a widget
    # that drove it itself would be a second import pipeline with its own limits and recovery
    pattern = re.compile(r"^\s*(from|import) claimdesk\.core\.worker\b|^\s*from claimdesk\.core import worker\b",
                         re.MULTILINE)
    offenders = [str(p.relative_to(PACKAGE)) for p in (PACKAGE / "ui").rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []
