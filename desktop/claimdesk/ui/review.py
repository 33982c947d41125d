"""The window's review of suggestions: running the detector, showing what it proposes
(Suggestions tab and dashed marks in the reader) and turning decisions into undoable
commands on the window's stack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget

from claimdesk.core.claims import ClaimError
from claimdesk.core.suggestion_commands import AcceptSuggestion, Batch, RejectSuggestion, merged_claim_ids
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.ops.changes import Changes
from claimdesk.ui.suggester import Suggester
from claimdesk.ui.suggestions import HINT, SuggestionsPane
from claimdesk.ui.window_part import WindowPart, WindowServices

if TYPE_CHECKING:  # the dialog loads when first asked for
    from claimdesk.ui.people_dialog import PeopleDialog

STATUS_MS = 6000


class Review(WindowPart):
    """``text_view`` (the text reader's view) and ``page_view`` show the suggestions as dashed
    marks; ``tabs`` holds the Suggestions tab. The window builds the page view when the first
    PDF opens: it comes later, through ``set_page_view``."""

    def __init__(self, services: WindowServices, text_view, page_view, tabs: QTabWidget):
        self.services, self.session = services, services.session
        self.text_view, self.page_view, self.tabs = text_view, page_view, tabs
        self.read_only = False
        self.people_dialog: PeopleDialog | None = None
        self.pane = SuggestionsPane()
        tabs.addTab(self.pane, "Suggestions")
        self.suggester = Suggester(services.dialogs, services.parent)
        self.suggester.finished.connect(self._suggested)
        self.pane.acceptRequested.connect(self.accept)
        self.pane.rejectRequested.connect(self.reject)
        self.pane.suggestionSelected.connect(self.show_suggestion)
        action = services.actions["review.suggest_on_import"]
        action.setCheckable(True)
        action.setChecked(services.settings.preferences.suggest_on_import)

    def handlers(self) -> dict:
        return {"review.suggest_document": self.suggest_document, "review.suggest_all": self.suggest_all,
                "review.accept_kind": self.accept_all_of_kind, "review.suggest_on_import": self._toggle_on_import,
                "view.suggestions": self.focus, "review.people": self.show_people}

    # -- lifecycle -------------------------------------------------------------
    def project_closed(self) -> None:
        self.refresh()

    def changes(self, changes: Changes) -> None:
        if changes.suggestions:
            self.refresh()
        if changes.new_documents and self.services.settings.preferences.suggest_on_import:
            self.suggester.start(self.session.open_project().path, sorted(changes.new_documents))

    # -- showing ---------------------------------------------------------------
    def show_people(self):
        from claimdesk.ops import people as people_ops
        from claimdesk.ui.people_dialog import PeopleDialog

        if self.session.project is None:
            return None
        if self.people_dialog is None:
            self.people_dialog = PeopleDialog(people_ops, lambda: self.session.project,
                                              self.services.open_claim, self.services.parent)
        self.people_dialog.refresh()
        self.people_dialog.show()
        return self.people_dialog

    def refresh(self) -> None:
        """The pending suggestions of the document on show, in the tab and the readers."""
        project, document = self.session.project, self.session.document
        items = suggestion_ops.pending(project, document.id) if project and document else []
        self.text_view.set_suggestions(items)
        if self.page_view is not None:
            self.page_view.set_suggestions(items)
        self.pane.set_items(items, self.text_view.text, self.session.kinds)
        self.tabs.setTabText(self.tabs.indexOf(self.pane), f"Suggestions ({len(items)})" if items else "Suggestions")

    def set_page_view(self, page_view) -> None:
        """The page view, built after this part: it shows the suggestions from the next refresh
        (the window refreshes after giving it a document)."""
        self.page_view = page_view

    def focus(self) -> None:
        self.tabs.setCurrentWidget(self.pane)
        self.pane.setFocus()

    def show_suggestion(self, suggestion_id: int) -> None:
        item = suggestion_ops.get_suggestion(self.session.open_project(), suggestion_id)
        document = self.session.document
        if item is not None and document is not None and item.document_id == document.id:
            self.text_view.select_span(item.start, item.end)
            self.text_view.centerCursor()

    def set_read_only(self, read_only: bool) -> None:
        """Suggestions stay listed on a read-only project; deciding them is off."""
        self.read_only = read_only
        self.pane.hint.setText("Read-only project: suggestions are shown, not decided" if read_only else HINT)

    # -- deciding --------------------------------------------------------------
    def accept(self, ids: list[int]) -> None:
        self._decide([AcceptSuggestion(i) for i in ids], "accept")

    def reject(self, ids: list[int]) -> None:
        self._decide([RejectSuggestion(i) for i in ids], "reject")

    def reject_selected(self) -> bool:
        """Delete in the Suggestions tab rejects; returns False when that tab is not in use."""
        if not self.pane.table.hasFocus() or not self.pane.selected_ids():
            return False
        self.reject(self.pane.selected_ids())
        return True

    def accept_all_of_kind(self) -> None:
        current = self.pane.current_id()
        project, kinds = self.session.open_project(), self.session.kinds
        item = suggestion_ops.get_suggestion(project, current) if current is not None else None
        if item is None:
            self.services.show_problem("Select a suggestion of the kind to accept")
            return
        same_kind = suggestion_ops.pending(project, item.document_id, item.kind)
        label = kinds[item.kind].label if item.kind in kinds else item.kind
        self._decide([AcceptSuggestion(s.id) for s in same_kind], f"accept all {label}")

    def _decide(self, commands: list, verb: str) -> None:
        if not commands or self.read_only:
            return
        command = commands[0] if len(commands) == 1 else Batch(tuple(commands))
        noun = "suggestion" if len(commands) == 1 else f"{len(commands)} suggestions"
        try:
            text = f"{verb} {noun}" if not verb.startswith("accept all") else verb
            outcome = self.services.run_command(command, text)
        except ClaimError as exc:
            self.services.show_problem(f"Cannot {verb}: {exc}")
            return
        self.services.show_status(f"{verb.capitalize()} {noun}{_merges(merged_claim_ids(outcome.result))}; "
                                  "Ctrl+Z undoes", STATUS_MS)

    # -- the detector ----------------------------------------------------------
    def suggest_document(self) -> None:
        if self.session.document is not None:
            self.suggester.start(self.session.open_project().path, [self.session.document.id])

    def suggest_all(self) -> None:
        if self.session.project is not None:
            self.suggester.start(self.session.project.path, None)

    def _toggle_on_import(self) -> None:
        self.services.settings.preferences.suggest_on_import = \
            self.services.actions["review.suggest_on_import"].isChecked()

    def _suggested(self, report) -> None:
        if self.session.project is None:
            return
        if report is None:  # failed: the documents done before it keep their suggestions
            self.refresh()
            return
        self.services.apply_changes(report.changes)
        done = "cancelled: " if report.cancelled else ""
        self.services.show_status(f"{done}{report.suggestions} suggestions in {report.documents} document(s)",
                                  STATUS_MS)


def _merges(claim_ids: list[int]) -> str:
    """What the status bar adds when accepted suggestions went into claims already marked."""
    if not claim_ids:
        return ""
    unique = list(dict.fromkeys(claim_ids))
    where = f"claim #{unique[0]}" if len(unique) == 1 else "claims " + ", ".join(f"#{i}" for i in unique)
    return f": merged into {where} (it already stated that fact)" if len(claim_ids) == 1 else \
        f": {len(claim_ids)} merged into {where} (already stated there)"
