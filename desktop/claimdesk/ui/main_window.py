"""The main window: library, reader (text or pages), claims table and claim editor, and the
parts that work on them (``ui.window_part``: review, verification, the File menu, subjects,
tools).

It composes the panes and the parts, keeps what is open (a ``Session``), and routes what a
change touched - ops' ``Changes``, from the undo stack or from a part - to the panes and to
every part; it never looks at which command ran.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QLabel, QMainWindow, QSizePolicy, QSplitter, QStackedWidget, QTabWidget, QVBoxLayout,
                               QWidget)

from claimdesk.core.claims import Claim, ClaimError, ClaimFilter, ClaimRow, CreateClaim, DeleteClaim, EditClaim
from claimdesk.core.fields import FieldError
from claimdesk.core.kinds import Kind
from claimdesk.core.model import StoredDocument
from claimdesk.core.review import VERIFIED, ReviewError
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import documents as document_ops
from claimdesk.ops import kinds as kind_ops
from claimdesk.ops import review as review_ops
from claimdesk.ops.changes import Changes, Outcome
from claimdesk.ops.commands import run_command
from claimdesk.ops.projects import Project
from claimdesk.ui.actions import ActionRegistry
from claimdesk.ui.claim_editor import ClaimEditor
from claimdesk.ui.claims_table import ClaimsPane, ClaimsTableModel
from claimdesk.ui.dialogs import Dialogs
from claimdesk.ui.jobs import show_lock_waits_in, stop_jobs
from claimdesk.ui.library import LibraryPane
from claimdesk.ui.notices import warning_banner
from claimdesk.ui.project_menu import ProjectMenu
from claimdesk.ui.review import Review
from claimdesk.ui.settings import Settings
from claimdesk.ui.subjects import Subjects
from claimdesk.ui.text_reader import READ_ONLY_TAGGING, TextReader, TextView
from claimdesk.ui.undo import ClaimUndoStack
from claimdesk.ui.verification import Verification
from claimdesk.ui.window_part import Session, WindowServices
from claimdesk.ui.window_tools import WindowTools
from claimdesk.ui.workers import start_claim_ids_job

if TYPE_CHECKING:  # built when the first PDF opens (``MainWindow.pdf_view``)
    from claimdesk.ui.pdf_reader import PdfView

STATUS_MS = 6000
# past this many changed claims the readers take the document's claims afresh (one query)
# rather than one by one (a query each); one by one is what keeps a keypress under ~1 ms
READER_UPDATE_LIMIT = 64


class MainWindow(QMainWindow):
    projectChanged = Signal()

    def __init__(self, project: Project | None, settings: Settings, dialogs: Dialogs | None = None):
        super().__init__()
        self.session = Session()
        self.settings = settings
        self.dialogs = dialogs or Dialogs(self)
        self.resize(1280, 800)
        self.undo_stack = ClaimUndoStack(self._execute, self.apply_changes, self.show_problem, self)
        self.action_registry = ActionRegistry(self)
        self.library = LibraryPane()
        self.text_reader = TextReader()
        self.reader = self.text_reader.view
        self._pdf_view: PdfView | None = None
        self.reader_stack = QStackedWidget()
        self.reader_stack.addWidget(self.text_reader)
        self.claims_model = ClaimsTableModel(self._fetch_claim_ids, self._fetch_claim_rows, self._count_claims,
                                             self._fetch_claim_ids_async, self)
        self.claims_model.failed.connect(self.show_problem)
        self.claims_pane = ClaimsPane(self.claims_model)
        self.editor = ClaimEditor()
        self.centre = QSplitter(Qt.Orientation.Vertical)
        self.centre.addWidget(self.reader_stack)
        self.lower_tabs = QTabWidget()
        self.lower_tabs.addTab(self.claims_pane, "Claims")
        services = WindowServices(
            parent=self, session=self.session, settings=settings, dialogs=self.dialogs, actions=self.action_registry,
            run_command=self.undo_stack.run, apply_changes=self.apply_changes, set_project=self.set_project,
            open_document=self.open_document, open_claim=self.open_claim, open_at=self.open_at,
            show_status=self.statusBar().showMessage, show_problem=self.show_problem, acting_name=self.acting_name)
        self.review = Review(services, self.reader, None, self.lower_tabs)  # the Suggestions tab
        # a tab beside the claims: the timeline wants the table's width
        self.subjects = Subjects(services, self.claims_pane, self.lower_tabs, self.centre, (self.reader,))
        self.editor.about_of = self.subjects.about_line
        self.verification = Verification(services, self.editor.checks, self.claims_pane, self.lower_tabs)
        self.project_menu = ProjectMenu(services)
        self.tools = WindowTools(services)
        self.parts = (self.project_menu, self.review, self.verification, self.subjects, self.tools)
        self.centre.addWidget(self.lower_tabs)
        self.centre.setSizes([520, 260])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.library, self.centre, self.editor):
            self.splitter.addWidget(widget)
        self.splitter.setSizes([300, 680, 320])
        self.read_only_banner = warning_banner(
            "Read-only: this project file cannot be written here. Use File ▸ Save a copy to edit a copy.")
        self.read_only_banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # one line
        self.read_only_banner.hide()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.read_only_banner)
        central_layout.addWidget(self.splitter, 1)  # the panes take the height, not the banner
        self.setCentralWidget(central)
        self.panes = [self.library, self.reader_stack, self.lower_tabs, self.editor]
        self.setTabOrder(self.library.tree, self.reader)
        self.setTabOrder(self.reader, self.claims_pane.table)
        self.setTabOrder(self.claims_pane.table, self.review.pane.table)
        self.setTabOrder(self.review.pane.table, self.editor)
        self.document_label = QLabel()
        self.statusBar().addPermanentWidget(self.document_label)
        show_lock_waits_in(self.statusBar())
        self.action_registry.connect(self._handlers())
        menus = self.action_registry.fill_menus(self.menuBar())
        self.project_menu.install_recent_menu(menus["&File"])
        undo_action, redo_action = self.action_registry["edit.undo"], self.action_registry["edit.redo"]
        self.undo_stack.canUndoChanged.connect(undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda t: undo_action.setText(f"&Undo {t}".strip()))
        self.undo_stack.redoTextChanged.connect(lambda t: redo_action.setText(f"&Redo {t}".strip()))
        self._wire()
        self.setAcceptDrops(True)
        self._layout_restored = False
        self._restore_window_state()
        self.set_project(project)

    # what is open lives in the session the parts read
    @property
    def project(self) -> Project | None:
        return self.session.project

    @property
    def document(self) -> StoredDocument | None:
        return self.session.document

    @property
    def kinds(self) -> dict[str, Kind]:
        return self.session.kinds

    @property
    def current_claim_id(self) -> int | None:
        return self.session.current_claim_id

    @property
    def pdf_view(self) -> PdfView:
        """The pages' view, built when the first PDF opens (or it is first asked for): its
        module and widget are ~10-20 ms a start that opens text need not pay. Until then the
        readers' updates go to the text view only, and a view built now starts from what it shows
        (the document's claims and suggestions); opening a PDF gives it its pages."""
        if self._pdf_view is None:
            from claimdesk.ui.pdf_reader import PdfView

            view = self._pdf_view = PdfView()
            self.reader_stack.addWidget(view)
            view.tagging_enabled = self.reader.tagging_enabled  # the project's writability
            view.set_claims(self.reader.claims, self.kinds)
            view.set_suggestions(self.reader.suggestions)
            view.tagRequested.connect(self.tag)
            view.claimActivated.connect(lambda claim_id: self.open_claim(claim_id, flash=False))
            view.message.connect(lambda text: self.statusBar().showMessage(text, STATUS_MS))
            view.unavailable.connect(self._pages_unavailable)
            preferences = self.settings.preferences
            view.zoomChanged.connect(lambda zoom: setattr(preferences, "pdf_zoom", zoom))
            self.review.set_page_view(view)
            self.subjects.follow_claims_of(view)
        return self._pdf_view

    def _page_views(self) -> list[PdfView]:
        """The pages' view when it has been built (nothing to update before)."""
        return [self._pdf_view] if self._pdf_view is not None else []

    # -- project ---------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        if self.project is not None and self.project is not project:
            self.project.close()
        self.session.project = project
        self.undo_stack.clear()
        self.session.document, self.session.current_claim_id = None, None
        enabled = project is not None
        for action_id in ("file.export", "file.publish", "file.save_copy", "edit.search"):
            self.action_registry[action_id].setEnabled(enabled)
        self._enable_changes(project is not None and not project.read_only)
        if project is None:
            self.setWindowTitle("Claimdesk")
            self.read_only_banner.hide()
            self.library.set_documents([], {})
            self.claims_model.reload()
            for part in self.parts:
                part.project_closed()
            self.projectChanged.emit()
            return
        self.setWindowTitle(f"{project.path.stem}{' (read-only)' if project.read_only else ''} — Claimdesk")
        self.read_only_banner.setVisible(project.read_only)
        self._load_kinds()
        self._show_statuses()
        self.refresh_library()
        for part in self.parts:
            part.project_opened(project)
        self.claims_pane.apply_filter()
        documents = document_ops.list_documents(project)
        first = next((d for d in documents if not d.is_container), None)
        if first is not None:
            self.open_document(first.id)
        self.editor.show_claim(None, [])
        self.projectChanged.emit()

    def _enable_changes(self, writable: bool) -> None:
        """Every action that changes the project (``ActionSpec.mutates``) follows whether the
        project can be written; undo and redo then follow the (cleared) undo stack."""
        for action_id in self.action_registry.mutating():
            self.action_registry[action_id].setEnabled(writable and action_id not in ("edit.undo", "edit.redo"))
        # what changes the project outside the action registry: kind keys, the editor, decisions
        self.reader.tagging_enabled = writable
        for view in self._page_views():
            view.tagging_enabled = writable
        self.editor.set_read_only(not writable)
        self.review.set_read_only(not writable)
        self.verification.set_read_only(not writable)

    def _load_kinds(self) -> None:
        self.session.kinds = kinds = {k.name: k for k in kind_ops.list_kinds(self.session.open_project())}
        self.claims_pane.set_kinds(kinds)
        self.editor.set_kinds(kinds)
        self.claims_model.reload(kinds=kinds)
        if self.document is not None:
            self._refresh_reader_claims()

    def _show_statuses(self) -> None:
        """The project's review vocabulary, for the editor and the claims table's filter alike."""
        statuses = review_ops.statuses(self.session.open_project())
        self.editor.set_statuses(statuses)
        self.claims_pane.set_statuses(statuses)

    def refresh_library(self) -> None:
        project = self.session.open_project()
        self.library.set_documents(document_ops.list_documents(project), document_ops.claim_counts(project))

    # -- changes ---------------------------------------------------------------
    def _execute(self, command) -> Outcome:
        """The undo stack's runner (it hands what changed to ``apply_changes``)."""
        return run_command(self.session.open_project(), command, self.acting_name())

    def apply_changes(self, changes: Changes) -> None:
        """Routes what a change touched to the panes that show it, then to every part."""
        if self.project is None or not changes:
            return
        if changes.kinds:
            self._load_kinds()
        if changes.statuses:
            self._show_statuses()
        if changes.document_list:
            self.refresh_library()
        elif changes.structural:
            self.library.update_counts(document_ops.claim_counts(self.project))
        if changes.claims and not changes.kinds:  # new kinds already re-read every claim on show
            self._refresh_reader_claims(changes.claims)
        if changes.structural:
            self.claims_pane.apply_filter(changed=sorted(changes.claims) if changes.claims else None)
        elif changes.claims:
            self.claims_model.refresh_claims(sorted(changes.claims))
        self._show_changed_claim(changes)
        for part in self.parts:
            part.changes(changes)

    def _show_changed_claim(self, changes: Changes) -> None:
        """The editor after a change: a claim changed on its own (an edit, an undo or a redo of
        one) is shown; the claim on show is read again when a change touched it or its subject
        (the editor names it), and cleared when it is gone. Decisions on suggestions leave the
        editor on the claim it shows."""
        current = self.current_claim_id
        if len(changes.claims) == 1 and not changes.suggestions:
            (claim_id,) = changes.claims
        elif current in changes.claims or (changes.subjects and current is not None):
            claim_id = current
        else:
            return
        claim = claim_ops.get_claim(self.session.open_project(), claim_id)
        if claim is not None:
            self._show_in_editor(claim)
        elif claim_id == current:
            self._show_in_editor(None)

    def _show_in_editor(self, claim: Claim | None) -> None:
        self.session.current_claim_id = claim.id if claim is not None else None
        history = claim_ops.claim_history(self.session.open_project(), claim.id) if claim is not None else []
        self.editor.show_claim(claim, history)
        self.verification.refresh(self.current_claim_id)

    def _refresh_reader_claims(self, claim_ids: Collection[int] | None = None) -> None:
        """The readers' claims after a change: only ``claim_ids`` when given (reloading all
        5,000 claims of a long document cost ~100 ms a keypress), else every claim."""
        if self.document is None:
            return
        project = self.session.open_project()
        if claim_ids is None or len(claim_ids) > READER_UPDATE_LIMIT:
            claims = claim_ops.claims_for_document(project, self.document.id)
            self.reader.set_claims(claims, self.kinds)
            for view in self._page_views():
                view.set_claims(claims, self.kinds)
            return
        changed: dict[int, Claim | None] = {}
        for claim_id in claim_ids:
            claim = claim_ops.get_claim(project, claim_id)
            changed[claim_id] = claim if claim is not None and claim.document_id == self.document.id else None
        self.reader.update_claims(changed)
        for view in self._page_views():
            view.update_claims(changed)

    # -- documents -------------------------------------------------------------
    def open_document(self, document_id: int) -> None:
        project = self.session.open_project()
        document = document_ops.get_document(project, document_id)
        if document is None:
            return
        self.session.document = document
        self.library.select(document_id, emit=False)
        claims = claim_ops.claims_for_document(project, document_id)
        text = document_ops.document_text(project, document_id)
        self.reader.set_document(text, claims, self.kinds)
        self.claims_pane.set_document(document_id)
        pages = document_ops.document_pages(project, document_id) if document.page_count else []
        if pages:
            self.pdf_view.set_document(document_ops.original_bytes(project, document_id), pages, claims,
                                       self.kinds, text)
            self.pdf_view.set_zoom(self.settings.preferences.pdf_zoom)
        self.action_registry["view.toggle_pages"].setEnabled(bool(pages))
        self.review.refresh()
        self._show_reader(pages_view=bool(pages) and self.settings.preferences.prefer_page_view)
        encoding = f" · {document.encoding} ({document.encoding_method})" if document.encoding else ""
        self.document_label.setText(f"#{document.id} {document.file_name} · {document.media_type}{encoding}")

    def _show_reader(self, pages_view: bool) -> None:
        self.reader_stack.setCurrentWidget(self.pdf_view if pages_view else self.text_reader)

    def toggle_pages(self) -> None:
        if not self.action_registry["view.toggle_pages"].isEnabled():
            return
        pages_view = self.reader_stack.currentWidget() is self.text_reader
        self.settings.preferences.prefer_page_view = pages_view
        self._show_reader(pages_view)
        if self.current_claim_id is not None:
            (self.pdf_view if pages_view else self.reader).show_claim(self.current_claim_id)
        self._active_reader().setFocus()

    def open_at(self, document_id: int, offset: int, claim_id: int | None = None) -> None:
        if claim_id is not None:
            self.open_claim(claim_id)
            return
        if self.document is None or self.document.id != document_id:
            self.open_document(document_id)
        self._show_reader(pages_view=False)
        self.reader.select_span(offset, offset)
        self.reader.centerCursor()
        self.reader.setFocus()

    # -- claims ----------------------------------------------------------------
    def open_claim(self, claim_id: int, flash: bool = True, from_table: bool = False) -> None:
        project = self.session.open_project()
        claim = claim_ops.get_claim(project, claim_id)
        if claim is None:
            self.editor.show_claim(None, [])
            return
        if self.document is None or self.document.id != claim.document_id:
            self.open_document(claim.document_id)
        self.session.current_claim_id = claim_id
        self.reader.show_claim(claim_id, flash=flash)
        for view in self._page_views():
            view.show_claim(claim_id)
        if not from_table:
            self.claims_pane.select_claims([claim_id], emit=False)
        self._show_in_editor(claim)

    def tag(self, kind: str, start: int, end: int) -> None:
        if self.document is None or self.project is None:
            return
        if self.project.read_only:
            self.show_problem(READ_ONLY_TAGGING)
            return
        label = self.kinds[kind].label if kind in self.kinds else kind
        try:
            inverse = self.undo_stack.run(CreateClaim(self.document.id, kind, start, end), f"tag as {label}").result
        except ClaimError as exc:
            self.show_problem(f"Cannot tag: {exc}")
            return
        self.open_claim(inverse.claim_id, flash=False)
        taken = len(getattr(inverse, "suggestion_ids", ()))  # DeleteAdoptingClaim: pending suggestions taken up
        self.statusBar().showMessage(f"Tagged claim #{inverse.claim_id} as {label}"
                                     + (f", with the fields of {taken} suggestion(s) of that fact" if taken else ""),
                                     STATUS_MS)

    def edit_claim(self, claim_id: int, changes: dict[str, Any]) -> None:
        what = ", ".join(sorted(changes))
        reason = ""
        if changes.get("status") == VERIFIED and self.verification.refuse_verification(claim_id):
            self.open_claim(claim_id, flash=False)  # the status box shows the claim's status again
            return
        if {"status", "promise_status"} & set(changes):  # review decisions say why (blank allowed)
            answer = self.dialogs.text("Review decision", f"Why {what.replace('_', ' ')} → "
                                       f"{', '.join(str(v) for v in changes.values())}? (kept in the history)")
            if answer is None:
                self.open_claim(claim_id, flash=False)  # cancelled: show the claim as it is
                return
            reason = answer
        try:
            self.undo_stack.run(EditClaim(claim_id, changes, reason.strip()), f"edit {what} of #{claim_id}")
        except FieldError as exc:
            if not self.editor.show_field_error(exc.field, exc.reason):  # beside the field, with the text kept
                self.show_problem(f"Cannot change claim #{claim_id}: {exc}")
        except ReviewError as exc:
            self.dialogs.error("Review", f"Cannot change claim #{claim_id}: {exc}")
            self.open_claim(claim_id, flash=False)
        except ClaimError as exc:
            self.show_problem(f"Cannot change claim #{claim_id}: {exc}")
            self.open_claim(claim_id, flash=False)

    def delete_selection(self) -> None:
        """Delete: rejects in the Suggestions tab, deletes claims elsewhere."""
        if not self.review.reject_selected():
            self.delete_claims()

    def delete_claims(self) -> None:
        ids = self.claims_pane.selected_ids() if self.claims_pane.table.hasFocus() else []
        ids = ids or ([self.current_claim_id] if self.current_claim_id is not None else [])
        if not ids:
            self.show_problem("Select a claim to delete")
            return
        self.undo_stack.beginMacro(f"delete {len(ids)} claim{'s' if len(ids) > 1 else ''}")
        try:
            for claim_id in ids:
                self.undo_stack.run(DeleteClaim(claim_id), f"delete #{claim_id}")
        except ClaimError as exc:
            self.show_problem(str(exc))
        finally:
            self.undo_stack.endMacro()
        self.statusBar().showMessage(f"Deleted {len(ids)} claim(s); Ctrl+Z brings them back", STATUS_MS)

    def resize_claim(self) -> None:
        span = self.reader.selection_span() if self.reader_stack.currentWidget() is self.text_reader \
            else self.pdf_view.selection
        if self.current_claim_id is None or span is None:
            self.show_problem("Select a claim, then select its new text in the reader, then press Ctrl+R")
            return
        self.edit_claim(self.current_claim_id, {"start": span[0], "end": span[1]})

    def acting_name(self) -> str | None:
        """The reviewer name a change is recorded under. With none set, the first change asks
        for one (once); left blank, changes and exports say "unnamed analyst"."""
        preferences = self.settings.preferences
        if os.environ.get("CLAIMDESK_USER") and not preferences.user_name:
            return None  # the environment names who acts (store.events.current_actor): nothing to ask
        if not preferences.user_name and not preferences.user_name_asked:
            preferences.user_name_asked = True
            name = self.dialogs.text("Reviewer name", "Your name, for the project's history and exports "
                                     "(blank: \"unnamed analyst\"; Edit ▸ Reviewer name changes it later):")
            if name and name.strip():
                preferences.user_name = name.strip()
        return preferences.user_name or None

    def _fetch_claim_ids(self, claim_filter: ClaimFilter) -> list[int]:
        return claim_ops.claim_ids(self.project, claim_filter) if self.project else []

    def _count_claims(self) -> int:
        return claim_ops.count_claims(self.project) if self.project else 0

    def _fetch_claim_ids_async(self, claim_filter: ClaimFilter, generation: int,
                               on_done: Callable[[int, list[int]], None],
                               on_failed: Callable[[int, str], None]) -> None:
        start_claim_ids_job(self.session.open_project().path, claim_filter, generation, on_done, on_failed)

    def _fetch_claim_rows(self, ids: list[int]) -> dict[int, ClaimRow]:
        return claim_ops.claim_rows(self.project, ids) if self.project else {}

    # -- wiring ----------------------------------------------------------------
    def _wire(self) -> None:
        self.library.documentActivated.connect(self.open_document)
        self.reader.tagRequested.connect(self.tag)  # the pages' view is wired when built (pdf_view)
        self.reader.claimActivated.connect(lambda claim_id: self.open_claim(claim_id, flash=False))
        self.reader.message.connect(lambda text: self.statusBar().showMessage(text, STATUS_MS))
        self.reader.set_zoom(self.settings.preferences.text_zoom)
        preferences = self.settings.preferences  # each pane's zoom is remembered however it changed
        self.reader.zoomChanged.connect(lambda zoom: setattr(preferences, "text_zoom", zoom))
        self.claims_pane.claimSelected.connect(lambda claim_id: self.open_claim(claim_id, from_table=True))
        self.editor.editRequested.connect(self.edit_claim)

    def _handlers(self) -> dict[str, Callable[[], object]]:
        handlers: dict[str, Callable[[], object]] = {
            "edit.undo": self.undo_stack.undo, "edit.redo": self.undo_stack.redo,
            "claim.delete": self.delete_selection, "claim.resize": self.resize_claim,
            "edit.find": self._open_find,
            "view.toggle_pages": self.toggle_pages,
            "view.zoom_in": lambda: self._active_reader().zoom_in(),
            "view.zoom_out": lambda: self._active_reader().zoom_out(),
            "view.zoom_reset": lambda: self._active_reader().reset_zoom(),
            "view.next_pane": self.next_pane,
            "view.library": self.library.setFocus,
            "view.reader": lambda: self._active_reader().setFocus(),
            "view.claims": self._focus_claims, "view.editor": lambda: self.editor.setFocus(),
        }
        for part in self.parts:
            handlers.update(part.handlers())
        return handlers

    def _focus_claims(self) -> None:
        self.lower_tabs.setCurrentWidget(self.claims_pane)
        self.claims_pane.setFocus()

    def _open_find(self) -> None:
        """In the pane on show: pages have a find bar of their own."""
        view = self._pdf_view
        if view is not None and self._active_reader() is view:
            view.open_find()
        else:
            self.text_reader.open_find()

    def _active_reader(self) -> PdfView | TextView:
        """The reading pane on show (a ``reader.Reader``)."""
        view = self._pdf_view
        return view if view is not None and self.reader_stack.currentWidget() is view else self.reader

    def _pages_unavailable(self, problem: str) -> None:
        self._show_reader(pages_view=False)
        self.action_registry["view.toggle_pages"].setEnabled(False)
        self.statusBar().showMessage(f"Showing the extracted text: {problem}", STATUS_MS)

    def next_pane(self) -> None:
        focused = self.focusWidget()
        current = next((i for i, pane in enumerate(self.panes) if focused and pane.isAncestorOf(focused)), -1)
        target = self.panes[(current + 1) % len(self.panes)]
        widget = target.currentWidget() if isinstance(target, (QStackedWidget, QTabWidget)) else target
        if widget is not None:  # a stack or tabs with a page: always, once the window is built
            widget.setFocus()

    def show_problem(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MS * 2)

    # -- window state ----------------------------------------------------------
    def _restore_window_state(self) -> None:
        state = self.settings.window
        if not state.geometry.isEmpty():
            self.restoreGeometry(state.geometry)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._layout_restored:  # splitters keep their sizes only once the window has its size
            self._layout_restored = True
            self._restore_layout()

    def _restore_layout(self) -> None:
        state = self.settings.window
        for splitter, saved in ((self.splitter, state.main_splitter), (self.centre, state.centre_splitter)):
            if not saved.isEmpty():
                splitter.restoreState(saved)
        if state.main_splitter.isEmpty():  # the editor and library get what they need, the centre the rest
            width = self.splitter.width() - 2 * self.splitter.handleWidth()
            editor = max(self.editor.preferred_width(), width * 2 // 9)  # a share of a wide screen
            spare = width - editor - self.centre.minimumSizeHint().width()
            library = max(min(max(self.library.preferred_width(), width // 5), spare), 0)
            self.splitter.setSizes([library, width - library - editor, editor])
        self.claims_pane.restore_layout(state.claims_header)
        if not state.library_header.isEmpty():
            self.library.tree.header().restoreState(state.library_header)

    def save_window_state(self) -> None:
        state = self.settings.window
        state.geometry = self.saveGeometry()
        state.main_splitter = self.splitter.saveState()
        state.centre_splitter = self.centre.saveState()
        state.claims_header = self.claims_pane.layout_state()
        state.library_header = self.library.tree.header().saveState()
        self.settings.sync()

    def closeEvent(self, event) -> None:
        # imports, suggestions, exports, claim queries: cancelled where they can be and waited
        # for (the first run's sample build finishes: it renames into place when whole)
        stop_jobs()
        for part in self.parts:
            part.shutting_down()
        self.editor.commit_note()
        self.save_window_state()
        for view in self._page_views():
            view.shutdown()
        if self.project is not None:
            self.project.close()
            self.session.project = None
        super().closeEvent(event)

    def dragEnterEvent(self, event) -> None:
        if self.project is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()
            self.project_menu.prepare_parser()  # the parser boots while the files are carried over

    def dragLeaveEvent(self, event) -> None:
        self.project_menu.release_parser()
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.project_menu.import_files(paths)
            event.acceptProposedAction()
