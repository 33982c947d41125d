"""The window's verification: checks, relations and evidence of the selected claim, and a
review mode that steps through unverified claims (j/k, v verify, d dispute, e evidence)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt

from claimdesk.core.claims import ClaimError, EditClaim
from claimdesk.core.review import VERIFIED
from claimdesk.core.statuses import DISPUTED, UNVERIFIED
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import relations as relation_ops
from claimdesk.ops import review as review_ops
from claimdesk.ops import verify as verify_ops
from claimdesk.ops.review import StorageError

STATUS_MS = 8000


class Verification(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.review_mode = False
        checks = window.editor.checks
        checks.relationDecided.connect(self.decide_relation)
        checks.evidenceRequested.connect(self.add_evidence)
        checks.claimRequested.connect(window.open_claim)
        window.claims_pane.table.installEventFilter(self)

    def handlers(self) -> dict:
        return {"review.mode": self.toggle_review_mode, "review.relations": self.propose_relations,
                "review.two_person": self.toggle_two_person_rule, "review.statuses": self.edit_statuses}

    def project_opened(self) -> None:
        action = self.window.actions["review.two_person"]
        action.setCheckable(True)
        action.setChecked(self.window.project is None or review_ops.two_person_rule(self.window.project))

    def toggle_two_person_rule(self) -> None:
        action = self.window.actions["review.two_person"]
        try:
            review_ops.set_two_person_rule(self.window.project, action.isChecked())
        except StorageError as exc:
            action.setChecked(not action.isChecked())
            self.window.show_problem(f"Two-person rule unchanged: {exc}")
            return
        self.window.statusBar().showMessage(
            f"Two-person rule {'on' if action.isChecked() else 'off'} for this project", 6000)

    def edit_statuses(self) -> None:
        current = ", ".join(review_ops.statuses(self.window.project))
        answer = self.window.dialogs.text("Review statuses", "Statuses, comma separated:", current)
        if answer is None:
            return
        try:
            review_ops.set_statuses(self.window.project, answer.split(","))
        except (ClaimError, StorageError) as exc:
            self.window.show_problem(str(exc))
            return
        self.window.set_statuses(review_ops.statuses(self.window.project))

    def refresh(self, claim_id: int | None) -> None:
        project = self.window.project
        if project is None or claim_id is None:
            self.window.editor.checks.show_for(None, [], [], [], str)
            return
        self.window.editor.checks.show_for(
            claim_id, verify_ops.check_one(project, claim_id), relation_ops.relations_of(project, claim_id),
            review_ops.evidence_for(project, claim_id), self._quote_of)

    def _quote_of(self, claim_id: int) -> str:
        claim = claim_ops.get_claim(self.window.project, claim_id)
        return " ".join(claim.quote.split())[:60] if claim else "(deleted)"

    def propose_relations(self) -> None:
        try:
            count = relation_ops.propose_relations(self.window.project)
        except StorageError as exc:
            self.window.show_problem(f"No relations proposed: {exc}")
            return
        self.window.statusBar().showMessage(f"{count} relation(s) proposed across documents", 6000)
        self.refresh(self.window.current_claim_id)
        self.window.claims_pane.apply_filter()

    def decide_relation(self, relation_id: int, state: str) -> None:
        try:
            relation_ops.decide(self.window.project, relation_id, state, self.window.acting_name())
        except (StorageError, LookupError, ClaimError) as exc:  # ClaimError: a progress's promise refused
            self.window.show_problem(f"Relation #{relation_id} unchanged: {exc}")
        self.refresh(self.window.current_claim_id)
        self.window.claims_pane.apply_filter()  # a confirmed progress relation sets a target's promise status

    def add_evidence(self, claim_id: int) -> None:
        answer = self.window.dialogs.text("Add evidence", "A URL, #claim number, or a note:")
        if not answer or not answer.strip():
            return
        answer = answer.strip()
        kwargs = ({"other_claim": int(answer[1:])} if answer.startswith("#") and answer[1:].isdigit() else
                  {"url": answer} if answer.startswith(("http://", "https://")) else {"note": answer})
        try:
            review_ops.add_evidence(self.window.project, claim_id, actor=self.window.acting_name(), **kwargs)
        except (ClaimError, StorageError) as exc:
            self.window.show_problem(str(exc))
            return
        self.refresh(claim_id)

    def toggle_review_mode(self) -> None:
        pane = self.window.claims_pane
        self.review_mode = self.window.actions["review.mode"].isChecked()
        pane.status_filter.setCurrentIndex(pane.status_filter.findData(UNVERIFIED) if self.review_mode else 0)
        self.window.lower_tabs.setCurrentWidget(pane)
        pane.table.setFocus()
        if self.review_mode and self.window.claims_model.ids:
            pane.select_claims([self.window.claims_model.ids[0]])
        self.window.statusBar().showMessage(
            "Review mode: j/k next/previous, v verify, d dispute, e add evidence" if self.review_mode
            else "Review mode off", 6000)

    def eventFilter(self, watched, event) -> bool:
        if not self.review_mode or event.type() != QEvent.Type.KeyPress or event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return super().eventFilter(watched, event)
        key = event.text()
        if key in ("j", "k"):
            self._step(1 if key == "j" else -1)
        elif key in ("v", "d"):
            self._set_status(VERIFIED if key == "v" else DISPUTED)
        elif key == "e" and self.window.current_claim_id is not None:
            self.add_evidence(self.window.current_claim_id)
        else:
            return super().eventFilter(watched, event)
        return True

    def _step(self, direction: int) -> None:
        table, model = self.window.claims_pane.table, self.window.claims_model
        if not model.ids:
            return
        row = max(0, min(len(model.ids) - 1, table.currentIndex().row() + direction))
        self.window.claims_pane.select_claims([model.ids[row]])

    def _set_status(self, status: str) -> None:
        """v / d: the two-person rule is checked before the reason is asked for; a refusal
        stays on screen until dismissed, and a decision taken is confirmed in the status bar."""
        claim_id = self.window.current_claim_id
        if claim_id is None:
            return
        if status == VERIFIED and self.window.refuse_verification(claim_id):
            return
        row = self.window.claims_pane.table.currentIndex().row()
        reason = self.window.dialogs.text("Review decision", f"Why {status}? (kept in the history; may be blank)")
        if reason is None:
            return
        try:
            self.window.undo_stack.run(EditClaim(claim_id, {"status": status}, reason.strip()), f"{status} #{claim_id}")
        except ClaimError as exc:
            self.window.dialogs.error("Review", f"Cannot mark claim #{claim_id} {status}: {exc}")
            return
        self.window.claims_pane.apply_filter()  # the claim leaves the unverified list: go on with the next one
        model = self.window.claims_model
        if model.ids:
            self.window.claims_pane.select_claims([model.ids[min(row, len(model.ids) - 1)]])
        left = f"; {len(model.ids)} unverified left" if self.review_mode else ""
        self.window.statusBar().showMessage(f"✓ Claim #{claim_id} marked {status} (Ctrl+Z undoes it){left}",
                                            STATUS_MS)


