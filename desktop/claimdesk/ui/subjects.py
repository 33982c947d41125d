"""The window's subjects: the Subjects tab, assigning the selected claim's subject and
measure from the keyboard (one undoable LinkClaimMeasure), renaming, merging and
splitting subjects and measures, and the claim editor's "about" line.

The tab's pane (ui.subjects_pane with its timeline, ~25 ms of imports and widgets) is built
when the tab is first chosen or the pane first asked for; until then the tab holds an empty
page and the table's subject filter reads the subjects through ops."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QSplitter, QTabWidget, QWidget

from claimdesk.core.claims import ClaimError
from claimdesk.ops.changes import Changes
from claimdesk.ops.projects import Project, StorageError
from claimdesk.ui.claims_table import ClaimsPane
from claimdesk.ui.window_part import WindowPart, WindowServices

if TYPE_CHECKING:
    from claimdesk.ui.subject_dialog import SubjectDialog
    from claimdesk.ui.subjects_pane import SubjectsPane

STATUS_MS = 6000
CONTEXT_ACTIONS = ("claim.subject", "subjects.rename", "subjects.merge", "subjects.split")


class Subjects(QObject, WindowPart):
    """The tab goes into ``tabs``, whose share of the ``centre`` splitter it widens; the claims
    table's subject filter (in ``claims_pane``) lists the subjects; a claim chosen in one of
    the ``readers`` is followed in the tab."""

    def __init__(self, services: WindowServices, claims_pane: ClaimsPane, tabs: QTabWidget, centre: QSplitter,
                 readers):
        super().__init__(services.parent)
        self.services, self.session = services, services.session
        self.claims_pane, self.tabs, self.centre = claims_pane, tabs, centre
        self._pane: SubjectsPane | None = None
        self._placeholder = QWidget()  # the tab's page until the pane is built
        tabs.addTab(self._placeholder, "Subjects")
        tabs.currentChanged.connect(self._tab_chosen)
        for view in readers:
            self.follow_claims_of(view)
        self.dialog: SubjectDialog | None = None

    def follow_claims_of(self, reader) -> None:
        """A claim chosen in ``reader`` is followed in the tab (a reader built after this part
        comes here when it is built)."""
        reader.claimActivated.connect(self.follow)

    @property
    def pane(self) -> SubjectsPane:
        """The Subjects tab's pane, built (in the placeholder's place) when first asked for."""
        return self._pane if self._pane is not None else self._build_pane()

    def _build_pane(self) -> SubjectsPane:
        from claimdesk.ui.subjects_pane import ProjectSubjects, SubjectsPane

        pane = SubjectsPane(ProjectSubjects(lambda: self.session.project, lambda: self.session.kinds))
        pane.context_actions = [self.services.actions[action_id] for action_id in CONTEXT_ACTIONS]
        pane.claimActivated.connect(lambda claim_id: self.services.open_claim(claim_id, flash=False))
        self._pane = pane
        self._swap_in(pane)  # chosen in a shown window, the pane's show reads the subjects
        return pane

    def _swap_in(self, pane: SubjectsPane) -> None:
        """The pane takes the placeholder's tab, chosen if it was; the swap is not a tab change."""
        placeholder = self._placeholder
        index, chosen = self.tabs.indexOf(placeholder), self.tabs.currentWidget() is placeholder
        blocked = self.tabs.blockSignals(True)
        try:
            self.tabs.insertTab(index, pane, "Subjects")
            self.tabs.removeTab(index + 1)
            if chosen:
                self.tabs.setCurrentIndex(index)
        finally:
            self.tabs.blockSignals(blocked)
        placeholder.deleteLater()

    def _tab_chosen(self, index: int) -> None:
        if self._pane is None and index >= 0 and self.tabs.widget(index) is self._placeholder:
            self._build_pane()

    def handlers(self) -> dict:
        return {"view.subjects": self.focus, "claim.subject": self.assign, "subjects.rename": self.rename,
                "subjects.merge": self.merge, "subjects.split": self.split}

    def project_opened(self, project: Project) -> None:
        if self._pane is not None:
            self._pane.measure_id = None
        self.changed()

    def project_closed(self) -> None:
        if self._pane is not None:
            self._pane.measure_id = None
        self.changed()

    def _shown_pane(self) -> SubjectsPane | None:
        """The pane when it is built and on show (else nothing is to follow or read from it)."""
        return self._pane if self._pane is not None and self._pane.isVisible() else None

    def changed(self) -> None:
        """Subjects, measures or links changed: the tab (now if on show) and the table's filter."""
        if self._pane is not None:
            self._pane.mark_stale()  # a tab on show has just read them: the filter takes its list
        shown = self._shown_pane()
        self.claims_pane.set_subjects(shown.subjects if shown is not None else self._list_subjects())

    def _list_subjects(self) -> list:
        from claimdesk.ops import subjects as subject_ops

        project = self.session.project
        return subject_ops.list_subjects(project) if project is not None else []

    def changes(self, changes: Changes) -> None:
        """A change was made (or undone): subjects, measures or links change the counts, so the
        table's subject list is re-read too; a claim's edit changes at most a figure."""
        if changes.subjects:
            self.changed()
        elif changes.claims and self._pane is not None:
            self._pane.mark_stale()

    def focus(self) -> None:
        """Alt+6: the Subjects tab, at the selected claim's measure when it has one."""
        self.tabs.setCurrentWidget(self.pane)
        sizes = self.centre.sizes()
        if sum(sizes) and sizes[1] < 0.5 * sum(sizes):  # the timeline needs height: the reader gives some
            self.centre.setSizes([round(sum(sizes) * 0.45), sum(sizes) - round(sum(sizes) * 0.45)])
        current = self.session.current_claim_id
        link = self._link(current)
        if link is not None:
            self.pane.select_measure(link[1].id)
            self.pane.timeline.set_current(current)
        self.pane.setFocus()

    def follow(self, claim_id: int) -> None:
        """A claim chosen in the reader: the tab on show moves to its measure and figure."""
        pane = self._shown_pane()
        if pane is None:
            return
        link = self._link(claim_id)
        if link is not None and link[1].id != pane.measure_id:
            pane.select_measure(link[1].id)
        if any(figure.claim_id == claim_id for figure in pane.timeline.figures):
            pane.timeline.set_current(claim_id)

    def about_line(self, claim_id: int) -> str:
        """The claim editor's line naming what the claim is about."""
        link = self._link(claim_id)
        if link is None:
            return "About: <i>no subject yet</i> — Ctrl+Shift+M assigns one"
        subject, measure, state = link[0], link[1], link[2]
        certainty = "" if state.state == "confirmed" else \
            f" · proposed{f' ({state.confidence:.0%})' if state.confidence is not None else ''}"
        return (f"About: <b>{html.escape(subject.name)}</b> › {html.escape(measure.name)} "
                f"({html.escape(measure.unit or measure.unit_class)}){certainty} — Ctrl+Shift+M changes it")

    def _link(self, claim_id: int | None):
        if claim_id is None or self.session.project is None:
            return None
        from claimdesk.ops import subjects as subject_ops

        return subject_ops.link_of(self.session.project, claim_id)

    # -- assigning -------------------------------------------------------------
    def assign(self) -> SubjectDialog | None:
        project, claim_id = self.session.project, self.session.current_claim_id
        if project is None or claim_id is None:
            self.services.show_problem("Select a claim first, then press Ctrl+Shift+M to say what it is about")
            return None
        from claimdesk.ops import claims as claim_ops
        from claimdesk.ui.subject_dialog import SubjectDialog

        claim = claim_ops.get_claim(project, claim_id)
        if claim is None:  # deleted meanwhile (by another Claimdesk)
            self.services.show_problem(f"Claim #{claim_id} is gone")
            return None
        link = self._link(claim_id)
        current = (link[0].name, link[1].name, link[1].unit_class) if link else None
        quote = " ".join(claim.quote.split())
        self.dialog = SubjectDialog(self._list_subjects(), f"Claim #{claim_id}: “{quote[:160]}”", current,
                                    _proposed_measure(claim), self.services.parent)
        dialog = self.dialog
        dialog.accepted.connect(lambda: self._apply(claim_id, dialog.choice()))
        dialog.open()
        return dialog

    def _apply(self, claim_id: int, choice) -> None:
        from claimdesk.core.subjects_model import LinkClaimMeasure
        from claimdesk.ops import claims as claim_ops
        from claimdesk.ops import subjects as subject_ops

        project = self.session.open_project()
        try:
            if choice.unlink:
                command, text = LinkClaimMeasure(claim_id, None), f"remove the subject of #{claim_id}"
                done = f"Claim #{claim_id} is about nothing tracked now"
            else:
                subject = subject_ops.find_or_add_subject(project, choice.subject)
                claim = claim_ops.get_claim(project, claim_id)
                unit = (claim.fields.get("currency") or claim.fields.get("unit") or None) if claim else None
                measure = subject_ops.find_or_add_measure(project, subject.id, choice.measure, choice.unit_class,
                                                          unit)
                command = LinkClaimMeasure(claim_id, measure.id)
                text = f"link #{claim_id} to {subject.name} › {measure.name}"
                done = f"Claim #{claim_id} is about {subject.name} › {measure.name} (Ctrl+Z undoes)"
            self.services.run_command(command, text)
        except (ClaimError, StorageError) as exc:
            self.services.show_problem(f"Cannot change what claim #{claim_id} is about: {exc}")
            return
        self.services.show_status(done, STATUS_MS)

    # -- rename, merge, split --------------------------------------------------
    def rename(self) -> None:
        from claimdesk.ops import subjects as subject_ops
        from claimdesk.ui.subjects_pane import MEASURE, SUBJECT

        nodes = self._nodes()
        if len(nodes) != 1 or nodes[0][0] not in (SUBJECT, MEASURE):
            self.services.show_problem("Select one subject or measure in the Subjects tab (Alt+6) to rename it")
            return
        kind, key = nodes[0]
        project = self.session.open_project()
        thing = subject_ops.get_subject(project, key) if kind == SUBJECT else subject_ops.get_measure(project, key)
        if thing is None:
            return
        name = self.services.dialogs.text(f"Rename {kind}", f"New name for {thing.name}:", thing.name)
        if name is None or name.strip() == thing.name:
            return
        rename = subject_ops.rename_subject if kind == SUBJECT else subject_ops.rename_measure
        self._run(lambda: rename(project, key, name), f"Renamed {thing.name} to {name.strip()}")

    def merge(self) -> None:
        from claimdesk.ops import subjects as subject_ops
        from claimdesk.ui.subjects_pane import MEASURE, SUBJECT

        nodes = self._nodes()
        kinds = {kind for kind, _ in nodes}
        if len(nodes) < 2 or len(kinds) != 1 or kinds - {SUBJECT, MEASURE}:
            self.services.show_problem("Select two or more subjects, or two or more measures, in the Subjects tab "
                                     "(Ctrl+click); they merge into the first")
            return
        project, keep = self.session.open_project(), nodes[0][1]
        merge = subject_ops.merge_subjects if SUBJECT in kinds else subject_ops.merge_measures

        def run():
            for _, other in nodes[1:]:
                merge(project, keep, other)
        self._run(run, f"Merged {len(nodes) - 1} {'subject' if SUBJECT in kinds else 'measure'}(s) into the first")

    def split(self) -> None:
        from claimdesk.ops import subjects as subject_ops
        from claimdesk.ui.subjects_pane import ALIAS, SUBJECT

        nodes = self._nodes()
        project = self.session.open_project()
        if len(nodes) == 1 and nodes[0][0] == SUBJECT:
            subject = subject_ops.get_subject(project, nodes[0][1])
            if subject is None or not subject.aliases:
                self.services.show_problem("This subject has no other names to split off")
                return
            alias = self.services.dialogs.text("Split off", "Which name is a subject of its own?", subject.aliases[0])
            if alias is None:
                return
            nodes = [(ALIAS, (subject.id, alias.strip()))]
        if not nodes or any(kind != ALIAS for kind, _ in nodes):
            self.services.show_problem("Select an “also written” name under a subject to make it a subject of its "
                                     "own; to move figures to another measure, select each and press Ctrl+Shift+M")
            return

        def run():
            for _, (subject_id, alias) in nodes:
                subject_ops.split_alias(project, subject_id, alias)
        self._run(run, f"Split {len(nodes)} name(s) off into subjects of their own")

    def _nodes(self) -> list:
        pane = self._shown_pane()
        return pane.selected_nodes() if pane is not None and self.session.project is not None else []

    def _run(self, change, done: str) -> None:
        from claimdesk.ops import subjects as subject_ops

        try:
            change()
        except (ClaimError, StorageError, LookupError) as exc:
            self.services.dialogs.error("Subjects", str(exc))
        else:
            self.services.show_status(done, STATUS_MS)
        self.services.apply_changes(subject_ops.REORGANISED)  # also after a refusal: merges before it stay


def _proposed_measure(claim) -> tuple[str, str] | None:
    """The detector's guess at a new measure for this claim, offered when it has no link."""
    from claimdesk.core.measures import propose_measure  # loaded when first asked for

    try:
        proposal = propose_measure(claim.kind, claim.fields, claim.quote, claim.prefix + claim.quote + claim.suffix)
    except (TypeError, ValueError):
        return None
    return (proposal.name, proposal.unit_class) if proposal is not None else None
