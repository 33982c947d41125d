"""The window's review of suggestions: running the detector, showing what it proposes
(Suggestions tab and dashed marks in the reader) and turning decisions into undoable
commands on the window's stack."""

from __future__ import annotations

from claimdesk.core.claims import ClaimError
from claimdesk.core.suggestion_commands import AcceptSuggestion, Batch, RejectSuggestion, merged_claim_ids
from claimdesk.ops import documents as document_ops
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.ui.suggester import Suggester
from claimdesk.ui.suggestions import HINT, SuggestionsPane


class Review:
    def __init__(self, window):
        self.window = window
        self.read_only = False
        self.pane = SuggestionsPane()
        self.suggester = Suggester(window.dialogs, window)
        self.suggester.finished.connect(self._suggested)
        self.pane.acceptRequested.connect(self.accept)
        self.pane.rejectRequested.connect(self.reject)
        self.pane.suggestionSelected.connect(self.show_suggestion)

    def handlers(self) -> dict:
        return {"review.suggest_document": self.suggest_document, "review.suggest_all": self.suggest_all,
                "review.accept_kind": self.accept_all_of_kind, "review.suggest_on_import": self._toggle_on_import,
                "view.suggestions": self.focus, "review.people": self.show_people}

    def show_people(self):
        from claimdesk.ops import people as people_ops
        from claimdesk.ui.people_dialog import PeopleDialog

        if self.window.project is None:
            return None
        if getattr(self, "people_dialog", None) is None:
            self.people_dialog = PeopleDialog(people_ops, lambda: self.window.project, self.window.open_claim,
                                              self.window)
        self.people_dialog.refresh()
        self.people_dialog.show()
        return self.people_dialog

    def install(self) -> None:
        action = self.window.actions["review.suggest_on_import"]
        action.setCheckable(True)
        action.setChecked(self.window.settings.preferences.suggest_on_import)

    def refresh(self) -> None:
        window = self.window
        document = window.document
        items = suggestion_ops.pending(window.project, document.id) if window.project and document else []
        window.reader.set_suggestions(items)
        window.pdf_view.set_suggestions(items)
        self.pane.set_items(items, window.reader.text, window.kinds)
        tabs = window.lower_tabs
        tabs.setTabText(tabs.indexOf(self.pane), f"Suggestions ({len(items)})" if items else "Suggestions")

    def focus(self) -> None:
        self.window.lower_tabs.setCurrentWidget(self.pane)
        self.pane.setFocus()

    def show_suggestion(self, suggestion_id: int) -> None:
        item = suggestion_ops.get_suggestion(self.window.project, suggestion_id)
        if item is not None and self.window.document is not None and item.document_id == self.window.document.id:
            self.window.reader.select_span(item.start, item.end)
            self.window.reader.centerCursor()

    def set_read_only(self, read_only: bool) -> None:
        """Suggestions stay listed on a read-only project; deciding them is off."""
        self.read_only = read_only
        self.pane.hint.setText("Read-only project: suggestions are shown, not decided" if read_only else HINT)

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
        item = suggestion_ops.get_suggestion(self.window.project, current) if current is not None else None
        if item is None:
            self.window.show_problem("Select a suggestion of the kind to accept")
            return
        same_kind = suggestion_ops.pending(self.window.project, item.document_id, item.kind)
        label = self.window.kinds[item.kind].label if item.kind in self.window.kinds else item.kind
        self._decide([AcceptSuggestion(s.id) for s in same_kind], f"accept all {label}")

    def _decide(self, commands: list, verb: str) -> None:
        if not commands or self.read_only:
            return
        command = commands[0] if len(commands) == 1 else Batch(tuple(commands))
        noun = "suggestion" if len(commands) == 1 else f"{len(commands)} suggestions"
        try:
            text = f"{verb} {noun}" if not verb.startswith("accept all") else verb
            inverse = self.window.undo_stack.run(command, text)
        except ClaimError as exc:
            self.window.show_problem(f"Cannot {verb}: {exc}")
            return
        self.window.statusBar().showMessage(f"{verb.capitalize()} {noun}{_merges(merged_claim_ids(inverse))}; "
                                            "Ctrl+Z undoes", 6000)

    def suggest_document(self) -> None:
        if self.window.document is not None:
            self.suggester.start(self.window.project.path, [self.window.document.id])

    def suggest_all(self) -> None:
        if self.window.project is not None:
            self.suggester.start(self.window.project.path, None)

    def after_import(self, document_ids: list[int]) -> None:
        if document_ids and self.window.settings.preferences.suggest_on_import:
            self.suggester.start(self.window.project.path, document_ids)

    def _toggle_on_import(self) -> None:
        self.window.settings.preferences.suggest_on_import = self.window.actions["review.suggest_on_import"].isChecked()

    def _suggested(self, report) -> None:
        if self.window.project is None:
            return
        self.refresh()
        self.window.library.update_counts(document_ops.claim_counts(self.window.project))
        if report is not None:
            done = "cancelled: " if report.cancelled else ""
            self.window.statusBar().showMessage(
                f"{done}{report.suggestions} suggestions in {report.documents} document(s)", 6000)


def _merges(claim_ids: list[int]) -> str:
    """What the status bar adds when accepted suggestions went into claims already marked."""
    if not claim_ids:
        return ""
    unique = list(dict.fromkeys(claim_ids))
    where = f"claim #{unique[0]}" if len(unique) == 1 else "claims " + ", ".join(f"#{i}" for i in unique)
    return f": merged into {where} (it already stated that fact)" if len(claim_ids) == 1 else \
        f": {len(claim_ids)} merged into {where} (already stated there)"
