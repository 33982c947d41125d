"""The claim's checks, relations and evidence, shown under the claim editor: integrity
findings, proposed corroborations and conflicts to confirm or dismiss, evidence items."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from claimdesk.ui.highlight import fine_colour, problem_colour, warning_colour


class ClaimChecks(QGroupBox):
    relationDecided = Signal(int, str)  # relation id, "confirmed" | "dismissed"
    evidenceRequested = Signal(int)  # claim id
    claimRequested = Signal(int)  # open the other claim of a relation

    def __init__(self, parent=None):
        super().__init__("Checks, relations and evidence", parent)
        self.claim_id: int | None = None
        self.findings = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.relations = QListWidget()
        self.relations.setMaximumHeight(90)
        self.evidence = QListWidget()
        self.evidence.setMaximumHeight(70)
        confirm, dismiss = QPushButton("Confirm"), QPushButton("Dismiss")
        add_evidence = QPushButton("Add evidence… (e)")
        self.change_buttons = (confirm, dismiss, add_evidence)  # off on a read-only project
        decisions = QHBoxLayout()  # under the relations they decide; one row of three needed 324 px
        decisions.addWidget(confirm)
        decisions.addWidget(dismiss)
        decisions.addStretch(1)
        adding = QHBoxLayout()
        adding.addWidget(add_evidence)
        adding.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.findings)
        layout.addWidget(QLabel("Relations"))
        layout.addWidget(self.relations)
        layout.addLayout(decisions)
        layout.addWidget(QLabel("Evidence"))
        layout.addWidget(self.evidence)
        layout.addLayout(adding)
        confirm.clicked.connect(lambda: self._decide("confirmed"))
        dismiss.clicked.connect(lambda: self._decide("dismissed"))
        add_evidence.clicked.connect(lambda: self.claim_id is not None and self.evidenceRequested.emit(self.claim_id))
        self.relations.itemActivated.connect(self._open_other)

    def show_for(self, claim_id: int | None, findings: list, relations: list[dict], evidence: list[dict],
                 quote_of, disagreements: Sequence[str] = ()) -> None:
        """quote_of(claim id) -> short text of another claim, for relation lines;
        ``disagreements``: a line for each disagreement a project merge left open on the claim."""
        self.claim_id = claim_id
        self.setEnabled(claim_id is not None)
        self.relations.clear()
        self.evidence.clear()
        if claim_id is None:
            self.findings.clear()
            return
        palette = self.palette()  # rich text takes no palette roles: colours that read on this one
        if findings:
            colours = {f.severity: (problem_colour if f.severity == "error" else warning_colour)(palette).name()
                       for f in findings}
            lines = [f"<span style='color:{colours[f.severity]}'>⚠ {html.escape(f.check)}</span>: "
                     f"{html.escape(f.message)}" for f in findings]
        else:
            lines = [f"<span style='color:{fine_colour(palette).name()}'>✓ all checks pass</span>"]
        lines += [f"<span style='color:{warning_colour(palette).name()}'>⚠ {html.escape(line)}</span>"
                  for line in disagreements]
        self.findings.setText("<br>".join(lines))
        for relation in relations:
            other = relation["second"] if relation["first"] == claim_id else relation["first"]
            item = QListWidgetItem(f"[{relation['state']}] {relation['kind']} #{other}: {quote_of(other)} — "
                                   f"{relation['reason']}")
            item.setData(Qt.ItemDataRole.UserRole, (relation["id"], other))
            self.relations.addItem(item)
        for entry in evidence:
            what = (f"claim #{entry['other_claim']}" if entry["kind"] == "claim" else
                    f"{entry['url']} (retrieved {entry['retrieved'] or '?'})" if entry["kind"] == "url"
                    else entry["note"])
            self.evidence.addItem(f"{what} — {entry['author']}, {entry['created_at'][:10]}")

    def _decide(self, state: str) -> None:
        item = self.relations.currentItem()
        if item is not None:
            self.relationDecided.emit(item.data(Qt.ItemDataRole.UserRole)[0], state)

    def _open_other(self, item: QListWidgetItem) -> None:
        self.claimRequested.emit(item.data(Qt.ItemDataRole.UserRole)[1])

    def set_read_only(self, read_only: bool) -> None:
        """Relations and evidence stay readable (activating one still opens the other claim)."""
        for button in self.change_buttons:
            button.setEnabled(not read_only)
