"""`claimdesk screenshot`: the main window rendered offscreen to a PNG, so anyone can
see the workbench's state without a display. Uses throwaway settings, never the user's."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def render(project_path: Path, out: Path, document_id: int | None, size: tuple[int, int],
           measure_id: int | None = None) -> None:
    """``measure_id``: show the Subjects tab at that measure, with its first figure's claim
    (one in a conflict if any) open in the reader."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer, qInstallMessageHandler

    from claimdesk.ops import claims as claim_ops
    from claimdesk.ops import documents as document_ops
    from claimdesk.ops.projects import open_existing
    from claimdesk.ui.app import application
    from claimdesk.ui.main_window import MainWindow
    from claimdesk.ui.settings import Settings

    qInstallMessageHandler(_quiet_offscreen)
    app = application()
    with tempfile.TemporaryDirectory() as scratch:
        project = open_existing(project_path)
        if document_id is not None and document_ops.get_document(project, document_id) is None:
            project.close()
            raise LookupError(f"{project_path}: no document #{document_id}")
        if measure_id is not None:
            from claimdesk.ops import subjects as subject_ops

            if subject_ops.get_measure(project, measure_id) is None:
                project.close()
                raise LookupError(f"{project_path}: no measure #{measure_id}")
        window = MainWindow(project, Settings.at(Path(scratch) / "settings.ini"))
        window.resize(*size)
        window.show()
        if document_id is None:
            counts = document_ops.claim_counts(project)
            documents = [d for d in document_ops.list_documents(project) if not d.is_container]
            chosen = max(documents, key=lambda d: counts.get(d.id, 0), default=None)
            document_id = chosen.id if chosen else None
        if measure_id is not None:
            _show_measure(window, measure_id)
        elif document_id is not None:
            window.open_document(document_id)
            claims = claim_ops.claims_for_document(project, document_id)
            if claims:
                window.open_claim(claims[0].id, flash=False)
            if window.reader_stack.currentWidget() is not window.text_reader:  # the pages, built for a PDF
                _wait_for_pages(app, window.pdf_view)
        for _ in range(3):
            app.processEvents()
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        if not window.grab().save(str(out), "PNG"):
            raise OSError(f"{out}: could not write the PNG")
        window.close()


def _show_measure(window, measure_id: int) -> None:
    pane = window.subjects.pane
    window.subjects.focus()
    pane.select_measure(measure_id)
    figures = pane.timeline.figures
    conflicting = [link.first for link in pane.timeline.links if link.kind == "conflicts"]
    claim_id = conflicting[0] if conflicting else (figures[0].claim_id if figures else None)
    if claim_id is not None:
        window.open_claim(claim_id, flash=False)
        pane.timeline.set_current(claim_id)


_OFFSCREEN_NOISE = ("does not support propagateSizeHints", "does not support raise()")


def _quiet_offscreen(_mode, _context, message: str) -> None:
    """Drops the offscreen platform's notes about window features it lacks; prints the rest."""
    if not any(noise in message for noise in _OFFSCREEN_NOISE):
        print(message, file=sys.stderr)


def _wait_for_pages(app, pdf_view, timeout_ms: int = 10000) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    pdf_view.pageRendered.connect(loop.quit)
    pdf_view.unavailable.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    pdf_view.viewport().repaint()
    loop.exec()
