"""The window's verification: checks, relations and evidence of the selected claim, the
two-person rule and the review vocabulary, and a review mode that steps through unverified
claims (j/k, v verify, d dispute, e evidence)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QTabWidget

from claimdesk.core.claims import ClaimError, EditClaim
from claimdesk.core.review import VERIFIED
from claimdesk.core.statuses import DISPUTED, UNVERIFIED
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import review as review_ops
from claimdesk.ops.changes import Changes
from claimdesk.ops.projects import Project
from claimdesk.ops.review import StorageError
from claimdesk.ui.claim_checks import ClaimChecks
from claimdesk.ui.claims_table import ClaimsPane
from claimdesk.ui.window_part import WindowPart, WindowServices

STATUS_MS = 8000


class Verification(QObject, WindowPart):
    """``checks`` (under the claim editor) shows the selected claim's checks, relations and
    evidence; review mode works in ``claims_pane``, the Claims tab of ``tabs``."""

    def __init__(self, services: WindowServices, checks: ClaimChecks, claims_pane: ClaimsPane, tabs: QTabWidget):
        super().__init__(services.parent)
        self.services, self.session = services, services.session
        self.checks, self.claims_pane, self.tabs = checks, claims_pane, tabs
        self.review_mode = False
        checks.relationDecided.connect(self.decide_relation)
        checks.evidenceRequested.connect(self.add_evidence)
        checks.claimRequested.connect(services.open_claim)
        claims_pane.table.installEventFilter(self)
        services.actions["review.mode"].setCheckable(True)
        services.actions["review.two_person"].setCheckable(True)

    def handlers(self) -> dict:
        return {"review.mode": self.toggle_review_mode, "review.relations": self.propose_relations,
                "review.two_person": self.toggle_two_person_rule, "review.statuses": self.edit_statuses,
                "review.agreement": self.agreement_dialog}

    def agreement_dialog(self) -> None:
        project = self.session.project
        if project is not None:
            from claimdesk.ui.agreement_dialog import open_agreement_dialog

            open_agreement_dialog(self.services.parent, project, self.services.dialogs)

    # -- lifecycle -------------------------------------------------------------
    def project_opened(self, project: Project) -> None:
        self._show_two_person_rule()

    def project_closed(self) -> None:
        self.refresh(None)

    def changes(self, changes: Changes) -> None:
        if changes.review_rule:
            self._show_two_person_rule()
        # the claim on show is shown again by the window when it was touched; its relations
        # may change without it
        if changes.relations and self.session.current_claim_id not in changes.claims:
            self.refresh(self.session.current_claim_id)

    def set_read_only(self, read_only: bool) -> None:
        if read_only and self.review_mode:
            self.services.actions["review.mode"].setChecked(False)
            self.review_mode = False

    # -- the two-person rule and the vocabulary --------------------------------
    def _show_two_person_rule(self) -> None:
        project = self.session.project
        self.services.actions["review.two_person"].setChecked(project is None or review_ops.two_person_rule(project))

    def refuse_verification(self, claim_id: int) -> bool:
        """Under the two-person rule, refuses (in a dialog that stays until dismissed) before a
        reason is asked for when the reviewer is the claim's author; ops checks it again."""
        refusal = review_ops.verification_refusal(self.session.open_project(), claim_id, self.services.acting_name())
        if refusal is None:
            return False
        self.services.dialogs.error("Two-person rule", f"Cannot verify: {refusal}.")
        return True

    def toggle_two_person_rule(self) -> None:
        action = self.services.actions["review.two_person"]
        try:
            changes = review_ops.set_two_person_rule(self.session.open_project(), action.isChecked())
        except StorageError as exc:
            action.setChecked(not action.isChecked())
            self.services.show_problem(f"Two-person rule unchanged: {exc}")
            return
        self.services.apply_changes(changes)
        self.services.show_status(f"Two-person rule {'on' if action.isChecked() else 'off'} for this project", 6000)

    def edit_statuses(self) -> None:
        project = self.session.open_project()
        answer = self.services.dialogs.text("Review statuses", "Statuses, comma separated:",
                                            ", ".join(review_ops.statuses(project)))
        if answer is None:
            return
        try:
            changes = review_ops.set_statuses(project, answer.split(","))
        except (ClaimError, StorageError) as exc:
            self.services.show_problem(str(exc))
            return
        self.services.apply_changes(changes)

    # -- checks, relations, evidence -------------------------------------------
    def refresh(self, claim_id: int | None) -> None:
        project = self.session.project
        if project is None or claim_id is None:
            self.checks.show_for(None, [], [], [], str)
            return
        # on first use (a claim selected): merge's, the relations' and the checks' modules cost
        # startup ~30 ms
        from claimdesk.ops import merge_disagreements
        from claimdesk.ops import relations as relation_ops
        from claimdesk.ops import verify as verify_ops

        self.checks.show_for(claim_id, verify_ops.check_one(project, claim_id),
                             relation_ops.relations_of(project, claim_id), review_ops.evidence_for(project, claim_id),
                             self._quote_of, [merge_disagreements.checks_line(item) for item in
                                              merge_disagreements.disagreements(project, claim_id=claim_id)])

    def _quote_of(self, claim_id: int) -> str:
        claim = claim_ops.get_claim(self.session.open_project(), claim_id)
        return " ".join(claim.quote.split())[:60] if claim else "(deleted)"

    def propose_relations(self) -> None:
        from claimdesk.ops import relations as relation_ops

        try:
            outcome = relation_ops.propose_relations(self.session.open_project())
        except StorageError as exc:
            self.services.show_problem(f"No relations proposed: {exc}")
            return
        self.services.apply_changes(outcome.changes)
        self.services.show_status(f"{outcome.result} relation(s) proposed across documents", 6000)

    def decide_relation(self, relation_id: int, state: str) -> None:
        from claimdesk.ops import relations as relation_ops

        try:
            changes = relation_ops.decide(self.session.open_project(), relation_id, state, self.services.acting_name())
        except (StorageError, LookupError, ClaimError) as exc:  # ClaimError: a progress's promise refused
            self.services.show_problem(f"Relation #{relation_id} unchanged: {exc}")
            self.refresh(self.session.current_claim_id)  # the checks show the relation as it is
            return
        self.services.apply_changes(changes)

    def add_evidence(self, claim_id: int) -> None:
        answer = self.services.dialogs.text("Add evidence", "A URL, #claim number, or a note:")
        if not answer or not answer.strip():
            return
        answer = answer.strip()
        kwargs = ({"other_claim": int(answer[1:])} if answer.startswith("#") and answer[1:].isdigit() else
                  {"url": answer} if answer.startswith(("http://", "https://")) else {"note": answer})
        try:
            outcome = review_ops.add_evidence(self.session.open_project(), claim_id, actor=self.services.acting_name(),
                                              **kwargs)
        except (ClaimError, StorageError) as exc:
            self.services.show_problem(str(exc))
            return
        self.services.apply_changes(outcome.changes)

    # -- review mode -----------------------------------------------------------
    def toggle_review_mode(self) -> None:
        pane = self.claims_pane
        self.review_mode = self.services.actions["review.mode"].isChecked()
        pane.status_filter.setCurrentIndex(pane.status_filter.findData(UNVERIFIED) if self.review_mode else 0)
        self.tabs.setCurrentWidget(pane)
        pane.table.setFocus()
        if self.review_mode and pane.model.ids:
            pane.select_claims([pane.model.ids[0]])
        self.services.show_status("Review mode: j/k next/previous, v verify, d dispute, e add evidence"
                                  if self.review_mode else "Review mode off", 6000)

    def eventFilter(self, watched, event) -> bool:
        if not self.review_mode or event.type() != QEvent.Type.KeyPress or event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return super().eventFilter(watched, event)
        key = event.text()
        if key in ("j", "k"):
            self._step(1 if key == "j" else -1)
        elif key in ("v", "d"):
            self._set_status(VERIFIED if key == "v" else DISPUTED)
        elif key == "e" and self.session.current_claim_id is not None:
            self.add_evidence(self.session.current_claim_id)
        else:
            return super().eventFilter(watched, event)
        return True

    def _step(self, direction: int) -> None:
        table, model = self.claims_pane.table, self.claims_pane.model
        if not model.ids:
            return
        row = max(0, min(len(model.ids) - 1, table.currentIndex().row() + direction))
        self.claims_pane.select_claims([model.ids[row]])

    def _set_status(self, status: str) -> None:
        """v / d: the two-person rule is checked before the reason is asked for; a refusal
        stays on screen until dismissed, and a decision taken is confirmed in the status bar."""
        claim_id = self.session.current_claim_id
        if claim_id is None:
            return
        if status == VERIFIED and self.refuse_verification(claim_id):
            return
        row = self.claims_pane.table.currentIndex().row()
        reason = self.services.dialogs.text("Review decision", f"Why {status}? (kept in the history; may be blank)")
        if reason is None:
            return
        try:
            self.services.run_command(EditClaim(claim_id, {"status": status}, reason.strip()), f"{status} #{claim_id}")
        except ClaimError as exc:
            self.services.dialogs.error("Review", f"Cannot mark claim #{claim_id} {status}: {exc}")
            return
        self.claims_pane.apply_filter()  # the claim leaves the unverified list: go on with the next one
        model = self.claims_pane.model
        if model.ids:
            self.claims_pane.select_claims([model.ids[min(row, len(model.ids) - 1)]])
        left = f"; {len(model.ids)} unverified left" if self.review_mode else ""
        self.services.show_status(f"✓ Claim #{claim_id} marked {status} (Ctrl+Z undoes it){left}", STATUS_MS)
